"""The REST contract's shapes, built from the (scoped) graph with the graph package's own queries."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from tracegraph.graph import Graph
from tracegraph.graph.model import Edge, Evidence
from tracegraph.graph.projection import entity_props
from tracegraph.graph.queries import NAME_PROPS, brief, caption, names_of, search
from tracegraph.graph.queries import timeline as graph_timeline
from tracegraph.store import Entity
from tracegraph.vocab import prop_type

SHARED = "SharedIdentifier"


def evidence(ev: Evidence) -> dict[str, Any]:
    data: dict[str, Any] = {
        "document_id": ev.document_id,
        "start": ev.span[0] if ev.span else None,
        "end": ev.span[1] if ev.span else None,
        "sentence": ev.sentence,
        "title": ev.title,
    }
    for key in ("record_id", "dataset", "published", "outlet", "url"):
        value = getattr(ev, key)
        if value is not None:
            data[key] = value
    return data


def datasets_of(entity: Entity) -> list[str]:
    return sorted({s.dataset for s in entity.statements})


def flags(graph: Graph, entity: Entity, lists: frozenset[str]) -> list[str]:
    found = []
    if any(s.dataset in lists for s in entity.statements):
        found.append("listed")
    if any(e.schema == "Sanction" for e in graph.edges_of(entity.id)):
        found.append("sanctioned")
    if entity.get("controlledIn"):
        found.append("controlled")
    return found


def node(graph: Graph, entity_id: str, lists: frozenset[str]) -> dict[str, Any]:
    entity = graph.entities.get(entity_id)
    if entity is None:
        return {
            "id": entity_id,
            "schema": None,
            "caption": entity_id,
            "kind": "entity",
            "listed": False,
            "flagged": False,
        }
    found = flags(graph, entity, lists)
    return {
        "id": entity_id,
        "schema": entity.schema,
        "caption": caption(graph, entity),
        "kind": "entity",
        "listed": "listed" in found,
        "flagged": bool(found),
    }


def identifier_id(prop: str, value: str) -> str:
    return f"identifier:{prop}:{value}"


class NetworkBuilder:
    """Collects nodes and edges; a shared-identifier edge becomes an identifier node with two edges."""

    def __init__(self, graph: Graph, lists: frozenset[str]) -> None:
        self.graph = graph
        self.lists = lists
        self.nodes: dict[str, dict[str, Any]] = {}
        self.edges: dict[str, dict[str, Any]] = {}

    def add_node(self, entity_id: str) -> None:
        if entity_id not in self.nodes:
            self.nodes[entity_id] = node(self.graph, entity_id, self.lists)

    def add_edge(self, edge: Edge) -> None:
        self.add_node(edge.source)
        self.add_node(edge.target)
        ev = [evidence(e) for e in edge.evidence]
        if edge.schema == SHARED and edge.properties:
            prop, values = next(iter(edge.properties.items()))
            ident = identifier_id(prop, values[0])
            self.nodes.setdefault(
                ident,
                {
                    "id": ident,
                    "schema": prop,
                    "caption": values[0],
                    "kind": "identifier",
                    "listed": False,
                    "flagged": False,
                },
            )
            for side in (edge.source, edge.target):
                edge_id = f"{ident}>{side}"
                self.edges.setdefault(
                    edge_id,
                    {
                        "id": edge_id,
                        "source": side,
                        "target": ident,
                        "label": prop,
                        "schema": SHARED,
                        "date": None,
                        "evidence": ev,
                    },
                )
            return
        self.edges.setdefault(
            edge.id,
            {
                "id": edge.id,
                "source": edge.source,
                "target": edge.target,
                "label": edge.label,
                "schema": edge.schema,
                "date": edge.date,
                "evidence": ev,
            },
        )

    def to_dict(self) -> dict[str, Any]:
        return {"nodes": list(self.nodes.values()), "edges": list(self.edges.values())}


def _wanted(edge: Edge, types: set[str] | None) -> bool:
    return types is None or edge.schema in types or edge.label in types


def entity_page(graph: Graph, entity_id: str, lists: frozenset[str]) -> dict[str, Any]:
    entity = graph.entities[entity_id]
    visible_refs = entity_props(entity.schema)
    properties: dict[str, list[str]] = {}
    for prop, values in entity.properties.items():
        if prop in NAME_PROPS:
            continue
        if prop in visible_refs:  # ids of entities this caller cannot see are not shown
            values = [v for v in values if graph.resolve_id(v) in graph.entities]
        if values:
            properties[prop] = values
    relations = []
    edges = sorted(graph.edges_of(entity_id), key=lambda e: (e.source != entity_id, e.label, e.date or "", e.id))
    for edge in edges:
        other = edge.other(entity_id)
        relations.append(
            {
                "id": edge.relation_id or edge.id,
                "schema": edge.schema,
                "label": edge.label,
                "direction": "out" if edge.source == entity_id else "in",
                "other": brief(graph, other),
                "date": edge.date,
                "evidence": [evidence(e) for e in edge.evidence],
            }
        )
    return {
        "id": entity.id,
        "schema": entity.schema,
        "caption": caption(graph, entity),
        "names": names_of(entity),
        "properties": properties,
        "datasets": datasets_of(entity),
        "flags": flags(graph, entity, lists),
        "members": sorted(entity.member_ids),
        "sources": [evidence(e) for e in graph.evidence_of(entity.id)],
        "relations": relations,
    }


def neighbors(
    graph: Graph, entity_id: str, depth: int, types: set[str] | None, lists: frozenset[str]
) -> dict[str, Any]:
    net = NetworkBuilder(graph, lists)
    net.add_node(entity_id)
    frontier, seen = [entity_id], {entity_id}
    for _ in range(depth):
        following = []
        for current in frontier:  # edges in a fixed order: every worker and process answers alike
            for edge in sorted(graph.edges_of(current), key=lambda e: e.sort_key):
                if not _wanted(edge, types):
                    continue
                net.add_edge(edge)
                other = edge.other(current)
                if other not in seen:
                    seen.add(other)
                    following.append(other)
        frontier = following
    return net.to_dict()


def paths(
    graph: Graph, source: str, target: str, max_hops: int, lists: frozenset[str], limit: int = 5
) -> dict[str, Any]:
    found = []
    for path in graph.shortest_paths(source, target, limit):
        if len(path) > max_hops:
            continue
        net = NetworkBuilder(graph, lists)
        for hop in path:
            for edge in hop:
                net.add_edge(edge)
        found.append(net.to_dict())
    return {"paths": found}


def timeline(graph: Graph, entity_id: str | None, q: str | None) -> dict[str, Any]:
    data = graph_timeline(graph, entity_id)
    needle = (q or "").strip().lower()
    items = []
    for item in data["events"]:
        entities = list({e["id"]: e for e in [*item["sources"], *item["targets"]]}.values())
        out = {
            "id": item["id"],
            "date": item["date"],
            "label": item["label"],
            "schema": item["schema"],
            "entities": entities,
            "evidence": [_evidence_dict(e) for e in item["evidence"]],
        }
        if needle:
            text = " ".join(
                [
                    item["label"],
                    *(str(e["caption"]) for e in entities),
                    *(str(e.get("sentence") or "") for e in out["evidence"]),
                ]
            ).lower()
            if needle not in text:
                continue
        items.append(out)
    return {"items": items}


def _evidence_dict(data: dict[str, Any]) -> dict[str, Any]:
    span = data.get("span")
    out = {
        "document_id": data.get("document_id"),
        "start": span[0] if span else None,
        "end": span[1] if span else None,
        "sentence": data.get("sentence"),
        "title": data.get("title"),
    }
    out.update({k: data[k] for k in ("record_id", "dataset", "published", "outlet", "url") if k in data})
    return out


def _countries(entity: Entity) -> list[str]:
    found: list[str] = []
    for prop in ("country", "nationality", "citizenship", "jurisdiction", "mainCountry"):
        found.extend(v.lower() for v in entity.get(prop) if v.lower() not in found)
    return found


@lru_cache(maxsize=4096)
def _is_date(schema: str, prop: str) -> bool:
    return prop_type(schema, prop) == "date"


def _year(value: str | None) -> str | None:
    head = (value or "")[:4]
    return head if len(head) == 4 and head.isdigit() else None


def years_of(graph: Graph, entity: Entity) -> list[str]:
    """Years of the entity's dated statements and of the dated relations and events it takes part in."""
    found = {_year(s.value) for s in entity.statements if _is_date(s.schema, s.prop)}
    found |= {_year(edge.date) for edge in graph.edges_of(entity.id)}
    return sorted(y for y in found if y)


@dataclass(frozen=True)
class Facts:
    """What the search facets count for one entity."""

    countries: list[str]
    datasets: list[str]
    #: the screening lists the entity belongs to: it is a list entry, or merged with one
    listed: list[str]
    years: list[str]


def facts_of(graph: Graph, entity: Entity, lists: frozenset[str], years: list[str] | None = None) -> Facts:
    datasets = datasets_of(entity)
    found = years if years is not None else years_of(graph, entity)
    return Facts(_countries(entity), datasets, [d for d in datasets if d in lists], found)


def _keep(facts: Facts, country: str | None, dataset: str | None, listed: str | None, year: str | None) -> bool:
    if country and country.lower() not in facts.countries:
        return False
    if dataset and dataset not in facts.datasets:
        return False
    if listed and not (facts.listed if listed == "*" else listed in facts.listed):
        return False
    return not (year and year not in facts.years)


def search_page(
    graph: Graph,
    q: str,
    schema: str | None,
    country: str | None,
    dataset: str | None,
    limit: int,
    offset: int,
    lists: frozenset[str],
    *,
    listed: str | None = None,
    year: str | None = None,
    years: dict[str, list[str]] | None = None,
    truncated: bool = False,
) -> dict[str, Any]:
    """Entities of ``graph`` by name (fuzzy) or, without ``q``, in name order; facets count the filtered results.

    ``graph`` holds the candidates (read by name from the store); ``truncated`` says there were more.
    ``listed`` keeps entities on that screening list (``*``: on any list); ``year`` keeps entities
    with a dated statement, relation or event in that year (``years``: known years by entity id).
    """
    if q.strip():
        found = [(h["id"], float(h["score"]), str(h.get("matched") or "")) for h in search(graph, q, limit=10_000)]
        rows = [r for r in found if schema is None or graph.entities[r[0]].schema == schema]
    else:
        rows = [(e.id, 0.0, "") for e in graph.nodes(schema)]
        rows.sort(key=lambda r: (caption(graph, graph.entities[r[0]]).lower(), r[0]))
    results = []
    for entity_id, score, matched in rows:
        entity = graph.entities.get(entity_id)
        if entity is None:
            continue
        known = facts_of(graph, entity, lists, None if years is None else years.get(entity_id, []))
        if _keep(known, country, dataset, listed, year):
            results.append((entity, score, matched, known))
    facets: dict[str, Counter[str]] = {k: Counter() for k in ("schema", "country", "dataset", "listed", "year")}
    for entity, _, _, known in results:
        facets["schema"][entity.schema] += 1
        facets["country"].update(known.countries)
        facets["dataset"].update(known.datasets)
        facets["listed"].update(known.listed)
        facets["year"].update(known.years)
    page = []
    for entity, score, matched, known in results[offset : offset + limit]:
        snippet = matched
        if not snippet:
            ev = next((e for e in graph.evidence_of(entity.id) if e.sentence), None)
            snippet = ev.sentence if ev and ev.sentence else ""
        page.append(
            {
                "id": entity.id,
                "schema": entity.schema,
                "caption": caption(graph, entity),
                "countries": known.countries,
                "datasets": known.datasets,
                "snippet": snippet,
                "score": score,
                "listed": bool(known.listed),
                "lists": known.listed,
                "years": known.years,
            }
        )
    return {
        "total": len(results),
        "total_is_lower_bound": truncated,
        "results": page,
        "facets": {k: dict(v.most_common(50)) for k, v in facets.items()},
    }


def subset(graph: Graph, ids: Iterable[str]) -> Graph:
    """The part of the graph with these entities and the relations among them."""
    keep = {graph.resolve_id(i) for i in ids}
    return graph.restrict({i for i in keep if i in graph.entities})
