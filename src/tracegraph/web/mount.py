"""Serve the built UI from a FastAPI (Starlette) app."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from tracegraph.errors import TracegraphError

if TYPE_CHECKING:
    from fastapi import FastAPI
    from starlette.responses import Response
    from starlette.types import Scope

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
    from starlette.datastructures import QueryParams

    folder = static_dir()
    index = folder / "index.html"
    if not index.is_file():
        raise TracegraphError("the web UI is not built: run `npm run build` in src/tracegraph/web/frontend")
    page = index.read_text(encoding="utf-8")

    def serve_index() -> HTMLResponse:
        return HTMLResponse(page, headers={"Cache-Control": "no-cache"})

    for route in ROUTES:
        app.add_api_route(route, serve_index, methods=["GET"], include_in_schema=False, response_class=HTMLResponse)

    class Assets(StaticFiles):
        """The bundle; a versioned URL may be cached for good (set here, not in an HTTP middleware that
        every API request would pass through)."""

        async def get_response(self, path: str, scope: Scope) -> Response:
            response = await super().get_response(path, scope)
            if QueryParams(scope.get("query_string", b"")).get("v"):
                response.headers["Cache-Control"] = ASSET_CACHE
            return response

    app.mount("/static", Assets(directory=folder), name="static")
