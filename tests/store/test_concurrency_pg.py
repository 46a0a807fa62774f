"""Issue 8.7 on PostgreSQL: two ingests, a build and readers on one shared store at once all finish,
and once the work is done the store holds what a serial run gives: nothing lost, nothing twice.

(``tests/reliability/test_concurrency.py`` is the same check on a SQLite file.)
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from tracegraph.settings import Settings
from tracegraph.store import open_store

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "src" / "tracegraph" / "examples" / "corpus"
PART_A = [str(EXAMPLES / n) for n in ("harborlight_prison.txt", "roundup.html", "seller_network.md")]
PART_B = [str(EXAMPLES / "registry.jsonl"), str(EXAMPLES / "listings"), str(EXAMPLES / "analysis")]
CLI = [sys.executable, "-c", "from tracegraph.cli import main; main()"]
WRITERS = [["ingest", *PART_A], ["ingest", *PART_B], ["build", "--no-resolve"]]
READERS = [["stats"], ["docs"], ["search", "Harborlight"], ["timeline"]]
FINISH = [["ingest", *PART_A, *PART_B], ["build", "--no-resolve"], ["resolve"]]
#: the statement columns a run must reproduce (timestamps left out)
FACT = "id, entity_id, schema, prop, value, dataset, document_id, record_id, span_start, span_end, extractor"


def _env() -> dict[str, str]:
    out = {k: v for k, v in os.environ.items() if not k.startswith("TRACEGRAPH_")}
    return {**out, "TRACEGRAPH_PROGRESS": "0", "PYTHONPATH": str(REPO / "src")}


def _run(url: str, args: list[str]) -> None:
    done = subprocess.run([*CLI, "--db", url, *args], capture_output=True, text=True, env=_env(), timeout=900)
    assert done.returncode == 0, (args, done.stderr[-500:])


@pytest.fixture
def second_url(pg_url: str) -> Iterator[str]:
    """Another fresh schema on the same server (for the serial run)."""
    import psycopg

    base = os.environ["TRACEGRAPH_TEST_PG_URL"]
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in base else "?"
    yield f"{base}{sep}options={quote(f'-csearch_path={schema}')}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


def _snapshot(url: str) -> dict[str, set[tuple[object, ...]]]:
    with open_store(Settings(db=url)) as store:
        return {
            "statements": set(store.query(f"SELECT {FACT} FROM statements")),
            "documents": set(store.query("SELECT id, source_id, kind, title, retired_at IS NULL FROM documents")),
            "merges": set(store.query("SELECT left_id, right_id, kind FROM judgement_log")),
            "failures": set(store.query("SELECT uri, stage FROM failures")),
        }


def test_concurrent_processes_on_postgresql_finish_and_equal_a_serial_run(pg_url: str, second_url: str) -> None:
    for args in FINISH:
        _run(second_url, args)
    _run(pg_url, ["stats"])  # the schema's tables exist; concurrent first opens are tested in test_backends.py
    procs = [
        subprocess.Popen([*CLI, "--db", pg_url, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env())
        for args in WRITERS + READERS
    ]
    errors = []
    for proc in procs:
        _, err = proc.communicate(timeout=900)
        if proc.returncode != 0:
            errors.append((proc.args[4:], proc.returncode, err.decode(errors="replace")[-300:]))
    assert errors == []
    for args in FINISH:  # what the concurrent build did not see yet, then resolution
        _run(pg_url, args)
    serial, shared = _snapshot(second_url), _snapshot(pg_url)
    assert shared["failures"] == serial["failures"] == set()
    assert len(shared["statements"]) == len(serial["statements"]) > 100
    assert shared["statements"] == serial["statements"]
    assert shared["documents"] == serial["documents"]
    assert {m[:2] for m in shared["merges"]} == {m[:2] for m in serial["merges"]}
