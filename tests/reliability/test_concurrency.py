"""Issue 12: several processes (ingest, lists load, build, readers) on one store at once.

Goal: no process fails (no "database is locked"), and once the work is finished the
store equals the one a serial run gives.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.reliability.harness import CLI, EXAMPLES, SDN, compare, env, run, snapshot

pytestmark = pytest.mark.slow

PART_A = [str(EXAMPLES / n) for n in ("harborlight_prison.txt", "roundup.html", "seller_network.md")]
PART_B = [str(EXAMPLES / "registry.jsonl"), str(EXAMPLES / "listings"), str(EXAMPLES / "analysis")]
LISTS = [str(SDN / n) for n in ("sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv")]
WRITERS = [["ingest", *PART_A], ["ingest", *PART_B], ["lists", "load", *LISTS], ["build", "--no-resolve"]]
READERS = [["stats"], ["docs"], ["search", "Harborlight"]]
FINISH = [["ingest", *PART_A, *PART_B], ["lists", "load", *LISTS], ["build", "--no-resolve"], ["resolve"]]


def test_concurrent_processes_then_finished_equal_a_serial_run(tmp_path: Path) -> None:
    serial = tmp_path / "serial.sqlite"
    for args in FINISH:
        assert run(serial, args).returncode == 0
    db = tmp_path / "shared.sqlite"
    run(db, ["stats"])  # created first: concurrent first opens are the store's own test (issue 12.4)
    procs = [
        subprocess.Popen([*CLI, "--db", str(db), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env())
        for args in WRITERS + READERS
    ]
    errors = []
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        if proc.returncode != 0:
            errors.append((proc.args[4:], proc.returncode, err.decode(errors="replace")[-300:]))
    assert errors == []
    for args in FINISH:  # what the concurrent build did not see yet, then resolution
        assert run(db, args).returncode == 0
    diff = compare(snapshot(serial), snapshot(db))
    assert diff.clean, diff
