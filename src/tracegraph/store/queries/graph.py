"""The SQL of entity look-ups by reference (``graph.refs``)."""

from __future__ import annotations

from tracegraph.store.engine import Database


def entity_ids_starting(db: Database, prefix: str, limit: int = 20) -> list[str]:
    """Up to ``limit`` distinct entity ids of statements that start with ``prefix`` (``%`` and ``_`` taken
    literally)."""
    rows = db.query(
        f"SELECT DISTINCT entity_id FROM statements WHERE entity_id LIKE ? LIMIT {int(limit)}",
        (prefix.replace("%", "").replace("_", "\\_") + "%",),
    )
    return [str(row[0]) for row in rows]
