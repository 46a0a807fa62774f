"""The lean screening index: the index file beside the store, read with the standard library alone.

A cold ``tracegraph screen NAME`` should not import FollowTheMoney, SQLAlchemy,
pydantic or numpy (together about 0.8 s before the first result). This module
opens the index file that ``lists load`` writes (:mod:`tracegraph.screen.persist`)
with ``sqlite3``, checks that it was built from the store's current list loads (read
from the store file with ``sqlite3`` too), and serves the same tables as
:class:`~tracegraph.screen.index.NameIndex`: the same look-up rules
(:mod:`tracegraph.screen.lookup`), summed in a dictionary instead of a numpy array,
and the same :class:`~tracegraph.screen.matcher.Matcher` scores the candidates. What
the query side needs from FtM's model (the name kind of a query schema, which listed
schemata it may match) is worked out when the file is written and stored in it.

:func:`open_lean` answers ``None`` when there is no current index (none yet, another
format, built from other loads, a server store): the caller then takes the full path,
which rebuilds the file.
"""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import orjson

from tracegraph.match.features import normalise_identifier
from tracegraph.match.normalise import NameForm
from tracegraph.screen import lookup
from tracegraph.screen.lookup import NameEntry
from tracegraph.store.queries.screen_index import IndexFile, read_load_ids

#: the file's format: a file of another format is rebuilt, never read
FORMAT = "screen-index.3"
#: the index of the store ``x.sqlite`` is ``x.sqlite.screen-index``
SUFFIX = ".screen-index"


def index_file(db_path: Path | str) -> Path:
    """Where the index of the SQLite store at ``db_path`` lives."""
    return Path(str(db_path) + SUFFIX)


def stamp(load_ids: Iterable[str]) -> str:
    """The fingerprint of the list loads an index is built from: it changes whenever a load changes the lists."""
    return hashlib.sha256("\n".join(load_ids).encode()).hexdigest()


def postings(blob: bytes) -> array[int]:
    """A posting list as stored: native 32-bit integers (what numpy's ``int32`` writes)."""
    found = array("i")
    found.frombytes(blob)
    return found


def encode_entry(entry: NameEntry) -> bytes:
    """A name entry as the file holds it: every field of its name form (the words peeled off its edges too)."""
    form = entry.form
    fields = [form.tokens, form.kind, sorted(form.weak), sorted(form.legal), form.script, sorted(form.peeled)]
    return orjson.dumps([entry.entity, entry.name, *fields])


def decode_entry(blob: bytes) -> NameEntry:
    entity, name, tokens, kind, weak, legal, script, peeled = orjson.loads(blob)
    form = NameForm(tuple(tokens), kind, frozenset(weak), frozenset(legal), script, frozenset(peeled))
    return NameEntry(entity, name, form)


class StoredParty:
    """A listed party as the index file holds it: the values :class:`~tracegraph.screen.index.Listed` had
    when the file was written (its caption by the one caption rule, its values, its lists)."""

    __slots__ = ("caption", "datasets", "id", "names", "properties", "schema")

    def __init__(
        self,
        id: str,
        schema: str,
        caption: str,
        names: list[str],
        properties: dict[str, list[str]],
        datasets: list[str],
    ) -> None:
        self.id, self.schema, self.caption = id, schema, caption
        self.names, self.properties, self.datasets = names, properties, datasets

    @classmethod
    def decode(cls, blob: bytes) -> StoredParty:
        return cls(*orjson.loads(blob))

    def values(self, *props: str) -> list[str]:
        """The values of several properties, in the order the properties are named."""
        return [v for p in props for v in self.properties.get(p, ())]

    def __repr__(self) -> str:
        return f"<StoredParty({self.id!r}, {self.schema!r})>"


class LeanIndex:
    """The index file's tables, read a key at a time: what the matcher asks of an index."""

    def __init__(self, found: IndexFile) -> None:
        meta = found.meta
        self.file = found
        self.entities: Sequence[StoredParty] = found.rows("entities", int(meta["entities"]), StoredParty.decode)
        self.entries: Sequence[NameEntry] = found.rows("entries", int(meta["entries"]), decode_entry)
        self.postings: Mapping[str, array[int]] = found.table("tokens", postings)
        self.idf: Mapping[str, float] = found.table("idf", float)
        self.joins: Mapping[str, array[int]] = found.table("joins", postings)
        self.pairs: Mapping[str, array[int]] = found.table("pairs", postings)
        self.neighbours: Mapping[str, list[str]] = found.table("neighbours", lambda v: str(v).split("\n"))
        self.sounds: Mapping[str, list[str]] = found.table("sounds", lambda v: str(v).split("\n"))
        self.identifiers: Mapping[str, array[int]] = found.table("identifiers", postings)
        self.common: frozenset[str] = frozenset(orjson.loads(meta["common"]))
        self.schema_matches: dict[str, frozenset[str]] = {
            k: frozenset(v) for k, v in orjson.loads(meta["schema_matches"]).items()
        }
        #: the name kind (person, org, any) of each schema of the model, worked out when the file was written
        self.kinds: dict[str, str] = orjson.loads(meta["kinds"])

    def covers(self, schema: str) -> bool:
        """Whether a query of this schema is answered from the file alone (else FtM's model is read for it)."""
        return schema in self.kinds and schema in self.schema_matches

    def kind(self, schema: str) -> str:
        """The name kind (person, org, any) of a query schema."""
        found = self.kinds.get(schema)
        if found is not None:
            return found
        from tracegraph.match.normalise import kind_of

        return kind_of(schema)

    def compatible(self, query_schema: str, listed_schema: str) -> bool:
        """Whether a query of one schema may match a party of another (FtM's ``can_match``, stored)."""
        known = self.schema_matches.get(query_schema)
        if known is not None:
            return listed_schema in known
        from tracegraph.screen.index import schema_can_match

        return schema_can_match(query_schema, listed_schema)

    def by_identifier(self, values: Iterable[str]) -> list[int]:
        """Positions of the parties holding any of these identifiers."""
        found: dict[int, None] = {}
        for value in values:
            for idx in self.identifiers.get(normalise_identifier(value), ()):
                found[idx] = None
        return list(found)

    def candidates(self, variants: Iterable[tuple[str, ...]], limit: int = 30) -> list[int]:
        """Entry ids of the names most like the query's, best first (the rules of :mod:`~tracegraph.screen.lookup`)."""
        return lookup.candidates(self, variants, limit)

    def __len__(self) -> int:
        return len(self.entities)

    def close(self) -> None:
        self.file.close()


def open_lean(db_path: Path | None) -> LeanIndex | None:
    """The lean index of the SQLite store at ``db_path`` when its file is current; ``None`` otherwise
    (no file yet, another format, built from other list loads, or a server store)."""
    if db_path is None or str(db_path) in ("", ":memory:"):
        return None
    found = IndexFile.open(index_file(db_path))
    if found is None:
        return None
    loads = read_load_ids(db_path)
    meta: dict[str, Any] = found.meta
    if loads is None or meta.get("format") != FORMAT or meta.get("fingerprint") != stamp(loads):
        found.close()
        return None
    return LeanIndex(found)
