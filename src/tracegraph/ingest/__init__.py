"""Ingest: files and folders in; sources, cleaned stories and record statements out.

>>> from tracegraph.ingest import ingest_paths  # doctest: +SKIP
>>> report = ingest_paths(store, ["corpus/"], settings)  # doctest: +SKIP

See ``docs/ingest.md`` for the formats, the cleaning rules and the guarantees.
"""

from tracegraph.ingest.clean import Rules, load_rules
from tracegraph.ingest.pipeline import IngestReport, collect, ingest_paths, source_id_for
from tracegraph.ingest.segment import Story, segment

__all__ = ["IngestReport", "Rules", "Story", "collect", "ingest_paths", "load_rules", "segment", "source_id_for"]
