"""The screening HTTP endpoint, shaped like yente's ``POST /match/{dataset}``.

``router`` is a FastAPI ``APIRouter`` the server issue mounts; ``create_app``
builds a small app around it for tests and stand-alone use. The matcher is
built once from the store (or given) and shared by requests.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request

from tracegraph.errors import TracegraphError
from tracegraph.screen.features import COUNTRY_MISMATCH, DOB_YEAR_MISMATCH, IDENTIFIER_FLOOR
from tracegraph.screen.matcher import Matcher
from tracegraph.screen.models import (
    EntityMatches,
    EntityMatchQuery,
    EntityMatchResponse,
    FeatureDoc,
    ScoredEntityResponse,
    TotalSpec,
)
from tracegraph.settings import Settings

FEATURE_DOCS = {
    "name": FeatureDoc(
        description="Share of name letters matched, tokens in any order, typos allowed", coefficient=1.0
    ),
    "birth_date": FeatureDoc(description="Birth dates disagree (or agree)", coefficient=DOB_YEAR_MISMATCH),
    "country": FeatureDoc(description="Countries disagree", coefficient=COUNTRY_MISMATCH),
    "identifier": FeatureDoc(description="An identifier is on the list entry", coefficient=IDENTIFIER_FLOOR),
}

router = APIRouter(tags=["screening"])
#: dataset names in the URL that mean every loaded list
ALL_DATASETS = ("default", "all", "sanctions")


def get_matcher(request: Request) -> Matcher:
    matcher: Matcher | None = getattr(request.app.state, "matcher", None)
    if matcher is None:
        factory: Callable[[], Matcher] = request.app.state.matcher_factory
        matcher = factory()
        request.app.state.matcher = matcher
    return matcher


@router.post("/match/{dataset}", response_model=EntityMatchResponse, response_model_by_alias=True)
def match(
    dataset: str,
    body: EntityMatchQuery,
    matcher: Annotated[Matcher, Depends(get_matcher)],
    limit: Annotated[int, Query(ge=1, le=500)] = 5,
    threshold: Annotated[float | None, Query(ge=0.0, le=1.0)] = None,
    cutoff: Annotated[float, Query(ge=0.0, le=1.0)] = 0.0,
) -> EntityMatchResponse:
    """Screen each query; a query that cannot be screened gets status 400 and an error, the others go on."""
    if not body.queries:
        raise HTTPException(status_code=400, detail="no queries")
    responses: dict[str, EntityMatches] = {}
    for key, example in body.queries.items():
        try:
            only = None if dataset in ALL_DATASETS else {dataset}
            results = matcher.match(example.to_query(), limit=limit, threshold=threshold, datasets=only)
        except TracegraphError as exc:
            responses[key] = EntityMatches(
                status=exc.status, results=[], total=TotalSpec(value=0), query=example, error=exc.message
            )
            continue
        scored = [ScoredEntityResponse.from_result(r) for r in results if r.score >= cutoff]
        responses[key] = EntityMatches(results=scored, total=TotalSpec(value=len(scored)), query=example)
    cut = matcher.threshold if threshold is None else threshold
    return EntityMatchResponse(responses=responses, matcher=FEATURE_DOCS, limit=limit, threshold=cut)


def create_app(settings: Settings, matcher: Matcher | None = None) -> FastAPI:
    """A FastAPI app serving ``/match``; without ``matcher`` it is built from the store on first use."""
    app = FastAPI(title="tracegraph screening", version="1")

    def factory() -> Matcher:
        from tracegraph.screen.build import matcher_from_store
        from tracegraph.store import open_store

        with open_store(settings) as store:
            return matcher_from_store(store)

    app.state.matcher = matcher
    app.state.matcher_factory = factory
    app.include_router(router)
    return app
