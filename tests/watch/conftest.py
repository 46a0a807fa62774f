"""A store with the example filings, a watch folder, and local HTTP servers standing in for feeds and webhooks."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tracegraph.examples import corpus_path
from tracegraph.ingest import ingest_paths
from tracegraph.resolve import resolve
from tracegraph.settings import Settings
from tracegraph.store import Store, open_store
from tracegraph.watch import Backoff, Watcher


@pytest.fixture
def wsettings(tmp_path: Path) -> Settings:
    return Settings(db=str(tmp_path / "watch.sqlite"), extra={"watch_dir": str(tmp_path / "watch")})


@pytest.fixture
def wstore(wsettings: Settings) -> Iterator[Store]:
    with open_store(wsettings) as opened:
        ingest_paths(opened, [corpus_path() / "analysis" / "company_filings.jsonl"], wsettings)
        resolve(opened)
        yield opened


def no_build(store: Store, settings: Settings) -> None:
    """Records need no extraction: resolution only (keeps these tests free of the language model)."""
    resolve(store)


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def watcher(wstore: Store, wsettings: Settings, sleeps: list[float]) -> Watcher:
    return Watcher(wstore, wsettings, build=no_build, backoff=Backoff(3, 0.01), sleep=sleeps.append)


class Server:
    """A local HTTP server whose responses a test sets; it records every request."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.status = 200
        self.failures_left = 0
        self.body = b""
        self.headers: dict[str, str] = {}
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _record(self, body: bytes) -> None:
                server.requests.append(
                    {"method": self.command, "path": self.path, "headers": dict(self.headers), "body": body}
                )

            def do_GET(self) -> None:
                self._record(b"")
                etag = server.headers.get("ETag")
                if etag and self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(server.status)
                for key, value in server.headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(server.body)

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if server.failures_left > 0:
                    server.failures_left -= 1
                    self.send_response(503)
                    self.end_headers()
                    return
                self._record(body)
                self.send_response(204)
                self.end_headers()

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server() -> Iterator[Server]:
    with Server() as running:
        yield running
