"""Walking the store's adjacency with bounds: neighbourhoods with a fan-out limit, paths searched from both ends.

Everything here works on canonical ids read by index; no statement is
projected until the walk knows which entities an answer shows. A node with
more relations than a walk may follow (a hub) is cut, and the cut is kept so
the answer can say how many relations it did not follow: nothing is dropped
silently.

- :func:`neighbourhood` reads at most ``fanout`` relations of each entity it
  reaches, and at most ``budget`` entities in all.
- :func:`shortest` searches from both ends, always growing the side whose next
  layer costs fewer index entries. An entity with more than
  :data:`HUB_DEGREE` relations (counted by index, never read) is reached but
  not expanded: a path through it is met from the other end, and a hub that
  could still hide a path as short as the answer's is reported. It stops when
  a layer would read more than ``budget`` ids, and then says so rather than
  answering "no path".
"""

from __future__ import annotations

import itertools
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
#: relations shown for one hop of a path (two hubs can be tied by hundreds)
PER_HOP = 10
#: relations read between two hubs when testing them for a tie (past it, "more than")
TIES_READ = 100
#: an entity with more relations than this is a hub: a path search reaches it but does not read its relations
HUB_DEGREE = 5_000
#: relations not followed are counted up to this many; past it an answer says "more than" (``exact: false``)
COUNT_TO = 1_000


@dataclass
class Cut:
    """An entity whose relations were not all followed: ``more`` were not, or more than ``more`` when not
    ``exact`` (a hub's relations are counted only up to a cap)."""

    id: str
    followed: int
    more: int
    exact: bool = True


@dataclass
class Walk:
    """What a walk read: node ids, relation ids, identifier values too common to tie anyone, and the cuts."""

    nodes: set[str] = field(default_factory=set)
    relations: set[str] = field(default_factory=set)
    common: set[tuple[str, str]] = field(default_factory=set)
    cuts: dict[str, Cut] = field(default_factory=dict)
    stopped: str | None = None

    def cut(self, entity_id: str, followed: int, more: int, exact: bool = True) -> None:
        if more > 0 or not exact:
            found = self.cuts.setdefault(entity_id, Cut(entity_id, followed, 0))
            found.more += more
            found.exact = found.exact and exact

    def report(self, captions: dict[str, str]) -> dict[str, Any] | None:
        """The ``truncated`` field of an answer: how much was not followed, and where; None when nothing was.

        A count that stopped at a cap is marked ``"exact": false`` (there are more than ``more``), at the
        entity and in the total; an exact count carries no mark, so answers read as they always did."""
        if not self.cuts and not self.stopped:
            return None
        cuts = sorted(self.cuts.values(), key=lambda c: (-c.more, c.id))
        data: dict[str, Any] = {"more": sum(c.more for c in cuts), "at": [cut_entry(c, captions) for c in cuts]}
        if not all(c.exact for c in cuts):
            data["exact"] = False
        if self.stopped:
            data["reason"] = self.stopped
        return data


def cut_entry(cut: Cut, captions: dict[str, str]) -> dict[str, Any]:
    """One entity of ``truncated.at``: relations followed, and how many more (``exact`` false: more than that)."""
    entry: dict[str, Any] = {
        "id": cut.id,
        "caption": captions.get(cut.id, cut.id),
        "followed": cut.followed,
        "more": cut.more,
    }
    if not cut.exact:
        entry["exact"] = False
    return entry


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

    def ties(
        self, nodes: Collection[str], fanout: int | None, walk: Walk, count_to: int = COUNT_TO
    ) -> dict[str, dict[str, set[str]]]:
        """For each node: the entities one hop away, each with the relations (or ``""``) tying them.

        With ``fanout`` only the first ``fanout`` referrers of a node are read
        and the others are counted into ``walk.cuts``, up to ``count_to``.
        """
        store, datasets = self.store, self.scope.datasets
        pointing: dict[str, list[str]] = {}
        if fanout is None:
            for node, other in store.links(nodes, self.props, self.skip, datasets):
                pointing.setdefault(node, []).append(other)
        else:
            layer = store.referrers_of(nodes, self.props, self.skip, datasets, fanout, count_to)
            for node, found in sorted(layer.items()):
                pointing[node] = found.ids
                walk.cut(node, len(found.ids), found.total - len(found.ids), found.exact)
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
                nodes,
                config()["shared_identifiers"],
                int(config()["shared_limit"]),
                datasets,
            )
            walk.common |= common
            for node, other in pairs:
                if node in tied:
                    tied[node].setdefault(other, set()).add("")
        return tied


def neighbourhood(
    scope: Scope,
    seeds: Collection[str],
    depth: int,
    fanout: int | None = FANOUT,
    budget: int = BUDGET,
    count_to: int = COUNT_TO,
) -> Walk:
    """Every entity within ``depth`` hops of ``seeds``, following at most ``fanout`` relations of each
    (the others are counted up to ``count_to``)."""
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
            degrees = scope.store.degrees(skipped, reader.props, reader.skip, scope.datasets, cap=count_to)
            for node, count in degrees.items():
                walk.cut(node, 0, min(count, count_to), count <= count_to)
        per_node = fanout if fanout is None else max(1, min(fanout, room // max(2 * len(expand), 1)))
        tied = reader.ties(expand, per_node, walk, count_to) if expand else {}
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


def shortest(
    scope: Scope,
    a: str,
    b: str,
    max_hops: int,
    budget: int = PATH_BUDGET,
    limit: int = 5,
    hub: int = HUB_DEGREE,
) -> Found:
    """Nodes and relations on up to ``limit`` shortest paths (at most ``max_hops`` hops) between two nodes.

    Layers grow from both ends; the side whose next layer points at fewer
    index entries grows first. An entity with more than ``hub`` relations is
    reached but not expanded (its relations are counted from the index, not
    read): a path through it is found when the other side reaches it too, so
    the other side may grow further than usual towards such a hub, and the
    answer lists the hubs whose relations were not followed. A search that
    would read more than ``budget`` entries stops and says so
    (``walk.stopped``) instead of claiming there is no path.
    """
    reader = Reader(scope)
    walk = Walk()
    dist: tuple[dict[str, int], dict[str, int]] = ({a: 0}, {b: 0})
    tied: dict[str, dict[str, set[str]]] = {}
    hubs: tuple[dict[str, int], dict[str, int]] = (
        {},
        {},
    )  # reached, not expanded: id -> relations
    frontier: list[dict[str, int]] = [{}, {}]  # to expand next: id -> relations
    sizes: dict[str, int] = {}  # relations of every node reached (index counts; a hub's stop past ``hub``)

    def exact(nodes: Collection[str]) -> dict[str, int]:
        """Hubs' relation counts up to ``budget`` (a hub bigger than that cannot be read anyway), counted
        only when a choice or an answer needs them."""
        unknown = {n for n in nodes if n in hubs[0] or n in hubs[1] or sizes.get(n, 0) > hub} - full
        if unknown:
            sizes.update(scope.store.degrees(unknown, reader.props, reader.skip, scope.datasets, cap=budget))
            full.update(unknown)
        return {n: sizes.get(n, 0) for n in nodes}

    full: set[str] = set()  # nodes counted up to ``budget`` (the others stop past ``hub``)
    for side, start in ((0, a), (1, b)):
        sizes.update(_enter(scope, reader, {start}, frontier[side], hubs[side], hub))
    spent = 0
    probed: set[tuple[str, str]] = set()
    capped: set[tuple[str, str]] = set()  # hub pairs whose ties were read only up to TIES_READ
    best = max_hops + 1  # the shortest length met so far; a layer that cannot beat it is not read
    while True:
        reach = [_reach(frontier[s], hubs[s], dist[s]) for s in (0, 1)]
        allowed = [s for s in (0, 1) if frontier[s] and min(dist[s][n] for n in frontier[s]) + 1 + reach[1 - s] < best]
        if allowed:
            side = min(allowed, key=lambda s: (sum(frontier[s].values()) + len(frontier[s]), s))
            expand = set(frontier[side])
        else:  # only a path through hubs on both sides could still be shorter
            pairs = [
                (h0, h1)
                for h0 in sorted(hubs[0])
                for h1 in sorted(hubs[1])
                if (h0, h1) not in probed and dist[0][h0] + 1 + dist[1][h1] < best
            ]
            if pairs:  # are they tied to each other? one index range of the smaller, not a read of either
                for h0, h1 in pairs:
                    probed.add((h0, h1))
                    if _probe(scope, reader, h0, h1, exact([h0, h1]), tied, walk, capped):
                        dist[0][h1] = min(dist[0].get(h1, _FAR), dist[0][h0] + 1)
                        dist[1][h0] = min(dist[1].get(h0, _FAR), dist[1][h1] + 1)
                best = min([best, *(dist[0][v] + dist[1][v] for v in dist[0].keys() & dist[1].keys())])
                continue
            # hubs two or more hops apart: read the one with fewest relations
            parked = [
                (exact([h])[h], s, h)
                for s in (0, 1)
                for h in sorted(hubs[s])
                if any(dist[s][h] + 2 + dist[1 - s][g] < best for g in hubs[1 - s])
            ]
            if not parked:
                break
            _, side, node = min(parked)
            expand = {node}
        cost = sum(exact(expand).values()) + len(expand)
        if spent + cost > budget:
            walk.stopped = f"the search stopped before reading {cost:,} more relations (at most {budget:,} in all)"
            if best <= max_hops:
                walk.stopped += "; a shorter path may exist"
            break
        for n in expand:
            frontier[side].pop(n, None)
            hubs[side].pop(n, None)
        spent += cost
        tied.update(reader.ties(expand, None, walk))
        capped -= {pair for pair in capped if expand & set(pair)}  # read in full now
        following: set[str] = set()
        for node in expand:
            for other in tied[node]:
                if dist[side].get(other, _FAR) > dist[side][node] + 1:
                    dist[side][other] = dist[side][node] + 1
                    following.add(other)
        sizes.update(_enter(scope, reader, following, frontier[side], hubs[side], hub))
        best = min([best, *(dist[0][v] + dist[1][v] for v in dist[0].keys() & dist[1].keys())])
    length = best if best <= max_hops else None
    reach = [_reach(frontier[s], hubs[s], dist[s]) for s in (0, 1)]
    for side in (0, 1):  # hubs through which a path as short as the answer's could still run
        for node in sorted(hubs[side]):
            if dist[side][node] + 1 + reach[1 - side] <= (max_hops if length is None else length):
                count, cap = sizes.get(node, hub), budget if node in full else hub
                walk.cut(node, 0, min(count, cap), count <= cap)  # past the cap: "more than"
    if length is None:
        return Found(set(), None, walk)
    on = {v for v in dist[0].keys() & dist[1].keys() if dist[0][v] + dist[1][v] == length}
    for side in (0, 1):
        layer = set(on)
        for k in range(length, 0, -1):
            current = {v for v in layer if dist[side].get(v) == k} | {v for v in on if dist[side].get(v) == k}
            before = {u for u, d in dist[side].items() if d == k - 1 and tied.get(u, {}).keys() & current}
            on |= before
            layer = before
    near: dict[str, set[str]] = {}
    for u in on:
        for v in tied.get(u, {}):
            if v in on:
                near.setdefault(u, set()).add(v)
                near.setdefault(v, set()).add(u)
    ids: set[str] = set()
    counted: set[tuple[str, str]] = set()
    for path in _geodesics(a, b, length, near, dist, limit):
        ids.update(path)
        for u, v in itertools.pairwise(path):
            via = sorted((tied.get(u, {}).get(v, set()) | tied.get(v, {}).get(u, set())) - {""})
            ids.update(via[:PER_HOP])
            if (u, v) not in counted and len(via) > PER_HOP:  # two hubs tied by hundreds of relations
                if (u, v) in capped or (v, u) in capped:  # read up to TIES_READ + 1: more than that
                    walk.cut(u, PER_HOP, len(via) - PER_HOP - 1, False)
                else:
                    walk.cut(u, PER_HOP, len(via) - PER_HOP)
                counted.add((u, v))
    return Found(ids, length, walk)


def _probe(
    scope: Scope,
    reader: Reader,
    left: str,
    right: str,
    sizes: dict[str, int],
    tied: dict[str, dict[str, set[str]]],
    walk: Walk,
    capped: set[tuple[str, str]],
) -> bool:
    """Whether two hubs are one hop apart (a relation between them, or one pointing at the other),
    read from the index range of the one with fewer relations; the first :data:`TIES_READ` ties
    found are kept for the answer (``capped`` notes the pair when there were more)."""
    small, big = (left, right) if sizes.get(left, 0) <= sizes.get(right, 0) else (right, left)
    found = scope.store.ties_between(small, big, reader.props, reader.skip, scope.datasets, TIES_READ + 1)
    if len({rel for rel, schema in found if schema}) > TIES_READ:
        capped.add((left, right))
    via = {rel for rel, schema in found if schema and rel not in (left, right) and _is_relation([schema])}
    direct = any(not schema for _, schema in found)
    if not via and not direct:
        return False
    for a, b in ((left, right), (right, left)):
        ties = tied.setdefault(a, {}).setdefault(b, set())
        ties |= via | ({""} if direct else set())
    walk.relations |= via
    return True


def _enter(
    scope: Scope,
    reader: Reader,
    nodes: set[str],
    frontier: dict[str, int],
    hubs: dict[str, int],
    hub: int,
) -> dict[str, int]:
    """Sort newly reached nodes by their relation count (an index count, not a read of the relations):
    hubs are set aside, the others join the frontier. Returns the counts."""
    if not nodes:
        return {}
    degrees = scope.store.degrees(nodes, reader.props, reader.skip, scope.datasets, cap=hub)
    for node, degree in degrees.items():
        (hubs if degree > hub else frontier)[node] = degree
    return degrees


#: farther than any search goes
_FAR = 1 << 30


def _reach(frontier: dict[str, int], hubs: dict[str, int], dist: dict[str, int]) -> int:
    """How near its start the other side can still be met: at its frontier, or at a hub it reached and
    did not expand (a path through that hub has to come from this side). Nothing left: never."""
    return min((dist[n] for n in itertools.chain(frontier, hubs)), default=_FAR)


def _geodesics(
    a: str,
    b: str,
    length: int,
    near: dict[str, set[str]],
    dist: tuple[dict[str, int], dict[str, int]],
    limit: int,
) -> list[list[str]]:
    """Up to ``limit`` shortest paths from ``a`` to ``b`` (in id order), so only the entities an answer
    shows are projected. A walk of ``length`` steps is a shortest path, so each step must be one layer
    further from ``a`` and one nearer to ``b`` wherever the search measured those distances."""
    found: list[list[str]] = []

    def walk(path: list[str]) -> None:
        step = len(path)
        for v in sorted(near.get(path[-1], ())):
            if len(found) >= limit:
                return
            if dist[0].get(v, step) != step or dist[1].get(v, length - step) != length - step:
                continue
            if step == length:
                if v == b:
                    found.append([*path, v])
                continue
            walk([*path, v])

    walk([a])
    return found
