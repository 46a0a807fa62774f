"""What the analyses share: schema tests, node views, evidence as plain dicts, dates and numbers."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Any

from tracegraph.datafiles import load_yaml
from tracegraph.graph import Edge, Graph
from tracegraph.graph.projection import edge_spec
from tracegraph.graph.queries import brief
from tracegraph.vocab import is_a

__all__ = ["config", "evidence_of_edges", "is_a", "is_relation", "number", "view", "year"]

_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?")


@cache
def config() -> dict[str, Any]:
    """The lookups of ``analyse/data/analyse.yaml`` (weights, limits, generic values, state bodies)."""
    return load_yaml("tracegraph.analyse", "data", "analyse.yaml")


def is_relation(schema: str) -> bool:
    """Whether entities of ``schema`` become edges (Ownership, Listing, Action, ...) rather than nodes."""
    return edge_spec(schema) is not None


def view(graph: Graph, entity_id: str) -> dict[str, Any]:
    """Id, schema and caption of a node."""
    return brief(graph, entity_id)


def evidence_of_edges(edges: Iterable[Edge], limit: int = 3) -> list[dict[str, Any]]:
    """The evidence of some edges, each source once, as dicts."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for edge in edges:
        for ev in edge.evidence:
            found.setdefault(ev.key, ev.to_dict())
    return list(found.values())[:limit]


def number(value: str) -> float | None:
    """The first number in a value ("51%", "0,5", "1,200" as 1200), or ``None``."""
    text = value.replace(",", "") if re.search(r"\d,\d{3}\b", value) else value.replace(",", ".")
    match = _NUMBER.search(text)
    return float(match.group(0)) if match else None


def year(value: str | None) -> int | None:
    """The year of an ISO-like date string, or ``None``."""
    if not value or len(value) < 4 or not value[:4].isdigit():
        return None
    return int(value[:4])
