"""Plain records the store reads and writes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from tracegraph.ids import make_id


@dataclass(frozen=True)
class Statement:
    """One fact: an entity's property has a value, according to a source.

    Either ``document_id`` with a character span (text evidence) or
    ``record_id`` (a row of a structured source) says where it came from.
    """

    entity_id: str
    schema: str
    prop: str
    value: str
    dataset: str = "default"
    document_id: str | None = None
    record_id: str | None = None
    span_start: int | None = None
    span_end: int | None = None
    extractor: str = "manual"
    extractor_version: str = "1"
    confidence: float = 1.0
    lang: str | None = None
    first_seen: str | None = None
    last_seen: str | None = None

    @property
    def id(self) -> str:
        """Deterministic: the same fact from the same place by the same extractor is one row."""
        return make_id(
            "st",
            self.entity_id,
            self.prop,
            self.value,
            self.dataset,
            self.document_id or "",
            self.record_id or "",
            self.span_start if self.span_start is not None else "",
            self.extractor,
        )

    def to_dict(self) -> dict[str, Any]:
        data = {k: getattr(self, k) for k in self.__dataclass_fields__}
        data["id"] = self.id
        return data


@dataclass(frozen=True)
class Source:
    """One input: a file (or a stream) as it was read."""

    id: str
    uri: str
    content_hash: str
    size: int
    format: str
    encoding: str | None = None
    status: str = "ok"
    error: str | None = None
    first_seen: str | None = None
    last_seen: str | None = None


@dataclass(frozen=True)
class Document:
    """A cleaned unit of text (a story of a page) with offsets back to its source.

    ``offsets`` maps the cleaned text onto the raw decoded text of the source:
    a list of ``(clean_start, raw_start, length)`` runs.
    """

    id: str
    source_id: str
    seq: int
    text: str
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    kind: str = "story"
    offsets: tuple[tuple[int, int, int], ...] = ()
    first_seen: str | None = None
    last_seen: str | None = None
    retired_at: str | None = None

    def raw_offset(self, pos: int, *, end: bool = False) -> int | None:
        """Where character ``pos`` of the cleaned text sits in the raw source text.

        With ``end=True`` the position is an exclusive end, so it maps to the end of
        the run it closes rather than the start of the next run.
        """
        for clean_start, raw_start, length in self.offsets:
            if end and clean_start < pos <= clean_start + length:
                return raw_start + (pos - clean_start)
            if not end and clean_start <= pos < clean_start + length:
                return raw_start + (pos - clean_start)
        return None

    def raw_span(self, start: int, end: int) -> tuple[int, int] | None:
        """Map a cleaned-text span to a raw-text span (end exclusive)."""
        raw_start = self.raw_offset(start)
        raw_end = self.raw_offset(end, end=True) if end > start else raw_start
        if raw_start is None or raw_end is None:
            return None
        return raw_start, raw_end


@dataclass
class Entity:
    """An entity assembled from its statements when read."""

    id: str
    schema: str
    properties: dict[str, list[str]] = field(default_factory=dict)
    statements: list[Statement] = field(default_factory=list)
    member_ids: list[str] = field(default_factory=list)

    @property
    def caption(self) -> str:
        names = self.ranked_names()
        if names:
            return names[0]
        for prop in ("title", "caption", "summary"):
            values = self.properties.get(prop)
            if values:
                return values[0]
        return self.id

    def ranked_names(self) -> list[str]:
        """Names, the best attested first: most statements, then the fuller name, then alphabetical.

        The order depends only on what was said, not on ids or the order of ingest,
        so the same material gives the same caption wherever it is built.
        """
        counts = Counter(s.value for s in self.statements if s.prop == "name")
        return sorted(self.get("name"), key=lambda n: (-counts[n], -len(n), n))

    def get(self, prop: str) -> list[str]:
        return self.properties.get(prop, [])

    @classmethod
    def assemble(cls, entity_id: str, statements: Iterable[Statement], schema: str | None = None) -> Entity:
        """Fold statements into one entity; property values keep first-seen order, without repeats."""
        entity = cls(id=entity_id, schema=schema or "Thing")
        members: dict[str, None] = {}
        for stmt in statements:
            entity.statements.append(stmt)
            members[stmt.entity_id] = None
            if stmt.prop == "id":
                continue
            values = entity.properties.setdefault(stmt.prop, [])
            if stmt.value not in values:
                values.append(stmt.value)
        entity.member_ids = list(members)
        return entity

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "schema": self.schema, "properties": self.properties}
