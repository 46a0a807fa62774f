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
#: in a list of teasers, a line this long is a teaser's snippet; shorter ones are headers
SNIPPET_CHARS = 100
#: a teaser with a title and no snippet needs this many words in its title
TITLE_ONLY_WORDS = 4
_TITLE_END = re.compile(r"[.,;:]['\"]?$")


@dataclass
class Story:
    """One story cut from a page."""

    text: str
    offsets: tuple[Run, ...]
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    kind: str = "story"
    #: a teaser: the index (in the page's list) of the story it came from
    parent: int | None = None
    #: a relative date from the header ("2 hours ago"), anchored on the capture time at ingest
    relative: str | None = None


@dataclass
class _Segment:
    lines: list[tuple[Line, bool]] = field(default_factory=list)  # (line, blank line before it)
    title_hint: str | None = None
    #: a teaser: the index of the segment it follows (the story of its page)
    after: int | None = None

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


def split_segments(lines: list[Line], rules: Rules) -> tuple[list[_Segment], int, list[_Segment]]:
    """Group cleaned lines into candidate stories and teasers; count the furniture lines dropped."""
    segments: list[_Segment] = []
    teasers: list[_Segment] = []
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
        if short and rules.teasers_to_end.fullmatch(text):
            found = _teaser_list(lines[index + 1 :], rules)
            for teaser in found:
                teaser.after = len(segments) if current.lines else len(segments) - 1
            teasers.extend(found)
            dropped += 1
            break
        if short and rules.to_end.fullmatch(text):
            dropped += len(lines) - index
            break
        end_title = rules.story_end_title(text) if short else None
        if end_title is not None:
            close(end_title)
            dropped += 1
        elif rules.is_teaser(text):
            teaser = _Segment()
            if current.lines and _title_like(current.lines[-1][0].text):
                teaser.lines.append(current.lines.pop())
            teaser.after = len(segments) if current.lines else len(segments) - 1
            teaser.lines.append((_trim(line, rules.teaser_cut(text)), True))
            teasers.append(teaser)
        elif rules.is_furniture(text):
            dropped += 1
        else:
            starts = line.kind == "h1" or (short and rules.title_suffix_at(text) is not None)
            if starts and current.body_chars() >= MIN_BODY_CHARS:
                close()
            current.lines.append((line, blank))
        blank = False
    close()
    return segments, dropped, teasers


def _teaser_list(lines: list[Line], rules: Rules) -> list[_Segment]:
    """The items of a "Related Articles" list: each a title (with outlet and date lines) and a snippet."""
    found: list[_Segment] = []
    titles: list[Line] = []
    headers: list[Line] = []

    def emit(snippet: Line | None) -> None:
        if snippet is None and not titles:
            return
        title = titles[-1] if titles else None
        # earlier titles that are not repeats of this one were items without a snippet
        for other in titles[:-1]:
            if title is not None and other.text.casefold() != title.text.casefold():
                _title_only(other, found)
        segment = _Segment()
        if title is not None:
            segment.lines.append((title, False))
        segment.lines.extend((header, False) for header in headers[:HEADER_LINES])
        if snippet is not None:
            segment.lines.append((snippet, True))
            found.append(segment)
        elif title is not None:
            _title_only(title, found, headers)
        titles.clear()
        headers.clear()

    for raw in lines:
        line = clean_line(raw, rules)
        text = line.text
        if not text or rules.is_furniture(text) or rules.teasers_to_end.fullmatch(text):
            continue
        if rules.to_end.fullmatch(text):
            break
        if len(text) >= SNIPPET_CHARS or (titles and not _title_like(text)):
            emit(line)
        elif rules.dateline(text) is not None:
            headers.append(line)
        elif _title_like(text) or len(text) >= 20:
            titles.append(line)
    emit(None)
    return found


def _title_only(title: Line, found: list[_Segment], headers: list[Line] | None = None) -> None:
    if len(title.text.split()) >= TITLE_ONLY_WORDS:
        segment = _Segment(lines=[(title, False)], title_hint=title.text)
        segment.lines.extend((header, False) for header in (headers or [])[:HEADER_LINES])
        found.append(segment)


def build_story(segment: _Segment, rules: Rules) -> Story | None:
    """Title, header (outlet, date) and body of a segment; ``None`` if nothing is left."""
    lines = list(segment.lines)
    title_line: Line | None = None
    title = segment.title_hint or None
    outlet = published = relative = None
    if lines and _title_like(lines[0][0].text) and (len(lines) > 1 or title is None or title == lines[0][0].text):
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
                relative = relative or found.get("rel")
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
    return Story(builder.text, tuple(builder.runs), title, published, outlet, relative=relative)


def segment(lines: list[Line], rules: Rules) -> tuple[list[Story], int]:
    """The stories of a page, then its teasers, and how many lines or blocks of furniture were dropped."""
    segments, dropped, teaser_segments = split_segments(lines, rules)
    many = len(segments) > 1
    stories: list[Story] = []
    index_of: dict[int, int] = {}
    for position, seg in enumerate(segments):
        if many and _is_furniture(seg):
            dropped += len(seg.lines)
            continue
        story = build_story(seg, rules)
        if story is not None:
            index_of[position] = len(stories)
            stories.append(story)
    teasers: list[Story] = []
    for seg in teaser_segments:
        teaser = build_story(seg, rules)
        if teaser is None:
            continue
        teaser.kind = "teaser"
        after = seg.after if seg.after is not None else -1
        parents = [index_of[p] for p in sorted(index_of) if p <= after]
        teaser.parent = parents[-1] if parents else (0 if stories else None)
        teasers.append(teaser)
    return stories + teasers, dropped


def _is_furniture(segment: _Segment) -> bool:
    """A segment of a multi-story page with no real body (a link, a label, a lone title)."""
    body = [line.text for line, _ in segment.lines[1:]]
    return sum(len(text) for text in body) < MIN_BODY_CHARS and not any(len(text) >= 80 for text in body)
