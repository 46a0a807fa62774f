"""Ownership and control chains: from an entity up through its owners to a state body or a listed party.

Each hop is an Ownership edge (owner -> asset), or with ``control=True`` also a
Directorship or Representation edge, with its percentage where one is known
and its evidence. A chain's aggregate stake multiplies the hops' percentages
when every hop has one ("wholly owned" counts as 100%).
"""

from __future__ import annotations

from typing import Any

from tracegraph.analyse.common import config, evidence_of_edges, is_a, number, view
from tracegraph.graph import Edge, Graph
from tracegraph.graph.queries import lookup


def stakes(edge: Edge) -> list[float]:
    """Every share (0..100) the sources give for an ownership edge; ``[]`` when none is stated."""
    found: list[float] = []
    for value in edge.properties.get("percentage", []):
        share = number(value)
        if share is not None:
            share = share * 100 if 0 < share <= 1 and "%" not in value and "." in value else share
            if share not in found:
                found.append(share)
    if found or edge.properties.get("percentage"):
        return sorted(found)
    whole = stake(edge)
    return [whole] if whole is not None else []


def stake(edge: Edge) -> float | None:
    """The share an ownership edge gives, 0..100; ``None`` when not stated or when sources disagree."""
    if edge.properties.get("percentage"):
        found = stakes(edge)
        return found[0] if len(found) == 1 else None
    words = " ".join([*edge.properties.get("ownershipType", []), *(ev.sentence or "" for ev in edge.evidence)]).lower()
    if edge.schema in config()["chains"]["ownership"] and any(w in words for w in config()["chains"]["whole_words"]):
        return 100.0
    return None


def kind_of(graph: Graph, entity_id: str) -> str | None:
    """ "state body" or "listed party" when a chain may end at this entity, else ``None``."""
    entity = graph.entities.get(entity_id)
    if entity is None:
        return None
    settings = config()["chains"]
    topics = set(entity.get("topics"))
    if any(is_a(entity.schema, s) for s in settings["state_schemata"]) or topics & set(settings["state_topics"]):
        return "state body"
    if topics & set(settings["listed_topics"]):
        return "listed party"
    if any(e.schema == "Sanction" and e.target == entity_id for e in graph.edges_of(entity_id)):
        return "listed party"
    return None


def _hop(graph: Graph, edge: Edge) -> dict[str, Any]:
    return {
        "owner": view(graph, edge.source),
        "asset": view(graph, edge.target),
        "schema": edge.schema,
        "label": edge.label,
        "percentage": stake(edge),
        "disputed": stakes(edge) if len(stakes(edge)) > 1 else None,
        "date": edge.date,
        "evidence": evidence_of_edges([edge]),
    }


def chains(graph: Graph, ref: str, max_hops: int | None = None, control: bool = False) -> dict[str, Any]:
    """Every chain of owners above ``ref`` (id or name), longest reach first.

    A chain stops at a state body or a listed party (``"ends_at"`` says which)
    or where no one owns the top entity (``"ends_at": null``).
    """
    settings = config()["chains"]
    start = lookup(graph, ref)
    hops_limit = int(settings["max_hops"]) if max_hops is None else max_hops
    follow = set(settings["ownership"]) | (set(settings["control"]) if control else set())
    found: list[list[Edge]] = []

    def owners(entity_id: str) -> list[Edge]:
        return sorted(
            (e for e in graph.edges_of(entity_id) if e.target == entity_id and e.schema in follow),
            key=lambda e: (e.schema not in settings["ownership"], e.source, e.id),
        )

    def walk(entity_id: str, path: list[Edge], seen: set[str]) -> None:
        above = [e for e in owners(entity_id) if e.source not in seen]
        ends = path and kind_of(graph, entity_id) is not None
        if ends or not above or len(path) >= hops_limit:
            if path:
                found.append(path)
            return
        for edge in above:
            walk(edge.source, [*path, edge], seen | {edge.source})

    walk(start, [], {start})
    result: list[dict[str, Any]] = []
    for path in found:
        top = path[-1].source
        stakes = [stake(e) if e.schema in settings["ownership"] else None for e in path]
        aggregate: float | None = None
        if all(s is not None for s in stakes):
            aggregate = 100.0
            for s in stakes:
                aggregate = aggregate * float(s or 0) / 100.0
        result.append(
            {
                "top": view(graph, top),
                "ends_at": kind_of(graph, top),
                "hops": [_hop(graph, e) for e in path],
                "aggregate_percentage": round(aggregate, 4) if aggregate is not None else None,
                "known_percentages": sum(1 for s in stakes if s is not None),
            }
        )
    result.sort(key=lambda c: (c["ends_at"] is None, -len(c["hops"]), c["top"]["id"]))
    return {"entity": view(graph, start), "chains": result}
