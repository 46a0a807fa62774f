"""Watchlists and screening: list importers, the explained matcher, the yente-shaped API, graph flags.

Names are imported on first use, so ``import tracegraph.screen`` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "Query": "tracegraph.screen.features",
    "Matcher": "tracegraph.screen.matcher",
    "Result": "tracegraph.screen.matcher",
    "DEFAULT_THRESHOLD": "tracegraph.screen.matcher",
    "NameIndex": "tracegraph.screen.index",
    "Listed": "tracegraph.screen.index",
    "load_list": "tracegraph.screen.loader",
    "list_status": "tracegraph.screen.loader",
    "LoadReport": "tracegraph.screen.loader",
    "index_from_files": "tracegraph.screen.build",
    "matcher_from_store": "tracegraph.screen.build",
    "compute_flags": "tracegraph.screen.flags",
    "read_list": "tracegraph.screen.importers",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'tracegraph.screen' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
