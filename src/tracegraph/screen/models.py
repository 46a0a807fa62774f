"""Request and response models of yente's ``POST /match/{dataset}``, so yente clients work unchanged.

Field names follow yente (``queries``, ``responses``, ``results``, ``score``,
``match``, ``features``, ``total``); ``explanations`` is our addition, the
plain-words reason of each feature, which clients that do not know it ignore.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from tracegraph.match.compare import IDENTIFIER_PROPS
from tracegraph.screen.features import Query
from tracegraph.screen.matcher import DEFAULT_THRESHOLD, Result

_DATE_PROPS = ("birthDate",)
_COUNTRY_PROPS = ("country", "nationality", "citizenship", "jurisdiction")


class EntityExample(BaseModel):
    """One query: an FtM schema and property values (a string or a list of strings each)."""

    model_config = ConfigDict(populate_by_name=True)

    id: str | None = None
    schema_: str = Field("LegalEntity", alias="schema")
    properties: dict[str, list[str]] = Field(default_factory=dict)

    @field_validator("properties", mode="before")
    @classmethod
    def _lists(cls, value: Any) -> dict[str, list[str]]:
        if not isinstance(value, dict):
            raise ValueError("properties must be an object of property name to values")
        out: dict[str, list[str]] = {}
        for key, values in value.items():
            items = values if isinstance(values, list) else [values]
            out[str(key)] = [str(v) for v in items if v is not None]
        return out

    def to_query(self) -> Query:
        props = self.properties
        names = [*props.get("name", []), *props.get("alias", [])]
        for part in ("firstName", "lastName"):
            if not names and props.get(part):
                names = [" ".join(v for p in ("firstName", "middleName", "lastName") for v in props.get(p, []))]
        return Query(
            names=names,
            schema=self.schema_,
            birth_dates=[v for p in _DATE_PROPS for v in props.get(p, [])],
            countries=[v for p in _COUNTRY_PROPS for v in props.get(p, [])],
            identifiers=[v for p in IDENTIFIER_PROPS for v in props.get(p, [])],
        )


class EntityMatchQuery(BaseModel):
    """The body of ``POST /match/{dataset}``."""

    weights: dict[str, float] = Field(default_factory=dict)
    queries: dict[str, EntityExample]


class TotalSpec(BaseModel):
    value: int
    relation: str = "eq"


class ScoredEntityResponse(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    id: str
    caption: str
    schema_: str = Field(alias="schema")
    properties: dict[str, list[str]]
    datasets: list[str] = Field(default_factory=list)
    referents: list[str] = Field(default_factory=list)
    target: bool = True
    score: float
    features: dict[str, float]
    match: bool = False
    explanations: dict[str, str] = Field(default_factory=dict)

    @classmethod
    def from_result(cls, result: Result) -> ScoredEntityResponse:
        entity = result.entity
        return cls(
            id=entity.id,
            caption=entity.caption,
            schema=entity.schema,
            properties=entity.properties,
            datasets=entity.datasets,
            score=round(result.score, 4),
            features={k: round(v, 4) for k, v in result.features.items()},
            match=result.match,
            explanations=result.reasons,
        )


class EntityMatches(BaseModel):
    status: int = 200
    results: list[ScoredEntityResponse]
    total: TotalSpec
    query: EntityExample
    error: str | None = None


class FeatureDoc(BaseModel):
    description: str | None = None
    coefficient: float
    url: str = ""


class EntityMatchResponse(BaseModel):
    responses: dict[str, EntityMatches]
    matcher: dict[str, FeatureDoc] = Field(default_factory=dict)
    limit: int
    threshold: float = DEFAULT_THRESHOLD
