"""Text with a map back to the raw text it was cut from.

Cleaning drops lines, strips markup and swaps odd characters, but every
character of the cleaned text that came from the raw text keeps a pointer to
where it came from. The map is a list of ``(clean_start, raw_start, length)``
runs, the shape :class:`tracegraph.store.Document` stores.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Run = tuple[int, int, int]


@dataclass(slots=True)
class Piece:
    """A stretch of cleaned text; ``raw_start`` is ``None`` for text we inserted."""

    text: str
    raw_start: int | None


@dataclass(slots=True)
class Line:
    """One line of a page after markup is stripped: its pieces, and what kind of line it is."""

    pieces: list[Piece]
    kind: str = "text"  # text | heading | rule

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces)

    @property
    def raw_start(self) -> int | None:
        for piece in self.pieces:
            if piece.raw_start is not None:
                return piece.raw_start
        return None

    @classmethod
    def plain(cls, text: str, raw_start: int, kind: str = "text") -> Line:
        return cls([Piece(text, raw_start)], kind)


@dataclass
class TextBuilder:
    """Append pieces of text; remember where each came from."""

    parts: list[str] = field(default_factory=list)
    runs: list[Run] = field(default_factory=list)
    length: int = 0

    def add(self, text: str, raw_start: int | None = None) -> None:
        if not text:
            return
        if raw_start is not None:
            last = self.runs[-1] if self.runs else None
            if last and last[0] + last[2] == self.length and last[1] + last[2] == raw_start:
                self.runs[-1] = (last[0], last[1], last[2] + len(text))
            else:
                self.runs.append((self.length, raw_start, len(text)))
        self.parts.append(text)
        self.length += len(text)

    def add_line(self, line: Line) -> None:
        for piece in line.pieces:
            self.add(piece.text, piece.raw_start)

    @property
    def text(self) -> str:
        return "".join(self.parts)


def split_lines(text: str, base: int = 0) -> list[Line]:
    """Cut text into lines (without their line breaks), each pointing at its raw start."""
    lines: list[Line] = []
    pos = 0
    for chunk in text.splitlines(keepends=True):
        body = chunk.rstrip("\r\n")
        lines.append(Line.plain(body, base + pos))
        pos += len(chunk)
    return lines
