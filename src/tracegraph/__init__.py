"""tracegraph: documents and records in, one evidence-backed graph out.

The names most users need are re-exported here; the work lives in the
subpackages (``ingest``, ``extract``, ``resolve``, ``screen``, ``graph``,
``store``, ``substances``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tracegraph._ftm import read_model_with_libyaml_on_first_import
from tracegraph.errors import InputError, NotFoundError, StoreError, TracegraphError
from tracegraph.settings import Settings

# FtM is imported where it is used, not here (a cold ``screen`` never needs it); its model is then read by libyaml
read_model_with_libyaml_on_first_import()

if TYPE_CHECKING:
    from tracegraph.store import Document, Entity, Statement, Store, open_store

#: names re-exported from :mod:`tracegraph.store`, imported on first use: the store pulls in
#: FollowTheMoney's model and SQLAlchemy, which a command such as ``screen`` may not need
_FROM_STORE = {"Document", "Entity", "Statement", "Store", "open_store"}

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name in _FROM_STORE:
        import tracegraph.store

        return getattr(tracegraph.store, name)
    raise AttributeError(f"module 'tracegraph' has no attribute {name!r}")


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
