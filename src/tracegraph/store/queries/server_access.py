"""What the server needs in SQL to see the store through a caller's grants.

Which datasets hold an entity's statements, which collections a document
was uploaded into or is cited from, and one page of the documents a set of
collections may read. The rules themselves (who may read what) stay in
:mod:`tracegraph.api.access`; these functions only gather the rows.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection, Iterable, Sequence
from typing import Any

from tracegraph.errors import NotFoundError
from tracegraph.store.base import Store
from tracegraph.store.engine import Database
from tracegraph.store.records import DOCUMENT_COLUMNS, chunks, marks


class LentStore(Store):
    """A read-only store without a connection of its own: its SQL runs on the store ``lend`` gives the
    calling thread (a pool's), so one view can serve a request whichever thread runs it."""

    def __init__(self, lend: Callable[[], Store]) -> None:  # no super().__init__: no migration, no connection
        self._lend = lend
        self.uri = lend().uri
        self.param = lend().param
        self._depth = 0
        self._lock = threading.RLock()
        self.conn = None

    def execute(self, query: str, params: Sequence[Any] = ()) -> Any:
        return self._lend().execute(query, params)

    def executemany(self, query: str, rows: Iterable[Sequence[Any]]) -> None:
        raise NotFoundError("a scoped store is read-only")

    def close(self) -> None:
        """Nothing to close: the lender owns the connections."""


def entity_datasets(db: Database, entity_ids: Sequence[str]) -> list[tuple[str, str]]:
    """(entity id, dataset) pairs of these entities' statements, each pair once."""
    found: list[tuple[str, str]] = []
    for part in chunks(entity_ids):
        rows = db.query(f"SELECT DISTINCT entity_id, dataset FROM statements WHERE entity_id IN ({marks(part)})", part)
        found += [(str(r[0]), str(r[1])) for r in rows]
    return found


def claimed_collections(db: Database, doc_id: str) -> set[str]:
    """The collections a document was uploaded into."""
    rows = db.query("SELECT collection FROM document_collections WHERE document_id = ?", (doc_id,))
    return {str(r[0]) for r in rows}


def documents_with_claims(db: Database, doc_ids: Sequence[str]) -> tuple[list[tuple[Any, ...]], dict[str, set[str]]]:
    """The rows (:data:`DOCUMENT_COLUMNS`) of the documents with these ids, each once, and the collections each
    was uploaded into (for those that were): one query per few hundred ids."""
    docs: dict[str, tuple[Any, ...]] = {}
    claims: dict[str, set[str]] = {}
    width = len(DOCUMENT_COLUMNS.split(","))
    columns = ", ".join(f"d.{c.strip()}" for c in DOCUMENT_COLUMNS.split(","))
    for part in chunks(sorted(set(doc_ids))):
        rows = db.query(
            f"SELECT {columns}, c.collection FROM documents d LEFT JOIN document_collections c "
            f"ON c.document_id = d.id WHERE d.id IN ({marks(part)})",
            part,
        )
        for row in rows:
            docs.setdefault(str(row[0]), row[:width])
            if row[width] is not None:
                claims.setdefault(str(row[0]), set()).add(str(row[width]))
    return list(docs.values()), claims


def citing_datasets(db: Database, doc_id: str) -> set[str]:
    """The datasets whose statements cite a document."""
    return {str(r[0]) for r in db.query("SELECT DISTINCT dataset FROM statements WHERE document_id = ?", (doc_id,))}


def readable_documents(
    db: Database,
    readable: Collection[str] | None,
    unclaimed_default: bool,
    title: str | None,
    limit: int,
    offset: int,
) -> tuple[int, list[tuple[Any, ...]]]:
    """How many live documents ``readable`` collections may read (``None``: all), and one page of their rows.

    A document's collections are those it was uploaded into, else those of the statements citing
    it; with ``unclaimed_default`` a document neither claimed nor cited is readable too (it is in
    the default collection). ``title``: only documents with it in their title, any case.
    Rows hold :data:`~tracegraph.store.records.DOCUMENT_COLUMNS`, by source and order in it.
    """
    where = ["d.retired_at IS NULL"]
    params: list[Any] = []
    if readable is not None:
        names = sorted(readable)
        listed = ", ".join("?" for _ in names)
        unclaimed = "NOT EXISTS (SELECT 1 FROM document_collections c WHERE c.document_id = d.id)"
        cited = f"EXISTS (SELECT 1 FROM statements s WHERE s.document_id = d.id AND s.dataset IN ({listed}))"
        if unclaimed_default:
            cited = f"({cited} OR NOT EXISTS (SELECT 1 FROM statements s WHERE s.document_id = d.id))"
        where.append(
            f"(d.id IN (SELECT c.document_id FROM document_collections c WHERE c.collection IN ({listed})) "
            f"OR ({unclaimed} AND {cited}))"
        )
        params += [*names, *names]
    if title:
        where.append("LOWER(d.title) LIKE ? ESCAPE '!'")
        escaped = title.lower().replace("!", "!!").replace("%", "!%").replace("_", "!_")
        params.append(f"%{escaped}%")
    clause = " AND ".join(where)
    total = int(db.query(f"SELECT COUNT(*) FROM documents d WHERE {clause}", params)[0][0])
    columns = ", ".join(f"d.{c.strip()}" for c in DOCUMENT_COLUMNS.split(","))
    rows = db.query(
        f"SELECT {columns} FROM documents d WHERE {clause} ORDER BY d.source_id, d.seq LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return total, rows
