"""Start the API with the web UI for the browser tests, on 127.0.0.1 and a free port.

It runs ``tracegraph serve`` when the server package is installed, and the small
stand-in of ``devapp.py`` otherwise; either way the UI comes from ``tracegraph.web.mount``.
"""

from __future__ import annotations

import importlib.util
import os
import queue
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

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


@contextmanager
def real_server(settings: Settings) -> Iterator[Running]:
    """``tracegraph serve`` in a child process; the admin token it prints on first start is kept."""
    port = free_port()
    executable = Path(sys.executable).parent / "tracegraph"  # the console script beside this Python
    command = [str(executable), "--db", settings.db, "serve", "--port", str(port)]
    command.append("--insecure-cookies")  # plain HTTP on 127.0.0.1
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    lines: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.put(line)

    threading.Thread(target=pump, daemon=True).start()
    token: str | None = None
    seen: list[str] = []
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            try:
                line = lines.get(timeout=1.0)
            except queue.Empty:
                if proc.poll() is not None:
                    break
                continue
            seen.append(line)
            if "token (shown once)" in line:
                token = lines.get(timeout=10.0).strip()
                seen.append(token)
            if "serving" in line:
                break
        if proc.poll() is not None:
            raise RuntimeError("tracegraph serve stopped:\n" + "".join(seen))
        url = f"http://127.0.0.1:{port}"
        wait_until_up(url)
        yield Running(url, token, "tracegraph serve")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()


@contextmanager
def serve(settings: Settings) -> Iterator[Running]:
    """The real server when the ``tracegraph.api`` package is installed, else the stand-in."""
    runner = real_server if real_server_available() else dev_server
    with runner(settings) as running:
        yield running
