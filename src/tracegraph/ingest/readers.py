"""Readers: one file in, a :class:`Page` of text out (or several, for a big text file).

A page's ``raw`` is the text that offsets point into: the decoded file for
plain text and Markdown, the extracted main text (as Markdown) for HTML, and
the text layer for PDF. Structured records (FtM JSON lines) are read in
:mod:`tracegraph.ingest.ftm`.
"""

from __future__ import annotations

import codecs
import io
import logging
from collections.abc import Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from tracegraph.errors import InputError
from tracegraph.ingest.dates import captured_at
from tracegraph.ingest.decode import SNIFF_BYTES, Encoding, check_text, decode, detect, ensure_text
from tracegraph.ingest.markdown import markdown_lines
from tracegraph.ingest.textmap import Line, split_lines

#: file name endings and the format they mean
FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".jsonl": "ftm",
    ".ndjson": "ftm",
    ".ijson": "ftm",
    ".ftm.json": "ftm",
    ".json": "ftm",
}
READ_BLOCK = 1 << 20


@dataclass
class Page:
    """Text read from one input (or one chunk of a big one)."""

    raw: str
    lines: list[Line]
    base: int = 0
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    #: when the page was captured, if the file says so (a saved page's stamp)
    captured: datetime | None = None


def sniff_format(path: Path, head: bytes) -> str:
    """The format of a file: by its name, else by its first bytes; plain text by default."""
    name = path.name.lower()
    for ending in sorted(FORMATS, key=len, reverse=True):
        if name.endswith(ending):
            return FORMATS[ending]
    start = head.lstrip()[:512].lower()
    if head.startswith(b"%PDF-"):
        return "pdf"
    if start.startswith((b"<!doctype html", b"<html")) or b"<body" in start:
        return "html"
    if start.startswith(b"{"):
        return "ftm"
    return "text"


def read_text(data: bytes, uri: str) -> tuple[Page, Encoding]:
    text, encoding = decode(data, uri)
    return Page(text, split_lines(text)), encoding


def read_markdown(data: bytes, uri: str) -> tuple[Page, Encoding]:
    text, encoding = decode(data, uri)
    return Page(text, markdown_lines(text)), encoding


def read_html(data: bytes, uri: str) -> tuple[Page, Encoding]:
    """The main content of an HTML page, found by trafilatura, as Markdown."""
    import trafilatura

    html, encoding = decode(data, uri, check=False)
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    extracted = trafilatura.extract(
        html,
        output_format="markdown",
        with_metadata=True,
        # dates from markup only: the extensive text search is slow and invents
        # dates from footers ("Copyright 2024" -> 2024-01-01)
        date_extraction_params={"extensive_search": False, "original_date": True},
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        favor_recall=True,
        deduplicate=False,
    )
    meta, body = _front_matter(extracted or "")
    if not body.strip():
        raise InputError("the HTML page has no body text to extract", subject=uri)
    ensure_text(body, uri, encoding)
    page = Page(body, markdown_lines(body))
    page.title = meta.get("title") or None
    page.published = meta.get("date") or None
    page.outlet = meta.get("sitename") or None
    page.url = meta.get("url") or None
    page.captured = captured_at(html[:4096])
    return page, encoding


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split trafilatura's ``---``-fenced metadata block from the Markdown body."""
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---\n", 3)
    if end == -1:
        return {}, text
    meta: dict[str, str] = {}
    for line in text[4:end].splitlines():
        key, _, value = line.partition(":")
        meta[key.strip()] = value.strip().strip('"')
    return meta, text[end + 5 :]


def read_pdf(data: bytes, uri: str) -> tuple[Page, Encoding]:
    """The text layer of a PDF, page after page."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    try:
        reader = PdfReader(io.BytesIO(data))
        texts = [page.extract_text() or "" for page in reader.pages]
        title = reader.metadata.title if reader.metadata else None
    except (PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"not a readable PDF ({type(exc).__name__}: {exc})", subject=uri) from exc
    if not texts:
        raise InputError("the PDF has no pages", subject=uri)
    text = "\n\n".join(t.strip("\n") for t in texts)
    if not text.strip():
        raise InputError(f"the PDF has no text layer ({len(texts)} page(s) of images?); run OCR first", subject=uri)
    ensure_text(text, uri)
    page = Page(text, split_lines(text))
    page.title = str(title) if title else None
    return page, Encoding("pdf-text")


READERS = {"text": read_text, "markdown": read_markdown, "html": read_html, "pdf": read_pdf}


def iter_text_chunks(source: Path | BinaryIO, uri: str, fmt: str, chunk_chars: int) -> Iterator[tuple[Page, Encoding]]:
    """A big text or Markdown file as pages of about ``chunk_chars``, cut at paragraph breaks.

    Only one chunk (plus a block being read) is in memory at a time.
    """
    with source.open("rb") if isinstance(source, Path) else nullcontext(source) as handle:
        head = handle.read(SNIFF_BYTES)
        check_text(head, uri)
        encoding = detect(head, uri, complete=False)
        decoder = codecs.getincrementaldecoder(encoding.name)(errors="replace")
        buffer = decoder.decode(head)
        base = 0
        done = False
        while not done:
            block = handle.read(READ_BLOCK)
            done = not block
            buffer += decoder.decode(block, final=done)
            while len(buffer) >= chunk_chars or (done and buffer):
                cut = len(buffer) if len(buffer) < chunk_chars else _cut_point(buffer, chunk_chars)
                piece, buffer = buffer[:cut], buffer[cut:]
                ensure_text(piece, uri, encoding)
                lines = markdown_lines(piece, base) if fmt == "markdown" else split_lines(piece, base)
                yield Page(piece, lines, base), encoding
                base += len(piece)


def _cut_point(text: str, limit: int) -> int:
    """Where to end a chunk: after a blank line, else after a line break, else at the limit."""
    floor = limit // 2
    for mark in ("\n\n", "\n"):
        found = text.rfind(mark, floor, limit)
        if found != -1:
            return found + len(mark)
    return limit
