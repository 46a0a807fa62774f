"""Three agencies × collections with different grants × every endpoint: count what leaks. Goal: 0.

A leak is any string of a collection the caller may not read (an entity id, a
name, a phone number, a sentence, a document id or title, a collection name)
in any response, including search results and facets, paths, neighbours,
timeline, exports, screening hits, counts and error messages.
"""

from __future__ import annotations

import itertools
import json
from collections import Counter
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import auth
from tests.api.world import World, forbidden
from tracegraph.store import Store

USERS = ("ana", "ben", "cai")


def _requests(world: World, store: Store) -> list[tuple[str, str, dict[str, Any] | None]]:
    ids = sorted({r[0] for r in store.query("SELECT DISTINCT entity_id FROM statements")})
    names = sorted({r[0] for r in store.query("SELECT DISTINCT value FROM statements WHERE prop = 'name'")})
    docs = [world.doc_open, world.doc_customs, world.doc_police]
    people = [world.kestrel, world.ferndale, world.quaymont, world.drosk, world.pellworth, world.kestrel_police]
    calls: list[tuple[str, str, dict[str, Any] | None]] = [
        ("GET", "/api/search?q=&limit=200", None),
        ("GET", "/api/documents?limit=500", None),
        ("GET", "/api/timeline", None),
        ("GET", "/api/listings", None),
        ("GET", "/api/collections", None),
        ("GET", "/api/session", None),
        ("GET", "/api/export?format=ftm", None),
        ("GET", "/api/export?format=graphml", None),
        ("GET", "/search/default?q=Kestrelmoor", None),
        ("GET", "/search/default?q=", None),
        ("GET", "/api/admin/audit", None),
        ("GET", "/api/admin/users", None),
    ]
    for name in names:  # every name of every collection, asked by everyone
        calls.append(("GET", f"/api/search?q={name}", None))
        calls.append(("GET", f"/api/timeline?q={name}", None))
        calls.append(("POST", "/api/screen", {"queries": [{"name": name}]}))
        calls.append(
            ("POST", "/match/default", {"queries": {"q": {"schema": "LegalEntity", "properties": {"name": [name]}}}})
        )
    calls.append(("POST", "/match/us_ofac_sdn", {"queries": {"q": {"properties": {"name": ["Orlan Quillfeather"]}}}}))
    calls.append(("GET", "/search/us_ofac_sdn?q=Quillfeather", None))
    for entity_id in ids:
        calls.append(("GET", f"/api/entities/{entity_id}", None))
        calls.append(("GET", f"/api/entities/{entity_id}/neighbors?depth=3", None))
        calls.append(("GET", f"/api/timeline?entity={entity_id}", None))
        calls.append(("GET", f"/api/export?format=ftm&ids={entity_id}&depth=2", None))
        calls.append(("POST", "/api/judgements", {"kind": "split", "ids": [entity_id], "reason": "probe"}))
    for a, b in itertools.permutations(people, 2):
        calls.append(("GET", f"/api/paths?source={a}&target={b}&max_hops=6", None))
    for doc_id in docs:
        calls.append(("GET", f"/api/documents/{doc_id}", None))
        calls.append(("GET", f"/api/documents/{doc_id}/raw", None))
    return calls


@pytest.mark.slow
def test_no_leaks_across_agencies(app_client: TestClient, world: World, store: Store) -> None:
    calls = _requests(world, store)
    leaks: Counter[str] = Counter()
    examples: list[str] = []
    statuses: Counter[int] = Counter()
    for user in USERS:
        secret = forbidden(store, world.readable[user])
        assert secret, user
        for method, url, body in calls:
            resp = app_client.request(method, url, json=body, headers=auth(world, user))
            statuses[resp.status_code] += 1
            assert resp.status_code < 500, (url, resp.text)
            text = resp.text + " ".join(f"{k}: {v}" for k, v in resp.headers.items())
            sent = url + json.dumps(body, ensure_ascii=False)
            for needle in secret:
                if needle in text and needle not in sent:  # the caller's own query echoed back is no leak
                    leaks[user] += 1
                    examples.append(f"{user} {method} {url}: {needle!r}")
    assert sum(leaks.values()) == 0, examples[:20]
    assert statuses[200] > 100  # the matrix did read things, not only get refusals


@pytest.mark.parametrize("user", USERS)
def test_hidden_and_missing_answer_alike(app_client: TestClient, world: World, user: str) -> None:
    hidden = {"ana": world.drosk, "ben": world.drosk, "cai": world.quaymont}[user]
    missing = "ent-does-not-exist"
    for path in ("/api/entities/{}", "/api/entities/{}/neighbors", "/api/timeline?entity={}"):
        a = app_client.get(path.format(hidden), headers=auth(world, user))
        b = app_client.get(path.format(missing), headers=auth(world, user))
        assert a.status_code == b.status_code == 404
        assert a.json() == b.json() == {"type": "not_found", "message": "no such entity"}
    doc = {"ana": world.doc_police, "ben": world.doc_police, "cai": world.doc_customs}[user]
    a = app_client.get(f"/api/documents/{doc}", headers=auth(world, user))
    b = app_client.get("/api/documents/doc-nothing", headers=auth(world, user))
    assert a.status_code == b.status_code == 404 and a.json() == b.json()


def test_counts_follow_grants(app_client: TestClient, world: World) -> None:
    totals = {}
    for user in (*USERS, "root"):
        data = app_client.get("/api/search?q=&limit=200", headers=auth(world, user)).json()
        assert data["total"] == len(data["results"])
        totals[user] = {r["id"] for r in data["results"]}
        assert sum(data["facets"]["schema"].values()) == data["total"]
    assert world.drosk not in totals["ana"] | totals["ben"] and world.drosk in totals["cai"]
    assert world.quaymont in totals["ana"] and world.quaymont not in totals["cai"]
    assert len(totals["ben"]) < len(totals["root"]) and len(totals["cai"]) < len(totals["root"])
    secret = app_client.get("/api/search?q=Ilvana Drosk", headers=auth(world, "ana")).json()
    assert secret["total"] == 0 and secret["results"] == []


def test_paths_never_run_through_hidden_entities(app_client: TestClient, world: World) -> None:
    url = f"/api/paths?source={world.ferndale}&target={world.pellworth}&max_hops=6"
    assert app_client.get(url, headers=auth(world, "ana")).status_code == 404  # pellworth is hidden from ana
    found = app_client.get(url, headers=auth(world, "cai")).json()["paths"]
    assert found and any(n["id"] == world.drosk or n["caption"] == "Ilvana Drosk" for n in found[0]["nodes"])
    url = f"/api/paths?source={world.ferndale}&target={world.quaymont}&max_hops=6"
    via = app_client.get(url, headers=auth(world, "ana")).json()["paths"]
    assert via and all(n["caption"] != "Ilvana Drosk" for p in via for n in p["nodes"])


def test_merge_canonical_id_is_a_visible_one(app_client: TestClient, world: World) -> None:
    ana = app_client.get(f"/api/entities/{world.kestrel_police}", headers=auth(world, "ana"))
    assert ana.status_code == 404
    cai = app_client.get(f"/api/entities/{world.kestrel}", headers=auth(world, "cai")).json()
    assert cai["id"] == world.kestrel_police and world.kestrel in cai["members"]
    ana_page = app_client.get(f"/api/entities/{world.kestrel}", headers=auth(world, "ana")).json()
    assert ana_page["members"] == [world.kestrel]


def test_screening_only_against_readable_lists(app_client: TestClient, world: World) -> None:
    body = {"queries": [{"name": "Orlan Quillfeather", "schema": "Person"}]}
    ana = app_client.post("/api/screen", json=body, headers=auth(world, "ana")).json()
    assert ana["results"][0]["matches"][0]["match"]
    ben = app_client.post("/api/screen", json=body, headers=auth(world, "ben")).json()
    assert ben["results"][0]["matches"] == []
    yente = {"queries": {"q": {"schema": "Person", "properties": {"name": ["Orlan Quillfeather"]}}}}
    hidden = app_client.post("/match/us_ofac_sdn", json=yente, headers=auth(world, "ben"))
    missing = app_client.post("/match/no_such_list", json=yente, headers=auth(world, "ben"))
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()


def test_export_carries_markings(app_client: TestClient, world: World) -> None:
    ana = app_client.get(f"/api/export?format=ftm&ids={world.kestrel}&depth=1", headers=auth(world, "ana"))
    assert ana.headers["X-Tracegraph-Marking"] == "TLP:AMBER"
    lines = [line for line in ana.text.splitlines() if line]
    first = json.loads(lines[0])
    assert first["provenance"]["exported_by"] == "alpha"
    assert set(first["provenance"]["markings"].values()) <= {"TLP:CLEAR", "TLP:AMBER"}
    cai = app_client.get(f"/api/export?format=ftm&ids={world.drosk}", headers=auth(world, "cai"))
    assert cai.headers["X-Tracegraph-Marking"] == "TLP:RED"


def test_writes_need_a_write_grant(app_client: TestClient, world: World) -> None:
    body = {"kind": "distinct", "ids": [world.kestrel, world.quaymont], "reason": "different firms"}
    ben = app_client.post("/api/judgements", json=body, headers=auth(world, "ben"))
    assert ben.status_code == 403 and ben.json()["type"] == "forbidden"
    ana = app_client.post("/api/judgements", json=body, headers=auth(world, "ana"))
    assert ana.status_code == 200, ana.text
    job = app_client.post("/api/jobs", json={"kind": "build", "collection": "policeintel"}, headers=auth(world, "ana"))
    assert job.status_code == 403
