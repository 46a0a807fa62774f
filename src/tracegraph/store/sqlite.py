"""The embedded default backend: one SQLite file, no server."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.pool import NullPool, StaticPool

from tracegraph.errors import StoreError
from tracegraph.store.base import Store

#: how long a writer waits for another process's write to finish (seconds)
BUSY_TIMEOUT = 60.0


class SQLiteStore(Store):
    """A store in a SQLite file, in WAL mode: readers never wait, writers queue for the lock."""

    param = "?"
    dialect = "sqlite"
    begin_sql = "BEGIN IMMEDIATE"

    def __init__(self, path: Path | str, timeout: float = BUSY_TIMEOUT) -> None:
        self.path = Path(path)
        self.timeout = timeout
        uri = str(self.path)
        memory = str(path) == ":memory:"
        if self.path.is_dir():
            raise StoreError("is a directory, not a database file", subject=uri)
        if not memory and not self.path.parent.exists():
            raise StoreError("the folder for the database file does not exist", subject=uri)
        engine = sa.create_engine(
            "sqlite://" if memory else "sqlite:///" + str(self.path),
            isolation_level="AUTOCOMMIT",
            poolclass=StaticPool if memory else NullPool,
            connect_args={"timeout": timeout, "check_same_thread": False},
        )
        super().__init__(engine, uri)

    def _prepare(self) -> None:
        # switching to WAL needs a moment alone with a new file: wait for it like for any lock
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                self.conn.execute("PRAGMA journal_mode=WAL")
                break
            except sqlite3.DatabaseError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise self._wrap_error(exc) from exc
                time.sleep(0.05)
        for pragma in ("PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON"):
            self.conn.execute(pragma)

    def _wrap_error(self, exc: Exception) -> StoreError:
        return StoreError(_reason(exc), subject=self.uri)


def _reason(exc: Exception) -> str:
    text = str(getattr(exc, "orig", None) or exc)
    if "readonly" in text or "read-only" in text:
        return "the database file is read-only; choose another with --db or fix its permissions"
    if "locked" in text:
        return "the database file is locked by another process; try again when it has finished"
    if "not a database" in text:
        return "the file is not a tracegraph (SQLite) database"
    if "unable to open" in text:
        return "cannot open the database file"
    return text.splitlines()[0] if text else type(exc).__name__
