"""A hub's network and entity page say what they leave out, and the network reads more on request.

The server follows at most 50 relations of an entity in a neighbourhood and lists at most 200 on an
entity page; its answers say how many were left (``truncated``). A store with one company owning
210 others shows both limits.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from click.testing import CliRunner

from tests.web.browser import browser_context
from tests.web.conftest import Page, _need_browser
from tests.web.server import Running, serve
from tracegraph.cli import cli
from tracegraph.settings import Settings

pytestmark = pytest.mark.slow

HUB = "hub-meridian"
OWNED = 210


def _hub_file(folder: Path) -> Path:
    lines: list[dict[str, Any]] = [
        {"id": HUB, "schema": "Company", "properties": {"name": ["Meridian Holdings"], "country": ["pa"]}}
    ]
    for i in range(OWNED):
        lines.append({"id": f"sub-{i:03d}", "schema": "Company", "properties": {"name": [f"Meridian Unit {i:03d}"]}})
        lines.append(
            {
                "id": f"own-{i:03d}",
                "schema": "Ownership",
                "properties": {"owner": [HUB], "asset": [f"sub-{i:03d}"], "startDate": ["2021"]},
            }
        )
    path = folder / "meridian.ftm.json"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def hub_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    _need_browser()
    folder = tmp_path_factory.mktemp("hub")
    db = folder / "hub.sqlite"
    result = CliRunner().invoke(cli, ["--db", str(db), "ingest", str(_hub_file(folder))], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    with serve(Settings(db=str(db))) as running:
        yield running


@pytest.fixture
def hub_page(hub_server: Running) -> Iterator[Page]:
    with browser_context() as ctx:
        if hub_server.token:
            ctx.add_init_script(f"sessionStorage.setItem('tracegraph.token', {hub_server.token!r});")
        wrapped = Page(ctx.new_page(), hub_server.url)
        yield wrapped
        assert wrapped.errors == [], f"the page logged JavaScript errors: {wrapped.errors}"


def _nodes(tab: Any) -> int:
    return int(tab.evaluate("window.tracegraphCy.nodes().length"))


def test_a_hubs_network_says_what_it_did_not_follow_and_reads_more(hub_page: Page) -> None:
    tab = hub_page.open(f"/network/{HUB}")
    tab.wait_for_function("window.tracegraphCy && window.tracegraphCy.nodes().length > 1")
    notice = tab.locator("div.truncated")
    notice.wait_for(state="visible")
    text = notice.inner_text()
    assert "Not everything is shown" in text
    assert "Meridian Holdings: 50 of 210 relations shown, 160 not followed" in text
    assert _nodes(tab) == 51  # the hub and the 50 companies it was followed to
    hub_page.shot("network-hub")

    notice.get_by_role("button", name="Show 160 more").click()
    tab.wait_for_function(f"window.tracegraphCy.nodes().length === {OWNED + 1}", timeout=60_000)
    notice.wait_for(state="hidden")  # everything is on screen now: nothing left to say
    assert f"more={HUB}:250" in unquote(tab.url)

    again = hub_page.open(tab.url.removeprefix(hub_page.base))  # the URL brings the same picture back
    again.wait_for_function(f"window.tracegraphCy && window.tracegraphCy.nodes().length === {OWNED + 1}")
    assert again.locator("div.truncated").is_hidden()


def test_a_hubs_entity_page_says_how_many_relations_it_does_not_list(hub_page: Page) -> None:
    tab = hub_page.open(f"/entity/{HUB}")
    assert "Relations (200 of 210)" in tab.locator("section.relations h2").first.inner_text()
    notice = tab.locator("section.relations p.truncated")
    assert "10 more relations are not listed here" in notice.inner_text()
    notice.get_by_role("link", name="Open the network").click()
    tab.wait_for_selector("div.cy")
    assert tab.url.endswith(f"/network/{HUB}")
