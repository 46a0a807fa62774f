"""``create_app(settings)``: the FastAPI app of ``tracegraph serve``.

It holds one :class:`~tracegraph.api.state.ServerState` (store pool, caches,
audit writer, job runner) and turns every error into ``{"type", "message"}``.
The docs page serves Swagger UI from files shipped in the package: no CDN.
"""

from __future__ import annotations

import gc
import logging
import sys
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.resources import files
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from tracegraph import __version__
from tracegraph.api import questions
from tracegraph.api.access import ALL, StorePool
from tracegraph.api.audit import AuditWriter
from tracegraph.api.auth import CredentialCache, RateLimiter
from tracegraph.api.cache import ServerCache
from tracegraph.api.config import ApiSettings
from tracegraph.api.errors import error_body
from tracegraph.api.jobs import JobRunner
from tracegraph.api.lanes import Lanes
from tracegraph.api.middleware import BodyLimit, SecurityHeaders
from tracegraph.api.offload import HeavyProcesses
from tracegraph.api.routes import admin, documents, graph, screening, session, substances, work, yente
from tracegraph.api.state import ServerState
from tracegraph.errors import StoreError, TracegraphError
from tracegraph.settings import Settings
from tracegraph.store import open_store
from tracegraph.store.queries import server_reads
from tracegraph.vocab import ftm_model

log = logging.getLogger("tracegraph.api")

DOCS_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>tracegraph API</title>
<link rel="stylesheet" href="/static/docs/swagger-ui.css"><link rel="icon" href="/static/docs/favicon-32x32.png">
</head><body><div id="swagger-ui"></div>
<script src="/static/docs/swagger-ui-bundle.js"></script><script src="/static/docs/docs-init.js"></script>
</body></html>"""
#: store connections warmed for the light lane when it runs on anyio's default limiter (which starts few threads)
WARM_LIGHT_DEFAULT = 4
DOCS_CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'"


def _static() -> Path:
    return Path(str(files("tracegraph.api") / "static"))


def _errors(app: FastAPI) -> None:
    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> JSONResponse:
        log.error("store error on %s: %s", request.url.path, exc)
        return JSONResponse(error_body(exc.code, "the store is unavailable; try again later"), status_code=503)

    @app.exception_handler(TracegraphError)
    async def library_error(request: Request, exc: TracegraphError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return JSONResponse(error_body(exc.code, exc.message), status_code=exc.status, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for err in exc.errors()[:5]:
            where = ".".join(str(p) for p in err.get("loc", ()) if p != "body")
            problems.append(f"{where or 'body'}: {err.get('msg', 'invalid')}")
        return JSONResponse(error_body("invalid_request", "; ".join(problems)[:1000]), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        kind = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        message = exc.detail if isinstance(exc.detail, str) else "request refused"
        if exc.status_code == 404 and message == "Not Found":
            message = "no such endpoint"
        return JSONResponse(error_body(kind, message), status_code=exc.status_code)

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception) -> JSONResponse:
        log.exception("internal error on %s", request.url.path)
        return JSONResponse(error_body("internal_error", "internal error; the server log has the details"), 500)


def create_app(settings: Settings, api: ApiSettings | None = None, mount_web: bool = True) -> FastAPI:
    """The API for the store named by ``settings``; ``api`` overrides the ``TRACEGRAPH_API_*`` limits."""
    api = api or ApiSettings.from_settings(settings)
    with open_store(settings):  # create and migrate the store before the first request
        pass
    pool = StorePool(settings)
    credentials = CredentialCache(api.refresh_seconds)
    cache = ServerCache(pool, api.refresh_seconds, on_change=credentials.clear, answer_bytes=api.answer_bytes)
    server = ServerState(
        settings=settings,
        api=api,
        pool=pool,
        cache=cache,
        audit=AuditWriter(lambda: open_store(settings)),
        jobs=JobRunner(settings, lambda: open_store(settings), cache.invalidate),
        limiter=RateLimiter(api.rate, api.burst),
        credentials=credentials,
        lanes=Lanes(api.heavy_slots, api.light_slots, api.light_first),
        heavy=(
            HeavyProcesses(settings, api.heavy_processes, api.heavy_nice, api.heavy_db_nice)
            if api.heavy_processes > 0
            else None
        ),
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if api.switch_interval > 0:
            sys.setswitchinterval(api.switch_interval)
        server.lanes.narrow_light_lane()
        await run_in_threadpool(ftm_model)  # the FollowTheMoney model, before the first request needs it
        if api.warm_requests:
            await run_in_threadpool(_warm_requests, server)
        if api.freeze_gc:  # what is loaded now lives as long as the server: keep it out of every collection
            gc.freeze()
        if server.heavy is not None:  # started before the first request, so none waits for a process to start
            await run_in_threadpool(server.heavy.start)
        if api.warm_matcher:  # the screening matcher, on its own thread: the server answers meanwhile
            threading.Thread(target=_warm, args=(cache, api.freeze_gc), name="tracegraph-warm", daemon=True).start()
        yield
        if server.heavy is not None:
            server.heavy.close()
        server.jobs.stop()
        server.audit.stop()
        pool.close()

    app = FastAPI(
        title="tracegraph",
        version=__version__,
        description="Evidence-backed graph, screening and substances for teams. Authenticate with "
        "`Authorization: Bearer <token>` or a session from `POST /api/login`.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.state.tracegraph = server
    _errors(app)
    for router in (
        graph.router,
        documents.router,
        screening.router,
        substances.router,
        work.router,
        session.router,
        admin.router,
        yente.router,
    ):
        app.include_router(router)
    app.mount("/static/docs", StaticFiles(directory=_static() / "swagger-ui"), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(DOCS_PAGE, headers={"Content-Security-Policy": DOCS_CSP})

    @app.get("/healthz", tags=["meta"])
    def health() -> dict[str, Any]:
        """Liveness: no authentication, no data."""
        return {"status": "ok", "version": __version__}

    if mount_web:
        _mount_web(app)
    app.add_middleware(BodyLimit, json_limit=api.max_json_bytes, upload_limit=api.max_upload_bytes)
    app.add_middleware(SecurityHeaders)
    return app


def _warm_requests(server: ServerState) -> None:
    """Get the worker ready for a burst of requests before it takes the first one.

    Fifty clients that start together put some twenty requests on each worker in the same millisecond.
    Without this, the threads that take them open their store connections then (each a new database
    backend: 50-250 ms while the burst holds the cores) and the first entity page of the worker loads
    the modules and fills the lookup tables every page needs. Here the pool opens one connection per
    thread that may run a request at once (the light lane, the heavy lane and the change watcher), and
    one entity page is answered as an admin would see it, neither kept nor audited.
    """
    api = server.api
    light = api.light_slots if api.light_slots > 0 else WARM_LIGHT_DEFAULT
    try:
        server.pool.warm(light + api.heavy_slots + 1)
        some = server_reads.some_entity(server.pool.get())
        if some is not None:
            questions.entity(server.cache.reader(ALL), some)
    except Exception:  # an unready store: the first requests open and load what they need, as without this
        log.warning("could not warm the worker at start", exc_info=True)


def _warm(cache: ServerCache, freeze: bool) -> None:
    """Build the screening matcher; then, with ``freeze``, move it out of the garbage collector's way.

    A full collection walks every object the process holds; with the matcher's index among them each
    one paused a worker for 0.2-0.6 s under load (every request in flight waited). Frozen objects are
    still freed when nothing refers to them; they are only not scanned for cycles.
    """
    cache.warm()
    if freeze:
        gc.freeze()


def _mount_web(app: FastAPI) -> None:
    """Serve the web workbench when the ``tracegraph.web`` package provides ``mount(app)``."""
    try:
        from tracegraph import web  # type: ignore[attr-defined,unused-ignore]
    except ImportError:
        return
    mount = getattr(web, "mount", None)
    if callable(mount):
        try:
            mount(app)
        except TracegraphError as exc:  # an unbuilt UI must not keep the API from starting
            log.warning("web UI not served: %s", exc)


def app_from_env() -> FastAPI:
    """An app from ``TRACEGRAPH_*`` variables (uvicorn's factory for several worker processes)."""
    return create_app(Settings.from_env())
