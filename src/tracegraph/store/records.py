"""Sources, documents and statements: reading and appending."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from tracegraph.errors import NotFoundError
from tracegraph.store.engine import Database, now
from tracegraph.store.model import Document, Source, Statement
from tracegraph.vocab import prop_type

STATEMENT_COLUMNS = (
    "id, entity_id, schema, prop, value, dataset, document_id, record_id, span_start, span_end, "
    "extractor, extractor_version, confidence, lang, first_seen, last_seen, hedge, attribution, original_value"
)
DOCUMENT_COLUMNS = (
    "id, source_id, seq, title, published, outlet, url, language, kind, text, offsets, "
    "first_seen, last_seen, retired_at"
)
_SOURCE_COLUMNS = "id, uri, content_hash, size, format, encoding, status, error, first_seen, last_seen"
#: statements of retired documents are hidden, not deleted
NOT_RETIRED = (
    "(s.document_id IS NULL OR NOT EXISTS (SELECT 1 FROM documents d "
    "WHERE d.id = s.document_id AND d.retired_at IS NOT NULL))"
)
#: ids per ``IN (...)`` list
CHUNK = 500


def marks(values: Sequence[Any]) -> str:
    return ", ".join("?" for _ in values)


def chunks(values: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def statement_from_row(row: Sequence[Any]) -> Statement:
    """A :class:`Statement` from the columns of :data:`STATEMENT_COLUMNS` (the id is derived)."""
    return Statement(
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
        hedge=row[16],
        attribution=row[17],
        original_value=row[18],
    )


def statement_columns(alias: str = "s") -> str:
    return ", ".join(f"{alias}.{c.strip()}" for c in STATEMENT_COLUMNS.split(","))


class RecordsPart(Database):
    """Sources, documents and statements."""

    # -- sources ----------------------------------------------------------
    def source_by_uri(self, uri: str) -> Source | None:
        rows = self.query(
            f"SELECT {_SOURCE_COLUMNS} FROM sources WHERE uri = ? ORDER BY last_seen DESC LIMIT 1",
            (uri,),
        )
        return Source(*rows[0]) if rows else None

    def source(self, source_id: str) -> Source:
        rows = self.query(f"SELECT {_SOURCE_COLUMNS} FROM sources WHERE id = ?", (source_id,))
        if not rows:
            raise NotFoundError("no such source", subject=source_id)
        return Source(*rows[0])

    def sources(self) -> list[Source]:
        return [Source(*row) for row in self.query(f"SELECT {_SOURCE_COLUMNS} FROM sources ORDER BY uri")]

    def sources_by_id(self, source_ids: Iterable[str]) -> dict[str, Source]:
        """The known sources among these ids (one read per few hundred ids); unknown ids are left out."""
        found: dict[str, Source] = {}
        ids = sorted(set(source_ids))
        for part in chunks(ids):
            for row in self.query(f"SELECT {_SOURCE_COLUMNS} FROM sources WHERE id IN ({marks(part)})", part):
                found[row[0]] = Source(*row)
        return found

    def put_source(self, source: Source, raw_text: str | None = None) -> None:
        self.put_sources([(source, raw_text)])

    def put_sources(self, sources: Sequence[tuple[Source, str | None]]) -> None:
        """Insert or update sources (each with its raw text or None) in one batch."""
        stamp = now()
        self.executemany(
            "INSERT INTO sources (id, uri, content_hash, size, format, encoding, status, error, raw_text, "
            "first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET content_hash = excluded.content_hash, size = excluded.size, "
            "format = excluded.format, encoding = excluded.encoding, status = excluded.status, "
            "error = excluded.error, raw_text = COALESCE(excluded.raw_text, sources.raw_text), "
            "last_seen = excluded.last_seen",
            [
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
                )
                for source, raw_text in sources
            ],
        )

    def raw_text(self, source_id: str) -> str | None:
        rows = self.query("SELECT raw_text FROM sources WHERE id = ?", (source_id,))
        return rows[0][0] if rows else None

    # -- documents --------------------------------------------------------
    def put_document(self, doc: Document) -> None:
        """Insert a document, or mark an existing one as seen again (and no longer retired)."""
        self.put_documents([doc])

    def put_documents(self, docs: Sequence[Document]) -> None:
        """:meth:`put_document` for many documents in one batch."""
        stamp = now()
        self.executemany(
            f"INSERT INTO documents ({DOCUMENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL) "
            "ON CONFLICT (id) DO UPDATE SET last_seen = excluded.last_seen, retired_at = NULL, seq = excluded.seq",
            [
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
                )
                for doc in docs
            ],
        )

    def retire_documents(self, source_id: str, keep: Iterable[str]) -> int:
        """Mark documents of a source that a newer read no longer contains; nothing is deleted."""
        return self.retire_many({source_id: keep})

    def retire_many(self, keep: dict[str, Iterable[str]]) -> int:
        """:meth:`retire_documents` for several sources at once (source id: the documents it still has)."""
        keeping = {source_id: set(ids) for source_id, ids in keep.items()}
        gone: list[str] = []
        for part in chunks(sorted(keeping)):
            rows = self.query(
                f"SELECT id, source_id FROM documents WHERE source_id IN ({marks(part)}) AND retired_at IS NULL",
                part,
            )
            gone.extend(doc_id for doc_id, source_id in rows if doc_id not in keeping[source_id])
        stamp = now()
        self.executemany("UPDATE documents SET retired_at = ? WHERE id = ?", [(stamp, doc_id) for doc_id in gone])
        return len(gone)

    @staticmethod
    def _document(row: Sequence[Any]) -> Document:
        offsets = tuple(tuple(run) for run in json.loads(row[10]))
        return Document(
            id=row[0],
            source_id=row[1],
            seq=row[2],
            title=row[3],
            published=row[4],
            outlet=row[5],
            url=row[6],
            language=row[7],
            kind=row[8],
            text=row[9],
            offsets=offsets,  # type: ignore[arg-type]
            first_seen=row[11],
            last_seen=row[12],
            retired_at=row[13],
        )

    def document(self, doc_id: str) -> Document:
        rows = self.query(f"SELECT {DOCUMENT_COLUMNS} FROM documents WHERE id = ?", (doc_id,))
        if not rows:
            rows = self.query(
                f"SELECT {DOCUMENT_COLUMNS} FROM documents WHERE id LIKE ? ORDER BY id LIMIT 2",
                (doc_id.replace("%", "") + "%",),
            )
            if len(rows) != 1:
                raise NotFoundError("no such document", subject=doc_id)
        return self._document(rows[0])

    def documents_by_id(self, doc_ids: Iterable[str]) -> dict[str, Document]:
        """The documents with these ids (in one read per few hundred ids); unknown ids are left out."""
        found: dict[str, Document] = {}
        ids = sorted(set(doc_ids))
        for part in chunks(ids):
            for row in self.query(f"SELECT {DOCUMENT_COLUMNS} FROM documents WHERE id IN ({marks(part)})", part):
                found[row[0]] = self._document(row)
        return found

    def documents(self, source_id: str | None = None, include_retired: bool = False) -> Iterator[Document]:
        where, params = [], []
        if source_id is not None:
            where.append("source_id = ?")
            params.append(source_id)
        if not include_retired:
            where.append("retired_at IS NULL")
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        rows = self.query(f"SELECT {DOCUMENT_COLUMNS} FROM documents {clause} ORDER BY source_id, seq", params)
        for row in rows:
            yield self._document(row)

    # -- statements -------------------------------------------------------
    def _canonical_of(self, entity_ids: Sequence[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for part in chunks(entity_ids):
            rows = self.query(f"SELECT entity_id, canonical_id FROM clusters WHERE entity_id IN ({marks(part)})", part)
            found.update((row[0], row[1]) for row in rows)
        return found

    def add_statements(self, statements: Iterable[Statement]) -> int:
        """Append statements, each value cleaned by its FtM property type (``Statement.cleaned``);
        a statement already stored only has its last-seen time updated."""
        stamp = now()
        items = [c for c in (s.cleaned() for s in statements) if c is not None]
        if not items:
            return 0
        rows: list[tuple[Any, ...]] = []
        with self.transaction():
            canonical = self._canonical_of(sorted({s.entity_id for s in items}))
            for s in items:
                rows.append(
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
                        s.hedge,
                        s.attribution,
                        s.original_value,
                        prop_type(s.schema, s.prop),
                        canonical.get(s.entity_id, s.entity_id),
                    )
                )
            unique = list({row[0]: row for row in rows}.values())  # a statement given twice is written once
            self.insert_many(
                "statements",
                [*(c.strip() for c in STATEMENT_COLUMNS.split(",")), "prop_type", "canonical_id"],
                unique,
                "ON CONFLICT (id) DO UPDATE SET last_seen = excluded.last_seen",
            )
            self._index_names((r[1], r[5], r[3], r[4]) for r in rows if r[-2] == "name")
            self.executemany(
                "INSERT INTO datasets (name, first_seen) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
                [(name, stamp) for name in sorted({r[5] for r in rows})],
            )
        return len(rows)

    def _index_names(self, rows: Iterable[tuple[str, str, str, str]]) -> None:
        """Hook: the name index (``names.py``) keeps name-typed values."""

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
            where.append(f"s.entity_id IN ({marks(ids)})")
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
            where.append(NOT_RETIRED)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        cur = self.execute(
            f"SELECT {statement_columns()} FROM statements s {clause} ORDER BY s.first_seen, s.id", params
        )
        for row in cur:
            yield statement_from_row(row)
