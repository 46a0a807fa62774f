"""A big file is streamed in bounded memory; a killed run loses nothing and the next completes."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

PARAGRAPH = (
    "Customs officers at the port of Lorvik seized forty drums of an industrial solvent on Tuesday "
    "after the shipment was declared as food colouring, the harbour authority said.\n\n"
)

MEASURE = """
import gc, resource, sys
from tracegraph.ingest import ingest_paths
from tracegraph.settings import Settings
from tracegraph.store import open_store
settings = Settings(db=sys.argv[2], max_document_bytes=250_000, keep_raw_bytes=1_000_000)
store = open_store(settings)
gc.collect()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
report = ingest_paths(store, [sys.argv[1]], settings)
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(report.read, report.documents, (after - before) // 1024)
"""


def _write_big(path: Path, megabytes: int) -> None:
    block = ("Harbour report\n\n" + PARAGRAPH * 40) * 10
    with path.open("w", encoding="utf-8") as handle:
        for _ in range(megabytes * 1_000_000 // len(block) + 1):
            handle.write(block)


def test_a_big_text_file_is_streamed_with_bounded_memory(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    _write_big(big, 6)
    db = tmp_path / "big.sqlite"
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, str(big), str(db)], capture_output=True, text=True, check=True, timeout=120
    )
    read, documents, growth_mb = (int(v) for v in out.stdout.split())
    assert read == 1
    assert documents >= 20  # cut into chunks of about 250 kB
    assert growth_mb < 40, f"peak memory grew by {growth_mb} MB for a 6 MB file"
    with sqlite3.connect(db) as conn:
        status, raw = conn.execute("SELECT status, raw_text FROM sources").fetchone()
        (size,) = conn.execute("SELECT SUM(LENGTH(text)) FROM documents").fetchone()
    assert status == "ok"
    assert raw is None  # too big to keep a raw copy
    assert size > 5_000_000


def _counts(db: Path) -> tuple[int, int, int]:
    with sqlite3.connect(db, timeout=5) as conn:
        docs = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        ok = conn.execute("SELECT COUNT(*) FROM sources WHERE status = 'ok'").fetchone()[0]
        titles = conn.execute("SELECT COUNT(DISTINCT title) FROM documents").fetchone()[0]
    return docs, ok, titles


def test_kill_9_mid_batch_loses_nothing_and_the_next_run_completes(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    total = 400
    for n in range(total):
        (corpus / f"item{n:04d}.txt").write_text(f"Harbour item {n}\n\n{PARAGRAPH * 3}", encoding="utf-8")
    db = tmp_path / "crash.sqlite"
    command = [sys.executable, "-c", "from tracegraph.cli import main; main()", "--db", str(db), "ingest", str(corpus)]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if db.exists():
            try:
                if _counts(db)[0] >= 20:
                    break
            except sqlite3.Error:
                pass
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    docs, ok, _ = _counts(db)
    assert docs == ok, "every stored source has exactly its document: no half-written source"
    assert docs < total, "the run was killed before it finished"
    again = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert f"skipped (unchanged): {ok}" in again.stdout
    docs, ok, titles = _counts(db)
    assert (docs, ok, titles) == (total, total, total)
