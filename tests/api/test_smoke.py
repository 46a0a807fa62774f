from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.conftest import auth
from tests.api.world import World


def test_entity_page_shows_only_the_visible_half(app_client: TestClient, world: World) -> None:
    ana = app_client.get(f"/api/entities/{world.kestrel}", headers=auth(world, "ana"))
    assert ana.status_code == 200, ana.text
    data = ana.json()
    assert data["id"] == world.kestrel
    assert data["caption"] == "Kestrelmoor Reagents Ltd"
    assert "phone" not in data["properties"]
    assert sorted(data["datasets"]) == ["customsfiles", "openrec"]
    labels = {r["schema"] for r in data["relations"]}
    assert "Ownership" in labels and "Directorship" not in labels
    cai = app_client.get(f"/api/entities/{world.kestrel}", headers=auth(world, "cai")).json()
    assert "+447700900461" in cai["properties"]["phone"]
    assert {r["schema"] for r in cai["relations"]} >= {"Directorship"}
