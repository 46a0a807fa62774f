"""Reading and writing scored pairs (``resolve_pairs``, see :mod:`tracegraph.resolve.tables`).

The only module of the resolver that reads or writes pairs; the SQL itself is in
:mod:`tracegraph.store.queries.resolve`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from tracegraph.store import Store
from tracegraph.store.queries import resolve as sql


@dataclass(frozen=True)
class ScoredPair:
    """Two entity ids (smaller first), the engine's score with each feature and reason, the verdict."""

    left_id: str
    right_id: str
    score: float
    verdict: str
    block: str
    features: dict[str, float] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)
    author: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "left": self.left_id,
            "right": self.right_id,
            "score": round(self.score, 4),
            "verdict": self.verdict,
            "block": self.block,
            "features": {k: round(v, 4) for k, v in self.features.items()},
            "reasons": self.reasons,
            "author": self.author,
        }


def _row(pair: ScoredPair) -> tuple[Any, ...]:
    return (
        pair.left_id,
        pair.right_id,
        round(pair.score, 6),
        pair.verdict,
        pair.block,
        json.dumps(pair.features, sort_keys=True),
        json.dumps(pair.reasons, sort_keys=True, ensure_ascii=False),
        pair.author,
    )


def save_pairs(store: Store, pairs: Iterable[ScoredPair]) -> int:
    """Write scored pairs; a pair already stored is updated in place. Returns how many were written."""
    rows = [_row(p) for p in pairs]
    if not rows:
        return 0
    sql.put_pairs(store, rows)
    return len(rows)


def _pair(row: tuple[Any, ...]) -> ScoredPair:
    return ScoredPair(
        str(row[0]),
        str(row[1]),
        float(row[2]),
        str(row[3]),
        str(row[4]),
        json.loads(row[5]),
        json.loads(row[6]),
        str(row[7]),
    )


def load_pairs(store: Store, low: float = 0.0, high: float = 1.01) -> list[ScoredPair]:
    """Stored pairs with ``low <= score < high``, best first."""
    return [_pair(row) for row in sql.pairs_between(store, low, high)]


def count_pairs(store: Store) -> int:
    return sql.count_pairs(store)
