"""Search facets by screening list and by year, and the ``listed=`` and ``year=`` filters."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.api.conftest import auth
from tests.api.world import World


def _search(client: TestClient, world: World, user: str, query: str) -> dict[str, Any]:
    resp = client.get(f"/api/search?limit=200&{query}", headers=auth(world, user))
    assert resp.status_code == 200, resp.text
    data: dict[str, Any] = resp.json()
    return data


def test_listed_facet_counts_list_entries_the_caller_may_read(app_client: TestClient, world: World) -> None:
    ana = _search(app_client, world, "ana", "q=")
    assert ana["facets"]["listed"].get("us_ofac_sdn", 0) >= 3  # the fixture list's entries
    on_list = [r for r in ana["results"] if r["listed"]]
    assert len(on_list) == ana["facets"]["listed"]["us_ofac_sdn"]
    assert all(r["lists"] == ["us_ofac_sdn"] for r in on_list)
    assert any("Quillfeather" in r["caption"].title() for r in on_list)
    ben = _search(app_client, world, "ben", "q=")  # bravo reads no list
    assert ben["facets"]["listed"] == {} and not any(r["listed"] for r in ben["results"])


def test_listed_filter_keeps_only_list_entries(app_client: TestClient, world: World) -> None:
    everything = _search(app_client, world, "ana", "q=")
    listed = _search(app_client, world, "ana", "q=&listed=us_ofac_sdn")
    assert listed["total"] >= 4 and all(r["lists"] == ["us_ofac_sdn"] for r in listed["results"])
    case = {r["id"] for r in everything["results"] if not r["listed"]}
    assert world.kestrel in case and not case & {r["id"] for r in listed["results"]}
    assert _search(app_client, world, "ana", "q=&listed=*")["total"] == listed["total"]
    assert _search(app_client, world, "ana", "q=&listed=no_such_list")["total"] == 0
    assert _search(app_client, world, "ben", "q=&listed=us_ofac_sdn")["total"] == 0  # not readable: nothing


def test_year_facet_and_filter_follow_dated_statements(app_client: TestClient, world: World) -> None:
    cai = _search(app_client, world, "cai", "q=")
    assert cai["facets"]["year"].get("2023") == 2  # Drosk directs Kestrelmoor from 2023-11-01
    in_2023 = _search(app_client, world, "cai", "q=&year=2023")
    assert {r["id"] for r in in_2023["results"]} == {world.drosk, world.kestrel_police}
    assert all("2023" in r["years"] for r in in_2023["results"])
    assert sum(in_2023["facets"]["schema"].values()) == in_2023["total"] == 2
    ana = _search(app_client, world, "ana", "q=&year=2023")  # the dated directorship is police material
    assert ana["total"] == 0 and "2023" not in _search(app_client, world, "ana", "q=")["facets"]["year"]
    born = _search(app_client, world, "ana", "q=Quillfeather&year=1971")
    assert born["total"] == 1 and born["results"][0]["lists"] == ["us_ofac_sdn"]


def test_year_must_be_four_digits(app_client: TestClient, world: World) -> None:
    resp = app_client.get("/api/search?q=&year=20x3", headers=auth(world, "ana"))
    assert resp.status_code == 422 and resp.json()["type"] == "invalid_request"


def test_questions_read_the_store_without_projecting_the_whole_graph(app_client: TestClient, world: World) -> None:
    server = app_client.app.state.tracegraph  # type: ignore[attr-defined]
    for user in ("ana", "cai", "root"):
        headers = auth(world, user)
        for url in (
            "/api/search?q=Kestrelmoor",
            "/api/search?q=",
            f"/api/entities/{world.kestrel}",
            f"/api/entities/{world.kestrel}/neighbors?depth=2",
            f"/api/paths?source={world.ferndale}&target={world.quaymont}",
            f"/api/timeline?entity={world.kestrel}",
            "/api/timeline",
            f"/api/export?ids={world.kestrel}",
            "/api/documents",
            f"/api/documents/{world.doc_open}",
        ):
            assert app_client.get(url, headers=headers).status_code in (200, 404), url
    assert not server.cache._graphs  # only a full export builds the whole projection
    assert app_client.get("/api/export", headers=auth(world, "ana")).status_code == 200
    assert len(server.cache._graphs) == 1


def test_a_search_by_name_reads_no_document(app_client: TestClient, world: World) -> None:
    """Results list names, captions, countries and collections: a search projects its candidates without
    edges, so it reads no evidence (the documents are read by the entity page that shows them)."""
    server = app_client.app.state.tracegraph  # type: ignore[attr-defined]
    server.cache.documents.clear()
    found = _search(app_client, world, "ana", "q=Kestrelmoor")
    assert world.kestrel in {r["id"] for r in found["results"]}
    assert found["results"][0]["snippet"]  # the matched name
    assert len(server.cache.documents._found) == 0
    page = app_client.get(f"/api/entities/{world.kestrel}", headers=auth(world, "ana"))
    assert page.status_code == 200 and len(server.cache.documents._found) > 0


def test_a_browse_still_shows_each_result_with_a_sentence_of_its_evidence(app_client: TestClient, world: World) -> None:
    browse = _search(app_client, world, "ana", "q=")
    kestrel = next(r for r in browse["results"] if r["id"] == world.kestrel)
    assert kestrel["snippet"]  # read lazily, for the page only
