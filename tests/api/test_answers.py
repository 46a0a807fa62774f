"""Kept answers (entity pages, searches, paths): never shared across different grants, never stale after a write."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import TEST_LIMITS, auth
from tests.api.world import World
from tracegraph.api.app import create_app
from tracegraph.settings import Settings


@pytest.fixture
def keeping_client(settings: Settings, world: World, tmp_path: Path) -> Iterator[TestClient]:
    """A server that looks for writes by other processes only once an hour: what it keeps, it keeps."""
    limits = replace(TEST_LIMITS, upload_dir=str(tmp_path / "uploads"), refresh_seconds=3600.0)
    with TestClient(create_app(settings, limits, mount_web=False), raise_server_exceptions=False) as client:
        yield client


def test_an_answer_follows_the_callers_grants(keeping_client: TestClient, world: World) -> None:
    http = keeping_client
    page = f"/api/entities/{world.kestrel}"
    assert "Drosk" in http.get(page, headers=auth(world, "cai")).text  # police material, for the police
    for _ in range(2):  # asked twice: the second answer is a kept one
        assert "Drosk" not in http.get(page, headers=auth(world, "ben")).text
        assert "Drosk" not in http.get("/api/search?q=drosk", headers=auth(world, "ben")).text

    grant = {"collection": "policeintel", "level": "read", "agency": "bravo"}
    assert http.post("/api/admin/grants", json=grant, headers=auth(world, "root")).status_code == 200
    assert "Drosk" in http.get(page, headers=auth(world, "ben")).text
    assert http.get("/api/search?q=drosk", headers=auth(world, "ben")).json()["total"] == 1

    revoke = {**grant, "level": "none"}
    assert http.post("/api/admin/grants", json=revoke, headers=auth(world, "root")).status_code == 200
    assert "Drosk" not in http.get(page, headers=auth(world, "ben")).text
    assert http.get("/api/search?q=drosk", headers=auth(world, "ben")).json()["total"] == 0


def test_a_judgement_changes_the_next_answer(keeping_client: TestClient, world: World) -> None:
    http, headers = keeping_client, auth(world, "cai")
    page = f"/api/entities/{world.kestrel}"
    assert world.kestrel_police in http.get(page, headers=headers).json()["members"]
    split = {"kind": "split", "ids": [world.kestrel], "reason": "two firms"}
    assert http.post("/api/judgements", json=split, headers=headers).status_code == 200
    assert http.get(page, headers=headers).json()["members"] == [world.kestrel]
