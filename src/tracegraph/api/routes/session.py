"""Logging in for the web UI (a session cookie and a CSRF token), and a caller's own tokens."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request, Response
from pydantic import BaseModel, Field

from tracegraph.api import accounts
from tracegraph.api.auth import SESSION_COOKIE, Principal, _client, _limit, current
from tracegraph.api.errors import AuthError, ForbiddenError
from tracegraph.api.routes.common import EntityId
from tracegraph.api.state import state

router = APIRouter(prefix="/api", tags=["session"])
Caller = Annotated[Principal, Depends(current)]


def _collections(request: Request, principal: Principal) -> list[dict[str, Any]]:
    found = []
    for coll in accounts.collections(state(request).pool.get()):
        if not principal.access.can_read(coll["name"]):
            continue
        level = "write" if principal.access.can_write(coll["name"]) else "read"
        found.append({"name": coll["name"], "label": coll["label"], "marking": coll["marking"], "level": level})
    return found


@router.post("/login")
def login(
    request: Request,
    response: Response,
    user: Annotated[str, Form(min_length=1, max_length=80)],
    password: Annotated[str, Form(min_length=1, max_length=500)],
) -> dict[str, Any]:
    """Check a user name and password; set the session cookie and return the CSRF token to send back."""
    server = state(request)
    _limit(server, "login:" + _client(request))
    store = server.pool.get()
    try:
        found = accounts.check_password(store, user, password)
    except AuthError:
        server.record(None, "login", user[:80], outcome="refused")
        raise
    session_id, csrf = accounts.create_session(store, found, server.api.session_hours)
    response.set_cookie(
        SESSION_COOKIE,
        session_id,
        max_age=server.api.session_hours * 3600,
        httponly=True,
        secure=server.api.secure_cookies,
        samesite="strict",
        path="/",
    )
    server.audit.log(accounts_record(found, "login"))
    return {"user": found.to_dict(), "csrf_token": csrf}


def accounts_record(user: accounts.User, action: str) -> Any:
    from tracegraph.api.audit import AuditRecord

    return AuditRecord(action, user.name, user.id, user.name, user.agency_id)


@router.post("/logout")
def logout(request: Request, response: Response, principal: Caller) -> dict[str, Any]:
    """End the session (needs the CSRF token like any change)."""
    session_id = request.cookies.get(SESSION_COOKIE)
    if session_id:
        accounts.end_session(state(request).pool.get(), session_id)
    response.delete_cookie(SESSION_COOKIE, path="/")
    state(request).record(principal, "logout", principal.user.name)
    return {"ok": True}


@router.get("/session")
def session(request: Request, principal: Caller) -> dict[str, Any]:
    """Who is logged in, the CSRF token for changes, and the collections the user may read or write."""
    return {
        "user": principal.user.to_dict(),
        "csrf_token": principal.csrf,
        "via": principal.via,
        "scopes": sorted(principal.scopes),
        "collections": _collections(request, principal),
    }


@router.get("/collections")
def collections(request: Request, principal: Caller) -> dict[str, Any]:
    """Collections the caller may read, with their marking and the caller's level."""
    return {"results": _collections(request, principal)}


class TokenRequest(BaseModel):
    scopes: list[str] = Field(default_factory=lambda: ["read"], min_length=1, max_length=4)
    label: str = Field("", max_length=200)
    days: float = Field(30, gt=0, le=366)


@router.post("/tokens")
def create_token(request: Request, principal: Caller, body: TokenRequest) -> dict[str, Any]:
    """A new token for the caller, with at most the caller's own scopes; shown once."""
    if not set(body.scopes) <= principal.scopes:
        raise ForbiddenError("a token cannot have scopes its creator lacks")
    token_id, token = accounts.create_token(
        state(request).pool.get(), principal.user.id, tuple(body.scopes), body.label, body.days
    )
    state(request).record(principal, "create_token", token_id, scopes=body.scopes)
    return {"id": token_id, "token": token}


@router.delete("/tokens/{token_id}")
def revoke_token(request: Request, principal: Caller, token_id: EntityId) -> dict[str, Any]:
    """Revoke one of the caller's tokens (an admin may revoke any)."""
    from tracegraph.errors import NotFoundError

    store = state(request).pool.get()
    mine = {t["id"] for t in accounts.tokens(store, principal.user.name)}
    if token_id not in mine and not principal.user.is_admin:
        raise NotFoundError("no such token", subject=token_id)
    accounts.revoke_token(store, token_id)
    state(request).credentials.clear()  # refused from the next request on
    state(request).record(principal, "revoke_token", token_id)
    return {"ok": True}
