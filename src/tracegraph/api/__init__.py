"""The REST API of ``tracegraph serve``: :func:`create_app` builds it from a :class:`~tracegraph.settings.Settings`.

FastAPI is imported only when an app is built, so the library works without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fastapi import FastAPI

    from tracegraph.settings import Settings


def create_app(settings: Settings, **options: Any) -> FastAPI:
    """The API as an ASGI app (see :func:`tracegraph.api.app.create_app`)."""
    from tracegraph.api.app import create_app as build

    return build(settings, **options)


__all__ = ["create_app"]
