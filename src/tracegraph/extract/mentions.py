"""Mentions of actors in one story: what the parse, gazetteer and coreference found."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field, replace
from typing import Any

from tracegraph.extract.dates import DateMention
from tracegraph.extract.identifiers import Found
from tracegraph.vocab import descendants


def actor_schemata() -> frozenset[str]:
    """The schemata of actors: a LegalEntity and every schema that extends it (ours or FtM's)."""
    return descendants("LegalEntity")


@dataclass(frozen=True)
class Mention:
    """A span of ``Document.text`` naming an actor, a place, a country or a substance.

    ``kind``: ``actor`` (Person/Company/...), ``gov`` (a country acting, e.g. "Beijing"),
    ``norp`` (a nationality adjective, "Chinese"), ``place`` (a city or region),
    ``substance``. ``name`` and ``entity_id`` are the antecedent's for a coreference.
    """

    start: int
    end: int
    text: str
    name: str
    schema: str
    entity_id: str
    kind: str = "actor"
    country: str | None = None
    source: str = "ner"
    coref: bool = False
    cas: str | None = None

    def with_(self, **changes: Any) -> Mention:
        return replace(self, **changes)


@dataclass
class Analysis:
    """Everything the extractors need about one document, computed once."""

    text: str
    doc: Any  # spacy.tokens.Doc
    mentions: list[Mention]
    identifiers: list[Found]
    dates: list[DateMention]
    sentences: list[tuple[int, int]]
    inferred_dates: bool = False
    definitions: list[Any] = field(default_factory=list)  # deps.aliases.Definition
    designator: Mention | None = None  # the body the story last named as designating or sanctioning
    _indexed: tuple[tuple[int, int], list[Mention], list[int]] | None = field(default=None, repr=False, compare=False)

    def sentence_of(self, pos: int) -> int:
        for i, (start, end) in enumerate(self.sentences):
            if start <= pos < end:
                return i
        return len(self.sentences) - 1

    def in_span(self, start: int, end: int, kinds: tuple[str, ...] | None = None) -> list[Mention]:
        """Mentions inside ``[start, end)``, in order (a bisection: each sentence costs its own mentions)."""
        ordered, starts = self._index()
        lo, hi = bisect_left(starts, start), bisect_left(starts, end)
        return [m for m in ordered[lo:hi] if m.end <= end and (kinds is None or m.kind in kinds)]

    def _index(self) -> tuple[list[Mention], list[int]]:
        key = (id(self.mentions), len(self.mentions))
        if self._indexed is None or self._indexed[0] != key:
            ordered = sorted(self.mentions, key=lambda m: m.start)
            self._indexed = (key, ordered, [m.start for m in ordered])
        return self._indexed[1], self._indexed[2]

    def mention_at(self, pos: int) -> Mention | None:
        for m in self.mentions:
            if m.start <= pos < m.end:
                return m
        return None
