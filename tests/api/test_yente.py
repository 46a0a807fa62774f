"""yente clients work unchanged: request bodies in yente's documented shape, responses in yente's shape."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from tests.api.conftest import TEST_LIMITS, auth
from tests.api.world import World
from tracegraph.api import accounts
from tracegraph.api.app import create_app
from tracegraph.cli import cli
from tracegraph.screen.loader import load_list
from tracegraph.settings import Settings
from tracegraph.store import Store

#: bodies in the shape of yente's documentation: a dict of named queries, each a schema and properties
DOC_BODY = {
    "queries": {
        "q1": {
            "schema": "Person",
            "properties": {"name": ["Orlan Quillfeather"], "birthDate": ["1971"], "nationality": ["cn"]},
        },
        "q2": {"schema": "Company", "properties": {"name": "Blueheron Fine Chemical", "jurisdiction": "cn"}},
        "q3": {"schema": "Company", "properties": {"name": ["Meadowlark Family Bakery"]}},
    }
}


def test_match_answers_in_yentes_shape(app_client: TestClient, world: World) -> None:
    resp = app_client.post("/match/default?algorithm=best&limit=3", json=DOC_BODY, headers=auth(world, "ana"))
    assert resp.status_code == 200, resp.text
    data = resp.json()
    assert set(data) >= {"responses", "matcher", "limit"} and data["limit"] == 3
    for key in ("q1", "q2", "q3"):
        part = data["responses"][key]
        assert set(part) >= {"status", "results", "total", "query"} and part["status"] == 200
        assert part["total"] == {"value": len(part["results"]), "relation": "eq"}
        for hit in part["results"]:
            assert set(hit) >= {
                "id",
                "caption",
                "schema",
                "properties",
                "datasets",
                "referents",
                "target",
                "score",
                "features",
                "match",
            }
    assert data["responses"]["q1"]["results"][0]["match"]
    assert data["responses"]["q2"]["results"][0]["caption"].startswith("BLUEHERON")
    assert not any(h["match"] for h in data["responses"]["q3"]["results"])


def test_search_answers_in_yentes_shape(app_client: TestClient, world: World) -> None:
    resp = app_client.get("/search/us_ofac_sdn?q=Quillfeather&limit=5", headers=auth(world, "ana"))
    assert resp.status_code == 200, resp.text
    data = resp.json()
    assert set(data) >= {"results", "facets", "total", "limit", "offset"}
    assert data["total"]["value"] >= 1 and data["results"][0]["caption"].upper().startswith("QUILLFEATHER")
    assert {"countries", "datasets", "schema"} <= set(data["facets"])
    assert all(v["count"] >= 1 for v in data["facets"]["datasets"]["values"])
    assert data["results"][0]["datasets"] == ["us_ofac_sdn"]


def _un_queries(shared: Path, count: int) -> list[dict[str, str]]:
    path = shared / "data/entity_resolution/opensanctions_yente_name_screening/positives_un_untreated.csv"
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))[:count]


@pytest.mark.slow
def test_match_gives_the_same_top_entities_as_cli_screen(settings: Settings, store: Store, shared: Path) -> None:
    load_list(store, [shared / "data/sanctions/un_consolidated_2026-02-27/UN_consolidated.xml"])
    token = accounts.bootstrap(store)
    assert token
    rows = _un_queries(shared, 40)
    body = {
        "queries": {
            str(i): {
                "schema": "Person",
                "properties": {
                    "name": [r["full_name"]],
                    "birthDate": [r["date_of_birth"]] if r["date_of_birth"] else [],
                },
            }
            for i, r in enumerate(rows)
        }
    }
    with TestClient(create_app(settings, TEST_LIMITS, mount_web=False)) as client:
        data = client.post("/match/default", json=body, headers={"Authorization": f"Bearer {token}"}).json()
    runner = CliRunner()
    same = 0
    for i, row in enumerate(rows):
        args = ["--db", settings.db, "--json", "screen", row["full_name"], "--schema", "Person"]
        if row["date_of_birth"]:
            args += ["--birth-date", row["date_of_birth"]]
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, result.output
        cli_top = [r["id"] for r in json.loads(result.output)["results"]][:1]
        api_top = [r["id"] for r in data["responses"][str(i)]["results"]][:1]
        same += cli_top == api_top
    assert same == len(rows)
