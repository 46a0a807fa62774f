"""Scoped questions give what the whole projection gives, without loading it; lists stay out by default."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.graph.network import Network
from tracegraph.cli import cli
from tracegraph.graph import Graph, queries, scoped
from tracegraph.screen.loader import load_list
from tracegraph.settings import Settings
from tracegraph.store import Store

CSL = Path(__file__).resolve().parents[1] / "screen" / "fixtures" / "csl_mini.csv"


def _same(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in ("datasets", "flags", "truncated")}


def test_show_and_neighbors_match_the_whole_projection(store: Store, network: Network) -> None:
    whole = Graph.load(store)
    for ref in (network.lanfeng, network.zheng2, network.crane, network.prison, network.piperidone):
        assert _same(scoped.show(store, ref)) == queries.show(whole, ref)
        for depth in (1, 2):
            found = scoped.neighbors(store, ref, depth)
            for item in found["neighbors"]:
                item.pop("flags")
            assert _same(found) == queries.neighbors(whole, ref, depth)


def test_paths_timeline_and_search_match_the_whole_projection(store: Store, network: Network) -> None:
    whole = Graph.load(store)
    for left, right in (
        (network.zheng, network.crane),
        (network.prison, network.piperidone),
        (network.zheng, network.washington),
    ):
        assert scoped.paths(store, left, right, limit=5) == queries.paths(whole, left, right, 5)
    assert scoped.timeline(store, network.lanfeng) == queries.timeline(whole, network.lanfeng)
    assert scoped.timeline(store) == queries.timeline(whole)
    for text in ("Qinghe Lanfeng", "fujing zheng", "Blue Crane"):
        found = [{k: v for k, v in h.items() if k != "flags"} for h in scoped.search(store, text)]
        assert found == queries.search(whole, text)


def test_a_path_longer_than_the_limit_is_not_given(store: Store, network: Network) -> None:
    assert scoped.paths(store, network.zheng, network.piperidone, max_hops=1)["paths"] == []
    assert scoped.paths(store, network.zheng, network.piperidone, max_hops=4)["paths"]


def test_graph_commands_never_load_the_whole_graph(
    settings: Settings, network: Network, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> Graph:
        raise AssertionError("the whole graph was loaded")

    monkeypatch.setattr(Graph, "load", refuse)
    for args in (
        ["show", "Zheng Fujing"],
        ["neighbors", network.lanfeng, "--depth", "2"],
        ["path", "Zheng Fujing", "Blue Crane Trading Ltd"],
        ["timeline"],
        ["timeline", network.lanfeng],
        ["search", "Lanfeng"],
        ["export", "--entity", network.lanfeng],
    ):
        result = CliRunner().invoke(cli, ["--db", settings.db, *args], catch_exceptions=False)
        assert result.exit_code == 0, (args, result.output)


def test_lists_stay_out_of_questions_unless_asked_for(store: Store, network: Network) -> None:
    load_list(store, [CSL], "us_csl")
    assert store.list_datasets()  # the importer names the list
    assert scoped.search(store, "Glasswing Precision") == []
    hits = scoped.search(store, "Glasswing Precision", datasets=["*"])
    assert hits and hits[0]["caption"].lower().startswith("glasswing")
    everything = scoped.timeline(store, datasets=["*"])["events"]
    assert len(everything) > len(scoped.timeline(store)["events"])
