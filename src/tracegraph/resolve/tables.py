"""The resolver's table: the candidate pairs it scored, with the engine's features and reasons.

``resolve_pairs`` holds one row per pair of entity ids (smaller id first) that a
block brought together and the matching engine scored, with the verdict the
resolver drew (``merge``, ``review``, ``apart``). Judgements stay in the store's
judgement log; this table is what ``tracegraph resolve --review`` reads. A new
run updates a pair's row in place, so running resolution twice leaves it as it was.
"""

from __future__ import annotations

from tracegraph.store.migrations import register

register(
    "resolve.1",
    """CREATE TABLE IF NOT EXISTS resolve_pairs (
        left_id TEXT NOT NULL,
        right_id TEXT NOT NULL,
        score REAL NOT NULL,
        verdict TEXT NOT NULL,
        block TEXT NOT NULL,
        features TEXT NOT NULL,
        reasons TEXT NOT NULL,
        author TEXT NOT NULL,
        PRIMARY KEY (left_id, right_id)
    )""",
    "CREATE INDEX IF NOT EXISTS ix_resolve_pairs_score ON resolve_pairs(score)",
)
