"""Controlled substances: the registry, recognition in text, structure classes, seller listings.

The front door of this part::

    from tracegraph.substances import find_substances, lookup, classify_smiles

``find_substances(text)`` is the fast dictionary matcher other extractors call.
"""

from __future__ import annotations

from tracegraph.substances.cas import find_cas, is_valid_cas, normalise_cas
from tracegraph.substances.recognise import SubstanceMention, find_substances
from tracegraph.substances.registry import Control, Registry, Substance, load_registry, substance_entity_id

__all__ = [
    "Control",
    "Registry",
    "Substance",
    "SubstanceMention",
    "find_cas",
    "find_substances",
    "is_valid_cas",
    "load_registry",
    "normalise_cas",
    "substance_entity_id",
]
