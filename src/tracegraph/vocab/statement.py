"""One fact with its evidence: FtM's ``Statement`` with our provenance fields.

A statement says that an entity's property has a value, according to a source:
either a ``document_id`` with a character span of the document's cleaned text,
or the ``record_id`` of a structured source. ``extractor`` and
``extractor_version`` name the step that made it; ``confidence``, ``hedge``
("alleged", "not") and ``attribution`` ("according to the ministry") qualify it.

Ids stay tracegraph's (:func:`tracegraph.ids.make_id` over the entity,
property, value, dataset, document or record, span start and extractor), so the
same fact from the same place by the same step is one row, and stores written
before statements were FtM's keep their ids.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from followthemoney.statement import Statement as FtMStatement
from followthemoney.statement.util import BASE_ID, NON_LANG_TYPE_NAMES
from followthemoney.types import registry

from tracegraph.ids import make_id
from tracegraph.vocab import model, prop_type

if TYPE_CHECKING:
    from followthemoney.types.common import PropertyType

#: FtM's fields left out of :meth:`Statement.to_dict` (the first release's shape)
_NOT_IN_DICT = frozenset({"original_value", "canonical_id", "external", "origin"})
#: types whose values are our own references, kept exactly as written
_KEEP_AS_WRITTEN = frozenset({"entity", BASE_ID})


@cache
def _type_of(schema: str, prop: str) -> PropertyType:
    found = model().get(schema)
    found_prop = found.get(prop) if found is not None else None
    return found_prop.type if found_prop is not None else registry.string


def clean_value(schema: str, prop: str, value: str) -> str | None:
    """``value`` cleaned by the FtM type of ``schema.prop`` (``None`` when nothing is left).

    Control characters go and spaces collapse for every type; a date, country,
    phone, e-mail, URL or name takes the form its type gives it (``China`` →
    ``cn``, ``  LEE  Wei`` → ``LEE Wei``). A value its type cannot read (a local
    phone number without a country, a date in words) is kept as written: it is
    evidence an investigator may still follow.
    """
    type_ = _type_of(schema, prop)
    text = registry.string.clean(value)
    if text is None or type_.name in _KEEP_AS_WRITTEN:
        return text
    cleaned = type_.clean(text)
    return cleaned if cleaned is not None else text


class Statement(FtMStatement):
    """One fact about an entity with its evidence (see the module docstring).

    The constructor keeps the first release's argument order (``entity_id,
    schema, prop, value, dataset, document_id, ...``), not FtM's.
    """

    __slots__ = (
        "attribution",
        "confidence",
        "document_id",
        "extractor",
        "extractor_version",
        "hedge",
        "record_id",
        "span_end",
        "span_start",
    )

    def __init__(
        self,
        entity_id: str,
        schema: str,
        prop: str,
        value: str,
        dataset: str = "default",
        document_id: str | None = None,
        record_id: str | None = None,
        span_start: int | None = None,
        span_end: int | None = None,
        extractor: str = "manual",
        extractor_version: str = "1",
        confidence: float = 1.0,
        lang: str | None = None,
        first_seen: str | None = None,
        last_seen: str | None = None,
        hedge: str | None = None,
        attribution: str | None = None,
        original_value: str | None = None,
        canonical_id: str | None = None,
        external: bool = False,
        origin: str | None = None,
        id: str | None = None,
    ) -> None:
        # FtM's own fields, set as FtM's constructor sets them (without its
        # lookup of the property type, which fails for a property the schema lacks)
        self._entity_id = entity_id
        self.canonical_id = canonical_id or entity_id
        self._prop = prop
        self._schema = str(schema)
        self.prop_type = prop_type(self._schema, prop) if prop != BASE_ID else BASE_ID
        self._value = value
        self._dataset = dataset
        self._lang = None if lang is not None and self.prop_type in NON_LANG_TYPE_NAMES else lang
        self.original_value = original_value if original_value and original_value != value else None
        self.first_seen = first_seen
        self.last_seen = last_seen or first_seen
        self._external = external
        self.origin = origin
        # our evidence
        self.document_id = document_id
        self.record_id = record_id
        self.span_start = span_start
        self.span_end = span_end
        self.extractor = extractor
        self.extractor_version = extractor_version
        self.confidence = confidence
        self.hedge = hedge
        self.attribution = attribution
        self.id = id or self.generate_key()

    def generate_key(self) -> str:
        """Deterministic: the same fact from the same place by the same extractor is one row."""
        return make_id(
            "st",
            self._entity_id,
            self._prop,
            self._value,
            self._dataset,
            self.document_id or "",
            self.record_id or "",
            self.span_start if self.span_start is not None else "",
            self.extractor,
        )

    def fields(self) -> dict[str, Any]:
        """The constructor's arguments (the id is derived again)."""
        return {
            "entity_id": self._entity_id,
            "schema": self._schema,
            "prop": self._prop,
            "value": self._value,
            "dataset": self._dataset,
            "document_id": self.document_id,
            "record_id": self.record_id,
            "span_start": self.span_start,
            "span_end": self.span_end,
            "extractor": self.extractor,
            "extractor_version": self.extractor_version,
            "confidence": self.confidence,
            "lang": self._lang,
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "hedge": self.hedge,
            "attribution": self.attribution,
            "original_value": self.original_value,
            "canonical_id": self.canonical_id if self.canonical_id != self._entity_id else None,
            "external": self._external,
            "origin": self.origin,
        }

    def replace(self, **changes: Any) -> Statement:
        """A copy with ``changes`` (its id derived again)."""
        data = self.fields()
        data.update(changes)
        return type(self)(**data)

    def clone(self, **changes: Any) -> Statement:  # type: ignore[override]
        """FtM's ``clone``, keeping our evidence (same as :meth:`replace`)."""
        return self.replace(**{k: v for k, v in changes.items() if v is not None})

    def cleaned(self) -> Statement | None:
        """This statement with its value cleaned by its property's FtM type (see :func:`clean_value`)."""
        value = clean_value(self._schema, self._prop, self._value)
        if value is None:
            return None
        if value == self._value:
            return self
        return self.replace(value=value, original_value=self.original_value or self._value)

    def to_dict(self) -> dict[str, Any]:  # type: ignore[override]
        """Every field and the id (the first release's shape, plus hedge and attribution)."""
        data = {
            k: v for k, v in self.fields().items() if k not in ("original_value", "canonical_id", "external", "origin")
        }
        data["id"] = self.id
        return data

    def __repr__(self) -> str:
        return f"<Statement({self._entity_id!r}, {self._prop!r}, {self._value!r})>"
