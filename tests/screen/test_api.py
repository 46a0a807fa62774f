from __future__ import annotations

from fastapi.testclient import TestClient

from tracegraph.screen.api import create_app
from tracegraph.screen.matcher import Matcher
from tracegraph.settings import Settings


def _client(settings: Settings, matcher: Matcher) -> TestClient:
    return TestClient(create_app(settings, matcher))


def test_match_follows_yente_shape(settings: Settings, matcher: Matcher) -> None:
    body = {
        "queries": {
            "q1": {"schema": "Person", "properties": {"name": ["Orlan Quillfeather"], "birthDate": ["1971-03-14"]}},
            "q2": {"schema": "Company", "properties": {"name": "Meadowlark Bakery"}},
        }
    }
    resp = _client(settings, matcher).post("/match/default", json=body)
    assert resp.status_code == 200
    data = resp.json()
    q1 = data["responses"]["q1"]
    assert q1["status"] == 200
    top = q1["results"][0]
    assert {"id", "caption", "schema", "properties", "datasets", "score", "match", "features"} <= set(top)
    assert top["match"] is True and top["schema"] == "Person"
    assert top["datasets"] == ["us_ofac_sdn"]
    assert "name" in top["features"] and "birth_date" in top["explanations"]
    assert q1["total"]["value"] == len(q1["results"])
    assert q1["query"]["schema"] == "Person"
    assert not any(r["match"] for r in data["responses"]["q2"]["results"])
    assert "name" in data["matcher"]


def test_bad_query_gets_its_own_error_and_others_go_on(settings: Settings, matcher: Matcher) -> None:
    body = {
        "queries": {
            "bad": {"schema": "Person", "properties": {"name": ["\u200f"]}},
            "good": {"schema": "Company", "properties": {"name": ["Blueheron Fine Chemical"]}},
        }
    }
    data = _client(settings, matcher).post("/match/default", json=body).json()
    assert data["responses"]["bad"]["status"] == 400
    assert "no usable name" in data["responses"]["bad"]["error"]
    assert data["responses"]["good"]["results"][0]["match"]


def test_dataset_filter_and_threshold(settings: Settings, matcher: Matcher) -> None:
    body = {"queries": {"q": {"schema": "Person", "properties": {"name": ["Orlan Quillfeather"]}}}}
    client = _client(settings, matcher)
    assert client.post("/match/un_sc_sanctions", json=body).json()["responses"]["q"]["results"] == []
    strict = client.post("/match/default?threshold=0.99", json=body).json()
    assert not strict["responses"]["q"]["results"][0]["match"]
    cut = client.post("/match/default?cutoff=0.99", json=body).json()["responses"]["q"]["results"]
    assert all(r["score"] >= 0.99 for r in cut)
    assert client.post("/match/default", json={"queries": {}}).status_code == 400
    assert client.post("/match/default", json={"nope": 1}).status_code == 422
