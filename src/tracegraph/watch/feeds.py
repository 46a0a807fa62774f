"""RSS and Atom feeds: fetched with a conditional GET, parsed, new items written as files to ingest.

A feed is a URL or a local file. The server's ``ETag`` and ``Last-Modified``
are kept and sent back (``If-None-Match``, ``If-Modified-Since``), so an
unchanged feed costs a 304. Each item becomes one small HTML file named by a
hash of its id, so an item seen again is the same file and ingest skips it.
"""

from __future__ import annotations

import html
import re
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from tracegraph.ids import content_hash, make_id

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
TIMEOUT = 10.0
USER_AGENT = "tracegraph-watch/1"


@dataclass(frozen=True)
class Item:
    id: str
    title: str
    link: str | None
    published: str | None
    text: str


@dataclass
class Fetched:
    """A feed's body, or ``None`` when unchanged (HTTP 304 or the same file), with its new validators."""

    body: bytes | None
    validators: dict[str, str]


def fetch(location: str, validators: dict[str, str]) -> Fetched:
    """Fetch a feed; raises ``OSError`` (``URLError`` included) when it cannot be reached."""
    if "://" not in location or location.startswith("file://"):
        path = Path(location.removeprefix("file://"))
        body = path.read_bytes()
        digest = content_hash(body)
        return Fetched(None if validators.get("hash") == digest else body, {"hash": digest})
    request = urllib.request.Request(location, headers={"User-Agent": USER_AGENT})
    if validators.get("etag"):
        request.add_header("If-None-Match", validators["etag"])
    if validators.get("last_modified"):
        request.add_header("If-Modified-Since", validators["last_modified"])
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            body = response.read()
            found = {k: v for k, v in (("etag", response.headers.get("ETag")),
                                        ("last_modified", response.headers.get("Last-Modified"))) if v}  # fmt: skip
            return Fetched(body, found or validators)
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return Fetched(None, validators)
        if exc.code >= 500 or exc.code == 429:
            raise OSError(f"HTTP {exc.code}") from exc
        raise OSError(f"HTTP {exc.code} (not retried)") from exc


def _text(node: ET.Element | None) -> str:
    return "".join(node.itertext()).strip() if node is not None else ""


def parse(body: bytes) -> list[Item]:
    """The items of an RSS 2.0 or Atom 1.0 feed; raises ``ValueError`` when it is neither."""
    try:
        root = ET.fromstring(body)
    except ET.ParseError as exc:
        raise ValueError(f"not a feed ({exc})") from exc
    items: list[Item] = []
    for node in root.iter("item"):
        link = _text(node.find("link")) or None
        key = _text(node.find("guid")) or link or _text(node.find("title"))
        text = _text(node.find(CONTENT)) or _text(node.find("description"))
        items.append(Item(key, _text(node.find("title")), link, _text(node.find("pubDate")) or None, text))
    for node in root.iter(f"{ATOM}entry"):
        link_node = node.find(f"{ATOM}link")
        link = link_node.get("href") if link_node is not None else None
        key = _text(node.find(f"{ATOM}id")) or link or _text(node.find(f"{ATOM}title"))
        text = _text(node.find(f"{ATOM}content")) or _text(node.find(f"{ATOM}summary"))
        published = _text(node.find(f"{ATOM}published")) or _text(node.find(f"{ATOM}updated")) or None
        items.append(Item(key, _text(node.find(f"{ATOM}title")), link, published, text))
    if not items and root.tag not in ("rss", f"{ATOM}feed") and root.find("channel") is None:
        raise ValueError(f"not an RSS or Atom feed (root element {root.tag!r})")
    return items


def write_items(items: list[Item], folder: Path) -> list[Path]:
    """One HTML file per item (named by its id); returns the files that are new."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for item in items:
        path = folder / f"{make_id('item', item.id)}.html"
        if path.exists():
            continue
        meta = f'<meta name="date" content="{html.escape(item.published)}">' if item.published else ""
        link = f'<link rel="canonical" href="{html.escape(item.link)}">' if item.link else ""
        plain = re.sub(r"<[^>]+>", "\n\n", html.unescape(item.text))  # item bodies are often HTML themselves
        body = "".join(f"<p>{html.escape(' '.join(p.split()))}</p>" for p in plain.split("\n\n") if p.strip())
        path.write_text(
            f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(item.title)}</title>{meta}'
            f"{link}</head><body><article><h1>{html.escape(item.title)}</h1>{body}</article></body></html>",
            encoding="utf-8",
        )
        written.append(path)
    return written
