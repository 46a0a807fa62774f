"""Export the graph: FollowTheMoney JSON lines, GraphML, CSV. Registered as ``export.<format>.v1``.

Every exporter writes in a fixed order (entities and edges by id, values and evidence sorted), so
the same statements give the same bytes whatever order they were ingested or built in.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import IO

import orjson

from tracegraph.errors import InputError
from tracegraph.export.csv import write_edges, write_entities
from tracegraph.export.ftm import ftm_entities
from tracegraph.export.graphml import write_graphml
from tracegraph.graph import Graph
from tracegraph.registry import register

FORMATS = ("ftm", "graphml", "csv", "csv-entities")


@register("exporter", "export.ftm.v1")
def write_ftm(graph: Graph, out: IO[bytes]) -> int:
    """FtM entities, one JSON object per line; returns how many."""
    count = 0
    for data in ftm_entities(graph):
        out.write(orjson.dumps(data) + b"\n")
        count += 1
    return count


@register("exporter", "export.graphml.v1")
def _graphml(graph: Graph, out: IO[bytes]) -> int:
    return write_graphml(graph, out)


def _as_text(out: IO[bytes], write: Callable[[Graph, IO[str]], int], graph: Graph) -> int:
    """Run a text writer over a binary stream without closing the stream."""
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    try:
        return write(graph, text)
    finally:
        text.detach()


@register("exporter", "export.csv.v1")
def _csv(graph: Graph, out: IO[bytes]) -> int:
    return _as_text(out, write_edges, graph)


@register("exporter", "export.csv-entities.v1")
def _csv_entities(graph: Graph, out: IO[bytes]) -> int:
    return _as_text(out, write_entities, graph)


def export(graph: Graph, fmt: str, out: IO[bytes]) -> int:
    """Write ``graph`` as ``fmt`` (one of :data:`FORMATS`) to a binary stream; returns the items written."""
    writers = {"ftm": write_ftm, "graphml": _graphml, "csv": _csv, "csv-entities": _csv_entities}
    if fmt not in writers:
        raise InputError(f"unknown export format; use one of {', '.join(FORMATS)}", subject=fmt)
    return writers[fmt](graph, out)


__all__ = ["FORMATS", "export", "ftm_entities", "write_edges", "write_entities", "write_ftm", "write_graphml"]
