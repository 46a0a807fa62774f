"""End-to-end: what an investigator does in the workbench, in Debian's Chromium.

Each test fails if the page logs a JavaScript error (see ``conftest.Page``).
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.web.conftest import Page

pytestmark = pytest.mark.slow


def node_count(tab: Any) -> int:
    return int(tab.evaluate("window.tracegraphCy.nodes().length"))


def click_node(tab: Any, node_id: str, double: bool = False) -> None:
    """Click a node where Cytoscape drew it (its rendered position plus the canvas' offset)."""
    x, y = tab.evaluate(
        """(id) => { const cy = window.tracegraphCy; const n = cy.getElementById(id);
            const box = cy.container().getBoundingClientRect(); const p = n.renderedPosition();
            return [box.left + p.x, box.top + p.y]; }""",
        node_id,
    )
    if double:
        tab.mouse.dblclick(x, y)
    else:
        tab.mouse.click(x, y)


def test_search_highlights_and_opens_an_entity(page: Page, ids: dict[str, str]) -> None:
    tab = page.open("/")
    tab.keyboard.press("/")
    tab.keyboard.type("Harborlight")
    tab.keyboard.press("Enter")
    tab.wait_for_selector("ol.results li")
    assert re.search(r"/search\?q=Harborlight$", tab.url)
    first = tab.locator("ol.results li").first
    assert "Harborlight Chemical" in first.inner_text()
    assert tab.locator("ol.results mark").first.inner_text().lower() == "harborlight"
    assert tab.locator("aside.facets h2").count() >= 1
    page.shot("search")
    first.locator(".result-head a").first.click()
    tab.wait_for_selector("section.relations")
    assert tab.url.endswith(f"/entity/{ids['harborlight']}")


def test_entity_page_shows_relations_with_evidence(page: Page, ids: dict[str, str]) -> None:
    tab = page.open(f"/entity/{ids['harborlight']}")
    assert "Harborlight Chemical" in tab.locator("h1").inner_text()
    groups = tab.locator("section.relations h3").all_inner_texts()
    assert any("owns" in g for g in groups) and any("sanctions" in g for g in groups)
    assert "Silverkite" in tab.locator("ul.names").inner_text()
    assert tab.locator("li.relation q").count() >= 3
    assert tab.locator("ul.flags").count() == 1
    page.shot("entity")


def test_evidence_link_opens_the_document_at_the_highlighted_span(page: Page, ids: dict[str, str]) -> None:
    tab = page.open(f"/entity/{ids['harborlight']}")
    relation = tab.locator("li.relation", has_text="Qingshan").first
    sentence = relation.locator("q").first.inner_text()
    relation.locator("a.open-span").first.click()
    tab.wait_for_selector("mark.span-hl")
    assert re.search(r"/documents/doc-[0-9a-f]+#span=\d+-\d+$", tab.url)
    marked = tab.evaluate("Array.from(document.querySelectorAll('mark.span-hl')).map(m => m.textContent).join('')")
    assert marked.strip() and " ".join(marked.split()) in " ".join(sentence.split())
    assert tab.locator("mark.span-hl").first.is_visible()
    assert tab.locator("a.mention").count() >= 2  # entities marked in the text
    page.shot("document")


def test_network_expands_node_by_node(page: Page, ids: dict[str, str]) -> None:
    tab = page.open(f"/network/{ids['harborlight']}")
    tab.wait_for_function("window.tracegraphCy && window.tracegraphCy.nodes().length > 1")
    before = node_count(tab)
    assert tab.evaluate("(id) => window.tracegraphCy.getElementById(id).nonempty()", ids["expandable"])
    click_node(tab, ids["expandable"], double=True)
    tab.wait_for_function(f"window.tracegraphCy.nodes().length > {before}", timeout=30_000)
    assert "Expanded" in tab.locator("aside.net-details").inner_text()
    assert tab.locator("fieldset.types label").count() >= 2
    page.shot("network")


def test_path_finder_joins_two_entities(page: Page, ids: dict[str, str]) -> None:
    tab = page.open(f"/network/{ids['voss']}")
    tab.wait_for_function("window.tracegraphCy && window.tracegraphCy.nodes().length > 1")
    target = tab.locator("input[name=path-to]")
    target.fill("Ostrava Fine")
    tab.wait_for_selector("ul.suggestions li[data-id]")
    tab.locator(f"ul.suggestions li[data-id='{ids['ostrava']}']").dispatch_event("mousedown")
    tab.locator("form.path-form button[type=submit]").click()
    tab.wait_for_function("document.querySelector('form.path-form [role=status]').textContent.includes('found')")
    on_path = tab.evaluate("window.tracegraphCy.nodes('.path').map(n => n.id())")
    assert ids["voss"] in on_path and ids["ostrava"] in on_path
    page.shot("path")


def test_screening_a_name_shows_explained_scores(page: Page) -> None:
    tab = page.open("/screen")
    tab.fill("input[name=name]", "Glasswing Precision Instruments")
    tab.locator("form.inline button[type=submit]").first.click()
    tab.wait_for_selector("table.matches tbody tr", timeout=120_000)  # the first screening builds the name index
    row = tab.locator("table.matches tbody tr").first
    assert "Glasswing Precision Instruments" in row.inner_text()
    assert row.locator("ul.reasons li").count() >= 1
    page.shot("screen")


def test_substance_page_shows_controls_and_structure(page: Page) -> None:
    tab = page.open("/substances")
    tab.fill("input[name=q]", "79099-07-3")
    tab.keyboard.press("Enter")
    tab.wait_for_selector("article.substance")
    assert "1-boc-4-piperidone" in tab.locator("article.substance h2").inner_text()
    tab.wait_for_function("(document.querySelector('img.structure') || {}).naturalWidth > 0")
    jurisdictions = tab.locator("table.controls tbody td:first-child").all_inner_texts()
    assert "US" in jurisdictions
    page.shot("substance")


def test_timeline_zooms_and_opens_evidence(page: Page, ids: dict[str, str]) -> None:
    tab = page.open("/timeline")
    tab.wait_for_selector("svg.tl-chart .tl-item")
    ticks_before = tab.locator(".tl-tick text").all_inner_texts()
    tab.get_by_role("button", name="Zoom in").click()
    tab.get_by_role("button", name="Zoom in").click()
    assert tab.locator(".tl-tick text").all_inner_texts() != ticks_before
    item = tab.locator("ol.tl-list li").filter(has_text="sanctions").filter(has_text="Harborlight Chemical").first
    item.locator("button").first.click()
    assert tab.locator("aside.tl-detail li.evidence q").count() >= 1
    page.shot("timeline")


def test_listings_and_documents_pages(page: Page) -> None:
    tab = page.open("/listings?controlled=true")
    assert tab.locator("table.listings tbody tr").count() >= 3
    page.shot("listings")
    tab = page.open("/documents")
    tab.locator("table.documents tbody tr a").first.click()
    tab.wait_for_selector(".doc-text")
    # a job's progress: test_workbench.test_job_progress_moves_while_it_runs


def test_chinese_and_spanish_text_render(page: Page) -> None:
    tab = page.open("/search?q=武汉")
    tab.wait_for_selector("main[aria-busy=false]")
    tab = page.open("/listings")
    text = tab.locator("table.listings").inner_text()
    assert "武汉" in text and "Química" in text
    # a CJK font is installed and used: each ideograph is about a full em wide, not a missing-glyph box
    width = tab.evaluate(
        """() => { const s = document.createElement('span'); s.lang = 'zh'; s.style.fontSize = '20px';
            s.textContent = '武汉盛达化工'; document.body.append(s); const w = s.getBoundingClientRect().width;
            s.remove(); return w; }"""
    )
    assert 100 <= width <= 140
    assert tab.evaluate("document.fonts.check('16px \"Noto Sans CJK SC\"')")


def test_keyboard_navigation(page: Page) -> None:
    tab = page.open("/")
    tab.keyboard.press("g")
    tab.keyboard.press("l")
    tab.wait_for_selector("table.listings")
    assert tab.url.endswith("/listings")
    tab.keyboard.press("j")
    assert tab.evaluate("document.activeElement.matches('[data-item]')")
    tab.keyboard.press("?")
    assert tab.locator("#help").is_visible()
    tab.keyboard.press("Escape")
    assert not tab.locator("#help").is_visible()
