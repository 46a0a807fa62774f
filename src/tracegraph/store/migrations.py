"""Named, ordered schema migrations.

Each part of tracegraph registers its own migrations under a name such as
``core.1`` or ``extract.1``; the store applies the missing ones in order when a
file is opened and records them, so a newer release can upgrade an older file.
Names rather than a single counter let independent parts evolve separately.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    name: str
    statements: tuple[str, ...]


#: The store's format version; bump when a migration changes existing tables.
STORE_FORMAT = 1

_REGISTRY: list[Migration] = []

#: modules whose import registers more migrations (each part adds its own line)
MIGRATION_MODULES: list[str] = ["tracegraph.screen.tables", "tracegraph.api.tables", "tracegraph.ingest.tables"]


def register(name: str, *statements: str) -> None:
    """Add a migration; registering the same name twice is a no-op."""
    if any(m.name == name for m in _REGISTRY):
        return
    _REGISTRY.append(Migration(name, tuple(statements)))


def registered() -> list[Migration]:
    for module in MIGRATION_MODULES:
        importlib.import_module(module)
    return list(_REGISTRY)


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
