"""``tracegraph.build`` is the library call behind ``tracegraph build``."""

from __future__ import annotations

from pathlib import Path

import tracegraph
from tracegraph.ingest import ingest_paths
from tracegraph.settings import Settings
from tracegraph.store import Store

STORY = (
    "Harbour plant fined\n\n"
    "Qinghe Lanfeng Chemical Co., Ltd. was fined on 3 March 2024 by the Hebei customs office. "
    "Zheng Fujing is a director of Qinghe Lanfeng Chemical Co., Ltd.\n"
)


def test_build_extracts_and_resolves_through_the_library(store: Store, settings: Settings, tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(STORY)
    ingest_paths(store, [tmp_path / "story.txt"], settings)
    summary = tracegraph.build(store, settings)
    assert summary["failed"] == 0
    assert summary["statements"] > 0
    assert "merges" in summary
    again = tracegraph.build(store, settings)
    assert again["statements"] == 0  # nothing new to do
