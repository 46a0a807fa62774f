"""The matcher's features: small pure functions, each a score and a reason in plain words.

``name`` gives the base score (0..1); the others adjust it: a birth date or a
country that disagrees lowers it, a shared identifier raises it. Each returns
``None`` when it has nothing to say (e.g. the query has no birth date).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from rapidfuzz.distance import OSA
from rigour.text import metaphone

from tracegraph.screen.importers.text import country_code
from tracegraph.screen.index import Listed, normalise_identifier
from tracegraph.screen.names import joined

#: weight of a listed name's token that the query does not have (a middle name the query leaves out)
EXTRA_TOKEN_WEIGHT = 0.2
#: the least similarity for two tokens to count as the same with a typo
TOKEN_MIN = 0.7
#: a query initial ("J.") against a listed name ("John"); the other way round is weaker
INITIAL_SCORE = 0.8
LISTED_INITIAL_SCORE = 0.6
SHORT_SWAP_SCORE = 0.75
#: two tokens that sound the same (Metaphone) but are spelt further apart ("Schulze", "Scholz")
PHONETIC_SCORE = 0.75
#: the spaceless comparison ("abdulhai" ~ "abdul hai") only counts when this close
JOINED_MIN = 0.9

DOB_YEAR_MISMATCH = -0.2
DOB_NEAR_YEAR = -0.05
DOB_DAY_MISMATCH = -0.1
DOB_MATCH = 0.04
COUNTRY_MISMATCH = -0.1
IDENTIFIER_FLOOR = 0.95


class Feature(NamedTuple):
    score: float
    reason: str


@dataclass
class Query:
    """What is screened: names plus whatever else is known."""

    names: list[str]
    schema: str = "LegalEntity"
    birth_dates: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    identifiers: list[str] = field(default_factory=list)


_CACHE: dict[tuple[str, str], float] = {}
_CACHE_MAX = 1_000_000


def token_similarity(a: str, b: str) -> float:
    """Similarity of two tokens in 0..1: equal, an initial, or one or two typos (OSA distance)."""
    if a == b:
        return 1.0
    if len(a) == 1:
        return INITIAL_SCORE if a == b[0] else 0.0
    if len(b) == 1:
        return LISTED_INITIAL_SCORE if b == a[0] else 0.0
    if min(len(a), len(b)) <= 2:
        return 0.0
    if len(a) == len(b) == 3:  # one swap of two letters, "sko" for "sok"
        return SHORT_SWAP_SCORE if sorted(a) == sorted(b) and OSA.distance(a, b) == 1 else 0.0
    sim = float(OSA.normalized_similarity(a, b))
    if sim < PHONETIC_SCORE and min(len(a), len(b)) >= 4 and metaphone(a) == metaphone(b):
        return PHONETIC_SCORE
    return sim


def align(query: tuple[str, ...], listed: tuple[str, ...]) -> tuple[float, list[str]]:
    """Pair query tokens with listed tokens (any order, typos allowed); the share of letters covered."""
    pairs = []
    cache = _CACHE
    for i, a in enumerate(query):
        for j, b in enumerate(listed):
            sim = cache.get((a, b))
            if sim is None:
                sim = token_similarity(a, b)
                if len(cache) < _CACHE_MAX:
                    cache[(a, b)] = sim
            if sim >= TOKEN_MIN:
                pairs.append((sim, i, j))
    pairs.sort(reverse=True)
    used_q: set[int] = set()
    used_l: set[int] = set()
    got = total = 0.0
    notes: list[str] = []
    for sim, i, j in pairs:
        if i in used_q or j in used_l:
            continue
        used_q.add(i)
        used_l.add(j)
        weight = len(query[i]) + len(listed[j])
        got += sim * weight
        total += weight
        if sim < 1.0:
            notes.append(f"{query[i]}~{listed[j]}")
    missing = [t for i, t in enumerate(query) if i not in used_q]
    extra = [t for j, t in enumerate(listed) if j not in used_l]
    total += 2 * sum(len(t) for t in missing) + 2 * EXTRA_TOKEN_WEIGHT * sum(len(t) for t in extra)
    if missing:
        notes.append("not on the list: " + " ".join(missing))
    if extra:
        notes.append("only on the list: " + " ".join(extra))
    return (got / total if total else 0.0), notes


def name_feature(query: tuple[str, ...], listed: tuple[str, ...], query_name: str, listed_name: str) -> Feature:
    """Best of token alignment and the spaceless comparison (either order)."""
    score, notes = align(query, listed)
    if len(query) == len(listed):
        detail = f" ({'; '.join(notes)})" if notes else ""
        return Feature(score, f"'{query_name}' is like listed name '{listed_name}': {score:.2f}{detail}")
    flat = joined(listed)
    for form in (joined(query), joined(tuple(reversed(query)))):
        sim = float(OSA.normalized_similarity(form, flat))
        if sim >= JOINED_MIN and sim > score:
            score, notes = sim, ["compared without spaces"]
    detail = f" ({'; '.join(notes)})" if notes else ""
    return Feature(score, f"'{query_name}' is like listed name '{listed_name}': {score:.2f}{detail}")


def _year(date: str) -> str:
    return date[:4]


def birth_date_feature(query: Query, listed: Listed) -> Feature | None:
    dates = listed.values("birthDate")
    if not query.birth_dates or not dates:
        return None
    for q in query.birth_dates:
        for d in dates:
            if q[: len(d)] == d or d[: len(q)] == q:
                return Feature(DOB_MATCH, f"born {q}, the list says {d}")
    years = {_year(d) for d in dates}
    said = ", ".join(dates[:3])
    if any(_year(q) in years for q in query.birth_dates):
        return Feature(DOB_DAY_MISMATCH, f"same birth year but another day: the list says {said}")
    near = {str(int(y) + step) for y in years if y.isdigit() for step in (-1, 1)}
    if any(_year(q) in near for q in query.birth_dates):
        return Feature(DOB_NEAR_YEAR, f"born {query.birth_dates[0]}, a year off what the list says ({said})")
    return Feature(DOB_YEAR_MISMATCH, f"born {query.birth_dates[0]}, the list says {', '.join(dates[:3])}")


def country_feature(query: Query, listed: Listed) -> Feature | None:
    listed_countries = set(listed.values("country", "nationality", "citizenship", "jurisdiction", "flag"))
    if not query.countries or not listed_countries:
        return None
    wanted = {code for c in query.countries if (code := country_code(c)) is not None}
    if not wanted:
        return None
    if wanted & listed_countries:
        return Feature(0.0, f"country {', '.join(sorted(wanted & listed_countries))} agrees")
    return Feature(
        COUNTRY_MISMATCH, f"country {', '.join(sorted(wanted))}, the list says {', '.join(sorted(listed_countries))}"
    )


def identifier_feature(query: Query, listed: Listed, props: list[str]) -> Feature | None:
    if not query.identifiers:
        return None
    own = {normalise_identifier(v): v for v in listed.values(*props)}
    for ident in query.identifiers:
        key = normalise_identifier(ident)
        if len(key) >= 4 and key in own:
            return Feature(IDENTIFIER_FLOOR, f"identifier {own[key]} is on the list entry")
    return None
