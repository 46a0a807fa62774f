"""Segmentation: cut a cleaned page into its stories, dropping site furniture.

A scraped page is a run of lines. Stories end at markers such as a lone
"Continue Reading" or "<title> Read More »"; a title ending in " – Outlet"
or a top-level Markdown heading starts a new one; a teaser (a title and one
paragraph ending in "...Continue Reading") and everything after "Related
Articles" are furniture. Each story keeps its title, outlet and date where
the header lines give them, and offsets back to the raw text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tracegraph.ingest.clean import Rules, clean_line
from tracegraph.ingest.textmap import Line, Piece, Run, TextBuilder

#: a line this long is body text, never a title
TITLE_MAX = 250
#: header lines under a title looked at for outlet and date
HEADER_LINES = 6
#: a line longer than this is body text: never a marker, a title or a label
MARKER_MAX = 400
#: a segment needs this much body text to be a story when the page has others
MIN_BODY_CHARS = 200
_TITLE_END = re.compile(r"[.,;:]['\"]?$")


@dataclass
class Story:
    """One story cut from a page."""

    text: str
    offsets: tuple[Run, ...]
    title: str | None = None
    published: str | None = None
    outlet: str | None = None


@dataclass
class _Segment:
    lines: list[tuple[Line, bool]] = field(default_factory=list)  # (line, blank line before it)
    title_hint: str | None = None

    def body_chars(self) -> int:
        return sum(len(line.text) for line, _ in self.lines)


def _title_like(text: str) -> bool:
    return 0 < len(text) <= TITLE_MAX and not _TITLE_END.search(text)


def _trim(line: Line, length: int) -> Line:
    """The first ``length`` characters of a line, pieces and offsets kept."""
    pieces: list[Piece] = []
    left = length
    for piece in line.pieces:
        if left <= 0:
            break
        pieces.append(Piece(piece.text[:left], piece.raw_start))
        left -= len(piece.text)
    return Line(pieces, line.kind)


def split_segments(lines: list[Line], rules: Rules) -> tuple[list[_Segment], int]:
    """Group cleaned lines into candidate stories; also count the furniture lines dropped."""
    segments: list[_Segment] = []
    current = _Segment()
    blank = False
    dropped = 0

    def close(title: str | None = None) -> None:
        nonlocal current
        if title:
            current.title_hint = title
        if current.lines or current.title_hint:
            segments.append(current)
        current = _Segment()

    for index, raw in enumerate(lines):
        line = clean_line(raw, rules)
        text = line.text
        if not text:
            blank = True
            continue
        short = len(text) <= MARKER_MAX
        if short and rules.to_end.fullmatch(text):
            dropped += len(lines) - index
            break
        end_title = rules.story_end_title(text) if short else None
        if end_title is not None:
            close(end_title)
            dropped += 1
        elif rules.is_teaser(text):
            dropped += 1
            if current.lines and _title_like(current.lines[-1][0].text):
                current.lines.pop()
                dropped += 1
        elif rules.is_furniture(text):
            dropped += 1
        else:
            starts = line.kind == "h1" or (short and rules.title_suffix_at(text) is not None)
            if starts and current.body_chars() >= MIN_BODY_CHARS:
                close()
            current.lines.append((line, blank))
        blank = False
    close()
    return segments, dropped


def build_story(segment: _Segment, rules: Rules) -> Story | None:
    """Title, header (outlet, date) and body of a segment; ``None`` if nothing is left."""
    lines = list(segment.lines)
    title_line: Line | None = None
    title = segment.title_hint or None
    outlet = published = None
    if lines and _title_like(lines[0][0].text) and (len(lines) > 1 or title is None):
        title_line = lines.pop(0)[0]
        suffix = rules.title_suffix_at(title_line.text)
        if suffix:
            outlet = suffix[1]
            title_line = _trim(title_line, suffix[0])
        title = title_line.text
    # header lines: repeats of the title, datelines
    kept: list[tuple[Line, bool]] = []
    for position, (line, blank) in enumerate(lines):
        text = line.text
        if position < HEADER_LINES and len(text) < 80:
            if title and text.casefold() == title.casefold():
                continue
            found = rules.dateline(text)
            if found is not None:
                outlet = outlet or found.get("outlet")
                published = published or found.get("published")
                continue
        kept.append((line, blank))
    if kept:
        credit = rules.credit_at(kept[-1][0].text)
        if credit:
            kept[-1] = (_trim(kept[-1][0], credit[0]), kept[-1][1])
            outlet = outlet or credit[1]
    builder = TextBuilder()
    if title_line is not None:
        builder.add_line(title_line)
    for line, blank in kept:
        if builder.length:
            builder.add("\n\n" if blank or line.kind != "text" else "\n")
        builder.add_line(line)
    if not builder.length:
        return None
    return Story(builder.text, tuple(builder.runs), title, published, outlet)


def segment(lines: list[Line], rules: Rules) -> tuple[list[Story], int]:
    """The stories of a page, and how many lines or blocks of furniture were dropped."""
    segments, dropped = split_segments(lines, rules)
    many = len(segments) > 1
    stories: list[Story] = []
    for seg in segments:
        if many and _is_furniture(seg):
            dropped += len(seg.lines)
            continue
        story = build_story(seg, rules)
        if story is not None:
            stories.append(story)
    return stories, dropped


def _is_furniture(segment: _Segment) -> bool:
    """A segment of a multi-story page with no real body (a link, a label, a lone title)."""
    body = [line.text for line, _ in segment.lines[1:]]
    return sum(len(text) for text in body) < MIN_BODY_CHARS and not any(len(text) >= 80 for text in body)
