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

from tracegraph.graph import hops, queries
from tracegraph.graph.evidence import EvidenceReader
from tracegraph.graph.projection import Graph, config, edge_spec
from tracegraph.graph.queries import brief
from tracegraph.graph.refs import resolve_ref
from tracegraph.store import Store
from tracegraph.vocab import common_schema, model, prop_type

#: the most entities an export around an entity may read; a hub beyond it is cut (and the answer says so)
MAX_ENTITIES = 20_000
#: relations of the entity ``show`` lists (the others are counted in ``truncated``)
SHOW_FANOUT = 200
#: relations of the entity a timeline lists
TIMELINE_FANOUT = 200


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
    names = set(model().schemata)  # FtM's and ours: one model
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
        self.walk: hops.Walk | None = None
        self._lists = set(store.list_datasets())

    # -- walking the store --------------------------------------------------
    def _split(self, ids: Collection[str]) -> tuple[set[str], set[str]]:
        """Relation ids and node ids among ``ids``."""
        relations: set[str] = set()
        nodes: set[str] = set()
        for entity_id, schemata in self.store.schemata_of(ids).items():
            (relations if edge_spec(common_schema(schemata)) is not None else nodes).add(entity_id)
        return relations, nodes

    def around(
        self,
        seeds: Collection[str],
        depth: int,
        fanout: int | None = hops.FANOUT,
        budget: int = hops.BUDGET,
        count_to: int = hops.COUNT_TO,
    ) -> Graph:
        """The subgraph within ``depth`` hops of ``seeds`` (canonical ids), following at most ``fanout``
        relations of each entity; what was not followed (counted up to ``count_to``) is kept in
        ``self.walk`` for the answer to report."""
        walk = hops.neighbourhood(self, seeds, depth, fanout, budget, count_to)
        self.walk = walk
        self.truncated = bool(walk.cuts or walk.stopped)
        return self.build(walk.nodes | walk.relations, walk.common)

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
        evidence = EvidenceReader(self.store)
        evidence.prefetch(s.document_id for stmts in grouped.values() for s in stmts if s.document_id)
        return Graph.from_statements(self.store, grouped, canonical, self.shared, common or set(), evidence)

    def listing(self, ids: Collection[str]) -> Graph:
        """These entities as nodes with their statements, and no edges: what a list of search results shows
        (names, captions, countries, datasets). Nothing is read for edges or evidence; an entity's own
        evidence is still read, document by document, if a caller asks ``graph.evidence_of`` for it."""
        grouped = self.store.statements_of(ids)
        return Graph.nodes_only(self.store, grouped, self.store.canonical_map(set(grouped)))

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
        return self.report(graph, data)

    def report(self, graph: Graph, data: dict[str, Any]) -> dict[str, Any]:
        """Add ``truncated`` (how many relations were not followed, and at which entities) when a walk was cut."""
        if self.walk is None:
            return data
        cut = self.walk.report({c.id: brief(graph, c.id)["caption"] for c in self.walk.cuts.values()})
        if cut:
            data["truncated"] = cut
        return data


def show(store: Store, ref: str, datasets: Sequence[str] | None = None) -> dict[str, Any]:
    scope = Scope(store, datasets)
    entity_id = scope.resolve(ref)
    graph = scope.around([entity_id], 1, SHOW_FANOUT, 2 * SHOW_FANOUT + 1)
    return scope._annotate(graph, queries.show(graph, entity_id), entity_id)


def neighbors(
    store: Store,
    ref: str,
    depth: int = 1,
    datasets: Sequence[str] | None = None,
    fanout: int = hops.FANOUT,
    budget: int = hops.BUDGET,
    count_to: int = hops.COUNT_TO,
) -> dict[str, Any]:
    """Entities within ``depth`` hops; at most ``fanout`` relations of each entity are followed and at
    most ``budget`` entities read, and ``truncated`` says how many relations were left, at which entities
    (counted up to ``count_to``; past it, "more than", marked ``exact: false``)."""
    scope = Scope(store, datasets)
    entity_id = scope.resolve(ref)
    graph = scope.around([entity_id], depth, fanout, budget, count_to)
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
    budget: int = hops.PATH_BUDGET,
) -> dict[str, Any]:
    """Shortest paths of at most ``max_hops`` hops.

    A search from both ends over ids only (the cheaper side grows first, so a
    hub next to one end is met from the other) finds the length and the
    entities on shortest paths; only those are projected, with their evidence.
    A search that would read more than ``budget`` adjacency entries stops and
    the answer says so in ``truncated`` instead of claiming there is no path.
    """
    scope = Scope(store, datasets, shared=shared)
    a, b = scope.resolve(left), scope.resolve(right)
    relations, _ = scope._split([a, b])
    if a != b and not relations:
        found = hops.shortest(scope, a, b, max_hops, budget, limit)
        scope.walk = found.walk
        graph = scope.build(found.ids or {a, b}, found.walk.common)
        data = queries.paths(graph, a, b, limit)
        if found.length is None or (data["paths"] and all(len(p) == found.length for p in data["paths"])):
            return scope.report(graph, data)
    # a relation asked for by id, or hops without evidence: project both ends' bounded neighbourhoods
    first = hops.neighbourhood(scope, [a], (max_hops + 1) // 2)
    second = hops.neighbourhood(scope, [b], max_hops // 2)
    for cut in second.cuts.values():
        first.cut(cut.id, cut.followed, cut.more)
    scope.walk = first
    ids = first.nodes | first.relations | second.nodes | second.relations
    graph = scope.build(ids, first.common | second.common)
    data = queries.paths(graph, a, b, limit)
    data["paths"] = [p for p in data["paths"] if len(p) <= max_hops]
    return scope.report(graph, data)


def timeline(store: Store, ref: str | None = None, datasets: Sequence[str] | None = None) -> dict[str, Any]:
    scope = Scope(store, datasets)
    if ref:
        entity_id = scope.resolve(ref)
        graph = scope.around([entity_id], 1, TIMELINE_FANOUT, 2 * TIMELINE_FANOUT + 1)
        return scope.report(graph, queries.timeline(graph, entity_id))
    dated = store.with_props(config()["dates"], relation_schemata(), scope.datasets)
    ends = store.referenced(dated, ref_props()) if dated else set()
    return queries.timeline(scope.build(dated | ends), None)


def search(
    store: Store, text: str, limit: int = 10, schema: str | None = None, datasets: Sequence[str] | None = None
) -> list[dict[str, Any]]:
    scope = Scope(store, datasets, shared=False)
    found = store.name_candidates(text, limit=max(50, limit * 5), datasets=scope.datasets)
    ids = {store.canonical(entity_id) for entity_id, _ in found}
    _, nodes = scope._split(ids)
    graph = scope.build(nodes)
    hits = queries.search(graph, text, limit, schema)
    for hit in hits:
        hit["flags"] = scope.flags(graph, hit["id"])
    return hits
