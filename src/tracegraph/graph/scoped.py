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
    """Shortest paths of at most ``max_hops`` hops.

    A search from both ends over ids only (the smaller side grows first) finds
    the length and the entities on shortest paths; only those are projected,
    so a hub next to one end costs its ids, not its neighbourhood's statements.
    """
    scope = Scope(store, datasets, shared=shared)
    a, b = scope.resolve(left), scope.resolve(right)
    found = _on_shortest_paths(scope, a, b, max_hops) if a != b else None
    if found is not None:
        ids, common, length = found
        data = queries.paths(scope.build(ids, common), a, b, limit)
        if data["paths"] and all(len(p) == length for p in data["paths"]):
            return data
    # a relation asked for by id, or many-sided relations: walk half the hops from each end and project it all
    first = _reach(scope, a, (max_hops + 1) // 2)
    second = _reach(scope, b, max_hops // 2)
    data = queries.paths(scope.build(first[0] | second[0], first[1] | second[1]), a, b, limit)
    data["paths"] = [p for p in data["paths"] if len(p) <= max_hops]
    return data


class _Walker:
    """Id-level adjacency read from the store as a search needs it: entity to entity, through relations."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self.adjacent: dict[str, set[str]] = {}
        self.via: dict[tuple[str, str], set[str]] = {}
        self.common: set[tuple[str, str]] = set()

    def expand(self, nodes: set[str]) -> None:
        todo = nodes - set(self.adjacent)
        if not todo:
            return
        store, props, skip = self.scope.store, ref_props(), tuple(config()["not_edges"])
        pairs = store.links(todo, props, skip, self.scope.datasets)
        relations, _ = self.scope._split({other for _, other in pairs})
        ends: dict[str, set[str]] = {}
        if relations:
            for relation, end in store.links(relations, props, skip, self.scope.datasets):
                if relation in relations and end not in relations:
                    ends.setdefault(relation, set()).add(end)
        for node in todo:
            self.adjacent.setdefault(node, set())
        for node, other in pairs:
            if node not in todo:
                continue
            if other in relations:
                for end in ends.get(other, ()):
                    if end != node:
                        self.adjacent[node].add(end)
                        self.via.setdefault((node, end), set()).add(other)
            else:
                self.adjacent[node].add(other)
        if self.scope.shared:
            shared, common = store.shared_pairs(
                todo, config()["shared_identifiers"], int(config()["shared_limit"]), self.scope.datasets
            )
            self.common |= common
            for node, other in shared:
                self.adjacent[node].add(other)


def _on_shortest_paths(
    scope: Scope, a: str, b: str, max_hops: int
) -> tuple[set[str], set[tuple[str, str]], int] | None:
    """The entities (and relations) on shortest paths from ``a`` to ``b``, or None when there is no short path."""
    if scope._split([a, b])[0]:
        return None
    walker = _Walker(scope)
    dist = ({a: 0}, {b: 0})
    frontier = [{a}, {b}]
    reached = [0, 0]
    length = None
    while reached[0] + reached[1] < max_hops and frontier[0] and frontier[1]:
        side = 0 if len(frontier[0]) <= len(frontier[1]) else 1
        walker.expand(frontier[side])
        following: set[str] = set()
        for node in frontier[side]:
            for other in walker.adjacent.get(node, ()):
                if other not in dist[side]:
                    dist[side][other] = reached[side] + 1
                    following.add(other)
        frontier[side] = following
        reached[side] += 1
        met = dist[0].keys() & dist[1].keys()
        if met:
            length = min(dist[0][v] + dist[1][v] for v in met)
            break
    if length is None or length > max_hops:
        return None
    on = {v for v in dist[0].keys() & dist[1].keys() if dist[0][v] + dist[1][v] == length}
    for side in (0, 1):
        layer = set(on)
        for k in range(length, 0, -1):
            current = {v for v in layer if dist[side].get(v) == k} | {v for v in on if dist[side].get(v) == k}
            before = {u for u, d in dist[side].items() if d == k - 1 and walker.adjacent.get(u, set()) & current}
            on |= before
            layer = before
    ids = set(on)
    for u in on:
        for v in walker.adjacent.get(u, ()):
            if v in on:
                ids |= walker.via.get((u, v), set())
    return ids, walker.common, length


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
    found = store.name_candidates(text, limit=max(50, limit * 5), datasets=scope.datasets)
    ids = {store.canonical(entity_id) for entity_id, _ in found}
    _, nodes = scope._split(ids)
    graph = scope.build(nodes)
    hits = queries.search(graph, text, limit, schema)
    for hit in hits:
        hit["flags"] = scope.flags(graph, hit["id"])
    return hits
