"""`tracegraph serve` as a real process: first start on a new SQLite file, one request, clean stop."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.slow


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_on_a_new_sqlite_file_needs_no_other_step(tmp_path: Path) -> None:
    port = _port()
    exe = Path(sys.executable).parent / "tracegraph"
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACEGRAPH_")}
    proc = subprocess.Popen(
        [str(exe), "serve", "--port", str(port)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        assert proc.stdout is not None
        token = ""
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not token:
            line = proc.stdout.readline()
            if line.startswith("tg_"):
                token = line.strip()
        assert token, "no admin token printed"
        base = f"http://127.0.0.1:{port}"
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        found = httpx.get(f"{base}/api/session", headers={"Authorization": f"Bearer {token}"}, timeout=10)
        assert found.status_code == 200 and found.json()["user"]["name"] == "admin"
        assert httpx.get(f"{base}/api/search", timeout=10).status_code == 401
        assert (tmp_path / "tracegraph.sqlite").is_file()
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
