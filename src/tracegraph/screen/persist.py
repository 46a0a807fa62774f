"""The screening index on disk: built once per list load, opened in milliseconds, read on demand.

The index of a store lives beside it (``tracegraph.sqlite.screen-index``), as an
SQLite file with one table per look-up of :class:`~tracegraph.screen.index.NameIndex`
(token postings, typo neighbours, sounds, joined forms, entries, parties). Opening
it reads one row; a query reads the few dozen rows it needs, and they stay cached.
The file carries the fingerprint of the list loads it was built from: a load that
changes the lists makes it stale, and the next screening rebuilds it (``lists load``
rebuilds it at once). It is written aside and renamed into place, so a reader
never sees half an index.

A cold ``tracegraph screen NAME`` reads the same file without numpy or FtM
(:mod:`tracegraph.screen.lean`); what it needs of FtM's model (the name kind of each
schema, which listed schemata a query schema may match) is stored in the file.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import orjson

from tracegraph.match.normalise import kind_of
from tracegraph.screen.index import Listed, NameIndex
from tracegraph.screen.lean import FORMAT, SUFFIX, decode_entry, encode_entry, index_file
from tracegraph.screen.lean import stamp as digest_loads
from tracegraph.store import Store
from tracegraph.store.queries import screen as sql
from tracegraph.store.queries.screen_index import IndexFile, write_index_file
from tracegraph.vocab import model

__all__ = ["FORMAT", "SUFFIX", "fingerprint", "index_path", "open_index", "save_index", "stored_index"]


def index_path(store: Store) -> Path | None:
    """Where a store's index lives: beside an SQLite file; ``None`` for in-memory or server stores."""
    uri = store.uri
    if "://" in uri or uri in ("", ":memory:"):
        return None
    return index_file(uri)


def fingerprint(store: Store) -> str:
    """A digest of the list loads: it changes whenever a load changes what is listed."""
    return digest_loads(sql.load_ids(store))


def _ints(values: Any) -> bytes:
    return np.asarray(values, dtype=np.int32).tobytes()


def save_index(index: NameIndex, path: Path, stamp: str) -> None:
    """Write ``index`` to ``path`` (aside, then renamed into place)."""
    meta = {
        "format": FORMAT,
        "fingerprint": stamp,
        "entries": str(len(index.entries)),
        "entities": str(len(index.entities)),
        "common": orjson.dumps(sorted(index.common)).decode(),
        "schema_matches": orjson.dumps({k: sorted(v) for k, v in index.schema_matches.items()}).decode(),
        "kinds": orjson.dumps({s.name: kind_of(s.name) for s in model()}).decode(),
    }
    tables: dict[str, Iterable[tuple[str, Any]]] = {
        "tokens": ((k, _ints(v)) for k, v in index.postings.items()),
        "idf": ((k, str(v)) for k, v in index.idf.items()),
        "joins": ((k, _ints(v)) for k, v in index.joins.items()),
        "pairs": ((k, _ints(v)) for k, v in index.pairs.items()),
        "neighbours": ((k, "\n".join(v)) for k, v in index.neighbours.items()),
        "sounds": ((k, "\n".join(v)) for k, v in index.sounds.items()),
        "identifiers": ((k, _ints(v)) for k, v in index.identifiers.items()),
    }
    entries = ((i, encode_entry(e)) for i, e in enumerate(index.entries))
    entities = (
        (i, orjson.dumps([p.id, p.schema, p.caption, p.names, p.properties, p.datasets]))
        for i, p in enumerate(index.entities)
    )
    write_index_file(path, meta, tables, {"entries": entries, "entities": entities})


def _array(blob: bytes) -> Any:
    return np.frombuffer(blob, dtype=np.int32)


def _party(blob: bytes) -> Listed:
    pid, schema, caption, names, props, datasets = orjson.loads(blob)
    return Listed(pid, schema, caption, names, props, datasets)


def open_index(path: Path, stamp: str | None = None) -> NameIndex | None:
    """The index in ``path``, or ``None`` when there is none, it is unreadable or built from other loads."""
    found = IndexFile.open(path)
    if found is None:
        return None
    meta = found.meta
    if meta.get("format") != FORMAT or (stamp is not None and meta.get("fingerprint") != stamp):
        found.close()
        return None
    index = NameIndex.__new__(NameIndex)
    index.setup(
        entities=found.rows("entities", int(meta["entities"]), _party),
        entries=found.rows("entries", int(meta["entries"]), decode_entry),
        postings=found.table("tokens", _array),
        idf=found.table("idf", float),
        common=frozenset(orjson.loads(meta["common"])),
        joins=found.table("joins", _array),
        pairs=found.table("pairs", _array),
        neighbours=found.table("neighbours", lambda v: str(v).split("\n")),
        sounds=found.table("sounds", lambda v: str(v).split("\n")),
        identifiers=found.table("identifiers", lambda v: [int(x) for x in _array(v)]),
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
