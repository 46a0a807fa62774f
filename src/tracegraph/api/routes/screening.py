"""Screening: the web UI's ``POST /api/screen`` (JSON or a CSV upload) over the lists the caller may read."""

from __future__ import annotations

import csv
import io
from collections.abc import Collection
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field, ValidationError

from tracegraph.api.auth import Principal, Screener
from tracegraph.api.errors import TooLargeError
from tracegraph.api.state import ServerState, state
from tracegraph.errors import InputError, TracegraphError
from tracegraph.screen.features import Query

router = APIRouter(prefix="/api", tags=["screening"])


class ScreenQuery(BaseModel):
    name: str = Field(min_length=1, max_length=2000)
    schema_: str = Field("LegalEntity", alias="schema", max_length=60)
    country: str | list[str] | None = None
    birth_date: str | list[str] | None = None
    identifier: str | list[str] | None = None

    def to_query(self) -> Query:
        def many(value: str | list[str] | None) -> list[str]:
            items = value if isinstance(value, list) else [value] if value else []
            return [v.strip() for v in items if v and v.strip()]

        return Query([self.name], self.schema_, many(self.birth_date), many(self.country), many(self.identifier))


class ScreenRequest(BaseModel):
    queries: list[ScreenQuery]
    limit: int = Field(5, ge=1, le=50)
    threshold: float | None = Field(None, ge=0.0, le=1.0)


def readable_lists(server: ServerState, principal: Principal) -> set[str] | None:
    """The lists this caller may screen against (``None``: all)."""
    if principal.access.readable is None:
        return None
    return principal.access.only(server.cache.list_names())


def screen_queries(
    server: ServerState, queries: list[ScreenQuery], lists: Collection[str] | None, limit: int, threshold: float | None
) -> list[dict[str, Any]]:
    matcher = server.cache.matcher()
    out = []
    for item in queries:
        if len(item.name) > server.api.max_query_chars:
            raise TooLargeError(f"a name is longer than {server.api.max_query_chars} characters")
        entry: dict[str, Any] = {"query": item.model_dump(by_alias=True), "matches": [], "error": None}
        try:
            results = matcher.match(item.to_query(), limit=limit, threshold=threshold, datasets=lists)
        except TracegraphError as exc:
            entry["error"] = exc.message
            out.append(entry)
            continue
        entry["matches"] = [
            {
                "id": r.entity.id,
                "caption": r.entity.caption,
                "schema": r.entity.schema,
                "score": round(r.score, 4),
                "match": r.match,
                "reasons": [f"{key}: {why}" for key, why in r.reasons.items()],
                "features": {k: round(v, 4) for k, v in r.features.items()},
                "datasets": r.entity.datasets,
            }
            for r in results
        ]
        out.append(entry)
    return out


_NAME_COLS = ("name", "full_name", "caption")


def _csv_queries(data: bytes, limit: int) -> list[ScreenQuery]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    reader = csv.DictReader(io.StringIO(text))
    cols = reader.fieldnames or []
    name_col = next((c for c in _NAME_COLS if c in cols), None)
    if name_col is None:
        raise InputError(f"the CSV has no name column (one of {', '.join(_NAME_COLS)})")
    queries: list[ScreenQuery] = []
    for row in reader:
        if len(queries) >= limit:
            raise TooLargeError(f"at most {limit} rows per request")
        name = (row.get(name_col) or "").strip()
        if not name:
            continue
        queries.append(
            ScreenQuery.model_validate(
                {
                    "name": name[:2000],
                    "schema": (row.get("schema") or "LegalEntity").strip() or "LegalEntity",
                    "country": (row.get("country") or row.get("nationality") or "").strip() or None,
                    "birth_date": (row.get("birth_date") or row.get("date_of_birth") or "").strip() or None,
                    "identifier": (row.get("identifier") or "").strip() or None,
                }
            )
        )
    return queries


@router.post(
    "/screen",
    openapi_extra={
        "requestBody": {
            "content": {
                "application/json": {"schema": ScreenRequest.model_json_schema()},
                "multipart/form-data": {
                    "schema": {"type": "object", "properties": {"file": {"type": "string", "format": "binary"}}}
                },
            },
            "required": True,
        }
    },
)
async def screen(request: Request, principal: Screener) -> dict[str, Any]:
    """Screen names (JSON ``queries``, or a CSV file with a name column) against the lists the caller may read."""
    server = state(request)
    limit, threshold = 5, None
    queries: list[ScreenQuery]
    if request.headers.get("content-type", "").startswith("multipart/form-data"):
        form = await request.form()
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            raise InputError("send the CSV as the form field 'file'")
        queries = _csv_queries(await upload.read(), server.api.max_batch)
    else:
        try:
            body = ScreenRequest.model_validate_json(await request.body())
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise InputError(f"invalid request body at {where or 'top'}: {first['msg']}") from exc
        queries, limit, threshold = body.queries, body.limit, body.threshold
    if not queries:
        raise InputError("no queries")
    if len(queries) > server.api.max_batch:
        raise TooLargeError(f"at most {server.api.max_batch} queries per request")
    results = await run_in_threadpool(
        screen_queries, server, queries, readable_lists(server, principal), limit, threshold
    )
    server.record(
        principal,
        "screen",
        ";".join(q.name for q in queries)[:500],
        queries=len(queries),
        hits=sum(1 for r in results if any(m["match"] for m in r["matches"])),
    )
    return {"results": results}
