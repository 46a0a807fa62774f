"""Hubs: questions about an entity with hundreds of relations stay bounded, say what they did not follow,
and paths through hubs are the shortest ones the whole projection knows (on every backend)."""

from __future__ import annotations

import json
import random
from typing import Any

from click.testing import CliRunner

from tests.graph.network import RegisterWriter
from tracegraph.cli import cli
from tracegraph.graph import Graph, hops, queries, scoped
from tracegraph.settings import Settings
from tracegraph.store import Store

TEXT = "Hub Holdings owns every firm in the register. A director sits on the board of one firm. " * 4
SUBSIDIARIES = 260


def _hubs(store: Store) -> dict[str, Any]:
    """Hub Holdings owns 260 firms and Second Hub 120; Hub Holdings owns Second Hub; two directors."""
    w = RegisterWriter(store, "hubs", TEXT, summary="Hub Holdings owns every firm in the register.")
    hub = w.node("ent-hub", "Company", "Hub Holdings")
    second = w.node("ent-hub2", "Company", "Second Hub Group")
    firms = [w.node(f"ent-firm-{i:03d}", "Company", f"Firm Number {i}") for i in range(SUBSIDIARIES)]
    others = [w.node(f"ent-other-{i:03d}", "Company", f"Other Works {i}") for i in range(120)]
    for i, firm in enumerate(firms):
        w.tie(f"rel-own-{i:03d}", "Ownership", owner=hub, asset=firm)
    for i, other in enumerate(others):
        w.tie(f"rel-own2-{i:03d}", "Ownership", owner=second, asset=other)
    w.tie("rel-hubs", "Ownership", owner=hub, asset=second)
    alice = w.node("ent-alice", "Person", "Alice Marlow")
    bruno = w.node("ent-bruno", "Person", "Bruno Ekwueme")
    w.tie("rel-dir-a", "Directorship", director=alice, organization=firms[3])
    w.tie("rel-dir-b", "Directorship", director=bruno, organization=firms[140])
    w.save()
    return {"hub": hub, "second": second, "firms": firms, "others": others, "alice": alice, "bruno": bruno}


def _ids(data: dict[str, Any]) -> set[str]:
    return {n["id"] for n in data["neighbors"]}


def test_a_hub_s_neighbours_are_cut_and_counted(store: Store) -> None:
    h = _hubs(store)
    whole = Graph.load(store)
    data = scoped.neighbors(store, h["hub"], 1, fanout=10)
    assert len(data["neighbors"]) == 10
    every = {n["id"] for n in queries.neighbors(whole, h["hub"], 1)["neighbors"]}
    assert _ids(data) <= every
    assert data["truncated"]["more"] == len(every) - 10  # 261 relations: 10 followed, 251 counted
    assert data["truncated"]["at"][0] == {"id": h["hub"], "caption": "Hub Holdings", "followed": 10, "more": 251}


def test_depth_two_next_to_a_hub_is_bounded_and_says_where(store: Store) -> None:
    h = _hubs(store)
    whole = Graph.load(store)
    data = scoped.neighbors(store, h["alice"], 2)
    expected = {n["id"]: n for n in queries.neighbors(whole, h["alice"], 2)["neighbors"]}
    assert len(expected) == 2  # the firm, and the hub two hops away
    assert _ids(data) == set(expected)
    found = scoped.neighbors(store, h["firms"][3], 2)
    assert len(found["neighbors"]) <= hops.BUDGET
    cut = {c["id"]: c for c in found["truncated"]["at"]}
    assert h["hub"] in cut and cut[h["hub"]]["followed"] + cut[h["hub"]]["more"] == SUBSIDIARIES + 1
    # what is shown is what the whole projection shows for those entities
    truth = {n["id"]: n for n in queries.neighbors(whole, h["firms"][3], 2)["neighbors"]}
    for item in found["neighbors"]:
        assert item["depth"] == truth[item["id"]]["depth"]


def test_show_lists_a_hub_s_first_relations_and_counts_the_rest(store: Store) -> None:
    h = _hubs(store)
    data = scoped.show(store, h["hub"])
    assert len(data["relations"]) == scoped.SHOW_FANOUT
    assert data["truncated"]["more"] == SUBSIDIARIES + 1 - scoped.SHOW_FANOUT
    small = scoped.show(store, h["alice"])
    assert "truncated" not in small and len(small["relations"]) == 1


def test_paths_through_hubs_are_the_shortest(store: Store) -> None:
    h = _hubs(store)
    whole = Graph.load(store)
    for left, right, hops_expected in (
        (h["alice"], h["bruno"], 4),  # alice - firm 3 - hub - firm 140 - bruno
        (h["firms"][3], h["others"][5], 3),  # firm - hub - second hub - other
        (h["alice"], h["others"][7], 4),
        (h["firms"][10], h["firms"][200], 2),
    ):
        found = scoped.paths(store, left, right, limit=5)
        assert found == queries.paths(whole, left, right, 5)
        assert {len(p) for p in found["paths"]} == {hops_expected}
    assert scoped.paths(store, h["alice"], h["others"][7], max_hops=3)["paths"] == []


def test_a_search_over_budget_says_so_instead_of_no_path(store: Store) -> None:
    h = _hubs(store)
    data = scoped.paths(store, h["firms"][3], h["others"][5], budget=50)
    assert data["paths"] == []
    assert "stopped" in data["truncated"]["reason"]


def test_paths_on_a_random_graph_with_hubs_match_the_whole_projection(store: Store) -> None:
    rng = random.Random(5)
    w = RegisterWriter(store, "hubs", TEXT, summary="Hub Holdings owns every firm in the register.")
    nodes = [w.node(f"ent-n{i:03d}", "Company", f"Node {i}") for i in range(90)]
    for i in range(140):
        a = rng.choice(nodes[:3]) if rng.random() < 0.4 else rng.choice(nodes)  # three hubs
        b = rng.choice(nodes)
        if a != b:
            w.tie(f"rel-r{i:03d}", "Ownership", owner=a, asset=b)
    w.save()
    whole = Graph.load(store)
    for _ in range(40):
        a, b = rng.sample(nodes, 2)
        expected = queries.paths(whole, a, b, 50)
        found = scoped.paths(store, a, b, limit=50)
        key = lambda d: sorted(tuple(e["id"] for hop in p for e in hop) for p in d["paths"])  # noqa: E731
        want = [p for p in expected["paths"] if len(p) <= 4]
        assert key(found) == key({"paths": want}), (a, b)


def test_the_cli_says_what_it_did_not_follow(settings: Settings) -> None:
    from tracegraph.store import open_store

    with open_store(settings) as store:
        h = _hubs(store)
    result = CliRunner().invoke(cli, ["--db", settings.db, "neighbors", h["hub"]], catch_exceptions=False)
    assert result.exit_code == 0
    assert f"not followed: {SUBSIDIARIES + 1 - hops.FANOUT} more relations" in result.output
    result = CliRunner().invoke(cli, ["--db", settings.db, "--json", "show", h["hub"]], catch_exceptions=False)
    assert json.loads(result.output)["truncated"]["more"] == SUBSIDIARIES + 1 - scoped.SHOW_FANOUT


def test_a_hop_between_entities_tied_many_times_shows_a_few_ties_and_counts_the_rest(store: Store) -> None:
    w = RegisterWriter(store, "hubs", TEXT, summary="Hub Holdings owns every firm in the register.")
    left = w.node("ent-left", "Company", "Left Trading")
    right = w.node("ent-right", "Company", "Right Trading")
    end = w.node("ent-end", "Person", "Carla Dunmore")
    for i in range(hops.PER_HOP + 5):
        w.tie(f"rel-par-{i:02d}", "Ownership", owner=left, asset=right)
    w.tie("rel-end", "Directorship", director=end, organization=right)
    w.save()
    data = scoped.paths(store, left, end)
    assert [len(hop) for hop in data["paths"][0]] == [hops.PER_HOP, 1]
    assert data["truncated"]["more"] == 5
