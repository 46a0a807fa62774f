"""The file that holds the screening index beside a store: SQLite, with look-up tables read a key at a time.

The file has a ``meta`` table of text settings, look-up tables (``key`` -> ``value``)
and row tables (``id`` -> ``value``, numbered from 0). What the values mean, and how
they are encoded, is the caller's business (``screen.persist``): this module only
writes the file aside and renames it into place, and reads it back on demand.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar, overload

V = TypeVar("V")
T = TypeVar("T")

#: the ids of all list loads, oldest first (what the index's fingerprint digests)
LOAD_IDS_SQL = "SELECT id FROM list_loads ORDER BY loaded_at, id"


def read_load_ids(path: Path) -> list[str] | None:
    """The list loads of the SQLite store at ``path``, read with the standard library alone (no SQLAlchemy);
    ``None`` when the file is missing or has no list loads table yet."""
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return [str(row[0]) for row in conn.execute(LOAD_IDS_SQL)]
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def write_index_file(
    path: Path,
    meta: Mapping[str, str],
    tables: Mapping[str, Iterable[tuple[str, Any]]],
    rows: Mapping[str, Iterable[tuple[int, Any]]],
) -> None:
    """Write the file: ``meta``, the look-up ``tables`` and the row tables ``rows`` (aside, then renamed)."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    conn = sqlite3.connect(tmp)
    try:
        conn.execute("PRAGMA journal_mode=OFF")
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        for table in tables:
            conn.execute(f"CREATE TABLE {table} (key TEXT PRIMARY KEY, value BLOB)")
        for table in rows:
            conn.execute(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY, value BLOB)")
        conn.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        for table, items in tables.items():
            conn.executemany(f"INSERT INTO {table} VALUES (?, ?)", items)
        for table, numbered in rows.items():
            conn.executemany(f"INSERT INTO {table} VALUES (?, ?)", numbered)
        conn.commit()
    finally:
        conn.close()
    os.replace(tmp, path)


class IndexFile:
    """An index file opened read-only; its tables are read by several threads through one lock."""

    def __init__(self, conn: sqlite3.Connection, meta: dict[str, str]) -> None:
        self.conn, self.meta = conn, meta
        self.lock = threading.Lock()

    @classmethod
    def open(cls, path: Path) -> IndexFile | None:
        """The file at ``path``; ``None`` when there is none or it is unreadable."""
        if not path.is_file():
            return None
        try:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.Error:
            return None
        return cls(conn, meta)

    def close(self) -> None:
        self.conn.close()

    def table(self, name: str, decode: Callable[[Any], V]) -> Mapping[str, V]:
        return KeyTable(self.conn, self.lock, name, decode)

    def rows(self, name: str, size: int, decode: Callable[[Any], T]) -> Sequence[T]:
        return RowTable(self.conn, self.lock, name, size, decode)


class KeyTable(Mapping[str, V]):
    """One look-up table of the file, read a key at a time and cached."""

    def __init__(self, conn: sqlite3.Connection, lock: threading.Lock, table: str, decode: Callable[[Any], V]) -> None:
        self._conn, self._lock, self._table, self._decode = conn, lock, table, decode
        self._cache: dict[str, V | None] = {}

    def _fetch(self, key: str) -> V | None:
        if key in self._cache:
            return self._cache[key]
        with self._lock:
            row = self._conn.execute(f"SELECT value FROM {self._table} WHERE key = ?", (key,)).fetchone()
        value = None if row is None else self._decode(row[0])
        if len(self._cache) < 500_000:
            self._cache[key] = value
        return value

    def __getitem__(self, key: str) -> V:
        value = self._fetch(key)
        if value is None:
            raise KeyError(key)
        return value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._fetch(key) is not None

    def __iter__(self) -> Iterator[str]:
        with self._lock:
            keys = [r[0] for r in self._conn.execute(f"SELECT key FROM {self._table}")]
        return iter(keys)

    def __len__(self) -> int:
        with self._lock:
            return int(self._conn.execute(f"SELECT COUNT(*) FROM {self._table}").fetchone()[0])


class RowTable(Sequence[T]):
    """One row table of the file, read by position on demand and cached."""

    def __init__(
        self, conn: sqlite3.Connection, lock: threading.Lock, table: str, size: int, decode: Callable[[Any], T]
    ) -> None:
        self._conn, self._lock, self._table, self._size, self._decode = conn, lock, table, size, decode
        self._cache: dict[int, T] = {}

    @overload
    def __getitem__(self, i: int) -> T: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[T]: ...
    def __getitem__(self, i: int | slice) -> T | Sequence[T]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self._size))]
        if i < 0:
            i += self._size
        if not 0 <= i < self._size:
            raise IndexError(i)
        found = self._cache.get(i)
        if found is None:
            with self._lock:
                row = self._conn.execute(f"SELECT value FROM {self._table} WHERE id = ?", (i,)).fetchone()
            found = self._cache[i] = self._decode(row[0])
        return found

    def __len__(self) -> int:
        return self._size
