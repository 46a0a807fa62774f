"""CSV: one row per edge (who, how, whom, when, the sentence, where from), or one per entity."""

from __future__ import annotations

import csv
from typing import IO

from tracegraph.graph import Graph

EDGE_COLUMNS = (
    "source_id",
    "source",
    "label",
    "target_id",
    "target",
    "date",
    "schema",
    "relation_id",
    "sentence",
    "document_id",
    "title",
    "published",
    "outlet",
    "url",
    "record_id",
    "dataset",
)
ENTITY_COLUMNS = ("id", "schema", "name", "aliases", "country", "members")


def write_edges(graph: Graph, out: IO[str]) -> int:
    """One row per edge and evidence item; returns the rows written."""
    writer = csv.writer(out)
    writer.writerow(EDGE_COLUMNS)
    rows = 0
    for edge in sorted(graph.edges, key=lambda e: e.sort_key):
        source, target = graph.entities.get(edge.source), graph.entities.get(edge.target)
        for ev in edge.sorted_evidence():
            writer.writerow(
                [
                    edge.source,
                    source.caption if source else edge.source,
                    edge.label,
                    edge.target,
                    target.caption if target else edge.target,
                    edge.date or "",
                    edge.schema,
                    edge.relation_id or "",
                    ev.sentence or "",
                    ev.document_id or "",
                    ev.title or "",
                    ev.published or "",
                    ev.outlet or "",
                    ev.url or "",
                    ev.record_id or "",
                    ev.dataset or "",
                ]
            )
            rows += 1
    return rows


def write_entities(graph: Graph, out: IO[str]) -> int:
    """One row per node entity."""
    writer = csv.writer(out)
    writer.writerow(ENTITY_COLUMNS)
    for entity_id in sorted(graph.index):
        entity = graph.entities[entity_id]
        writer.writerow(
            [
                entity.id,
                entity.schema,
                entity.caption,
                "; ".join(sorted(set(entity.get("alias") + entity.get("previousName")))),
                "; ".join(sorted(entity.get("country"))),
                "; ".join(sorted(entity.member_ids)),
            ]
        )
    return len(graph.index)
