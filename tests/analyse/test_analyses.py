"""Each analysis on the example corpus's records and on the resolved fixture network."""

from __future__ import annotations

import rustworkx as rx

from tests.graph.network import Network
from tracegraph.analyse import chains, clusters, communities, confirm_successor, conflicts, hubs, successors
from tracegraph.analyse.centrality import label_propagation, sampled_betweenness
from tracegraph.analyse.identifiers import generic_reason, keys, weight
from tracegraph.graph import Graph
from tracegraph.store import Store


def _names(items: list[dict[str, object]]) -> set[str]:
    return {str(item["caption"]) for item in items}


def test_clusters_tie_sellers_by_shared_contacts_and_ignore_generic_values(record_graph: Graph) -> None:
    found = clusters(record_graph)
    groups = [_names(c["members"]) for c in found["clusters"]]
    sellers = {
        "Hengtai Pharma Tech Co., Ltd.",
        "Junda Chem Trading Co., Ltd.",
        "Orchid Lab Supplies Ltd.",
        "Kaiyuan Research Chemicals Co., Ltd.",
    }
    assert sellers in groups
    assert {"Redmoor Fine Chemical Co., Ltd.", "Tallwater Biotech Co., Ltd."} in groups
    # a free-mail domain, a registered agent's address and a placeholder phone tie nobody...
    for pair in (
        {"Sunrise Lab Reagents Co., Ltd.", "Vega Fine Chemicals Ltd."},
        {"Northgate Trading LLC", "Pelham Export LLC"},
    ):
        assert not any(pair <= group for group in groups)
    # ...and each is shown with its reason
    notes = {t["value"]: t["note"] for t in found["suppressed"]}
    assert notes["gmail.com"] == "free e-mail provider"
    assert "registered-agent" in notes["1209 orange street wilmington de 19801"]
    assert notes["+8613800000000"] == "placeholder phone number"
    tie = next(t for c in found["clusters"] for t in c["ties"] if t["value"] == "+8615555031101")
    assert tie["evidence"] and tie["evidence"][0]["record_id"].startswith("seller_sites_whois:")


def test_identifier_keys_and_weights() -> None:
    assert list(keys("email", "Sales@Hengtai-Pharma.example")) == [
        ("email", "sales@hengtai-pharma.example"),
        ("domain", "hengtai-pharma.example"),
    ]
    assert list(keys("website", "https://shop.bluepeak-trade.com/en")) == [("domain", "bluepeak-trade.com")]
    assert list(keys("wallet", "btc:BC1QABC")) == [("wallet", "bc1qabc")]
    assert generic_reason(("domain", "alibaba.com")) == "marketplace or hosting platform"
    assert weight(("phone", "+8615555031101"), 2) == (1.0, None)
    assert weight(("phone", "+8615555031101"), 40)[0] == 0.0  # a switchboard shared by 40 firms
    assert 0 < weight(("phone", "+8615555031101"), 8)[0] < 1.0


def test_successor_found_with_reasons_and_confirmed_as_succession(records: Store, record_graph: Graph) -> None:
    found = successors(record_graph)["successors"]
    assert found, "the renamed successor is not found"
    best = found[0]
    assert best["predecessor"]["caption"] == "Redmoor Fine Chemical Co., Ltd."
    assert best["successor"]["caption"] == "Tallwater Biotech Co., Ltd."
    reasons = " | ".join(r["reason"] for r in best["reasons"])
    assert "Liang Wenbo" in reasons and "phone" in reasons and "2022-03-18" in reasons
    assert best["evidence"]
    # sellers sharing contacts at the same time are not successors of each other
    assert all("Hengtai" not in s["predecessor"]["caption"] + s["successor"]["caption"] for s in found)
    done = confirm_successor(records, record_graph, best["predecessor"]["id"], best["successor"]["id"], "same director")
    assert any(j["kind"] == "succession" for j in records.judgements())
    after = Graph.load(records)
    edges = after.edges_of_schema("Succession")
    assert [(e.source, e.target) for e in edges] == [(best["predecessor"]["id"], best["successor"]["id"])]
    assert edges[0].evidence[0].record_id == done["judgement"]
    assert successors(after)["successors"][0]["recorded"] is True


def test_chain_reaches_the_state_body_with_disputed_stake(record_graph: Graph) -> None:
    found = chains(record_graph, "Tallwater Biotech")["chains"]
    top = found[0]
    assert top["ends_at"] == "state body"
    assert top["top"]["caption"] == "Qingshan Provincial State-owned Assets Supervision Commission"
    assert [h["percentage"] for h in top["hops"]] == [None, 60.0, 100.0]
    assert top["hops"][0]["disputed"] == [45.0, 70.0]
    assert top["aggregate_percentage"] is None  # the sources disagree on the first hop
    assert all(h["evidence"] for h in top["hops"])
    upper = chains(record_graph, "Greyfield Holdings")["chains"][0]
    assert upper["aggregate_percentage"] == 60.0


def test_conflicts_side_by_side(record_graph: Graph) -> None:
    found = conflicts(record_graph)["conflicts"]
    by_prop = {c["property"]: c for c in found}
    stake = by_prop["percentage"]
    assert [c["value"] for c in stake["claims"]] == ["45", "70"]
    datasets = {c["value"]: c["sources"][0]["dataset"] for c in stake["claims"]}
    assert datasets == {"45": "press_registry", "70": "company_filings"}
    assert [c["value"] for c in by_prop["incorporationDate"]["claims"]] == ["2022-08-15", "2022-09-20"]
    assert len(found) == 2


def test_hubs_per_schema_with_reasons(graph: Graph, network: Network) -> None:
    found = hubs(graph, limit=3)
    assert not found["sampled"]
    company = found["schemata"]["Company"][0]
    assert company["id"] == graph.resolve_id(network.lanfeng)
    assert "<- owns" in company["why"] and "<- directs" in company["why"]
    assert company["examples"][0]["evidence"]
    by_degree = hubs(graph, limit=1, schema="Person", by="degree")["schemata"]
    assert list(by_degree) == ["Person"]


def test_sampled_betweenness_approaches_the_exact_one() -> None:
    graph = rx.generators.barbell_graph(20, 5)
    exact = rx.graph_betweenness_centrality(graph, normalized=True)
    estimate = sampled_betweenness(graph, samples=graph.num_nodes())
    for node, value in exact.items():
        assert abs(estimate.get(node, 0.0) - value) < 1e-9


def test_communities_group_the_relation_graph(graph: Graph, network: Network) -> None:
    found = communities(graph, min_size=2)["communities"]
    assert any(graph.resolve_id(network.lanfeng) in {m["id"] for m in c["members"]} for c in found)


def test_label_propagation_separates_two_cliques_joined_by_one_edge() -> None:
    graph = rx.PyGraph()
    graph.add_nodes_from(range(10))
    for group in (range(5), range(5, 10)):
        graph.add_edges_from([(a, b, None) for a in group for b in group if a < b])
    graph.add_edge(4, 5, None)
    labels = label_propagation(graph, rounds=20)
    assert len({labels[i] for i in range(5)}) == 1 and len({labels[i] for i in range(5, 10)}) == 1
    assert labels[0] != labels[9]
