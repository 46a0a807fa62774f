"""Both backends: concurrent first opens, migrations killed half-way, unreachable servers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tracegraph.errors import ConfigError, StoreError
from tracegraph.settings import Settings
from tracegraph.store import Statement, open_store

REPO = Path(__file__).resolve().parents[2]

_WRITER = """
import sys
from tracegraph.settings import Settings
from tracegraph.store import Statement, open_store
db, tag = sys.argv[1], sys.argv[2]
for round_ in range(5):
    with open_store(Settings(db=db)) as store:
        store.add_statements(
            Statement(entity_id=f"{tag}-{round_}-{i}", schema="Company", prop="name", value=f"Firm {tag} {i}")
            for i in range(50)
        )
print("ok")
"""

_SLOW_MIGRATION = """
import sys, time
from tracegraph.settings import Settings
from tracegraph.store import open_store
from tracegraph.store.migrations import register

def slow(store):
    store.execute("CREATE TABLE half_done (x INTEGER)")
    print("started", flush=True)
    if sys.argv[2] == "sleep":
        time.sleep(60)

register("test.slow", slow, "CREATE TABLE after_slow (y INTEGER)")
with open_store(Settings(db=sys.argv[1])) as store:
    print("done", sorted(store.migrations())[-1], flush=True)
"""


def _python(code: str, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    return subprocess.Popen(
        [sys.executable, "-c", code, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )


def test_processes_opening_and_writing_a_new_store_at_once_all_finish(settings: Settings) -> None:
    procs = [_python(_WRITER, settings.db, tag) for tag in ("a", "b", "c")]
    results = [p.communicate(timeout=120) for p in procs]
    for proc, (out, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, err
        assert out.strip() == "ok"
    with open_store(settings) as store:
        assert store.stats()["statements"] == 3 * 5 * 50
        assert store.migrations().count("core.1") == 1


def test_a_migration_killed_half_way_runs_again_on_the_next_open(settings: Settings) -> None:
    with open_store(settings):
        pass  # the store exists, with every registered migration
    proc = _python(_SLOW_MIGRATION, settings.db, "sleep")
    assert proc.stdout is not None
    deadline = time.monotonic() + 60
    line = ""
    while "started" not in line and time.monotonic() < deadline:
        line = proc.stdout.readline()
    assert "started" in line
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    with open_store(settings) as store:
        assert "test.slow" not in store.migrations()
        assert store.query("SELECT COUNT(*) FROM statements")[0][0] == 0
    again = _python(_SLOW_MIGRATION, settings.db, "fast")
    _, err = again.communicate(timeout=120)
    assert again.returncode == 0, err
    with open_store(settings) as store:
        assert "test.slow" in store.migrations()
        assert store.query("SELECT COUNT(*) FROM half_done")[0][0] == 0
        assert store.query("SELECT COUNT(*) FROM after_slow")[0][0] == 0


def test_writes_and_reads_go_through_on_this_backend(settings: Settings) -> None:
    with open_store(settings) as store:
        store.add_statements([Statement(entity_id="x", schema="Company", prop="name", value="50% Chem\x00 Ltd")])
        assert store.entity("x").get("name")[0].startswith("50% Chem")
        assert store.query("SELECT COUNT(*) FROM statements WHERE value LIKE ?", ("50%",))[0][0] == 1


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    env.pop("TRACEGRAPH_DB", None)
    return subprocess.run(
        [str(Path(sys.executable).parent / "tracegraph"), *args], capture_output=True, text=True, env=env, timeout=120
    )


def test_a_server_that_is_down_is_one_clear_line_and_an_exit_status() -> None:
    result = _cli("--db", "postgresql://someone:secret@127.0.0.1:9/nothing", "stats")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "cannot reach the PostgreSQL server" in lines[0]
    assert "secret" not in lines[0]
    as_json = _cli("--json", "--db", "postgresql://someone@127.0.0.1:9/nothing", "stats")
    assert as_json.returncode == 1
    assert '"store_error"' in as_json.stdout + as_json.stderr


def test_a_wrong_url_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no store backend"):
        open_store(Settings(db="mysql://x@y/z"))
    with pytest.raises(StoreError, match="folder"):
        open_store(Settings(db=str(tmp_path / "missing" / "x.sqlite")))


def test_a_wrong_database_name_on_a_live_server(pg_url: str) -> None:
    base = pg_url.split("?", 1)[0].rsplit("/", 1)[0]
    with pytest.raises(StoreError, match="database"):
        open_store(Settings(db=f"{base}/no_such_database_here"))
