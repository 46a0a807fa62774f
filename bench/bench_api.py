"""Load on the REST API: 50 concurrent clients against ``tracegraph serve`` on 127.0.0.1, bounded.

Run: .venv/bin/python bench/bench_api.py [--statements 300000] [--clients 50] [--requests 40] [--db PATH]

1. Builds a synthetic store (companies, people, ownerships and directorships
   with evidence in generated stories; shared phones) of about ``--statements``
   statements, plus the real UN consolidated list from ../shared for screening,
   unless ``--db`` names an existing one. Reused when it exists.
2. Starts ``tracegraph serve`` in a child process (one uvicorn worker) and
   warms its graph.
3. Mixed phase: ``--clients`` clients each send ``--requests`` requests mixing
   entity pages (40 %), search (25 %), paths (10 %) and ``/match`` (25 %).
4. Match phase: the same clients send only ``/match`` requests (one query each).

Every phase has a fixed request count and a wall-clock limit. Prints a
Markdown report and writes it to docs/bench/api.md.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
UN_LIST = SHARED / "sanctions" / "un_consolidated_2026-02-27" / "UN_consolidated.xml"
UN_NAMES = SHARED / "entity_resolution" / "opensanctions_yente_name_screening" / "positives_un_untreated.csv"

FIRST = [
    "Arven",
    "Bela",
    "Corin",
    "Dasha",
    "Emil",
    "Farah",
    "Goran",
    "Hale",
    "Ines",
    "Jarek",
    "Kira",
    "Lukas",
    "Mira",
    "Nadim",
    "Olek",
    "Pia",
    "Quinn",
    "Rasa",
    "Soren",
    "Tamsin",
    "Ulla",
    "Viktor",
    "Wen",
    "Yara",
]
LAST = [
    "Okafor",
    "Lindqvist",
    "Moreau",
    "Haddad",
    "Novak",
    "Castellano",
    "Brandt",
    "Ishikawa",
    "Petrov",
    "Reyes",
    "Duarte",
    "Kowal",
    "Sato",
    "Mbeki",
    "Vance",
    "Ilyin",
    "Osei",
    "Farrow",
    "Quint",
    "Zeller",
]
WORDS = [
    "Harbor",
    "Amber",
    "Cobalt",
    "Meridian",
    "Northgate",
    "Silverline",
    "Juniper",
    "Keystone",
    "Lattice",
    "Orchid",
    "Pinnacle",
    "Quarry",
    "Redwood",
    "Summit",
    "Tidewater",
    "Vantage",
    "Willow",
    "Zenith",
    "Falcon",
]
KINDS = ["Chemical", "Trading", "Logistics", "Pharma", "Shipping", "Solvents", "Industrial", "Reagents"]
SUFFIX = ["Ltd", "Co., Ltd.", "GmbH", "LLC", "BV", "SA"]
COUNTRIES = ["cn", "in", "nl", "de", "mx", "us", "hk", "ae", "tr", "pl"]


class Generator:
    """A synthetic store: nodes with names and identifiers, relations with evidence sentences in stories."""

    def __init__(self, store: Any, target: int, seed: int = 13) -> None:
        self.store = store
        self.target = target
        self.rng = random.Random(seed)
        self.batch: list[Any] = []
        self.written = 0
        self.companies: list[str] = []
        self.people: list[str] = []
        self.doc_no = 0
        self.sentences: list[tuple[str, list[Any]]] = []

    def _flush(self) -> None:
        with self.store.transaction():
            self.written += self.store.add_statements(self.batch)
        self.batch = []

    def _story(self) -> None:
        """Write the pending sentences as one document, then their statements with spans into it."""
        from tracegraph.store import Document, Source, Statement

        if not self.sentences:
            return
        self.doc_no += 1
        doc_id = f"doc-bench-{self.doc_no}"
        text = " ".join(s for s, _ in self.sentences)
        self.store.put_source(
            Source(id=f"src-{doc_id}", uri=f"bench://{doc_id}", content_hash=doc_id, size=len(text), format="text")
        )
        self.store.put_document(
            Document(
                id=doc_id,
                source_id=f"src-{doc_id}",
                seq=0,
                text=text,
                title=f"Bench story {self.doc_no}",
                published="2025-01-01",
            )
        )
        pos = 0
        for sentence, facts in self.sentences:
            for entity_id, schema, prop, value in facts:
                self.batch.append(
                    Statement(
                        entity_id,
                        schema,
                        prop,
                        value,
                        dataset="bench",
                        document_id=doc_id,
                        span_start=pos,
                        span_end=pos + len(sentence),
                        extractor="bench",
                    )
                )
            pos += len(sentence) + 1
        self.sentences = []
        if len(self.batch) >= 5000:
            self._flush()

    def run(self) -> int:
        from tracegraph.ids import make_id

        rng = self.rng
        serial = 0
        while self.written + len(self.batch) < self.target:
            serial += 1
            if serial % 3:
                name = f"{rng.choice(WORDS)} {rng.choice(WORDS)} {rng.choice(KINDS)} {rng.choice(SUFFIX)} {serial}"
                entity_id = make_id("bench", "Company", serial)
                country = rng.choice(COUNTRIES)
                phone = f"+8631{rng.randrange(10**7):07d}" if rng.random() < 0.3 else f"+9{serial:010d}"
                facts = [
                    (entity_id, "Company", "name", name),
                    (entity_id, "Company", "country", country),
                    (entity_id, "Company", "phone", phone),
                ]
                self.sentences.append((f"{name} is registered in {country.upper()} with phone {phone}.", facts))
                self.companies.append(entity_id)
            else:
                name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {serial}"
                entity_id = make_id("bench", "Person", serial)
                facts = [
                    (entity_id, "Person", "name", name),
                    (entity_id, "Person", "nationality", rng.choice(COUNTRIES)),
                ]
                self.sentences.append((f"{name} was named in the filing.", facts))
                self.people.append(entity_id)
            if len(self.companies) > 2 and rng.random() < 0.8:
                asset = self.companies[-1] if self.companies[-1] != entity_id else self.companies[-2]
                owner = rng.choice(self.companies[-200:] + self.people[-100:])
                if owner != asset:
                    rel = make_id("bench-rel", serial, "own")
                    schema = "Ownership" if owner in self.companies[-200:] else "Directorship"
                    ends = ("owner", "asset") if schema == "Ownership" else ("director", "organization")
                    facts = [
                        (rel, schema, ends[0], owner),
                        (rel, schema, ends[1], asset),
                        (rel, schema, "startDate", f"20{rng.randrange(10, 25)}-0{rng.randrange(1, 9)}-01"),
                        (rel, schema, "summary", f"Records show a {schema.lower()} tie in case {serial}."),
                    ]
                    self.sentences.append((f"Records show a {schema.lower()} tie in case {serial}.", facts))
            if len(self.sentences) >= 12:
                self._story()
        self._story()
        self._flush()
        return self.written


def build_store(db: Path, statements: int) -> dict[str, Any]:
    from tracegraph.screen.loader import load_list
    from tracegraph.settings import Settings
    from tracegraph.store import open_store

    started = time.perf_counter()
    with open_store(Settings(db=str(db))) as store:
        written = Generator(store, statements).run()
        if UN_LIST.is_file():
            load_list(store, [UN_LIST], "un_sc_sanctions")
        total = int(store.query("SELECT COUNT(*) FROM statements")[0][0])
    return {"generated": written, "statements": total, "seconds": round(time.perf_counter() - started, 1)}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _token(db: Path) -> str:
    from tracegraph.api import accounts
    from tracegraph.settings import Settings
    from tracegraph.store import open_store

    with open_store(Settings(db=str(db))) as store:
        accounts.bootstrap(store)
        if not store.query("SELECT 1 FROM users WHERE name = 'bench'"):
            accounts.create_user(store, "bench", "local", admin=True)
        return accounts.create_token(store, "bench", accounts.SCOPES, "bench", days=1)[1]


def _pct(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def _phase(base: str, token: str, plan: list[list[tuple[str, str, str, Any]]], limit_s: float) -> dict[str, Any]:
    import httpx

    timings: dict[str, list[float]] = {}
    errors: dict[str, int] = {}
    headers = {"Authorization": f"Bearer {token}"}

    async def client(requests: list[tuple[str, str, str, Any]], deadline: float) -> None:
        async with httpx.AsyncClient(base_url=base, headers=headers, timeout=30.0) as http:
            for kind, method, url, body in requests:
                if time.monotonic() > deadline:
                    errors["not sent (time limit)"] = errors.get("not sent (time limit)", 0) + 1
                    continue
                t0 = time.perf_counter()
                try:
                    resp = await http.request(method, url, json=body)
                    ok = resp.status_code == 200
                except httpx.HTTPError:
                    ok = False
                timings.setdefault(kind, []).append(time.perf_counter() - t0)
                if not ok:
                    errors[kind] = errors.get(kind, 0) + 1

    started = time.perf_counter()
    deadline = time.monotonic() + limit_s
    await asyncio.gather(*(client(reqs, deadline) for reqs in plan))
    wall = time.perf_counter() - started
    total = sum(len(v) for v in timings.values())
    return {
        "wall_s": round(wall, 2),
        "requests": total,
        "throughput": round(total / wall, 1),
        "errors": errors,
        "kinds": {
            k: {
                "n": len(v),
                "p50_ms": round(_pct(v, 0.5) * 1000, 1),
                "p99_ms": round(_pct(v, 0.99) * 1000, 1),
                "per_s": round(len(v) / wall, 1),
            }
            for k, v in sorted(timings.items())
        },
    }


def _sample(db: Path, rng: random.Random) -> tuple[list[str], list[str], list[str]]:
    import csv

    from tracegraph.settings import Settings
    from tracegraph.store import open_store

    with open_store(Settings(db=str(db))) as store:
        ids = [
            r[0]
            for r in store.query(
                "SELECT DISTINCT entity_id FROM statements WHERE dataset = 'bench' AND prop = 'name' LIMIT 20000"
            )
        ]
        names = [
            r[0]
            for r in store.query("SELECT value FROM statements WHERE dataset = 'bench' AND prop = 'name' LIMIT 5000")
        ]
    screen = []
    if UN_NAMES.is_file():
        with UN_NAMES.open(encoding="utf-8") as fh:
            screen = [row["full_name"] for row in csv.DictReader(fh)]
    screen = screen or names[:200]
    return rng.sample(ids, min(len(ids), 2000)), names, screen


def _mixed_plan(
    clients: int, per: int, ids: list[str], names: list[str], screen: list[str], rng: random.Random
) -> list[list[tuple[str, str, str, Any]]]:
    plan = []
    for _ in range(clients):
        reqs: list[tuple[str, str, str, Any]] = []
        for _ in range(per):
            roll = rng.random()
            if roll < 0.40:
                reqs.append(("entity", "GET", f"/api/entities/{rng.choice(ids)}", None))
            elif roll < 0.65:
                words = rng.choice(names).split()
                reqs.append(("search", "GET", f"/api/search?q={' '.join(words[:2])}&limit=10", None))
            elif roll < 0.75:
                reqs.append(
                    ("paths", "GET", f"/api/paths?source={rng.choice(ids)}&target={rng.choice(ids)}&max_hops=4", None)
                )
            else:
                body = {"queries": {"q": {"schema": "Person", "properties": {"name": [rng.choice(screen)]}}}}
                reqs.append(("match", "POST", "/match/default", body))
        plan.append(reqs)
    return plan


def _match_plan(clients: int, per: int, screen: list[str], rng: random.Random) -> list[list[tuple[str, str, str, Any]]]:
    return [
        [
            (
                "match",
                "POST",
                "/match/default",
                {"queries": {"q": {"schema": "Person", "properties": {"name": [rng.choice(screen)]}}}},
            )
            for _ in range(per)
        ]
        for _ in range(clients)
    ]


def render(info: dict[str, Any], mixed: dict[str, Any], match: dict[str, Any]) -> str:
    lines = [
        "# API load (bench/bench_api.py)",
        "",
        f"Store: {info['store']}; {info['statements']:,} statements ({info['generated']:,} synthetic case "
        f"statements in {info['documents']:,} stories + the UN consolidated list), built in {info['build_s']} s. "
        f"Server: `tracegraph serve`, one uvicorn worker, on 127.0.0.1; graph warm-up {info['warm_s']} s, "
        f"server RSS {info['server_rss_mb']} MB. {info['clients']} concurrent clients (asyncio + httpx), "
        "bounded request counts and time limits; the clients share the machine's 2 cores with the server "
        f"and with other work (load average {info.get('load', '?')} at the end).",
        "",
    ]
    for title, phase in (
        ("Mixed: entity 40 %, search 25 %, paths 10 %, /match 25 %", mixed),
        ("/match only (one query per request)", match),
    ):
        lines += [
            f"## {title}",
            "",
            f"{phase['requests']} requests in {phase['wall_s']} s: **{phase['throughput']} req/s**, "
            f"errors: {sum(phase['errors'].values())} {phase['errors'] or ''}; server CPU "
            f"{phase['cpu_ms']} ms a request (so about {int(1000 / max(phase['cpu_ms'], 0.01))} req/s per "
            "free core).",
            "",
            "| kind | requests | req/s | p50 ms | p99 ms |",
            "|---|---:|---:|---:|---:|",
        ]
        for kind, row in phase["kinds"].items():
            lines.append(f"| {kind} | {row['n']} | {row['per_s']} | {row['p50_ms']} | {row['p99_ms']} |")
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=300_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=40, help="requests per client in each phase")
    parser.add_argument("--db", type=Path, default=None, help="an existing store (else one is built in a temp dir)")
    parser.add_argument("--time-limit", type=float, default=300.0, help="seconds per phase")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "bench" / "api.md")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="tg-bench-api-"))
    db = args.db or workdir / f"bench-{args.statements}.sqlite"
    info: dict[str, Any] = {"store": "SQLite", "clients": args.clients, "build_s": 0.0, "generated": 0}
    if not db.exists():
        built = build_store(db, args.statements)
        info.update(generated=built["generated"], build_s=built["seconds"])
        print(f"built {db}: {built}", file=sys.stderr)
    token = _token(db)
    rng = random.Random(5)
    ids, names, screen = _sample(db, rng)
    from tracegraph.settings import Settings
    from tracegraph.store import open_store

    with open_store(Settings(db=str(db))) as store:
        info["statements"] = int(store.query("SELECT COUNT(*) FROM statements")[0][0])
        info["documents"] = int(store.query("SELECT COUNT(*) FROM documents")[0][0])
        info["generated"] = info["generated"] or int(
            store.query("SELECT COUNT(*) FROM statements WHERE dataset = 'bench'")[0][0]
        )
    port = _free_port()
    env = {**os.environ, "TRACEGRAPH_DB": str(db), "TRACEGRAPH_API_RATE": "100000", "TRACEGRAPH_API_BURST": "100000"}
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "tracegraph"), "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        import httpx
        import psutil

        for _ in range(600):
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        t0 = time.perf_counter()
        headers = {"Authorization": f"Bearer {token}"}
        httpx.get(f"{base}/api/entities/{ids[0]}", headers=headers, timeout=600).raise_for_status()
        httpx.post(
            f"{base}/match/default",
            headers=headers,
            timeout=600,
            json={"queries": {"q": {"properties": {"name": [screen[0]]}}}},
        ).raise_for_status()
        info["warm_s"] = round(time.perf_counter() - t0, 1)
        proc = psutil.Process(server.pid)

        def cpu() -> float:
            times = proc.cpu_times()
            return float(times.user + times.system)

        c0 = cpu()
        mixed = asyncio.run(
            _phase(base, token, _mixed_plan(args.clients, args.requests, ids, names, screen, rng), args.time_limit)
        )
        c1 = cpu()
        match = asyncio.run(_phase(base, token, _match_plan(args.clients, args.requests, screen, rng), args.time_limit))
        c2 = cpu()
        mixed["cpu_ms"] = round((c1 - c0) * 1000 / max(mixed["requests"], 1), 2)
        match["cpu_ms"] = round((c2 - c1) * 1000 / max(match["requests"], 1), 2)
        info["load"] = round(os.getloadavg()[0], 1)
        info["server_rss_mb"] = round(psutil.Process(server.pid).memory_info().rss / 1e6)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    report = render(info, mixed, match)
    print(report)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
