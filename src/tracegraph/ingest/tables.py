"""What ingest knows about a document beyond its row: the page a teaser came from, and its date's basis.

``document_meta`` has one row per document that has something to say:

* ``parent_id``: for a teaser (kind ``teaser``), the story of the page it came from;
* ``date_basis``: where ``Document.published`` came from (``page``: a dateline,
  "Published ..." or the page's markup; ``relative to --date`` or ``relative to the
  file time``: "2 hours ago" anchored on the capture time; ``capture date``: no date
  on the page, the day given with ``--date``);
* ``date_inferred``: 1 when the date is not stated on the page with its year, so
  events dated from it say their year is only inferred.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from tracegraph.store.migrations import register

register(
    "ingest.1",
    """CREATE TABLE IF NOT EXISTS document_meta (
        document_id TEXT PRIMARY KEY,
        parent_id TEXT,
        date_basis TEXT,
        date_inferred INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX IF NOT EXISTS ix_document_meta_parent ON document_meta(parent_id)",
)


@dataclass(frozen=True)
class DocumentMeta:
    document_id: str
    parent_id: str | None = None
    date_basis: str | None = None
    date_inferred: bool = False


def put_meta(store: Any, meta: DocumentMeta) -> None:
    """Write (or replace) a document's meta row; call inside the transaction that writes the document."""
    put_metas(store, [meta])


def put_metas(store: Any, metas: Iterable[DocumentMeta]) -> None:
    """:func:`put_meta` for many rows in one batch."""
    store.executemany(
        "INSERT INTO document_meta (document_id, parent_id, date_basis, date_inferred) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (document_id) DO UPDATE SET parent_id = excluded.parent_id, "
        "date_basis = excluded.date_basis, date_inferred = excluded.date_inferred",
        [(meta.document_id, meta.parent_id, meta.date_basis, int(meta.date_inferred)) for meta in metas],
    )


def get_meta(store: Any, document_ids: Iterable[str] | None = None) -> dict[str, DocumentMeta]:
    """Meta rows by document id (all of them when ``document_ids`` is ``None``)."""
    if document_ids is None:
        rows = store.query("SELECT document_id, parent_id, date_basis, date_inferred FROM document_meta")
    else:
        ids = list(document_ids)
        rows = []
        for first in range(0, len(ids), 500):
            part = ids[first : first + 500]
            marks = ", ".join("?" for _ in part)
            rows += store.query(
                "SELECT document_id, parent_id, date_basis, date_inferred FROM document_meta "
                f"WHERE document_id IN ({marks})",
                part,
            )
    return {row[0]: DocumentMeta(row[0], row[1], row[2], bool(row[3])) for row in rows}
