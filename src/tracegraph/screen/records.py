"""What importers produce: list records made of FtM entities, and bad rows.

A :class:`ListRecord` is one entry of a list (an SDN entry, a UN individual)
with the entities it yields (the party, its addresses, its sanction). The
loader turns them into statements carrying ``record_id`` and ``dataset``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from tracegraph.datafiles import load_yaml
from tracegraph.ids import make_id
from tracegraph.match.normalise import clean_text

if TYPE_CHECKING:  # the entity class imports FtM's model: the lookups below are read without it
    from tracegraph.store.model import Entity, Statement


def list_entity(entity_id: str, schema: str) -> Entity:
    """The one entity class (:class:`tracegraph.store.Entity`) as importers fill it: list values are
    tidied (:func:`clean_value`: empty values and OFAC's ``-0-`` go) before their FtM type cleans them."""
    from tracegraph.store.model import Entity

    return Entity(entity_id, schema, prepare=clean_value)


@dataclass
class ListRecord:
    """One entry of a list; ``entities[0]`` is the listed party."""

    list_name: str
    key: str
    entities: list[Entity]
    line: int | None = None

    @property
    def record_id(self) -> str:
        return f"{self.list_name}:{self.key}"

    @property
    def party(self) -> Entity:
        return self.entities[0]

    def statements(self, extractor: str, version: str = "1") -> Iterator[Statement]:
        """The entities' values as statements of this record, property by property."""
        from tracegraph.store.model import Statement

        for entity in self.entities:
            for prop in entity.properties:
                for stmt in entity.get_statements(prop, quiet=True):
                    yield Statement(
                        entity_id=entity.id,
                        schema=entity.schema,
                        prop=prop,
                        value=stmt.value,
                        dataset=self.list_name,
                        record_id=self.record_id,
                        extractor=extractor,
                        extractor_version=version,
                        original_value=stmt.original_value,
                    )


@dataclass(frozen=True)
class BadRow:
    """A row an importer could not read; the load goes on without it."""

    uri: str
    line: int | None
    reason: str
    #: the rest of the file could not be read (e.g. truncated XML)
    fatal: bool = False

    def __str__(self) -> str:
        where = f"{self.uri}:{self.line}" if self.line is not None else self.uri
        return f"{where}: {self.reason}"


Item = ListRecord | BadRow


def clean_value(value: str | None) -> str | None:
    """Strip control characters and bidi marks, collapse spaces; ``None`` when nothing is left."""
    text = clean_text(value)
    if text is None:
        return None
    text = text.strip(";").strip()
    if not text or text == "-0-":
        return None
    return text


@cache
def lookups() -> dict[str, Any]:
    """The YAML lookups of messy list values (``data/lookups.yaml``)."""
    return load_yaml("tracegraph.screen", "data", "lookups.yaml")


def schema_for(kind: str | None, default: str = "LegalEntity") -> str:
    table: dict[str, str] = lookups()["schema"]
    return table.get((kind or "").strip().lower(), default)


def sanction_entity(list_name: str, key: str, party_id: str, authority: str) -> Entity:
    """The Sanction entity linking a listed party to its list."""
    sanction = list_entity(make_id("sanction", list_name, key), "Sanction")
    sanction.add("entity", party_id)
    sanction.add("authority", authority)
    return sanction


def address_entity(list_name: str, key: str, full: str, country: str | None = None) -> Entity:
    address = list_entity(make_id("addr", list_name, key, full), "Address")
    address.add("full", full)
    address.add("country", country)
    return address
