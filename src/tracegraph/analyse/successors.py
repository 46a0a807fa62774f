"""Successors: pairs of companies where one likely continues the other.

Candidates share something: a person tied to both (director, employee, owner),
an identifier (phone, e-mail, domain, address, wallet), or a product they both
offer. Each feature adds to the score with a reason in plain words, like the
screening matcher's features; timing decides the direction and adds more:
the predecessor goes quiet, is charged or sanctioned, and the successor
appears after. A confirmed pair is a recorded judgement that writes an FtM
``Succession`` relation, its evidence being the judgement itself.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any, NamedTuple

from tracegraph.analyse.clusters import holdings
from tracegraph.analyse.common import config, evidence_of_edges, is_a, view
from tracegraph.analyse.identifiers import generic_reason
from tracegraph.graph import Edge, Graph
from tracegraph.graph.queries import lookup
from tracegraph.ids import make_id
from tracegraph.match import name_key
from tracegraph.store import Statement, Store

DATASET = "judgements"
EXTRACTOR = "analyse.successors"


class Feature(NamedTuple):
    score: float
    reason: str


@dataclass
class Timeline:
    """When a company is first and last seen, and what ended its run."""

    start: str | None = None
    last: str | None = None
    end: str | None = None
    end_reason: str | None = None
    end_evidence: list[dict[str, Any]] = field(default_factory=list)


def _is_company(graph: Graph, entity_id: str) -> bool:
    entity = graph.entities.get(entity_id)
    return entity is not None and is_a(entity.schema, "Organization") and not is_a(entity.schema, "PublicBody")


def timeline(graph: Graph, entity_id: str) -> Timeline:
    """First and last dates of a company (its own dates, its relations'), and its ending event."""
    settings = config()["successors"]
    entity = graph.entities[entity_id]
    found = Timeline()
    dates: list[str] = []
    for prop in settings["start_props"]:
        values = sorted(entity.get(prop))
        if values:
            found.start = values[0]
            break
    for edge in graph.edges_of(entity_id):
        if edge.schema == "SharedIdentifier":
            continue
        if edge.date:
            dates.append(edge.date)
        ending = edge.schema in settings["ending_schemata"] or (
            edge.schema == "Action" and edge.label.lower() in settings["ending_actions"]
        )
        if ending and edge.target == entity_id and edge.date and (found.end is None or edge.date < found.end):
            found.end, found.end_reason = edge.date, edge.label
            found.end_evidence = evidence_of_edges([edge], 2)
    for prop in settings["end_props"]:
        values = sorted(entity.get(prop))
        if values and (found.end is None or values[0] < found.end):
            found.end, found.end_reason = values[0], prop
    if dates:
        found.start = min([found.start or dates[0], *dates])
        found.last = max(dates)
    return found


def _shared(graph: Graph) -> dict[tuple[str, str], list[tuple[str, str, list[Any]]]]:
    """Company pair -> what they share: ("person", id, edges), ("phone", value, statements), ("product", ...)."""
    settings = config()["successors"]
    limit = int(settings["max_holders"])
    holders: dict[tuple[str, str], dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for edge in graph.edges:
        if edge.schema in settings["person_ties"]:
            person, company = edge.source, edge.target
            entity = graph.entities.get(person)
            if entity is not None and is_a(entity.schema, "Person") and _is_company(graph, company):
                holders[("person", person)][company].append(edge)
        elif (edge.schema == "Listing" or (edge.schema == "Action" and edge.label == "offer")) and _is_company(
            graph, edge.source
        ):
            holders[("product", edge.target)][edge.source].append(edge)
    for key, by_holder in holdings(graph).items():
        if generic_reason(key) is None:
            for holder, stmts in by_holder.items():
                if _is_company(graph, holder):
                    holders[key][holder].extend(stmts)
    pairs: dict[tuple[str, str], list[tuple[str, str, list[Any]]]] = defaultdict(list)
    for (kind, value), by_company in holders.items():
        if len(by_company) < 2 or len(by_company) > limit:
            continue
        for a, b in combinations(sorted(by_company), 2):
            pairs[(a, b)].append((kind, value, by_company[a] + by_company[b]))
    return pairs


def _features(graph: Graph, shared: list[tuple[str, str, list[Any]]]) -> list[Feature]:
    settings = config()["successors"]
    found: list[Feature] = []
    people = [s for s in shared if s[0] == "person"]
    if people:
        score = min(settings["shared_person"] * len(people), settings["shared_person_max"])
        names = ", ".join(str(view(graph, p[1])["caption"]) for p in people)
        found.append(Feature(score, f"same people: {names}"))
    idents = [s for s in shared if s[0] not in ("person", "product")]
    if idents:
        weights = settings["shared_identifier"]
        score = min(sum(float(weights.get(k, 0.1)) for k, _, _ in idents), settings["shared_identifier_max"])
        shown = [(k, next((i.value for i in items if isinstance(i, Statement)), v)) for k, v, items in idents]
        found.append(Feature(score, "same " + ", ".join(f"{k} {v}" for k, v in shown)))
    products = [s for s in shared if s[0] == "product"]
    if products:
        score = min(settings["shared_product"] * len(products), settings["shared_product_max"])
        names = ", ".join(str(view(graph, p[1])["caption"]) for p in products)
        found.append(Feature(score, f"same products: {names}"))
    return found


def _order(graph: Graph, a: str, b: str) -> tuple[str, str, list[Feature]]:
    """Predecessor, successor, and the timing and naming features (none: not a succession)."""
    settings = config()["successors"]
    ta, tb = timeline(graph, a), timeline(graph, b)

    def ended_before(x: Timeline, y: Timeline) -> bool:
        """x was charged, sanctioned or dissolved before y was first seen."""
        return x.end is not None and y.start is not None and y.start >= x.end[: len(y.start)]

    def quiet_before(x: Timeline, y: Timeline) -> bool:
        """x's last dated activity is before y was first seen."""
        return x.last is not None and y.start is not None and y.start > x.last

    if not ended_before(ta, tb) and (ended_before(tb, ta) or (not quiet_before(ta, tb) and quiet_before(tb, ta))):
        a, b, ta, tb = b, a, tb, ta
    found: list[Feature] = []
    if ended_before(ta, tb):
        found.append(
            Feature(
                float(settings["ends_then_starts"]),
                f"{view(graph, a)['caption']} ends ({ta.end_reason}, {ta.end}); "
                f"{view(graph, b)['caption']} first seen {tb.start}",
            )
        )
    elif quiet_before(ta, tb):
        found.append(
            Feature(
                float(settings["quiet_then_starts"]),
                f"{view(graph, a)['caption']} last seen {ta.last}; {view(graph, b)['caption']} first seen {tb.start}",
            )
        )
    previous_b = {name_key(n) for n in graph.entities[b].get("previousName")}
    if previous_b and previous_b & {name_key(n) for n in graph.entities[a].get("name")}:
        found.append(Feature(float(settings["previous_name"]), "the successor's previous name is the predecessor's"))
    return a, b, found


def successors(graph: Graph, threshold: float | None = None) -> dict[str, Any]:
    """Likely (predecessor, successor) pairs, best first, with reasons, timing and evidence."""
    settings = config()["successors"]
    threshold = float(settings["threshold"]) if threshold is None else threshold
    known = {(e.source, e.target) for e in graph.edges if e.schema == "Succession"}
    found: list[dict[str, Any]] = []
    for (a, b), shared in _shared(graph).items():
        features = _features(graph, shared)
        lift = float(settings["ends_then_starts"]) + float(settings["previous_name"])
        if sum(f.score for f in features) < threshold - lift - 1e-9:
            continue  # timing and naming cannot lift it over the threshold
        pred, succ, timing = _order(graph, a, b)
        if not timing:
            continue  # sellers sharing contacts at the same time are a cluster, not a succession
        features += timing
        score = min(sum(f.score for f in features), 1.0)
        if score < threshold:
            continue
        evidence: list[dict[str, Any]] = []
        for _, _, items in shared:
            edges = [i for i in items if isinstance(i, Edge)]
            stmts = [i for i in items if isinstance(i, Statement)]
            evidence.extend(evidence_of_edges(edges, 2))
            evidence.extend(ev.to_dict() for ev in graph.evidence_reader.evidence(stmts)[:2])
        evidence.extend(timeline(graph, pred).end_evidence)
        found.append(
            {
                "predecessor": view(graph, pred),
                "successor": view(graph, succ),
                "score": round(score, 3),
                "reasons": [{"score": round(f.score, 3), "reason": f.reason} for f in features],
                "recorded": (pred, succ) in known,
                "evidence": list({(e.get("document_id"), e.get("record_id")): e for e in evidence}.values())[:8],
            }
        )
    found.sort(key=lambda s: (-s["score"], s["predecessor"]["id"], s["successor"]["id"]))
    return {"successors": found}


def confirm_successor(
    store: Store, graph: Graph, predecessor: str, successor: str, reason: str, author: str = "user"
) -> dict[str, Any]:
    """Record the judgement that ``successor`` continues ``predecessor`` and write its ``Succession``.

    The relation's statements cite the judgement as their record, so the graph
    shows the edge with "who, when, why" as its evidence. Confirming again is a no-op.
    """
    pred, succ = lookup(graph, predecessor), lookup(graph, successor)
    judgement = make_id("jd", "succession", pred, succ)
    relation = make_id("rel", "Succession", pred, succ)
    store.add_judgement(judgement, pred, succ, "succession", reason, author)
    facts = [
        Statement(
            entity_id=relation,
            schema="Succession",
            prop=prop,
            value=value,
            dataset=DATASET,
            record_id=judgement,
            extractor=EXTRACTOR,
        )
        for prop, value in (("predecessor", pred), ("successor", succ), ("summary", reason))
    ]
    with store.transaction():
        store.add_statements(facts)
    return {
        "judgement": judgement,
        "relation": relation,
        "predecessor": view(graph, pred),
        "successor": view(graph, succ),
    }
