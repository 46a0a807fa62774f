"""Browser tests: the bundled example network behind a running server, seen in Debian's Chromium.

Screenshots go to ``build/web-screenshots/`` (or ``$TRACEGRAPH_SCREENSHOTS``); with
``TRACEGRAPH_UPDATE_SCREENSHOTS=1`` they are also copied to ``docs/screenshots/``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.web.browser import browser_context, chromium_path
from tests.web.server import Running, serve
from tracegraph.cli import cli
from tracegraph.graph import Graph, queries
from tracegraph.settings import Settings
from tracegraph.store import open_store

REPO = Path(__file__).resolve().parents[2]
LIST_FIXTURE = REPO / "tests" / "screen" / "fixtures" / "csl_mini.csv"
SCREENSHOTS = Path(os.environ.get("TRACEGRAPH_SCREENSHOTS", REPO / "build" / "web-screenshots"))
DOCS_SCREENSHOTS = REPO / "docs" / "screenshots"


def _need_browser() -> None:
    try:
        import playwright  # noqa: F401
    except ImportError:
        pytest.skip("playwright is not installed (pip install -e '.[dev]')")
    if chromium_path() is None:
        pytest.skip("Debian's chromium is not installed (scripts/test.sh installs it when run as root)")


@pytest.fixture(scope="session")
def demo_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """`tracegraph demo` into a fresh store, plus a small fictional list to screen against."""
    db = tmp_path_factory.mktemp("web") / "demo.sqlite"
    runner = CliRunner()
    for args in (["--db", str(db), "demo"], ["--db", str(db), "lists", "load", str(LIST_FIXTURE)]):
        result = runner.invoke(cli, args, catch_exceptions=False)
        assert result.exit_code == 0, result.output
    return Settings(db=str(db))


@pytest.fixture(scope="session")
def ids(demo_settings: Settings) -> dict[str, str]:
    """Entity ids of the example network, by the names the tests use."""
    with open_store(demo_settings) as store:
        graph = Graph.load(store)
        names = {
            "harborlight": "Harborlight Chemical",
            "voss": "Karel Voss",
            "ostrava": "Ostrava Fine Chemicals",
            "bluepeak": "Bluepeak Trading",
        }
        found = {key: queries.lookup(graph, name) for key, name in names.items()}
        # a neighbour of Harborlight with something new behind it, to expand in the network view
        start = found["harborlight"]
        near = {start} | {other for other, _, _ in graph.neighbors(start, 1)}
        for other, _, _ in graph.neighbors(start, 1):
            if {n for n, _, _ in graph.neighbors(other, 1)} - near:
                found["expandable"] = other
                break
        return found


@pytest.fixture(scope="session")
def server(demo_settings: Settings) -> Iterator[Running]:
    _need_browser()
    with serve(demo_settings) as running:
        yield running


@pytest.fixture(scope="session")
def context(server: Running) -> Iterator[Any]:
    _need_browser()
    with browser_context() as ctx:
        if server.token:
            ctx.add_init_script(f"sessionStorage.setItem('tracegraph.token', {server.token!r});")
        yield ctx


class Page:
    """A browser tab on the server that records JavaScript errors; tests assert there are none."""

    def __init__(self, tab: Any, base: str) -> None:
        self.tab = tab
        self.base = base
        self.errors: list[str] = []
        tab.on("pageerror", lambda exc: self.errors.append(f"uncaught: {exc}"))
        tab.on("console", self._console)

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text}")

    def open(self, path: str) -> Any:
        self.tab.goto(self.base + path)
        self.tab.wait_for_selector("body[data-ready] main[aria-busy=false]")
        return self.tab

    def shot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.tab.screenshot(path=str(path))
        if os.environ.get("TRACEGRAPH_UPDATE_SCREENSHOTS") == "1":
            DOCS_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, DOCS_SCREENSHOTS / path.name)
        return path


@pytest.fixture
def page(context: Any, server: Running) -> Iterator[Page]:
    tab = context.new_page()
    wrapped = Page(tab, server.url)
    try:
        yield wrapped
        assert wrapped.errors == [], f"the page logged JavaScript errors: {wrapped.errors}"
    finally:
        tab.close()
