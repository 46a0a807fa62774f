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
from tracegraph.store.queries import ingest as sql

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
    sql.put_meta_rows(
        store, [(meta.document_id, meta.parent_id, meta.date_basis, int(meta.date_inferred)) for meta in metas]
    )


def get_meta(store: Any, document_ids: Iterable[str] | None = None) -> dict[str, DocumentMeta]:
    """Meta rows by document id (all of them when ``document_ids`` is ``None``)."""
    rows = sql.meta_rows(store, None if document_ids is None else list(document_ids))
    return {row[0]: DocumentMeta(row[0], row[1], row[2], bool(row[3])) for row in rows}
