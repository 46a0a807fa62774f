"""The in-memory graph: entities as nodes, relations as edges with evidence (rustworkx).

:meth:`Graph.load` reads every statement once, folds merged ids into their
canonical id, and turns relation entities (Ownership, Sanction, Action,
Listing, ...) into edges. An edge without evidence (a document span or a
record id) is not added. Screening and substance code reuse this object.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

import rustworkx as rx

from tracegraph.datafiles import load_yaml
from tracegraph.graph.evidence import EvidenceReader
from tracegraph.graph.model import Edge, Evidence
from tracegraph.ids import make_id
from tracegraph.store import Entity, Statement, Store
from tracegraph.vocab import common_schema, is_a, model


@cache
def config() -> dict[str, Any]:
    """The edge lookups of ``data/edges.yaml``."""
    return load_yaml("tracegraph.graph", "data", "edges.yaml")


@cache
def edge_spec(schema: str) -> dict[str, Any] | None:
    """Source property, target properties and label for a relation-like schema, or ``None``.

    ``data/edges.yaml`` first, then the schema's own ``edge`` (FtM's or ours, read off the
    one model), then the nearest parent's: a schema extending ``Sanction`` is drawn as one.
    """
    spec = config().get(schema)
    if isinstance(spec, dict):
        return spec
    found = model().get(schema)
    if found is None:
        return None
    if found.edge and found.edge_source and found.edge_target:
        return {"source": found.edge_source, "targets": [found.edge_target], "label": found.edge_label}
    for parent in sorted(found.extends, key=lambda p: p.name):
        inherited = edge_spec(parent.name)
        if inherited:
            return inherited
    return None


@cache
def entity_props(schema: str) -> frozenset[str]:
    """Properties of ``schema`` (its own and inherited) whose values are entity ids."""
    found = model().get(schema)
    if found is None:
        return frozenset()
    return frozenset(p.name for p in found.properties.values() if p.type.name == "entity")


def date_of(entity: Entity) -> str | None:
    for prop in config()["dates"]:
        values = sorted(entity.get(prop))
        if values:
            return values[0]
    return None


class Graph:
    """Nodes and evidence-backed edges over one store, for search, paths and export."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.evidence_reader = EvidenceReader(store)
        self.canonical: dict[str, str] = {}
        self.entities: dict[str, Entity] = {}
        self.relations: dict[str, list[Edge]] = {}
        self.edges: list[Edge] = []
        #: one graph edge per pair of entities; its payload lists the indices of our edges between them
        self.graph: rx.PyGraph = rx.PyGraph(multigraph=False)
        self.index: dict[str, int] = {}
        #: identifier values too common to tie anyone (known from the whole store when projecting a part)
        self.common: set[tuple[str, str]] = set()

    # -- loading ----------------------------------------------------------
    @classmethod
    def load(cls, store: Store, shared_identifiers: bool = True) -> Graph:
        """Project the whole store (for analytics and full exports; questions use ``graph.scoped``)."""
        canonical = store.clusters()
        grouped: dict[str, list[Statement]] = defaultdict(list)
        for stmt in store.statements():
            grouped[canonical.get(stmt.entity_id, stmt.entity_id)].append(stmt)
        return cls.from_statements(store, grouped, canonical, shared_identifiers)

    @classmethod
    def from_statements(
        cls,
        store: Store,
        grouped: Mapping[str, list[Statement]],
        canonical: dict[str, str],
        shared_identifiers: bool = True,
        common: set[tuple[str, str]] | None = None,
        evidence: EvidenceReader | None = None,
    ) -> Graph:
        """Project these entities (statements grouped by canonical id); ``common`` identifiers tie nobody."""
        graph = cls(store)
        if evidence is not None:
            graph.evidence_reader = evidence
        graph.canonical = canonical
        graph.common = common or set()
        for entity_id, stmts in grouped.items():
            schema = common_schema(s.schema for s in stmts)
            graph.entities[entity_id] = Entity.assemble(entity_id, stmts, schema)  # captioned by the one rule
        for entity in list(graph.entities.values()):
            if not graph._add_relation(entity):
                graph._add_references(entity)
        if shared_identifiers:
            graph._add_shared()
        return graph

    @classmethod
    def nodes_only(cls, store: Store, grouped: Mapping[str, list[Statement]], canonical: dict[str, str]) -> Graph:
        """These entities as nodes, without their edges (a listing: no relation, reference or shared
        identifier is projected, so no evidence is read until :meth:`evidence_of` asks for it)."""
        graph = cls(store)
        graph.canonical = canonical
        for entity_id, stmts in grouped.items():
            graph.entities[entity_id] = Entity.assemble(entity_id, stmts, common_schema(s.schema for s in stmts))
            graph.node(entity_id)
        return graph

    def resolve_id(self, entity_id: str) -> str:
        """The canonical id for any member id."""
        return self.canonical.get(entity_id, entity_id)

    def is_node(self, entity_id: str) -> bool:
        return entity_id in self.index

    def node(self, entity_id: str) -> int:
        if entity_id not in self.index:
            self.index[entity_id] = self.graph.add_node(entity_id)
        return self.index[entity_id]

    def _add_edge(self, edge: Edge) -> None:
        if not edge.evidence or edge.source == edge.target:
            return
        self.edges.append(edge)
        a, b = self.node(edge.source), self.node(edge.target)
        if self.graph.has_edge(a, b):
            self.graph.get_edge_data(a, b).append(len(self.edges) - 1)
        else:
            self.graph.add_edge(a, b, [len(self.edges) - 1])
        if edge.relation_id:
            if edge.relation_id not in self.relations and edge.relation_id in self.entities:
                relation = self.entities[edge.relation_id]
                by = [v for v in relation.get("authority") if v not in self.entities]  # an authority known by name
                relation.as_relation(edge.label, by)
            self.relations.setdefault(edge.relation_id, []).append(edge)

    def _refs(self, entity: Entity, prop: str) -> list[str]:
        found = []
        for value in entity.get(prop):
            ref = self.resolve_id(value)
            if ref in self.entities and ref != entity.id and ref not in found:
                found.append(ref)
        return found

    def _add_relation(self, entity: Entity) -> bool:
        """Edges for a relation entity; ``False`` when it is not one."""
        spec = edge_spec(entity.schema)
        if spec is None:
            return False
        source_props = spec["source"] if isinstance(spec["source"], list) else [spec["source"]]
        sources = [r for prop in source_props for r in self._refs(entity, prop)]
        targets = [t for prop in spec["targets"] for t in self._refs(entity, prop)]
        if not targets and not sources:
            return False
        label = str(spec.get("label") or entity.schema)
        if spec.get("label_prop") and entity.get(spec["label_prop"]):
            label = entity.get(spec["label_prop"])[0]
        skip = {*source_props, *spec["targets"], *config()["not_edges"]}
        props = {k: v for k, v in entity.properties.items() if k not in skip}
        evidence = self.evidence_reader.evidence(entity.statements)
        # a relation with no acting side (a Sanction naming no authority entity) stands as its own node
        if not sources:
            sources = [entity.id]
        if not targets:
            targets = [entity.id]
        for source in sources:
            for target in targets:
                edge_id = make_id("edge", entity.id, source, target)
                self._add_edge(
                    Edge(edge_id, source, target, label, entity.schema, entity.id, date_of(entity), props, evidence)
                )
        return True

    def _add_references(self, entity: Entity) -> None:
        """A node, plus edges for its properties that point at other entities (an address entity)."""
        self.node(entity.id)
        for prop in sorted(entity_props(entity.schema) - set(config()["not_edges"])):
            for ref in self._refs(entity, prop):
                stmts = [s for s in entity.statements if s.prop == prop and self.resolve_id(s.value) == ref]
                evidence = self.evidence_reader.evidence(stmts)
                self._add_edge(
                    Edge(
                        make_id("edge", entity.id, prop, ref),
                        entity.id,
                        ref,
                        prop,
                        entity.schema,
                        None,
                        None,
                        {},
                        evidence,
                    )
                )

    def _add_shared(self) -> None:
        holders: dict[tuple[str, str], dict[str, list[Statement]]] = defaultdict(lambda: defaultdict(list))
        props = set(config()["shared_identifiers"])
        for entity_id in list(self.index):
            entity = self.entities.get(entity_id)
            if entity is None:
                continue
            for stmt in entity.statements:
                if stmt.prop in props:
                    holders[(stmt.prop, stmt.value.strip().lower())][entity_id].append(stmt)
        for (prop, value), by_entity in sorted(holders.items()):
            ids = sorted(by_entity)
            if len(ids) < 2 or len(ids) > int(config()["shared_limit"]) or (prop, value) in self.common:
                continue
            for i, left in enumerate(ids):
                for right in ids[i + 1 :]:
                    evidence = self.evidence_reader.evidence(by_entity[left] + by_entity[right])
                    edge = Edge(
                        make_id("edge", "shared", prop, value, left, right),
                        left,
                        right,
                        f"shares {prop}",
                        "SharedIdentifier",
                        None,
                        None,
                        {prop: [value]},
                        evidence,
                    )
                    self._add_edge(edge)

    # -- reading ----------------------------------------------------------
    def edges_of(self, entity_id: str) -> list[Edge]:
        """Every edge touching an entity, in either direction."""
        if entity_id not in self.index:
            return []
        idx = self.index[entity_id]
        return [self.edges[i] for _, _, found in self.graph.incident_edge_index_map(idx).values() for i in found]

    def nodes(self, schema: str | None = None) -> Iterator[Entity]:
        """Node entities (not relations), optionally of one schema or its descendants."""
        for entity_id in self.index:
            entity = self.entities.get(entity_id)
            if entity is None:
                continue
            if schema is None or entity.schema == schema or is_a(entity.schema, schema):
                yield entity

    def edges_of_schema(self, schema: str) -> list[Edge]:
        """Every edge from relations of one schema ("Ownership", "Listing", "SharedIdentifier", ...)."""
        return [edge for edge in self.edges if edge.schema == schema]

    def evidence_of(self, entity_id: str) -> list[Evidence]:
        """Where an entity's own statements come from."""
        entity = self.entities.get(self.resolve_id(entity_id))
        return self.evidence_reader.evidence(entity.statements) if entity else []

    def stats(self) -> dict[str, int]:
        return {"nodes": len(self.index), "edges": len(self.edges), "relations": len(self.relations)}

    # -- traversal --------------------------------------------------------
    def neighbors(self, entity_id: str, depth: int = 1) -> list[tuple[str, int, list[Edge]]]:
        """Entities within ``depth`` hops: (id, hops, edges that reached it), nearest first."""
        start = self.resolve_id(entity_id)
        if start not in self.index:
            return []
        seen = {start: 0}
        reached: dict[str, list[Edge]] = {}
        frontier = [start]
        for hop in range(1, depth + 1):
            following = []
            for current in frontier:
                for edge in self.edges_of(current):
                    other = edge.other(current)
                    if other not in seen:
                        seen[other] = hop
                        following.append(other)
                    if seen[other] == hop:
                        reached.setdefault(other, []).append(edge)
            frontier = following
        return [(node, seen[node], reached[node]) for node in sorted(reached, key=lambda n: (seen[n], n))]

    def shortest_paths(self, left: str, right: str, limit: int = 5) -> list[list[list[Edge]]]:
        """Shortest paths between two entities; each path is a list of hops, each hop the edges joining it."""
        a, b = self.resolve_id(left), self.resolve_id(right)
        if a not in self.index or b not in self.index or a == b:
            return []
        found = rx.graph_all_shortest_paths(self.graph, self.index[a], self.index[b])
        paths: list[list[list[Edge]]] = []
        seen: set[tuple[int, ...]] = set()
        for nodes in found:
            key = tuple(nodes)
            if key in seen:
                continue
            seen.add(key)
            hops = [
                [self.edges[i] for i in sorted(self.graph.get_edge_data(x, y))] for x, y in itertools.pairwise(nodes)
            ]
            paths.append(hops)
            if len(paths) >= limit:
                break
        return paths

    # -- subsets ------------------------------------------------------------
    def around(self, entity_id: str, depth: int = 1) -> Graph:
        """The part of the graph within ``depth`` hops of an entity (to export or share a subset)."""
        start = self.resolve_id(entity_id)
        keep = {start, *(node for node, _, _ in self.neighbors(start, depth))}
        return self.restrict(keep)

    def restrict(self, entity_ids: set[str]) -> Graph:
        """A new graph with only these nodes, the edges among them and their relation entities."""
        sub = Graph(self.store)
        sub.evidence_reader = self.evidence_reader
        sub.canonical = self.canonical
        for entity_id in sorted(entity_ids):
            if entity_id in self.index:
                sub.node(entity_id)
        for edge in self.edges:
            if edge.source in entity_ids and edge.target in entity_ids:
                sub._add_edge(edge)
        kept = set(sub.index) | set(sub.relations)
        sub.entities = {k: v for k, v in self.entities.items() if k in kept}
        return sub
