"""Fault-injection harness: run CLI steps, kill them with SIGKILL at seeded random points,
resume, and compare the store with a clean run's (lost, duplicated, changed statements).

Used by ``tests/reliability`` (a few seeded runs) and ``bench/bench_faults.py`` (many).
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "src" / "tracegraph" / "examples" / "corpus"
SDN = REPO / "tests" / "screen" / "fixtures" / "sdn_v1"
CLI = [sys.executable, "-c", "from tracegraph.cli import main; main()"]

#: the statement columns a run must reproduce (timestamps left out)
_FACT = (
    "id, entity_id, schema, prop, value, dataset, document_id, record_id, span_start, span_end, "
    "extractor, extractor_version, ROUND(confidence, 6)"
)


def env() -> dict[str, str]:
    out = {k: v for k, v in os.environ.items() if not k.startswith("TRACEGRAPH_")}
    out["TRACEGRAPH_PROGRESS"] = "0"
    return out


def run(db: Path, args: Sequence[str], timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """One ``tracegraph`` command on ``db``, to completion."""
    return subprocess.run(
        [*CLI, "--db", str(db), *args], capture_output=True, text=True, timeout=timeout, env=env(), check=False
    )


def killed(db: Path, args: Sequence[str], delay: float) -> int | None:
    """Start a command and SIGKILL it after ``delay`` seconds; its exit code if it finished first."""
    proc = subprocess.Popen(
        [*CLI, "--db", str(db), *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env()
    )
    try:
        return proc.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        return None


def killed_at(db: Path, args: Sequence[str], sql: str, target: int, timeout: float) -> int | None:
    """Start a command and SIGKILL it as soon as ``sql`` counts ``target`` rows; its exit code if it ended first."""
    proc = subprocess.Popen(
        [*CLI, "--db", str(db), *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env()
    )
    deadline = time.monotonic() + timeout
    while proc.poll() is None and time.monotonic() < deadline:
        try:
            reached = _count(db, sql) >= target
        except sqlite3.Error:  # not created yet, or busy for a moment
            reached = False
        if reached:
            break
        time.sleep(0.02)
    if proc.poll() is not None:
        return proc.returncode
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return None


@dataclass
class Snapshot:
    """What a store holds, without timestamps."""

    statements: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    semantic_duplicates: int = 0
    documents: set[tuple[Any, ...]] = field(default_factory=set)
    merges: set[tuple[str, str]] = field(default_factory=set)
    lists: set[tuple[Any, ...]] = field(default_factory=set)
    integrity: str = "ok"


def snapshot(db: Path) -> Snapshot:
    conn = sqlite3.connect(db)
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        snap = Snapshot(integrity=str(conn.execute("PRAGMA integrity_check").fetchone()[0]))
        rows = conn.execute(f"SELECT {_FACT} FROM statements").fetchall()
        snap.statements = {row[0]: tuple(row[1:]) for row in rows}
        keys = Counter((r[1], r[3], r[4], r[6], r[7], r[8], r[10]) for r in rows)
        snap.semantic_duplicates = sum(n - 1 for n in keys.values())
        snap.documents = set(
            conn.execute("SELECT id, source_id, kind, title, published, retired_at IS NULL FROM documents").fetchall()
        )
        snap.merges = {
            (str(a), str(b))
            for a, b in conn.execute(
                "SELECT left_id, right_id FROM judgements WHERE undone_at IS NULL AND kind = 'merge'"
            )
        }
        if "list_entries" in tables:
            snap.lists = set(conn.execute("SELECT list_name, record_id, entity_id, status FROM list_entries"))
        return snap
    finally:
        conn.close()


@dataclass
class Diff:
    lost: int
    duplicated: int
    changed: int
    documents: int
    merges: int
    lists: int
    integrity: str

    @property
    def clean(self) -> bool:
        return not (self.lost or self.duplicated or self.changed or self.documents or self.merges or self.lists) and (
            self.integrity == "ok"
        )


def compare(clean: Snapshot, other: Snapshot) -> Diff:
    """Lost (in the clean run only), duplicated (extra rows, or one fact twice), changed (same id, other values)."""
    lost = len(clean.statements.keys() - other.statements.keys())
    extra = len(other.statements.keys() - clean.statements.keys())
    changed = sum(
        1 for k in clean.statements.keys() & other.statements.keys() if clean.statements[k] != other.statements[k]
    )
    return Diff(
        lost=lost,
        duplicated=extra + max(0, other.semantic_duplicates - clean.semantic_duplicates),
        changed=changed,
        documents=len(clean.documents ^ other.documents),
        merges=len(clean.merges ^ other.merges),
        lists=len(clean.lists ^ other.lists),
        integrity=other.integrity,
    )


#: the pipeline the fault runs go through: (name, arguments)
STEPS: list[tuple[str, list[str]]] = [
    ("ingest", ["ingest", str(EXAMPLES)]),
    ("lists load", ["lists", "load", *(str(SDN / n) for n in ("sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"))]),
    ("build", ["build", "--no-resolve"]),
    ("resolve", ["resolve"]),
    (
        "merge",
        ["merge", "Harborlight Chemical Co., Ltd.", "Wuhan Ruixin Scientific Co., Ltd", "--reason", "fault test"],
    ),
]


def checkpoint(db: Path) -> None:
    """Fold the WAL into the main file so a copy of the file is the whole store."""
    conn = sqlite3.connect(db)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def copy_store(src: Path, dst: Path) -> Path:
    checkpoint(src)
    for suffix in ("", "-wal", "-shm"):
        target = Path(str(dst) + suffix)
        if target.exists():
            target.unlink()
    shutil.copyfile(src, dst)
    return dst


@dataclass
class Prepared:
    """A clean run of :data:`STEPS`: the store before each step, the snapshot and time after it."""

    before: dict[str, Path]
    after: dict[str, Snapshot]
    seconds: dict[str, float]
    after_db: Path


def prepare(workdir: Path) -> Prepared:
    workdir.mkdir(parents=True, exist_ok=True)
    db = workdir / "clean.sqlite"
    prepared = Prepared({}, {}, {}, db)
    run(db, ["stats"])  # create the store
    for name, args in STEPS:
        prepared.before[name] = copy_store(db, workdir / f"before-{name.replace(' ', '_')}.sqlite")
        started = time.perf_counter()
        done = run(db, args)
        prepared.seconds[name] = time.perf_counter() - started
        if done.returncode not in (0, 1):
            raise RuntimeError(f"clean {name} failed: {done.stderr[-500:]}")
        checkpoint(db)
        prepared.after[name] = snapshot(db)
    return prepared


#: per step, the table whose rows show how far a killed run had got
_PROGRESS = {
    "ingest": "SELECT COUNT(*) FROM sources WHERE status = 'ok'",
    "lists load": "SELECT COUNT(*) FROM statements",
    "build": "SELECT COUNT(*) FROM processed",
    "resolve": "SELECT COUNT(*) FROM judgements",
    "merge": "SELECT COUNT(*) FROM judgements",
}


def _count(db: Path, sql: str) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute(sql).fetchone()[0])
    finally:
        conn.close()


@dataclass
class FaultRun:
    step: str
    seed: int
    delay: float
    finished_before_kill: bool
    #: how far the killed run had written: 0 nothing, 1 all (rows of the step's table, before to after)
    progress: float
    resumed_exit: int
    diff: Diff


def fault_run(prepared: Prepared, step: str, seed: int, workdir: Path) -> FaultRun:
    """Kill ``step`` at a seeded random point, run it again to the end, compare with the clean run."""
    args = dict(STEPS)[step]
    rng = random.Random(f"{step}:{seed}")
    delay = rng.uniform(0.3, 1.0) * prepared.seconds[step]
    db = copy_store(prepared.before[step], workdir / f"fault-{step.replace(' ', '_')}-{seed}.sqlite")
    sql = _PROGRESS[step]
    start = _count(db, sql)
    end = _count(prepared.after_db, sql)
    if end - start >= 2:  # kill once a seeded share of the step's rows is written: mid-write for sure
        target = start + rng.randint(1, end - start - 1)
        finished = killed_at(db, args, sql, target, timeout=3 * prepared.seconds[step] + 30) is not None
    else:
        finished = killed(db, args, delay) is not None
    progress = (_count(db, sql) - start) / (end - start) if end > start else 1.0
    resumed = run(db, args)
    checkpoint(db)
    diff = compare(prepared.after[step], snapshot(db))
    return FaultRun(step, seed, round(delay, 2), finished, round(progress, 2), resumed.returncode, diff)
