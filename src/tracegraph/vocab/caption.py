"""The one caption rule: which of an entity's values names it.

Names are ranked by what was said, never by ids or the order of ingest, so the
same material gives the same caption wherever it is built (the store, the graph,
screening, exports):

1. a name in Latin script before one in another script (list entries give names
   in several scripts; an investigator reads the Latin one),
2. then the name most statements attest,
3. then the fuller name, then alphabetical order.

Without a ``name``, a relation that the graph draws as edges (an Ownership, a
Sanction naming no authority entity) is captioned by what it is: the label of
its edge and its schema, and who acted when only their name is known
(``sanctions (Sanction) by US Treasury``), never by its evidence sentence.
Anything else falls back to the schema's own caption properties (FtM's
``caption``: an alias, a CAS number, a kind of action), then a title or summary,
then the id.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

#: properties tried after the schema's own caption properties
FALLBACK_PROPS = ("title", "caption", "summary")


def non_latin(name: str) -> int:
    """How many letters of ``name`` are outside ASCII (a rough "not Latin script" measure)."""
    return sum(1 for c in name if c.isalpha() and not c.isascii())


def rank_names(names: Iterable[str], counts: Mapping[str, int] | None = None) -> list[str]:
    """``names`` without repeats, the best caption first (see the module's rule)."""
    seen = list(dict.fromkeys(names))
    found: Mapping[str, int] = counts if counts is not None else Counter()
    return sorted(seen, key=lambda n: (non_latin(n), -found.get(n, 0), -len(n), n))


def relation_caption(label: str, schema: str, by: Sequence[str] = ()) -> str:
    """The caption of a relation without a name: its edge label, its schema, and who acted (a name, not an id)."""
    return f"{label} ({schema})" + (f" by {by[0]}" if by else "")


def pick_caption(
    entity_id: str,
    properties: Mapping[str, Sequence[str]],
    caption_props: Sequence[str] = ("name",),
    counts: Mapping[str, int] | None = None,
) -> str:
    """The caption of an entity with these ``properties`` (values per property).

    ``caption_props`` are the schema's caption properties in order (FtM's
    ``schema.caption``); ``counts`` says how many statements attest each name.
    """
    names = rank_names(properties.get("name", ()), counts)
    if names:
        return names[0]
    for prop in (*caption_props, *FALLBACK_PROPS):
        values = properties.get(prop)
        if values:
            return rank_names(values, counts)[0] if prop in caption_props else values[0]
    return entity_id
