"""One root exception and a few subclasses, each with an HTTP status.

The CLI turns any :class:`TracegraphError` into a one-line message and a
non-zero exit; the REST API turns it into the JSON shape of :meth:`to_dict`.
"""

from __future__ import annotations

from typing import Any


class TracegraphError(Exception):
    """Root of every error tracegraph raises on purpose."""

    status: int = 500
    code: str = "error"

    def __init__(self, message: str, *, subject: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.subject = subject

    def __str__(self) -> str:
        if self.subject:
            return f"{self.subject}: {self.message}"
        return self.message

    def to_dict(self) -> dict[str, Any]:
        """The one JSON error shape used by the CLI's --json mode and the API."""
        return {"error": self.code, "message": self.message, "subject": self.subject, "status": self.status}


class InputError(TracegraphError):
    """An input (file, record, query) cannot be read or makes no sense."""

    status = 400
    code = "bad_input"


class UsageError(InputError):
    """A command line that does not parse: an unknown option or command, a missing argument, a bad value."""

    code = "usage_error"


class NotFoundError(TracegraphError):
    """A document, entity or record asked for does not exist."""

    status = 404
    code = "not_found"


class StoreError(TracegraphError):
    """The store cannot be opened, written or migrated."""

    status = 503
    code = "store_error"


class ConfigError(TracegraphError):
    """A setting or an optional extra is missing or wrong."""

    status = 500
    code = "config_error"


def missing_extra(extra: str, module: str) -> ConfigError:
    """The error raised when an optional backend's package is not installed."""
    return ConfigError(f"the optional package {module!r} is not installed; run: pip install 'tracegraph[{extra}]'")
