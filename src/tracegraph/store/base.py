"""The store: append-only statements with provenance, documents, judgements and bookkeeping.

:class:`Store` is written once over SQLAlchemy Core; a backend (``sqlite.py``,
``postgres.py``) supplies the engine and a few hooks. The parts live in their
own modules: ``engine`` (connection, transactions, migrations), ``records``
(sources, documents, statements), ``resolver`` (judgement log, clusters).
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby
from typing import Any

from tracegraph.errors import NotFoundError
from tracegraph.store.adjacency import AdjacencyPart
from tracegraph.store.engine import now
from tracegraph.store.migrations import STORE_FORMAT
from tracegraph.store.model import Entity, Statement
from tracegraph.store.names import NamesPart
from tracegraph.store.records import NOT_RETIRED, RecordsPart, statement_columns, statement_from_row
from tracegraph.store.resolver import ResolverPart
from tracegraph.vocab import common_schema

__all__ = ["Store", "now"]


class Store(ResolverPart, NamesPart, AdjacencyPart, RecordsPart):
    """Append-only statements with provenance, plus sources, documents and judgements."""

    # -- entities -----------------------------------------------------------
    def entity(self, entity_id: str) -> Entity:
        """The entity (assembled from its cluster's statements) that any member or canonical id names.

        Reads through :meth:`statements`, so a subclass that filters statements
        (the server's per-user view) filters entities too.
        """
        canonical_id = self.canonical(entity_id)
        statements = list(self.statements(entity_ids=self.members(canonical_id)))
        if not statements:
            raise NotFoundError("no such entity", subject=entity_id)
        return Entity.assemble(canonical_id, statements, common_schema(s.schema for s in statements))

    # first-release hooks, kept for subclasses that override them (the server's scoped view)
    def _entity(self, entity_id: str, clusters: dict[str, str]) -> Entity:
        canonical_id = clusters.get(entity_id, entity_id)
        members = sorted(m for m, c in clusters.items() if c == canonical_id) or [canonical_id]
        statements = list(self.statements(entity_ids=members))
        if not statements:
            raise NotFoundError("no such entity", subject=entity_id)
        return Entity.assemble(canonical_id, statements, common_schema(s.schema for s in statements))

    def _entity_ids(self, schema: str | None, clusters: dict[str, str]) -> list[str]:
        if schema is None:
            rows = self.query("SELECT DISTINCT entity_id FROM statements ORDER BY entity_id")
        else:
            rows = self.query(
                "SELECT DISTINCT entity_id FROM statements WHERE schema = ? ORDER BY entity_id", (schema,)
            )
        return sorted({clusters.get(row[0], row[0]) for row in rows})

    def entity_statements(self, canonical_id: str, include_retired: bool = False) -> list[Statement]:
        """The statements of one canonical entity, by the ``canonical_id`` index."""
        retired = f"AND {NOT_RETIRED}" if not include_retired else ""
        rows = self.query(
            f"SELECT {statement_columns()} FROM statements s WHERE s.canonical_id = ? {retired} "
            "ORDER BY s.first_seen, s.id",
            (canonical_id,),
        )
        return [statement_from_row(row) for row in rows]

    def schemata(self, canonical_id: str) -> list[str]:
        """The schemata the statements of a cluster were written with."""
        rows = self.query("SELECT DISTINCT schema FROM statements WHERE canonical_id = ?", (canonical_id,))
        return sorted(row[0] for row in rows)

    def has_entity(self, entity_id: str) -> bool:
        """Whether statements exist under this id, as a member or a canonical id."""
        return bool(
            self.query("SELECT 1 FROM statements WHERE entity_id = ? LIMIT 1", (entity_id,))
            or self.query("SELECT 1 FROM statements WHERE canonical_id = ? LIMIT 1", (entity_id,))
        )

    def entity_ids(self, schema: str | None = None) -> list[str]:
        if schema is None:
            rows = self.query("SELECT DISTINCT canonical_id FROM statements ORDER BY canonical_id")
        else:
            rows = self.query(
                "SELECT DISTINCT canonical_id FROM statements WHERE canonical_id IN "
                "(SELECT canonical_id FROM statements WHERE schema = ?) ORDER BY canonical_id",
                (schema,),
            )
        return [row[0] for row in rows]

    def entities(self, schema: str | None = None) -> Iterator[Entity]:
        """Every entity (optionally those with a statement of ``schema``), read in one pass."""
        where = f"WHERE {NOT_RETIRED}"
        params: tuple[Any, ...] = ()
        if schema is not None:
            where += " AND s.canonical_id IN (SELECT canonical_id FROM statements WHERE schema = ?)"
            params = (schema,)
        cur = self.execute(
            f"SELECT s.canonical_id, {statement_columns()} FROM statements s {where} "
            "ORDER BY s.canonical_id, s.first_seen, s.id",
            params,
        )
        for canonical_id, rows in groupby(cur, key=lambda row: row[0]):
            stmts = [statement_from_row(row[1:]) for row in rows]
            yield Entity.assemble(canonical_id, stmts, common_schema(s.schema for s in stmts))

    # -- bookkeeping ------------------------------------------------------
    def record_failure(self, uri: str, stage: str, reason: str) -> None:
        self.execute("INSERT INTO failures (uri, stage, reason, at) VALUES (?, ?, ?, ?)", (uri, stage, reason, now()))

    def failures(self) -> list[dict[str, Any]]:
        rows = self.query("SELECT uri, stage, reason, at FROM failures ORDER BY id")
        return [{"uri": r[0], "stage": r[1], "reason": r[2], "at": r[3]} for r in rows]

    def mark_processed(self, document_id: str, step: str, version: str) -> None:
        self.execute(
            "INSERT INTO processed (document_id, step, version, at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (document_id, step) DO UPDATE SET version = excluded.version, at = excluded.at",
            (document_id, step, version, now()),
        )

    def processed_version(self, document_id: str, step: str) -> str | None:
        rows = self.query("SELECT version FROM processed WHERE document_id = ? AND step = ?", (document_id, step))
        return rows[0][0] if rows else None

    def count_documents(self, include_retired: bool = False) -> int:
        where = "" if include_retired else " WHERE retired_at IS NULL"
        return int(self.query(f"SELECT COUNT(*) FROM documents{where}")[0][0])

    def datasets(self) -> dict[str, int]:
        """Statement counts per dataset."""
        rows = self.query("SELECT dataset, COUNT(*) FROM statements GROUP BY dataset ORDER BY dataset")
        return {row[0]: int(row[1]) for row in rows}

    def stats(self) -> dict[str, Any]:
        def count(sql: str) -> int:
            return int(self.query(sql)[0][0])

        by_schema = self.query(
            "SELECT schema, COUNT(DISTINCT entity_id) FROM statements GROUP BY schema ORDER BY 2 DESC, 1"
        )
        return {
            "store": self.uri,
            "backend": self.dialect,
            "format": STORE_FORMAT,
            "sources": count("SELECT COUNT(*) FROM sources"),
            "sources_failed": count("SELECT COUNT(*) FROM sources WHERE status = 'failed'"),
            "documents": count("SELECT COUNT(*) FROM documents WHERE retired_at IS NULL"),
            "documents_retired": count("SELECT COUNT(*) FROM documents WHERE retired_at IS NOT NULL"),
            "statements": count("SELECT COUNT(*) FROM statements"),
            "entities": count("SELECT COUNT(DISTINCT entity_id) FROM statements"),
            "judgements": len(self.judgements()),
            "failures": count("SELECT COUNT(*) FROM failures"),
            "entities_by_schema": {row[0]: row[1] for row in by_schema},
            "datasets": self.datasets(),
        }
