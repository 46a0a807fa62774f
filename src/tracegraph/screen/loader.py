"""Load a list into the store as a new version: whole and plausible, or not at all.

A load reads every record of the files and writes it in one transaction, so a
load that is killed, or refused, leaves the store as it was. Before it becomes
the current version it must be complete (a file that ends inside a row, or XML
cut short, is refused) and plausible: it holds records, and it does not drop
more than :data:`MAX_SHRINK` of the entries the previous version had unless the
caller allows it (``allow_shrink``; the refusal names what would be delisted).

Each load is one row of ``list_loads``. Every record sets its entry ``active``;
an entry the load did not contain becomes ``delisted`` (its statements stay).
``list_changes`` records what was added, changed, delisted or relisted, with the
load's time: ``tracegraph lists diff`` reads it.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tracegraph.errors import InputError
from tracegraph.ids import make_id
from tracegraph.screen.importers import read_list
from tracegraph.screen.records import BadRow, ListRecord
from tracegraph.store import Store
from tracegraph.store.queries import screen as sql

EXTRACTOR = "screen.lists"
VERSION = "1"
#: a new version may drop this share of the previous version's entries (and at least MIN_SHRINK) unasked
MAX_SHRINK = 0.2
MIN_SHRINK = 10


@dataclass
class LoadReport:
    list_name: str
    load_id: str
    records: int = 0
    statements: int = 0
    malformed: int = 0
    added: int = 0
    changed: int = 0
    delisted: int = 0
    relisted: int = 0
    complete: bool = True
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _stamp() -> str:
    """The load's time, to the microsecond: two loads in one second still come in order."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")


def _hash(paths: Sequence[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
    return digest.hexdigest()


def _content(record: ListRecord) -> str:
    parts = sorted(f"{e.schema}\t{p}\t{v}" for e in record.entities for p, vs in e.properties.items() for v in vs)
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


def load_list(
    store: Store,
    paths: Sequence[Path],
    list_name: str | None = None,
    batch_size: int = 1000,
    on_record: Callable[[int], None] | None = None,
    allow_shrink: bool = False,
) -> LoadReport:
    """Read list files and write them into the store as the list's new version.

    Bad rows are reported and skipped; an incomplete input, an input with no
    records, or one that would delist too much raises :class:`InputError` and
    changes nothing.
    """
    started = time.perf_counter()
    name, items = read_list(paths, list_name)
    stamp = _stamp()
    content_hash = _hash(paths)
    previous = sql.count_loads(store, name)
    report = LoadReport(name, make_id("load", name, content_hash, stamp, previous))
    failures: list[BadRow] = []
    with store.transaction():
        batch: list[ListRecord] = []
        for item in items:
            if isinstance(item, BadRow):
                failures.append(item)
                _bad(report, item)
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
        where = ", ".join(sorted({str(p) for p in paths}))
        if not report.complete:
            raise InputError(f"the input is incomplete ({report.problems[-1]}); nothing was loaded", subject=where)
        if report.records == 0:
            raise InputError(
                "no records in this input (an empty file, or not this list); nothing loaded", subject=where
            )
        _delist(store, report, stamp, allow_shrink)
        sql.add_load(
            store,
            (report.load_id, name, where, content_hash, stamp, report.records, report.malformed, report.delisted),
        )
    for item in failures:  # outside the load's transaction: they are worth keeping even if the load failed
        store.record_failure(item.uri if item.line is None else f"{item.uri}:{item.line}", "screen.load", item.reason)
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def _bad(report: LoadReport, item: BadRow) -> None:
    report.malformed += 1
    if item.fatal:
        report.complete = False
    if len(report.problems) < 50 or item.fatal:
        report.problems.append(str(item))


def _delist(store: Store, report: LoadReport, stamp: str, allow_shrink: bool) -> None:
    name = report.list_name
    gone = sql.missing_entries(store, name, report.load_id)
    active_before = len(gone) + report.records - report.added - report.relisted
    limit = max(MIN_SHRINK, int(MAX_SHRINK * active_before))
    if len(gone) > limit and not allow_shrink:
        shown = "; ".join(str(g[2] or g[0]) for g in gone[:10])
        raise InputError(
            f"this version would delist {len(gone)} of {active_before} entries (more than {limit}): {shown}"
            f"{' ...' if len(gone) > 10 else ''}. Check the file; pass --allow-shrink if the list really shrank",
            subject=name,
        )
    report.delisted = len(gone)
    sql.delist(store, name, stamp, [g[0] for g in gone])
    sql.add_changes(store, [(name, g[0], g[1], report.load_id, "delisted", stamp, g[2]) for g in gone])


def _write(store: Store, report: LoadReport, records: list[ListRecord], stamp: str) -> None:
    if not records:
        return
    known = sql.entry_states(store, report.list_name, [r.record_id for r in records])
    changes = []
    hashes = []
    for record in records:
        digest = _content(record)
        hashes.append(digest)
        before = known.get(record.record_id)
        if before is None:
            change = "added"
        elif before[0] != "active":
            change = "relisted"
        elif before[1] is not None and before[1] != digest:
            change = "changed"
        else:
            continue
        setattr(report, change, getattr(report, change) + 1)
        caption = record.party.caption
        changes.append((report.list_name, record.record_id, record.party.id, report.load_id, change, stamp, caption))
    report.statements += store.add_statements(st for record in records for st in record.statements(EXTRACTOR, VERSION))
    sql.put_entries(
        store,
        [
            (r.list_name, r.record_id, r.party.id, stamp, stamp, report.load_id, digest)
            for r, digest in zip(records, hashes, strict=True)
        ],
    )
    sql.add_changes(store, changes)
    report.records += len(records)


def list_status(store: Store) -> list[dict[str, Any]]:
    """Per list: entries active and delisted, and the newest load."""
    rows = sql.status_counts(store)
    return [{"list": r[0], "active": r[1], "delisted": r[2], "last_seen": r[3]} for r in rows]


def list_changes(store: Store, list_name: str | None = None, since: str | None = None) -> list[dict[str, Any]]:
    """What loads added, changed, delisted and relisted: every load after ``since`` (default: the newest load)."""
    rows = sql.changes(store, list_name, since)
    keys = ("list", "change", "date", "record_id", "entity_id", "caption")
    return [dict(zip(keys, row, strict=True)) for row in rows]
