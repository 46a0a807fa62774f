"""What resolution decides from the matching engine's scores, and its word lists.

Names are read by the one normaliser (:mod:`tracegraph.match`); this module only
says what a score means for a merge (:func:`verdict`) and holds the resolver's own
data (``data/rules.yaml``: rename cues, generic words, strong identifiers, the
trade words and places of short forms).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from tracegraph.datafiles import load_yaml
from tracegraph.match import Comparison, compare_names, fold, kind_of, name_tokens

#: a pair scoring this or more, with no feature against it, is merged automatically
AUTO_MERGE = 0.95
#: pairs from here up to AUTO_MERGE are kept for review (``tracegraph resolve --review``)
REVIEW_FROM = 0.7

MERGE = "merge"
REVIEW = "review"
APART = "apart"


@cache
def lookups() -> dict[str, Any]:
    """The resolver's rule data (``data/rules.yaml``)."""
    return load_yaml("tracegraph.resolve", "data", "rules.yaml")


def verdict(comparison: Comparison, high: float = AUTO_MERGE, low: float = REVIEW_FROM) -> str:
    """``merge`` at ``high`` or more with no feature against it; ``review`` from ``low``; else ``apart``.

    A feature against the pair (legal forms, Han characters, numbers, birth dates or
    countries that differ) keeps it from an automatic merge however high the score:
    a person decides.
    """
    against = any(score < 0 for key, score in comparison.features.items() if key != "name")
    if comparison.score >= high and not against:
        return MERGE
    if comparison.score >= low:
        return REVIEW
    return APART


def same_name(left: str, right: str, schema: str = "LegalEntity") -> bool:
    """The automatic resolver's name rule for one pair: the engine scores it a merge."""
    return verdict(compare_names(left, right, schema)) == MERGE


@cache
def _places() -> frozenset[tuple[str, ...]]:
    """Place names as token tuples: ``short_forms.places`` plus rigour's country names."""
    from rigour.territories import get_territories

    names = [str(p) for p in lookups()["short_forms"]["places"]]
    names += [t.name for t in get_territories() if t.is_country]
    return frozenset(tuple(words) for place in names if (words := fold(place).split()))


def _strip_places(parts: list[str]) -> list[str]:
    """Drop the place names a name begins with: "hebei shijiazhuang yafeng" -> ["yafeng"]."""
    places = _places()
    longest = max(len(p) for p in places)
    stripped = True
    while stripped and parts:
        stripped = False
        for size in range(min(longest, len(parts)), 0, -1):
            if tuple(parts[:size]) in places:
                parts = parts[size:]
                stripped = True
                break
    return parts


def _org_tokens(name: str) -> list[str]:
    stop = {str(w) for w in lookups()["short_forms"]["stopwords"]}
    return [t for t in name_tokens(name, kind_of("Organization")) if t not in stop]


@cache  # called for every pair of mentions in a story
def first_distinctive(name: str) -> str | None:
    """The first token of an organisation's name after any leading place names."""
    parts = _strip_places(_org_tokens(name))
    return parts[0] if parts else None


@cache  # called for every pair of mentions in a story
def short_form(name: str, *, places: bool = False) -> str | None:
    """The one distinctive word an organisation name comes down to, or ``None``.

    Legal forms and trade words ("group", "chemical", "trading", ...) dropped, what
    is left must be one word of at least 4 letters that is neither a generic word
    ("ministry") nor a place ("China", "Shanghai"): "Yafeng group" -> ``yafeng``.
    With ``places``, leading place names are dropped first: "Hebei Shijiazhuang
    Yafeng Chemical Plant" -> ``yafeng``.
    """
    trade = {str(w) for w in lookups()["short_forms"]["trade_words"]}
    generic = {str(w) for w in lookups()["generic"]}
    parts = _org_tokens(name)
    if places:
        parts = _strip_places(parts)
    parts = [t for t in parts if t not in trade]
    if len(parts) != 1:
        return None
    word = parts[0]
    if len(word) < 4 or not word.isalpha() or word in generic or (word,) in _places():
        return None
    return word
