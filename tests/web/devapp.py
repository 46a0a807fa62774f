"""A small stand-in for the server's REST API, built from library functions.

Only for the web tests while ``tracegraph.api`` is not available: the browser
tests run against ``tracegraph serve`` when it is. It follows the contract in
the project's coordination notes (paths under ``/api``, JSON, errors as
``{"type", "message"}``), without authentication.
"""

from __future__ import annotations

import io
import threading
from collections import Counter
from typing import Any

from fastapi import FastAPI, Query, Request
from fastapi.responses import JSONResponse, Response

from tracegraph.errors import NotFoundError, TracegraphError
from tracegraph.graph import queries
from tracegraph.graph.model import Edge
from tracegraph.graph.projection import Graph
from tracegraph.settings import Settings
from tracegraph.store import open_store


class State:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.lock = threading.Lock()
        self._graph: Graph | None = None
        self.jobs: dict[str, dict[str, Any]] = {}

    def graph(self) -> Graph:
        with self.lock:
            if self._graph is None:
                store = open_store(self.settings)
                self._graph = Graph.load(store)
            return self._graph

    def reset(self) -> None:
        with self.lock:
            self._graph = None


def _evidence(edge: Edge) -> list[dict[str, Any]]:
    out = []
    for ev in edge.evidence:
        item: dict[str, Any] = {"document_id": ev.document_id, "sentence": ev.sentence, "title": ev.title}
        if ev.span:
            item["start"], item["end"] = ev.span
        if ev.record_id:
            item["record_id"] = ev.record_id
        out.append(item)
    return out


def _node(graph: Graph, entity_id: str) -> dict[str, Any]:
    brief = queries.brief(graph, entity_id)
    entity = graph.entities.get(entity_id)
    listed = bool(entity and any(s.record_id for s in entity.statements))
    sanctioned = any(e.schema == "Sanction" and e.target == entity_id for e in graph.edges_of(entity_id))
    return {**brief, "kind": "entity", "listed": listed, "flagged": sanctioned}


def _subgraph(graph: Graph, edges: list[Edge], extra: set[str]) -> dict[str, Any]:
    """Nodes and edges in the contract's shape; shared identifiers become their own nodes."""
    nodes: dict[str, dict[str, Any]] = {i: _node(graph, i) for i in extra if i in graph.entities}
    out_edges: dict[str, dict[str, Any]] = {}
    for edge in edges:
        if edge.schema == "SharedIdentifier":
            prop, values = next(iter(edge.properties.items()))
            ident = f"id:{prop}:{values[0]}"
            nodes[ident] = {"id": ident, "schema": prop, "caption": values[0], "kind": "identifier"}
            for side in (edge.source, edge.target):
                nodes.setdefault(side, _node(graph, side))
                key = f"{ident}>{side}"
                out_edges[key] = {
                    "id": key,
                    "source": side,
                    "target": ident,
                    "label": prop,
                    "schema": "SharedIdentifier",
                    "date": None,
                    "evidence": _evidence(edge),
                }
            continue
        for side in (edge.source, edge.target):
            nodes.setdefault(side, _node(graph, side))
        out_edges[edge.id] = {
            "id": edge.id,
            "source": edge.source,
            "target": edge.target,
            "label": edge.label,
            "schema": edge.schema,
            "date": edge.date,
            "evidence": _evidence(edge),
        }
    return {"nodes": list(nodes.values()), "edges": list(out_edges.values())}


def create_dev_app(settings: Settings) -> FastAPI:
    app = FastAPI(title="tracegraph web dev API")
    state = State(settings)

    @app.exception_handler(TracegraphError)
    def _error(request: Request, exc: TracegraphError) -> JSONResponse:
        status = 404 if isinstance(exc, NotFoundError) else 400
        return JSONResponse({"type": type(exc).__name__, "message": str(exc)}, status_code=status)

    @app.get("/api/session")
    def session() -> dict[str, Any]:
        return {"user": "dev", "csrf_token": "dev"}

    @app.get("/api/search")
    def search(
        q: str = "",
        schema: str | None = None,
        country: str | None = None,
        dataset: str | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> dict[str, Any]:
        graph = state.graph()
        hits = queries.search(graph, q, limit=200) if q.strip() else []
        results = []
        for hit in hits:
            entity = graph.entities[hit["id"]]
            countries = entity.get("country") + entity.get("jurisdiction")
            datasets = sorted({s.dataset for s in entity.statements})
            sentence = next((ev.sentence for ev in graph.evidence_of(hit["id"]) if ev.sentence), None)
            results.append(
                {
                    "id": hit["id"],
                    "schema": hit["schema"],
                    "caption": hit["caption"],
                    "countries": countries,
                    "datasets": datasets,
                    "snippet": sentence or hit["matched"],
                    "score": hit["score"],
                }
            )
        facets = {
            "schema": Counter(r["schema"] for r in results),
            "country": Counter(c for r in results for c in r["countries"]),
            "dataset": Counter(d for r in results for d in r["datasets"]),
        }
        results = [
            r
            for r in results
            if (not schema or r["schema"] == schema)
            and (not country or country in r["countries"])
            and (not dataset or dataset in r["datasets"])
        ]
        return {"total": len(results), "results": results[offset : offset + limit], "facets": facets}

    @app.get("/api/entities/{entity_id}")
    def entity(entity_id: str) -> dict[str, Any]:
        graph = state.graph()
        shown = queries.show(graph, entity_id)
        ent = graph.entities[shown["id"]]
        flags = [e.label for e in graph.edges_of(shown["id"]) if e.schema == "Sanction" and e.target == shown["id"]]
        relations = []
        for edge in graph.edges_of(shown["id"]):
            view = queries.edge_view(graph, edge, shown["id"])
            relations.append(
                {
                    "id": edge.id,
                    "schema": edge.schema,
                    "label": edge.label,
                    "direction": view["direction"],
                    "other": view["other"],
                    "date": edge.date,
                    "evidence": _evidence(edge),
                }
            )
        return {
            "id": shown["id"],
            "schema": shown["schema"],
            "caption": shown["caption"],
            "names": shown["names"],
            "properties": shown["properties"],
            "members": shown["members"],
            "datasets": sorted({s.dataset for s in ent.statements}),
            "flags": flags,
            "relations": relations,
        }

    @app.get("/api/entities/{entity_id}/neighbors")
    def neighbors(entity_id: str, depth: int = 1, types: str = "") -> dict[str, Any]:
        graph = state.graph()
        start = queries.lookup(graph, entity_id)
        wanted = {t for t in types.split(",") if t}
        edges = [e for _, _, via in graph.neighbors(start, depth) for e in via]
        edges = [e for e in edges if not wanted or e.label in wanted or e.schema in wanted]
        return _subgraph(graph, edges, {start})

    @app.get("/api/paths")
    def paths(source: str, target: str, max_hops: int = 4) -> dict[str, Any]:
        graph = state.graph()
        found = graph.shortest_paths(queries.lookup(graph, source), queries.lookup(graph, target), 5)
        found = [p for p in found if len(p) <= max_hops]
        return {"paths": [_subgraph(graph, [e for hop in path for e in hop], set()) for path in found]}

    @app.get("/api/timeline")
    def timeline(entity: str | None = None, q: str | None = None) -> dict[str, Any]:
        graph = state.graph()
        data = queries.timeline(graph, entity)
        items = []
        for item in data["events"]:
            evidence = []
            for ev in item["evidence"]:
                one = {k: ev.get(k) for k in ("document_id", "sentence", "title")}
                if ev.get("span"):
                    one["start"], one["end"] = ev["span"]
                evidence.append(one)
            items.append(
                {
                    "id": item["id"],
                    "date": item["date"],
                    "label": item["label"],
                    "schema": item["schema"],
                    "entities": item["sources"] + item["targets"],
                    "evidence": evidence,
                }
            )
        if q:
            items = [i for i in items if q.lower() in " ".join(e["caption"] for e in i["entities"]).lower()]
        return {"items": items}

    @app.get("/api/documents")
    def documents() -> dict[str, Any]:
        with open_store(settings) as store:
            docs = [
                {
                    "id": d.id,
                    "title": d.title,
                    "date": d.published,
                    "kind": d.kind,
                    "source": d.source_id,
                    "outlet": d.outlet,
                    "chars": len(d.text),
                }
                for d in store.documents()
            ]
        return {"documents": docs}

    @app.get("/api/documents/{doc_id}")
    def document(doc_id: str) -> dict[str, Any]:
        graph = state.graph()
        with open_store(settings) as store:
            doc = store.document(doc_id)
            source = store.source(doc.source_id)
            mentions = []
            seen = set()
            for stmt in store.statements(document_id=doc_id):
                if stmt.span_start is None or stmt.span_end is None or stmt.prop not in ("name", "alias"):
                    continue
                key = (stmt.span_start, stmt.span_end)
                if key in seen:
                    continue
                seen.add(key)
                canonical = graph.resolve_id(stmt.entity_id)
                mentions.append(
                    {"start": stmt.span_start, "end": stmt.span_end, "entity_id": canonical, "schema": stmt.schema}
                )
        return {
            "id": doc.id,
            "title": doc.title,
            "text": doc.text,
            "kind": doc.kind,
            "date": doc.published,
            "source": source.uri.rsplit("/", 1)[-1],
            "mentions": sorted(mentions, key=lambda m: m["start"]),
        }

    @app.get("/api/documents/{doc_id}/raw")
    def raw(doc_id: str) -> Response:
        with open_store(settings) as store:
            doc = store.document(doc_id)
            text = store.raw_text(doc.source_id) or ""
        return Response(text, media_type="text/plain; charset=utf-8")

    @app.post("/api/screen")
    def screen(body: dict[str, Any]) -> dict[str, Any]:
        from tracegraph.screen.build import matcher_from_store
        from tracegraph.screen.features import Query as ScreenQuery

        with open_store(settings) as store:
            matcher = matcher_from_store(store)
        results = []
        for query in body.get("queries", []):
            found = matcher.match(
                ScreenQuery(
                    names=[query["name"]],
                    schema=query.get("schema") or "LegalEntity",
                    countries=[query["country"]] if query.get("country") else [],
                    birth_dates=[query["birth_date"]] if query.get("birth_date") else [],
                )
            )
            matches = [{**r.to_dict(), "reasons": list(r.reasons.values())} for r in found[:5]]
            results.append({"query": query, "matches": matches})
        return {"results": results}

    @app.get("/api/substances")
    def substances(q: str) -> dict[str, Any]:
        from tracegraph.substances.lookup import lookup

        return {"results": [lookup(q).to_dict()]}

    @app.get("/api/substances/depict.svg")
    def depict(smiles: str) -> Response:
        from rdkit import Chem
        from rdkit.Chem.Draw import rdMolDraw2D

        mol = Chem.MolFromSmiles(smiles)
        if mol is None:
            return JSONResponse({"type": "InputError", "message": "not a valid SMILES"}, status_code=400)
        drawer = rdMolDraw2D.MolDraw2DSVG(300, 220)
        drawer.DrawMolecule(mol)
        drawer.FinishDrawing()
        return Response(drawer.GetDrawingText(), media_type="image/svg+xml")

    @app.get("/api/listings")
    def listings(controlled: bool = False, destination: str | None = None) -> dict[str, Any]:
        from tracegraph.substances.views import listing_rows

        with open_store(settings) as store:
            return {"listings": listing_rows(store, controlled, destination)}

    @app.post("/api/judgements")
    def judgements(body: dict[str, Any]) -> dict[str, Any]:
        from tracegraph.resolve import judgements as jm

        ids, reason = body.get("ids", []), body.get("reason", "")
        with open_store(settings) as store:
            if body["kind"] == "merge":
                result: Any = jm.merge(store, ids[0], ids[1], reason).canonical
            elif body["kind"] == "split":
                result = jm.split(store, ids[0], reason)
            else:
                store.add_judgement(
                    jm.judgement_id("distinct", ids[0], ids[1]), ids[0], ids[1], "distinct", reason, "web"
                )
                result = ids
        state.reset()
        return {"kind": body["kind"], "result": result}

    @app.post("/api/jobs")
    def jobs(body: dict[str, Any]) -> dict[str, Any]:
        job_id = f"job-{len(state.jobs) + 1}"
        state.jobs[job_id] = {
            "id": job_id,
            "kind": body.get("kind"),
            "status": "running",
            "progress": 0.0,
            "message": "started",
            "polls": 0,
        }
        return {"id": job_id}

    @app.get("/api/jobs")
    def job_list() -> dict[str, Any]:
        return {"results": [job(job_id) for job_id in reversed(state.jobs)]}

    @app.get("/api/collections")
    def collections() -> dict[str, Any]:
        return {"results": [{"name": "default", "label": "Default", "marking": "TLP:AMBER", "level": "write"}]}

    @app.get("/api/jobs/{job_id}")
    def job(job_id: str) -> dict[str, Any]:
        found = state.jobs.get(job_id)
        if found is None:
            raise NotFoundError("no such job", subject=job_id)
        found["polls"] += 1
        found["progress"] = min(1.0, found["polls"] / 3)
        if found["progress"] >= 1.0:
            found["status"], found["message"] = "done", "finished"
        return {k: v for k, v in found.items() if k != "polls"}

    @app.get("/api/export")
    def export(format: str = "ftm", ids: str = Query("")) -> Response:
        graph = state.graph()
        sub = graph.restrict({i for i in ids.split(",") if i})
        if format == "graphml":
            from tracegraph.export.graphml import write_graphml

            buf = io.BytesIO()
            write_graphml(sub, buf)
            return Response(buf.getvalue(), media_type="application/xml")
        import orjson

        from tracegraph.export.ftm import ftm_entities

        lines = b"".join(orjson.dumps(e) + b"\n" for e in ftm_entities(sub))
        return Response(lines, media_type="application/x-ndjson")

    return app
