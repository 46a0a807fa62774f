"""Issue 12: kill -9 at seeded random points of ingest, lists load, build, resolve and merge.

Each killed step is run again to its end and the store compared with a clean run of the
same step from the same starting store: lost, duplicated and changed statements (and
documents, merges and list entries) must all be 0. CI runs one seeded kill per step;
``bench/bench_faults.py`` runs many and reports the figures.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.reliability.harness import STEPS, Prepared, fault_run, prepare

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Prepared:
    return prepare(tmp_path_factory.mktemp("faults"))


@pytest.mark.parametrize("step", [name for name, _ in STEPS])
def test_a_step_killed_and_resumed_equals_a_clean_run(prepared: Prepared, step: str, tmp_path: Path) -> None:
    result = fault_run(prepared, step, seed=1, workdir=tmp_path)
    assert result.resumed_exit in (0, 1), result
    assert result.diff.clean, result
