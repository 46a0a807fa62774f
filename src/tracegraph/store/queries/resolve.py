"""The SQL of the resolver: scored pairs (``resolve_pairs``, see ``resolve.tables``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tracegraph.store.engine import Database

#: the columns of a pair row, in the order :func:`put_pairs` takes and :func:`pairs_between` gives them
PAIR_COLUMNS = "left_id, right_id, score, verdict, block, features, reasons, author"


def put_pairs(db: Database, rows: Sequence[Sequence[Any]]) -> None:
    """Write pair rows (:data:`PAIR_COLUMNS`); a pair already stored is updated in place."""
    with db.transaction():
        db.executemany(
            f"INSERT INTO resolve_pairs ({PAIR_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (left_id, right_id) DO UPDATE SET score = excluded.score, verdict = excluded.verdict, "
            "block = excluded.block, features = excluded.features, reasons = excluded.reasons, "
            "author = excluded.author",
            rows,
        )


def pairs_between(db: Database, low: float, high: float) -> list[tuple[Any, ...]]:
    """Pair rows with ``low <= score < high``, best first."""
    return db.query(
        f"SELECT {PAIR_COLUMNS} FROM resolve_pairs WHERE score >= ? AND score < ? "
        "ORDER BY score DESC, left_id, right_id",
        (low, high),
    )


def count_pairs(db: Database) -> int:
    return int(db.query("SELECT COUNT(*) FROM resolve_pairs")[0][0])
