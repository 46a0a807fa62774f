"""Names given to merge and split resolve exactly, or fail listing the candidates."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from tracegraph.cli import cli
from tracegraph.errors import InputError, NotFoundError
from tracegraph.graph.refs import resolve_ref
from tracegraph.settings import Settings
from tracegraph.store import Statement, Store


def _people(store: Store) -> None:
    store.add_statements(
        [
            Statement(entity_id="p-trump", schema="Person", prop="name", value="Donald Trump"),
            Statement(entity_id="p-biden", schema="Person", prop="name", value="Joe Biden"),
            Statement(entity_id="p-lee-1", schema="Person", prop="name", value="Lee Wei"),
            Statement(entity_id="p-lee-2", schema="Person", prop="name", value="LEE  Wei"),
        ]
    )


def test_a_name_resolves_only_when_exactly_one_entity_has_it(store: Store) -> None:
    _people(store)
    assert resolve_ref(store, "donald trump") == "p-trump"
    assert resolve_ref(store, "p-biden") == "p-biden"
    with pytest.raises(NotFoundError, match="closest: Donald Trump"):
        resolve_ref(store, "Donald Trump Jr")
    with pytest.raises(InputError, match="fits 2 entities"):
        resolve_ref(store, "Lee Wei")


def test_merge_by_a_name_nobody_has_merges_nothing(store: Store, settings: Settings) -> None:
    _people(store)
    result = CliRunner().invoke(cli, ["--db", settings.db, "merge", "Donald Trump Jr", "Joe Biden", "--reason", "x"])
    assert result.exit_code != 0
    assert store.judgements() == []
    assert store.canonical("p-trump") == "p-trump"
