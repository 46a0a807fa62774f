"""The SQL of ingest beyond documents: document ids by prefix, and ``document_meta`` (see ``ingest.tables``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from tracegraph.store.engine import Database
from tracegraph.store.records import chunks, marks

_META_COLUMNS = "document_id, parent_id, date_basis, date_inferred"


def document_ids_starting(db: Database, prefix: str, limit: int = 2) -> list[str]:
    """Up to ``limit`` document ids that start with ``prefix`` (a ``%`` in it is dropped), in order."""
    rows = db.query(
        f"SELECT id FROM documents WHERE id LIKE ? ORDER BY id LIMIT {int(limit)}", (prefix.replace("%", "") + "%",)
    )
    return [str(row[0]) for row in rows]


def put_meta_rows(db: Database, rows: Iterable[Sequence[Any]]) -> None:
    """Write (or replace) ``document_meta`` rows: document id, parent id, date basis, 0/1 date inferred."""
    db.executemany(
        f"INSERT INTO document_meta ({_META_COLUMNS}) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (document_id) DO UPDATE SET parent_id = excluded.parent_id, "
        "date_basis = excluded.date_basis, date_inferred = excluded.date_inferred",
        rows,
    )


def meta_rows(db: Database, document_ids: Sequence[str] | None = None) -> list[tuple[Any, ...]]:
    """``document_meta`` rows of ``document_ids`` (all of them when ``None``)."""
    if document_ids is None:
        return db.query(f"SELECT {_META_COLUMNS} FROM document_meta")
    rows: list[tuple[Any, ...]] = []
    for part in chunks(document_ids):
        rows += db.query(f"SELECT {_META_COLUMNS} FROM document_meta WHERE document_id IN ({marks(part)})", part)
    return rows
