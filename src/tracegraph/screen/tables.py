"""The screening tables: one row per list load, one row per list entry with its status.

``list_entries`` keeps the history of each record of a list: when it was first
and last seen, and whether the newest load still contains it (``active``) or
not (``delisted``). Nothing is deleted; statements stay in the store.
``list_changes`` records, per load, the entries added, changed, delisted and relisted.
"""

from __future__ import annotations

from tracegraph.store.migrations import register

register(
    "screen.1",
    """CREATE TABLE IF NOT EXISTS list_loads (
        id TEXT PRIMARY KEY,
        list_name TEXT NOT NULL,
        uri TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        loaded_at TEXT NOT NULL,
        records INTEGER NOT NULL,
        malformed INTEGER NOT NULL,
        delisted INTEGER NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS ix_list_loads_list ON list_loads(list_name, loaded_at)",
    """CREATE TABLE IF NOT EXISTS list_entries (
        list_name TEXT NOT NULL,
        record_id TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        status TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        last_load TEXT NOT NULL,
        delisted_at TEXT,
        PRIMARY KEY (list_name, record_id)
    )""",
    "CREATE INDEX IF NOT EXISTS ix_list_entries_entity ON list_entries(entity_id)",
)

register(
    "screen.2",
    # what each record held at its last load, to tell a changed entry from an unchanged one
    "ALTER TABLE list_entries ADD COLUMN content_hash TEXT",
    """CREATE TABLE IF NOT EXISTS list_changes (
        list_name TEXT NOT NULL,
        record_id TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        load_id TEXT NOT NULL,
        change TEXT NOT NULL,
        changed_at TEXT NOT NULL,
        caption TEXT
    )""",
    "CREATE INDEX IF NOT EXISTS ix_list_changes_load ON list_changes(list_name, changed_at)",
)
