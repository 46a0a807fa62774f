"""The server's own errors (on the one root :class:`TracegraphError`) and the one JSON error shape.

Every error the API returns is ``{"type": ..., "message": ...}``; nothing else
(no stack trace, no SQL, no path) reaches a client.
"""

from __future__ import annotations

from typing import Any

from tracegraph.errors import TracegraphError


class AuthError(TracegraphError):
    """No credentials, or credentials that are wrong, expired or revoked."""

    status = 401
    code = "unauthorized"


class ForbiddenError(TracegraphError):
    """The caller is known but may not do this."""

    status = 403
    code = "forbidden"


class TooLargeError(TracegraphError):
    """A body, upload, batch or query over the server's limits."""

    status = 413
    code = "too_large"


class RateLimitError(TracegraphError):
    """Too many requests for one token in a short time."""

    status = 429
    code = "rate_limited"


def error_body(kind: str, message: str) -> dict[str, Any]:
    """The one error shape of the API."""
    return {"type": kind, "message": message}
