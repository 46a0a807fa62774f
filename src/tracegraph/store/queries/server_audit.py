"""The audit log in SQL: its last link, new rows, filtered reads and the whole chain in order.

The chain's rules (what a row's hash covers, how a break is found) stay in
:mod:`tracegraph.api.audit`; here are only the rows.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from tracegraph.store.engine import Database

#: the columns of an audit row, in the order every function here reads and writes them
COLUMNS: tuple[str, ...] = (
    "id",
    "seq",
    "at",
    "user_id",
    "user_name",
    "agency_id",
    "action",
    "target",
    "detail",
    "outcome",
    "prev_hash",
    "hash",
)
_LIST = ", ".join(COLUMNS)


def last_link(db: Database) -> tuple[int, str] | None:
    """(sequence number, hash) of the newest row; ``None`` on an empty log."""
    rows = db.query("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
    return (int(rows[0][0]), str(rows[0][1])) if rows else None


def add_many(db: Database, rows: Sequence[Sequence[Any]]) -> None:
    """Insert rows (values in :data:`COLUMNS` order) in one batch; inside the caller's transaction."""
    marks = ", ".join("?" for _ in COLUMNS)
    db.executemany(f"INSERT INTO audit_log ({_LIST}) VALUES ({marks})", rows)


def rows(
    db: Database,
    user: str | None = None,
    action: str | None = None,
    target: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 1000,
    offset: int = 0,
) -> list[tuple[Any, ...]]:
    """Rows oldest first, filtered by user name or id, action, target and time range."""
    where: list[str] = []
    params: list[Any] = []
    if user:
        where.append("(user_name = ? OR user_id = ?)")
        params.extend([user, user])
    if action:
        where.append("action = ?")
        params.append(action)
    if target:
        where.append("target = ?")
        params.append(target)
    if since:
        where.append("at >= ?")
        params.append(since)
    if until:
        where.append("at <= ?")
        params.append(until)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    return db.query(f"SELECT {_LIST} FROM audit_log {clause} ORDER BY seq LIMIT ? OFFSET ?", [*params, limit, offset])


def chain(db: Database) -> Iterator[tuple[Any, ...]]:
    """Every row in sequence order, read as it goes."""
    for row in db.execute(f"SELECT {_LIST} FROM audit_log ORDER BY seq"):
        yield tuple(row)
