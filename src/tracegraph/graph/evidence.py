"""Turn statements into evidence: the sentence, the document's title, date, outlet and URL."""

from __future__ import annotations

import re
from collections.abc import Iterable

from tracegraph.errors import NotFoundError
from tracegraph.graph.model import Evidence
from tracegraph.store import Document, Statement, Store

_SENTENCE_END = re.compile(r"[.!?。]\s|\n\s*\n")
#: the longest sentence shown; longer ones are cut around the span
MAX_SENTENCE = 400


class EvidenceReader:
    """Builds :class:`Evidence` from statements, reading each document once."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._docs: dict[str, Document | None] = {}

    def document(self, doc_id: str) -> Document | None:
        if doc_id not in self._docs:
            try:
                self._docs[doc_id] = self.store.document(doc_id)
            except NotFoundError:
                self._docs[doc_id] = None
        return self._docs[doc_id]

    def prefetch(self, doc_ids: Iterable[str]) -> None:
        """Read these documents together (a projection of many edges), not one query each."""
        wanted = [d for d in set(doc_ids) if d not in self._docs]
        if wanted:
            found = self.store.documents_by_id(wanted)
            self._docs.update({d: found.get(d) for d in wanted})

    def sentence_at(self, doc: Document, start: int, end: int) -> str:
        """The sentence around a span of the document's text."""
        text = doc.text
        left = 0
        for match in _SENTENCE_END.finditer(text, 0, start):
            left = match.end()
        found = _SENTENCE_END.search(text, end)
        right = found.start() + 1 if found else len(text)
        sentence = " ".join(text[left:right].split())
        if len(sentence) > MAX_SENTENCE:
            middle = " ".join(text[max(left, start - 150) : min(right, end + 150)].split())
            sentence = f"…{middle}…"
        return sentence

    def evidence(self, statements: Iterable[Statement]) -> list[Evidence]:
        """One evidence item per document or record the statements come from, first seen first."""
        groups: dict[tuple[str, str], list[Statement]] = {}
        for stmt in statements:
            if not stmt.document_id and not stmt.record_id:
                continue
            groups.setdefault((stmt.document_id or "", stmt.record_id or ""), []).append(stmt)
        found = []
        for (doc_id, record_id), stmts in groups.items():
            found.append(self._one(doc_id or None, record_id or None, stmts))
        return found

    def _one(self, doc_id: str | None, record_id: str | None, stmts: list[Statement]) -> Evidence:
        by_prop: dict[str, str] = {}
        for stmt in stmts:
            by_prop.setdefault(stmt.prop, stmt.value)
        sentence = by_prop.get("summary") or by_prop.get("description")
        url = by_prop.get("sourceUrl")
        span: tuple[int, int] | None = None
        spans = [s for s in stmts if s.span_start is not None and s.span_end is not None]
        if spans:
            first = min(spans, key=lambda s: (s.prop != "summary", s.span_start or 0))
            span = (first.span_start or 0, first.span_end or 0)
        doc = self.document(doc_id) if doc_id else None
        if doc is not None and sentence is None and span is not None:
            sentence = self.sentence_at(doc, *span)
        best = max(stmts, key=lambda s: s.confidence)
        return Evidence(
            document_id=doc_id,
            record_id=record_id,
            dataset=stmts[0].dataset,
            sentence=sentence,
            span=span,
            title=doc.title if doc else None,
            published=doc.published if doc else None,
            outlet=doc.outlet if doc else None,
            url=url or (doc.url if doc else None),
            extractor=f"{best.extractor}@{best.extractor_version}",
            confidence=min(s.confidence for s in stmts),
        )
