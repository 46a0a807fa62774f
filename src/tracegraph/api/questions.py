"""The heavy questions (search, paths, neighbourhoods) as plain functions of a caller's :class:`Reader`.

Each returns the response body and what the audit record needs. They take no request
and no server, so the same function answers in the worker's own heavy lane or in a heavy
process of its own (:mod:`tracegraph.api.offload`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tracegraph.api import views
from tracegraph.api.reader import MAX_CANDIDATES, Reader
from tracegraph.api.routes.common import check_id, json_bytes
from tracegraph.graph.scoped import SHOW_FANOUT


def search(
    reader: Reader,
    q: str,
    schema: str | None,
    country: str | None,
    dataset: str | None,
    listed: str | None,
    year: str | None,
    limit: int,
    offset: int,
) -> tuple[bytes, int]:
    """A page of entities by name with facets; the audit gets the total."""
    lists = reader.store.list_datasets()
    among: list[str] | None = None  # names looked up only where a filter says the results must be
    if listed:
        among = lists if listed == "*" else [d for d in lists if d == listed]
    if dataset:
        among = [d for d in (among if among is not None else [dataset]) if d == dataset]
    if among is not None:
        among = [d for d in among if reader.access.can_read(d)]
    filtered = year or country or schema or listed or dataset or not q.strip()  # filters (and a browse) thin
    wanted = MAX_CANDIDATES if filtered else offset + limit
    graph, truncated = reader.named(q, wanted, among)
    data = views.search_page(
        graph,
        q,
        schema,
        country,
        dataset,
        limit,
        offset,
        frozenset(lists),
        listed=listed,
        year=year,
        years=reader.years(graph),
        truncated=truncated,
    )
    return json_bytes(data), int(data["total"])


def paths(reader: Reader, source: str, target: str, max_hops: int) -> tuple[bytes, str]:
    """Shortest paths between two entities the caller sees; the audit gets both ends' ids."""
    graph, a, b = reader.between(check_id(source), check_id(target), max_hops)
    data = views.paths(graph, a, b, max_hops, frozenset(reader.store.list_datasets()))
    return json_bytes(reader.report(graph, data)), f"{a} {b}"  # a search that stopped says so


def entity(reader: Reader, entity_id: str) -> tuple[bytes, str]:
    """An entity page (the entity, its relations with their evidence); the audit gets the id shown.

    Not a heavy question: it runs on the worker's light lane (it is also what a server answers once
    at start, to load what every page needs before the first request)."""
    graph, (found,) = reader.around([entity_id], 1, SHOW_FANOUT, 2 * SHOW_FANOUT + 1)
    page = views.entity_page(graph, found, frozenset(reader.store.list_datasets()))
    return json_bytes(reader.report(graph, page)), found


def neighbors(
    reader: Reader, entity_id: str, depth: int, types: list[str] | None, fanout: int, budget: int
) -> tuple[bytes, str]:
    """An entity's neighbourhood (``truncated`` says what was not followed); the audit gets its id."""
    graph, (found,) = reader.around([entity_id], depth, fanout, budget)
    data = views.neighbors(graph, found, depth, set(types) if types else None, frozenset(reader.store.list_datasets()))
    return json_bytes(reader.report(graph, data)), found


#: the questions a heavy process answers, by name
QUESTIONS: dict[str, Callable[..., tuple[bytes, Any]]] = {"search": search, "paths": paths, "neighbors": neighbors}
