"""A hub's neighbourhood: at most 50 relations followed by default, the rest counted, more on request."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from click.testing import CliRunner
from fastapi.testclient import TestClient

from tests.api.conftest import TEST_LIMITS
from tracegraph.api import accounts
from tracegraph.api.app import create_app
from tracegraph.cli import cli
from tracegraph.settings import Settings
from tracegraph.store import open_store

HUB = "hub-meridian"


def _hub(settings: Settings, folder: Path, owned: int) -> str:
    lines = [json.dumps({"id": HUB, "schema": "Company", "properties": {"name": ["Meridian Holdings"]}})]
    for i in range(owned):
        lines.append(json.dumps({"id": f"sub-{i}", "schema": "Company", "properties": {"name": [f"Unit {i}"]}}))
        lines.append(
            json.dumps({"id": f"own-{i}", "schema": "Ownership", "properties": {"owner": [HUB], "asset": [f"sub-{i}"]}})
        )
    path = folder / "hub.ftm.json"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--db", settings.db, "ingest", str(path)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    with open_store(settings) as store:
        token = accounts.bootstrap(store)
    assert token
    return token


def test_a_hub_says_what_it_left_out_and_gives_more_when_asked(settings: Settings, tmp_path: Path) -> None:
    token = _hub(settings, tmp_path, 60)
    app = create_app(settings, replace(TEST_LIMITS, upload_dir=str(tmp_path / "uploads")), mount_web=False)
    headers = {"Authorization": f"Bearer {token}"}
    with TestClient(app) as http:
        first = http.get(f"/api/entities/{HUB}/neighbors", headers=headers).json()
        assert len(first["nodes"]) == 51
        assert first["truncated"]["more"] == 10
        assert first["truncated"]["at"] == [{"id": HUB, "caption": "Meridian Holdings", "followed": 50, "more": 10}]

        more = http.get(f"/api/entities/{HUB}/neighbors?fanout=100", headers=headers).json()
        assert len(more["nodes"]) == 61
        assert "truncated" not in more

        too_many = http.get(f"/api/entities/{HUB}/neighbors?fanout=1001", headers=headers)
        assert too_many.status_code == 422 and too_many.json()["type"] == "invalid_request"
