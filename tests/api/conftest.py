"""Fixtures of the server tests: the split world in a fresh store and a client per user."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tests.api.world import World, build
from tracegraph.api.app import create_app
from tracegraph.api.config import ApiSettings
from tracegraph.settings import Settings
from tracegraph.store import Store

TEST_LIMITS = ApiSettings(rate=10_000, burst=10_000, secure_cookies=False, refresh_seconds=0.0)


@pytest.fixture
def world(store: Store) -> World:
    return build(store)


@pytest.fixture
def app_client(settings: Settings, world: World) -> Iterator[TestClient]:
    app = create_app(settings, TEST_LIMITS, mount_web=False)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def auth(world: World, user: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {world.tokens[user]}"}
