"""Finding candidates for a query: the look-up rules, shared by the index in memory and the lean one on disk.

Both indexes (:class:`~tracegraph.screen.index.NameIndex`, with numpy, and
:class:`~tracegraph.screen.lean.LeanIndex`, plain Python over the index file) hold
the same tables and call :func:`contributions` for what a query adds to which
names, then keep the best with :func:`best_first`'s rule. Only the adding differs
(a numpy array of scores, or a dictionary), so both find the same candidates in
the same order. Nothing here imports numpy or FollowTheMoney.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from rigour.text import metaphone

from tracegraph.match.normalise import NameForm, joined

#: the most typo neighbours followed per query token
MAX_EXPANSIONS = 24
#: typo neighbours and sound-alikes held by more names than this are not followed
MAX_FUZZY_DF = 800
#: a token held by more names than this ("mohammed", "al") is only followed when the query has nothing rarer
MAX_DF = 3000


@dataclass(frozen=True, slots=True)
class NameEntry:
    """One name form of a listed party: the party's position, the name as listed, its form."""

    entity: int
    name: str
    form: NameForm

    @property
    def tokens(self) -> tuple[str, ...]:
        return self.form.tokens


class Party(Protocol):
    """A listed party as results show it: what :class:`~tracegraph.screen.index.Listed` and the lean
    index's parties both have."""

    @property
    def id(self) -> str: ...
    @property
    def schema(self) -> str: ...
    @property
    def caption(self) -> str: ...
    @property
    def datasets(self) -> list[str]: ...
    @property
    def properties(self) -> dict[str, list[str]]: ...
    @property
    def names(self) -> list[str]: ...
    def values(self, *props: str) -> list[str]: ...


class Tables(Protocol):
    """The look-up tables of an index (token -> posting list of entry ids, and so on)."""

    @property
    def postings(self) -> Mapping[str, Collection[int]]: ...
    @property
    def idf(self) -> Mapping[str, float]: ...
    @property
    def joins(self) -> Mapping[str, Collection[int]]: ...
    @property
    def pairs(self) -> Mapping[str, Collection[int]]: ...
    @property
    def neighbours(self) -> Mapping[str, Sequence[str]]: ...
    @property
    def sounds(self) -> Mapping[str, Sequence[str]]: ...


class ScreenIndex(Protocol):
    """What :class:`~tracegraph.screen.matcher.Matcher` asks of an index: the numpy one in memory
    (:class:`~tracegraph.screen.index.NameIndex`) or the lean one on disk
    (:class:`~tracegraph.screen.lean.LeanIndex`)."""

    @property
    def entities(self) -> Sequence[Party]: ...
    @property
    def entries(self) -> Sequence[NameEntry]: ...
    @property
    def common(self) -> frozenset[str]: ...
    def kind(self, schema: str) -> str: ...
    def compatible(self, query_schema: str, listed_schema: str) -> bool: ...
    def by_identifier(self, values: Iterable[str]) -> list[int]: ...
    def candidates(self, variants: Iterable[tuple[str, ...]], limit: int = 30) -> list[int]: ...
    def __len__(self) -> int: ...


def deletes(token: str) -> list[str]:
    """The token with one letter left out, each position in turn (SymSpell's one-letter deletions)."""
    return [token[:i] + token[i + 1 :] for i in range(len(token))]


def expand(tables: Tables, token: str) -> list[tuple[str, float]]:
    """The listed tokens a query token reaches, with a weight: itself 1.0, a typo 0.8, a sound-alike 0.6."""
    found: dict[str, float] = {}
    if token in tables.postings:
        found[token] = 1.0
    if len(token) >= 4:
        for key in (token, *deletes(token)):
            for other in tables.neighbours.get(key, ()):
                found.setdefault(other, 0.8)
        for other in deletes(token):
            if other in tables.postings:
                found.setdefault(other, 0.8)
    if len(token) >= 3 and not token.isdigit():
        for other in tables.sounds.get(metaphone(token), ()):
            found.setdefault(other, 0.6)
    ranked = sorted(found.items(), key=lambda kv: -kv[1])
    return ranked[:MAX_EXPANSIONS]


def contributions(tables: Tables, variants: Iterable[tuple[str, ...]]) -> Iterator[tuple[Collection[int], float]]:
    """What a query adds to the score of which name entries: ``(entry ids, amount)``, in a fixed order.

    Tokens are taken in written order (not a set's), so the sums are the same in every process.
    """
    for tokens in variants:
        rare = any(len(tables.postings.get(t, ())) < MAX_DF for t in tokens)
        for token in dict.fromkeys(tokens):
            for other, weight in expand(tables, token):
                hit = tables.postings[other]
                if (weight < 1.0 and len(hit) > MAX_FUZZY_DF) or (rare and len(hit) > MAX_DF):
                    continue
                yield hit, weight * tables.idf[other]
        # words run together on one side: "gazpromneft" against "gazprom neft", and the other way round
        for token in tokens:
            found_pair = tables.pairs.get(token)
            if found_pair is not None:
                yield found_pair, 2.0
        for a, b in itertools.pairwise(tokens):
            glued = tables.postings.get(a + b)
            if glued is not None and len(glued) <= MAX_FUZZY_DF:
                yield glued, tables.idf[a + b]
        for key in dict.fromkeys((joined(tokens), joined(tuple(reversed(tokens))))):
            found = tables.joins.get(key)
            if found is not None:
                yield found, 50.0


def best_first(scores: Mapping[int, float], limit: int) -> list[int]:
    """The ``limit`` entries of highest score, best first; equal scores by entry id (the rule of both indexes)."""
    return [entry for entry, _ in heapq.nsmallest(limit, scores.items(), key=lambda kv: (-kv[1], kv[0]))]


def candidates(tables: Tables, variants: Iterable[tuple[str, ...]], limit: int) -> list[int]:
    """Entry ids of the names most like the query's, best first, added up in plain Python."""
    scores: dict[int, float] = {}
    get = scores.get
    for hit, amount in contributions(tables, variants):
        for entry in hit:
            scores[entry] = get(entry, 0.0) + amount
    return best_first(scores, limit)
