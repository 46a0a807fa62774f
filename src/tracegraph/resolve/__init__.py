"""Resolution: the same actor across names, scripts and sources, as recorded judgements."""

from __future__ import annotations

from tracegraph.resolve.auto import resolve
from tracegraph.resolve.judgements import Merge, compatible, merge, split
from tracegraph.resolve.names import compact_key, name_key

__all__ = ["Merge", "compact_key", "compatible", "merge", "name_key", "resolve", "split"]
