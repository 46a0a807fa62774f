"""Markdown to lines of plain text, each piece still pointing into the raw Markdown.

Enough of Markdown for documents and for trafilatura's Markdown output:
ATX and setext headings, quotes, list markers, links, images, emphasis and
inline code. A top-level heading (``# ...``) is marked ``h1`` so the
segmenter can start a story there.
"""

from __future__ import annotations

import re

from tracegraph.ingest.textmap import Line, Piece, split_lines

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
_PREFIX = re.compile(r"^[ \t]*(>[ \t]?)*([-*+][ \t]+|\d{1,3}[.)][ \t]+)?")
_RULE = re.compile(r"^[ \t]*([-*_])([ \t]*\1){2,}[ \t]*$")
_SETEXT = re.compile(r"^[ \t]*(=+|-+)[ \t]*$")
_INLINE = re.compile(
    r"!\[[^\]]*\]\([^)]*\)"  # image: dropped
    r"|\[(?P<link>[^\]]+)\]\([^)]*\)"  # link: its text kept
    r"|\*\*|__|`+"  # strong, inline code markers
    r"|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])"  # emphasis markers
    r"|<[a-zA-Z/][^>]{0,200}>"  # stray HTML tags
)


def _inline(text: str, raw_start: int) -> list[Piece]:
    pieces: list[Piece] = []
    pos = 0
    for found in _INLINE.finditer(text):
        if found.start() > pos:
            pieces.append(Piece(text[pos : found.start()], raw_start + pos))
        if found.group("link"):
            pieces.append(Piece(found.group("link"), raw_start + found.start("link")))
        pos = found.end()
    if pos < len(text):
        pieces.append(Piece(text[pos:], raw_start + pos))
    return pieces


def markdown_lines(text: str, base: int = 0) -> list[Line]:
    """Lines of plain text from Markdown ``text`` whose first character sits at ``base``."""
    out: list[Line] = []
    fenced = False
    for line in split_lines(text, base):
        body = line.text
        start = line.raw_start or 0
        if body.lstrip().startswith("```"):
            fenced = not fenced
            out.append(Line([], "text"))
            continue
        if fenced:
            out.append(line)
            continue
        heading = _HEADING.match(body)
        if heading:
            kind = "h1" if len(heading.group(1)) == 1 else "heading"
            out.append(Line(_inline(heading.group(2), start + heading.start(2)), kind))
            continue
        if _SETEXT.match(body) and out and out[-1].text.strip() and out[-1].kind == "text":
            out[-1].kind = "h1" if body.strip().startswith("=") else "heading"
            out.append(Line([], "text"))
            continue
        if _RULE.match(body):
            out.append(Line([], "text"))
            continue
        prefix = _PREFIX.match(body)
        skip = prefix.end() if prefix else 0
        out.append(Line(_inline(body[skip:], start + skip), "text"))
    return out
