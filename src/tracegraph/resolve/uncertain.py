"""The uncertain middle: stored pairs between two scores that no judgement has settled yet."""

from __future__ import annotations

from typing import Any

from tracegraph.resolve.judgements import distinct_pairs
from tracegraph.resolve.pairs import load_pairs
from tracegraph.resolve.rules import AUTO_MERGE, REVIEW_FROM
from tracegraph.store import Store


def review(
    store: Store, low: float = REVIEW_FROM, high: float = AUTO_MERGE, limit: int | None = None
) -> list[dict[str, Any]]:
    """Pairs scored ``low <= score < high`` whose sides are still apart and not judged distinct, best first.

    Each row has both ids, their current canonical ids and names, the score, the verdict
    the resolver drew and each feature's reason, so a person can ``merge`` or ``distinct`` them.
    """
    distinct = distinct_pairs(store)
    clusters = store.clusters()
    rows: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for pair in load_pairs(store, low, high):
        left, right = clusters.get(pair.left_id, pair.left_id), clusters.get(pair.right_id, pair.right_id)
        key = (min(left, right), max(left, right))
        if left == right or key in seen or _judged(store, distinct, left, right):
            continue
        seen.add(key)
        names = store.names_of([pair.left_id, pair.right_id])
        rows.append(
            {
                **pair.to_dict(),
                "left_canonical": left,
                "right_canonical": right,
                "left_names": sorted(names.get(pair.left_id, [])),
                "right_names": sorted(names.get(pair.right_id, [])),
            }
        )
        if limit is not None and len(rows) >= limit:
            break
    return rows


def _judged(store: Store, distinct: set[tuple[str, str]], left: str, right: str) -> bool:
    """Whether a person said the two clusters are different (any member with any member)."""
    if not distinct:
        return False
    a = set(store.members(left)) | {left}
    b = set(store.members(right)) | {right}
    return any((min(x, y), max(x, y)) in distinct for x in a for y in b)
