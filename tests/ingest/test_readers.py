"""Readers for HTML, Markdown and PDF, and format sniffing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ingest.conftest import make_pdf
from tracegraph.errors import InputError
from tracegraph.ingest.readers import read_html, read_markdown, read_pdf, sniff_format


def test_html_main_content_without_navigation_or_footer(fixtures: Path) -> None:
    page, _ = read_html((fixtures / "page.html").read_bytes(), "page.html")
    assert "A court in Lorvik fined Belmont Logistics" in page.raw
    assert "The company's director" in page.raw or "The company’s director" in page.raw
    for furniture in ("Sign in", "Most read", "Copyright", "Subscribe"):
        assert furniture not in page.raw
    assert page.title == "Belmont Logistics fined over storage rules"
    assert page.published == "2024-03-05"
    assert page.outlet == "The Meridian Ledger"


def test_html_with_no_body_is_a_clear_error() -> None:
    with pytest.raises(InputError, match="no body text"):
        read_html(b"<html><head><title>Nothing here</title></head></html>", "nobody.html")


def test_markdown_headings_start_stories_and_markup_goes(fixtures: Path) -> None:
    page, _ = read_markdown((fixtures / "notes.md").read_bytes(), "notes.md")
    kinds = [(line.kind, line.text) for line in page.lines if line.text]
    assert kinds[0] == ("h1", "Quarrow Trading: what we know")
    assert ("text", "Updated notes from the Lorvik desk, with court papers attached.") in kinds
    assert ("heading", "Contacts") in kinds
    assert ("text", "Phone listed on the website: +44 20 7946 0958") in kinds


def test_pdf_text_layer_is_read(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "memo.pdf", "Belmont Logistics leased the warehouse.")
    page, enc = read_pdf(pdf.read_bytes(), "memo.pdf")
    assert "Belmont Logistics leased the warehouse." in page.raw
    assert enc.name == "pdf-text"


def test_pdf_without_a_text_layer_is_a_clear_error(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "scan.pdf", None)
    with pytest.raises(InputError, match="no text layer"):
        read_pdf(pdf.read_bytes(), "scan.pdf")


def test_a_broken_pdf_is_a_clear_error() -> None:
    with pytest.raises(InputError, match="not a readable PDF"):
        read_pdf(b"%PDF-1.4\nnot really", "broken.pdf")


@pytest.mark.parametrize(
    ("name", "head", "fmt"),
    [
        ("a.txt", b"hello", "text"),
        ("a.HTML", b"", "html"),
        ("x.ftm.json", b"{", "ftm"),
        ("noext", b"%PDF-1.7", "pdf"),
        ("noext", b"  <!DOCTYPE html><html>", "html"),
        ("noext", b'{"id": 1}', "ftm"),
        ("noext", b"plain words", "text"),
    ],
)
def test_format_by_name_then_by_content(name: str, head: bytes, fmt: str) -> None:
    assert sniff_format(Path(name), head) == fmt


def test_html_without_a_dated_markup_gets_no_invented_date() -> None:
    html = (
        b"<html><head><title>Quay reopens</title></head><body><article><h1>Quay reopens</h1>"
        b"<p>The north quay in Lorvik reopened to cargo ships on Monday after three weeks of repairs to its cranes.</p>"
        b"</article><footer>Copyright 2024 Daily Harbour</footer></body></html>"
    )
    page, _ = read_html(html, "quay.html")
    assert page.published is None
