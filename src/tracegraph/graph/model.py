"""What the graph is made of: edges with their evidence."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Evidence:
    """Where a fact comes from: a sentence of a document, or a record of a dataset."""

    document_id: str | None = None
    record_id: str | None = None
    dataset: str | None = None
    sentence: str | None = None
    span: tuple[int, int] | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    extractor: str | None = None
    confidence: float | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.document_id or "", self.record_id or "")

    @property
    def sort_key(self) -> tuple[str, str, int, int, str]:
        """A total order that does not depend on the order statements were stored in."""
        start, end = self.span or (-1, -1)
        return (self.document_id or "", self.record_id or "", start, end, self.sentence or "")

    def to_dict(self) -> dict[str, Any]:
        data = {k: getattr(self, k) for k in self.__dataclass_fields__}
        return {k: v for k, v in data.items() if v is not None}

    def render(self) -> str:
        """One or two lines for a terminal: the sentence, then where it is from."""
        where = [self.outlet, self.published[:10] if self.published else None, self.title]
        origin = " · ".join(w for w in where if w)
        if self.record_id:
            origin = f"record {self.record_id}" + (f" ({self.dataset})" if self.dataset else "")
        if self.url:
            origin = f"{origin} <{self.url}>" if origin else self.url
        if self.document_id and not self.record_id:
            origin = f"{origin} [{self.document_id}]" if origin else self.document_id
        quote = f'"{self.sentence}"' if self.sentence else ""
        return "\n".join(part for part in (quote, origin) if part)


@dataclass
class Edge:
    """A directed tie between two entities, with the evidence for it.

    ``relation_id`` is the relation entity (an Ownership, a Sanction, an Action)
    the edge comes from, or ``None`` for an entity property or a shared identifier.
    """

    id: str
    source: str
    target: str
    label: str
    schema: str
    relation_id: str | None = None
    date: str | None = None
    properties: dict[str, list[str]] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def sort_key(self) -> tuple[str, str, str, str, str]:
        return (self.id, self.source, self.target, self.label, self.relation_id or "")

    def sorted_evidence(self) -> list[Evidence]:
        return sorted(self.evidence, key=lambda ev: ev.sort_key)

    def other(self, entity_id: str) -> str:
        return self.target if entity_id == self.source else self.source

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "target": self.target,
            "label": self.label,
            "schema": self.schema,
            "relation_id": self.relation_id,
            "date": self.date,
            "properties": self.properties,
            "evidence": [e.to_dict() for e in self.evidence],
        }
