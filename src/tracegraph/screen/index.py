"""An in-memory candidate index over listed names: exact tokens, typo neighbours, sounds, joined forms.

Looking up a query costs a few dictionary hits and one pass of numpy adds over
the posting lists of its tokens, never a scan of every listed name:

* each token of every listed name points to the names that hold it (IDF-weighted);
* tokens of five or more letters are also reachable through their one-letter deletions
  (SymSpell), so a typo on either side still finds the token;
* tokens also meet by their Metaphone key ("Mohammed" ~ "Muhamad");
* the spaceless form of a name ("xijinping") finds names written split or merged,
  and two neighbouring words joined ("gazpromneft") find a name that writes them apart.

Names are read by the one normaliser (:func:`tracegraph.match.name_forms`), so legal
forms are not tokens and do not pull in every "LLC" of the list. The look-up rules are
:mod:`tracegraph.screen.lookup`'s, shared with the lean index a cold ``screen`` reads
(:mod:`tracegraph.screen.lean`); this index adds up their contributions with numpy.
"""

from __future__ import annotations

import itertools
import math
import threading
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import cast

import numpy as np
import numpy.typing as npt
from followthemoney.statement.util import BASE_ID
from rigour.text import metaphone

from tracegraph.match.features import normalise_identifier
from tracegraph.match.normalise import NameForm, joined, kind_of, name_forms
from tracegraph.screen.lookup import MAX_DF, MAX_EXPANSIONS, MAX_FUZZY_DF, NameEntry, contributions, deletes
from tracegraph.screen.records import lookups
from tracegraph.store.model import Entity, Statement
from tracegraph.vocab import is_party, model

__all__ = ["MAX_DF", "MAX_EXPANSIONS", "MAX_FUZZY_DF", "Listed", "NameEntry", "NameIndex", "normalise_identifier"]


#: a word held by at least this many names (or 1 in 800) is common: see ``features.GENERIC_CAP``
COMMON_MIN_DF = 20


class Listed(Entity):
    """A listed party as the matcher sees it: the one entity class (:class:`tracegraph.store.Entity`),
    filled from a list entry's values, with the names the index reads (``names``) and the lists it
    is on (``datasets``, in order). Its caption follows the one caption rule.
    """

    __slots__ = ("_names",)

    def __init__(
        self,
        id: str,
        schema: str,
        caption: str | None,
        names: Sequence[str],
        properties: Mapping[str, Sequence[str]] | None = None,
        datasets: Sequence[str] = (),
    ) -> None:
        lists = list(datasets) or ["default"]
        super().__init__(id, schema, lists[0])
        # a read-only view of stored values: statement ids need only be unique within the party (and cheap:
        # an index of a full list builds tens of thousands of parties)
        for list_name in lists:  # FtM's entity marker, one per list the party is on
            self.add_statement(Statement(id, schema, BASE_ID, id, dataset=list_name, id=f"{id}@{list_name}"))
        for prop, values in (properties or {}).items():
            for value in values:
                self.add_statement(Statement(id, schema, prop, value, dataset=lists[0], id=f"{id}.{prop}={value}"))
        self._names = list(names)

    @property
    def names(self) -> list[str]:
        """The names the index reads (the list's own name properties, not FtM's every name-typed value)."""
        return self._names


def query_schemata() -> list[str]:
    """The query schemata whose compatibility with the listed ones is worked out when an index is built:
    ``Thing`` and every party schema of the model (:func:`tracegraph.vocab.is_party`)."""
    return ["Thing", *sorted(s.name for s in model() if is_party(s.name))]


@lru_cache(maxsize=1024)
def schema_can_match(query_schema: str, listed_schema: str) -> bool:
    """Whether a query of one schema may match a listed party of another (FtM's ``can_match``)."""
    left, right = model().get(query_schema), model().get(listed_schema)
    if left is None or right is None:
        return True
    return bool(left.can_match(right))


def _schema_matches(entities: Sequence[Listed]) -> dict[str, frozenset[str]]:
    listed = {e.schema for e in entities}
    return {q: frozenset(s for s in listed if schema_can_match(q, s)) for q in query_schemata()}


@lru_cache(maxsize=1)
def place_words() -> frozenset[str]:
    """Country names of one word ("canada", "russia"): alone, they identify no listed party."""
    from rigour.territories import get_territories

    words = set()
    for territory in get_territories():
        for name in (territory.name, territory.full_name):
            forms = name_forms(name or "", "org")
            if forms and len(forms[0].tokens) == 1:
                words.add(forms[0].tokens[0])
    return frozenset(words)


class NameIndex:
    """Names of listed parties, and the look-ups that find candidates for a query name."""

    entities: Sequence[Listed]
    entries: Sequence[NameEntry]
    postings: Mapping[str, npt.NDArray[np.int32]]
    idf: Mapping[str, float]
    common: frozenset[str]
    joins: Mapping[str, npt.NDArray[np.int32]]
    pairs: Mapping[str, npt.NDArray[np.int32]]
    neighbours: Mapping[str, Sequence[str]]
    sounds: Mapping[str, Sequence[str]]
    identifiers: Mapping[str, Sequence[int]]
    schema_matches: Mapping[str, frozenset[str]]

    def __init__(self, entities: Iterable[Listed], identifier_props: Iterable[str] = ()) -> None:
        parties: list[Listed] = []
        identifiers: dict[str, list[int]] = defaultdict(list)
        id_props = tuple(identifier_props) or tuple(lookups()["identifier_props"])
        entries: list[NameEntry] = []
        postings: dict[str, list[int]] = defaultdict(list)
        joins: dict[str, list[int]] = defaultdict(list)
        pairs: dict[str, list[int]] = defaultdict(list)
        for entity in entities:
            idx = len(parties)
            parties.append(entity)
            kind = kind_of(entity.schema)
            for value in entity.values(*id_props):
                key = normalise_identifier(value)
                if len(key) >= 4:
                    identifiers[key].append(idx)
            seen: set[NameForm] = set()
            for name in entity.names:
                for form in name_forms(name, kind):
                    if form in seen:
                        continue
                    seen.add(form)
                    entry = len(entries)
                    entries.append(NameEntry(idx, name, form))
                    tokens = form.tokens
                    for token in set(tokens):
                        postings[token].append(entry)
                    joins[joined(tokens)].append(entry)
                    for pair in {a + b for a, b in itertools.pairwise(tokens)}:
                        pairs[pair].append(entry)
        total = max(len(entries), 1)
        neighbours: dict[str, list[str]] = defaultdict(list)
        sounds: dict[str, list[str]] = defaultdict(list)
        for token in postings:
            if len(token) >= 5:
                for variant in deletes(token):
                    neighbours[variant].append(token)
            if len(token) >= 3 and not token.isdigit():
                sounds[metaphone(token)].append(token)
        self.setup(
            entities=parties,
            entries=entries,
            postings={t: np.array(v, dtype=np.int32) for t, v in postings.items()},
            idf={t: math.log(1 + total / len(v)) for t, v in postings.items()},
            common=frozenset(t for t, v in postings.items() if len(v) >= max(COMMON_MIN_DF, total // 800))
            | place_words(),
            joins={k: np.array(v, dtype=np.int32) for k, v in joins.items()},
            pairs={k: np.array(v, dtype=np.int32) for k, v in pairs.items() if len(v) <= MAX_FUZZY_DF},
            neighbours=dict(neighbours),
            sounds=dict(sounds),
            identifiers=dict(identifiers),
        )

    def setup(
        self,
        *,
        entities: Sequence[Listed],
        entries: Sequence[NameEntry],
        postings: Mapping[str, npt.NDArray[np.int32]],
        idf: Mapping[str, float],
        common: frozenset[str],
        joins: Mapping[str, npt.NDArray[np.int32]],
        pairs: Mapping[str, npt.NDArray[np.int32]],
        neighbours: Mapping[str, Sequence[str]],
        sounds: Mapping[str, Sequence[str]],
        identifiers: Mapping[str, Sequence[int]],
        schema_matches: Mapping[str, frozenset[str]] | None = None,
    ) -> None:
        """Set the look-up tables: built in memory by ``__init__``, or read on demand from a file (``persist``)."""
        #: per-thread scratch arrays of per-entry scores, zeroed again after each look-up
        self._local = threading.local()
        self.entities = entities
        self.entries = entries
        self.postings = postings
        self.idf = idf
        #: words held by so many names that they cannot identify an organisation alone
        self.common = common
        self.joins = joins
        self.pairs = pairs
        self.neighbours = neighbours
        self.sounds = sounds
        #: normalised identifier (registration, passport, tax number...) -> entity positions
        self.identifiers = identifiers
        #: query schema -> the listed schemata it may match, worked out once (FtM is slow to import)
        self.schema_matches = schema_matches if schema_matches is not None else _schema_matches(entities)

    def compatible(self, query_schema: str, listed_schema: str) -> bool:
        """Whether a query of one schema may match a party of another (FtM's ``can_match``), cached per index."""
        known = self.schema_matches.get(query_schema)
        if known is not None:
            return listed_schema in known
        return schema_can_match(query_schema, listed_schema)

    def by_identifier(self, values: Iterable[str]) -> list[int]:
        """Positions of the entities holding any of these identifiers."""
        found: dict[int, None] = {}
        for value in values:
            for idx in self.identifiers.get(normalise_identifier(value), ()):
                found[idx] = None
        return list(found)

    def __len__(self) -> int:
        return len(self.entities)

    def kind(self, schema: str) -> str:
        """The name kind (person, org, any) of a query schema."""
        return kind_of(schema)

    def candidates(self, variants: Iterable[tuple[str, ...]], limit: int = 30) -> list[int]:
        """Entry ids of the names most like the query's, best first (equal scores by entry id)."""
        scores: npt.NDArray[np.float64] | None = getattr(self._local, "scores", None)
        if scores is None:
            scores = self._local.scores = np.zeros(len(self.entries), dtype=np.float64)
        touched: list[npt.NDArray[np.int32]] = []
        for hit, amount in contributions(self, variants):
            found = cast("npt.NDArray[np.int32]", hit)  # this index's posting lists are numpy arrays
            scores[found] += amount
            touched.append(found)
        if not touched:
            return []
        nonzero = np.unique(np.concatenate(touched))
        values = scores[nonzero]
        scores[nonzero] = 0.0
        if len(nonzero) > limit:
            part = np.argpartition(-values, limit - 1)[:limit]
            kth = values[part].min()
            tied = values == kth
            if np.count_nonzero(tied) > np.count_nonzero(values[part] == kth):
                # equal scores cut at the limit: the lowest entry ids (``lookup.best_first``'s rule)
                above = np.flatnonzero(values > kth)
                part = np.concatenate((above, np.flatnonzero(tied)[: limit - len(above)]))
            nonzero, values = nonzero[part], values[part]
        order = np.lexsort((nonzero, -values))
        return [int(i) for i in nonzero[order]]
