"""The append-only audit log: who read, wrote, merged, exported or screened what, and when.

Rows are only ever inserted. Each row carries the SHA-256 of its content and
of the row before it, so a changed or deleted row breaks the chain and
:func:`verify` says where. Requests hand their records to a writer thread
that inserts them in batches, so auditing does not slow reads down.
"""

from __future__ import annotations

import hashlib
import json
import logging
import queue
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tracegraph.errors import StoreError
from tracegraph.store import Store, now
from tracegraph.store.queries import server_audit as sql

GENESIS = "0" * 64
#: the fields of an audit row, in order (the CSV export's header)
COLUMNS = sql.COLUMNS


@dataclass
class AuditRecord:
    action: str
    target: str
    user_id: str | None = None
    user_name: str | None = None
    agency_id: str | None = None
    detail: dict[str, Any] = field(default_factory=dict)
    outcome: str = "ok"
    at: str = field(default_factory=now)


def _digest(prev: str, seq: int, rec: AuditRecord, detail: str) -> str:
    parts = [
        prev,
        str(seq),
        rec.at,
        rec.user_id or "",
        rec.user_name or "",
        rec.agency_id or "",
        rec.action,
        rec.target,
        detail,
        rec.outcome,
    ]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def append(store: Store, records: list[AuditRecord]) -> None:
    """Insert records at the end of the chain (one transaction, one batch of inserts)."""
    if not records:
        return
    with store.transaction():
        seq, prev = sql.last_link(store) or (0, GENESIS)
        rows = []
        for rec in records:
            seq += 1
            detail = json.dumps(rec.detail, sort_keys=True, ensure_ascii=False, default=str)
            digest = _digest(prev, seq, rec, detail)
            rows.append(
                (
                    "au-" + secrets.token_hex(8),
                    seq,
                    rec.at,
                    rec.user_id,
                    rec.user_name,
                    rec.agency_id,
                    rec.action,
                    rec.target[:500],
                    detail,
                    rec.outcome,
                    prev,
                    digest,
                )
            )
            prev = digest
        sql.add_many(store, rows)


def records(
    store: Store,
    user: str | None = None,
    action: str | None = None,
    target: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 1000,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Audit rows, oldest first, filtered by user name or id, action, target, time range."""
    out = []
    for row in sql.rows(store, user, action, target, since, until, limit, offset):
        item = dict(zip(sql.COLUMNS, row, strict=True))
        item["detail"] = json.loads(item["detail"])
        out.append(item)
    return out


def verify(store: Store) -> tuple[bool, int | None]:
    """Whether the chain is whole; else the first sequence number where it breaks."""
    prev, expected = GENESIS, 1
    for row in sql.chain(store):
        (_, seq, at, user_id, user_name, agency_id, action, target, detail, outcome, prev_hash, digest) = row
        rec = AuditRecord(action, target, user_id, user_name, agency_id, {}, outcome, at)
        if seq != expected or prev_hash != prev or _digest(prev, seq, rec, detail) != digest:
            return False, int(seq)
        prev, expected = digest, expected + 1
    return True, None


def _append_retrying(store: Store, records: list[AuditRecord], tries: int = 5) -> None:
    """Append, trying again when another process took the same sequence number first."""
    for attempt in range(tries):
        try:
            append(store, records)
            return
        except StoreError:
            if attempt == tries - 1:
                raise
            time.sleep(0.05 * (attempt + 1))


#: how long the writer waits after a record for more to write in the same transaction
GATHER_SECONDS = 0.05


class AuditWriter:
    """Takes records from request threads and appends them in batches on one thread."""

    def __init__(self, opener: Callable[[], Store]) -> None:
        self._opener = opener
        self._queue: queue.Queue[AuditRecord | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def start(self) -> None:
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="tracegraph-audit", daemon=True)
                self._thread.start()

    def log(self, record: AuditRecord) -> None:
        self.start()
        self._queue.put(record)

    def flush(self) -> None:
        """Wait until every record handed in so far is stored."""
        if self._thread is None:
            return
        self._queue.join()

    def stop(self) -> None:
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(timeout=10)
            self._thread = None

    def _run(self) -> None:
        store = self._opener()
        try:
            while True:
                first = self._queue.get()
                if first is not None:  # gather what arrives meanwhile: one transaction, not one per request
                    time.sleep(GATHER_SECONDS)
                batch = [first]
                while not self._queue.empty() and len(batch) < 500:
                    batch.append(self._queue.get_nowait())
                records = [r for r in batch if r is not None]
                try:
                    _append_retrying(store, records)
                except Exception:  # a failed batch is reported in the server log; the server goes on
                    logging.getLogger("tracegraph.audit").exception("could not write %d audit records", len(records))
                finally:
                    for _ in batch:
                        self._queue.task_done()
                if None in batch:
                    return
        finally:
            store.close()
