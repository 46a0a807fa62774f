"""Plain records the store reads and writes.

Statements and entities are FollowTheMoney's own (``followthemoney.statement``):
:class:`Statement` is FtM's ``Statement`` with our evidence as first-class
fields (document and character span, or record; extractor step and version;
confidence, hedge, attribution), and :class:`Entity` is FtM's
``StatementEntity`` assembled from them when read. Both know our own schemata
because :func:`tracegraph.vocab.model` loads them into FtM's model.
"""

from __future__ import annotations

from dataclasses import dataclass

from tracegraph.vocab.entity import Entity, SchemaName
from tracegraph.vocab.statement import Statement, clean_value

__all__ = ["Document", "Entity", "SchemaName", "Source", "Statement", "clean_value"]


@dataclass(frozen=True)
class Source:
    """One input: a file (or a stream) as it was read."""

    id: str
    uri: str
    content_hash: str
    size: int
    format: str
    encoding: str | None = None
    status: str = "ok"
    error: str | None = None
    first_seen: str | None = None
    last_seen: str | None = None


@dataclass(frozen=True)
class Document:
    """A cleaned unit of text (a story of a page) with offsets back to its source.

    ``offsets`` maps the cleaned text onto the raw decoded text of the source:
    a list of ``(clean_start, raw_start, length)`` runs.
    """

    id: str
    source_id: str
    seq: int
    text: str
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    kind: str = "story"
    offsets: tuple[tuple[int, int, int], ...] = ()
    first_seen: str | None = None
    last_seen: str | None = None
    retired_at: str | None = None

    def raw_offset(self, pos: int, *, end: bool = False) -> int | None:
        """Where character ``pos`` of the cleaned text sits in the raw source text.

        With ``end=True`` the position is an exclusive end, so it maps to the end of
        the run it closes rather than the start of the next run.
        """
        for clean_start, raw_start, length in self.offsets:
            if end and clean_start < pos <= clean_start + length:
                return raw_start + (pos - clean_start)
            if not end and clean_start <= pos < clean_start + length:
                return raw_start + (pos - clean_start)
        return None

    def raw_span(self, start: int, end: int) -> tuple[int, int] | None:
        """Map a cleaned-text span to a raw-text span (end exclusive)."""
        raw_start = self.raw_offset(start)
        raw_end = self.raw_offset(end, end=True) if end > start else raw_start
        if raw_start is None or raw_end is None:
            return None
        return raw_start, raw_end
