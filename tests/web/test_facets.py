"""Search facets by list membership and by year: counts, a click (or Enter) to narrow, the URL as the state."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from tests.web.conftest import Page

pytestmark = pytest.mark.slow


def facet_values(tab: Any, param: str) -> list[tuple[str, str]]:
    """(value, count) pairs of one facet as shown, top to bottom."""
    rows = tab.locator(f"aside.facets section.facet-{param} li:not([hidden])")
    return [
        (row.get_attribute("data-value"), (row.locator(".count").all_inner_texts() or [""])[0]) for row in rows.all()
    ]


def query_of(tab: Any) -> dict[str, list[str]]:
    return parse_qs(urlparse(tab.url).query)


def results(tab: Any) -> list[str]:
    return list(tab.locator("ol.results li .result-head > a").all_inner_texts())


def test_year_facet_counts_and_keyboard_filtering(page: Page) -> None:
    tab = page.open("/search?q=chemical")
    years = facet_values(tab, "year")
    assert [y for y, _ in years] == sorted((y for y, _ in years), reverse=True)  # newest first
    assert ("2016", "2") in years
    # reach the 2016 value with Tab alone, then Enter
    tab.locator("input[name=q]").focus()
    for _ in range(40):
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement.closest('section.facet-year li[data-value=\"2016\"]') !== null"):
            break
    else:
        pytest.fail("the year facet is not reachable with Tab")
    tab.keyboard.press("Enter")
    tab.wait_for_function("new URLSearchParams(location.search).get('year') === '2016'")
    tab.wait_for_selector("main[aria-busy=false] ol.results")
    assert query_of(tab) == {"q": ["chemical"], "year": ["2016"]}
    found = results(tab)
    assert len(found) == 2 and any("Harborlight" in r for r in found)
    assert tab.locator("main [role=status]").first.inner_text().endswith("2 results")
    assert tab.locator("section.facet-year li.active a[aria-current=true]").count() == 1
    page.shot("search-facets")
    # the URL alone brings back the same narrowed search (a link for a case note)
    again = page.open("/search?q=chemical&year=2016")
    assert results(again) == found


def test_list_facet_narrows_and_filters_combine_and_come_off(page: Page) -> None:
    tab = page.open("/search?q=Voss")
    assert len(results(tab)) == 2
    assert facet_values(tab, "listed") == [("us_trade_csl", "1")]
    tab.locator("section.facet-listed li[data-value=us_trade_csl] a").click()
    tab.wait_for_function("new URLSearchParams(location.search).get('listed') === 'us_trade_csl'")
    tab.wait_for_selector("main[aria-busy=false] ol.results")
    assert results(tab) == ["Henrietta Voss"]
    assert "us_trade_csl" in tab.locator("ol.results li .tag.warn").first.inner_text()
    # browse everything on any list (no text), then narrow by year as well
    tab = page.open("/search")
    tab.get_by_role("link", name="everything on a loaded list").click()
    tab.wait_for_selector("main[aria-busy=false] ol.results")
    assert query_of(tab) == {"listed": ["*"]}
    total = len(results(tab))
    assert total >= 3
    tab.locator("section.facet-year li[data-value='2023'] a").click()
    tab.wait_for_function("new URLSearchParams(location.search).get('year') === '2023'")
    tab.wait_for_selector("main[aria-busy=false] ol.results")
    assert query_of(tab) == {"listed": ["*"], "year": ["2023"]}
    narrowed = results(tab)
    assert 0 < len(narrowed) < total and any("Glasswing" in r for r in narrowed)
    chips = tab.locator("p.chosen a.chip").all_inner_texts()
    assert any(c.startswith("On a list: on any list") for c in chips) and any(c.startswith("Year: 2023") for c in chips)
    # the chip takes one filter off, and going back restores it
    tab.get_by_role("link", name=re.compile("remove the filter Year")).click()
    tab.wait_for_function("!new URLSearchParams(location.search).has('year')")
    tab.wait_for_selector("main[aria-busy=false] ol.results")
    assert len(results(tab)) == total
    tab.go_back()
    tab.wait_for_function("new URLSearchParams(location.search).get('year') === '2023'")
    tab.wait_for_selector("main[aria-busy=false] ol.results")
    assert results(tab) == narrowed
