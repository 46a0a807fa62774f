"""Where statements, documents and judgements live.

:func:`open_store` picks the backend from the settings: a SQLite file by
default, or a PostgreSQL database for a ``postgresql://`` URL (the
``postgres`` extra, psycopg 3).
"""

from __future__ import annotations

from tracegraph.errors import ConfigError
from tracegraph.settings import Settings
from tracegraph.store.base import Store, now
from tracegraph.store.model import Document, Entity, Source, Statement

__all__ = ["Document", "Entity", "Source", "Statement", "Store", "now", "open_store"]

_POSTGRES_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")


def open_store(settings: Settings) -> Store:
    """Open (and migrate) the store named by ``settings.db``."""
    path = settings.db_path
    if path is not None:
        from tracegraph.store.sqlite import SQLiteStore

        return SQLiteStore(path)
    scheme = settings.db.split("://", 1)[0].lower()
    if scheme in _POSTGRES_SCHEMES:
        from tracegraph.store.postgres import PostgresStore

        return PostgresStore(settings.db)
    raise ConfigError(
        f"no store backend for {scheme!r} URLs; use a SQLite file path or postgresql://", subject=settings.db
    )
