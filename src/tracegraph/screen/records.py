"""What importers produce: list records made of FtM-shaped entities, and bad rows.

A :class:`ListRecord` is one entry of a list (an SDN entry, a UN individual)
with the entities it yields (the party, its addresses, its sanction). The
loader turns them into statements carrying ``record_id`` and ``dataset``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from tracegraph.datafiles import load_yaml
from tracegraph.ids import make_id
from tracegraph.match.normalise import clean_text
from tracegraph.store.model import Statement


@dataclass
class ListEntity:
    """One FtM entity: id, schema and property values."""

    id: str
    schema: str
    properties: dict[str, list[str]] = field(default_factory=dict)

    def add(self, prop: str, value: str | None) -> None:
        """Add a cleaned value; empty values and OFAC's ``-0-`` placeholder are dropped."""
        text = clean_value(value)
        if text is None:
            return
        values = self.properties.setdefault(prop, [])
        if text not in values:
            values.append(text)

    def first(self, prop: str) -> str | None:
        values = self.properties.get(prop)
        return values[0] if values else None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "schema": self.schema, "properties": self.properties}


@dataclass
class ListRecord:
    """One entry of a list; ``entities[0]`` is the listed party."""

    list_name: str
    key: str
    entities: list[ListEntity]
    line: int | None = None

    @property
    def record_id(self) -> str:
        return f"{self.list_name}:{self.key}"

    @property
    def party(self) -> ListEntity:
        return self.entities[0]

    def statements(self, extractor: str, version: str = "1") -> Iterator[Statement]:
        for entity in self.entities:
            for prop, values in entity.properties.items():
                for value in values:
                    yield Statement(
                        entity_id=entity.id,
                        schema=entity.schema,
                        prop=prop,
                        value=value,
                        dataset=self.list_name,
                        record_id=self.record_id,
                        extractor=extractor,
                        extractor_version=version,
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


def sanction_entity(list_name: str, key: str, party_id: str, authority: str) -> ListEntity:
    """The Sanction entity linking a listed party to its list."""
    sanction = ListEntity(make_id("sanction", list_name, key), "Sanction")
    sanction.add("entity", party_id)
    sanction.add("authority", authority)
    return sanction


def address_entity(list_name: str, key: str, full: str, country: str | None = None) -> ListEntity:
    address = ListEntity(make_id("addr", list_name, key, full), "Address")
    address.add("full", full)
    address.add("country", country)
    return address
