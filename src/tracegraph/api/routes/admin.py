"""Administration (admin token or admin session): agencies, users, tokens, collections, grants, the audit log."""

from __future__ import annotations

import csv
import io
from typing import Annotated, Any, Literal

import orjson
from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel, Field

from tracegraph.api import accounts, audit
from tracegraph.api.auth import Admin
from tracegraph.api.state import state

router = APIRouter(prefix="/api/admin", tags=["admin"])
Name = Annotated[str, Field(min_length=1, max_length=80)]


class AgencyRequest(BaseModel):
    name: Name


class UserRequest(BaseModel):
    name: Name
    agency: Name
    password: str | None = Field(None, min_length=10, max_length=500)
    admin: bool = False


class TokenRequest(BaseModel):
    user: Name
    scopes: list[str] = Field(default_factory=lambda: list(accounts.DEFAULT_SCOPES), min_length=1, max_length=4)
    label: str = Field("", max_length=200)
    days: float | None = Field(90, gt=0, le=3660)


class CollectionRequest(BaseModel):
    name: str = Field(min_length=1, max_length=80, pattern=r"^[a-z0-9][a-z0-9_]{0,79}$")
    label: str = Field("", max_length=200)
    marking: str = Field("TLP:AMBER", max_length=20)


class GrantRequest(BaseModel):
    collection: Name
    level: Literal["read", "write", "none"]
    agency: Name | None = None
    user: Name | None = None


@router.get("/agencies")
def agencies(request: Request, principal: Admin) -> dict[str, Any]:
    return {"results": accounts.agencies(state(request).pool.get())}


@router.post("/agencies")
def create_agency(request: Request, principal: Admin, body: AgencyRequest) -> dict[str, Any]:
    agency_id = accounts.create_agency(state(request).pool.get(), body.name)
    state(request).record(principal, "create_agency", body.name)
    return {"id": agency_id, "name": body.name}


@router.get("/users")
def users(request: Request, principal: Admin) -> dict[str, Any]:
    return {"results": accounts.users(state(request).pool.get())}


@router.post("/users")
def create_user(request: Request, principal: Admin, body: UserRequest) -> dict[str, Any]:
    found = accounts.create_user(state(request).pool.get(), body.name, body.agency, body.password, body.admin)
    state(request).record(principal, "create_user", body.name, agency=body.agency, admin=body.admin)
    return found.to_dict()


@router.get("/tokens")
def tokens(request: Request, principal: Admin) -> dict[str, Any]:
    return {"results": accounts.tokens(state(request).pool.get())}


@router.post("/tokens")
def create_token(request: Request, principal: Admin, body: TokenRequest) -> dict[str, Any]:
    token_id, token = accounts.create_token(
        state(request).pool.get(), body.user, tuple(body.scopes), body.label, body.days
    )
    state(request).record(principal, "create_token", token_id, user=body.user, scopes=body.scopes)
    return {"id": token_id, "token": token}


@router.get("/collections")
def collections(request: Request, principal: Admin) -> dict[str, Any]:
    return {"results": accounts.collections(state(request).pool.get())}


@router.post("/collections")
def create_collection(request: Request, principal: Admin, body: CollectionRequest) -> dict[str, Any]:
    accounts.create_collection(state(request).pool.get(), body.name, body.label, body.marking)
    state(request).cache.invalidate()
    state(request).record(principal, "create_collection", body.name, marking=body.marking)
    return {"name": body.name}


@router.post("/grants")
def grant(request: Request, principal: Admin, body: GrantRequest) -> dict[str, Any]:
    store = state(request).pool.get()
    if body.level == "none":
        accounts.revoke_grant(store, body.collection, body.agency, body.user)
    else:
        accounts.grant(store, body.collection, body.level, body.agency, body.user)
    state(request).cache.invalidate()
    state(request).record(principal, "grant", body.collection, level=body.level, agency=body.agency, user=body.user)
    return {"ok": True}


@router.get("/audit")
def audit_log(
    request: Request,
    principal: Admin,
    user: Annotated[str | None, Query(max_length=80)] = None,
    action: Annotated[str | None, Query(max_length=40)] = None,
    target: Annotated[str | None, Query(max_length=500)] = None,
    since: Annotated[str | None, Query(max_length=30)] = None,
    until: Annotated[str | None, Query(max_length=30)] = None,
    limit: Annotated[int, Query(ge=1, le=100_000)] = 1000,
    offset: Annotated[int, Query(ge=0)] = 0,
    format: Annotated[str, Query(pattern="^(json|jsonl|csv)$")] = "json",
) -> Response:
    """The audit log, oldest first: as JSON, JSON lines or CSV (an export)."""
    server = state(request)
    server.audit.flush()
    rows = audit.records(server.pool.get(), user, action, target, since, until, limit, offset)
    server.record(principal, "read_audit", user or "*", filter_action=action, format=format, rows=len(rows))
    if format == "jsonl":
        body = b"".join(orjson.dumps(r) + b"\n" for r in rows)
        return Response(body, media_type="application/x-ndjson")
    if format == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        names = audit.COLUMNS
        writer.writerow(names)
        for row in rows:
            writer.writerow([orjson.dumps(row[n]).decode() if n == "detail" else row[n] for n in names])
        return Response(out.getvalue(), media_type="text/csv")
    return Response(orjson.dumps({"results": rows}), media_type="application/json")


@router.get("/audit/verify")
def audit_verify(request: Request, principal: Admin) -> dict[str, Any]:
    """Whether the audit log's hash chain is whole (no row changed or removed)."""
    server = state(request)
    server.audit.flush()
    whole, broken = audit.verify(server.pool.get())
    return {"whole": whole, "broken_at": broken}
