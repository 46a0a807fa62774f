"""The SQL of screening: list loads, list entries and their changes (tables of ``screen.tables``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tracegraph.store.engine import Database
from tracegraph.store.model import Statement
from tracegraph.store.queries.screen_index import LOAD_IDS_SQL
from tracegraph.store.records import chunks, marks


# -- loads ------------------------------------------------------------------------
def count_loads(db: Database, list_name: str) -> int:
    """How many versions of the list were loaded before."""
    return int(db.query("SELECT COUNT(*) FROM list_loads WHERE list_name = ?", (list_name,))[0][0])


def load_ids(db: Database) -> list[str]:
    """The ids of all list loads, oldest first."""
    return [str(row[0]) for row in db.query(LOAD_IDS_SQL)]


def add_load(db: Database, row: Sequence[Any]) -> None:
    """One ``list_loads`` row: id, list name, uri, content hash, time, records, malformed, delisted."""
    db.execute(
        "INSERT INTO list_loads (id, list_name, uri, content_hash, loaded_at, records, malformed, delisted) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        row,
    )


# -- entries ----------------------------------------------------------------------
def entry_states(db: Database, list_name: str, record_ids: Sequence[str]) -> dict[str, tuple[str, str | None]]:
    """Status and content hash of the list's entries among ``record_ids`` (unknown ones are left out)."""
    known: dict[str, tuple[str, str | None]] = {}
    for chunk in chunks(record_ids):
        rows = db.query(
            "SELECT record_id, status, content_hash FROM list_entries WHERE list_name = ? "
            f"AND record_id IN ({marks(chunk)})",
            [list_name, *chunk],
        )
        known.update({r[0]: (r[1], r[2]) for r in rows})
    return known


def missing_entries(db: Database, list_name: str, load_id: str) -> list[tuple[str, str, str | None]]:
    """Active entries the load did not contain: record id, entity id and a name (or ``None``)."""
    return db.query(
        "SELECT e.record_id, e.entity_id, (SELECT value FROM statements s WHERE s.entity_id = e.entity_id "
        "AND s.prop = 'name' LIMIT 1) FROM list_entries e "
        "WHERE e.list_name = ? AND e.last_load <> ? AND e.status = 'active' ORDER BY e.record_id",
        (list_name, load_id),
    )


def delist(db: Database, list_name: str, stamp: str, record_ids: Sequence[str]) -> None:
    db.executemany(
        "UPDATE list_entries SET status = 'delisted', delisted_at = ? WHERE list_name = ? AND record_id = ?",
        [(stamp, list_name, record_id) for record_id in record_ids],
    )


def put_entries(db: Database, rows: Sequence[Sequence[Any]]) -> None:
    """Make entries active: rows of list name, record id, entity id, first seen, last seen, load id, content hash."""
    db.executemany(
        "INSERT INTO list_entries (list_name, record_id, entity_id, status, first_seen, last_seen, last_load, "
        "delisted_at, content_hash) VALUES (?, ?, ?, 'active', ?, ?, ?, NULL, ?) ON CONFLICT (list_name, record_id) "
        "DO UPDATE SET status = 'active', last_seen = excluded.last_seen, last_load = excluded.last_load, "
        "entity_id = excluded.entity_id, delisted_at = NULL, content_hash = excluded.content_hash",
        rows,
    )


def add_changes(db: Database, rows: Sequence[Sequence[Any]]) -> None:
    """``list_changes`` rows: list name, record id, entity id, load id, change, time, caption."""
    db.executemany(
        "INSERT INTO list_changes (list_name, record_id, entity_id, load_id, change, changed_at, caption) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


def active_entries(db: Database) -> list[tuple[str, str, str]]:
    """List name, record id and entity id of every active entry."""
    return db.query("SELECT list_name, record_id, entity_id FROM list_entries WHERE status = 'active'")


def active_entity_ids(db: Database) -> set[str]:
    return {str(row[0]) for row in db.query("SELECT entity_id FROM list_entries WHERE status = 'active'")}


def status_counts(db: Database) -> list[tuple[str, int, int, str]]:
    """Per list: active entries, delisted entries and the newest ``last_seen``."""
    rows = db.query(
        "SELECT list_name, SUM(CASE WHEN status = 'active' THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN status = 'delisted' THEN 1 ELSE 0 END), MAX(last_seen) FROM list_entries "
        "GROUP BY list_name ORDER BY list_name"
    )
    return [(r[0], int(r[1]), int(r[2]), r[3]) for r in rows]


def changes(db: Database, list_name: str | None = None, since: str | None = None) -> list[tuple[Any, ...]]:
    """List name, change, time, record id, entity id, caption: after ``since``, or of each list's newest load."""
    where, params = [], []
    if list_name:
        where.append("c.list_name = ?")
        params.append(list_name)
    if since:
        where.append("c.changed_at > ?")
        params.append(since)
    else:
        where.append(
            "c.load_id IN (SELECT id FROM list_loads l WHERE l.loaded_at = (SELECT MAX(loaded_at) FROM "
            "list_loads m WHERE m.list_name = l.list_name))"
        )
    return db.query(
        "SELECT c.list_name, c.change, c.changed_at, c.record_id, c.entity_id, c.caption FROM list_changes c "
        f"WHERE {' AND '.join(where)} ORDER BY c.changed_at, c.list_name, c.change, c.record_id",
        params,
    )


# -- statements of listed entities ------------------------------------------------------
def listed_statements(
    db: Database, props: Sequence[str], lists: Sequence[str] | None = None, include_delisted: bool = False
) -> list[tuple[str, str, str, str, str]]:
    """Entity id, schema, property, value and list name of list entries' statements with one of ``props``."""
    where = [] if include_delisted else ["e.status = 'active'"]
    params: list[str] = []
    if lists:
        where.append(f"e.list_name IN ({marks(lists)})")
        params.extend(lists)
    where.append(f"s.prop IN ({marks(props)})")
    params.extend(props)
    return db.query(
        "SELECT s.entity_id, s.schema, s.prop, s.value, e.list_name FROM statements s "
        "JOIN list_entries e ON e.entity_id = s.entity_id AND s.dataset = e.list_name "
        f"WHERE {' AND '.join(where)} ORDER BY s.entity_id, s.first_seen, s.id",
        params,
    )


_COLUMNS = (
    "entity_id, schema, prop, value, dataset, document_id, record_id, span_start, span_end, extractor, "
    "extractor_version, confidence"
)


def statements_beside_lists(db: Database, lists: Sequence[str], props: Sequence[str]) -> list[Statement]:
    """All statements outside the datasets ``lists``, and theirs with one of ``props``, oldest first."""
    if not lists:  # PostgreSQL has no empty ``NOT IN ()``
        return [Statement(*row) for row in db.query(f"SELECT {_COLUMNS} FROM statements ORDER BY first_seen, id")]
    rows = db.query(
        f"SELECT {_COLUMNS} FROM statements WHERE dataset NOT IN ({marks(lists)}) "
        f"OR prop IN ({marks(props)}) ORDER BY first_seen, id",
        [*lists, *props],
    )
    return [Statement(*row) for row in rows]


def shared_with_listed(db: Database, props: Sequence[str], lists: Sequence[str]) -> list[tuple[str, str, str, str]]:
    """Pairs of an entity outside ``lists`` and an active list entry with the same value of one of ``props``:
    entity id, listed entity id, property, value."""
    return db.query(
        "SELECT DISTINCT a.entity_id, b.entity_id, a.prop, a.value FROM statements a JOIN statements b "
        "ON a.prop = b.prop AND a.value = b.value AND a.entity_id <> b.entity_id "
        "JOIN list_entries e ON e.entity_id = b.entity_id AND e.status = 'active' "
        f"WHERE a.prop IN ({marks(props)}) AND a.dataset NOT IN ({marks(lists)})",
        [*props, *lists],
    )
