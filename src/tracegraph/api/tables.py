"""The server's tables, registered with the store's migrations: accounts, grants, sessions, jobs, audit.

Only portable SQL (text ids, no autoincrement), so the same statements run on
SQLite and PostgreSQL; the one exception is the change log of ``api.2``, which
exists on PostgreSQL only (see ``server_reads.change_log``).
"""

from __future__ import annotations

from tracegraph.store.migrations import register
from tracegraph.store.queries import server_reads

register(
    "api.1",
    """CREATE TABLE IF NOT EXISTS agencies (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS users (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        agency_id TEXT NOT NULL REFERENCES agencies(id),
        password_hash TEXT,
        is_admin INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        disabled_at TEXT
    )""",
    """CREATE TABLE IF NOT EXISTS api_tokens (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id),
        secret_hash TEXT NOT NULL,
        scopes TEXT NOT NULL,
        label TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT,
        revoked_at TEXT
    )""",
    """CREATE TABLE IF NOT EXISTS collections (
        name TEXT PRIMARY KEY,
        label TEXT NOT NULL,
        marking TEXT NOT NULL,
        created_at TEXT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS grants (
        collection TEXT NOT NULL REFERENCES collections(name),
        subject_kind TEXT NOT NULL,
        subject_id TEXT NOT NULL,
        level TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (collection, subject_kind, subject_id)
    )""",
    """CREATE TABLE IF NOT EXISTS web_sessions (
        id_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id),
        csrf_token TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        ended_at TEXT
    )""",
    """CREATE TABLE IF NOT EXISTS document_collections (
        document_id TEXT NOT NULL,
        collection TEXT NOT NULL,
        PRIMARY KEY (document_id, collection)
    )""",
    """CREATE TABLE IF NOT EXISTS jobs (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        user_id TEXT NOT NULL,
        collection TEXT,
        params TEXT NOT NULL,
        status TEXT NOT NULL,
        progress REAL NOT NULL,
        message TEXT NOT NULL,
        result TEXT,
        created_at TEXT NOT NULL,
        finished_at TEXT
    )""",
    """CREATE TABLE IF NOT EXISTS audit_log (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL UNIQUE,
        at TEXT NOT NULL,
        user_id TEXT,
        user_name TEXT,
        agency_id TEXT,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        detail TEXT NOT NULL,
        outcome TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS ix_audit_at ON audit_log(at)",
    "CREATE INDEX IF NOT EXISTS ix_audit_user ON audit_log(user_id)",
    "CREATE INDEX IF NOT EXISTS ix_statements_dataset ON statements(dataset)",
)


#: a row per transaction that writes what a running server reads from (PostgreSQL; see the function)
register("api.2", server_reads.change_log)
#: the count of the change log's pruned rows, so that pruning it changes nothing a server compares
register("api.3", server_reads.pruned_count)
