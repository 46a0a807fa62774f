"""Screening's features are the matching engine's: see :mod:`tracegraph.match.features`.

Kept so older imports work; new code imports from :mod:`tracegraph.match`.
"""

from __future__ import annotations

from tracegraph.match.features import (
    COUNTRY_MISMATCH,
    DOB_MATCH,
    DOB_YEAR_MISMATCH,
    IDENTIFIER_FLOOR,
    LEGAL_AGREE,
    LEGAL_CONFLICT,
    Feature,
    Query,
    align,
    birth_date_feature,
    country_feature,
    identifier_feature,
    legal_form_feature,
    name_feature,
    token_similarity,
)

__all__ = [
    "COUNTRY_MISMATCH",
    "DOB_MATCH",
    "DOB_YEAR_MISMATCH",
    "IDENTIFIER_FLOOR",
    "LEGAL_AGREE",
    "LEGAL_CONFLICT",
    "Feature",
    "Query",
    "align",
    "birth_date_feature",
    "country_feature",
    "identifier_feature",
    "legal_form_feature",
    "name_feature",
    "token_similarity",
]
