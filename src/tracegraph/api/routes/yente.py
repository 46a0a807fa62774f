"""yente's screening API, so yente clients work unchanged: ``POST /match/{dataset}``, ``GET /search/{dataset}``.

Request and response shapes follow yente (``queries``/``responses`` for
matching, ``results``/``total``/``facets`` for search); what is screened or
searched is only what the caller may read. A dataset the caller may not read
answers like one that does not exist.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response

from tracegraph.api.auth import Principal, Reader, Screener
from tracegraph.api.lanes import heavy
from tracegraph.api.routes.common import check_text, reader_for
from tracegraph.api.routes.screening import readable_lists
from tracegraph.api.state import ServerState, state
from tracegraph.api.views import search_page
from tracegraph.errors import InputError, NotFoundError, TracegraphError
from tracegraph.screen.api import ALL_DATASETS, FEATURE_DOCS
from tracegraph.screen.models import (
    EntityMatches,
    EntityMatchQuery,
    EntityMatchResponse,
    ScoredEntityResponse,
    TotalSpec,
)

router = APIRouter(tags=["yente"])
Dataset = Annotated[str, Path(min_length=1, max_length=80, pattern=r"^[A-Za-z0-9_-]+$")]


def _datasets(server: ServerState, principal: Principal, dataset: str) -> set[str] | None:
    """The lists a request screens: every readable one for ``default``, else the one named if readable."""
    allowed = readable_lists(server, principal)
    if dataset in ALL_DATASETS:
        return allowed
    known = server.cache.list_names()
    if dataset not in known or (allowed is not None and dataset not in allowed):
        raise NotFoundError("no such dataset", subject=dataset)
    return {dataset}


@router.post("/match/{dataset}", response_model=EntityMatchResponse, response_model_by_alias=True)
def match(
    request: Request,
    principal: Screener,
    dataset: Dataset,
    body: EntityMatchQuery,
    limit: Annotated[int, Query(ge=1, le=500)] = 5,
    threshold: Annotated[float | None, Query(ge=0.0, le=1.0)] = None,
    cutoff: Annotated[float, Query(ge=0.0, le=1.0)] = 0.0,
    algorithm: Annotated[str, Query(max_length=40)] = "best",
) -> Response:
    """Screen each query of the batch; a query that cannot be screened gets status 400, the others go on."""
    server = state(request)
    if not body.queries:
        raise InputError("no queries")
    if len(body.queries) > server.api.max_batch:
        raise InputError(f"at most {server.api.max_batch} queries per request")
    only = _datasets(server, principal, dataset)
    matcher = server.cache.matcher()
    responses: dict[str, EntityMatches] = {}
    for key, example in body.queries.items():
        try:
            for values in example.properties.values():
                for value in values:
                    check_text(server, value, "property value")
            results = matcher.match(example.to_query(), limit=limit, threshold=threshold, datasets=only)
        except TracegraphError as exc:
            responses[key] = EntityMatches(
                status=exc.status, results=[], total=TotalSpec(value=0), query=example, error=exc.message
            )
            continue
        scored = [ScoredEntityResponse.from_result(r) for r in results if r.score >= cutoff]
        responses[key] = EntityMatches(results=scored, total=TotalSpec(value=len(scored)), query=example)
    server.record(principal, "screen", dataset, queries=len(body.queries), api="yente")
    cut = matcher.threshold if threshold is None else threshold
    answer = EntityMatchResponse(responses=responses, matcher=FEATURE_DOCS, limit=limit, threshold=cut)
    # written straight from the model (FastAPI would validate it again on another thread first)
    return Response(answer.model_dump_json(by_alias=True), media_type="application/json")


def _facet(label: str, counts: dict[str, int]) -> dict[str, Any]:
    return {"label": label, "values": [{"name": k, "label": k, "count": v} for k, v in counts.items()]}


@router.get("/search/{dataset}")
@heavy
def search(
    request: Request,
    principal: Reader,
    dataset: Dataset,
    q: Annotated[str, Query(max_length=2000)] = "",
    schema: Annotated[str | None, Query(max_length=60)] = None,
    countries: Annotated[list[str] | None, Query()] = None,
    datasets: Annotated[list[str] | None, Query()] = None,
    limit: Annotated[int, Query(ge=0, le=500)] = 10,
    offset: Annotated[int, Query(ge=0, le=9_499)] = 0,
    fuzzy: bool = False,
) -> dict[str, Any]:
    """Entities of the dataset (or of every list for ``default``) by name, in yente's search response shape."""
    server = state(request)
    check_text(server, q)
    scope = _datasets(server, principal, dataset)
    wanted = set(datasets or []) or None
    reader = reader_for(request, principal)
    graph, truncated = reader.named(q, offset + limit, None if dataset in ALL_DATASETS else [dataset])
    page = search_page(
        graph, q, schema, None, None, 100_000, 0, frozenset(reader.store.list_datasets()), truncated=truncated
    )
    rows = []
    for row in page["results"]:
        in_scope = scope is None or any(d in scope for d in row["datasets"])
        if dataset not in ALL_DATASETS and not in_scope:
            continue
        if wanted is not None and not any(d in wanted for d in row["datasets"]):
            continue
        if countries and not any(c.lower() in row["countries"] for c in countries):
            continue
        rows.append(row)
    results = []
    for row in rows[offset : offset + limit]:
        ent = graph.entities[row["id"]]
        results.append(
            {
                "id": ent.id,
                "caption": row["caption"],
                "schema": ent.schema,
                "properties": ent.properties,
                "datasets": row["datasets"],
                "referents": sorted(m for m in ent.member_ids if m != ent.id),
                "target": row["listed"],
                "first_seen": min((s.first_seen or "" for s in ent.statements), default=None),
                "last_seen": max((s.last_seen or "" for s in ent.statements), default=None),
                "last_change": max((s.last_seen or "" for s in ent.statements), default=None),
                "score": row["score"] / 100.0,
            }
        )
    schemata: dict[str, int] = {}
    country_counts: dict[str, int] = {}
    dataset_counts: dict[str, int] = {}
    for row in rows:
        schemata[row["schema"]] = schemata.get(row["schema"], 0) + 1
        for c in row["countries"]:
            country_counts[c] = country_counts.get(c, 0) + 1
        for d in row["datasets"]:
            dataset_counts[d] = dataset_counts.get(d, 0) + 1
    server.record(principal, "search", q, dataset=dataset, total=len(rows), api="yente")
    return {
        "results": results,
        "facets": {
            "countries": _facet("Countries", country_counts),
            "datasets": _facet("Data sources", dataset_counts),
            "schema": _facet("Types", schemata),
        },
        "total": {"value": len(rows), "relation": "gte" if page["total_is_lower_bound"] else "eq"},
        "limit": limit,
        "offset": offset,
    }
