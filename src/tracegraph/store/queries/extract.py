"""The SQL of extraction: which documents are due, clearing an extractor's old output, and reading it back."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tracegraph.store.engine import Database
from tracegraph.store.records import marks


def live_documents(db: Database) -> list[tuple[str, str]]:
    """Id and kind of every document not retired, in source order."""
    return db.query("SELECT id, kind FROM documents WHERE retired_at IS NULL ORDER BY source_id, seq, id")


def processed_steps(db: Database, steps: Sequence[str]) -> list[tuple[str, str, str]]:
    """Document id, step and version of every ``processed`` row of one of ``steps``."""
    return db.query(f"SELECT document_id, step, version FROM processed WHERE step IN ({marks(steps)})", steps)


def delete_output(db: Database, document_id: str, extractor: str) -> int:
    """Delete what ``extractor`` found in a document (to write its new output); how many statements went."""
    cur = db.execute("DELETE FROM statements WHERE document_id = ? AND extractor = ?", (document_id, extractor))
    return int(cur.rowcount or 0)


def name_values(db: Database) -> list[tuple[str, str]]:
    """Entity id and value of every ``name`` statement."""
    return db.query("SELECT entity_id, value FROM statements WHERE prop = 'name'")


def output_with_spans(db: Database, extractors: Sequence[str]) -> list[tuple[Any, ...]]:
    """Entity id, schema, property, value, document id, span start and end of the statements of ``extractors``."""
    return db.query(
        "SELECT entity_id, schema, prop, value, document_id, span_start, span_end FROM statements "
        f"WHERE extractor IN ({marks(extractors)})",
        list(extractors),
    )


def output_values(db: Database, extractors: Sequence[str]) -> list[tuple[str, str, str, str]]:
    """Entity id, schema, property and value of the statements of ``extractors``, oldest first."""
    return db.query(
        f"SELECT entity_id, schema, prop, value FROM statements WHERE extractor IN ({marks(extractors)}) "
        "ORDER BY first_seen",
        extractors,
    )


def entity_ids_of(db: Database, extractor: str) -> set[str]:
    """The entity ids ``extractor`` made statements about."""
    return {str(r[0]) for r in db.query("SELECT DISTINCT entity_id FROM statements WHERE extractor = ?", (extractor,))}


def listed_names(db: Database, schemata: Sequence[str], limit: int) -> list[tuple[str, str]]:
    """Distinct names and aliases from records (list data) of entities of ``schemata``: value and schema."""
    return db.query(
        f"SELECT DISTINCT value, schema FROM statements WHERE prop IN ('name', 'alias') "
        f"AND record_id IS NOT NULL AND schema IN ({marks(schemata)}) ORDER BY value, schema LIMIT {int(limit)}",
        schemata,
    )
