"""Search, entity pages, neighbours, paths, timeline and export over the caller's part of the graph."""

from __future__ import annotations

import io
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from tracegraph.api import accounts, offload, questions, views
from tracegraph.api.auth import Reader
from tracegraph.api.lanes import heavy
from tracegraph.api.reader import MAX_TIMELINE
from tracegraph.api.routes.common import (
    EntityId,
    check_id,
    check_text,
    graph_for,
    json_response,
    reader_for,
    split_list,
)
from tracegraph.api.state import state
from tracegraph.errors import InputError
from tracegraph.graph import Graph, hops
from tracegraph.graph.projection import entity_props
from tracegraph.graph.scoped import MAX_ENTITIES, TIMELINE_FANOUT
from tracegraph.store import now

router = APIRouter(prefix="/api", tags=["graph"])
#: the most relations a neighbourhood request may ask the server to follow from one entity
MAX_FANOUT = 1000


@router.get("/search")
@heavy
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
) -> Response:
    """Entities by name (any script; words and word prefixes, rescored fuzzily), with facets by schema,
    country, collection, list and year. Without ``q``: entities in name order."""
    server = state(request)
    check_text(server, q)
    args = (q, schema, country, dataset, listed, year, limit, offset)

    def answer() -> tuple[bytes, int]:
        body, total = offload.ask(server, principal.access, "search", *args)
        return body, int(total)

    question = ("search", q, schema, country, dataset, listed, year, limit, offset)
    body, total = server.cache.answer(principal.access, question, answer)
    server.record(
        principal,
        "search",
        q,
        total=total,
        schema=schema,
        country=country,
        dataset=dataset,
        listed=listed,
        year=year,
    )
    return Response(body, media_type="application/json")


@router.get("/entities/{entity_id}")
def entity(request: Request, principal: Reader, entity_id: EntityId) -> Response:
    """An entity as the caller may see it: names, properties, flags, relations with their evidence."""
    server = state(request)

    def answer() -> tuple[bytes, str]:
        return questions.entity(reader_for(request, principal), entity_id)

    body, found = server.cache.answer(principal.access, ("entity", entity_id), answer)
    server.record(principal, "read", found)
    return Response(body, media_type="application/json")


@router.get("/entities/{entity_id}/neighbors")
@heavy
def neighbors(
    request: Request,
    principal: Reader,
    entity_id: EntityId,
    depth: Annotated[int, Query(ge=1, le=3)] = 1,
    types: Annotated[str | None, Query(max_length=500)] = None,
    fanout: Annotated[
        int, Query(ge=1, le=MAX_FANOUT, description="relations followed from each entity (the rest are counted)")
    ] = hops.FANOUT,
) -> Response:
    """The neighbourhood of an entity; shared identifiers (phone, e-mail...) are nodes of their own.

    At most ``fanout`` relations of each entity are followed; ``truncated`` says how many were not,
    at which entities, so a client can ask again with a larger ``fanout``."""
    server = state(request)
    wanted = split_list(types, 50) or None
    budget = max(hops.BUDGET, 2 * fanout + 1)
    body, found = offload.ask(server, principal.access, "neighbors", entity_id, depth, wanted, fanout, budget)
    server.record(principal, "neighbors", str(found), depth=depth)
    return Response(body, media_type="application/json")


@router.get("/paths")
@heavy
def paths(
    request: Request,
    principal: Reader,
    source: Annotated[str, Query(min_length=1, max_length=200)],
    target: Annotated[str, Query(min_length=1, max_length=200)],
    max_hops: Annotated[int, Query(ge=1, le=6)] = 4,
) -> Response:
    """Shortest paths between two entities, only through what the caller may see."""
    server = state(request)

    def answer() -> tuple[bytes, str]:
        body, ends = offload.ask(server, principal.access, "paths", source, target, max_hops)
        return body, str(ends)

    body, ends = server.cache.answer(principal.access, ("paths", source, target, max_hops), answer)
    server.record(principal, "paths", ends, max_hops=max_hops)
    return Response(body, media_type="application/json")


@router.get("/timeline")
@heavy
def timeline(
    request: Request,
    principal: Reader,
    entity: Annotated[str | None, Query(max_length=200)] = None,
    q: Annotated[str | None, Query(max_length=2000)] = None,
) -> Response:
    """Dated relations and events, oldest first, of one entity or of everything the caller sees."""
    server = state(request)
    check_text(server, q or "")
    reader = reader_for(request, principal)
    if entity:
        graph, (found,) = reader.around([check_id(entity)], 1, TIMELINE_FANOUT, 2 * TIMELINE_FANOUT + 1)
        cut = False
    else:
        found = None
        graph, cut = reader.dated()
    server.record(principal, "timeline", found or "*", q=q)
    data = views.timeline(graph, found, q)
    if cut:
        data["truncated"] = {"reason": f"the first {MAX_TIMELINE} dated relations"}
    return json_response(reader.report(graph, data) if found else data)


def redacted(graph: Graph) -> Graph:
    """A copy whose entities name no entity outside the graph (ids the caller may not see)."""
    out = graph.restrict(set(graph.index))
    known = set(graph.entities)
    entities = {}
    for entity_id, ent in graph.entities.items():
        refs = entity_props(ent.schema)
        entities[entity_id] = ent.filtered(
            lambda s, refs=refs: s.prop not in refs or graph.resolve_id(s.value) in known  # type: ignore[misc]
        )
    out.entities = entities
    return out


_MEDIA = {"ftm": "application/x-ndjson", "graphml": "application/xml"}
_SUFFIX = {"ftm": "ftm.json", "graphml": "graphml"}


@router.get("/export")
@heavy
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
    wanted = [check_id(i) for i in split_list(ids, 5000)]
    if wanted:  # read from the store around the chosen entities (one hop more: the relations among them)
        graph, shown = reader_for(request, principal).around(wanted, depth + 1, None, MAX_ENTITIES)
        keep = set(shown)
        for start in shown:
            keep.update(n for n, _, _ in graph.neighbors(start, depth))
        sub = redacted(views.subset(graph, keep))
    else:  # everything the caller sees: the one whole-graph projection, built once and reused
        sub = redacted(graph_for(request, principal))
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
