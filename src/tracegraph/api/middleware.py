"""ASGI middleware: a cap on request bodies, and security headers on every response."""

from __future__ import annotations

from typing import Any

import orjson

from tracegraph.api.errors import error_body

Scope = dict[str, Any]
Message = dict[str, Any]


class _TooLarge(Exception):
    pass


async def _send_error(send: Any, status: int, kind: str, message: str) -> None:
    body = orjson.dumps(error_body(kind, message))
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


class BodyLimit:
    """Refuse bodies over the limit (uploads get a larger one), by Content-Length or while reading."""

    def __init__(self, app: Any, json_limit: int, upload_limit: int) -> None:
        self.app = app
        self.json_limit = json_limit
        self.upload_limit = upload_limit

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        kind = headers.get(b"content-type", b"")
        limit = self.upload_limit if kind.startswith(b"multipart/") else self.json_limit
        declared = headers.get(b"content-length")
        try:
            if declared is not None and int(declared) > limit:
                await _send_error(send, 413, "too_large", f"the request body is larger than {limit} bytes")
                return
        except ValueError:
            await _send_error(send, 400, "bad_input", "a malformed Content-Length header")
            return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message: Message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise _TooLarge
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except _TooLarge:
            if not started:
                await _send_error(send, 413, "too_large", f"the request body is larger than {limit} bytes")


SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
]


class SecurityHeaders:
    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in names]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, with_headers)
