"""Questions over the graph: find an entity, show it, list its timeline.

Each function returns plain dicts (what ``--json`` prints); the CLI renders them.
"""

from __future__ import annotations

from typing import Any

from rapidfuzz import fuzz, process

from tracegraph.errors import NotFoundError
from tracegraph.graph.model import Edge
from tracegraph.graph.projection import Graph, date_of, edge_spec
from tracegraph.match import fold, name_key
from tracegraph.store import Entity

NAME_PROPS = ("name", "alias", "previousName", "weakAlias")


def _norm(text: str) -> str:
    return fold(text)


def names_of(entity: Entity) -> list[str]:
    found: list[str] = []
    for prop in NAME_PROPS:
        found.extend(v for v in entity.get(prop) if v not in found)
    return found


def caption(graph: Graph, entity: Entity) -> str:
    """The entity's caption: the one rule (:mod:`tracegraph.vocab.caption`), as exports and search give it."""
    return entity.caption


def brief(graph: Graph, entity_id: str) -> dict[str, Any]:
    """Id, schema and caption of an entity, for listings."""
    entity = graph.entities.get(entity_id)
    if entity is None:
        return {"id": entity_id, "schema": None, "caption": entity_id}
    return {"id": entity.id, "schema": entity.schema, "caption": caption(graph, entity)}


def _shares_a_word(left: list[str], right: list[str]) -> bool:
    return any(fuzz.ratio(a, b) >= 80 for a in left for b in right)


def search(graph: Graph, text: str, limit: int = 10, schema: str | None = None) -> list[dict[str, Any]]:
    """Entities whose names or aliases match ``text``, best first (fuzzy, script- and order-tolerant)."""
    query = _norm(text)
    query_key = name_key(text)
    choices: dict[tuple[str, str], str] = {}
    for entity_id in graph.index:
        entity = graph.entities.get(entity_id)
        if entity is None or (schema and entity.schema != schema):
            continue
        for name in names_of(entity):
            choices[(entity_id, name)] = _norm(name)
    best: dict[str, dict[str, Any]] = {}
    hits = process.extract(query, choices, scorer=fuzz.WRatio, limit=limit * 5, score_cutoff=70)
    words = query.split()
    for _, score, (entity_id, name) in hits:
        if query_key and name_key(name) == query_key:
            score = 100.0
        elif not _shares_a_word(words, choices[(entity_id, name)].split()):
            continue  # a partial match inside a word ("Don" in "prison") is noise
        if entity_id not in best or score > best[entity_id]["score"]:
            best[entity_id] = {**brief(graph, entity_id), "matched": name, "score": round(float(score), 1)}
    ranked = sorted(best.values(), key=lambda r: (-r["score"], r["caption"]))
    return ranked[:limit]


def lookup(graph: Graph, ref: str) -> str:
    """An entity id from an id, a member id, an id prefix or a name; raises if none fits."""
    ref = ref.strip()
    canonical = graph.resolve_id(ref)
    if canonical in graph.entities:
        return canonical
    prefixed = {graph.resolve_id(i) for i in [*graph.entities, *graph.canonical] if i.startswith(ref)}
    if len(prefixed) == 1:
        return prefixed.pop()
    if len(prefixed) > 1:
        raise NotFoundError(f"the id prefix fits {len(prefixed)} entities; give more of it", subject=ref)
    hits = search(graph, ref, limit=2)
    if hits and hits[0]["score"] >= 90 and (len(hits) == 1 or hits[1]["score"] < hits[0]["score"]):
        return str(hits[0]["id"])
    if hits:
        options = "; ".join(f"{h['caption']} ({h['id']})" for h in hits)
        raise NotFoundError(f"no entity with that id or exact name; closest: {options}", subject=ref)
    raise NotFoundError("no entity with that id or name", subject=ref)


def edge_view(graph: Graph, edge: Edge, entity_id: str | None = None) -> dict[str, Any]:
    """An edge as seen from ``entity_id``: direction, the other side, evidence."""
    data = edge.to_dict()
    data["source_caption"] = brief(graph, edge.source)["caption"]
    data["target_caption"] = brief(graph, edge.target)["caption"]
    if entity_id is not None:
        data["direction"] = "out" if edge.source == entity_id else "in"
        data["other"] = brief(graph, edge.other(entity_id))
    return data


def show(graph: Graph, ref: str) -> dict[str, Any]:
    """An entity with its names, properties, members, sources and relations both ways."""
    entity_id = lookup(graph, ref)
    entity = graph.entities[entity_id]
    edges = sorted(graph.edges_of(entity_id), key=lambda e: (e.source != entity_id, e.label, e.date or ""))
    return {
        **brief(graph, entity_id),
        "names": names_of(entity),
        "properties": {k: v for k, v in entity.properties.items() if k not in NAME_PROPS},
        "members": sorted(entity.member_ids),
        "sources": [e.to_dict() for e in graph.evidence_of(entity_id)],
        "relations": [edge_view(graph, e, entity_id) for e in edges],
    }


def neighbors(graph: Graph, ref: str, depth: int = 1) -> dict[str, Any]:
    entity_id = lookup(graph, ref)
    found = graph.neighbors(entity_id, depth)
    return {
        **brief(graph, entity_id),
        "neighbors": [
            {**brief(graph, other), "depth": hops, "via": [edge_view(graph, e) for e in edges]}
            for other, hops, edges in found
        ],
    }


def paths(graph: Graph, left: str, right: str, limit: int = 5) -> dict[str, Any]:
    a, b = lookup(graph, left), lookup(graph, right)
    found = graph.shortest_paths(a, b, limit)
    return {
        "from": brief(graph, a),
        "to": brief(graph, b),
        "paths": [[[edge_view(graph, e) for e in hop] for hop in path] for path in found],
    }


def timeline(graph: Graph, ref: str | None = None) -> dict[str, Any]:
    """Dated relations and events, oldest first, each with its evidence."""
    entity_id = lookup(graph, ref) if ref else None
    items = []
    for relation_id, edges in graph.relations.items():
        if entity_id and not any(entity_id in (e.source, e.target, relation_id) for e in edges):
            continue
        relation = graph.entities[relation_id]
        date = date_of(relation)
        if not date:
            continue
        first = edges[0]
        items.append(
            {
                "date": date,
                "id": relation_id,
                "schema": relation.schema,
                "label": first.label,
                "sources": [brief(graph, s) for s in dict.fromkeys(e.source for e in edges)],
                "targets": [brief(graph, t) for t in dict.fromkeys(e.target for e in edges)],
                "properties": first.properties,
                "evidence": [ev.to_dict() for ev in first.evidence],
            }
        )
    if entity_id is None:
        items.extend(_lone_events(graph))
    items.sort(key=lambda i: (i["date"], i["label"], i["id"]))
    return {"entity": brief(graph, entity_id) if entity_id else None, "events": items}


def _lone_events(graph: Graph) -> list[dict[str, Any]]:
    """Dated events naming no entity we know (an Action whose actor was not recognised)."""
    items = []
    for entity in graph.entities.values():
        if entity.id in graph.relations or edge_spec(entity.schema) is None:
            continue
        date = date_of(entity)
        evidence = graph.evidence_of(entity.id)
        if not date or not evidence:
            continue
        label = (entity.get("kind") or [entity.schema])[0]
        items.append(
            {
                "date": date,
                "id": entity.id,
                "schema": entity.schema,
                "label": label,
                "sources": [],
                "targets": [],
                "properties": {k: v for k, v in entity.properties.items() if k not in ("summary", "proof")},
                "evidence": [ev.to_dict() for ev in evidence],
            }
        )
    return items
