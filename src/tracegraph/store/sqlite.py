"""The embedded default backend: one SQLite file, no server."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tracegraph.errors import StoreError
from tracegraph.store.base import Store


class SQLiteStore(Store):
    """A store in a SQLite file, in WAL mode so a killed process loses no committed document."""

    param = "?"

    def __init__(self, path: Path | str, timeout: float = 5.0) -> None:
        self.path = Path(path)
        uri = str(self.path)
        if self.path.is_dir():
            raise StoreError("is a directory, not a database file", subject=uri)
        if str(path) != ":memory:" and not self.path.parent.exists():
            raise StoreError("the folder for the database file does not exist", subject=uri)
        try:
            conn = sqlite3.connect(uri, timeout=timeout, isolation_level="DEFERRED", check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
        except sqlite3.Error as exc:
            raise StoreError(_reason(exc), subject=uri) from exc
        super().__init__(conn, uri)

    def _wrap_error(self, exc: Exception) -> StoreError:
        return StoreError(_reason(exc), subject=self.uri)


def _reason(exc: Exception) -> str:
    text = str(exc)
    if "readonly" in text or "read-only" in text:
        return "the database file is read-only; choose another with --db or fix its permissions"
    if "locked" in text:
        return "the database file is locked by another process; try again when it has finished"
    if "not a database" in text:
        return "the file is not a tracegraph (SQLite) database"
    return text
