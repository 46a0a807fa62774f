"""Deterministic ids for things named in text (see the package docs for the scheme)."""

from __future__ import annotations

import re
import unicodedata

from tracegraph.ids import make_id

FAMILIES: dict[str, str] = {
    "Company": "org",
    "Organization": "org",
    "PublicBody": "org",
    "LegalEntity": "org",
    "Person": "person",
    "Address": "address",
    "Substance": "substance",
}

_PUNCT = re.compile(r"[^\w]+", re.UNICODE)
_THE = re.compile(r"^the\s+")


def name_key(name: str) -> str:
    """A normalised form of a name: casefolded, ASCII-folded, punctuation-free.

    >>> name_key("The  Yafeng Co., Ltd.")
    'yafeng co ltd'
    """
    text = unicodedata.normalize("NFKD", name.replace("’", "'").replace("'s", "")).casefold()
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _PUNCT.sub(" ", text).strip()
    return _THE.sub("", text).strip()


def family(schema: str) -> str:
    return FAMILIES.get(schema, "thing")


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
