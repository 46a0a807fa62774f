"""Name keys: the same name written differently gives the same key.

A key is the name transliterated to Latin (Han, Cyrillic, ... via normality/ICU),
case-folded, stripped of legal forms (rigour's list plus ``data/names.yaml``),
punctuation and stopwords. Word order is kept (so "Bank of China" is not "China
Bank", "Hans Friedrich" not "Friedrich Hans"), except that a two-part person
name with an East Asian family name (``data/names.yaml``) puts the family name
first: "Fujing Zheng", "Zheng Fujing" and 郑福景 (Han syllables of the given
name joined) share the key ``zheng fujing``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

from normality import ascii_text
from rigour.names import extract_org_types, remove_org_types, remove_person_prefixes

from tracegraph.datafiles import load_yaml

_PUNCT = re.compile(r"[^\w\s]+")
_SPACES = re.compile(r"\s+")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")

#: schemata whose names are people's names (token order carries no identity)
PERSON_SCHEMATA = frozenset({"Person"})


@cache
def lookups() -> dict[str, Any]:
    """The name lookups from ``data/names.yaml``."""
    return load_yaml("tracegraph.resolve", "data", "names.yaml")


@cache
def _legal_form_pattern() -> re.Pattern[str]:
    forms = sorted((str(f) for f in lookups()["legal_forms"]), key=len, reverse=True)
    return re.compile(r"(?:^|\s)(?:" + "|".join(re.escape(f) for f in forms) + r")$")


def has_han(text: str) -> bool:
    return _HAN.search(text) is not None


def tokens(name: str, *, person: bool = False) -> list[str]:
    """The identifying tokens of a name, in written order, in lower-case ASCII."""
    text = unicodedata.normalize("NFC", name)
    if person and text.count(",") == 1:
        last, first = text.split(",")
        text = f"{first} {last}"  # "Smith, John" as listed in registers
    han = has_han(text)
    if han and not person:
        for form in lookups()["legal_forms_han"]:
            text = text.replace(str(form), " ")
    latin = ascii_text(text) or ""
    latin = _PUNCT.sub(" ", latin.lower())
    latin = _SPACES.sub(" ", latin).strip()
    if person:
        latin = remove_person_prefixes(latin).strip()  # Mr, Dr, Herr, President, General, ...
    else:
        latin = remove_org_types(latin)
        # strip trailing forms repeatedly: "foo co ltd group" loses all three
        previous = None
        while previous != latin:
            previous = latin
            latin = _legal_form_pattern().sub(" ", latin).strip()
    parts = [t for t in latin.split() if t not in lookups()["stopwords"]]
    if han and person and len(parts) > 2:
        # Han person names: family name first, then the given name's syllables
        parts = [parts[0], "".join(parts[1:])]
    if person:
        parts = _family_first(parts)
    if han and not person:
        # transliterated Han splits into syllables; written Latin runs them together
        parts = ["".join(parts)]
    return parts


def _family_first(parts: list[str]) -> list[str]:
    """Family name first for two-part East Asian names; other names as written."""
    surnames = _surnames()
    if len(parts) == 3 and all(len(p) <= 6 for p in parts):
        # "Fu Jing Zheng" / "Zheng Fu Jing": the given name's syllables written apart
        if parts[0] in surnames and parts[2] not in surnames:
            parts = [parts[0], parts[1] + parts[2]]
        elif parts[2] in surnames and parts[0] not in surnames:
            parts = [parts[2], parts[0] + parts[1]]
    if len(parts) != 2:
        return parts
    first, last = parts[0] in surnames, parts[1] in surnames
    if first and last:
        return sorted(parts)
    if last:
        return [parts[1], parts[0]]
    return parts


@cache
def _surnames() -> frozenset[str]:
    return frozenset(str(s) for s in lookups()["east_asian_surnames"])


def legal_forms(name: str) -> frozenset[str]:
    """The generic legal forms a name carries ("AG" -> jsc, "GmbH" -> llc), via rigour."""
    latin = (ascii_text(name) or "").lower()
    return frozenset(generic for _, generic in extract_org_types(latin, generic=True))


def han_conflict(left: str, right: str) -> bool:
    """Two names both in Han script that differ: homophones, not one name (高石 vs 高市)."""
    if not (has_han(left) and has_han(right)):
        return False
    return "".join(_HAN.findall(left)) != "".join(_HAN.findall(right))


def name_key(name: str, schema: str = "LegalEntity") -> str:
    """The key of a name for ``schema``: its identifying tokens joined by a space."""
    return " ".join(tokens(name, person=schema in PERSON_SCHEMATA))


def compact_key(name: str, schema: str = "LegalEntity") -> str:
    """Tokens in written order with no spaces: "Ya Feng" and "Yafeng" and 亚丰 agree."""
    return "".join(tokens(name, person=schema in PERSON_SCHEMATA))


def series(name: str) -> frozenset[str]:
    """Series markers and numbers in a name: "Fund III" -> {"iii"}, "Unit 731" -> {"731"}."""
    markers = {str(m) for m in lookups()["series_markers"]}
    words = _PUNCT.sub(" ", (ascii_text(name) or "").lower()).split()
    return frozenset(w for w in words if w in markers or w.isdigit())


def names_conflict(left: str, right: str) -> bool:
    """Signs that two names with one key still name different things.

    Different legal forms (AG / GmbH), different series markers or numbers
    (Fund III / Fund IV), or different Han strings that read alike.
    """
    forms_left, forms_right = legal_forms(left), legal_forms(right)
    if forms_left and forms_right and forms_left != forms_right:
        return True
    if series(left) != series(right):
        return True
    return han_conflict(left, right)


def same_name(left: str, right: str, schema: str = "LegalEntity") -> bool:
    """The automatic resolver's name rule for one pair: same key or compact key, and no conflict."""
    if names_conflict(left, right):
        return False
    if name_key(left, schema) == name_key(right, schema):
        return True
    compact = compact_key(left, schema)
    return len(compact) >= 6 and compact == compact_key(right, schema)


@cache
def _places() -> frozenset[tuple[str, ...]]:
    """Place names as token tuples: ``short_forms.places`` plus rigour's country names."""
    from rigour.territories import get_territories

    names = [str(p) for p in lookups()["short_forms"]["places"]]
    names += [t.name for t in get_territories() if t.is_country]
    found = set()
    for place in names:
        words = _PUNCT.sub(" ", (ascii_text(place) or "").lower()).split()
        if words:
            found.add(tuple(words))
    return frozenset(found)


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


@cache  # called for every pair of mentions in a story
def first_distinctive(name: str) -> str | None:
    """The first token of an organisation's name key after any leading place names."""
    parts = _strip_places(tokens(name))
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
    parts = tokens(name)
    if places:
        parts = _strip_places(parts)
    parts = [t for t in parts if t not in trade]
    if len(parts) != 1:
        return None
    word = parts[0]
    if len(word) < 4 or not word.isalpha() or word in generic or (word,) in _places():
        return None
    return word
