"""Name normalisation for screening: clean, strip titles and legal forms, transliterate, tokenise.

Every name becomes a tuple of lower-case ASCII tokens. Cyrillic, Arabic, Greek
and Han script are transliterated by ICU (through ``normality``); a Han name
also yields the ``surname given`` form of its pinyin, so 习近平 meets "Xi Jinping".
"""

from __future__ import annotations

import re
from functools import lru_cache

from normality import ascii_text
from rigour.names import remove_org_types, remove_person_prefixes

from tracegraph.screen.records import clean_value, lookups

#: names longer than this are cut before matching (a 10,000-character "name" is not a name)
MAX_NAME_CHARS = 300

_APOSTROPHES = re.compile(r"['’‘`´ʼʻ]")
_TOKEN = re.compile(r"[a-z0-9]+")
_LEET = str.maketrans("013457", "oieast")
_INNER_DIGIT = re.compile(r"(?<=[a-z])[013457](?=[a-z])")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")

PERSON = "person"
ORG = "org"
ANY = "any"


@lru_cache(maxsize=1)
def _org_suffixes() -> frozenset[str]:
    return frozenset(lookups()["org_suffixes"])


def kind_of(schema: str | None) -> str:
    if schema == "Person":
        return PERSON
    if schema in ("Organization", "Company", "PublicBody"):
        return ORG
    return ANY


@lru_cache(maxsize=300_000)
def name_variants(name: str, kind: str = ANY) -> tuple[tuple[str, ...], ...]:
    """Token tuples for a name (usually one; two for Han names); empty when nothing is left."""
    text = clean_value(name)
    if text is None:
        return ()
    text = text[:MAX_NAME_CHARS]
    if kind in (PERSON, ANY):
        text = remove_person_prefixes(text)
    if kind in (ORG, ANY):
        text = remove_org_types(text)
    han = _HAN.search(text) is not None
    ascii_ = ascii_text(_APOSTROPHES.sub("", text)) or ""
    found = [_unleet(t) if not t.isalpha() and not t.isdigit() else t for t in _TOKEN.findall(ascii_.lower())]
    # "Sergey Sergey Shoigu" says no more than "Sergey Shoigu"
    tokens = tuple(t for i, t in enumerate(found) if i == 0 or t != found[i - 1])
    if kind in (ORG, ANY):
        suffixes = _org_suffixes()
        while len(tokens) > 1 and tokens[-1] in suffixes:
            tokens = tokens[:-1]
    if not tokens:
        return ()
    variants = [tokens]
    if han and 2 <= len(tokens) <= 4:
        variants.append((tokens[0], "".join(tokens[1:])))
    return tuple(variants)


def _unleet(token: str) -> str:
    """Digits inside a word are letters in disguise ("Ig0r Sech1n")."""
    return _INNER_DIGIT.sub(lambda m: m.group(0).translate(_LEET), token)


def joined(tokens: tuple[str, ...]) -> str:
    return "".join(tokens)
