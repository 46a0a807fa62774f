"""The matching engine shared by screening, resolution, linking and graph search.

One normaliser (:func:`name_forms`: transliteration, tokens, legal forms taken out
of the name and kept aside) and one feature set (:mod:`tracegraph.match.features`:
each feature a score and a reason in plain words). :func:`compare_names` scores two
names; :func:`compare` two records (names plus birth dates, countries, identifiers).
"""

from __future__ import annotations

from tracegraph.match.compare import Comparison, compare, compare_names
from tracegraph.match.features import Feature, Query
from tracegraph.match.normalise import (
    ANY,
    ORG,
    PERSON,
    NameForm,
    compact_key,
    fold,
    joined,
    kind_of,
    name_forms,
    name_key,
    name_tokens,
)

__all__ = [
    "ANY",
    "ORG",
    "PERSON",
    "Comparison",
    "Feature",
    "NameForm",
    "Query",
    "compact_key",
    "compare",
    "compare_names",
    "fold",
    "joined",
    "kind_of",
    "name_forms",
    "name_key",
    "name_tokens",
]
