"""Documents the caller may read: the list, one cleaned text with its entity mentions, the raw text."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import PlainTextResponse

from tracegraph.api.auth import Reader
from tracegraph.api.routes.common import EntityId, check_id, reader_for, scoped
from tracegraph.api.state import state
from tracegraph.errors import NotFoundError
from tracegraph.store import Document

router = APIRouter(prefix="/api", tags=["documents"])


def _row(doc: Document) -> dict[str, Any]:
    return {
        "id": doc.id,
        "title": doc.title,
        "kind": doc.kind,
        "date": doc.published,
        "source": doc.outlet or doc.url or doc.source_id,
        "url": doc.url,
        "language": doc.language,
        "length": len(doc.text),
    }


@router.get("/documents")
def documents(
    request: Request,
    principal: Reader,
    q: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> dict[str, Any]:
    """Documents in collections the caller may read, in source order; ``q`` filters by title."""
    total, page = scoped(request, principal).readable_documents(q, limit, offset)
    state(request).record(principal, "list_documents", q or "*", total=total)
    return {"total": total, "results": [_row(doc) for doc in page]}


@router.get("/documents/{document_id}")
def document(request: Request, principal: Reader, document_id: EntityId) -> dict[str, Any]:
    """A document's cleaned text with the spans of the entities found in it."""
    check_id(document_id, "document")
    store = scoped(request, principal)
    doc = store.document(document_id)
    if doc.id != document_id:
        raise NotFoundError("no such document", subject=document_id)
    reader = reader_for(request, principal)
    named = [
        stmt
        for stmt in store.statements(document_id=doc.id)  # readable statements only
        if stmt.span_start is not None and stmt.span_end is not None and stmt.prop in ("name", "alias")
    ]
    shown = reader.shown_ids({stmt.entity_id for stmt in named})
    mentions = []
    for stmt in named:
        canonical = shown.get(stmt.entity_id)
        if canonical is None:
            continue
        mentions.append(
            {
                "start": stmt.span_start,
                "end": stmt.span_end,
                "entity_id": canonical,
                "schema": stmt.schema,
                "prop": stmt.prop,
            }
        )
    mentions.sort(key=lambda m: (m["start"], m["end"]))
    state(request).record(principal, "read_document", doc.id)
    return {**_row(doc), "text": doc.text, "mentions": mentions}


@router.get("/documents/{document_id}/raw", response_class=PlainTextResponse)
def raw(request: Request, principal: Reader, document_id: EntityId) -> PlainTextResponse:
    """The raw decoded text of the document's source (the offsets of evidence map into it)."""
    check_id(document_id, "document")
    store = scoped(request, principal)
    doc = store.document(document_id)
    if doc.id != document_id:
        raise NotFoundError("no such document", subject=document_id)
    text = store.raw_text(doc.source_id)
    if text is None:
        raise NotFoundError("the raw text of this document was not kept", subject=document_id)
    state(request).record(principal, "read_raw", doc.id)
    return PlainTextResponse(text, headers={"Content-Disposition": "inline", "X-Content-Type-Options": "nosniff"})
