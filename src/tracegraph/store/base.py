"""The store's workflow, written once over a DB-API connection.

A backend (``sqlite.py``; a PostgreSQL one later) supplies a connection and
a few dialect hooks; everything else (migrations, upserts, assembling
entities from statements, judgements) lives here.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from tracegraph.errors import NotFoundError, StoreError
from tracegraph.store.migrations import STORE_FORMAT, registered
from tracegraph.store.model import Document, Entity, Source, Statement
from tracegraph.vocab import common_schema

_STATEMENT_COLUMNS = (
    "id, entity_id, schema, prop, value, dataset, document_id, record_id, span_start, span_end, "
    "extractor, extractor_version, confidence, lang, first_seen, last_seen"
)
_DOCUMENT_COLUMNS = (
    "id, source_id, seq, title, published, outlet, url, language, kind, text, offsets, "
    "first_seen, last_seen, retired_at"
)


def _members(clusters: dict[str, str], canonical_id: str) -> list[str]:
    found = [m for m, c in clusters.items() if c == canonical_id]
    return sorted(found) if found else [canonical_id]


def now() -> str:
    """The current UTC time as an ISO-8601 string with seconds."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S")


class Store:
    """Append-only statements with provenance, plus sources, documents and judgements."""

    #: the DB-API parameter marker of the backend
    param = "?"

    def __init__(self, conn: Any, uri: str) -> None:
        self.conn = conn
        self.uri = uri
        self._depth = 0
        self._lock = threading.RLock()
        self.migrate()

    # -- dialect hooks --------------------------------------------------
    def _sql(self, query: str) -> str:
        return query if self.param == "?" else query.replace("?", self.param)

    def _wrap_error(self, exc: Exception) -> StoreError:
        return StoreError(str(exc), subject=self.uri)

    # -- plumbing ---------------------------------------------------------
    def execute(self, query: str, params: Sequence[Any] = ()) -> Any:
        try:
            cur = self.conn.cursor()
            cur.execute(self._sql(query), tuple(params))
            return cur
        except StoreError:
            raise
        except Exception as exc:  # driver errors differ per backend
            raise self._wrap_error(exc) from exc

    def executemany(self, query: str, rows: Iterable[Sequence[Any]]) -> None:
        try:
            self.conn.cursor().executemany(self._sql(query), rows)
        except Exception as exc:
            raise self._wrap_error(exc) from exc

    def query(self, query: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return list(self.execute(query, params).fetchall())

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """All writes inside commit together or not at all; nesting joins the outer one."""
        with self._lock:
            self._depth += 1
            try:
                yield self
            except BaseException:
                self._depth -= 1
                if self._depth == 0:
                    self.conn.rollback()
                raise
            self._depth -= 1
            if self._depth == 0:
                try:
                    self.conn.commit()
                except Exception as exc:
                    raise self._wrap_error(exc) from exc

    def _autocommit(self) -> None:
        if self._depth == 0:
            try:
                self.conn.commit()
            except Exception as exc:
                raise self._wrap_error(exc) from exc

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- migrations -------------------------------------------------------
    def migrate(self) -> list[str]:
        """Apply registered migrations this file has not seen; return their names."""
        with self.transaction():
            self.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            self.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
            found = self.query("SELECT value FROM meta WHERE key = 'format'")
            if found and int(found[0][0]) > STORE_FORMAT:
                raise StoreError(
                    f"store format {found[0][0]} is newer than this tracegraph ({STORE_FORMAT}); upgrade tracegraph",
                    subject=self.uri,
                )
            done = {row[0] for row in self.query("SELECT name FROM migrations")}
            applied = []
            for migration in registered():
                if migration.name in done:
                    continue
                for statement in migration.statements:
                    self.execute(statement)
                self.execute("INSERT INTO migrations (name, applied_at) VALUES (?, ?)", (migration.name, now()))
                applied.append(migration.name)
            self.execute(
                "INSERT INTO meta (key, value) VALUES ('format', ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (str(STORE_FORMAT),),
            )
        return applied

    def migrations(self) -> list[str]:
        return [row[0] for row in self.query("SELECT name FROM migrations ORDER BY applied_at, name")]

    # -- sources ----------------------------------------------------------
    def source_by_uri(self, uri: str) -> Source | None:
        rows = self.query(
            "SELECT id, uri, content_hash, size, format, encoding, status, error, first_seen, last_seen "
            "FROM sources WHERE uri = ? ORDER BY last_seen DESC LIMIT 1",
            (uri,),
        )
        return Source(*rows[0]) if rows else None

    def source(self, source_id: str) -> Source:
        rows = self.query(
            "SELECT id, uri, content_hash, size, format, encoding, status, error, first_seen, last_seen "
            "FROM sources WHERE id = ?",
            (source_id,),
        )
        if not rows:
            raise NotFoundError("no such source", subject=source_id)
        return Source(*rows[0])

    def sources(self) -> list[Source]:
        rows = self.query(
            "SELECT id, uri, content_hash, size, format, encoding, status, error, first_seen, last_seen "
            "FROM sources ORDER BY uri"
        )
        return [Source(*row) for row in rows]

    def put_source(self, source: Source, raw_text: str | None = None) -> None:
        stamp = now()
        self.execute(
            "INSERT INTO sources (id, uri, content_hash, size, format, encoding, status, error, raw_text, "
            "first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET content_hash = excluded.content_hash, size = excluded.size, "
            "format = excluded.format, encoding = excluded.encoding, status = excluded.status, "
            "error = excluded.error, raw_text = COALESCE(excluded.raw_text, sources.raw_text), "
            "last_seen = excluded.last_seen",
            (
                source.id,
                source.uri,
                source.content_hash,
                source.size,
                source.format,
                source.encoding,
                source.status,
                source.error,
                raw_text,
                stamp,
                stamp,
            ),
        )
        self._autocommit()

    def raw_text(self, source_id: str) -> str | None:
        rows = self.query("SELECT raw_text FROM sources WHERE id = ?", (source_id,))
        return rows[0][0] if rows else None

    # -- documents --------------------------------------------------------
    def put_document(self, doc: Document) -> None:
        """Insert a document, or mark an existing one as seen again (and no longer retired)."""
        stamp = now()
        self.execute(
            f"INSERT INTO documents ({_DOCUMENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL) "
            "ON CONFLICT (id) DO UPDATE SET last_seen = excluded.last_seen, retired_at = NULL, seq = excluded.seq",
            (
                doc.id,
                doc.source_id,
                doc.seq,
                doc.title,
                doc.published,
                doc.outlet,
                doc.url,
                doc.language,
                doc.kind,
                doc.text,
                json.dumps(doc.offsets),
                stamp,
                stamp,
            ),
        )
        self._autocommit()

    def retire_documents(self, source_id: str, keep: Iterable[str]) -> int:
        """Mark documents of a source that a newer read no longer contains; nothing is deleted."""
        keep_set = set(keep)
        rows = self.query("SELECT id FROM documents WHERE source_id = ? AND retired_at IS NULL", (source_id,))
        gone = [row[0] for row in rows if row[0] not in keep_set]
        stamp = now()
        for doc_id in gone:
            self.execute("UPDATE documents SET retired_at = ? WHERE id = ?", (stamp, doc_id))
        self._autocommit()
        return len(gone)

    @staticmethod
    def _document(row: Sequence[Any]) -> Document:
        values = list(row)
        values[10] = tuple(tuple(run) for run in json.loads(values[10]))
        (
            id_,
            source_id,
            seq,
            title,
            published,
            outlet,
            url,
            language,
            kind,
            text,
            offsets,
            first_seen,
            last_seen,
            retired_at,
        ) = values
        return Document(
            id=id_,
            source_id=source_id,
            seq=seq,
            text=text,
            title=title,
            published=published,
            outlet=outlet,
            url=url,
            language=language,
            kind=kind,
            offsets=offsets,
            first_seen=first_seen,
            last_seen=last_seen,
            retired_at=retired_at,
        )

    def document(self, doc_id: str) -> Document:
        rows = self.query(f"SELECT {_DOCUMENT_COLUMNS} FROM documents WHERE id = ?", (doc_id,))
        if not rows:
            rows = self.query(
                f"SELECT {_DOCUMENT_COLUMNS} FROM documents WHERE id LIKE ? ORDER BY id LIMIT 2", (doc_id + "%",)
            )
            if len(rows) != 1:
                raise NotFoundError("no such document", subject=doc_id)
        return self._document(rows[0])

    def documents(self, source_id: str | None = None, include_retired: bool = False) -> Iterator[Document]:
        where, params = [], []
        if source_id is not None:
            where.append("source_id = ?")
            params.append(source_id)
        if not include_retired:
            where.append("retired_at IS NULL")
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        cur = self.execute(f"SELECT {_DOCUMENT_COLUMNS} FROM documents {clause} ORDER BY source_id, seq", params)
        for row in cur:
            yield self._document(row)

    # -- statements -------------------------------------------------------
    def add_statements(self, statements: Iterable[Statement]) -> int:
        """Append statements; a statement already stored only has its last-seen time updated."""
        stamp = now()
        rows = [
            (
                s.id,
                s.entity_id,
                s.schema,
                s.prop,
                s.value,
                s.dataset,
                s.document_id,
                s.record_id,
                s.span_start,
                s.span_end,
                s.extractor,
                s.extractor_version,
                s.confidence,
                s.lang,
                s.first_seen or stamp,
                s.last_seen or stamp,
            )
            for s in statements
        ]
        self.executemany(
            f"INSERT INTO statements ({_STATEMENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET last_seen = excluded.last_seen",
            rows,
        )
        self._autocommit()
        return len(rows)

    def statements(
        self,
        entity_ids: Iterable[str] | None = None,
        document_id: str | None = None,
        prop: str | None = None,
        value: str | None = None,
        include_retired: bool = False,
    ) -> Iterator[Statement]:
        where: list[str] = []
        params: list[Any] = []
        if entity_ids is not None:
            ids = list(entity_ids)
            if not ids:
                return
            where.append(f"s.entity_id IN ({', '.join('?' for _ in ids)})")
            params.extend(ids)
        if document_id is not None:
            where.append("s.document_id = ?")
            params.append(document_id)
        if prop is not None:
            where.append("s.prop = ?")
            params.append(prop)
        if value is not None:
            where.append("s.value = ?")
            params.append(value)
        if not include_retired:
            where.append(
                "(s.document_id IS NULL OR NOT EXISTS (SELECT 1 FROM documents d "
                "WHERE d.id = s.document_id AND d.retired_at IS NOT NULL))"
            )
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        cols = ", ".join(f"s.{c.strip()}" for c in _STATEMENT_COLUMNS.split(","))
        cur = self.execute(f"SELECT {cols} FROM statements s {clause} ORDER BY s.first_seen, s.id", params)
        for row in cur:
            yield Statement(
                entity_id=row[1],
                schema=row[2],
                prop=row[3],
                value=row[4],
                dataset=row[5],
                document_id=row[6],
                record_id=row[7],
                span_start=row[8],
                span_end=row[9],
                extractor=row[10],
                extractor_version=row[11],
                confidence=row[12],
                lang=row[13],
                first_seen=row[14],
                last_seen=row[15],
            )

    # -- judgements and entities -----------------------------------------
    def add_judgement(self, judgement_id: str, left: str, right: str, kind: str, reason: str, author: str) -> None:
        self.execute(
            "INSERT INTO judgements (id, left_id, right_id, kind, reason, author, created_at, undone_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, NULL) ON CONFLICT (id) DO UPDATE SET undone_at = NULL, "
            "reason = excluded.reason",
            (judgement_id, left, right, kind, reason, author, now()),
        )
        self._autocommit()

    def undo_judgements(self, entity_id: str, kind: str = "merge") -> int:
        stamp = now()
        cur = self.execute(
            "UPDATE judgements SET undone_at = ? "
            "WHERE kind = ? AND undone_at IS NULL AND (left_id = ? OR right_id = ?)",
            (stamp, kind, entity_id, entity_id),
        )
        self._autocommit()
        return int(cur.rowcount or 0)

    def judgements(self, include_undone: bool = False) -> list[dict[str, Any]]:
        clause = "" if include_undone else "WHERE undone_at IS NULL"
        rows = self.query(
            "SELECT id, left_id, right_id, kind, reason, author, created_at, undone_at "
            f"FROM judgements {clause} ORDER BY created_at, id"
        )
        keys = ("id", "left_id", "right_id", "kind", "reason", "author", "created_at", "undone_at")
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def clusters(self) -> dict[str, str]:
        """Member id to canonical id, from the active merge judgements.

        The canonical id of a cluster is its smallest member id, so it does not
        depend on the order in which merges were made.
        """
        parent: dict[str, str] = {}

        def find(x: str) -> str:
            parent.setdefault(x, x)
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for j in self.judgements():
            if j["kind"] != "merge":
                continue
            a, b = find(j["left_id"]), find(j["right_id"])
            if a != b:
                parent[max(a, b)] = min(a, b)
        return {member: find(member) for member in parent}

    def canonical(self, entity_id: str) -> str:
        return self.clusters().get(entity_id, entity_id)

    def members(self, canonical_id: str) -> list[str]:
        return _members(self.clusters(), canonical_id)

    def entity(self, entity_id: str) -> Entity:
        return self._entity(entity_id, self.clusters())

    def _entity(self, entity_id: str, clusters: dict[str, str]) -> Entity:
        canonical = clusters.get(entity_id, entity_id)
        statements = list(self.statements(entity_ids=_members(clusters, canonical)))
        if not statements:
            raise NotFoundError("no such entity", subject=entity_id)
        schema = common_schema(s.schema for s in statements)
        return Entity.assemble(canonical, statements, schema)

    def entity_ids(self, schema: str | None = None) -> list[str]:
        return self._entity_ids(schema, self.clusters())

    def _entity_ids(self, schema: str | None, clusters: dict[str, str]) -> list[str]:
        if schema is None:
            rows = self.query("SELECT DISTINCT entity_id FROM statements ORDER BY entity_id")
        else:
            rows = self.query(
                "SELECT DISTINCT entity_id FROM statements WHERE schema = ? ORDER BY entity_id", (schema,)
            )
        return sorted({clusters.get(row[0], row[0]) for row in rows})

    def entities(self, schema: str | None = None) -> Iterator[Entity]:
        clusters = self.clusters()  # read the judgements once, not once per entity
        for entity_id in self._entity_ids(schema, clusters):
            yield self._entity(entity_id, clusters)

    # -- bookkeeping ------------------------------------------------------
    def record_failure(self, uri: str, stage: str, reason: str) -> None:
        self.execute("INSERT INTO failures (uri, stage, reason, at) VALUES (?, ?, ?, ?)", (uri, stage, reason, now()))
        self._autocommit()

    def failures(self) -> list[dict[str, Any]]:
        rows = self.query("SELECT uri, stage, reason, at FROM failures ORDER BY id")
        return [{"uri": r[0], "stage": r[1], "reason": r[2], "at": r[3]} for r in rows]

    def mark_processed(self, document_id: str, step: str, version: str) -> None:
        self.execute(
            "INSERT INTO processed (document_id, step, version, at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (document_id, step) DO UPDATE SET version = excluded.version, at = excluded.at",
            (document_id, step, version, now()),
        )
        self._autocommit()

    def processed_version(self, document_id: str, step: str) -> str | None:
        rows = self.query("SELECT version FROM processed WHERE document_id = ? AND step = ?", (document_id, step))
        return rows[0][0] if rows else None

    def stats(self) -> dict[str, Any]:
        def count(sql: str) -> int:
            return int(self.query(sql)[0][0])

        by_schema = self.query(
            "SELECT schema, COUNT(DISTINCT entity_id) FROM statements GROUP BY schema ORDER BY 2 DESC, 1"
        )
        return {
            "store": self.uri,
            "format": STORE_FORMAT,
            "sources": count("SELECT COUNT(*) FROM sources"),
            "sources_failed": count("SELECT COUNT(*) FROM sources WHERE status = 'failed'"),
            "documents": count("SELECT COUNT(*) FROM documents WHERE retired_at IS NULL"),
            "documents_retired": count("SELECT COUNT(*) FROM documents WHERE retired_at IS NOT NULL"),
            "statements": count("SELECT COUNT(*) FROM statements"),
            "entities": count("SELECT COUNT(DISTINCT entity_id) FROM statements"),
            "judgements": count("SELECT COUNT(*) FROM judgements WHERE undone_at IS NULL"),
            "failures": count("SELECT COUNT(*) FROM failures"),
            "entities_by_schema": {row[0]: row[1] for row in by_schema},
        }
