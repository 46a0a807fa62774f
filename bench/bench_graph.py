"""Benchmark resolution and graph queries on real data from ../shared.

1. Name keys as a merge rule, on nomenklatura's 826 labelled name pairs: precision and
   recall of "same key" against two baselines measured in the same run (exact
   case-folded equality; rapidfuzz WRatio >= 90 on case-folded names).
2. Speed on OpenSanctions/FtM records (yente and nomenklatura fixtures), copied N times
   under fresh ids to grow the store: resolve, Graph.load, shortest paths with rustworkx
   against networkx (peer; same simple graph) and FtM export; ratio to reading the raw
   statements once (the floor any projection pays).

Run: .venv/bin/python bench/bench_graph.py [--copies 20]
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import resource
import tempfile
import time
import zlib
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import rustworkx as rx
from rapidfuzz import fuzz

from tracegraph.export import export
from tracegraph.graph import Graph
from tracegraph.graph.projection import entity_props
from tracegraph.ingest.ftm import iter_entities
from tracegraph.resolve import resolve
from tracegraph.resolve.auto import RESOLVABLE
from tracegraph.resolve.rules import lookups, same_name
from tracegraph.store import Statement
from tracegraph.store.sqlite import SQLiteStore

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
PAIRS = SHARED / "data" / "entity_resolution" / "opensanctions_nomenklatura" / "name_bench_cases.csv"
FTM = [
    SHARED / "data" / "opensanctions_ftm" / "yente" / "t1__entities.ftm.json",
    SHARED / "data" / "opensanctions_ftm" / "yente" / "zala__entities.ftm.json",
    SHARED / "data" / "opensanctions_ftm" / "yente" / "parteispenden__entities.ftm.json",
]


#: values made unique per copy
UNIQUE = {"name", "alias", "previousName", "weakAlias", "phone", "address", *lookups()["strong_identifiers"]}


def _score(preds: list[bool], gold: list[bool]) -> tuple[float, float]:
    tp = sum(p and g for p, g in zip(preds, gold, strict=True))
    fp = sum(p and not g for p, g in zip(preds, gold, strict=True))
    fn = sum(g and not p for p, g in zip(preds, gold, strict=True))
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1)


def names_bench() -> None:
    rows = [
        r
        for r in csv.DictReader(PAIRS.open(encoding="utf-8"))
        if r["schema"] in ("Person", "Company", "Organization", "LegalEntity")
    ]
    gold = [r["is_match"].strip().lower() == "true" for r in rows]

    start = time.perf_counter()
    mine = [same_name(r["name1"], r["name2"], r["schema"]) for r in rows]
    took = time.perf_counter() - start
    exact = [r["name1"].casefold().strip() == r["name2"].casefold().strip() for r in rows]
    fuzzy = [fuzz.WRatio(r["name1"].casefold(), r["name2"].casefold()) >= 90 for r in rows]
    print(f"name pairs: {len(rows)} ({sum(gold)} matches), keys computed in {took * 1000:.0f} ms")
    for label, preds in (("resolve name keys", mine), ("exact casefold", exact), ("rapidfuzz WRatio>=90", fuzzy)):
        p, r = _score(preds, gold)
        print(f"  {label:22s} precision {p:.3f} recall {r:.3f}")


def _copies(copies: int) -> Iterator[list[Statement]]:
    for copy in range(copies):
        for path in FTM:
            for item in iter_entities(path, path.name.split("__")[0]):
                if not isinstance(item, list):
                    continue
                yield [_renamed(s, copy) for s in item]


def planted(entity_id: str, copy: int) -> bool:
    """About one entity in 20 of each later copy keeps its names and identifiers: a planted duplicate."""
    return copy > 0 and zlib.crc32(f"{entity_id}:{copy}".encode()) % 20 == 0


def _renamed(stmt: Statement, copy: int) -> Statement:
    """The statement for copy number ``copy``: fresh entity ids, references rewritten to match."""
    value = stmt.value
    if stmt.prop in entity_props(stmt.schema):
        value = f"{value}-{copy}"
    elif copy and stmt.prop in UNIQUE and not planted(stmt.entity_id, copy):
        value = f"{value} {copy:03d}"  # a new name, phone, ... per copy, so copies are new actors
    return replace(stmt, entity_id=f"{stmt.entity_id}-{copy}", value=value, record_id=f"{stmt.record_id}-{copy}")


def speed_bench(copies: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = SQLiteStore(Path(folder) / "bench.sqlite")
        with store.transaction():
            for stmts in _copies(copies):
                store.add_statements(stmts)
        stats = store.stats()
        print(f"\nstore: {stats['entities']} entities, {stats['statements']} statements ({copies} copies)")

        start = time.perf_counter()
        raw = sum(1 for _ in store.statements())
        floor = time.perf_counter() - start
        print(f"  read statements once (floor)   {floor:7.2f} s  ({raw / floor:,.0f} statements/s)")

        start = time.perf_counter()
        merges = resolve(store)
        took = time.perf_counter() - start
        print(f"  resolve                        {took:7.2f} s  ({len(merges)} merges; {took / floor:.1f}x floor)")
        named = {st.entity_id for st in store.statements(prop="name") if st.schema in RESOLVABLE}
        want = {e for e in named if planted(e.rsplit("-", 1)[0], int(e.rsplit("-", 1)[1]))}
        right = sum(1 for m in merges if m.left.rsplit("-", 1)[0] == m.right.rsplit("-", 1)[0])
        found = sum(1 for e in want if store.canonical(e) != e or len(store.members(e)) > 1)
        print(
            f"    planted duplicates {len(want)}, found {found}; "
            f"merges joining copies of one entity: {right} of {len(merges)}"
        )
        others = sorted(
            {m.reason.split(": ", 1)[1] for m in merges if m.left.rsplit("-", 1)[0] != m.right.rsplit("-", 1)[0]}
        )
        for reason in others[:3]:
            print(f"    other merge (judge by hand): {reason}")

        start = time.perf_counter()
        graph = Graph.load(store)
        took = time.perf_counter() - start
        size = graph.stats()
        print(
            f"  Graph.load                     {took:7.2f} s  ({size['nodes']} nodes, {size['edges']} edges; "
            f"{took / floor:.1f}x floor)"
        )

        nodes = sorted(graph.index)
        rng = random.Random(7)
        components = [sorted(graph.graph[i] for i in c) for c in rx.connected_components(graph.graph) if len(c) > 2]
        weights = [len(c) for c in components]
        pairs = []
        for _ in range(200):
            component = rng.choices(components, weights)[0]
            pairs.append((rng.choice(component), rng.choice(component)))
        start = time.perf_counter()
        found = sum(1 for a, b in pairs if graph.shortest_paths(a, b, limit=1))
        ours = time.perf_counter() - start
        try:
            import networkx as nx

            peer = nx.Graph()
            peer.add_nodes_from(nodes)
            peer.add_edges_from((e.source, e.target) for e in graph.edges)
            start = time.perf_counter()
            for a, b in pairs:
                if a != b and nx.has_path(peer, a, b):
                    next(nx.all_shortest_paths(peer, a, b))
            theirs = time.perf_counter() - start
            ratio = f"; networkx {theirs * 1000:.0f} ms, ratio {theirs / ours:.1f}x"
        except ImportError:
            ratio = "; networkx not installed"
        print(f"  200 shortest paths             {ours * 1000:7.0f} ms ({found} connected{ratio})")

        start = time.perf_counter()
        out = io.BytesIO()
        written = export(graph, "ftm", out)
        took = time.perf_counter() - start
        print(f"  export ftm                     {took:7.2f} s  ({written / took:,.0f} entities/s)")
        print(f"  peak RSS                       {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:7.0f} MiB")
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=20)
    args = parser.parse_args()
    names_bench()
    speed_bench(args.copies)


if __name__ == "__main__":
    main()
