"""The REST contract the web UI is built against (COORD.md), on the fictional network of tests/graph."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import TEST_LIMITS
from tests.graph.network import Network
from tracegraph.api import accounts
from tracegraph.api.app import create_app
from tracegraph.settings import Settings
from tracegraph.store import Store


@pytest.fixture
def client(settings: Settings, store: Store, network: Network) -> Iterator[tuple[TestClient, dict[str, str]]]:
    token = accounts.bootstrap(store)
    assert token
    with TestClient(create_app(settings, TEST_LIMITS, mount_web=False)) as found:
        yield found, {"Authorization": f"Bearer {token}"}


def test_search_entity_neighbors_paths_timeline(client: tuple[TestClient, dict[str, str]], network: Network) -> None:
    http, headers = client
    found = http.get("/api/search?q=Qinghe Lanfeng&limit=5", headers=headers).json()
    assert set(found) >= {"total", "results", "facets"}
    assert set(found["facets"]) == {"schema", "country", "dataset", "listed", "year"}
    top = found["results"][0]
    assert set(top) >= {"id", "schema", "caption", "countries", "datasets", "snippet", "score"}
    page = http.get(f"/api/entities/{top['id']}", headers=headers).json()
    assert set(page) >= {"id", "schema", "caption", "names", "properties", "datasets", "flags", "relations"}
    rel = page["relations"][0]
    assert set(rel) >= {"id", "schema", "label", "direction", "other", "date", "evidence"}
    ev = next(r["evidence"][0] for r in page["relations"] if r["evidence"])
    assert set(ev) >= {"document_id", "start", "end", "sentence", "title"}
    assert "sanctioned" in page["flags"]
    net = http.get(f"/api/entities/{top['id']}/neighbors?depth=2", headers=headers).json()
    assert set(net) == {"nodes", "edges"}
    assert {"id", "schema", "caption", "kind", "listed", "flagged"} <= set(net["nodes"][0])
    assert any(n["kind"] == "identifier" for n in net["nodes"])  # the shared phone is a node
    assert {"id", "source", "target", "label", "schema", "date", "evidence"} <= set(net["edges"][0])
    only = http.get(f"/api/entities/{top['id']}/neighbors?types=Ownership", headers=headers).json()
    assert only["edges"] and all(e["schema"] == "Ownership" for e in only["edges"])
    path = http.get(f"/api/paths?source={network.prison}&target={network.crane}", headers=headers).json()
    assert path["paths"] and set(path["paths"][0]) == {"nodes", "edges"}
    line = http.get(f"/api/timeline?entity={network.lanfeng2}", headers=headers).json()
    assert line["items"] and set(line["items"][0]) >= {"id", "date", "label", "schema", "entities", "evidence"}
    assert http.get("/api/timeline?q=sanction", headers=headers).json()["items"]


def test_documents_with_mentions_and_raw(client: tuple[TestClient, dict[str, str]], network: Network) -> None:
    http, headers = client
    listing = http.get("/api/documents", headers=headers).json()
    assert listing["total"] == 2
    doc = http.get(f"/api/documents/{network.doc1}", headers=headers).json()
    assert set(doc) >= {"id", "title", "text", "kind", "date", "source", "mentions"}
    mention = doc["mentions"][0]
    assert doc["text"][mention["start"] : mention["end"]]
    raw = http.get(f"/api/documents/{network.doc1}/raw", headers=headers)
    assert raw.status_code in (200, 404)


def test_judgements_merge_split_distinct(client: tuple[TestClient, dict[str, str]], network: Network) -> None:
    http, headers = client
    merge = {"kind": "merge", "ids": [network.reed, network.reed_ltd], "reason": "test"}
    refused = http.post("/api/judgements", json=merge, headers=headers)
    assert refused.status_code == 400 and "incompatible" in refused.json()["message"]
    distinct = {"kind": "distinct", "ids": [network.reed, network.reed_ltd], "reason": "a person and a firm"}
    assert http.post("/api/judgements", json=distinct, headers=headers).status_code == 200
    page = http.get(f"/api/entities/{network.zheng}", headers=headers).json()
    assert len(page["members"]) == 2
    split = http.post(
        "/api/judgements", json={"kind": "split", "ids": [network.zheng], "reason": "two men"}, headers=headers
    )
    assert split.status_code == 200 and sorted(split.json()["ids"]) == sorted(page["members"])
    assert http.get(f"/api/entities/{network.zheng}", headers=headers).json()["members"] == [network.zheng]
    again = {"kind": "merge", "ids": [network.zheng, network.zheng2], "reason": "same man after all"}
    assert http.post("/api/judgements", json=again, headers=headers).json()["merges"]


def test_substances_depiction_listings_export(client: tuple[TestClient, dict[str, str]]) -> None:
    http, headers = client
    sub = http.get("/api/substances?q=fentanyl", headers=headers)
    assert sub.status_code == 200, sub.text
    data = sub.json()
    assert data["smiles"] and data["controls"]
    svg = http.get("/api/substances/depict.svg", params={"smiles": data["smiles"]}, headers=headers)
    assert svg.status_code == 200 and svg.headers["content-type"].startswith("image/svg+xml")
    assert svg.text.lstrip().startswith("<?xml") and "<script" not in svg.text
    bad = http.get("/api/substances/depict.svg?smiles=C(((", headers=headers)
    assert bad.status_code == 400 and bad.json()["type"] == "bad_input"
    rows = http.get("/api/listings", headers=headers).json()
    assert rows["total"] >= 1 and rows["results"][0]["seller"]
    graphml = http.get("/api/export?format=graphml", headers=headers)
    assert graphml.status_code == 200 and "<graphml" in graphml.text
