"""Scale of the store and its questions: a synthetic but realistic store at 100k, 1M (10M) statements.

For each size and backend (SQLite file; PostgreSQL when ``--pg URL`` or
``TRACEGRAPH_TEST_PG_URL`` names a server) this script

1. writes a store: companies, people and public bodies with names, countries,
   shared phones and e-mails; ownerships, directorships and dated actions
   between them, every statement with a document span as evidence; 1 % of the
   entities merged by judgements. The write rate is the ingest figure;
2. in a fresh process, times 200 random entities: ``show`` by id and by exact
   name, ``neighbors`` depth 2, ``path`` (≤ 4 hops, to an entity 2-4 hops
   away), ``timeline`` of the entity and ``search`` of one of its names; p50
   and p99 and the process's peak RSS;
3. in another fresh process, the baseline the store replaces: the whole-graph
   load (``Graph.load``) every command paid before, its time and peak RSS;
4. the store's size on disk per statement.

Run: .venv/bin/python bench/bench_scale.py --sizes 100000 1000000 [--pg postgresql://...]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tracegraph.settings import Settings
from tracegraph.store import Document, Source, Statement, Store, open_store

PLACES = [
    "Hebei",
    "Wuhan",
    "Shijiazhuang",
    "Hangzhou",
    "Jinan",
    "Nanjing",
    "Qinghe",
    "Tianjin",
    "Xiamen",
    "Ningbo",
    "Hefei",
    "Suzhou",
    "Dalian",
    "Harbin",
]
WORDS = [
    "Lanfeng",
    "Yafeng",
    "Hengrui",
    "Jinchao",
    "Ruixin",
    "Lianxu",
    "Novachem",
    "Baixin",
    "Tongda",
    "Huayu",
    "Kaida",
    "Shengda",
    "Zhongke",
    "Xinhe",
    "Fengyuan",
    "Longsheng",
    "Dingxin",
    "Haitai",
    "Jiahe",
    "Minsheng",
    "Tianyi",
    "Yuanda",
    "Hongli",
    "Changjiang",
    "Guotai",
    "Wanfeng",
]
KINDS = ["Chemical Co., Ltd.", "Biological Technology Co.", "Trading Ltd", "Pharmaceutical Co.", "Import & Export Co."]
SURNAMES = [
    "Zheng",
    "Wang",
    "Li",
    "Zhang",
    "Liu",
    "Chen",
    "Yang",
    "Huang",
    "Zhao",
    "Wu",
    "Zhou",
    "Xu",
    "Sun",
    "Ma",
    "Zhu",
    "Hu",
    "Guo",
    "He",
    "Lin",
    "Luo",
]
GIVEN = [
    "Fujing",
    "Wei",
    "Jun",
    "Lei",
    "Yan",
    "Ming",
    "Hua",
    "Qiang",
    "Xia",
    "Ling",
    "Bo",
    "Tao",
    "Hong",
    "Ping",
    "Fang",
    "Jie",
    "Chao",
    "Hao",
    "Lan",
    "Yun",
]
ROMAN = ["", " II", " III", " IV", " V", " VI", " VII", " VIII", " IX", " X"]
TEXT = (
    "The company named in the filing was registered in the province and sold precursor chemicals abroad, "
    "according to court records and trade data. Its director denied the allegations. "
) * 3


def _name(rng: random.Random, schema: str, serial: int) -> str:
    suffix = ROMAN[serial % len(ROMAN)] + (f" {serial // 1000}" if serial >= 1000 * len(ROMAN) // 10 else "")
    if schema == "Person":
        return f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}{rng.choice(GIVEN).lower()}{suffix}"
    if schema == "PublicBody":
        return f"{rng.choice(PLACES)} Provincial {rng.choice(['Prison', 'Bureau', 'Customs Office'])}{suffix}"
    return f"{rng.choice(PLACES)} {rng.choice(WORDS)} {rng.choice(KINDS)}{suffix}"


class Generator:
    """Writes about ``size`` statements; remembers adjacency so paths can be picked."""

    def __init__(self, store: Store, size: int, seed: int = 7) -> None:
        self.store = store
        self.size = size
        self.rng = random.Random(seed)
        self.nodes: list[tuple[str, str, str]] = []  # id, schema, name
        self.names: set[str] = set()
        self.adjacent: dict[int, list[int]] = {}
        self.batch: list[Statement] = []
        self.written = 0
        self.docs = max(10, size // 400)

    def _doc(self) -> tuple[str, int]:
        return f"doc-{self.rng.randrange(self.docs)}", self.rng.randrange(0, len(TEXT) - 40)

    def fact(self, entity: str, schema: str, prop: str, value: str) -> None:
        doc, start = self._doc()
        self.batch.append(
            Statement(
                entity_id=entity,
                schema=schema,
                prop=prop,
                value=value,
                dataset="case",
                document_id=doc,
                span_start=start,
                span_end=start + 30,
                extractor="bench.synthetic",
                confidence=0.9,
            )
        )
        if len(self.batch) >= 20_000:
            self.flush()

    def flush(self) -> None:
        self.written += self.store.add_statements(self.batch)
        self.batch = []

    def _pick(self) -> int:
        # a few hubs, many small fry
        n = len(self.nodes)
        return min(int(self.rng.paretovariate(1.2)) - 1, n - 1) if self.rng.random() < 0.2 else self.rng.randrange(n)

    def run(self) -> dict[str, Any]:
        started = time.perf_counter()
        with self.store.transaction():
            self.store.put_source(
                Source(id="src-bench", uri="bench://synthetic", content_hash="x", size=1, format="text")
            )
            for i in range(self.docs):
                self.store.put_document(
                    Document(
                        id=f"doc-{i}",
                        source_id="src-bench",
                        seq=i,
                        text=TEXT,
                        title=f"Story {i}",
                        published="2025-01-01",
                    )
                )
        phones = [f"+86311555{n:05d}" for n in range(max(10, self.size // 60))]
        serial = 0
        while self.written + len(self.batch) < self.size:
            if len(self.nodes) < 10 or self.rng.random() < 0.62:
                schema = self.rng.choices(["Company", "Person", "PublicBody"], [55, 35, 10])[0]
                entity = f"ent-{serial:09d}"
                name = _name(self.rng, schema, serial)
                if name.lower() in self.names:  # names stay unique, so "show by name" has one answer
                    name = f"{name} {serial}"
                self.names.add(name.lower())
                serial += 1
                self.fact(entity, schema, "name", name)
                self.fact(entity, schema, "country", self.rng.choice(["cn", "cn", "cn", "mx", "us", "in"]))
                if schema == "Company" and self.rng.random() < 0.4:
                    self.fact(entity, schema, "phone", self.rng.choice(phones))
                if self.rng.random() < 0.15:
                    self.fact(entity, schema, "alias", name.split(" ")[1] if " " in name else name)
                self.nodes.append((entity, schema, name))
                continue
            a, b = self._pick(), self._pick()
            if a == b:
                continue
            rel = f"rel-{serial:09d}"
            serial += 1
            kind = self.rng.choice(["Ownership", "Directorship", "Action"])
            src, dst = self.nodes[a][0], self.nodes[b][0]
            if kind == "Ownership":
                self.fact(rel, kind, "owner", src)
                self.fact(rel, kind, "asset", dst)
                self.fact(
                    rel,
                    kind,
                    "startDate",
                    f"20{self.rng.randrange(10, 26)}-0{self.rng.randrange(1, 10)}-1{self.rng.randrange(0, 9)}",
                )
            elif kind == "Directorship":
                self.fact(rel, kind, "director", src)
                self.fact(rel, kind, "organization", dst)
            else:
                self.fact(rel, kind, "actor", src)
                self.fact(rel, kind, "target", dst)
                self.fact(rel, kind, "kind", self.rng.choice(["sanction", "charge", "trade", "meeting"]))
                self.fact(
                    rel,
                    kind,
                    "date",
                    f"20{self.rng.randrange(10, 26)}-0{self.rng.randrange(1, 10)}-2{self.rng.randrange(0, 9)}",
                )
            self.fact(rel, kind, "summary", "The company named in the filing was registered in the province.")
            self.adjacent.setdefault(a, []).append(b)
            self.adjacent.setdefault(b, []).append(a)
        self.flush()
        write_s = time.perf_counter() - started
        merges = min(3000, len(self.nodes) // 100)
        started = time.perf_counter()
        for m in range(merges):
            x, y = self.rng.sample(range(len(self.nodes)), 2)
            if self.nodes[x][1] != self.nodes[y][1]:
                continue
            self.store.add_judgement(f"jd-bench-{m}", self.nodes[x][0], self.nodes[y][0], "merge", "bench", "bench")
        merge_s = time.perf_counter() - started
        return {"statements": self.written, "write_s": write_s, "merges": merges, "merge_s": merge_s}

    def far(self, start: int) -> int | None:
        """An entity 2-4 hops from ``start`` along relations, or None."""
        current = start
        for _ in range(self.rng.randrange(2, 5)):
            nxt = self.adjacent.get(current)
            if not nxt:
                return None
            current = self.rng.choice(nxt)
        return current if current != start else None


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] * 1000


def _queries(db: str, sample_path: str) -> dict[str, Any]:
    """Run in a fresh process: time the scoped questions over the sample."""
    from tracegraph.graph import scoped

    sample = json.loads(Path(sample_path).read_text())
    timings: dict[str, list[float]] = {
        k: [] for k in ("show_id", "show_name", "neighbors2", "path4", "timeline", "search")
    }
    found_paths = 0
    with open_store(Settings(db=db)) as store:
        for item in sample:

            def timed(key: str, fn: Any, *args: Any, **kw: Any) -> Any:
                t0 = time.perf_counter()
                out = fn(*args, **kw)
                timings[key].append(time.perf_counter() - t0)
                return out

            timed("show_id", scoped.show, store, item["id"])
            timed("show_name", scoped.show, store, item["name"])
            timed("neighbors2", scoped.neighbors, store, item["id"], 2)
            if item.get("far"):
                out = timed("path4", scoped.paths, store, item["id"], item["far"], 3, 4)
                found_paths += bool(out["paths"])
            timed("timeline", scoped.timeline, store, item["id"])
            timed("search", scoped.search, store, item["name"].split(" ")[1] + " " + item["name"].split(" ")[0])
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result: dict[str, Any] = {
        k: {"p50": _pct(v, 0.5), "p99": _pct(v, 0.99), "n": len(v)} for k, v in timings.items() if v
    }
    result["paths_found"] = found_paths
    result["peak_rss_mb"] = rss
    return result


def _baseline(db: str, sample_path: str) -> dict[str, Any]:
    """Run in a fresh process: the whole-graph load every command paid before this store."""
    from tracegraph.graph import Graph, queries

    sample = json.loads(Path(sample_path).read_text())[:20]
    with open_store(Settings(db=db)) as store:
        t0 = time.perf_counter()
        graph = Graph.load(store)
        load_s = time.perf_counter() - t0
        shows = []
        for item in sample:
            t1 = time.perf_counter()
            queries.show(graph, item["id"])
            shows.append(time.perf_counter() - t1)
    return {
        "load_s": load_s,
        "show_after_load_ms": statistics.median(shows) * 1000,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _in_process(kind: str, db: str, sample: str, timeout: int) -> dict[str, Any]:
    here = str(Path(__file__).parent)
    code = (
        f"import json, sys; sys.path.insert(0, {here!r}); import bench_scale as b; "
        f"print(json.dumps(b._{kind}({db!r}, {sample!r})))"
    )
    try:
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return {"error": f"over {timeout} s"}
    except subprocess.CalledProcessError as exc:
        return {"error": exc.stderr.strip().splitlines()[-1] if exc.stderr.strip() else "failed"}
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def _disk(store: Store, db: str) -> int:
    if store.dialect == "sqlite":
        return sum(os.path.getsize(p) for p in (db, db + "-wal") if os.path.exists(p))
    rows = store.query(
        "SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
        "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r'"
    )
    return int(rows[0][0])


def _pg_schema_url(base: str, name: str) -> str:
    from urllib.parse import quote

    import psycopg

    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {name} CASCADE")
        conn.execute(f"CREATE SCHEMA {name}")
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options={quote(f'-csearch_path={name}')}"


def run_one(backend: str, size: int, workdir: Path, pg: str | None, baseline_timeout: int) -> dict[str, Any]:
    db = str(workdir / f"scale_{size}.sqlite") if backend == "sqlite" else _pg_schema_url(pg or "", f"bench_{size}")
    with open_store(Settings(db=db)) as store:
        gen = Generator(store, size)
        written = gen.run()
        if store.dialect == "postgresql":
            store.execute("ANALYZE")
        else:
            store.execute("ANALYZE")
            store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        disk = _disk(store, db)
    rng = random.Random(11)
    sample = []
    for index in rng.sample(range(len(gen.nodes)), min(200, len(gen.nodes))):
        entity, _, name = gen.nodes[index]
        far = gen.far(index)
        sample.append({"id": entity, "name": name, "far": gen.nodes[far][0] if far is not None else None})
    sample_path = workdir / f"sample_{backend}_{size}.json"
    sample_path.write_text(json.dumps(sample))
    queries = _in_process("queries", db, str(sample_path), 3600)
    baseline = _in_process("baseline", db, str(sample_path), baseline_timeout)
    return {
        "backend": backend,
        "size": size,
        **written,
        "entities": len(gen.nodes),
        "write_rate": written["statements"] / written["write_s"],
        "disk_bytes_per_statement": disk / max(written["statements"], 1),
        "queries": queries,
        "baseline": baseline,
    }


def render(results: list[dict[str, Any]]) -> str:
    lines = [
        "| backend | statements | entities | write st/s | bytes/st | show id p50/p99 | show name p50/p99 "
        "| neighbors-2 p50/p99 | path ≤4 p50/p99 (found) | timeline p50/p99 | search p50/p99 | peak RSS "
        "| baseline Graph.load | baseline RSS |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        q = r["queries"]
        b = r["baseline"]

        def pp(key: str, q: dict[str, Any] = q) -> str:
            return f"{q[key]['p50']:.0f} / {q[key]['p99']:.0f} ms" if key in q else "n/a"

        base = f"{b['load_s']:.1f} s" if "load_s" in b else b.get("error", "n/a")
        base_rss = f"{b['peak_rss_mb']:.0f} MB" if "peak_rss_mb" in b else "n/a"
        lines.append(
            f"| {r['backend']} | {r['statements']:,} | {r['entities']:,} | {r['write_rate']:,.0f} | "
            f"{r['disk_bytes_per_statement']:.0f} | {pp('show_id')} | {pp('show_name')} | {pp('neighbors2')} | "
            f"{pp('path4')} ({q.get('paths_found', 0)}/{q.get('path4', {}).get('n', 0)}) | {pp('timeline')} | "
            f"{pp('search')} | {q.get('peak_rss_mb', 0):.0f} MB | {base} | {base_rss} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--pg", default=os.environ.get("TRACEGRAPH_TEST_PG_URL"))
    parser.add_argument("--workdir", default=None)
    parser.add_argument("--baseline-timeout", type=int, default=900)
    parser.add_argument("--json", dest="json_out", default=None, help="Also write the raw results here.")
    args = parser.parse_args()
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="tg-scale-"))
    workdir.mkdir(parents=True, exist_ok=True)
    results = []
    for size in args.sizes:
        for backend in args.backends:
            if backend == "postgresql" and not args.pg:
                print("no PostgreSQL URL (--pg or TRACEGRAPH_TEST_PG_URL): skipping PostgreSQL", file=sys.stderr)
                continue
            result = run_one(backend, size, workdir, args.pg, args.baseline_timeout)
            results.append(result)
            print(json.dumps(result), file=sys.stderr, flush=True)
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(results, indent=1))
    print(render(results))


if __name__ == "__main__":
    main()
