"""Ingest: files and folders in; sources, cleaned stories and record statements out.

>>> from tracegraph.ingest import ingest_paths  # doctest: +SKIP
>>> report = ingest_paths(store, ["corpus/"], settings)  # doctest: +SKIP

See ``docs/ingest.md`` for the formats, the cleaning rules and the guarantees.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tracegraph.ingest.clean import Rules, load_rules
from tracegraph.ingest.segment import Story, segment

if TYPE_CHECKING:
    from tracegraph.ingest.pipeline import IngestReport, collect, ingest_paths, source_id_for

#: the pipeline's names, imported on first use: opening a store imports ``tracegraph.ingest.tables``
#: for its migrations, and should not load readers, decoders and the ingest pipeline with it
_FROM_PIPELINE = {"IngestReport", "collect", "ingest_paths", "source_id_for"}


def __getattr__(name: str) -> Any:
    if name in _FROM_PIPELINE:
        from tracegraph.ingest import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'tracegraph.ingest' has no attribute {name!r}")


__all__ = ["IngestReport", "Rules", "Story", "collect", "ingest_paths", "load_rules", "segment", "source_id_for"]
