"""Resolution: the same actor across names, scripts and sources, as recorded judgements.

Names are read and scored by the matching engine (:mod:`tracegraph.match`); this
package blocks, scores and judges pairs (``auto``), keeps the scored pairs
(``pairs``) and records merges, splits and distinct judgements (``judgements``).
Imported on first use, so opening a store does not load the engine.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "resolve": "tracegraph.resolve.auto",
    "Merge": "tracegraph.resolve.judgements",
    "compatible": "tracegraph.resolve.judgements",
    "distinct": "tracegraph.resolve.judgements",
    "merge": "tracegraph.resolve.judgements",
    "split": "tracegraph.resolve.judgements",
    "review": "tracegraph.resolve.uncertain",
    "same_name": "tracegraph.resolve.rules",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
