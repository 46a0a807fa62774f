"""tracegraph: documents and records in, one evidence-backed graph out.

The names most users need are re-exported here; the work lives in the
subpackages (``ingest``, ``extract``, ``resolve``, ``screen``, ``graph``,
``store``, ``substances``).
"""

from __future__ import annotations

from typing import Any

from tracegraph.errors import InputError, NotFoundError, StoreError, TracegraphError
from tracegraph.settings import Settings
from tracegraph.store import Document, Entity, Statement, Store, open_store

__version__ = "0.1.0"


def build(store: Store, settings: Settings | None = None, **options: Any) -> dict[str, Any]:
    """Extract, register substances and resolve (what ``tracegraph build`` runs); see :mod:`tracegraph.pipeline`."""
    from tracegraph.pipeline import build as run

    return run(store, settings, **options)


__all__ = [
    "Document",
    "Entity",
    "InputError",
    "NotFoundError",
    "Settings",
    "Statement",
    "Store",
    "StoreError",
    "TracegraphError",
    "__version__",
    "build",
    "open_store",
]
