"""Capitals that stand for governments: "Washington" acts for the United States government.

The table lives in ``data/metonyms.yaml``. :func:`government_for` answers for one
name; :func:`ensure_government` writes the government entity (record-derived
statements pointing at the table) the resolver merges metonyms into.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from tracegraph.datafiles import load_yaml
from tracegraph.ids import make_id
from tracegraph.match import ORG, name_key
from tracegraph.store import Statement, Store

EXTRACTOR = "resolve.metonyms.v1"
DATASET = "tracegraph.metonyms"


@dataclass(frozen=True)
class Government:
    code: str
    name: str

    @property
    def entity_id(self) -> str:
        return make_id("ent", "gov", self.code)


@cache
def _table() -> tuple[frozenset[str], dict[str, Government]]:
    data = load_yaml("tracegraph.resolve", "data", "metonyms.yaml")
    by_key: dict[str, Government] = {}
    for code, spec in data["governments"].items():
        gov = Government(code=str(code), name=str(spec["name"]))
        for name in [spec["name"], *spec.get("names", [])]:
            by_key[name_key(str(name), ORG)] = gov
    return frozenset(data["schemata"]), by_key


def schemata() -> frozenset[str]:
    """The entity types a metonym may be written as (actors, not places or people)."""
    return _table()[0]


def government_for(name: str, schema: str = "PublicBody") -> Government | None:
    """The government a name stands for, or ``None``."""
    allowed, by_key = _table()
    if schema not in allowed:
        return None
    return by_key.get(name_key(name, ORG))


def ensure_government(store: Store, gov: Government) -> str:
    """Write the government entity (idempotent) and return its id."""

    def fact(prop: str, value: str) -> Statement:
        return Statement(
            entity_id=gov.entity_id,
            schema="PublicBody",
            prop=prop,
            value=value,
            dataset=DATASET,
            record_id=f"metonyms:{gov.code}",
            extractor=EXTRACTOR,
        )

    facts = [fact("name", gov.name)]
    if gov.code != "eu":
        facts.append(fact("country", gov.code))
    store.add_statements(facts)
    return gov.entity_id
