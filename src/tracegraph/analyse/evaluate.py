"""Score the analyses against a hand-written gold file (the ``analysis:`` part of ``examples/gold.yaml``).

Clusters are scored on member pairs, successors on ordered pairs, chains on
(entity, top, end) triples, conflicts on (subject, property), hubs on the top
entities of some schemata judged relevant or not. Names are compared by name key.
"""

from __future__ import annotations

from itertools import combinations
from pathlib import Path
from typing import Any

from tracegraph.analyse.chains import chains
from tracegraph.analyse.clusters import clusters
from tracegraph.analyse.conflicts import conflicts
from tracegraph.analyse.hubs import hubs
from tracegraph.analyse.successors import successors
from tracegraph.datafiles import parse_yaml
from tracegraph.errors import NotFoundError
from tracegraph.graph import Graph
from tracegraph.match import name_key


def _key(name: str) -> str:
    return name_key(name) or name.lower()


def _score(found: set[Any], gold: set[Any]) -> dict[str, Any]:
    correct = found & gold
    return {
        "precision": round(len(correct) / len(found), 3) if found else None,
        "recall": round(len(correct) / len(gold), 3) if gold else None,
        "found": len(found),
        "gold": len(gold),
        "correct": len(correct),
        "missed": sorted(map(str, gold - correct)),
        "wrong": sorted(map(str, found - correct)),
    }


def _caption_keys(graph: Graph, entity_id: str) -> str:
    entity = graph.entities.get(entity_id)
    return _key(entity.caption) if entity else entity_id


def _names_keys(graph: Graph, entity_id: str) -> set[str]:
    entity = graph.entities.get(entity_id)
    return {_key(n) for n in entity.get("name")} if entity else set()


def _canon(graph: Graph, name: str) -> str:
    """A gold name as the caption key of the entity that carries it (merged names count)."""
    key = _key(name)
    for entity_id in graph.index:
        if key in _names_keys(graph, entity_id):
            return _caption_keys(graph, entity_id)
    return key


def evaluate(graph: Graph, gold_path: Path) -> dict[str, dict[str, Any]]:
    """Precision and recall of each analysis on ``graph`` against the gold file."""
    gold = parse_yaml(Path(gold_path).read_text(encoding="utf-8"), str(gold_path)).get("analysis", {})
    scores: dict[str, dict[str, Any]] = {}
    caption = {entity_id: _caption_keys(graph, entity_id) for entity_id in graph.index}

    if "hubs" in gold:
        spec = gold["hubs"]
        result = hubs(graph, limit=int(spec.get("top", 3)))["schemata"]
        found = {caption[h["id"]] for s in spec["schemata"] for h in result.get(s, [])}
        relevant = {_canon(graph, n) for n in spec["relevant"]}
        score = _score(found, relevant)
        score["recall"] = None  # only the top few are shown: recall is not the question
        scores["hubs"] = score

    if "clusters" in gold:
        found_pairs = {
            tuple(sorted(pair))
            for c in clusters(graph, evidence=False)["clusters"]
            for pair in combinations([caption[m["id"]] for m in c["members"]], 2)
        }
        gold_groups = [[_canon(graph, n) for n in group] for group in gold["clusters"]]
        gold_pairs = {tuple(sorted(pair)) for group in gold_groups for pair in combinations(group, 2)}
        scores["clusters"] = _score(found_pairs, gold_pairs)

    if "successors" in gold:
        found_succ = {
            (caption[s["predecessor"]["id"]], caption[s["successor"]["id"]]) for s in successors(graph)["successors"]
        }
        gold_succ = {(_canon(graph, g["predecessor"]), _canon(graph, g["successor"])) for g in gold["successors"]}
        scores["successors"] = _score(found_succ, gold_succ)

    if "chains" in gold:
        found_chains: set[tuple[Any, ...]] = set()
        gold_chains: set[tuple[Any, ...]] = set()
        for g in gold["chains"]:
            entity = _canon(graph, g["entity"])
            gold_chains.add((entity, _canon(graph, g["top"]), g["ends_at"], g["hops"], g.get("aggregate")))
            try:
                result = chains(graph, g["entity"])["chains"]
            except NotFoundError:
                continue
            for c in result:
                if c["ends_at"]:
                    aggregate = c["aggregate_percentage"] if "aggregate" in g else None
                    found_chains.add((entity, caption[c["top"]["id"]], c["ends_at"], len(c["hops"]), aggregate))
        scores["chains"] = _score(found_chains, gold_chains)

    if "conflicts" in gold:
        found_conf = set()
        for c in conflicts(graph)["conflicts"]:
            if c["kind"] == "property":
                subject = caption[c["subject"]["id"]]
            else:
                subject = f"{caption[c['source']['id']]} -> {caption[c['target']['id']]}"
            found_conf.add((subject, c["property"]))
        gold_conf = set()
        for g in gold["conflicts"]:
            parts = [_canon(graph, p.strip()) for p in g["subject"].split(" -> ")]
            gold_conf.add((" -> ".join(parts), g["property"]))
        scores["conflicts"] = _score(found_conf, gold_conf)
    return scores
