"""Every refusal is one JSON object with a type and a message: limits, rates, tokens, unknown paths."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import httpx
import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import TEST_LIMITS, auth
from tests.api.world import World
from tracegraph.api import accounts
from tracegraph.api.app import create_app
from tracegraph.settings import Settings
from tracegraph.store import Store


def _shape(resp: httpx.Response, status: int, kind: str | None = None) -> dict[str, str]:
    assert resp.status_code == status, (resp.status_code, resp.text)
    assert resp.headers["content-type"].startswith("application/json")
    data: dict[str, str] = resp.json()
    assert set(data) == {"type", "message"} and data["message"], data
    assert "Traceback" not in resp.text and 'File "' not in resp.text
    if kind is not None:
        assert data["type"] == kind, data
    return data


@pytest.fixture
def limited(settings: Settings, world: World) -> Iterator[TestClient]:
    """A server with small limits and the token cache on (as in production: refresh every 2 s)."""
    small = replace(
        TEST_LIMITS, max_json_bytes=4000, max_upload_bytes=6000, max_batch=3, max_query_chars=40, refresh_seconds=2.0
    )
    with TestClient(create_app(settings, small, mount_web=False), raise_server_exceptions=False) as client:
        yield client


def test_too_long_queries_everywhere(limited: TestClient, world: World) -> None:
    headers = auth(world, "ana")
    long = "Kestrelmoor " * 5  # 60 characters, the limit is 40
    for url in (
        f"/api/search?q={long}",
        f"/api/timeline?q={long}",
        f"/search/default?q={long}",
        f"/api/substances?q={long}",
    ):
        _shape(limited.get(url, headers=headers), 413, "too_large")
    body = {"queries": {"q": {"schema": "Person", "properties": {"name": [long]}}}}
    answer = limited.post("/match/default", json=body, headers=headers).json()
    assert answer["responses"]["q"]["status"] == 413  # yente's shape: the query fails, the batch answers
    _shape(limited.post("/api/screen", json={"queries": [{"name": long}]}, headers=headers), 413, "too_large")
    over = "x" * 201  # ids are at most 200 characters
    _shape(limited.get(f"/api/entities/{over}", headers=headers), 422, "invalid_request")
    _shape(limited.get(f"/api/paths?source={over}&target=y", headers=headers), 422, "invalid_request")


def test_oversize_bodies_declared_or_streamed(limited: TestClient, world: World) -> None:
    headers = {**auth(world, "ana"), "content-type": "application/json"}
    big = b'{"queries": [{"name": "' + b"y" * 5000 + b'"}]}'
    _shape(limited.post("/api/screen", content=big, headers=headers), 413, "too_large")

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit counts what arrives
        yield b'{"queries": [{"name": "'
        for _ in range(10):
            yield b"z" * 1000
        yield b'"}]}'

    _shape(limited.post("/api/screen", content=chunks(), headers=headers), 413, "too_large")
    _shape(limited.post("/api/screen", content=b"x", headers={**headers, "content-length": "abc"}), 400, "bad_input")
    many = {"queries": [{"name": f"Name {i}"} for i in range(4)]}
    _shape(limited.post("/api/screen", json=many, headers=auth(world, "ana")), 413, "too_large")
    upload = {"file": ("a.txt", b"q" * 7000, "text/plain")}
    _shape(limited.post("/api/uploads", files=upload, headers=auth(world, "ana")), 413, "too_large")


def test_rate_limit_per_token_with_cached_tokens(settings: Settings, world: World) -> None:
    slow = replace(TEST_LIMITS, rate=0.01, burst=4, refresh_seconds=30.0)
    with TestClient(create_app(settings, slow, mount_web=False), raise_server_exceptions=False) as client:
        codes = [client.get("/api/collections", headers=auth(world, "ana")).status_code for _ in range(6)]
        assert codes == [200, 200, 200, 200, 429, 429]  # the cached token is counted like a fresh one
        data = _shape(client.get("/api/collections", headers=auth(world, "ana")), 429, "rate_limited")
        assert "slow down" in data["message"]
        assert client.get("/api/collections", headers=auth(world, "ben")).status_code == 200  # its own bucket
        wrong = {"Authorization": "Bearer tg_0000000000000000_nothing"}
        refused = [client.get("/api/collections", headers=wrong).status_code for _ in range(6)]
        assert refused[:4] == [401] * 4 and refused[4:] == [429, 429]  # guessing tokens is rate-limited too


def test_revoked_token_refused_at_once_despite_the_cache(limited: TestClient, world: World, store: Store) -> None:
    token_id, token = accounts.create_token(store, "ana", ("read",), days=1)
    headers = {"Authorization": f"Bearer {token}"}
    assert limited.get("/api/search?q=Kestrelmoor", headers=headers).status_code == 200  # now cached
    assert limited.delete(f"/api/tokens/{token_id}", headers=auth(world, "ana")).status_code == 200
    data = _shape(limited.get("/api/search?q=Kestrelmoor", headers=headers), 401, "unauthorized")
    assert data["message"] == "token revoked"


def test_unknown_paths_methods_and_credentials(limited: TestClient, world: World) -> None:
    _shape(limited.get("/api/no-such-thing", headers=auth(world, "ana")), 404, "not_found")
    _shape(limited.put("/api/search", headers=auth(world, "ana")), 405, "method_not_allowed")
    _shape(limited.get("/api/search"), 401, "unauthorized")
    _shape(limited.get("/api/search", headers={"Authorization": "Bearer "}), 401, "unauthorized")
    _shape(limited.get("/api/admin/users", headers=auth(world, "ana")), 403, "forbidden")
    _shape(limited.get("/api/search?limit=100000", headers=auth(world, "ana")), 422, "invalid_request")
    _shape(limited.get("/api/search?year=nineteen", headers=auth(world, "ana")), 422, "invalid_request")
