"""Screen a query against an index of listed parties: candidates from the index, then explained scores.

The default threshold (:data:`DEFAULT_THRESHOLD`) was chosen on the benchmark
described in ``docs/bench/screening.md``: it keeps recall on typo'd UN names
at or above 0.98 while the synthetic negatives stay below it.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from tracegraph.errors import InputError
from tracegraph.match.compare import beside_features
from tracegraph.match.features import (
    Feature,
    Query,
    birth_date_feature,
    country_feature,
    identifier_feature,
    name_reason,
    name_score,
)
from tracegraph.match.normalise import NameForm, name_forms
from tracegraph.registry import register
from tracegraph.screen.lookup import NameEntry, Party, ScreenIndex
from tracegraph.screen.records import lookups

if TYPE_CHECKING:  # the index in memory imports numpy and FtM; a cold ``screen`` reads the lean one
    from tracegraph.screen.index import NameIndex

DEFAULT_THRESHOLD = 0.85
#: names entries fetched from the index per query before scoring
CANDIDATES = 12


@dataclass
class Result:
    entity: Party
    score: float
    match: bool
    features: dict[str, float] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.entity.id,
            "caption": self.entity.caption,
            "schema": self.entity.schema,
            "datasets": self.entity.datasets,
            "topics": self.entity.values("topics"),
            "referents": self.entity.values("referents"),
            "score": round(self.score, 4),
            "match": self.match,
            "features": {k: round(v, 4) for k, v in self.features.items()},
            "reasons": self.reasons,
        }


#: one way a query name meets a listed name: the notes of the name score, the query's form and name, the entry
_Pairing = tuple[list[str], NameForm, str, NameEntry]


def _best_pairing(pairings: list[_Pairing], kind: str) -> tuple[list[str], dict[str, Feature], str, NameEntry]:
    """Of a party's names that score alike, the one whose features beside the name (legal form, word order,
    script, series) add most, as :func:`tracegraph.match.compare.best_name` picks; the first on a tie."""
    chosen: tuple[float, list[str], dict[str, Feature], str, NameEntry] | None = None
    for notes, form, name, entry in pairings:
        beside = beside_features(form, entry.form, name, entry.name, kind)
        total = sum(f.score for f in beside.values())
        if chosen is None or total > chosen[0]:
            chosen = (total, notes, beside, name, entry)
    assert chosen is not None
    return chosen[1], chosen[2], chosen[3], chosen[4]


def _in(listed: Party, datasets: Collection[str] | None) -> bool:
    return datasets is None or any(d in datasets for d in listed.datasets)


def _normalise(query: Query) -> Query:
    """Birth dates in ISO form ("14 Mar 1971" -> "1971-03-14"); unreadable ones are dropped."""
    if all(len(d) in (4, 7, 10) and d[:4].isdigit() for d in query.birth_dates):
        return query
    from tracegraph.screen.importers.text import parse_date

    dates = [d for d in (parse_date(v) for v in query.birth_dates) if d]
    return replace(query, birth_dates=dates)


def compatible(query_schema: str, listed_schema: str) -> bool:
    """Whether a query of one schema may match a listed party of another (FtM's ``can_match``)."""
    from tracegraph.screen.index import schema_can_match

    return schema_can_match(query_schema, listed_schema)


class Matcher:
    """Explained screening over an index: the :class:`~tracegraph.screen.index.NameIndex` in memory, or
    the lean one read from the index file (:class:`~tracegraph.screen.lean.LeanIndex`)."""

    def __init__(self, index: ScreenIndex, threshold: float = DEFAULT_THRESHOLD) -> None:
        self.index = index
        self.threshold = threshold
        self.identifier_props: list[str] = list(lookups()["identifier_props"])

    def match(
        self, query: Query, limit: int = 5, threshold: float | None = None, datasets: Collection[str] | None = None
    ) -> list[Result]:
        """Scored results, best first; only the top ``limit``. An unusable query raises :class:`InputError`.

        ``datasets`` keeps only parties of those lists (e.g. ``{"un_sc_sanctions"}``).
        """
        cut = self.threshold if threshold is None else threshold
        query = _normalise(query)
        kind = self.index.kind(query.schema)
        variants: list[tuple[NameForm, str]] = []
        for name in query.names:
            variants.extend((form, name) for form in name_forms(name, kind))
        if not variants and not query.identifiers:
            raise InputError("the query has no usable name (empty, or only punctuation and control characters)")
        if variants and sum(len(t) for form, _ in variants for t in form.tokens) < 2:
            raise InputError("the query name is too short to screen (one character)")
        # per party: its best name score, and every (notes, query form, query name, entry) that reaches it
        best: dict[int, tuple[float, list[_Pairing]]] = {}
        common = self.index.common
        for entry_id in self.index.candidates([f.tokens for f, _ in variants], CANDIDATES) if variants else []:
            entry = self.index.entries[entry_id]
            listed = self.index.entities[entry.entity]
            if not self.index.compatible(query.schema, listed.schema) or not _in(listed, datasets):
                continue
            for form, name in variants:
                score, notes = name_score(form, entry.form, common)
                held = best.get(entry.entity)
                if held is None or score > held[0]:
                    best[entry.entity] = (score, [(notes, form, name, entry)])
                elif score == held[0]:
                    held[1].append((notes, form, name, entry))
        for idx in self.index.by_identifier(query.identifiers):
            listed = self.index.entities[idx]
            if idx not in best and self.index.compatible(query.schema, listed.schema) and _in(listed, datasets):
                best[idx] = (0.0, [])
        results = []
        for idx, (score, pairings) in best.items():
            beside: dict[str, Feature] = {}
            if not pairings:
                feature = Feature(0.0, "no name in common")
            else:
                notes, beside, name, entry = _best_pairing(pairings, kind)
                feature = Feature(score, name_reason(name, entry.name, score, notes))
            results.append(self._score(query, idx, feature, beside, cut))
        results.sort(key=lambda r: (-r.score, r.entity.id))
        return results[:limit]

    def _score(self, query: Query, idx: int, name: Feature, beside: dict[str, Feature], cut: float) -> Result:
        listed = self.index.entities[idx]
        name_score = name.score
        features = {"name": name_score}
        reasons = {"name": name.reason}
        extra: list[tuple[str, Feature | None]] = [
            *beside.items(),
            ("birth_date", birth_date_feature(query, listed)),
            ("country", country_feature(query, listed)),
        ]
        score = name_score
        for key, feat in extra:
            if feat is not None:
                features[key] = feat.score
                reasons[key] = feat.reason
                score += feat.score
        ident = identifier_feature(query, listed, self.identifier_props)
        if ident is not None:
            features["identifier"] = ident.score
            reasons["identifier"] = ident.reason
            score = max(score, ident.score)
        score = min(max(score, 0.0), 1.0)
        return Result(listed, score, score >= cut, features, reasons)


@register("matcher", "screen.names.v1")
def names_v1(index: NameIndex, threshold: float = DEFAULT_THRESHOLD) -> Matcher:
    """The default screening matcher: token index candidates, then the name/birth date/country/identifier features."""
    return Matcher(index, threshold)
