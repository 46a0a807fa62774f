"""Exports are byte-stable: the same material ingested in another order exports the same bytes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import tracegraph
from tracegraph.export import FORMATS, export
from tracegraph.graph import Graph
from tracegraph.ingest import ingest_paths
from tracegraph.settings import Settings
from tracegraph.store import open_store

CORPUS = Path(tracegraph.__file__).parent / "examples" / "corpus"


def _exports(db: Path, inputs: list[Path]) -> dict[str, bytes]:
    settings = Settings(db=str(db))
    with open_store(settings) as store:
        for path in inputs:  # one call per input, so the store sees them in this order
            ingest_paths(store, [str(path)], settings)
        tracegraph.build(store, settings)
        graph = Graph.load(store)
        written: dict[str, bytes] = {}
        for fmt in FORMATS:
            out = io.BytesIO()
            export(graph, fmt, out)
            written[fmt] = out.getvalue()
        return written


@pytest.mark.slow
def test_ingest_order_does_not_change_any_export(tmp_path: Path) -> None:
    inputs = sorted(CORPUS.iterdir())
    forward = _exports(tmp_path / "forward.sqlite", inputs)
    backward = _exports(tmp_path / "backward.sqlite", list(reversed(inputs)))
    for fmt in FORMATS:
        assert forward[fmt], fmt
        assert forward[fmt] == backward[fmt], f"{fmt} export differs with ingest order"
