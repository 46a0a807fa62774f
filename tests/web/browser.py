"""Debian's Chromium driven by Playwright: never a downloaded browser, a fresh profile each time."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


_driver: Any = None


def _playwright() -> Any:
    """One Playwright driver per process (its sync API allows one per thread); stopped at exit."""
    global _driver
    if _driver is None:
        from playwright.sync_api import sync_playwright

        _driver = sync_playwright().start()
        atexit.register(_driver.stop)
    return _driver


def chromium_path() -> Path | None:
    found = shutil.which("chromium")
    if CHROMIUM.exists():
        return CHROMIUM
    return Path(found) if found else None


@contextmanager
def browser_context(viewport: tuple[int, int] = (1366, 800), **options: Any) -> Iterator[Any]:
    """A persistent Chromium context on a fresh, temporary user-data dir (removed afterwards); several
    may be open at once (each its own browser process)."""
    executable = chromium_path()
    if executable is None:
        raise RuntimeError("Debian's chromium is not installed (apt-get install chromium)")
    profile = tempfile.mkdtemp(prefix="tracegraph-chromium-")
    try:
        context = _playwright().chromium.launch_persistent_context(
            profile,
            executable_path=str(executable),
            headless=True,
            args=ARGS,
            ignore_default_args=["--headless=new", "--headless=old"],
            viewport={"width": viewport[0], "height": viewport[1]},
            accept_downloads=True,
            **options,
        )
        try:
            yield context
        finally:
            context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)
