"""Walking the store's adjacency with bounds: neighbourhoods with a fan-out limit, paths searched from both ends.

Everything here works on canonical ids read by index; no statement is
projected until the walk knows which entities an answer shows. A node with
more relations than a walk may follow (a hub) is cut, and the cut is kept so
the answer can say how many relations it did not follow: nothing is dropped
silently.

- :func:`neighbourhood` reads at most ``fanout`` relations of each entity it
  reaches, and at most ``budget`` entities in all.
- :func:`shortest` searches from both ends, always growing the side whose next
  layer costs fewer index entries (so a hub next to one end is met from the
  other end instead of being read), and stops when a layer would read more
  than ``budget`` ids: then it says so rather than answering "no path".
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tracegraph.graph.projection import config, edge_spec
from tracegraph.vocab import common_schema

if TYPE_CHECKING:
    from tracegraph.graph.scoped import Scope

#: relations followed from one entity in a neighbourhood (the rest are counted, not read)
FANOUT = 50
#: entities (nodes and relations) one neighbourhood may read
BUDGET = 400
#: adjacency entries one path search may read
PATH_BUDGET = 60_000


@dataclass
class Cut:
    """An entity whose relations were not all followed."""

    id: str
    followed: int
    more: int


@dataclass
class Walk:
    """What a walk read: node ids, relation ids, identifier values too common to tie anyone, and the cuts."""

    nodes: set[str] = field(default_factory=set)
    relations: set[str] = field(default_factory=set)
    common: set[tuple[str, str]] = field(default_factory=set)
    cuts: dict[str, Cut] = field(default_factory=dict)
    stopped: str | None = None

    def cut(self, entity_id: str, followed: int, more: int) -> None:
        if more > 0:
            found = self.cuts.setdefault(entity_id, Cut(entity_id, followed, 0))
            found.more += more

    def report(self, captions: dict[str, str]) -> dict[str, Any] | None:
        """The ``truncated`` field of an answer: how much was not followed, and where; None when nothing was."""
        if not self.cuts and not self.stopped:
            return None
        cuts = sorted(self.cuts.values(), key=lambda c: (-c.more, c.id))
        data: dict[str, Any] = {
            "more": sum(c.more for c in cuts),
            "at": [
                {"id": c.id, "caption": captions.get(c.id, c.id), "followed": c.followed, "more": c.more} for c in cuts
            ],
        }
        if self.stopped:
            data["reason"] = self.stopped
        return data


def _is_relation(schemata: Iterable[str]) -> bool:
    return edge_spec(common_schema(schemata)) is not None


class Reader:
    """Id-level adjacency from the store: whom an entity is tied to, and through which relation."""

    def __init__(self, scope: Scope) -> None:
        from tracegraph.graph.scoped import ref_props

        self.scope = scope
        self.store = scope.store
        self.props = ref_props()
        self.skip = tuple(config()["not_edges"])

    def split(self, ids: Collection[str]) -> tuple[set[str], dict[str, set[str]]]:
        """Relations among ``ids`` with the entities each ties, and the plain entities (with what they point at)."""
        ends = self.store.ends(ids, self.props, self.skip)
        relations = {i for i, (schemata, _) in ends.items() if _is_relation(schemata)}
        return relations, {i: ends.get(i, ([], set()))[1] for i in ids}

    def ties(self, nodes: Collection[str], fanout: int | None, walk: Walk) -> dict[str, dict[str, set[str]]]:
        """For each node: the entities one hop away, each with the relations (or ``""``) tying them.

        With ``fanout`` only the first ``fanout`` referrers of a node are read
        and the others are counted into ``walk.cuts``.
        """
        store, datasets = self.store, self.scope.datasets
        pointing: dict[str, list[str]] = {}
        if fanout is None:
            for node, other in store.links(nodes, self.props, self.skip, datasets):
                pointing.setdefault(node, []).append(other)
        else:
            for node in sorted(nodes):
                found, total = store.referrers(node, self.props, self.skip, datasets, fanout)
                pointing[node] = found
                walk.cut(node, len(found), total - len(found))
        own = store.ends(nodes, self.props, self.skip)  # what each node itself points at
        touching = {o for found in pointing.values() for o in found} | {o for _, vs in own.values() for o in vs}
        relations, points_at = self.split(touching)
        tied: dict[str, dict[str, set[str]]] = {node: {} for node in nodes}
        for node in nodes:
            others = set(pointing.get(node, ())) | own.get(node, ([], set()))[1]
            for other in others:
                if other in relations:
                    for end in points_at.get(other, set()) - {node}:
                        if end not in relations:
                            tied[node].setdefault(end, set()).add(other)
                    walk.relations.add(other)
                elif other != node:
                    tied[node].setdefault(other, set()).add("")
        if self.scope.shared:
            pairs, common = store.shared_pairs(
                nodes, config()["shared_identifiers"], int(config()["shared_limit"]), datasets
            )
            walk.common |= common
            for node, other in pairs:
                if node in tied:
                    tied[node].setdefault(other, set()).add("")
        return tied


def neighbourhood(
    scope: Scope, seeds: Collection[str], depth: int, fanout: int | None = FANOUT, budget: int = BUDGET
) -> Walk:
    """Every entity within ``depth`` hops of ``seeds``, following at most ``fanout`` relations of each."""
    reader = Reader(scope)
    walk = Walk()
    relations, _ = reader.split(seeds)
    nodes = set(seeds) - relations
    if relations:  # a relation asked for by id: start from the entities it joins
        walk.relations |= relations
        nodes |= {end for r, ends in reader.split(relations)[1].items() if r in relations for end in ends}
    walk.nodes |= nodes | set(seeds)
    frontier = set(nodes)
    for _ in range(depth):
        if not frontier:
            break
        room = budget - len(walk.nodes) - len(walk.relations)
        expand = set(sorted(frontier)[: max(room, 0)]) if fanout is not None else frontier
        skipped = frontier - expand
        if skipped:  # no room left to read these at all: count what they would have added
            for node, count in scope.store.degrees(skipped, reader.props, reader.skip, scope.datasets).items():
                walk.cut(node, 0, count)
        per_node = fanout if fanout is None else max(1, min(fanout, room // max(2 * len(expand), 1)))
        tied = reader.ties(expand, per_node, walk) if expand else {}
        reached = {other for others in tied.values() for other in others}
        frontier = reached - walk.nodes
        walk.nodes |= reached
        if fanout is None and len(walk.nodes) + len(walk.relations) > budget:
            walk.stopped = f"stopped after reading {budget} entities"
            break
    return walk


@dataclass
class Found:
    """The result of a path search: entities and relations on shortest paths, and the length."""

    ids: set[str]
    length: int | None
    walk: Walk


def shortest(scope: Scope, a: str, b: str, max_hops: int, budget: int = PATH_BUDGET) -> Found:
    """Nodes and relations on the shortest paths (at most ``max_hops`` hops) between two nodes.

    Layers grow from both ends; the side whose next layer points at fewer
    index entries grows first, so a hub is only read when no cheaper side is
    left, and a search that would read more than ``budget`` entries stops and
    says so (``walk.stopped``) instead of claiming there is no path.
    """
    reader = Reader(scope)
    walk = Walk()
    dist: tuple[dict[str, int], dict[str, int]] = ({a: 0}, {b: 0})
    tied: dict[str, dict[str, set[str]]] = {}
    frontier = [{a}, {b}]
    depth = [0, 0]
    spent = 0
    length: int | None = None
    while depth[0] + depth[1] < max_hops and frontier[0] and frontier[1]:
        cost = [_cost(scope, reader, f) for f in frontier]
        side = 0 if cost[0] <= cost[1] else 1
        if spent + cost[side] > budget:
            walk.stopped = (
                f"the search stopped before reading {cost[side]:,} more relations (at most {budget:,} in all)"
            )
            break
        spent += cost[side]
        tied.update(reader.ties(frontier[side], None, walk))
        following: set[str] = set()
        for node in frontier[side]:
            for other in tied[node]:
                if other not in dist[side]:
                    dist[side][other] = depth[side] + 1
                    following.add(other)
        frontier[side] = following
        depth[side] += 1
        met = dist[0].keys() & dist[1].keys()
        if met:
            length = min(dist[0][v] + dist[1][v] for v in met)
            break
    if length is None or length > max_hops:
        return Found(set(), None, walk)
    on = {v for v in dist[0].keys() & dist[1].keys() if dist[0][v] + dist[1][v] == length}
    for side in (0, 1):
        layer = set(on)
        for k in range(length, 0, -1):
            current = {v for v in layer if dist[side].get(v) == k} | {v for v in on if dist[side].get(v) == k}
            before = {u for u, d in dist[side].items() if d == k - 1 and tied.get(u, {}).keys() & current}
            on |= before
            layer = before
    ids = set(on)
    for u in on:
        for v, via in tied.get(u, {}).items():
            if v in on:
                ids |= via - {""}
    return Found(ids, length, walk)


def _cost(scope: Scope, reader: Reader, frontier: set[str]) -> int:
    """Index entries one layer from ``frontier`` reads (pointing statements, roughly its relations)."""
    if not frontier:
        return 1 << 62
    return sum(scope.store.degrees(frontier, reader.props, reader.skip, scope.datasets).values()) + len(frontier)
