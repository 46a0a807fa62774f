"""A gazetteer of known names: YAML known actors plus names already in the store.

Matching is an Aho-Corasick scan (``pyahocorasick``) on whole words, case-sensitive,
so a watchlist of tens of thousands of names costs one pass over the text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import ahocorasick

from tracegraph.datafiles import load_yaml
from tracegraph.extract.mentions import ACTOR_SCHEMATA

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
        for item in actor_data().get("known", []) if known else []:
            self.add(Entry(item["name"], item["schema"], item.get("country")))
        for entry in entries:
            self.add(entry)
        if self.size:
            self._auto.make_automaton()

    def add(self, entry: Entry) -> None:
        if entry.name in self._auto:
            return
        self._auto.add_word(entry.name, entry)
        self.size += 1

    @classmethod
    def from_store(cls, store: Any, limit: int = 500_000) -> Gazetteer:
        """Names of actors already in the store.

        Every name from records (watchlists, registries); from text only names of more
        than one word seen in at least two documents, so one NER slip does not spread.
        """
        marks = ", ".join("?" for _ in ACTOR_SCHEMATA)
        schemata = tuple(sorted(ACTOR_SCHEMATA))
        rows = store.query(
            f"SELECT DISTINCT value, schema FROM statements WHERE prop IN ('name', 'alias') "
            f"AND record_id IS NOT NULL AND schema IN ({marks}) LIMIT {int(limit)}",
            schemata,
        )
        rows += [
            row
            for row in store.query(
                f"SELECT value, schema FROM statements WHERE prop = 'name' AND document_id IS NOT NULL "
                f"AND schema IN ({marks}) GROUP BY value, schema HAVING COUNT(DISTINCT document_id) >= 2 "
                f"LIMIT {int(limit)}",
                schemata,
            )
            if " " in str(row[0]).strip()
        ]
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
