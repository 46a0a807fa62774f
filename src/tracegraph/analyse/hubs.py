"""Hubs: the most central entities of each schema, and why each one matters.

Degree counts distinct neighbours; PageRank and betweenness run on the
projection's rustworkx graph (betweenness from a sample of sources on large
graphs). A hub's reasons are its relations counted by label ("offers x 5,
owns x 1"), with a few of them and their evidence.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from tracegraph.analyse.centrality import betweenness, pagerank
from tracegraph.analyse.common import config, evidence_of_edges, is_relation, view
from tracegraph.graph import Edge, Graph


@dataclass
class Hub:
    """A central entity with its scores and the relations that make it central."""

    id: str
    schema: str
    caption: str
    degree: int
    pagerank: float
    betweenness: float
    relations: dict[str, int]
    examples: list[dict[str, Any]] = field(default_factory=list)

    @property
    def why(self) -> str:
        parts = [f"{label} x {count}" for label, count in sorted(self.relations.items(), key=lambda i: (-i[1], i[0]))]
        return ", ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "schema": self.schema,
            "caption": self.caption,
            "degree": self.degree,
            "pagerank": round(self.pagerank, 6),
            "betweenness": round(self.betweenness, 6),
            "relations": self.relations,
            "why": self.why,
            "examples": self.examples,
        }


def _label(edge: Edge, entity_id: str) -> str:
    """The relation as the hub sees it: "owns ->" outwards, "<- owns" inwards, "shares phone" both ways."""
    if edge.schema == "SharedIdentifier":
        return edge.label
    return f"{edge.label} ->" if edge.source == entity_id else f"<- {edge.label}"


def hubs(
    graph: Graph,
    limit: int = 5,
    schema: str | None = None,
    by: str = "pagerank",
    samples: int | None = None,
    seed: int = 0,
) -> dict[str, Any]:
    """The top ``limit`` entities per schema (or of one ``schema``), ranked ``by`` pagerank, betweenness or degree.

    Returns ``{"sampled": bool, "nodes": n, "schemata": {schema: [hub, ...]}}``.
    """
    if by not in ("pagerank", "betweenness", "degree"):
        raise ValueError(f"unknown ranking {by!r}")
    settings = config()["hubs"]
    rx_graph = graph.graph
    ranks = pagerank(rx_graph) if rx_graph.num_edges() else {}
    between, sampled = betweenness(
        rx_graph, int(settings["exact_betweenness_limit"]), samples or int(settings["betweenness_samples"]), seed
    )
    groups: dict[str, list[tuple[float, str, int]]] = defaultdict(list)
    for entity_id, idx in graph.index.items():
        entity = graph.entities.get(entity_id)
        if entity is None or is_relation(entity.schema):
            continue
        if schema is not None and entity.schema != schema:
            continue
        degree = rx_graph.degree(idx)
        if degree == 0:
            continue
        score = {"pagerank": ranks.get(idx, 0.0), "betweenness": between.get(idx, 0.0), "degree": float(degree)}[by]
        groups[entity.schema].append((score, entity_id, idx))
    result: dict[str, list[dict[str, Any]]] = {}
    for name in sorted(groups):
        ranked = sorted(groups[name], key=lambda item: (-item[0], item[1]))[:limit]
        found = []
        for _, entity_id, idx in ranked:
            edges = graph.edges_of(entity_id)
            counts = Counter(_label(e, entity_id) for e in edges)
            examples = [
                {
                    "label": _label(e, entity_id),
                    "other": view(graph, e.other(entity_id)),
                    "date": e.date,
                    "evidence": evidence_of_edges([e], 1),
                }
                for e in sorted(edges, key=lambda e: (e.schema == "SharedIdentifier", e.label, e.id))[:3]
            ]
            brief = view(graph, entity_id)
            found.append(
                Hub(
                    entity_id,
                    name,
                    str(brief["caption"]),
                    rx_graph.degree(idx),
                    ranks.get(idx, 0.0),
                    between.get(idx, 0.0),
                    dict(counts),
                    examples,
                ).to_dict()
            )
        result[name] = found
    return {"sampled": sampled, "nodes": rx_graph.num_nodes(), "by": by, "schemata": result}
