"""Where statements, documents and judgements live.

:func:`open_store` picks the backend from the settings: a SQLite file by
default, or a PostgreSQL database for a ``postgresql://`` URL (the
``postgres`` extra, psycopg 3).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from tracegraph.errors import ConfigError
from tracegraph.settings import Settings

if TYPE_CHECKING:
    from tracegraph.store.base import Store, now
    from tracegraph.store.model import Document, Entity, Source, Statement

__all__ = ["Document", "Entity", "Source", "Statement", "Store", "now", "open_store"]

#: names imported on first use: they pull in SQLAlchemy and FtM's model, which a module under
#: ``store.queries`` read on its own (the screening index file, stdlib ``sqlite3``) does not need
_LAZY = {
    "Store": "tracegraph.store.base",
    "now": "tracegraph.store.base",
    "Document": "tracegraph.store.model",
    "Entity": "tracegraph.store.model",
    "Source": "tracegraph.store.model",
    "Statement": "tracegraph.store.model",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'tracegraph.store' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


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
