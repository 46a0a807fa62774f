"""Find the one entity a user means: an id, a member id, an id prefix, or a name, read from the store.

``exact=True`` (merge, split) accepts a name only when exactly one entity
carries it after normalisation (case, accents, punctuation); otherwise the
error lists the candidates. A query never guesses its way to the wrong entity.
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz

from tracegraph.errors import InputError, NotFoundError
from tracegraph.store import Store
from tracegraph.store.names import norm_name
from tracegraph.store.queries.graph import entity_ids_starting


def _options(store: Store, ids: Sequence[str]) -> str:
    shown = []
    for entity_id in list(ids)[:5]:
        try:
            shown.append(f"{store.entity(entity_id).caption} ({entity_id})")
        except NotFoundError:
            shown.append(entity_id)
    more = f" and {len(ids) - 5} more" if len(ids) > 5 else ""
    return "; ".join(shown) + more


def closest(store: Store, text: str, limit: int = 3, datasets: Sequence[str] | None = None) -> list[tuple[str, float]]:
    """Canonical ids whose names are closest to ``text``, with a 0-100 score."""
    key = norm_name(text)
    best: dict[str, float] = {}
    for entity_id, name in store.name_candidates(text, limit=100, datasets=datasets):
        score = float(fuzz.WRatio(key, norm_name(name)))
        canonical_id = store.canonical(entity_id)
        best[canonical_id] = max(best.get(canonical_id, 0.0), score)
    return sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]


def resolve_ref(store: Store, ref: str, *, exact: bool = True, datasets: Sequence[str] | None = None) -> str:
    """The canonical id ``ref`` names; raises listing the candidates when it is unknown or ambiguous."""
    ref = ref.strip()
    if not ref:
        raise InputError("an empty entity reference", subject=ref)
    canonical_id = store.canonical(ref)
    if store.has_entity(canonical_id):
        return canonical_id
    if " " not in ref and len(ref) >= 6:
        prefixed = sorted({store.canonical(entity_id) for entity_id in entity_ids_starting(store, ref)})
        if len(prefixed) == 1:
            return prefixed[0]
        if len(prefixed) > 1:
            raise NotFoundError(
                f"the id prefix fits {len(prefixed)} entities: {_options(store, prefixed)}; give more of it",
                subject=ref,
            )
    named = sorted({store.canonical(e) for e in store.entities_named(ref, datasets)})
    if len(named) == 1:
        return named[0]
    if len(named) > 1:
        raise InputError(f"the name fits {len(named)} entities: {_options(store, named)}; give an id", subject=ref)
    near = closest(store, ref, limit=3, datasets=datasets)
    if not exact and near and near[0][1] >= 90 and (len(near) == 1 or near[1][1] < near[0][1]):
        return near[0][0]
    if near:
        raise NotFoundError(
            f"no entity with that id or exact name; closest: {_options(store, [c for c, _ in near])}", subject=ref
        )
    raise NotFoundError("no entity with that id or name", subject=ref)
