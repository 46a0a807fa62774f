"""Clusters: entities tied by shared identifiers, and communities of the relation graph.

Every identifier value (phone, e-mail, domain, address, wallet, messenger,
registration number) of a node, or of a listing it carries, becomes a key. A
key held by two or more entities ties them, unless it is generic (free mail,
a marketplace, a registered agent, a placeholder phone, or held by too many):
then it is shown as suppressed, with the reason, and ties nothing. Clusters are
the connected groups; each tie lists its holders, weight and evidence.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from tracegraph.analyse.centrality import label_propagation
from tracegraph.analyse.common import config, is_relation, view
from tracegraph.analyse.identifiers import Key, keys, weight
from tracegraph.graph import Graph
from tracegraph.store import Statement


@dataclass
class Tie:
    """One identifier value and the entities that hold it."""

    kind: str
    value: str
    holders: list[str]
    weight: float
    note: str | None = None
    statements: dict[str, list[Statement]] = field(default_factory=dict, repr=False)


def holdings(graph: Graph) -> dict[Key, dict[str, list[Statement]]]:
    """Identifier key -> holder id -> the statements that say so."""
    found: dict[Key, dict[str, list[Statement]]] = defaultdict(lambda: defaultdict(list))
    carried: dict[str, str] = config()["identifiers"]["carried_by"]
    props = set(config()["identifiers"]["props"])
    for entity_id, entity in graph.entities.items():
        if entity.schema in carried:
            holders = sorted({graph.resolve_id(v) for v in entity.get(carried[entity.schema])} & set(graph.index))
        elif entity_id in graph.index and not is_relation(entity.schema):
            holders = [entity_id]
        else:
            continue
        for stmt in entity.statements:
            if stmt.prop not in props:
                continue
            for key in keys(stmt.prop, stmt.value):
                for holder in holders:
                    found[key][holder].append(stmt)
    return found


def ties(graph: Graph) -> Iterator[Tie]:
    """Every identifier value held by two or more entities, weighted (0 when generic)."""
    for key, by_holder in holdings(graph).items():
        if len(by_holder) < 2:
            continue
        score, note = weight(key, len(by_holder))
        yield Tie(key[0], key[1], sorted(by_holder), score, note, dict(by_holder))


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _tie_view(graph: Graph, tie: Tie, evidence: bool) -> dict[str, Any]:
    first = next((stmts[0] for stmts in tie.statements.values() if stmts), None)
    data: dict[str, Any] = {
        "kind": tie.kind,
        "value": tie.value,
        "shown": first.value if first is not None else tie.value,
        "weight": round(tie.weight, 3),
        "holders": [view(graph, h) for h in tie.holders] if len(tie.holders) <= 50 else len(tie.holders),
    }
    if tie.note:
        data["note"] = tie.note
    if evidence:
        seen: dict[tuple[str, str], dict[str, Any]] = {}
        for holder in tie.holders[:20]:
            for ev in graph.evidence_reader.evidence(tie.statements.get(holder, [])):
                seen.setdefault(ev.key, {**ev.to_dict(), "holder": holder})
        data["evidence"] = list(seen.values())[:6]
    return data


def clusters(graph: Graph, min_size: int = 2, evidence: bool = True, limit: int | None = None) -> dict[str, Any]:
    """Groups of entities tied by shared identifiers, strongest first, with suppressed values and why.

    Returns ``{"clusters": [...], "suppressed": [...]}``; each cluster has its
    ``members``, its ``ties`` (kind, value, holders, weight, evidence), a
    ``score`` (sum of tie weights) and the ``suppressed`` values its members share.
    """
    union = _Union()
    kept: list[Tie] = []
    suppressed: list[Tie] = []
    for tie in ties(graph):
        if tie.weight <= 0:
            suppressed.append(tie)
            continue
        kept.append(tie)
        for other in tie.holders[1:]:
            union.union(tie.holders[0], other)
    groups: dict[str, set[str]] = defaultdict(set)
    for tie in kept:
        for holder in tie.holders:
            groups[union.find(holder)].add(holder)
    by_group: dict[str, list[Tie]] = defaultdict(list)
    for tie in kept:
        by_group[union.find(tie.holders[0])].append(tie)
    suppressed_of: dict[str, list[Tie]] = defaultdict(list)
    for tie in suppressed:
        for holder in tie.holders:
            suppressed_of[holder].append(tie)
    found: list[dict[str, Any]] = []
    for root, members in groups.items():
        if len(members) < min_size:
            continue
        group_ties = sorted(by_group[root], key=lambda t: (-t.weight, t.kind, t.value))
        near = list({id(t): t for m in sorted(members) for t in suppressed_of.get(m, [])}.values())
        found.append(
            {
                "id": root,
                "size": len(members),
                "score": round(sum(t.weight for t in group_ties), 3),
                "members": [view(graph, m) for m in sorted(members)],
                "ties": [_tie_view(graph, t, evidence) for t in group_ties],
                "suppressed": [_tie_view(graph, t, False) for t in near[:10]],
            }
        )
    found.sort(key=lambda c: (-c["score"], -c["size"], c["id"]))
    if limit is not None:
        found = found[:limit]
    return {
        "clusters": found,
        "suppressed": [_tie_view(graph, t, False) for t in sorted(suppressed, key=lambda t: -len(t.holders))[:50]],
    }


def communities(graph: Graph, min_size: int | None = None, rounds: int | None = None) -> dict[str, Any]:
    """Communities of the relation graph by label propagation (deterministic order), largest first."""
    settings = config()["communities"]
    min_size = int(settings["min_size"]) if min_size is None else min_size
    rounds = int(settings["rounds"]) if rounds is None else rounds
    labels = label_propagation(graph.graph, rounds)
    groups: dict[int, list[str]] = defaultdict(list)
    for entity_id, idx in graph.index.items():
        groups[labels[idx]].append(entity_id)
    found: list[dict[str, Any]] = []
    for members in groups.values():
        if len(members) < min_size:
            continue
        inside = set(members)
        counts: dict[str, int] = defaultdict(int)
        for member in members:
            for edge in graph.edges_of(member):
                if edge.source == member and edge.target in inside:
                    counts[edge.label] += 1
        ranked = sorted(members, key=lambda m: (-graph.graph.degree(graph.index[m]), m))
        found.append(
            {
                "size": len(members),
                "members": [view(graph, m) for m in ranked[:50]],
                "relations": dict(sorted(counts.items(), key=lambda i: -i[1])),
            }
        )
    found.sort(key=lambda c: (-c["size"], c["members"][0]["id"]))
    return {"communities": found}
