"""The UI is served by ``tracegraph.web.mount`` beside the API, and the shipped bundle is current."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tracegraph.web import ROUTES, mount, static_dir

FRONTEND = Path(__file__).resolve().parents[2] / "src" / "tracegraph" / "web" / "frontend"


def _app() -> FastAPI:
    app = FastAPI()

    @app.get("/api/ping")
    def ping() -> dict[str, str]:
        return {"pong": "yes"}

    @app.get("/search/{dataset}")
    def yente_search(dataset: str) -> dict[str, str]:
        return {"dataset": dataset}

    mount(app)
    return app


@pytest.fixture
def client() -> TestClient:
    return TestClient(_app())


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/search?q=x",
        "/entity/ent-1",
        "/network/ent-1",
        "/timeline?entity=ent-1",
        "/screen",
        "/substances?q=79099-07-3",
        "/listings",
        "/documents/doc-1",
        "/jobs",
    ],
)
def test_client_routes_answer_with_the_page(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert '<script type="module" src="/static/app.js?v=' in response.text


def test_api_and_yente_routes_are_not_shadowed(client: TestClient) -> None:
    assert client.get("/api/ping").json() == {"pong": "yes"}
    assert client.get("/search/default").json() == {"dataset": "default"}
    assert client.get("/nowhere").status_code == 404


def test_bundle_is_served_and_cached_by_version(client: TestClient) -> None:
    page = client.get("/").text
    script = page.split('src="', 1)[1].split('"', 1)[0]
    response = client.get(script)
    assert response.status_code == 200 and len(response.content) > 10_000
    assert "immutable" in response.headers["cache-control"]
    assert client.get("/static/app.css").status_code == 200
    assert client.get("/static/../__init__.py").status_code == 404


def test_routes_cover_every_page_of_the_router() -> None:
    router = (FRONTEND / "src" / "main.ts").read_text(encoding="utf-8")
    for route in ROUTES:
        first = route.strip("/").split("/")[0]
        assert first == "" or f"  {first}: " in router, route


def _source_hash() -> str:
    """The same digest as build.mjs: relative path and bytes of every source, in sorted walk order."""
    digest = hashlib.sha256()

    def walk(folder: Path) -> list[Path]:
        out: list[Path] = []
        for child in sorted(folder.iterdir(), key=lambda p: p.name):
            out.extend(walk(child) if child.is_dir() else [child])
        return out

    for path in [*walk(FRONTEND / "src"), FRONTEND / "package-lock.json", FRONTEND / "build.mjs"]:
        digest.update(path.relative_to(FRONTEND).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def test_shipped_bundle_was_built_from_these_sources() -> None:
    recorded = json.loads((static_dir() / "build.json").read_text(encoding="utf-8"))["sources"]
    assert recorded == _source_hash(), "the front-end changed: run `npm ci && npm run build` in web/frontend"
