"""Graph questions answered from the store, reading only the part of the graph each one needs.

A :class:`Scope` walks the store's adjacency by index (who points at an
entity, whom it points at, who shares its phone or e-mail), hop by hop, then
builds a small :class:`~tracegraph.graph.projection.Graph` of just those
entities with the projection's own rules, so every answer (edges, evidence,
captions) is what the whole-graph projection would give, at the cost of the
neighbourhood instead of the store. The whole projection stays for analytics.

By default a scope covers the case material: every dataset that is not a
loaded list. List entries still show on the entities they were merged with.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from functools import cache
from typing import Any

from tracegraph.graph import queries
from tracegraph.graph.projection import Graph, config, edge_spec
from tracegraph.graph.refs import resolve_ref
from tracegraph.store import Store
from tracegraph.vocab import common_schema, ftm_model, own_schemata, prop_type

#: the most entities one question may read; a hub beyond it is cut (and the answer says so)
MAX_ENTITIES = 20_000


@cache
def ref_props() -> tuple[str, ...]:
    """Edge end properties that hold entity ids without being entity-typed (``Sanction.authorityId``)."""
    found: set[str] = set()
    for schema, spec in config().items():
        if not isinstance(spec, dict):
            continue
        sources = spec["source"] if isinstance(spec["source"], list) else [spec["source"]]
        for prop in [*sources, *spec["targets"]]:
            if prop_type(schema, prop) != "entity":
                found.add(prop)
    return tuple(sorted(found))


@cache
def relation_schemata() -> tuple[str, ...]:
    """Every schema whose entities are edges."""
    names = {s.name for s in ftm_model().schemata.values()} | set(own_schemata())
    return tuple(sorted(n for n in names if edge_spec(n) is not None))


class Scope:
    """Which datasets a question covers, and how it reads its neighbourhood from the store."""

    def __init__(self, store: Store, datasets: Sequence[str] | None = None, shared: bool = True) -> None:
        self.store = store
        self.datasets: list[str] | None = list(datasets) if datasets else store.case_datasets()
        if datasets and "*" in datasets:
            self.datasets = None
        self.shared = shared
        self.truncated = False
        self._lists = set(store.list_datasets())

    # -- walking the store --------------------------------------------------
    def _split(self, ids: Collection[str]) -> tuple[set[str], set[str]]:
        """Relation ids and node ids among ``ids``."""
        relations: set[str] = set()
        nodes: set[str] = set()
        for entity_id, schemata in self.store.schemata_of(ids).items():
            (relations if edge_spec(common_schema(schemata)) is not None else nodes).add(entity_id)
        return relations, nodes

    def step(self, nodes: set[str]) -> tuple[set[str], set[str], set[tuple[str, str]]]:
        """One hop from ``nodes``: the relations touching them, the entities one hop away, common identifiers."""
        props = ref_props()
        pointing = self.store.referencing(nodes, props, self.datasets)
        pointed = self.store.referenced(nodes, props)
        relations, plain = self._split(pointing | pointed)
        ends = self.store.referenced(relations, props) if relations else set()
        reached = plain | ends
        common: set[tuple[str, str]] = set()
        if self.shared:
            holders, common = self.store.sharing(
                nodes, config()["shared_identifiers"], int(config()["shared_limit"]), self.datasets
            )
            reached |= holders
        return relations, reached - nodes, common

    def around(self, seeds: Collection[str], depth: int) -> Graph:
        """The subgraph holding every edge within ``depth`` hops of ``seeds`` (canonical ids)."""
        relations, nodes = self._split(seeds)
        if relations:  # a relation asked for by id: start from the entities it joins
            nodes |= self.store.referenced(relations, ref_props())
        loaded = set(nodes) | set(seeds)
        frontier = set(nodes)
        common: set[tuple[str, str]] = set()
        for _ in range(depth):
            if not frontier:
                break
            found, reached, shared = self.step(frontier)
            relations |= found
            common |= shared
            frontier = reached - loaded
            loaded |= reached
            if len(loaded) + len(relations) > MAX_ENTITIES:
                self.truncated = True
                break
        return self.build(loaded | relations, common)

    def build(self, ids: Collection[str], common: set[tuple[str, str]] | None = None) -> Graph:
        """A projection of exactly these entities (and the edges among them)."""
        grouped = self.store.statements_of(ids)
        refs = set(ref_props())
        values = {
            s.value
            for stmts in grouped.values()
            for s in stmts
            if s.prop in refs or prop_type(s.schema, s.prop) == "entity"
        }
        canonical = self.store.canonical_map(values | set(grouped))
        return Graph.from_statements(self.store, grouped, canonical, self.shared, common or set())

    # -- what a user sees ---------------------------------------------------
    def resolve(self, ref: str) -> str:
        return resolve_ref(self.store, ref, exact=False, datasets=self.datasets)

    def flags(self, graph: Graph, entity_id: str) -> list[dict[str, Any]]:
        """The list entries merged into an entity: one per list and record."""
        entity = graph.entities.get(entity_id)
        if entity is None:
            return []
        seen: dict[tuple[str, str], dict[str, Any]] = {}
        for stmt in entity.statements:
            if stmt.dataset in self._lists:
                seen.setdefault(
                    (stmt.dataset, stmt.record_id or ""), {"dataset": stmt.dataset, "record_id": stmt.record_id}
                )
        return list(seen.values())

    def _annotate(self, graph: Graph, data: dict[str, Any], entity_id: str) -> dict[str, Any]:
        entity = graph.entities.get(entity_id)
        data["datasets"] = sorted({s.dataset for s in entity.statements}) if entity else []
        data["flags"] = self.flags(graph, entity_id)
        if self.truncated:
            data["truncated"] = True
        return data


def show(store: Store, ref: str, datasets: Sequence[str] | None = None) -> dict[str, Any]:
    scope = Scope(store, datasets)
    entity_id = scope.resolve(ref)
    graph = scope.around([entity_id], 1)
    return scope._annotate(graph, queries.show(graph, entity_id), entity_id)


def neighbors(store: Store, ref: str, depth: int = 1, datasets: Sequence[str] | None = None) -> dict[str, Any]:
    scope = Scope(store, datasets)
    entity_id = scope.resolve(ref)
    graph = scope.around([entity_id], depth)
    data = queries.neighbors(graph, entity_id, depth)
    for item in data["neighbors"]:
        item["flags"] = scope.flags(graph, item["id"])
    return scope._annotate(graph, data, entity_id)


def paths(
    store: Store,
    left: str,
    right: str,
    limit: int = 5,
    max_hops: int = 4,
    shared: bool = True,
    datasets: Sequence[str] | None = None,
) -> dict[str, Any]:
    """Shortest paths of at most ``max_hops`` hops: half the hops are walked from each end."""
    scope = Scope(store, datasets, shared=shared)
    a, b = scope.resolve(left), scope.resolve(right)
    reach_a = (max_hops + 1) // 2
    reach_b = max_hops // 2
    first = _reach(scope, a, reach_a)
    second = _reach(scope, b, reach_b)
    graph = scope.build(first[0] | second[0], first[1] | second[1])
    data = queries.paths(graph, a, b, limit)
    data["paths"] = [p for p in data["paths"] if len(p) <= max_hops]
    return data


def _reach(scope: Scope, start: str, depth: int) -> tuple[set[str], set[tuple[str, str]]]:
    relations, nodes = scope._split([start])
    if relations:
        nodes |= scope.store.referenced(relations, ref_props())
    loaded, frontier = set(nodes) | {start}, set(nodes)
    common: set[tuple[str, str]] = set()
    for _ in range(depth):
        if not frontier:
            break
        found, reached, shared = scope.step(frontier)
        relations |= found
        common |= shared
        frontier = reached - loaded
        loaded |= reached
        if len(loaded) > MAX_ENTITIES:
            scope.truncated = True
            break
    return loaded | relations, common


def timeline(store: Store, ref: str | None = None, datasets: Sequence[str] | None = None) -> dict[str, Any]:
    scope = Scope(store, datasets)
    if ref:
        entity_id = scope.resolve(ref)
        return queries.timeline(scope.around([entity_id], 1), entity_id)
    dated = store.with_props(config()["dates"], relation_schemata(), scope.datasets)
    ends = store.referenced(dated, ref_props()) if dated else set()
    return queries.timeline(scope.build(dated | ends), None)


def search(
    store: Store, text: str, limit: int = 10, schema: str | None = None, datasets: Sequence[str] | None = None
) -> list[dict[str, Any]]:
    scope = Scope(store, datasets, shared=False)
    found = store.name_candidates(text, limit=max(200, limit * 20), datasets=scope.datasets)
    ids = {store.canonical(entity_id) for entity_id, _ in found}
    _, nodes = scope._split(ids)
    graph = scope.build(nodes)
    hits = queries.search(graph, text, limit, schema)
    for hit in hits:
        hit["flags"] = scope.flags(graph, hit["id"])
    return hits
