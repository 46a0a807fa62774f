"""The server's reads beyond statements and entities: how the store has changed, screening lists' names,
a browse of names, and the years of relations pointing at entities."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tracegraph.store.engine import Database
from tracegraph.store.model import Statement
from tracegraph.store.records import NOT_RETIRED, marks, statement_columns, statement_from_row

#: tables whose writes a running server must notice (what its kept answers, matcher and graphs are read from)
WATCHED = ("statements", "documents", "judgement_log", "clusters", "list_loads")


def change_log(db: Database) -> None:
    """On PostgreSQL: a row per transaction that wrote to a :data:`WATCHED` table, added by a trigger.

    A running server compares this table's row count and newest id every few seconds to notice writes
    by other processes (:func:`fingerprint`); a count of ``statements`` costs a quarter of a CPU second
    at a million rows, this an index lookup. The rows are committed with the writes, so a change is
    seen only once it is visible, and writers never wait for each other (each inserts its own id;
    statement triggers fire once per statement, and a bulk load is a handful of statements). A server
    keeps it small (:func:`prune_changes`); emptying it by hand is safe too: the servers refresh once.
    SQLite keeps counting rows (a per-row trigger there would slow bulk inserts threefold, and
    counting a local file is cheap).
    """
    if db.dialect != "postgresql":
        return
    db.execute("CREATE TABLE IF NOT EXISTS store_changes (txid BIGINT PRIMARY KEY)")
    db.execute(
        "CREATE OR REPLACE FUNCTION tracegraph_note_change() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN INSERT INTO store_changes (txid) VALUES (txid_current()) ON CONFLICT DO NOTHING; RETURN NULL; END $$"
    )
    for table in WATCHED:
        db.execute(f"DROP TRIGGER IF EXISTS tracegraph_changed ON {table}")
        db.execute(
            f"CREATE TRIGGER tracegraph_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION tracegraph_note_change()"
        )
    db.execute("INSERT INTO store_changes (txid) VALUES (txid_current()) ON CONFLICT DO NOTHING")


#: rows the change log may hold before a server prunes it (a COUNT of them runs every few seconds)
CHANGES_KEPT = 10_000


def pruned_count(db: Database) -> None:
    """On PostgreSQL: a one-row table counting the change log's pruned rows, so that the log's size
    plus its pruned rows never moves when it is pruned (:func:`prune_changes`)."""
    if db.dialect != "postgresql":
        return
    db.execute("CREATE TABLE IF NOT EXISTS store_changes_pruned (id INTEGER PRIMARY KEY, n BIGINT NOT NULL)")
    db.execute("INSERT INTO store_changes_pruned (id, n) VALUES (1, 0) ON CONFLICT DO NOTHING")


def prune_changes(db: Database, keep: int = CHANGES_KEPT) -> int:
    """Drop the change log's finished rows once it holds more than ``keep``; returns how many went.

    Only rows of transactions that have ended (below the oldest running one) go, never the newest,
    and the pruned count grows by as many in the same statement, so :func:`fingerprint` is the same
    before and after: no server refreshes for it, and a late commit with an older id still shows."""
    if db.dialect != "postgresql" or int(db.query("SELECT COUNT(*) FROM store_changes")[0][0]) <= keep:
        return 0
    with db.transaction():
        rows = db.query(
            "WITH gone AS (DELETE FROM store_changes WHERE txid < txid_snapshot_xmin(txid_current_snapshot()) "
            "AND txid < (SELECT MAX(txid) FROM store_changes) RETURNING 1), "
            "counted AS (UPDATE store_changes_pruned SET n = n + (SELECT COUNT(*) FROM gone) WHERE id = 1 RETURNING n) "
            "SELECT COUNT(*) FROM gone"
        )
    return int(rows[0][0])


def fingerprint(db: Database) -> tuple[Any, ...]:
    """Something that changes whenever statements, documents, judgements (and the clusters they make) or lists do.

    On PostgreSQL: the size (pruned rows included) and newest id of the change log its triggers keep
    (one row per writing transaction, committed with it: :func:`change_log`); on SQLite, where counting a file
    is cheap: row counts and latest times."""
    if db.dialect == "postgresql":
        return (
            "log",
            *db.query(
                "SELECT COUNT(*) + COALESCE((SELECT n FROM store_changes_pruned WHERE id = 1), 0), MAX(txid) "
                "FROM store_changes"
            )[0],
        )
    return (
        db.query("SELECT COUNT(*) FROM statements")[0][0],
        db.query("SELECT COUNT(*) FROM documents")[0][0],
        tuple(db.query("SELECT COUNT(*), MAX(seq) FROM judgement_log")[0]),
        db.query("SELECT COUNT(*) FROM clusters")[0][0],
        tuple(db.query("SELECT COUNT(*), MAX(loaded_at) FROM list_loads")[0]),
    )


def list_names(db: Database) -> frozenset[str]:
    """Datasets loaded as screening lists."""
    return frozenset(str(r[0]) for r in db.query("SELECT DISTINCT list_name FROM list_loads"))


def browse_names(db: Database, limit: int, datasets: Sequence[str] | None) -> list[tuple[str, str]]:
    """(entity id, name) of the first ``limit`` names in name order, of these datasets (all: ``None`` or empty)."""
    where, params = "", list[Any]()
    if datasets:
        where = f" WHERE dataset IN ({marks(datasets)})"
        params = list(datasets)
    rows = db.query(f"SELECT entity_id, name FROM name_index{where} ORDER BY norm, id LIMIT ?", [*params, limit])
    return [(str(r[0]), str(r[1])) for r in rows]


def dataset_entities(db: Database, datasets: Sequence[str], limit: int) -> list[str]:
    """Up to ``limit`` ids of entities with statements in these datasets (named or not)."""
    query = f"SELECT DISTINCT entity_id FROM statements WHERE dataset IN ({marks(datasets)}) LIMIT ?"
    rows = db.query(query, [*datasets, limit])
    return [str(r[0]) for r in rows]


def relation_years(
    db: Database,
    members: Sequence[str],
    schemata: Sequence[str],
    ref_props: Sequence[str],
    datasets: Sequence[str] | None,
) -> list[tuple[str, str]]:
    """(id pointed at, first four characters of a date) of dated relations pointing at ``members``.

    A relation points by an entity-typed property or by one of ``ref_props``; its schema is one of
    ``schemata``; with ``datasets`` only statements of those datasets count (both the pointing one
    and the dated one). Each pair once per way of pointing.
    """
    where, params = "", list[str]()
    if datasets:
        where = f" AND r.dataset IN ({marks(datasets)}) AND s.dataset IN ({marks(datasets)})"
        params = [*datasets, *datasets]
    pointing: list[tuple[str, list[str]]] = [("r.prop_type = 'entity'", [])]
    if ref_props:
        pointing.append((f"r.prop IN ({marks(ref_props)})", list(ref_props)))
    found: list[tuple[str, str]] = []
    for test, extra in pointing:
        rows = db.query(
            "SELECT DISTINCT r.value, SUBSTR(s.value, 1, 4) FROM statements r "
            "JOIN statements s ON s.canonical_id = r.canonical_id "
            f"WHERE {test} AND r.value IN ({marks(members)}) AND r.schema IN ({marks(schemata)}) "
            f"AND s.prop_type = 'date'{where} AND {NOT_RETIRED}",
            [*extra, *members, *schemata, *params],
        )
        found += [(str(r[0]), str(r[1])) for r in rows]
    return found


def some_entity(db: Database) -> str | None:
    """The id of one named entity (the first of the name index), or ``None`` in an empty store."""
    rows = db.query("SELECT entity_id FROM name_index ORDER BY id LIMIT 1")
    return str(rows[0][0]) if rows else None


def statements_by_id(db: Database, entity_id: str) -> tuple[str, list[Statement]] | None:
    """The store's canonical id of ``entity_id`` and the statements of that entity (not of retired documents,
    first seen first), in one round trip; ``None`` when the id is retired (it points elsewhere) or when the
    entity has no such statement.

    The canonical id is the resolver's: a merged member's cluster, else the id itself, unless it is a
    retired id and not a canonical one (then ``None``: the caller follows it as the resolver does)."""
    rows = db.query(
        f"SELECT s.canonical_id, {statement_columns()} FROM statements s WHERE s.canonical_id = "
        "COALESCE((SELECT canonical_id FROM clusters WHERE entity_id = ?), "
        "CASE WHEN EXISTS (SELECT 1 FROM clusters WHERE canonical_id = ?) "
        "OR NOT EXISTS (SELECT 1 FROM retired_ids WHERE old_id = ? AND member_id <> ?) THEN ? END) "
        f"AND {NOT_RETIRED} ORDER BY s.first_seen, s.id",
        (entity_id, entity_id, entity_id, entity_id, entity_id),
    )
    if not rows:
        return None
    return str(rows[0][0]), [statement_from_row(row[1:]) for row in rows]
