"""Search, entity pages, neighbours, paths, timeline and export over the caller's part of the graph."""

from __future__ import annotations

import io
from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response

from tracegraph.api import accounts, views
from tracegraph.api.auth import Reader
from tracegraph.api.routes.common import EntityId, check_text, graph_for, split_list, visible_entity
from tracegraph.api.state import state
from tracegraph.errors import InputError
from tracegraph.graph import Graph
from tracegraph.graph.projection import entity_props
from tracegraph.store import now

router = APIRouter(prefix="/api", tags=["graph"])


@router.get("/search")
def search(
    request: Request,
    principal: Reader,
    q: Annotated[str, Query(max_length=2000)] = "",
    schema: Annotated[str | None, Query(max_length=60)] = None,
    country: Annotated[str | None, Query(max_length=60)] = None,
    dataset: Annotated[str | None, Query(max_length=80)] = None,
    listed: Annotated[str | None, Query(max_length=80, description="a screening list, or * for any")] = None,
    year: Annotated[str | None, Query(pattern="^[0-9]{4}$")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> dict[str, Any]:
    """Entities by name (fuzzy, any script), with facets by schema, country, collection, list and year."""
    server = state(request)
    check_text(server, q)
    graph = graph_for(request, principal)
    data = views.search_page(
        graph,
        q,
        schema,
        country,
        dataset,
        limit,
        offset,
        frozenset(principal.access.only(server.cache.list_names())),
        server.cache.search_index(graph),
        listed=listed,
        year=year,
    )
    server.record(
        principal,
        "search",
        q,
        total=data["total"],
        schema=schema,
        country=country,
        dataset=dataset,
        listed=listed,
        year=year,
    )
    return data


@router.get("/entities/{entity_id}")
def entity(request: Request, principal: Reader, entity_id: EntityId) -> dict[str, Any]:
    """An entity as the caller may see it: names, properties, flags, relations with their evidence."""
    server = state(request)
    graph = graph_for(request, principal)
    found = visible_entity(graph, entity_id)
    server.record(principal, "read", found)
    return views.entity_page(graph, found, server.cache.list_names())


@router.get("/entities/{entity_id}/neighbors")
def neighbors(
    request: Request,
    principal: Reader,
    entity_id: EntityId,
    depth: Annotated[int, Query(ge=1, le=3)] = 1,
    types: Annotated[str | None, Query(max_length=500)] = None,
) -> dict[str, Any]:
    """The neighbourhood of an entity; shared identifiers (phone, e-mail...) are nodes of their own."""
    server = state(request)
    graph = graph_for(request, principal)
    found = visible_entity(graph, entity_id)
    wanted = set(split_list(types, 50)) or None
    server.record(principal, "neighbors", found, depth=depth)
    return views.neighbors(graph, found, depth, wanted, server.cache.list_names())


@router.get("/paths")
def paths(
    request: Request,
    principal: Reader,
    source: Annotated[str, Query(min_length=1, max_length=200)],
    target: Annotated[str, Query(min_length=1, max_length=200)],
    max_hops: Annotated[int, Query(ge=1, le=6)] = 4,
) -> dict[str, Any]:
    """Shortest paths between two entities, only through what the caller may see."""
    server = state(request)
    graph = graph_for(request, principal)
    a, b = visible_entity(graph, source), visible_entity(graph, target)
    server.record(principal, "paths", f"{a} {b}", max_hops=max_hops)
    return views.paths(graph, a, b, max_hops, server.cache.list_names())


@router.get("/timeline")
def timeline(
    request: Request,
    principal: Reader,
    entity: Annotated[str | None, Query(max_length=200)] = None,
    q: Annotated[str | None, Query(max_length=2000)] = None,
) -> dict[str, Any]:
    """Dated relations and events, oldest first, of one entity or of everything the caller sees."""
    server = state(request)
    check_text(server, q or "")
    graph = graph_for(request, principal)
    found = visible_entity(graph, entity) if entity else None
    server.record(principal, "timeline", found or "*", q=q)
    return views.timeline(graph, found, q)


def redacted(graph: Graph) -> Graph:
    """A copy whose entities name no entity outside the graph (ids the caller may not see)."""
    out = graph.restrict(set(graph.index))
    known = set(graph.entities)
    entities = {}
    for entity_id, ent in graph.entities.items():
        refs = entity_props(ent.schema)
        props = {
            k: [v for v in vs if k not in refs or graph.resolve_id(v) in known] for k, vs in ent.properties.items()
        }
        entities[entity_id] = replace(ent, properties={k: v for k, v in props.items() if v})
    out.entities = entities
    return out


_MEDIA = {"ftm": "application/x-ndjson", "graphml": "application/xml"}
_SUFFIX = {"ftm": "ftm.json", "graphml": "graphml"}


@router.get("/export")
def export(
    request: Request,
    principal: Reader,
    format: Annotated[str, Query(pattern="^(ftm|graphml)$")] = "ftm",
    ids: Annotated[str | None, Query(max_length=200_000)] = None,
    depth: Annotated[int, Query(ge=0, le=2)] = 0,
) -> Response:
    """Export the chosen entities (or everything the caller sees) as FtM JSON lines or GraphML.

    Each FtM entity carries ``provenance``: the collections it comes from, their markings
    and who exported it, so a partner's import keeps them.
    """
    from tracegraph.export import export as write

    server = state(request)
    graph = graph_for(request, principal)
    wanted = split_list(ids, 5000)
    if wanted:
        keep = {visible_entity(graph, i) for i in wanted}
        for start in list(keep):
            keep.update(n for n, _, _ in graph.neighbors(start, depth))
        sub = redacted(views.subset(graph, keep))
    else:
        sub = redacted(graph)
    datasets = {s.dataset for e in sub.entities.values() for s in e.statements}
    marks = accounts.markings(server.pool.get(), datasets)
    worst = max(marks.values(), key=accounts.MARKINGS.index, default="TLP:CLEAR")
    out = io.BytesIO()
    count = write(sub, format, out)
    body = out.getvalue()
    if format == "ftm":
        body = _with_provenance(body, sub, marks, principal.user.agency, worst)
    server.record(
        principal,
        "export",
        ",".join(sorted(sub.entities))[:500],
        format=format,
        count=count,
        marking=worst,
        collections=sorted(datasets),
    )
    return Response(
        body,
        media_type=_MEDIA[format],
        headers={
            "X-Tracegraph-Marking": worst,
            "Content-Disposition": f'attachment; filename="tracegraph-export.{_SUFFIX[format]}"',
        },
    )


def _with_provenance(body: bytes, graph: Graph, marks: dict[str, str], agency: str, worst: str) -> bytes:
    import orjson

    stamp = now()
    lines = []
    for line in body.splitlines():
        if not line.strip():
            continue
        data = orjson.loads(line)
        if not isinstance(data, dict):
            raise InputError("the exporter wrote something that is not an entity")
        ent = graph.entities.get(str(data.get("id")))
        datasets = sorted({s.dataset for s in ent.statements}) if ent else []
        data["provenance"] = {
            "collections": datasets,
            "markings": {d: marks.get(d, "TLP:AMBER") for d in datasets},
            "marking": max((marks.get(d, "TLP:AMBER") for d in datasets), key=accounts.MARKINGS.index, default=worst),
            "exported_by": agency,
            "exported_at": stamp,
        }
        lines.append(orjson.dumps(data))
    return b"\n".join(lines) + (b"\n" if lines else b"")
