"""Record linkage at scale on Splink: a tabular file against the graph, the lists or another file.

:func:`link_file` is the whole job; :func:`link_rows` links rows already derived
(``records.party_rows``). The backend is DuckDB in-process by default, or Spark.
Names are compared through keys from the one normaliser, ``tracegraph.match``.
"""

from __future__ import annotations

from tracegraph.link.linking import link_file, write_pairs
from tracegraph.link.records import Party, party_rows
from tracegraph.link.run import LinkResult, Pair, link_rows
from tracegraph.link.text import TextRecord, text_rows

__all__ = [
    "LinkResult",
    "Pair",
    "Party",
    "TextRecord",
    "link_file",
    "link_rows",
    "party_rows",
    "text_rows",
    "write_pairs",
]
