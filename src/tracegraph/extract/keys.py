"""Deterministic ids for things named in text (see the package docs for the scheme)."""

from __future__ import annotations

import re
from functools import lru_cache

from tracegraph.ids import make_id
from tracegraph.match import fold
from tracegraph.vocab import is_a

#: the key family of a schema and of every schema extending it, the first that applies (a Person before a LegalEntity)
FAMILIES: dict[str, str] = {
    "Person": "person",
    "LegalEntity": "org",
    "Address": "address",
    "Substance": "substance",
}

_THE = re.compile(r"^the\s+")


@lru_cache(maxsize=1 << 16)  # a story names the same few actors many times over
def name_key(name: str) -> str:
    """The key a name gives an entity id: the matching engine's :func:`~tracegraph.match.fold`
    (case, accents and punctuation out, other scripts kept as written) without a possessive
    or a leading "the".

    >>> name_key("The  Yafeng Co., Ltd.")
    'yafeng co ltd'
    """
    return _THE.sub("", fold(name.replace("’", "'").replace("'s", ""), transliterate=False)).strip()


def family(schema: str) -> str:
    return next((fam for root, fam in FAMILIES.items() if is_a(schema, root)), "thing")


def entity_id(schema: str, name: str) -> str:
    """The id of an actor or thing of ``schema`` named ``name`` in text."""
    return make_id("ent", family(schema), name_key(name))


def government_id(country: str) -> str:
    """The id of a country acting as a government (``"cn"`` -> China's government)."""
    return make_id("ent", "gov", country.lower())


def relation_id(schema: str, source: str, target: str) -> str:
    return make_id("rel", schema, source, target)


def action_id(kind: str, actor: str, others: list[str], date: str | None) -> str:
    return make_id("act", kind, actor, *sorted(others), date or "")
