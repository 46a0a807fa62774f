"""Load a list into the store: statements with record provenance, entries with their status.

Each load is one row of ``list_loads``. Every record seen sets its entry to
``active`` and bumps ``last_seen``; an entry of the same list that the load
did not contain becomes ``delisted`` (its statements stay). A load that could
not read its whole input (a truncated file) delists nothing.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracegraph.ids import make_id
from tracegraph.screen.importers import read_list
from tracegraph.screen.records import BadRow, ListRecord
from tracegraph.store import Store, now

EXTRACTOR = "screen.lists"
VERSION = "1"


@dataclass
class LoadReport:
    list_name: str
    load_id: str
    records: int = 0
    statements: int = 0
    malformed: int = 0
    delisted: int = 0
    complete: bool = True
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _hash(paths: Sequence[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
    return digest.hexdigest()


def load_list(
    store: Store,
    paths: Sequence[Path],
    list_name: str | None = None,
    batch_size: int = 1000,
    on_record: Callable[[int], None] | None = None,
) -> LoadReport:
    """Read list files and write them into the store; bad rows are reported, the rest loads."""
    started = time.perf_counter()
    name, items = read_list(paths, list_name)
    stamp = now()
    content_hash = _hash(paths)
    previous = store.query("SELECT COUNT(*) FROM list_loads WHERE list_name = ?", (name,))[0][0]
    report = LoadReport(name, make_id("load", name, content_hash, stamp, previous))
    batch: list[ListRecord] = []
    for item in items:
        if isinstance(item, BadRow):
            _bad(store, report, item)
            continue
        batch.append(item)
        if len(batch) >= batch_size:
            _write(store, report, batch, stamp)
            if on_record:
                on_record(len(batch))
            batch = []
    _write(store, report, batch, stamp)
    if on_record and batch:
        on_record(len(batch))
    with store.transaction():
        if report.complete and report.records:
            rows = store.query(
                "SELECT COUNT(*) FROM list_entries WHERE list_name = ? AND last_load <> ? AND status = 'active'",
                (name, report.load_id),
            )
            report.delisted = int(rows[0][0])
            store.execute(
                "UPDATE list_entries SET status = 'delisted', delisted_at = ? "
                "WHERE list_name = ? AND last_load <> ? AND status = 'active'",
                (stamp, name, report.load_id),
            )
        store.execute(
            "INSERT INTO list_loads (id, list_name, uri, content_hash, loaded_at, records, malformed, delisted) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                report.load_id,
                name,
                " ".join(str(p) for p in paths),
                content_hash,
                stamp,
                report.records,
                report.malformed,
                report.delisted,
            ),
        )
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def _bad(store: Store, report: LoadReport, item: BadRow) -> None:
    report.malformed += 1
    if item.fatal:
        report.complete = False
    if len(report.problems) < 50:
        report.problems.append(str(item))
    store.record_failure(item.uri if item.line is None else f"{item.uri}:{item.line}", "screen.load", item.reason)


def _write(store: Store, report: LoadReport, batch: Iterable[ListRecord], stamp: str) -> None:
    records = list(batch)
    if not records:
        return
    with store.transaction():
        report.statements += store.add_statements(
            st for record in records for st in record.statements(EXTRACTOR, VERSION)
        )
        store.executemany(
            "INSERT INTO list_entries (list_name, record_id, entity_id, status, first_seen, last_seen, last_load, "
            "delisted_at) VALUES (?, ?, ?, 'active', ?, ?, ?, NULL) ON CONFLICT (list_name, record_id) DO UPDATE "
            "SET status = 'active', last_seen = excluded.last_seen, last_load = excluded.last_load, "
            "entity_id = excluded.entity_id, delisted_at = NULL",
            [(r.list_name, r.record_id, r.party.id, stamp, stamp, report.load_id) for r in records],
        )
    report.records += len(records)


def list_status(store: Store) -> list[dict[str, Any]]:
    """Per list: entries active and delisted, and the newest load."""
    rows = store.query(
        "SELECT list_name, SUM(CASE WHEN status = 'active' THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN status = 'delisted' THEN 1 ELSE 0 END), MAX(last_seen) FROM list_entries "
        "GROUP BY list_name ORDER BY list_name"
    )
    return [{"list": r[0], "active": int(r[1]), "delisted": int(r[2]), "last_seen": r[3]} for r in rows]
