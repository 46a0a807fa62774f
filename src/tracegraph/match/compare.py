"""Scoring two names or two records with the shared features; the entry point for callers outside screening.

Screening scores a query against the candidates of its index (``screen.matcher``);
resolution, ``link`` and graph search score pairs they already have through
:func:`compare_names` and :func:`compare`. Both sum the same features.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from tracegraph.match.features import (
    Feature,
    Query,
    Record,
    birth_date_feature,
    country_feature,
    edge_words_feature,
    identifier_feature,
    legal_form_feature,
    name_feature,
    order_feature,
    script_feature,
    series_feature,
)
from tracegraph.match.normalise import NameForm, kind_of, name_forms

#: properties holding identifiers that, shared, make two records one
IDENTIFIER_PROPS = [
    "idNumber",
    "passportNumber",
    "taxNumber",
    "registrationNumber",
    "leiCode",
    "imoNumber",
    "innCode",
    "ogrnCode",
    "swiftBic",
    "vatCode",
]


@dataclass
class Comparison:
    """A score in 0..1 with each feature's contribution and reason."""

    score: float
    features: dict[str, float] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": round(self.score, 4),
            "features": {k: round(v, 4) for k, v in self.features.items()},
            "reasons": self.reasons,
        }


NameFeatures = tuple[Feature, dict[str, Feature]]


def beside_features(form: NameForm, other: NameForm, name: str, other_name: str, kind: str) -> dict[str, Feature]:
    """The features beside the name's that have something to say about two name forms.

    Legal forms (``legal_form``), descriptive words peeled off the edges (``edge_words``), word
    order in a person's name (``order``), Han characters (``script``), numbers or series
    markers (``series``). Screening scores its best candidates with the same ones.
    """
    return {
        key: found
        for key, found in (
            ("legal_form", legal_form_feature(form, other)),
            ("edge_words", edge_words_feature(form, other)),
            ("order", order_feature(form, other, name, other_name)),
            ("script", script_feature(name, other_name)),
            ("series", series_feature(form, other, kind)),
        )
        if found is not None
    }


def best_name(left: Iterable[str], right: Iterable[str], schema: str = "LegalEntity") -> NameFeatures:
    """The best name feature over all pairs of names, and the features of that pair beside it.

    Beside it: legal forms (``legal_form``), Han characters (``script``) and numbers or
    series markers (``series``), each only where it has something to say.
    """
    kind = kind_of(schema)
    best: tuple[float, Feature, dict[str, Feature]] = (-1.0, Feature(0.0, "no name in common"), {})
    right_forms = [(name, form) for name in right for form in name_forms(name, kind)]
    for name in left:
        for form in name_forms(name, kind):
            for other_name, other in right_forms:
                feat = name_feature(form, other, name, other_name)
                if feat.score < best[0]:
                    continue
                beside = beside_features(form, other, name, other_name, kind)
                total = feat.score + sum(f.score for f in beside.values())
                if total > best[0]:
                    best = (total, feat, beside)
    return best[1], best[2]


def _add(result: Comparison, key: str, feat: Feature) -> float:
    result.features[key] = feat.score
    result.reasons[key] = feat.reason
    return feat.score


def compare_names(left: str, right: str, schema: str = "LegalEntity") -> Comparison:
    """Two names: the name feature plus the features beside it (legal form, script, series), clipped to 0..1."""
    name, beside = best_name([left], [right], schema)
    result = Comparison(name.score, {"name": name.score}, {"name": name.reason})
    score = name.score + sum(_add(result, key, feat) for key, feat in beside.items())
    result.score = min(max(score, 0.0), 1.0)
    return result


class _Props:
    def __init__(self, props: dict[str, list[str]]) -> None:
        self.props = props

    def values(self, *names: str) -> list[str]:
        return [v for p in names for v in self.props.get(p, [])]


def compare(query: Query, names: list[str], other: Record | dict[str, list[str]]) -> Comparison:
    """A query against another record's names and properties: every feature, summed and clipped."""
    record: Record = _Props(other) if isinstance(other, dict) else other
    name, beside = best_name(query.names, names, query.schema)
    result = Comparison(name.score, {"name": name.score}, {"name": name.reason})
    score = name.score
    extra: list[tuple[str, Feature | None]] = [
        *beside.items(),
        ("birth_date", birth_date_feature(query, record)),
        ("country", country_feature(query, record)),
    ]
    for key, feat in extra:
        if feat is not None:
            result.features[key] = feat.score
            result.reasons[key] = feat.reason
            score += feat.score
    ident = identifier_feature(query, record, IDENTIFIER_PROPS)
    if ident is not None:
        result.features["identifier"] = ident.score
        result.reasons["identifier"] = ident.reason
        score = max(score, ident.score)
    result.score = min(max(score, 0.0), 1.0)
    return result
