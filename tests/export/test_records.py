"""End to end on OpenSanctions/FtM records: load, resolve, query, export, validate."""

from __future__ import annotations

import io
from pathlib import Path

import orjson
import pytest

from tracegraph.export import export
from tracegraph.graph import Graph, search, show
from tracegraph.ingest.ftm import iter_entities
from tracegraph.resolve import resolve
from tracegraph.store import Store
from tracegraph.vocab import ftm_model

FILES = ("t1__entities.ftm.json", "zala__entities.ftm.json", "parteispenden__entities.ftm.json")


@pytest.mark.slow
def test_records_round_trip_through_the_graph(store: Store, shared: Path) -> None:
    folder = shared / "data" / "opensanctions_ftm" / "yente"
    loaded = 0
    with store.transaction():
        for name in FILES:
            for item in iter_entities(folder / name, name.split("__")[0]):
                assert isinstance(item, list), item
                store.add_statements(item)
                loaded += 1
    resolve(store)
    graph = Graph.load(store)
    assert graph.edges and all(e.evidence and e.evidence[0].record_id for e in graph.edges)

    hit = search(graph, "Inter Tobacco")[0]
    assert hit["score"] >= 90 and "Inter Tobacco" in hit["caption"]
    shown = show(graph, hit["id"])
    assert shown["sources"][0]["record_id"].startswith("t1:")

    out = io.BytesIO()
    written = export(graph, "ftm", out)
    assert written == len(graph.entities)
    model = ftm_model()
    for line in out.getvalue().splitlines():
        data = orjson.loads(line)
        proxy = model.get_proxy(data, cleaned=False)
        assert not proxy.schema.abstract
        assert all(proxy.get(p) for p in proxy.schema.required), data
