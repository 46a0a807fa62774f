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
    assert 0 < listed["total"] < everything["total"]
    assert all(r["lists"] == ["us_ofac_sdn"] for r in listed["results"])
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
