"""The matching features: small pure functions, each a score and a reason in plain words.

``name_feature`` gives the base score (0..1); the others adjust it: legal forms
that agree are a mild plus and ones that cannot be the same a mild minus, a birth
date or a country that disagrees lowers the score, a shared identifier raises it.
Each returns ``None`` when it has nothing to say (e.g. the query has no birth date).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import NamedTuple, Protocol

from rapidfuzz.distance import OSA
from rigour.text import metaphone

from tracegraph.match.normalise import ORG, PERSON, NameForm, han_characters, joined, lookups, series_markers

#: weight of a listed name's token that the query does not have (a middle name the query leaves out)
EXTRA_TOKEN_WEIGHT = 0.2
#: the same for an organisation: "Farayand" is not "Farayand Technic" as surely as "Ali Khan" is "Ali Reza Khan"
ORG_EXTRA_TOKEN_WEIGHT = 0.35
#: the least similarity for two tokens to count as the same with a typo
TOKEN_MIN = 0.7
#: a query initial ("J.") against a listed name ("John"); the other way round is weaker
INITIAL_SCORE = 0.8
LISTED_INITIAL_SCORE = 0.6
SHORT_SWAP_SCORE = 0.75
#: two tokens that sound the same (Metaphone) but are spelt further apart ("Schulze", "Scholz")
PHONETIC_SCORE = 0.75
#: a name word with no counterpart on either side that is not a legal-form word caps the score here:
#: "OZEAN OF INTERNAL AFFAIRS" is not "DEPARTMENT OF INTERNAL AFFAIRS", however long the rest
SUBSTITUTION_CAP = 0.8
#: an organisation name that shares only common words ("Trading", "Security") with a longer listed
#: name is weak evidence, however well those words match
GENERIC_CAP = 0.75
#: the query is the start of the listed name and the rest is common or legal-form words
#: ("Huawei" / "Huawei Technologies Co., Ltd."): a short form of it, whatever the length of those words
COMMON_EXTRA_FLOOR = 0.9
#: the spaceless comparison ("abdulhai" ~ "abdul hai") only counts when this close
JOINED_MIN = 0.9
#: a distinctive word of an organisation must be at least this close to count as agreeing (a typo, not a sound)
DISTINCT_MIN = 0.8

LEGAL_AGREE = 0.03
LEGAL_CONFLICT = -0.06
#: the same for a name of one word ("Progress LLC" / "Progress AO"): the legal form is much of what tells them apart
LEGAL_CONFLICT_ONE_WORD = -0.2
DOB_YEAR_MISMATCH = -0.2
DOB_NEAR_YEAR = -0.05
DOB_DAY_MISMATCH = -0.1
DOB_MATCH = 0.04
COUNTRY_MISMATCH = -0.1
IDENTIFIER_FLOOR = 0.95
#: two Han names whose characters differ, however alike they read (高石 / 高市)
HAN_CONFLICT = -0.3
#: two organisation names with different numbers or series markers ("Fund III" / "Fund IV")
SERIES_CONFLICT = -0.3


class Feature(NamedTuple):
    score: float
    reason: str


class Record(Protocol):
    """Anything with FtM-style property values (a listed party, an entity of the graph)."""

    def values(self, *props: str) -> list[str]: ...


@dataclass
class Query:
    """What is screened or compared: names plus whatever else is known."""

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
    if a[0] != b[0] and abs(len(a) - len(b)) > 2:
        return 0.0  # neither a typo nor the same sound
    if len(a) == len(b) == 3:  # one swap of two letters, "sko" for "sok"
        return SHORT_SWAP_SCORE if sorted(a) == sorted(b) and OSA.distance(a, b) == 1 else 0.0
    if min(len(a), len(b)) == 3 and (a.startswith(b) or b.startswith(a)):
        return 0.0  # a letter added to the end of a three-letter word makes another word: "far", "farm"
    sim = float(OSA.normalized_similarity(a, b))
    if sim < PHONETIC_SCORE and min(len(a), len(b)) >= 4 and metaphone(a) == metaphone(b):
        return PHONETIC_SCORE
    return sim


def _merge_runs(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
    """Join adjacent tokens of ``b`` that ``a`` writes as one word ("gazprom neft" against "gazpromneft")."""
    if len(b) < 2:
        return b
    wanted = [t for t in a if len(t) >= 6 and t not in b and not t[-1].isdigit()]
    if not wanted:
        return b
    lengths = {len(t) for t in wanted}
    out: list[str] = []
    i = 0
    while i < len(b):
        if i + 1 < len(b) and not b[i + 1].isdigit():
            pair = b[i] + b[i + 1]
            size = len(pair)
            if (size in lengths or size - 1 in lengths or size + 1 in lengths) and any(
                pair == t or OSA.normalized_similarity(pair, t) >= JOINED_MIN for t in wanted
            ):
                out.append(pair)
                i += 2
                continue
        out.append(b[i])
        i += 1
    return b if len(out) == len(b) else tuple(out)


def align(
    query: tuple[str, ...],
    listed: tuple[str, ...],
    strict: bool = False,
    cross: bool = False,
    weak: frozenset[str] = frozenset(),
    extra_weight: float = EXTRA_TOKEN_WEIGHT,
    common: frozenset[str] = frozenset(),
    org: bool = False,
) -> tuple[float, list[str]]:
    """Pair query tokens with listed tokens (any order, typos allowed); the share of letters covered.

    Unmatched ``weak`` tokens (legal-form words inside a name) weigh as little as a listed
    name's extra middle name, and so does a word left over that repeats a paired word of its
    own side ("VALLE VALLE"). A real word on each side left unpaired caps the score (for an
    ``org``, a single letter is a real word: "M & S" is not "J & M"), and so do a number the
    other side lacks and, given ``common`` words, a match on common words only: a word
    that only sounds like the listed one ("Rikor" / "Rahkar") does not identify a company.
    """
    pairs = []
    cache = _CACHE
    for i, a in enumerate(query):
        for j, b in enumerate(listed):
            if a == b:
                pairs.append((1.0, i, j))
                continue
            if strict:  # Han: one syllable is one character; another syllable is another character
                continue
            sim = cache.get((a, b))
            if sim is None:
                sim = token_similarity(a, b)
                if len(cache) < _CACHE_MAX:
                    cache[(a, b)] = sim
            if sim >= TOKEN_MIN and not (cross and a[0] != b[0]):
                # across scripts a transliteration may vary its vowels, not the sound it starts with
                pairs.append((sim, i, j))
    pairs.sort(reverse=True)
    used_q: set[int] = set()
    used_l: set[int] = set()
    got = total = 0.0
    notes: list[str] = []
    kept: list[tuple[float, int, int]] = []
    for sim, i, j in pairs:
        if i in used_q or j in used_l:
            continue
        used_q.add(i)
        used_l.add(j)
        kept.append((sim, i, j))
        weight = len(query[i]) + len(listed[j])
        got += sim * weight
        total += weight
        if sim < 1.0:
            notes.append(f"{query[i]}~{listed[j]}")
    missing = [t for i, t in enumerate(query) if i not in used_q]
    extra = [t for j, t in enumerate(listed) if j not in used_l]
    lighter = weak | _repeats(query, used_q) | _repeats(listed, used_l)
    total += sum(len(t) * (2 * EXTRA_TOKEN_WEIGHT if t in lighter else 2) for t in missing)
    # a listed word the query leaves out weighs little when it is a legal-form word or a common one ("Technologies")
    total += 2 * sum(len(t) * (EXTRA_TOKEN_WEIGHT if t in lighter or t in common else extra_weight) for t in extra)
    if missing:
        notes.append("not on the list: " + " ".join(missing))
    if extra:
        notes.append("only on the list: " + " ".join(extra))
    score = got / total if total else 0.0
    shortest = 1 if org else 2
    strong_extra = [t for t in extra if t not in lighter and len(t) >= shortest]
    if any(t not in lighter and len(t) >= shortest for t in missing) and strong_extra:
        score = min(score, SUBSTITUTION_CAP)
    if any(t.isdigit() for t in missing):
        score = min(score, SUBSTITUTION_CAP)
        notes.append("a number differs")
    short_form = len(query) < len(listed) and listed[: len(query)] == query
    if common and short_form and extra and all(t in weak or t in common for t in extra):
        score = max(score, COMMON_EXTRA_FLOOR)
    generic = all(query[i] in common or query[i] in weak or sim < DISTINCT_MIN for sim, i, _ in kept)
    if common and generic and (any(t not in weak for t in extra) or any(sim < DISTINCT_MIN for sim, _, _ in kept)):
        score = min(score, GENERIC_CAP)
        notes.append("only common words agree")
    return score, notes


def _repeats(tokens: tuple[str, ...], used: set[int]) -> frozenset[str]:
    """Unpaired words right beside a paired word they repeat, as written or one letter off ("VALLE VALE")."""
    found = set()
    for i, t in enumerate(tokens):
        if i in used:
            continue
        for k in (i - 1, i + 1):
            if (
                k in used
                and 0 <= k < len(tokens)
                and (t == tokens[k] or (len(t) >= 4 and token_similarity(t, tokens[k]) >= TOKEN_MIN))
            ):
                found.add(t)
    return frozenset(found)


def name_score(query: NameForm, listed: NameForm, common: frozenset[str] = frozenset()) -> tuple[float, list[str]]:
    """Best of token alignment (run-together words joined first) and the spaceless comparison, with notes.

    ``common`` holds words too frequent to identify an organisation on their own (the screening
    index passes the words held by many of its names).
    """
    if query.tokens == listed.tokens:
        return 1.0, []
    strict = query.strict or listed.strict
    cross = query.script != listed.script
    q_tokens = _merge_runs(listed.tokens, query.tokens)
    l_tokens = _merge_runs(query.tokens, listed.tokens)
    org = ORG in (query.kind, listed.kind) and PERSON not in (query.kind, listed.kind)
    extra = ORG_EXTRA_TOKEN_WEIGHT if org else EXTRA_TOKEN_WEIGHT
    score, notes = align(
        q_tokens, l_tokens, strict, cross, query.weak | listed.weak, extra, common if org else frozenset(), org
    )
    if q_tokens is not query.tokens or l_tokens is not listed.tokens:
        notes.append("words run together")
    if score < 1.0 and len(query.tokens) != len(listed.tokens):
        numbers_agree = {t for t in query.tokens if t.isdigit()} == {t for t in listed.tokens if t.isdigit()}
        flat = joined(listed.tokens)
        for form in (joined(query.tokens), joined(tuple(reversed(query.tokens)))) if numbers_agree else ():
            sim = 1.0 if form == flat else (0.0 if strict else float(OSA.normalized_similarity(form, flat)))
            if sim >= JOINED_MIN and sim > score:
                score, notes = sim, ["compared without spaces"]
    return score, notes


def name_reason(query_name: str, listed_name: str, score: float, notes: list[str]) -> str:
    detail = f" ({'; '.join(notes)})" if notes else ""
    return f"'{query_name}' is like '{listed_name}': {score:.2f}{detail}"


def name_feature(
    query: NameForm, listed: NameForm, query_name: str, listed_name: str, common: frozenset[str] = frozenset()
) -> Feature:
    """The name feature: :func:`name_score` with its reason in words."""
    score, notes = name_score(query, listed, common)
    return Feature(score, name_reason(query_name, listed_name, score, notes))


@cache
def _neutral() -> frozenset[str]:
    return frozenset(str(c) for c in lookups()["neutral_classes"])


def legal_classes(form: NameForm) -> frozenset[str]:
    """The legal classes of a name form that can disagree with another's (not "state-owned", not a bare "Company")."""
    return form.legal - _neutral() - {""}


def legal_form_feature(query: NameForm, listed: NameForm) -> Feature | None:
    """Legal forms compared on their own: the same class a mild plus, classes that cannot agree a mild minus."""
    left = legal_classes(query)
    right = legal_classes(listed)
    if not left or not right:
        return None
    if left & right:
        return Feature(LEGAL_AGREE, f"legal forms agree ({', '.join(sorted(left & right))})")
    shown = f"{', '.join(sorted(left))} / {', '.join(sorted(right))}"
    if len(query.tokens) == 1 and len(listed.tokens) == 1:
        return Feature(LEGAL_CONFLICT_ONE_WORD, f"legal forms differ ({shown}) on a name of one word")
    return Feature(LEGAL_CONFLICT, f"legal forms differ ({shown})")


#: words at the edge of one name that are not on the other ("Harrowgate Research" / "Harrowgate")
EDGE_WORDS_DIFFER = -0.05


def edge_words_feature(query: NameForm, listed: NameForm) -> Feature | None:
    """Descriptive words peeled off as legal-form words ("Research", "Foundation") must agree to be sure."""
    # a word peeled off one name that the other holds inside ("Wafa Organization Humanitarian") agrees
    left = query.peeled - listed.peeled - set(listed.tokens)
    right = listed.peeled - query.peeled - set(query.tokens)
    if not left and not right:
        return None
    shown = f"{' '.join(sorted(left)) or 'none'} / {' '.join(sorted(right)) or 'none'}"
    return Feature(EDGE_WORDS_DIFFER, f"descriptive words differ ({shown})")


#: a person's name with the same words in another order (not an East Asian name, no comma)
ORDER_DIFFERS = -0.02
#: a patronymic whose father's name differs ("Salman bin Muhammad" / "Muhammad bin Salman")
PATRONYMIC_DIFFERS = -0.2


@cache
def _surnames() -> frozenset[str]:
    return frozenset(str(s) for s in lookups()["east_asian_surnames"])


@cache
def _particles() -> frozenset[str]:
    return frozenset(str(s) for s in lookups()["patronymic_particles"])


def _fathers(tokens: tuple[str, ...]) -> list[str]:
    """The name after each patronymic particle of a name (the father's, or the family's)."""
    particles = _particles()
    return [tokens[i + 1] for i, t in enumerate(tokens[:-1]) if t in particles]


def _unpaired(left: list[str], right: list[str]) -> list[str]:
    """Names of ``left`` with no counterpart in ``right``, as written or with a typo."""
    return [a for a in left if not any(a == b or token_similarity(a, b) >= TOKEN_MIN for b in right)]


def order_feature(query: NameForm, listed: NameForm, query_name: str, listed_name: str) -> Feature | None:
    """Word order in a person's name: a patronymic read the other way round names another man;
    the same words in another order are a mild sign against, except in East Asian names
    (family name first or last) and in a register's "Family, Given"."""
    if PERSON not in (query.kind, listed.kind) or query.tokens == listed.tokens:
        return None
    left, right = _fathers(query.tokens), _fathers(listed.tokens)
    # "Salman bin Muhammad" / "Muhammad bin Salman": each names a father the other does not
    if _unpaired(left, right) and _unpaired(right, left):
        return Feature(
            PATRONYMIC_DIFFERS, f"the patronymic differs ({' '.join(query.tokens)} / {' '.join(listed.tokens)})"
        )
    if sorted(query.tokens) != sorted(listed.tokens) or "," in query_name or "," in listed_name:
        return None
    if query.script != listed.script or query.strict or _surnames() & set(query.tokens):
        return None
    return Feature(ORDER_DIFFERS, f"word order differs ({' '.join(query.tokens)} / {' '.join(listed.tokens)})")


def script_feature(left: str, right: str) -> Feature | None:
    """Two names both written in Han: different characters are different names, even when they read alike."""
    a, b = han_characters(left), han_characters(right)
    if not a or not b:
        return None
    if a == b:
        return Feature(0.0, f"the same Han characters {a}")
    return Feature(HAN_CONFLICT, f"different Han characters that may read alike ({a} / {b})")


def series_feature(query: NameForm, listed: NameForm, kind: str) -> Feature | None:
    """Numbers and series markers ("II", "731") must agree: "Trust I" is not "Trust II".

    Read from the name words, so a legal form's letters ("S.A. de C.V.") are no series; a
    one-letter marker ("V", "I") counts only when the other name has a marker too: alone
    it is as often an initial or a word run into the next ("SIZIF V" / "SIZIFV").
    """
    if kind == PERSON:
        return None  # a person's "I" is an initial
    a, b = _series_of(query.tokens), _series_of(listed.tokens)
    if a == b:
        return None
    if not (a and b) and all(len(m) == 1 for m in a | b):
        return None
    shown = f"{' '.join(sorted(a)) or 'none'} / {' '.join(sorted(b)) or 'none'}"
    return Feature(SERIES_CONFLICT, f"numbers or series differ ({shown})")


def _series_of(tokens: tuple[str, ...]) -> frozenset[str]:
    markers = series_markers()
    return frozenset(t for t in tokens if t in markers or t.isdigit())


def _year(date: str) -> str:
    return date[:4]


def birth_date_feature(query: Query, listed: Record) -> Feature | None:
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


@cache
def country_code(text: str | None) -> str | None:
    """An ISO-like territory code for a country name or code, or ``None``."""
    if not text:
        return None
    from rigour.territories import lookup_territory

    found = lookup_territory(text.strip())
    return found.code if found is not None else None


def country_feature(query: Query, listed: Record) -> Feature | None:
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


def normalise_identifier(value: str) -> str:
    """Upper-case letters and digits only: "QX-123 4567" and "qx1234567" are one identifier."""
    return "".join(ch for ch in value.upper() if ch.isalnum())


def identifier_feature(query: Query, listed: Record, props: list[str]) -> Feature | None:
    if not query.identifiers:
        return None
    own = {normalise_identifier(v): v for v in listed.values(*props)}
    for ident in query.identifiers:
        key = normalise_identifier(ident)
        if len(key) >= 4 and key in own:
            return Feature(IDENTIFIER_FLOOR, f"identifier {own[key]} is on the list entry")
    return None
