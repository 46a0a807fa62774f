"""FollowTheMoney JSON lines: every entity loads with ``followthemoney``'s own tools.

Each canonical entity becomes one FtM entity; merged ids fold into the
canonical id. Our own types map per ``export_as`` (or ``data/ftm.yaml`` where
that is abstract). Every document that evidence points to is written as an
Article, and each relation carries ``proof`` (those Articles), ``summary``
(the evidence sentence) and ``sourceUrl``. Properties FtM lacks (confidence,
hedge, attribution, ...) are folded into ``description`` (or ``notes``).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

from tracegraph.datafiles import load_yaml
from tracegraph.graph import Graph
from tracegraph.graph.projection import edge_spec
from tracegraph.store import Entity
from tracegraph.vocab import export_as, is_own, model


@cache
def config() -> dict[str, Any]:
    return load_yaml("tracegraph.export", "data", "ftm.yaml")


def base_schema(schema: str) -> str:
    """The schema whose export rules apply: the nearest of our own types it is or extends, else itself."""
    found = model().get(schema)
    if found is None or is_own(schema):
        return schema
    own = [s for s in found.schemata if is_own(s.name)]
    return max(own, key=lambda s: len(s.schemata)).name if own else schema


def ftm_schema(schema: str) -> str:
    """The FtM type an entity of ``schema`` is written as: its own, or for ours (and their kin) ``export_as``."""
    schema = base_schema(schema)
    found = model().get(schema)
    written_as = export_as(schema)
    if written_as is None:
        return schema if found is not None and not found.abstract else "Note"
    target = model().get(written_as)
    if target is not None and not target.abstract:
        return str(target.name)
    return str(config()["schemata"].get(schema, "Note"))


class FtMWriter:
    """Builds FtM entity dicts from a :class:`Graph`."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.model = model()
        self.documents: dict[str, None] = {}

    def entities(self) -> Iterator[dict[str, Any]]:
        """Every entity, then the evidence documents they point to."""
        for entity_id in sorted(self.graph.entities):
            yield self.entity(self.graph.entities[entity_id])
        for doc_id in sorted(self.documents):
            found = self.document(doc_id)
            if found is not None:
                yield found

    def _proof(self, entity: Entity) -> list[str]:
        docs = [s.document_id for s in entity.statements if s.document_id]
        docs += [v for v in entity.get("proof") if self.graph.evidence_reader.document(v) is not None]
        found = sorted({d for d in docs if d})
        for doc_id in found:
            self.documents[doc_id] = None
        return found

    def entity(self, entity: Entity) -> dict[str, Any]:
        """One FtM entity dict for one of ours."""
        name = ftm_schema(entity.schema)
        base = base_schema(entity.schema)
        mapping: dict[str, str] = config()["props"].get(base, {})
        proxy = self.model.make_entity(name)
        proxy.id = entity.id
        extras: list[str] = []
        for prop, values in sorted(entity.properties.items()):
            if prop in config()["drop"] or prop == "proof":
                continue
            target = mapping.get(prop, prop)
            for value in sorted(values):
                if not self._add(proxy, target, value):
                    extras.append(f"{prop}: {value}")
        for prop, value in config()["constants"].get(base, {}).items():
            proxy.add(prop, value, quiet=True)
        for doc_id in self._proof(entity):
            proxy.add("proof", doc_id, quiet=True)
        if edge_spec(entity.schema) is not None:
            self._evidence(entity, proxy)
            if proxy.schema.get("name") is not None and not proxy.get("name"):
                proxy.add("name", self._title(entity), quiet=True)
        missing = [p for p in proxy.schema.required if not proxy.get(p)]
        if missing:
            return self._incomplete(entity, proxy, extras)
        self._fold(proxy, extras)
        return _sorted_values(proxy.to_dict())

    def _title(self, entity: Entity) -> str:
        """A name for an event: "charge: Washington -> Zheng Fujing"."""
        edges = sorted(self.graph.relations.get(entity.id, []), key=lambda e: e.sort_key)
        caption = self.graph.entities
        sources = sorted({caption[e.source].caption for e in edges if e.source in caption})
        targets = sorted({caption[e.target].caption for e in edges if e.target in caption})
        label = edges[0].label if edges else entity.schema
        if not sources and not targets:
            return label
        return f"{label}: {', '.join(sources)} -> {', '.join(targets)}"

    def _evidence(self, entity: Entity, proxy: Any) -> None:
        """A relation's sentence and source URLs, from its evidence when its statements lack them."""
        evidence = sorted(self.graph.evidence_of(entity.id), key=lambda ev: ev.sort_key)
        if not proxy.get("summary"):
            for ev in evidence:
                if ev.sentence:
                    proxy.add("summary", ev.sentence, quiet=True)
                    break
        if not proxy.get("sourceUrl"):
            for ev in evidence:
                if ev.url:
                    proxy.add("sourceUrl", ev.url, quiet=True)
        for ev in evidence:
            if ev.record_id:
                proxy.add("recordId", ev.record_id, quiet=True)  # list data: the record it came from

    def _add(self, proxy: Any, prop: str, value: str) -> bool:
        """Add a value FtM accepts; ``False`` when the property is unknown or the value invalid."""
        spec = proxy.schema.get(prop)
        if spec is None or spec.stub:
            return False
        ref = self.graph.resolve_id(value)
        if spec.type.name == "entity":
            if ref not in self.graph.entities:
                return False
            value = ref
        elif ref in self.graph.entities:
            value = self.graph.entities[ref].caption  # an id in a text field (a Sanction's authority)
        before = len(proxy.get(prop))
        proxy.add(prop, value, quiet=True)
        return len(proxy.get(prop)) > before or value in proxy.get(prop)

    def _fold(self, proxy: Any, extras: list[str]) -> None:
        if not extras:
            return
        text = "; ".join(extras)
        for prop in ("description", "notes"):
            if proxy.schema.get(prop) is not None:
                proxy.add(prop, f"tracegraph: {text}", quiet=True)
                return

    def _incomplete(self, entity: Entity, proxy: Any, extras: list[str]) -> dict[str, Any]:
        """A relation that lost a required side: written as a note that keeps its evidence."""
        note = self.model.make_entity(config()["incomplete_as"])
        note.id = entity.id
        sides = [f"{p}: {v}" for p, vals in proxy.properties.items() for v in vals if p not in ("proof", "summary")]
        note.add("name", f"{entity.schema} {entity.caption}", quiet=True)
        for prop in ("summary", "proof", "sourceUrl"):
            for value in proxy.get(prop):
                note.add(prop, value, quiet=True)
        self._fold(note, [f"incomplete {entity.schema}", *sides, *extras])
        return _sorted_values(note.to_dict())

    def document(self, doc_id: str) -> dict[str, Any] | None:
        doc = self.graph.evidence_reader.document(doc_id)
        if doc is None:
            return None
        proxy = self.model.make_entity(config()["document_schema"])
        proxy.id = doc.id
        proxy.add("title", doc.title or doc.id, quiet=True)
        proxy.add("publishedAt", doc.published, quiet=True)
        proxy.add("publisher", doc.outlet, quiet=True)
        proxy.add("sourceUrl", doc.url, quiet=True)
        proxy.add("language", doc.language, quiet=True)
        data: dict[str, Any] = proxy.to_dict()
        return data


def _sorted_values(data: dict[str, Any]) -> dict[str, Any]:
    """Each property's values in sorted order, so the line does not depend on ingest order."""
    props = data.get("properties") or {}
    data["properties"] = {prop: sorted(values) for prop, values in sorted(props.items())}
    return data


def ftm_entities(graph: Graph) -> Iterator[dict[str, Any]]:
    """The graph as FtM entity dicts, ready for ``orjson.dumps`` one per line."""
    yield from FtMWriter(graph).entities()
