"""Merges and splits as recorded judgements: who, when, why; undoable; ids stay stable.

A merge never rewrites statements: it appends a row to the store's judgement
log, and the store folds merged ids into one cluster whose canonical id stays
put as the cluster grows (see ``store/resolver.py``). A split appends a
``distinct`` judgement per merged pair, so the automatic resolver does not
merge them again; a later ``merge`` by hand can still join them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tracegraph.errors import InputError, NotFoundError
from tracegraph.ids import make_id
from tracegraph.store import Store
from tracegraph.vocab import common_schema, ftm_model, own_schemata

MANUAL = "user"


@dataclass(frozen=True)
class Merge:
    left: str
    right: str
    canonical: str
    reason: str
    author: str

    def to_dict(self) -> dict[str, str]:
        return {
            "left": self.left,
            "right": self.right,
            "canonical": self.canonical,
            "reason": self.reason,
            "author": self.author,
        }


def judgement_id(kind: str, a: str, b: str) -> str:
    """One id per unordered pair and kind, so re-judging a pair updates its row."""
    return make_id("jd", kind, min(a, b), max(a, b))


def schemata_of(store: Store, entity_id: str) -> list[str]:
    """The schemata the statements of an entity's cluster were written with."""
    found = store.schemata(store.canonical(entity_id))
    if not found:
        raise NotFoundError("no such entity", subject=entity_id)
    return found


def compatible(schemata: Iterable[str]) -> bool:
    """Whether one entity may carry all of ``schemata`` (no Person with Company, no Company with PublicBody)."""
    names = list(dict.fromkeys(schemata))
    own = [n for n in names if n in own_schemata()]
    if own:
        return len(names) == 1
    model = ftm_model()
    result = model.get(names[0])
    if result is None:
        return False
    for name in names[1:]:
        try:
            result = model.common_schema(result, name)
        except Exception:  # FtM raises InvalidData when no schema covers both
            return False
    return True


def compatible_sides(left: Iterable[str], right: Iterable[str]) -> bool:
    """Whether two clusters may merge: their resolved types must fit one entity.

    Each side is first reduced to its own most specific type, so a side that
    extraction typed both Company and PublicBody does not block every merge.
    """
    a, b = sorted(set(left)), sorted(set(right))
    return compatible([common_schema(a), common_schema(b)])


def distinct_pairs(store: Store) -> set[tuple[str, str]]:
    """Pairs a person said are different (active ``distinct`` judgements), smaller id first."""
    return {
        (min(j["left_id"], j["right_id"]), max(j["left_id"], j["right_id"]))
        for j in store.judgements()
        if j["kind"] == "distinct"
    }


def merge(
    store: Store,
    left: str,
    right: str,
    reason: str,
    author: str = MANUAL,
    *,
    force: bool = False,
) -> Merge:
    """Record that ``left`` and ``right`` are the same entity; returns the cluster's canonical id."""
    if not reason.strip():
        raise InputError("a merge needs a reason", subject=f"{left} {right}")
    a, b = store.canonical(left), store.canonical(right)
    if a == b:
        return Merge(left, right, a, "already merged", author)
    left_types, right_types = schemata_of(store, a), schemata_of(store, b)
    schemata = left_types + right_types
    if not force and not compatible_sides(left_types, right_types):
        raise InputError(
            f"will not merge incompatible types {', '.join(sorted(set(schemata)))} (use --force to override)",
            subject=f"{left} {right}",
        )
    store.add_judgement(judgement_id("merge", left, right), left, right, "merge", reason, author)
    return Merge(left, right, store.canonical(left), reason, author)


def distinct(store: Store, left: str, right: str, reason: str, author: str = MANUAL) -> dict[str, str]:
    """Record that ``left`` and ``right`` are different entities: automatic resolution never joins them,
    neither directly nor through the clusters either side joins later. ``merge`` by hand still can.

    Two ids already in one cluster must be split first (the judgement would not undo the merges
    that joined them through others).
    """
    if not reason.strip():
        raise InputError("a distinct judgement needs a reason", subject=f"{left} {right}")
    for entity_id in (left, right):
        schemata_of(store, entity_id)  # raises for an unknown id
    if left == right or store.canonical(left) == store.canonical(right):
        raise InputError(
            "are one entity now; split it first (tracegraph split), then record them as distinct",
            subject=f"{left} {right}",
        )
    store.add_judgement(judgement_id("distinct", left, right), left, right, "distinct", reason, author)
    return {"left": left, "right": right, "kind": "distinct", "reason": reason, "author": author}


def split(store: Store, entity_id: str, reason: str = "split", author: str = MANUAL) -> list[str]:
    """Dissolve the cluster ``entity_id`` belongs to; returns the ids now standing alone.

    Each undone merge becomes a ``distinct`` judgement, so automatic resolution
    leaves the pair apart; ``merge`` can still join them again by hand.
    """
    canonical = store.canonical(entity_id)
    members = store.members(canonical)
    if len(members) < 2:
        raise InputError("is not merged with anything", subject=entity_id)
    member_set = set(members)
    undone = [
        j
        for j in store.judgements()
        if j["kind"] == "merge" and (j["left_id"] in member_set or j["right_id"] in member_set)
    ]
    with store.transaction():
        for j in undone:  # the newer distinct row replaces the merge of its pair
            left, right = j["left_id"], j["right_id"]
            store.add_judgement(judgement_id("distinct", left, right), left, right, "distinct", reason, author)
    return members
