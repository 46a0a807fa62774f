"""The screening index on disk: built once per list load, opened in milliseconds, read on demand.

The index of a store lives beside it (``tracegraph.sqlite.screen-index``), as an
SQLite file with one table per look-up of :class:`~tracegraph.screen.index.NameIndex`
(token postings, typo neighbours, sounds, joined forms, entries, parties). Opening
it reads one row; a query reads the few dozen rows it needs, and they stay cached.
The file carries the fingerprint of the list loads it was built from: a load that
changes the lists makes it stale, and the next screening rebuilds it (``lists load``
rebuilds it at once). It is written aside and renamed into place, so a reader
never sees half an index.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar, overload

import numpy as np
import orjson

from tracegraph.match.normalise import NameForm
from tracegraph.screen.index import Listed, NameEntry, NameIndex
from tracegraph.store import Store

FORMAT = "screen-index.2"
SUFFIX = ".screen-index"
V = TypeVar("V")
T = TypeVar("T")

_TABLES = ("tokens", "idf", "joins", "pairs", "neighbours", "sounds", "identifiers")


def index_path(store: Store) -> Path | None:
    """Where a store's index lives: beside an SQLite file; ``None`` for in-memory or server stores."""
    uri = store.uri
    if "://" in uri or uri in ("", ":memory:"):
        return None
    return Path(uri + SUFFIX)


def fingerprint(store: Store) -> str:
    """A digest of the list loads: it changes whenever a load changes what is listed."""
    rows = store.query("SELECT id FROM list_loads ORDER BY loaded_at, id")
    return hashlib.sha256("\n".join(str(r[0]) for r in rows).encode()).hexdigest()


def _ints(values: Any) -> bytes:
    return np.asarray(values, dtype=np.int32).tobytes()


def save_index(index: NameIndex, path: Path, stamp: str) -> None:
    """Write ``index`` to ``path`` (aside, then renamed into place)."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    conn = sqlite3.connect(tmp)
    try:
        conn.execute("PRAGMA journal_mode=OFF")
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        for table in _TABLES:
            conn.execute(f"CREATE TABLE {table} (key TEXT PRIMARY KEY, value BLOB)")
        conn.execute("CREATE TABLE entries (id INTEGER PRIMARY KEY, value BLOB)")
        conn.execute("CREATE TABLE entities (id INTEGER PRIMARY KEY, value BLOB)")
        meta = {
            "format": FORMAT,
            "fingerprint": stamp,
            "entries": str(len(index.entries)),
            "entities": str(len(index.entities)),
            "common": orjson.dumps(sorted(index.common)).decode(),
            "schema_matches": orjson.dumps({k: sorted(v) for k, v in index.schema_matches.items()}).decode(),
        }
        conn.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        conn.executemany("INSERT INTO tokens VALUES (?, ?)", ((k, _ints(v)) for k, v in index.postings.items()))
        conn.executemany("INSERT INTO idf VALUES (?, ?)", ((k, str(v)) for k, v in index.idf.items()))
        conn.executemany("INSERT INTO joins VALUES (?, ?)", ((k, _ints(v)) for k, v in index.joins.items()))
        conn.executemany("INSERT INTO pairs VALUES (?, ?)", ((k, _ints(v)) for k, v in index.pairs.items()))
        for table, mapping in (("neighbours", index.neighbours), ("sounds", index.sounds)):
            conn.executemany(f"INSERT INTO {table} VALUES (?, ?)", ((k, "\n".join(v)) for k, v in mapping.items()))
        conn.executemany("INSERT INTO identifiers VALUES (?, ?)", ((k, _ints(v)) for k, v in index.identifiers.items()))
        conn.executemany(
            "INSERT INTO entries VALUES (?, ?)",
            (
                (
                    i,
                    orjson.dumps(
                        [
                            e.entity,
                            e.name,
                            e.form.tokens,
                            e.form.kind,
                            sorted(e.form.weak),
                            sorted(e.form.legal),
                            e.form.script,
                        ]
                    ),
                )
                for i, e in enumerate(index.entries)
            ),
        )
        conn.executemany(
            "INSERT INTO entities VALUES (?, ?)",
            (
                (i, orjson.dumps([p.id, p.schema, p.caption, p.names, p.properties, p.datasets]))
                for i, p in enumerate(index.entities)
            ),
        )
        conn.commit()
    finally:
        conn.close()
    os.replace(tmp, path)


class _Table(Mapping[str, V]):
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


class _Rows(Sequence[T]):
    """Entries or parties by position, read on demand and cached."""

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


def _array(blob: bytes) -> Any:
    return np.frombuffer(blob, dtype=np.int32)


def _entry(blob: bytes) -> NameEntry:
    entity, name, tokens, kind, weak, legal, script = orjson.loads(blob)
    return NameEntry(entity, name, NameForm(tuple(tokens), kind, frozenset(weak), frozenset(legal), script))


def _party(blob: bytes) -> Listed:
    pid, schema, caption, names, props, datasets = orjson.loads(blob)
    return Listed(pid, schema, caption, names, props, datasets)


def open_index(path: Path, stamp: str | None = None) -> NameIndex | None:
    """The index in ``path``, or ``None`` when there is none, it is unreadable or built from other loads."""
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.Error:
        return None
    if meta.get("format") != FORMAT or (stamp is not None and meta.get("fingerprint") != stamp):
        conn.close()
        return None
    lock = threading.Lock()
    index = NameIndex.__new__(NameIndex)
    index.setup(
        entities=_Rows(conn, lock, "entities", int(meta["entities"]), _party),
        entries=_Rows(conn, lock, "entries", int(meta["entries"]), _entry),
        postings=_Table(conn, lock, "tokens", _array),
        idf=_Table(conn, lock, "idf", float),
        common=frozenset(orjson.loads(meta["common"])),
        joins=_Table(conn, lock, "joins", _array),
        pairs=_Table(conn, lock, "pairs", _array),
        neighbours=_Table(conn, lock, "neighbours", lambda v: str(v).split("\n")),
        sounds=_Table(conn, lock, "sounds", lambda v: str(v).split("\n")),
        identifiers=_Table(conn, lock, "identifiers", lambda v: [int(x) for x in _array(v)]),
        schema_matches={k: frozenset(v) for k, v in orjson.loads(meta["schema_matches"]).items()},
    )
    return index


def stored_index(store: Store, rebuild: bool = False) -> NameIndex:
    """The store's index: the file beside it when current, else built from the store (and saved)."""
    from tracegraph.screen.build import listed_from_store

    path = index_path(store)
    stamp = fingerprint(store)
    if path is not None and not rebuild:
        found = open_index(path, stamp)
        if found is not None:
            return found
    index = NameIndex(listed_from_store(store))
    if path is not None:
        with contextlib.suppress(OSError):  # a read-only folder: screening still works, from memory
            save_index(index, path, stamp)
    return index
