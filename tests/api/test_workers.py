"""`tracegraph serve --workers`: a number, or auto (several processes on PostgreSQL, one on SQLite)."""

from __future__ import annotations

import os

import click
import pytest

from tracegraph.cli.serve import worker_count


def test_auto_uses_the_cores_on_postgresql_and_one_process_on_sqlite() -> None:
    assert worker_count("auto", "postgresql://tg@127.0.0.1/tracegraph") == min(8, os.cpu_count() or 1)
    assert worker_count("auto", "tracegraph.sqlite") == 1
    assert worker_count("3", "tracegraph.sqlite") == 3


@pytest.mark.parametrize("value", ["0", "65", "many"])
def test_a_wrong_count_is_refused_in_words(value: str) -> None:
    with pytest.raises(click.BadParameter, match="a number from 1 to 64, or auto"):
        worker_count(value, "tracegraph.sqlite")
