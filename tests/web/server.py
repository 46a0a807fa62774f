"""Start the API with the web UI for the browser tests, on 127.0.0.1 and a free port.

It runs ``tracegraph serve`` when the server package is installed, and the small
stand-in of ``devapp.py`` otherwise; either way the UI comes from ``tracegraph.web.mount``.
"""

from __future__ import annotations

import importlib.util
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import httpx

from tracegraph.settings import Settings


@dataclass(frozen=True)
class Running:
    url: str
    token: str | None
    kind: str


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(url: str, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/", timeout=2.0).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"the server at {url} did not start in {seconds:.0f} s")


def real_server_available() -> bool:
    return importlib.util.find_spec("tracegraph.api") is not None


@contextmanager
def dev_server(settings: Settings) -> Iterator[Running]:
    import uvicorn

    from tests.web.devapp import create_dev_app
    from tracegraph.web import mount

    app = create_dev_app(settings)
    mount(app)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url)
        yield Running(url, None, "dev")
    finally:
        server.should_exit = True
        thread.join(timeout=10)
