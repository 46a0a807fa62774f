"""The store's own tables and their migrations (``core.N``).

``core.1`` is the first release's layout. ``core.2`` adds each statement's
property type and canonical id with the indexes adjacency needs. ``core.3``
turns judgements into an append-only log and gives clusters canonical ids
that stay put; an existing store's clusters keep the ids they had.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tracegraph.store.migrations import register
from tracegraph.vocab import prop_type

if TYPE_CHECKING:
    from tracegraph.store.base import Store

register(
    "core.1",
    """CREATE TABLE IF NOT EXISTS sources (
        id TEXT PRIMARY KEY,
        uri TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        size INTEGER NOT NULL,
        format TEXT NOT NULL,
        encoding TEXT,
        status TEXT NOT NULL,
        error TEXT,
        raw_text TEXT,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS documents (
        id TEXT PRIMARY KEY,
        source_id TEXT NOT NULL REFERENCES sources(id),
        seq INTEGER NOT NULL,
        title TEXT,
        published TEXT,
        outlet TEXT,
        url TEXT,
        language TEXT,
        kind TEXT NOT NULL,
        text TEXT NOT NULL,
        offsets TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        retired_at TEXT
    )""",
    "CREATE INDEX IF NOT EXISTS ix_documents_source ON documents(source_id, seq)",
    """CREATE TABLE IF NOT EXISTS statements (
        id TEXT PRIMARY KEY,
        entity_id TEXT NOT NULL,
        schema TEXT NOT NULL,
        prop TEXT NOT NULL,
        value TEXT NOT NULL,
        dataset TEXT NOT NULL,
        document_id TEXT,
        record_id TEXT,
        span_start INTEGER,
        span_end INTEGER,
        extractor TEXT NOT NULL,
        extractor_version TEXT NOT NULL,
        confidence REAL NOT NULL,
        lang TEXT,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS ix_statements_entity ON statements(entity_id)",
    "CREATE INDEX IF NOT EXISTS ix_statements_document ON statements(document_id)",
    "CREATE INDEX IF NOT EXISTS ix_statements_value ON statements(prop, value)",
    """CREATE TABLE IF NOT EXISTS failures (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        uri TEXT NOT NULL,
        stage TEXT NOT NULL,
        reason TEXT NOT NULL,
        at TEXT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS processed (
        document_id TEXT NOT NULL,
        step TEXT NOT NULL,
        version TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (document_id, step)
    )""",
    """CREATE TABLE IF NOT EXISTS judgements (
        id TEXT PRIMARY KEY,
        left_id TEXT NOT NULL,
        right_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        reason TEXT NOT NULL,
        author TEXT NOT NULL,
        created_at TEXT NOT NULL,
        undone_at TEXT
    )""",
    "CREATE INDEX IF NOT EXISTS ix_judgements_left ON judgements(left_id)",
    "CREATE INDEX IF NOT EXISTS ix_judgements_right ON judgements(right_id)",
)


def _fill_statement_columns(store: Store) -> None:
    for schema, prop in store.query("SELECT DISTINCT schema, prop FROM statements"):
        store.execute(
            "UPDATE statements SET prop_type = ? WHERE schema = ? AND prop = ?", (prop_type(schema, prop), schema, prop)
        )
    store.execute("UPDATE statements SET canonical_id = entity_id")


register(
    "core.2",
    "ALTER TABLE statements ADD COLUMN prop_type TEXT",
    "ALTER TABLE statements ADD COLUMN canonical_id TEXT",
    _fill_statement_columns,
    "CREATE INDEX IF NOT EXISTS ix_statements_ref ON statements(value) WHERE prop_type = 'entity'",
    "CREATE INDEX IF NOT EXISTS ix_statements_canonical ON statements(canonical_id)",
)


def _carry_judgements(store: Store) -> None:
    """Copy the first release's judgements into the log and keep its clusters' ids."""
    from tracegraph.store.resolver import carry_over_v1

    carry_over_v1(store)


register(
    "core.3",
    """CREATE TABLE IF NOT EXISTS judgement_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL,
        left_id TEXT NOT NULL,
        right_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        reason TEXT NOT NULL,
        author TEXT NOT NULL,
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS ix_judgement_log_left ON judgement_log(left_id)",
    "CREATE INDEX IF NOT EXISTS ix_judgement_log_right ON judgement_log(right_id)",
    """CREATE TABLE IF NOT EXISTS clusters (
        entity_id TEXT PRIMARY KEY,
        canonical_id TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS ix_clusters_canonical ON clusters(canonical_id)",
    """CREATE TABLE IF NOT EXISTS retired_ids (
        old_id TEXT PRIMARY KEY,
        member_id TEXT NOT NULL,
        retired_at TEXT NOT NULL
    )""",
    _carry_judgements,
)


def _names(store: Store) -> None:
    from tracegraph.store.names import create_name_index, fill_name_index

    create_name_index(store)
    fill_name_index(store)


register(
    "core.4",
    """CREATE TABLE IF NOT EXISTS name_index (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        entity_id TEXT NOT NULL,
        dataset TEXT NOT NULL,
        prop TEXT NOT NULL,
        name TEXT NOT NULL,
        norm TEXT NOT NULL,
        UNIQUE (entity_id, prop, name)
    )""",
    "CREATE INDEX IF NOT EXISTS ix_name_index_norm ON name_index(norm)",
    _names,
)


def _fill_datasets(store: Store) -> None:
    store.execute(
        "INSERT INTO datasets (name, first_seen) SELECT dataset, MIN(first_seen) FROM statements GROUP BY dataset "
        "ON CONFLICT (name) DO NOTHING"
    )


register(
    "core.5",
    "CREATE TABLE IF NOT EXISTS datasets (name TEXT PRIMARY KEY, first_seen TEXT NOT NULL)",
    _fill_datasets,
)


register(
    # the adjacency index: who points at an entity, answered from the index alone and in id order, so a
    # hub's first N referrers and its count of all of them are range reads (named apart from core.N,
    # which the entity model's migrations continue)
    "adjacency.1",
    "CREATE INDEX IF NOT EXISTS ix_statements_adjacency ON statements(value, canonical_id, prop, dataset) "
    "WHERE prop_type = 'entity'",
    "DROP INDEX IF EXISTS ix_statements_ref",
)
