from __future__ import annotations

import pytest

from tests.graph.network import STORY_2 as STORY
from tests.graph.network import Network
from tracegraph.errors import NotFoundError
from tracegraph.graph import Graph, lookup, neighbors, paths, search, show, timeline
from tracegraph.store import Statement, Store


def test_every_edge_has_evidence(graph: Graph) -> None:
    assert graph.edges
    for edge in graph.edges:
        assert edge.evidence
        assert all(ev.document_id or ev.record_id for ev in edge.evidence)


def test_edge_without_evidence_is_left_out(store: Store, network: Network) -> None:
    store.add_statements(
        [
            Statement("rel-bare", "Ownership", "owner", network.prison),
            Statement("rel-bare", "Ownership", "asset", network.reed_ltd),
        ]
    )
    graph = Graph.load(store)
    assert not any(e.relation_id == "rel-bare" for e in graph.edges)


def test_show_lists_relations_both_ways_with_evidence(graph: Graph, network: Network) -> None:
    data = show(graph, network.lanfeng2)
    assert data["caption"].startswith("Qinghe Lanfeng Chemical")
    assert "Qinghe Dyestuff Works" in data["names"]
    seen = {(r["direction"], r["label"], r["other"]["caption"]) for r in data["relations"]}
    assert ("in", "owns", "Qinghe Provincial Prison") in seen
    assert ("in", "sanctions", "United States government") in seen
    assert ("in", "directs", "Fujing Zheng") in seen
    owns = next(r for r in data["relations"] if r["label"] == "owns")
    evidence = owns["evidence"][0]
    assert evidence["sentence"].startswith("The Qinghe Provincial Prison wholly owns")
    assert evidence["title"] == "Prison-run plant sold dye precursors"
    assert evidence["published"] == "2025-03-04"
    assert evidence["outlet"] == "The Coastal Ledger"
    assert evidence["url"] == "https://news.example/doc-story1"


def test_show_accepts_any_member_id_a_prefix_or_a_name(graph: Graph, network: Network) -> None:
    canonical = min(network.zheng, network.zheng2)
    assert lookup(graph, network.zheng) == canonical
    assert lookup(graph, network.zheng2) == canonical
    assert lookup(graph, canonical[:12]) == canonical
    assert lookup(graph, "Zheng Fujing") == canonical
    assert lookup(graph, "fujing zheng") == canonical
    with pytest.raises(NotFoundError):
        lookup(graph, "Nobody Anywhere Quux")


def test_seller_shows_what_it_offers(graph: Graph, network: Network) -> None:
    data = show(graph, "Blue Crane Trading")
    offers = [r for r in data["relations"] if r["label"] == "offers"]
    assert offers and offers[0]["other"]["caption"] == "4-piperidone"
    assert offers[0]["direction"] == "out"


def test_search_ranks_names_and_aliases(graph: Graph, network: Network) -> None:
    hits = search(graph, "Qinghe Dyestuff")
    assert hits[0]["id"] == lookup(graph, network.lanfeng)
    assert hits[0]["matched"] == "Qinghe Dyestuff Works"
    hits = search(graph, "blue crane")
    assert hits[0]["caption"].lower().startswith("blue crane")
    assert search(graph, "zzzz qqqq") == []


def test_neighbors_by_depth(graph: Graph, network: Network) -> None:
    one = neighbors(graph, network.prison)
    assert [n["caption"] for n in one["neighbors"]] == ["Qinghe Lanfeng Chemical Co., Ltd."]
    two = neighbors(graph, network.prison, depth=2)
    captions = {n["caption"]: n["depth"] for n in two["neighbors"]}
    assert captions["Fujing Zheng"] == 2
    assert captions["United States government"] == 2
    assert "Harbour Nominees Ltd" not in captions


def test_path_goes_through_ownership_and_a_shared_phone(graph: Graph, network: Network) -> None:
    data = paths(graph, "Harbour Nominees Ltd", network.prison)
    assert len(data["paths"]) == 1
    hops = data["paths"][0]
    labels = [hop[0]["label"] for hop in hops]
    assert labels == ["owns", "shares phone", "owns"]
    assert hops[0][0]["evidence"][0]["record_id"] == f"demo_list:{network.record_ownership}"
    assert "wholly owns" in hops[2][0]["evidence"][0]["sentence"]


def test_no_path_between_unconnected(graph: Graph, network: Network) -> None:
    assert paths(graph, network.reed, network.prison)["paths"] == []


def test_timeline_sorted_with_evidence(graph: Graph, network: Network) -> None:
    events = timeline(graph)["events"]
    dates = [e["date"] for e in events]
    assert dates == sorted(dates)
    assert "2025-06-20" in dates and "2021-02-01" in dates
    charge = next(e for e in events if e["label"] == "charge")
    assert charge["targets"][0]["caption"] == "Fujing Zheng"
    assert charge["evidence"][0]["sentence"].startswith("On June 20")
    mine = timeline(graph, "Zheng Fujing")["events"]
    assert [e["label"] for e in mine] == ["charge"]


def test_unresolved_graph_keeps_members_apart(store: Store) -> None:
    from tests.graph.network import build

    network = build(store)
    graph = Graph.load(store)
    assert lookup(graph, network.zheng) != lookup(graph, network.zheng2)


def test_python_api_for_other_parts(graph: Graph, network: Network) -> None:
    companies = {e.caption for e in graph.nodes("Company")}
    assert "Harbour Nominees Ltd" in companies and "Fujing Zheng" not in companies
    assert {e.schema for e in graph.nodes("LegalEntity")} >= {"Company", "Person", "PublicBody"}
    offers = graph.edges_of_schema("Listing")
    assert [(graph.entities[e.source].caption, e.label) for e in offers] == [("BLUE CRANE TRADING LIMITED", "offers")]
    assert offers[0].evidence[0].document_id == network.doc1
    around = graph.around(network.prison, depth=1)
    assert set(around.index) == {network.prison, graph.resolve_id(network.lanfeng)}


def test_timeline_keeps_events_naming_no_known_entity(store: Store, network: Network) -> None:
    sentence = "Qinghe Lanfeng Chemical, formerly Qinghe Dyestuff Works, changed its name in 2018."
    start = STORY.index(sentence)
    facts = [
        Statement(
            "act-lone",
            "Action",
            prop,
            value,
            document_id=network.doc2,
            span_start=start,
            span_end=start + len(sentence),
        )
        for prop, value in (("kind", "rename"), ("date", "2018"), ("summary", sentence))
    ]
    store.add_statements(facts)
    events = timeline(Graph.load(store))["events"]
    lone = next(e for e in events if e["id"] == "act-lone")
    assert lone["date"] == "2018" and lone["label"] == "rename"
    assert lone["evidence"][0]["sentence"] == sentence
