"""Benchmark the analyses on a synthetic graph with planted structures, and the watch loop.

1. A synthetic network of N node entities (default 1,000,000: companies, people, public bodies)
   built straight into the in-memory projection (``tracegraph.graph.Graph``), with background
   noise (unique contacts, free-mail addresses, marketplace shops, a registered agent's address,
   placeholder phones, a switchboard, random directorships and ownerships, random sanctions) and
   planted answers: seller clusters tied by chained phones and e-mails, successors (same director,
   phone and address; the predecessor sanctioned or dissolved, the successor incorporated after),
   ownership chains to a state body with known stakes, and conflicting figures (with decoys that
   are not conflicts: a date that refines another, a stake within rounding).
2. Each analysis: recall of the planted structures, false positives, time and peak memory (RSS
   above the graph), against networkx and igraph (and rustworkx) equivalents in the same process.
3. Watch: latency from a new file in a watched folder to its alert in the JSON-lines sink, alerts
   on a replay (goal 0), and a webhook that is down and comes back (alerts lost: goal 0).

Run: .venv/bin/python bench/bench_analyse.py [--entities 1000000] [--skip-peers] [--json out.json]
(peers need the 'bench' extra: pip install -e '.[bench]')
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import socket
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import combinations
from pathlib import Path
from typing import Any

import psutil

from tracegraph.analyse import chains, clusters, communities, conflicts, hubs, successors
from tracegraph.analyse.centrality import pagerank, sampled_betweenness
from tracegraph.analyse.identifiers import keys
from tracegraph.graph import Graph
from tracegraph.settings import Settings
from tracegraph.store import Entity, Statement, Store, open_store

PROCESS = psutil.Process()


# -- measuring -------------------------------------------------------------------
class Peak:
    """Peak resident memory above the starting point while a block runs (sampled every 20 ms)."""

    def __init__(self) -> None:
        self.base = 0
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _watch(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, PROCESS.memory_info().rss)
            self._stop.wait(0.02)

    def __enter__(self) -> Peak:
        gc.collect()
        self.base = self.peak = PROCESS.memory_info().rss
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, PROCESS.memory_info().rss)

    @property
    def mb(self) -> float:
        return round((self.peak - self.base) / 2**20, 1)


def measure(func: Callable[[], Any]) -> tuple[Any, float, float]:
    """Result, seconds and peak extra MB of one call."""
    with Peak() as peak:
        started = time.perf_counter()
        result = func()
        seconds = time.perf_counter() - started
    return result, round(seconds, 2), peak.mb


# -- the synthetic network ----------------------------------------------------------
@dataclass
class Truth:
    clusters: list[set[str]] = field(default_factory=list)
    successors: set[tuple[str, str]] = field(default_factory=set)
    decoy_pairs: set[tuple[str, str]] = field(default_factory=set)
    chains: dict[str, tuple[str, float]] = field(default_factory=dict)
    conflicts: set[tuple[str, str]] = field(default_factory=set)
    not_conflicts: set[tuple[str, str]] = field(default_factory=set)


class Builder:
    """Writes entities and relations straight into a projection (what Graph.load makes from a store)."""

    def __init__(self, store: Store) -> None:
        self.graph = Graph(store)
        self.relations: list[Entity] = []

    def entity(self, entity_id: str, schema: str, dataset: str = "registry", **props: list[str]) -> None:
        statements = [
            Statement(entity_id, schema, prop, value, dataset=dataset, record_id=f"{dataset}:{entity_id}")
            for prop, values in props.items()
            for value in values
        ]
        existing = self.graph.entities.get(entity_id)
        if existing is not None:  # a second source about the same entity
            existing.statements.extend(statements)
            for prop, values in props.items():
                existing.properties.setdefault(prop, []).extend(v for v in values if v not in existing.get(prop))
            return
        self.graph.entities[entity_id] = Entity(entity_id, schema, dict(props), statements, [entity_id])
        self.graph.node(entity_id)

    def relation(self, relation_id: str, schema: str, dataset: str = "registry", **props: list[str]) -> None:
        statements = [
            Statement(relation_id, schema, prop, value, dataset=dataset, record_id=f"{dataset}:{relation_id}")
            for prop, values in props.items()
            for value in values
        ]
        existing = self.graph.entities.get(relation_id)
        if existing is not None:
            existing.statements.extend(statements)
            for prop, values in props.items():
                existing.properties.setdefault(prop, []).extend(v for v in values if v not in existing.get(prop))
            return
        entity = Entity(relation_id, schema, dict(props), statements, [relation_id])
        self.graph.entities[relation_id] = entity
        self.relations.append(entity)

    def finish(self) -> Graph:
        for entity in self.relations:
            self.graph._add_relation(entity)  # the projection's own edge rule (as Graph.load applies it)
        return self.graph


def synthetic(store: Store, n: int, seed: int = 7) -> tuple[Graph, Truth]:
    rng = random.Random(seed)
    b = Builder(store)
    truth = Truth()
    planted_share = 0.06
    n_planted = int(n * planted_share)
    n_people = int((n - n_planted) * 0.35)
    n_bodies = max(int((n - n_planted) * 0.005), 10)
    n_companies = n - n_planted - n_people - n_bodies
    companies = [f"c{i}" for i in range(n_companies)]
    people = [f"p{i}" for i in range(n_people)]
    bodies = [f"g{i}" for i in range(n_bodies)]
    switchboard = "+44 20 7946 0000"
    for i, cid in enumerate(companies):
        props: dict[str, list[str]] = {
            "name": [f"Company {i} Ltd"],
            "incorporationDate": [f"{rng.randint(1995, 2023)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"],
        }
        roll = rng.random()
        props["phone"] = (
            [switchboard]
            if i % 25_000 == 0
            else ["+1 000 000 0000"]
            if roll < 0.01
            else [f"+86 21 {5_000_000 + i:08d}"]
        )
        props["email"] = [f"sales{i}@gmail.com"] if roll < 0.3 else [f"info@c{i}-trade.com"]
        props["website"] = [f"https://shop{i}.made-in-china.com"] if 0.3 <= roll < 0.4 else [f"https://c{i}-trade.com"]
        if 0.4 <= roll < 0.42:
            props["address"] = ["1209 Orange Street, Wilmington, DE 19801"]
        b.entity(cid, "Company", **props)
    for i, pid in enumerate(people):
        b.entity(pid, "Person", name=[f"Person {i}"])
        for cid in rng.sample(companies, rng.choice((1, 1, 2))):
            b.relation(f"d-{pid}-{cid}", "Directorship", director=[pid], organization=[cid])
    for i, gid in enumerate(bodies):
        b.entity(gid, "PublicBody", name=[f"State body {i}"])
    for i in range(n_companies // 3):
        owner, asset = rng.sample(companies, 2)
        b.relation(f"o-bg-{i}", "Ownership", owner=[owner], asset=[asset], percentage=[str(rng.randint(5, 100))])
    for i in range(n_companies // 200):
        cid = rng.choice(companies)
        b.relation(
            f"s-bg-{i}",
            "Sanction",
            entity=[cid],
            authority=["Treasury"],
            startDate=[f"{rng.randint(2010, 2024)}-06-01"],
        )
    for i in range(n_companies // 100):
        owner, asset = rng.choice(bodies), rng.choice(companies)
        b.relation(f"o-gov-{i}", "Ownership", owner=[owner], asset=[asset], percentage=["100"])

    made = 0
    # planted seller clusters: 3..9 sites chained by shared phones and e-mails; some also use free mail
    k = 1000  # numbered from 1000: a number ending in seven zeros would read as a placeholder phone
    while made < n_planted * 0.5:
        size = rng.randint(3, 9)
        group = [f"k{k}-{j}" for j in range(size)]
        for j, cid in enumerate(group):
            props = {
                "name": [f"Seller {k}-{j}"],
                "phone": [f"+86 155 {k:05d} {j:03d}"],
                "website": [f"https://k{k}s{j}.example"],
            }
            if j > 0 and j % 2:
                props["phone"].append(f"+86 155 {k:05d} {j - 1:03d}")
            elif j > 0:
                props["email"] = [f"orders@k{k}s{j - 1}.example"]
            if rng.random() < 0.3:
                props.setdefault("email", []).append(f"seller{k}x{j}@gmail.com")
            b.entity(cid, "Company", **props)
            if j > 0 and j % 2 == 0:
                b.graph.entities[group[j - 1]].properties.setdefault("email", []).append(f"orders@k{k}s{j - 1}.example")
                b.graph.entities[group[j - 1]].statements.append(
                    Statement(
                        group[j - 1],
                        "Company",
                        "email",
                        f"orders@k{k}s{j - 1}.example",
                        dataset="registry",
                        record_id=f"registry:{group[j - 1]}",
                    )
                )
        truth.clusters.append(set(group))
        made += size
        k += 1
    # planted successors (and decoys: same director and phone, both active at once)
    s = 1000
    while made < n_planted * 0.75:
        pred, succ, director = f"sp{s}", f"ss{s}", f"sd{s}"
        phone, address = f"+86 311 {s:07d}", f"Unit {s}, Harbour Road {s % 97}, Tianjin"
        ended = rng.randint(2015, 2021)
        b.entity(director, "Person", name=[f"Director {s}"])
        b.entity(
            pred,
            "Company",
            name=[f"Old Firm {s}"],
            phone=[phone],
            address=[address],
            incorporationDate=[f"{ended - 6}-03-01"],
        )
        b.entity(
            succ,
            "Company",
            name=[f"New Firm {s}"],
            phone=[phone],
            address=[address],
            incorporationDate=[f"{ended + 1}-02-01"],
        )
        b.relation(f"sd-{s}-a", "Directorship", director=[director], organization=[pred])
        b.relation(f"sd-{s}-b", "Directorship", director=[director], organization=[succ])
        if s % 2:
            b.relation(f"ss-{s}", "Sanction", entity=[pred], authority=["Treasury"], startDate=[f"{ended}-05-01"])
        else:
            b.graph.entities[pred].properties["dissolutionDate"] = [f"{ended}-05-01"]
            b.graph.entities[pred].statements.append(
                Statement(
                    pred,
                    "Company",
                    "dissolutionDate",
                    f"{ended}-05-01",
                    dataset="registry",
                    record_id=f"registry:{pred}",
                )
            )
        truth.successors.add((pred, succ))
        truth.clusters.append({pred, succ})
        dp, ds, dd = f"dp{s}", f"ds{s}", f"dd{s}"
        b.entity(dd, "Person", name=[f"Decoy director {s}"])
        b.entity(dp, "Company", name=[f"Twin A {s}"], phone=[f"+86 312 {s:07d}"], incorporationDate=["2012-01-01"])
        b.entity(ds, "Company", name=[f"Twin B {s}"], phone=[f"+86 312 {s:07d}"], incorporationDate=["2014-01-01"])
        b.relation(f"dd-{s}-a", "Directorship", director=[dd], organization=[dp])
        b.relation(f"dd-{s}-b", "Directorship", director=[dd], organization=[ds])
        truth.decoy_pairs.add((dp, ds))
        truth.clusters.append({dp, ds})
        made += 6
        s += 1
    # planted ownership chains to a state body
    c = 0
    while made < n_planted * 0.9:
        length = rng.randint(2, 5)
        members = [f"ch{c}-{j}" for j in range(length)]
        top = f"chg{c}"
        b.entity(top, "PublicBody", name=[f"Provincial Assets Commission {c}"])
        for j, mid in enumerate(members):
            b.entity(mid, "Company", name=[f"Holding {c}-{j}"])
        aggregate = 100.0
        for j, mid in enumerate(members):
            owner = members[j + 1] if j + 1 < length else top
            share = rng.choice((51, 60, 75, 100))
            aggregate *= share / 100
            b.relation(f"co-{c}-{j}", "Ownership", owner=[owner], asset=[mid], percentage=[str(share)])
        truth.chains[members[0]] = (top, round(aggregate, 4))
        made += length + 1
        c += 1
    # planted conflicts, and decoys that are not conflicts
    f = 0
    while made < n_planted:
        real, refine = f"cf{f}", f"cr{f}"
        b.entity(real, "Company", name=[f"Disputed {f}"], incorporationDate=["2016-04-01"])
        b.entity(real, "Company", dataset="press", incorporationDate=["2017-09-12"])
        b.entity(refine, "Company", name=[f"Refined {f}"], incorporationDate=["2018"])
        b.entity(refine, "Company", dataset="press", incorporationDate=["2018-07-03"])
        owner, asset = f"cfo{f}", f"cfa{f}"
        b.entity(owner, "Company", name=[f"Stakeholder {f}"])
        b.entity(asset, "Company", name=[f"Stake {f}"])
        b.relation(f"cfs{f}", "Ownership", owner=[owner], asset=[asset], percentage=["70"])
        b.relation(f"cfs{f}", "Ownership", dataset="press", percentage=["45" if f % 2 else "70.2"])
        truth.conflicts.add((real, "incorporationDate"))
        truth.not_conflicts.add((refine, "incorporationDate"))
        (truth.conflicts if f % 2 else truth.not_conflicts).add((f"{owner}->{asset}", "percentage"))
        made += 4
        f += 1
    return b.finish(), truth


# -- scoring ----------------------------------------------------------------------------
def _pairs_recall(found_groups: list[set[str]], truth: list[set[str]]) -> tuple[float, int]:
    """Planted groups recovered exactly, and found groups that are no planted group (false positives)."""
    found = {frozenset(g) for g in found_groups}
    planted = {frozenset(g) for g in truth}
    return round(len(found & planted) / len(planted), 4), len(found - planted)


def bench_clusters(graph: Graph, truth: Truth, peers: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    result, secs, mb = measure(lambda: clusters(graph, evidence=False))
    groups = [{m["id"] for m in c["members"]} for c in result["clusters"]]
    recall, fps = _pairs_recall(groups, truth.clusters)
    out["tracegraph"] = {
        "seconds": secs,
        "peak_mb": mb,
        "recall": recall,
        "false_positive_groups": fps,
        "largest": max(len(g) for g in groups),
        "suppressed_values": len(result["suppressed"]),
    }

    def naive_edges() -> list[tuple[str, str]]:
        """Entity - identifier edges with no suppression: what a plain connected-components job sees."""
        found = []
        for entity_id, entity in graph.entities.items():
            if entity_id not in graph.index:
                continue
            for stmt in entity.statements:
                for key in keys(stmt.prop, stmt.value):
                    found.append((entity_id, f"{key[0]}:{key[1]}"))
        return found

    if peers:
        edges, _, _ = measure(naive_edges)
        import igraph as ig
        import networkx as nx

        def with_nx() -> list[set[str]]:
            g = nx.Graph()
            g.add_edges_from(edges)
            return [{n for n in comp if n in graph.index} for comp in nx.connected_components(g)]

        def with_ig() -> list[set[str]]:
            g = ig.Graph.TupleList(edges, directed=False)
            names = g.vs["name"]
            return [{names[i] for i in comp if names[i] in graph.index} for comp in g.connected_components()]

        for name, func in (
            ("networkx components, no suppression", with_nx),
            ("igraph components, no suppression", with_ig),
        ):
            comps, secs, mb = measure(func)
            comps = [c for c in comps if len(c) >= 2]
            recall, fps = _pairs_recall(comps, truth.clusters)
            out[name] = {
                "seconds": secs,
                "peak_mb": mb,
                "recall": recall,
                "false_positive_groups": fps,
                "largest": max(len(c) for c in comps),
            }
    return out


def overlap(ours: dict[int, float], peer: dict[int, float], k: int = 100) -> int:
    """How many of our top ``k`` the peer also ranks in its top ``k``; scores within 0.1% of the peer's cut
    count as in (solvers stop at a tolerance, so nodes of equal structure differ in the last digits)."""
    top = sorted(ours, key=lambda i: -ours[i])[:k]
    cut = sorted(peer.values(), reverse=True)[:k][-1] if peer else 0.0
    return sum(1 for i in top if peer.get(i, 0.0) >= cut * (1 - 1e-3))


def bench_hubs(graph: Graph, peers: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    result, secs, mb = measure(lambda: hubs(graph, limit=10, samples=64))
    out["tracegraph (PageRank + sampled betweenness, 64 sources)"] = {
        "seconds": secs,
        "peak_mb": mb,
        "sampled": result["sampled"],
    }
    rx_rank, secs, mb = measure(lambda: pagerank(graph.graph))
    out["rustworkx pagerank alone"] = {"seconds": secs, "peak_mb": mb}
    ours_between, secs, mb = measure(lambda: sampled_betweenness(graph.graph, 64))
    out["tracegraph sampled betweenness alone"] = {"seconds": secs, "peak_mb": mb}
    if peers:
        import igraph as ig
        import networkx as nx

        edges = list(graph.graph.edge_list())
        nxg, _, _ = measure(lambda: nx.Graph(edges))
        nx_rank, secs, mb = measure(lambda: nx.pagerank(nxg))
        out["networkx pagerank"] = {"seconds": secs, "peak_mb": mb, "top100_overlap": overlap(rx_rank, nx_rank)}
        nx_between, secs, mb = measure(lambda: nx.betweenness_centrality(nxg, k=64, seed=0))
        out["networkx betweenness (k=64)"] = {
            "seconds": secs,
            "peak_mb": mb,
            "top100_overlap": overlap(ours_between, nx_between),
        }
        igg = ig.Graph(n=max(graph.graph.node_indices()) + 1, edges=edges)
        ig_rank, secs, mb = measure(lambda: igg.pagerank())
        ig_map = dict(enumerate(ig_rank))
        out["igraph pagerank"] = {"seconds": secs, "peak_mb": mb, "top100_overlap": overlap(rx_rank, ig_map)}
        del nxg, igg
    return out


def bench_communities(graph: Graph, peers: bool, nx_limit: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    result, secs, mb = measure(lambda: communities(graph))
    out["tracegraph label propagation"] = {
        "seconds": secs,
        "peak_mb": mb,
        "communities_3plus": len(result["communities"]),
    }
    if peers:
        import igraph as ig
        import networkx as nx

        edges = list(graph.graph.edge_list())
        igg = ig.Graph(n=max(graph.graph.node_indices()) + 1, edges=edges)
        found, secs, mb = measure(lambda: igg.community_label_propagation())
        out["igraph label propagation"] = {
            "seconds": secs,
            "peak_mb": mb,
            "communities_3plus": sum(1 for c in found if len(c) >= 3),
        }
        found, secs, mb = measure(lambda: igg.community_multilevel())
        out["igraph multilevel (Louvain)"] = {
            "seconds": secs,
            "peak_mb": mb,
            "communities_3plus": sum(1 for c in found if len(c) >= 3),
        }
        if graph.graph.num_nodes() <= nx_limit:
            nxg = nx.Graph(edges)
            found, secs, mb = measure(lambda: list(nx.community.label_propagation_communities(nxg)))
            out["networkx label propagation"] = {
                "seconds": secs,
                "peak_mb": mb,
                "communities_3plus": sum(1 for c in found if len(c) >= 3),
            }
        else:
            out["networkx label propagation"] = f"skipped above {nx_limit} nodes"
    return out


def bench_successors(graph: Graph, truth: Truth) -> dict[str, Any]:
    out: dict[str, Any] = {}
    result, secs, mb = measure(lambda: successors(graph))
    found = {(s["predecessor"]["id"], s["successor"]["id"]) for s in result["successors"]}
    out["tracegraph"] = {
        "seconds": secs,
        "peak_mb": mb,
        "recall": round(len(found & truth.successors) / len(truth.successors), 4),
        "false_positives": len(found - truth.successors),
        "decoys_flagged": len({tuple(sorted(p)) for p in found} & {tuple(sorted(p)) for p in truth.decoy_pairs}),
    }

    def naive() -> set[frozenset[str]]:
        """Baseline: companies sharing a director and an identifier (no timing, no direction)."""
        by_person: dict[str, set[str]] = defaultdict(set)
        for edge in graph.edges:
            if edge.schema == "Directorship":
                by_person[edge.source].add(edge.target)
        phones: dict[str, set[str]] = defaultdict(set)
        for entity_id in graph.index:
            for phone in graph.entities[entity_id].get("phone"):
                phones[phone].add(entity_id)
        shared_phone = {frozenset(p) for ids in phones.values() if len(ids) <= 6 for p in combinations(sorted(ids), 2)}
        return {frozenset(p) for ids in by_person.values() for p in combinations(sorted(ids), 2)} & shared_phone

    pairs, secs, mb = measure(naive)
    wanted = {frozenset(p) for p in truth.successors}
    out["baseline: same director and phone"] = {
        "seconds": secs,
        "peak_mb": mb,
        "recall": round(len(pairs & wanted) / len(wanted), 4),
        "false_positives": len(pairs - wanted),
    }
    return out


def bench_chains(graph: Graph, truth: Truth, peers: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}

    def ours() -> dict[str, list[dict[str, Any]]]:
        return {bottom: chains(graph, bottom)["chains"] for bottom in truth.chains}

    found, secs, mb = measure(ours)
    hits = sum(
        1
        for bottom, (top, agg) in truth.chains.items()
        if any(c["top"]["id"] == top and c["aggregate_percentage"] == agg for c in found[bottom])
    )
    extra = sum(
        1 for bottom, (top, _) in truth.chains.items() for c in found[bottom] if c["ends_at"] and c["top"]["id"] != top
    )
    out["tracegraph"] = {
        "seconds": secs,
        "peak_mb": mb,
        "queries": len(truth.chains),
        "recall_with_stake": round(hits / len(truth.chains), 4),
        "other_chains_reaching_a_body": extra,
    }
    if peers:
        import igraph as ig
        import networkx as nx

        owned = [(e.source, e.target) for e in graph.edges if e.schema == "Ownership"]
        states = {e.id for e in graph.nodes("PublicBody")}

        def with_nx() -> int:
            g = nx.DiGraph(owned)
            found = 0
            for bottom in truth.chains:
                tops = nx.ancestors(g, bottom) & states
                found += sum(1 for top in tops for _ in nx.all_simple_paths(g, top, bottom, cutoff=8))
            return found

        _, secs, mb = measure(with_nx)
        out["networkx ancestors + simple paths"] = {"seconds": secs, "peak_mb": mb}

        def with_ig() -> int:
            g = ig.Graph.TupleList(owned, directed=True)
            index = {name: i for i, name in enumerate(g.vs["name"])}
            state_ids = {index[s] for s in states if s in index}
            found = 0
            for bottom in truth.chains:
                paths = g.get_all_simple_paths(index[bottom], maxlen=8, mode="in")
                found += sum(1 for p in paths if p[-1] in state_ids)
            return found

        _, secs, mb = measure(with_ig)
        out["igraph simple paths (inwards)"] = {"seconds": secs, "peak_mb": mb}
    return out


def bench_conflicts(graph: Graph, truth: Truth) -> dict[str, Any]:
    result, secs, mb = measure(lambda: conflicts(graph))
    found = set()
    for c in result["conflicts"]:
        subject = c["subject"]["id"] if c["kind"] == "property" else f"{c['source']['id']}->{c['target']['id']}"
        found.add((subject, c["property"]))
    return {
        "tracegraph": {
            "seconds": secs,
            "peak_mb": mb,
            "recall": round(len(found & truth.conflicts) / len(truth.conflicts), 4),
            "decoys_flagged": len(found & truth.not_conflicts),
            "other": len(found - truth.conflicts - truth.not_conflicts),
        }
    }


# -- watch ---------------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def bench_watch(files: int = 10, interval: float = 0.25) -> dict[str, Any]:
    from tracegraph.watch import Backoff, Rule, Sink, Source, Watcher

    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        settings = Settings(db=str(root / "w.sqlite"), extra={"watch_dir": str(root / "watch")})
        with open_store(settings) as store:
            inbox = root / "inbox"
            inbox.mkdir()
            (inbox / "base.jsonl").write_text(
                json.dumps({"id": "w-target", "schema": "Company", "properties": {"name": ["Watched Chemical Ltd."]}})
                + "\n"
            )
            sink = root / "alerts.jsonl"
            port = _free_port()
            watcher = Watcher(store, settings, build=lambda s, _: None, backoff=Backoff(3, 0.05))
            watcher.add(Rule("entity", "Watched Chemical", hops=1))
            watcher.add(Source("folder", str(inbox)))
            watcher.add(Sink("jsonl", str(sink)))
            watcher.add(Sink("webhook", f"http://127.0.0.1:{port}/hook"))  # down at first
            watcher.run()
            thread = threading.Thread(target=watcher.serve, args=(interval,), daemon=True)
            thread.start()
            latencies = []
            for i in range(files):
                record = {
                    "id": f"w-s{i}",
                    "schema": "Sanction",
                    "properties": {
                        "entity": ["w-target"],
                        "authority": ["Treasury"],
                        "startDate": [f"2025-01-{i + 1:02d}"],
                    },
                }
                before = len(sink.read_text().splitlines())
                started = time.perf_counter()
                (inbox / f"update{i}.jsonl").write_text(json.dumps(record) + "\n")
                while len(sink.read_text().splitlines()) <= before:
                    time.sleep(0.005)
                latencies.append(time.perf_counter() - started)
            watcher.stop.set()
            thread.join()
            latencies.sort()
            out["latency_seconds"] = {
                "median": round(latencies[len(latencies) // 2], 3),
                "max": round(latencies[-1], 3),
                "poll_interval": interval,
            }
            raised = len(watcher.alerts())
            replay = watcher.run(since="2000-01-01T00:00:00")
            out["replay"] = {
                "alerts_before": raised,
                "new_alerts_on_replay": replay.alerts,
                "repeats_skipped": replay.duplicates,
            }
            # the webhook comes back: every alert kept while it was down is delivered exactly once
            received: list[str] = []

            class Hook(BaseHTTPRequestHandler):
                def log_message(self, *args: Any) -> None:
                    pass

                def do_POST(self) -> None:
                    body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                    received.append(json.loads(body)["id"])
                    self.send_response(204)
                    self.end_headers()

            server = ThreadingHTTPServer(("127.0.0.1", port), Hook)
            threading.Thread(target=server.serve_forever, daemon=True).start()
            report = watcher.run()
            server.shutdown()
            server.server_close()
            out["webhook_down_then_up"] = {
                "alerts": raised,
                "delivered_after_recovery": len(set(received)),
                "delivered_twice": len(received) - len(set(received)),
                "lost": raised - len(set(received)),
                "still_pending": sum(report.pending.values()),
            }
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entities", type=int, default=1_000_000)
    parser.add_argument("--skip-peers", action="store_true")
    parser.add_argument("--nx-communities-limit", type=int, default=300_000)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--only", default=None, help="Comma-separated analyses to run (hubs,clusters,...,watch).")
    args = parser.parse_args()
    peers = not args.skip_peers
    results: dict[str, Any] = {"entities": args.entities}
    with tempfile.TemporaryDirectory() as tmp, open_store(Settings(db=str(Path(tmp) / "empty.sqlite"))) as store:
        (graph, truth), secs, mb = measure(lambda: synthetic(store, args.entities))
        results["graph"] = {
            **graph.stats(),
            "build_seconds": secs,
            "build_mb": mb,
            "planted_clusters": len(truth.clusters),
            "planted_successors": len(truth.successors),
            "planted_chains": len(truth.chains),
            "planted_conflicts": len(truth.conflicts),
        }
        print(json.dumps({"graph": results["graph"]}), flush=True)
        for name, func in (
            ("hubs", lambda: bench_hubs(graph, peers)),
            ("clusters", lambda: bench_clusters(graph, truth, peers)),
            ("communities", lambda: bench_communities(graph, peers, args.nx_communities_limit)),
            ("successors", lambda: bench_successors(graph, truth)),
            ("chains", lambda: bench_chains(graph, truth, peers)),
            ("conflicts", lambda: bench_conflicts(graph, truth)),
        ):
            if args.only and name not in args.only.split(","):
                continue
            results[name] = func()
            print(json.dumps({name: results[name]}), flush=True)
    if not args.only or "watch" in args.only.split(","):
        results["watch"] = bench_watch()
        print(json.dumps({"watch": results["watch"]}), flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
