"""A server ready for a burst: connections opened at start, and one verification per token for requests
that arrive together."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

from fastapi.testclient import TestClient

from tests.api.conftest import TEST_LIMITS, auth
from tests.api.world import World
from tracegraph.api import accounts
from tracegraph.api.access import StorePool
from tracegraph.api.app import create_app
from tracegraph.settings import Settings
from tracegraph.store import open_store


def test_stores_opened_ahead_are_taken_over_by_new_threads(settings: Settings) -> None:
    pool = StorePool(settings)
    try:
        assert pool.warm(3) == 3
        assert pool.warm(3) == 0  # already there
        ready = threading.Barrier(3)
        seen: list[int] = []

        def take() -> None:
            seen.append(id(pool.get()))
            ready.wait(10)  # all three hold a store at once

        threads = [threading.Thread(target=take) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(set(seen)) == 3
        assert pool.opened == 3  # none opened on demand
        assert pool.get().query("SELECT 1")[0][0] == 1
    finally:
        pool.close()


def _burst(client: TestClient, urls: list[str], headers: dict[str, str]) -> list[int]:
    with ThreadPoolExecutor(len(urls)) as run:
        return list(run.map(lambda url: client.get(url, headers=headers).status_code, urls))


def test_a_first_burst_opens_no_connection(settings: Settings, world: World, tmp_path: Path) -> None:
    limits = replace(TEST_LIMITS, upload_dir=str(tmp_path / "uploads"))
    app = create_app(settings, limits, mount_web=False)
    with TestClient(app, raise_server_exceptions=False) as client:
        pool = app.state.tracegraph.pool
        opened = pool.opened
        assert opened >= limits.light_slots + limits.heavy_slots + 1
        urls = [f"/api/entities/{world.ferndale}", f"/api/entities/{world.kestrel}"] * 10
        assert _burst(client, urls, auth(world, "ana")) == [200] * 20
        assert pool.opened == opened


def test_requests_arriving_together_verify_their_token_once(settings: Settings, world: World, tmp_path: Path) -> None:
    limits = replace(TEST_LIMITS, upload_dir=str(tmp_path / "uploads"), refresh_seconds=30.0)
    app = create_app(settings, limits, mount_web=False)
    with TestClient(app, raise_server_exceptions=False) as client:
        credentials = app.state.tracegraph.credentials
        urls = [f"/api/entities/{world.ferndale}"] * 20
        assert _burst(client, urls, auth(world, "ben")) == [200] * 20
        assert credentials.verified == 1

        with open_store(settings) as store:  # revoked by another process: refused once the cache lets go
            token_id = world.tokens["cai"].split("_")[1]
            accounts.revoke_token(store, token_id)
        codes = _burst(client, urls, auth(world, "cai"))
        assert codes == [401] * 20
