"""Small helpers the routers share: id validation, the caller's reader and graph, list names."""

from __future__ import annotations

import re
from typing import Annotated, Any

import orjson
from fastapi import Path, Request, Response

from tracegraph.api.access import ScopedStore
from tracegraph.api.auth import Principal
from tracegraph.api.errors import TooLargeError
from tracegraph.api.reader import Reader
from tracegraph.api.state import ServerState, state
from tracegraph.errors import InputError, NotFoundError
from tracegraph.graph import Graph

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,199}$"
_ID = re.compile(ID_PATTERN)
EntityId = Annotated[str, Path(min_length=1, max_length=200, pattern=ID_PATTERN)]


def check_id(value: str, what: str = "entity") -> str:
    if not _ID.match(value):
        raise InputError(f"not a valid {what} id (letters, digits and _ . : @ -, at most 200)")
    return value


def check_text(server: ServerState, text: str, what: str = "query") -> str:
    if len(text) > server.api.max_query_chars:
        raise TooLargeError(f"the {what} is longer than {server.api.max_query_chars} characters")
    return text


def graph_for(request: Request, principal: Principal) -> Graph:
    """The whole graph the caller may see (full exports only: questions use :func:`reader_for`)."""
    return state(request).cache.graph(principal.access)


def reader_for(request: Request, principal: Principal) -> Reader:
    """The caller's questions, read from the store a neighbourhood at a time."""
    return state(request).cache.reader(principal.access)


def scoped(request: Request, principal: Principal) -> ScopedStore:
    return state(request).cache.scoped(principal.access)


def visible_entity(graph: Graph, entity_id: str) -> str:
    """The canonical id of an entity the caller can see; the same error whether hidden or absent."""
    check_id(entity_id)
    found = graph.resolve_id(entity_id)
    if found not in graph.entities:
        raise NotFoundError("no such entity", subject=entity_id)
    return found


def split_list(value: str | None, limit: int = 1000) -> list[str]:
    items = [v.strip() for v in (value or "").split(",") if v.strip()]
    if len(items) > limit:
        raise TooLargeError(f"at most {limit} items")
    return items


def _default(value: Any) -> Any:
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def json_bytes(data: Any) -> bytes:
    """``data`` as JSON written by orjson in one step (FastAPI's encoder walks the answer in Python first)."""
    return orjson.dumps(data, default=_default, option=orjson.OPT_NON_STR_KEYS)  # keys may be str subclasses


def json_response(data: Any, status_code: int = 200) -> Response:
    return Response(json_bytes(data), status_code=status_code, media_type="application/json")
