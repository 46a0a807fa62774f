"""Scale of the store and its questions: a synthetic but realistic store at 100k, 1M and 10M statements.

For each size and backend (SQLite file; PostgreSQL when ``--pg URL`` or
``TRACEGRAPH_TEST_PG_URL`` names a server) this script

1. writes a store: companies, people and public bodies with names, countries,
   shared phones and e-mails; ownerships, directorships and dated actions
   between them, preferentially attached so there are hubs, every statement
   with a document span as evidence; 1 % of the entities merged by
   judgements. It goes through ``Store.add_statements`` in batches of 50,000
   (COPY on PostgreSQL) with the secondary indexes dropped during the load
   and built once at the end, as a bulk load does;
2. in a fresh process, times 200 entities: the 10 most connected (hubs) and
   190 drawn at random: ``show`` by id and by exact name, ``neighbors`` depth
   2, ``path`` (≤ 4 hops, to an entity 2-4 hops away), ``timeline`` of the
   entity and ``search`` of one of its names; p50 and p99 and the process's
   peak RSS;
3. in another fresh process, the baseline the store replaces: the
   whole-graph load (``Graph.load``) every command paid before, its time and
   peak RSS. Above ``--baseline-max`` statements it is estimated from a
   bounded run over the first ``--baseline-max`` statements (and says so);
4. the store's size on disk per statement.

``--throughput N`` also ingests N news stories (``../shared/data/news``) and
builds them (``tracegraph.build``) on each backend in the same run, for the
PostgreSQL/SQLite throughput ratio.

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
from collections.abc import Iterator
from contextlib import contextmanager
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

    def __init__(self, store: Store, size: int, seed: int = 7, copies: int = 1) -> None:
        self.store = store
        self.size = size // copies
        self.copies = copies
        self.rng = random.Random(seed)
        self.nodes: list[tuple[str, str, str]] = []  # id, schema, name
        self.names: set[str] = set()
        self.adjacent: dict[int, list[int]] = {}
        self.batch: list[Statement] = []
        self.written = 0
        self.docs = max(10, self.size // 400)
        self.progress = self.size >= 1_000_000
        self.started = time.perf_counter()

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
        if len(self.batch) >= 50_000:
            self.flush()

    def flush(self) -> None:
        added = self.store.add_statements(self.batch)
        self.written += added
        self.batch = []
        if self.progress and self.written // 1_000_000 != (self.written - added) // 1_000_000:
            print(f"  {self.written:,} statements, {time.perf_counter() - self.started:.0f} s", file=sys.stderr)

    def _pick(self) -> int:
        # a few hubs, many small fry
        n = len(self.nodes)
        return min(int(self.rng.paretovariate(1.2)) - 1, n - 1) if self.rng.random() < 0.2 else self.rng.randrange(n)

    def run(self) -> dict[str, Any]:
        started = self.started = time.perf_counter()
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
        with _without_indexes(self.store):
            self._write()
            if self.copies > 1:
                hubs = [self.nodes[i][0] for i in self.hubs(10)]
                self.written += replicate(self.store, self.copies, hubs)
        write_s = time.perf_counter() - started
        merges = min(3000, len(self.nodes) // 100)
        started = time.perf_counter()
        for m in range(merges):
            x, y = self.rng.sample(range(len(self.nodes)), 2)
            if self.nodes[x][1] != self.nodes[y][1]:
                continue
            self.store.add_judgement(f"jd-bench-{m}", self.nodes[x][0], self.nodes[y][0], "merge", "bench", "bench")
        merge_s = time.perf_counter() - started
        return {
            "statements": self.written,
            "entities": len(self.nodes) + (self.copies - 1) * (len(self.nodes) - 10),
            "write_s": write_s,
            "merges": merges,
            "merge_s": merge_s,
        }

    def _write(self) -> None:
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

    def hubs(self, count: int) -> list[int]:
        """The ``count`` entities with the most relations."""
        return sorted(self.adjacent, key=lambda i: (-len(self.adjacent[i]), i))[:count]

    def far(self, start: int) -> int | None:
        """An entity 2-4 hops from ``start`` along relations, or None."""
        current = start
        for _ in range(self.rng.randrange(2, 5)):
            nxt = self.adjacent.get(current)
            if not nxt:
                return None
            current = self.rng.choice(nxt)
        return current if current != start else None


#: the separator of a copy's suffix (no generated id contains it)
COPY_MARK = "~"


def replicate(store: Store, copies: int, hubs: list[str]) -> int:
    """Make the store ``copies`` times bigger in SQL: every entity but the hubs again under ``id~k``.

    Relations of each copy still point at the shared hubs, so hubs grow with
    the store (as real ones do) and the copies hang together through them.
    Names get a `` K<k>`` suffix so a name still names one entity; clusters
    are copied with their members; the name index is filled through the
    store's own writer. Returns the statements written.
    """
    columns = list(store.execute("SELECT * FROM statements LIMIT 0").keys())
    hub_marks = ", ".join("?" for _ in hubs)
    moved = {
        "id": f"s.id || '{COPY_MARK}' || ?",
        "entity_id": f"s.entity_id || '{COPY_MARK}' || ?",
        "canonical_id": f"CASE WHEN s.canonical_id IN ({hub_marks}) THEN s.canonical_id "
        f"ELSE s.canonical_id || '{COPY_MARK}' || ? END",
        "value": f"CASE WHEN s.prop_type = 'entity' AND s.value NOT IN ({hub_marks}) "
        f"THEN s.value || '{COPY_MARK}' || ? WHEN s.prop_type = 'name' THEN s.value || ' K' || ? ELSE s.value END",
    }
    written = 0
    for k in range(1, copies):
        tag = str(k)
        params: list[Any] = []
        select = []
        for column in columns:
            select.append(moved.get(column, f"s.{column}"))
            if column in ("id", "entity_id"):
                params.append(tag)
            elif column == "canonical_id":
                params.extend([*hubs, tag])
            elif column == "value":
                params.extend([*hubs, tag, tag])
        with store.transaction():
            cur = store.execute(
                f"INSERT INTO statements ({', '.join(columns)}) SELECT {', '.join(select)} FROM statements s "
                f"WHERE s.entity_id NOT LIKE ? AND s.entity_id NOT IN ({hub_marks})",
                [*params, f"%{COPY_MARK}%", *hubs],
            )
            written += int(cur.rowcount or 0)
            store.execute(
                f"INSERT INTO clusters (entity_id, canonical_id) SELECT entity_id || '{COPY_MARK}' || ?, "
                f"canonical_id || '{COPY_MARK}' || ? FROM clusters WHERE entity_id NOT LIKE ?",
                [tag, tag, f"%{COPY_MARK}%"],
            )
        print(f"  copy {k}: {written:,} statements copied", file=sys.stderr, flush=True)
    names = store.execute(
        "SELECT entity_id, dataset, prop, value FROM statements WHERE prop_type = 'name' AND entity_id LIKE ?",
        [f"%{COPY_MARK}%"],
    ).fetchall()
    for start in range(0, len(names), 200_000):
        store._index_names(tuple(row) for row in names[start : start + 200_000])
    return written


def _index_ddl(store: Store, tables: tuple[str, ...]) -> list[tuple[str, str]]:
    """(name, CREATE statement) of the secondary indexes of these tables (not those behind keys)."""
    if store.dialect == "sqlite":
        marks = ", ".join("?" for _ in tables)
        rows = store.query(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({marks})",
            tables,
        )
    else:
        marks = ", ".join("?" for _ in tables)
        rows = store.query(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() "
            f"AND i.tablename IN ({marks}) AND NOT EXISTS (SELECT 1 FROM pg_constraint c "
            "JOIN pg_class k ON k.oid = c.conindid WHERE k.relname = i.indexname)",
            tables,
        )
    return [(row[0], row[1]) for row in rows]


@contextmanager
def _without_indexes(store: Store) -> Iterator[None]:
    """A bulk load: drop the statements' and names' secondary indexes, build them once at the end."""
    ddl = _index_ddl(store, ("statements", "name_index"))
    for name, _ in ddl:
        store.execute(f"DROP INDEX IF EXISTS {name}")
    try:
        yield
    finally:
        started = time.perf_counter()
        for _, sql in ddl:
            store.execute(sql)
        print(f"  indexes rebuilt in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def _peak_rss_mb() -> float:
    """This process's own peak resident memory (``VmHWM``).

    ``getrusage``'s ``ru_maxrss`` is not that: across ``fork``/``exec`` it keeps the
    parent's high-water mark, so a questioning process started by the generator
    (which holds the whole synthetic graph) reported the generator's memory.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] * 1000


def _queries(db: str, sample_path: str) -> dict[str, Any]:
    """Run in a fresh process: time the scoped questions over the sample (after one warm-up question,
    which loads the vocabulary once as a server would). Wall time is what a user waits on this shared
    machine; the process's CPU time (``cpu_p50``/``cpu_p99``) is the question's own cost (on
    PostgreSQL without the server's share)."""
    from tracegraph.graph import scoped

    sample = json.loads(Path(sample_path).read_text())
    keys = ("show_id", "show_name", "neighbors2", "path4", "timeline", "search")
    timings: dict[str, list[float]] = {k: [] for k in keys}
    at_hubs: dict[str, list[float]] = {k: [] for k in keys}
    cpu: dict[str, list[float]] = {k: [] for k in keys}
    found_paths = 0
    cut = {"neighbors2": 0, "path4": 0}
    with open_store(Settings(db=db)) as store:
        scoped.show(store, sample[-1]["id"])
        for item in sample:

            def timed(key: str, fn: Any, *args: Any, hub: bool = bool(item.get("hub")), **kw: Any) -> Any:
                t0, c0 = time.perf_counter(), time.process_time()
                out = fn(*args, **kw)
                spent = time.perf_counter() - t0
                timings[key].append(spent)
                cpu[key].append(time.process_time() - c0)
                if hub:
                    at_hubs[key].append(spent)
                return out

            timed("show_id", scoped.show, store, item["id"])
            timed("show_name", scoped.show, store, item["name"])
            out = timed("neighbors2", scoped.neighbors, store, item["id"], 2)
            cut["neighbors2"] += "truncated" in out
            if item.get("far"):
                out = timed("path4", scoped.paths, store, item["id"], item["far"], 3, 4)
                found_paths += bool(out["paths"])
                cut["path4"] += "reason" in out.get("truncated", {})
            timed("timeline", scoped.timeline, store, item["id"])
            timed("search", scoped.search, store, item["name"].split(" ")[1] + " " + item["name"].split(" ")[0])
    rss = _peak_rss_mb()
    result: dict[str, Any] = {
        k: {
            "p50": _pct(v, 0.5),
            "p99": _pct(v, 0.99),
            "max": max(v) * 1000,
            "hub_max": max(at_hubs[k]) * 1000 if at_hubs[k] else None,
            "cpu_p50": _pct(cpu[k], 0.5),
            "cpu_p99": _pct(cpu[k], 0.99),
            "n": len(v),
        }
        for k, v in timings.items()
        if v
    }
    result["paths_found"] = found_paths
    result["truncated"] = cut
    result["peak_rss_mb"] = rss
    result["peak_rss_mb_inherited"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def _baseline(db: str, sample_path: str, max_statements: int = 2_000_000) -> dict[str, Any]:
    """Run in a fresh process: the whole-graph load every command paid before this store.

    Over ``max_statements`` it projects only the first ``max_statements`` statements (in the store's
    order) and scales time and memory up linearly: an estimate, and the result says so.
    """
    from collections import defaultdict

    from tracegraph.graph import Graph, queries

    sample = json.loads(Path(sample_path).read_text())[:20]
    with open_store(Settings(db=db)) as store:
        total = int(store.query("SELECT COUNT(*) FROM statements")[0][0])
        base_rss = _peak_rss_mb()
        t0 = time.perf_counter()
        if total <= max_statements:
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
                "peak_rss_mb": _peak_rss_mb(),
            }
        canonical = store.clusters()
        grouped: dict[str, list[Any]] = defaultdict(list)
        for count, stmt in enumerate(store.statements(), 1):
            grouped[canonical.get(stmt.entity_id, stmt.entity_id)].append(stmt)
            if count >= max_statements:
                break
        Graph.from_statements(store, grouped, canonical)
        part_s = time.perf_counter() - t0
        part_rss = _peak_rss_mb()
    scale = total / max_statements
    return {
        "load_s": part_s * scale,
        "peak_rss_mb": base_rss + (part_rss - base_rss) * scale,
        "estimated_from": max_statements,
        "bounded_run_s": part_s,
        "bounded_run_rss_mb": part_rss,
    }


def _in_process(kind: str, db: str, sample: str, timeout: int, *extra: Any) -> dict[str, Any]:
    here = str(Path(__file__).parent)
    args = ", ".join(repr(a) for a in (db, sample, *extra))
    code = (
        f"import json, sys; sys.path.insert(0, {here!r}); import bench_scale as b; print(json.dumps(b._{kind}({args})))"
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


def run_one(
    backend: str,
    size: int,
    workdir: Path,
    pg: str | None,
    baseline_timeout: int,
    baseline_max: int,
    copies: int = 1,
    reuse: bool = False,
) -> dict[str, Any]:
    saved = workdir / f"store_{backend}_{size}.json"
    if reuse and saved.exists():  # ask the same questions of the store an earlier run wrote
        return _ask_again(json.loads(saved.read_text()), baseline_timeout, baseline_max)
    db = str(workdir / f"scale_{size}.sqlite") if backend == "sqlite" else _pg_schema_url(pg or "", f"bench_{size}")
    if backend == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(db + suffix).unlink(missing_ok=True)
    with open_store(Settings(db=db)) as store:
        gen = Generator(store, size, copies=copies)
        written = gen.run()
        store.execute("ANALYZE")
        if store.dialect == "sqlite":
            store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        disk = _disk(store, db)
    rng = random.Random(11)
    hubs = gen.hubs(10)
    rest = [i for i in rng.sample(range(len(gen.nodes)), min(200, len(gen.nodes))) if i not in hubs][:190]
    sample = []
    hub_ids = {gen.nodes[i][0] for i in hubs}

    def in_copy(entity: str, k: int) -> str:  # the same entity in copy k (hubs are shared)
        return entity if k == 0 or entity in hub_ids else f"{entity}{COPY_MARK}{k}"

    for index in hubs + rest:
        entity, _, name = gen.nodes[index]
        k = 0 if index in hubs else rng.randrange(copies)
        far = gen.far(index)
        sample.append(
            {
                "id": in_copy(entity, k),
                "name": name if k == 0 or index in hubs else f"{name} K{k}",
                "far": in_copy(gen.nodes[far][0], k) if far is not None else None,
                "hub": index in hubs,
                "relations": len(gen.adjacent.get(index, ())) * (copies if index in hubs else 1),
            }
        )
    sample_path = workdir / f"sample_{backend}_{size}.json"
    sample_path.write_text(json.dumps(sample))
    biggest = max(len(v) for v in gen.adjacent.values()) * copies
    del gen
    store_info = {
        "backend": backend,
        "size": size,
        "copies": copies,
        **written,
        "db": db,
        "sample": str(sample_path),
        "biggest_hub_relations": biggest,
        "write_rate": written["statements"] / written["write_s"],
        "disk_bytes_per_statement": disk / max(written["statements"], 1),
    }
    saved.write_text(json.dumps(store_info))
    return _ask_again(store_info, baseline_timeout, baseline_max)


def _ask_again(store_info: dict[str, Any], baseline_timeout: int, baseline_max: int) -> dict[str, Any]:
    """The questions (and the baseline, unless its timeout is 0) in fresh processes, on a written store."""
    db, sample = store_info["db"], store_info["sample"]
    queries = _in_process("queries", db, sample, 3600)
    baseline = _in_process("baseline", db, sample, baseline_timeout, baseline_max) if baseline_timeout else {}
    return {**store_info, "queries": queries, "baseline": baseline}


def render(results: list[dict[str, Any]]) -> str:
    lines = [
        "| backend | statements | entities | biggest hub | write st/s | bytes/st | show id p50/p99 | show name p50/p99 "
        "| neighbors-2 p50/p99 | path ≤4 p50/p99 (found) | timeline p50/p99 | search p50/p99 | peak RSS "
        "| baseline Graph.load | baseline RSS |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        q = r["queries"]
        b = r["baseline"]

        def pp(key: str, q: dict[str, Any] = q) -> str:
            return f"{q[key]['p50']:.0f} / {q[key]['p99']:.0f} ms" if key in q else "n/a"

        est = " (est.)" if "estimated_from" in b else ""
        base = f"{b['load_s']:.1f} s{est}" if "load_s" in b else b.get("error", "n/a")
        base_rss = f"{b['peak_rss_mb']:.0f} MB{est}" if "peak_rss_mb" in b else "n/a"
        lines.append(
            f"| {r['backend']} | {r['statements']:,} | {r['entities']:,} | {r['biggest_hub_relations']:,} | "
            f"{r['write_rate']:,.0f} | {r['disk_bytes_per_statement']:.0f} | {pp('show_id')} | {pp('show_name')} | "
            f"{pp('neighbors2')} | {pp('path4')} ({q.get('paths_found', 0)}/{q.get('path4', {}).get('n', 0)}) | "
            f"{pp('timeline')} | {pp('search')} | {q.get('peak_rss_mb', 0):.0f} MB | {base} | {base_rss} |"
        )
    return "\n".join(lines)


#: the news stories ``--throughput`` ingests (AG News test split, in ../shared beside the checkout)
NEWS = Path(__file__).resolve().parents[2] / "shared" / "data" / "news" / "ag_news_test" / "test.csv"


def throughput(backend: str, db: str, stories: int, workdir: Path, news: Path = NEWS) -> dict[str, Any]:
    """Ingest ``stories`` news stories and build them: documents and statements per second, each phase."""
    from tracegraph.ingest import ingest_paths
    from tracegraph.pipeline import build

    folder = workdir / f"news_{stories}"
    if not folder.exists() or not any(folder.iterdir()):
        folder.mkdir(parents=True, exist_ok=True)
        import csv

        with news.open(encoding="utf-8") as handle:
            for number, row in enumerate(csv.DictReader(handle)):
                if number >= stories:
                    break
                text = f"{row['title']}\n\n{row['description'].replace(chr(92), ' ')}\n"
                (folder / f"story_{number:05d}.txt").write_text(text, encoding="utf-8")
    settings = Settings(db=db)
    with open_store(settings) as store:
        t0 = time.perf_counter()
        report = ingest_paths(store, [folder], settings)
        ingest_s = time.perf_counter() - t0
        before = int(store.query("SELECT COUNT(*) FROM statements")[0][0])
        t1 = time.perf_counter()
        summary = build(store, settings)
        build_s = time.perf_counter() - t1
        after = int(store.query("SELECT COUNT(*) FROM statements")[0][0])
    return {
        "backend": backend,
        "stories": stories,
        "documents": report.documents,
        "ingest_s": ingest_s,
        "ingest_docs_per_s": report.documents / ingest_s,
        "build_s": build_s,
        "build_docs_per_s": report.documents / build_s,
        "build_statements": after - before,
        "build_statements_per_s": (after - before) / build_s,
        "merges": summary.get("merges"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[100_000])
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--pg", default=os.environ.get("TRACEGRAPH_TEST_PG_URL"))
    parser.add_argument("--workdir", default=None)
    parser.add_argument("--baseline-timeout", type=int, default=900, help="0: no whole-graph baseline.")
    parser.add_argument("--baseline-max", type=int, default=2_000_000, help="Estimate the baseline above this.")
    parser.add_argument(
        "--copies", type=int, default=1, help="Generate size/COPIES statements, then copy them in SQL (for 10M)."
    )
    parser.add_argument(
        "--reuse", action="store_true", help="Ask again of the stores an earlier run left in --workdir (no writing)."
    )
    parser.add_argument("--throughput", type=int, default=0, help="Also ingest and build this many news stories.")
    parser.add_argument("--news", default=str(NEWS), help="The news CSV (label, title, description) to ingest.")
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
            result = run_one(
                backend, size, workdir, args.pg, args.baseline_timeout, args.baseline_max, args.copies, args.reuse
            )
            results.append(result)
            print(json.dumps(result), file=sys.stderr, flush=True)
    rates = []
    if args.throughput:
        for backend in args.backends:
            if backend == "postgresql" and not args.pg:
                continue
            db = (
                str(workdir / "throughput.sqlite")
                if backend == "sqlite"
                else _pg_schema_url(args.pg or "", "bench_throughput")
            )
            if backend == "sqlite":
                for suffix in ("", "-wal", "-shm"):
                    Path(db + suffix).unlink(missing_ok=True)
            rates.append(throughput(backend, db, args.throughput, workdir, Path(args.news)))
            print(json.dumps(rates[-1]), file=sys.stderr, flush=True)
    if args.json_out:
        Path(args.json_out).write_text(json.dumps({"scale": results, "throughput": rates}, indent=1))
    if results:
        print(render(results))
    for rate in rates:
        print(
            f"{rate['backend']}: ingest {rate['documents']} stories in {rate['ingest_s']:.1f} s "
            f"({rate['ingest_docs_per_s']:.1f}/s); build {rate['build_s']:.1f} s ({rate['build_docs_per_s']:.1f} "
            f"stories/s, {rate['build_statements_per_s']:.0f} statements/s)"
        )


if __name__ == "__main__":
    main()
