"""Serve the built UI from a FastAPI (Starlette) app."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from tracegraph.errors import TracegraphError

if TYPE_CHECKING:
    from fastapi import FastAPI
    from starlette.requests import Request
    from starlette.responses import Response

#: client-side routes answered with index.html; the UI's router reads the rest of the URL
ROUTES = (
    "/",
    "/search",
    "/entity/{entity_id}",
    "/network/{entity_id}",
    "/network",
    "/timeline",
    "/screen",
    "/substances",
    "/listings",
    "/documents",
    "/documents/{doc_id}",
    "/jobs",
    "/login",
)

#: long-lived caching is safe for files whose name the build does not change, because
#: index.html asks for them with the build's content hash in the query string
ASSET_CACHE = "public, max-age=31536000, immutable"


def static_dir() -> Path:
    """The folder of the built UI inside the installed package."""
    return Path(str(files("tracegraph.web") / "static"))


def mount(app: FastAPI) -> None:
    """Serve the UI at ``/`` (client routes) and ``/static`` (bundle) on ``app``.

    Call it after the API's routes are added, so ``/api/...`` keeps its own handlers.
    """
    from fastapi.responses import HTMLResponse
    from fastapi.staticfiles import StaticFiles

    folder = static_dir()
    index = folder / "index.html"
    if not index.is_file():
        raise TracegraphError("the web UI is not built: run `npm run build` in src/tracegraph/web/frontend")
    page = index.read_text(encoding="utf-8")

    def serve_index() -> HTMLResponse:
        return HTMLResponse(page, headers={"Cache-Control": "no-cache"})

    for route in ROUTES:
        app.add_api_route(route, serve_index, methods=["GET"], include_in_schema=False, response_class=HTMLResponse)

    static = StaticFiles(directory=folder)
    app.mount("/static", static, name="static")

    async def cache_assets(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        if request.url.path.startswith("/static/") and request.query_params.get("v"):
            response.headers["Cache-Control"] = ASSET_CACHE
        return response

    app.middleware("http")(cache_assets)
