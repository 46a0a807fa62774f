"""Screening reads names through the one normaliser, :mod:`tracegraph.match.normalise`.

Kept so older imports work; new code imports from :mod:`tracegraph.match`.
"""

from __future__ import annotations

from tracegraph.match.normalise import ANY, MAX_NAME_CHARS, ORG, PERSON, NameForm, joined, kind_of, name_forms

__all__ = ["ANY", "MAX_NAME_CHARS", "ORG", "PERSON", "NameForm", "joined", "kind_of", "name_forms", "name_variants"]


def name_variants(name: str, kind: str = ANY) -> tuple[tuple[str, ...], ...]:
    """The token tuples of a name's forms (legal forms left out)."""
    return tuple(form.tokens for form in name_forms(name, kind))
