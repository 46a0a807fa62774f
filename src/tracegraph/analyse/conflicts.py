"""Conflicts: the same property or relation stated differently by different sources.

Two kinds are compared. An entity property that should have one value
(incorporation date, registration number...) with different values from
different documents or records. And one relation (same schema or action kind,
same two sides, same period) whose figures, dates or roles differ between
sources: an amount, a percentage, a count. Numbers within a tolerance and a
date that only refines another ("2024" and "2024-06-28") do not conflict.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from tracegraph.analyse.common import config, number, view
from tracegraph.graph import Graph
from tracegraph.store import Statement


def _source(stmt: Statement) -> str:
    return stmt.document_id or stmt.record_id or stmt.dataset


def _same(kind: str, a: str, b: str, tolerance: float) -> bool:
    if kind == "number":
        x, y = number(a), number(b)
        if x is None or y is None:
            return a.strip().lower() == b.strip().lower()
        return abs(x - y) <= tolerance * max(abs(x), abs(y), 1e-9)
    if kind == "date":
        return a.startswith(b) or b.startswith(a)
    return " ".join(a.lower().split()) == " ".join(b.lower().split())


def _disagreements(kind: str, by_value: dict[str, list[Statement]], tolerance: float) -> list[str]:
    """Values that differ from another value stated by another source."""
    values = sorted(by_value)
    clashing: set[str] = set()
    for i, a in enumerate(values):
        for b in values[i + 1 :]:
            sources_a = {_source(s) for s in by_value[a]}
            sources_b = {_source(s) for s in by_value[b]}
            if sources_a == sources_b and len(sources_a) == 1:
                continue  # one source giving two values (a range, a conversion) is not a dispute
            if not _same(kind, a, b, tolerance):
                clashing.update((a, b))
    return sorted(clashing)


def _claims(graph: Graph, values: list[str], by_value: dict[str, list[Statement]]) -> list[dict[str, Any]]:
    return [
        {
            "value": value,
            "sources": [ev.to_dict() for ev in graph.evidence_reader.evidence(by_value[value])],
        }
        for value in values
    ]


def _group(statements: Iterable[Statement], props: dict[str, str]) -> dict[str, dict[str, list[Statement]]]:
    found: dict[str, dict[str, list[Statement]]] = defaultdict(lambda: defaultdict(list))
    for stmt in statements:
        if stmt.prop in props:
            found[stmt.prop][stmt.value].append(stmt)
    return found


def conflicts(graph: Graph) -> dict[str, Any]:
    """Every disputed value, side by side with the sources of each version."""
    settings = config()["conflicts"]
    tolerance = float(settings["tolerance"])
    entity_props = {p: "date" if "Date" in p else "text" for p in settings["entity_props"]}
    relation_props: dict[str, str] = dict(settings["relation_props"])
    found: list[dict[str, Any]] = []
    for entity_id in sorted(graph.index):
        entity = graph.entities.get(entity_id)
        if entity is None or entity_id in graph.relations:
            continue
        for prop, by_value in _group(entity.statements, entity_props).items():
            clash = _disagreements(entity_props[prop], by_value, tolerance)
            if clash:
                found.append(
                    {
                        "kind": "property",
                        "subject": view(graph, entity_id),
                        "property": prop,
                        "claims": _claims(graph, clash, by_value),
                    }
                )
    # one relation, said by several sources or several relation entities
    same: dict[tuple[str, ...], list[Statement]] = defaultdict(list)
    for relation_id, edges in graph.relations.items():
        relation = graph.entities[relation_id]
        kind = (relation.get("kind") or [relation.schema])[0]
        period = (relation.get("period") or [""])[0]
        currency = (relation.get("currency") or [""])[0]  # 1.75 trillion yuan and $237 billion do not clash
        for edge in edges:
            same[(relation.schema, kind, edge.source, edge.target, period, currency)].extend(relation.statements)
    for (schema, kind, source, target, period, _), statements in sorted(same.items()):
        for prop, by_value in _group(statements, relation_props).items():
            clash = _disagreements(relation_props[prop], by_value, tolerance)
            if clash:
                found.append(
                    {
                        "kind": "relation",
                        "relation": kind,
                        "schema": schema,
                        "source": view(graph, source),
                        "target": view(graph, target),
                        "period": period or None,
                        "property": prop,
                        "claims": _claims(graph, clash, by_value),
                    }
                )
    return {"conflicts": found}
