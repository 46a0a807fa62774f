"""A gazetteer of known names: YAML known actors plus names from records in the store.

Matching is an Aho-Corasick scan (``pyahocorasick``) on whole words, case-sensitive,
so a watchlist of tens of thousands of names costs one pass over the text.

The gazetteer must not depend on the store's history: names that extraction itself
wrote are not read back (a build would otherwise depend on which stories were
extracted before), and record names are read as one sorted snapshot. Its
:attr:`Gazetteer.fingerprint` (a hash of the sorted entries) goes into each
document's processed version, so a change of records redoes the documents and the
same inputs give the same statements in any order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import ahocorasick

from tracegraph.datafiles import load_yaml
from tracegraph.extract.mentions import actor_schemata
from tracegraph.ids import text_hash
from tracegraph.store.queries import extract as sql

MIN_LENGTH = 4  # shorter names (acronyms) only from the YAML list


@dataclass(frozen=True)
class Entry:
    name: str
    schema: str
    country: str | None = None


@cache
def actor_data() -> dict[str, Any]:
    return load_yaml("tracegraph.extract", "data", "actors.yaml")


@cache
def country_data() -> dict[str, dict[str, str]]:
    data: dict[str, dict[str, str]] = load_yaml("tracegraph.extract", "data", "countries.yaml")
    return data


class Gazetteer:
    def __init__(self, entries: Iterable[Entry] = (), known: bool = True) -> None:
        self._auto: Any = ahocorasick.Automaton()
        self.size = 0
        self.fingerprint = ""
        for item in actor_data().get("known", []) if known else []:
            self.add(Entry(item["name"], item["schema"], item.get("country")))
        extra = sorted(set(entries), key=lambda e: (e.name, e.schema, e.country or ""))
        for entry in extra:
            self.add(entry)
        if extra:
            self.fingerprint = text_hash("\n".join(f"{e.name}\t{e.schema}" for e in extra))[:12]
        if self.size:
            self._auto.make_automaton()

    def add(self, entry: Entry) -> None:
        if entry.name in self._auto:
            return
        self._auto.add_word(entry.name, entry)
        self.size += 1

    @classmethod
    def from_store(cls, store: Any, limit: int = 500_000) -> Gazetteer:
        """Names of actors in the store's records (watchlists, registries), as a sorted snapshot.

        Names found in text by earlier builds are not used: they depend on what was
        extracted before, so the same documents would give different statements.
        """
        schemata = tuple(sorted(actor_schemata()))
        rows = sql.listed_names(store, schemata, limit)
        entries = []
        for value, schema in rows:
            name = str(value).strip()
            if len(name) >= MIN_LENGTH and (name[0].isupper() or name[0].isdigit()):
                entries.append(Entry(name, schema))
        return cls(entries)

    def find(self, text: str) -> Iterator[tuple[int, int, Entry]]:
        """Longest non-overlapping whole-word matches, left to right."""
        if not self.size:
            return
        hits: list[tuple[int, int, Entry]] = []
        for end_idx, entry in self._auto.iter(text):
            start, end = end_idx - len(entry.name) + 1, end_idx + 1
            if start > 0 and (text[start - 1].isalnum()):
                continue
            if end < len(text) and (text[end].isalnum()):
                continue
            hits.append((start, end, entry))
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        last_end = -1
        for start, end, entry in hits:
            if start >= last_end:
                last_end = end
                yield start, end, entry
