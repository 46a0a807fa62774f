"""Fixtures of the server tests: the split world in a fresh store and a client per user."""

from __future__ import annotations

import copy
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.api.world import World, build
from tracegraph.api.app import create_app
from tracegraph.api.config import ApiSettings
from tracegraph.settings import Settings
from tracegraph.store import open_store

TEST_LIMITS = ApiSettings(
    rate=10_000,
    burst=10_000,
    secure_cookies=False,
    refresh_seconds=0.0,
    warm_matcher=False,
    switch_interval=0.0,
    freeze_gc=False,
)


@pytest.fixture(scope="session")
def world_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, World]:
    """The world built once into a SQLite file; each test starts from a copy."""
    path = tmp_path_factory.mktemp("world") / "world.sqlite"
    with open_store(Settings(db=str(path))) as store:
        found = build(store)
    return path, found


@pytest.fixture
def world(settings: Settings, world_template: tuple[Path, World]) -> World:
    """The split world in this test's store (a copy of the template on SQLite, built afresh elsewhere)."""
    if settings.db_path is None:
        with open_store(settings) as store:
            return build(store)
    assert not settings.db_path.exists(), "request the world before the store"
    shutil.copyfile(world_template[0], settings.db_path)
    return copy.deepcopy(world_template[1])


@pytest.fixture
def app_client(settings: Settings, world: World, tmp_path: Path) -> Iterator[TestClient]:
    limits = replace(TEST_LIMITS, upload_dir=str(tmp_path / "uploads"))  # never beside the checkout
    app = create_app(settings, limits, mount_web=False)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def auth(world: World, user: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {world.tokens[user]}"}
