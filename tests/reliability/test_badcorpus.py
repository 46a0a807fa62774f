"""Issue 12: a generated corpus of over 1,000 hostile inputs, ingested in one run.

Goal: 0 crashes, 0 hangs, 0 garbage stored in silence, 0 good inputs refused, and
every rejected input named on exactly one line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.reliability.badcorpus import judge, make

pytestmark = pytest.mark.slow


def test_a_thousand_hostile_inputs(tmp_path: Path) -> None:
    items = make(tmp_path / "in", seed=7)
    assert len(items) >= 1_000
    verdict = judge(tmp_path / "in", items, tmp_path / "bad.sqlite", timeout=300)
    assert verdict.crashes == 0 and verdict.hangs == 0, verdict
    assert verdict.silent_garbage == [], verdict.silent_garbage
    assert verdict.silent_drops == [], verdict.silent_drops
    assert verdict.refused_good == [], verdict.refused_good
    assert verdict.multi_line == [], verdict.multi_line
    assert verdict.clear_errors + verdict.accepted == len(items)
