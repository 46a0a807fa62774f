"""Load on the REST API: 50 concurrent clients against ``tracegraph serve`` on 127.0.0.1, bounded.

Run: .venv/bin/python bench/bench_api.py [--statements 1000000] [--pg postgresql://...] [--workers 2]

1. Builds a synthetic store of about ``--statements`` statements with the
   generator of ``bench/bench_scale.py`` (imported, not copied: companies,
   people and public bodies, ownerships, directorships and dated actions with
   hubs, shared phones, 1 % merged, every statement with a document span),
   plus the real UN consolidated list from ../shared for screening; in a
   SQLite file, or in a fresh PostgreSQL schema with ``--pg``. ``--db`` reuses
   a store built before.
2. Starts ``tracegraph serve`` in a child process (``--workers`` uvicorn
   workers) and times the first requests after start.
3. Callers are a non-admin user whose agency may read the case collection and
   the UN list, so every question runs with its grants in the SQL.
4. Mixed phase: ``--clients`` clients each send ``--requests`` requests mixing
   entity pages (40 %), search (25 %), paths (10 %) and ``/match`` (25 %).
5. Match phase: the same clients send only ``/match`` requests (one query each).

Every phase has a fixed request count and a wall-clock limit. Prints a
Markdown report and writes it to docs/bench/api.md.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
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
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_scale  # the store generator of the scale benchmark

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
UN_LIST = SHARED / "sanctions" / "un_consolidated_2026-02-27" / "UN_consolidated.xml"
UN_NAMES = SHARED / "entity_resolution" / "opensanctions_yente_name_screening" / "positives_un_untreated.csv"
#: the collection the generator writes and the list loaded beside it
CASE, LIST = "case", "un_sc_sanctions"
#: requests of each kind in the one-at-a-time phase that measures CPU by kind
SERIAL = 40


def build_store(db: str, statements: int) -> dict[str, Any]:
    from tracegraph.screen.loader import load_list
    from tracegraph.settings import Settings
    from tracegraph.store import open_store

    started = time.perf_counter()
    with open_store(Settings(db=db)) as store:
        written = bench_scale.Generator(store, statements).run()
        if UN_LIST.is_file():
            load_list(store, [UN_LIST], LIST)
        store.execute("ANALYZE")
        total = int(store.query("SELECT COUNT(*) FROM statements")[0][0])
    return {"generated": written["statements"], "statements": total, "seconds": round(time.perf_counter() - started, 1)}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _token(db: str) -> str:
    """A token of a non-admin user whose agency reads the case collection and the list."""
    from tracegraph.api import accounts
    from tracegraph.settings import Settings
    from tracegraph.store import open_store

    with open_store(Settings(db=db)) as store:
        accounts.bootstrap(store)
        if not store.query("SELECT 1 FROM users WHERE name = 'bench'"):
            accounts.create_agency(store, "benchdesk")
            for collection in (CASE, LIST):
                if not store.query("SELECT 1 FROM collections WHERE name = ?", (collection,)):
                    accounts.create_collection(store, collection)
                accounts.grant(store, collection, "read", agency="benchdesk")
            accounts.create_user(store, "bench", "benchdesk")
        return accounts.create_token(store, "bench", ("read", "screen"), "bench", days=1)[1]


def _pct(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


class Connection:
    """One keep-alive HTTP/1.1 connection written by hand: a client that costs little CPU, so the figures
    are the server's, not the load generator's (httpx spends about as much per request as the server)."""

    def __init__(self, host: str, port: int, token: str) -> None:
        self.host, self.port = host, port
        self.head = f"Host: {host}:{port}\r\nAuthorization: Bearer {token}\r\n"
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(self, method: str, url: str, body: Any) -> int:
        import orjson

        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        payload = orjson.dumps(body) if body is not None else b""
        extra = f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n" if body is not None else ""
        self.writer.write(
            f"{method} {quote(url, safe='/?=&:,*')} HTTP/1.1\r\n{self.head}{extra}\r\n".encode() + payload
        )
        await self.writer.drain()
        status_line = await self.reader.readline()
        if not status_line:
            raise ConnectionError("the server closed the connection")
        status = int(status_line.split()[1])
        length, chunked = 0, False
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            if name.lower() == "content-length":
                length = int(value)
            elif name.lower() == "transfer-encoding" and "chunked" in value.lower():
                chunked = True
        if chunked:
            while size := int((await self.reader.readline()).strip() or b"0", 16):
                await self.reader.readexactly(size + 2)
            await self.reader.readline()
        elif length:
            await self.reader.readexactly(length)
        return status

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(Exception):
                await self.writer.wait_closed()


async def _phase(
    base: str, token: str, plan: list[list[tuple[str, str, str, Any]]], limit_s: float, duration: float | None = None
) -> dict[str, Any]:
    """Each client sends its requests in turn; with ``duration``, it stops when that many seconds have passed
    (a fixed-duration run: give it more requests than it can send), else at the end of its list or ``limit_s``."""
    timings: dict[str, list[float]] = {}
    later: dict[str, list[float]] = {}  # requests sent after the first second (past the clients' common start)
    errors: dict[str, int] = {}
    host, port = base.removeprefix("http://").split(":")

    async def client(requests: list[tuple[str, str, str, Any]], deadline: float) -> None:
        conn = Connection(host, int(port), token)
        try:
            for kind, method, url, body in requests:
                if time.monotonic() > deadline:
                    if duration is not None:
                        break
                    errors["not sent (time limit)"] = errors.get("not sent (time limit)", 0) + 1
                    continue
                t0 = time.perf_counter()
                try:
                    ok = await asyncio.wait_for(conn.request(method, url, body), 60) == 200
                except (TimeoutError, OSError, ValueError, IndexError, asyncio.IncompleteReadError):
                    ok = False
                    await conn.close()
                    conn = Connection(host, int(port), token)
                timings.setdefault(kind, []).append(time.perf_counter() - t0)
                if t0 - started >= 1.0:
                    later.setdefault(kind, []).append(time.perf_counter() - t0)
                if not ok:
                    errors[kind] = errors.get(kind, 0) + 1
        finally:
            await conn.close()

    started = time.perf_counter()
    load_before = os.getloadavg()[0]
    deadline = time.monotonic() + (duration if duration is not None else limit_s)
    await asyncio.gather(*(client(reqs, deadline) for reqs in plan))
    wall = time.perf_counter() - started
    total = sum(len(v) for v in timings.values())
    return {
        "wall_s": round(wall, 2),
        "requests": total,
        "throughput": round(total / wall, 1),
        "errors": errors,
        "load": f"{load_before:.1f} → {os.getloadavg()[0]:.1f}",
        "kinds": {
            k: {
                "n": len(v),
                "p50_ms": round(_pct(v, 0.5) * 1000, 1),
                "p99_ms": round(_pct(v, 0.99) * 1000, 1),
                "p99_later_ms": round(_pct(later.get(k, []), 0.99) * 1000, 1),
                "per_s": round(len(v) / wall, 1),
            }
            for k, v in sorted(timings.items())
        },
    }


def _sample(db: str, rng: random.Random) -> tuple[list[str], list[str], list[str]]:
    import csv

    from tracegraph.settings import Settings
    from tracegraph.store import open_store

    with open_store(Settings(db=db)) as store:
        rows = store.query(
            "SELECT entity_id, name FROM name_index WHERE dataset = ? AND prop = 'name' ORDER BY random() LIMIT 5000",
            (CASE,),
        )
    ids = [r[0] for r in rows]
    names = [r[1] for r in rows]
    screen = []
    if UN_NAMES.is_file():
        with UN_NAMES.open(encoding="utf-8") as fh:
            screen = [row["full_name"] for row in csv.DictReader(fh)]
    screen = screen or names[:200]
    return ids[:2000], names, screen


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


def render(info: dict[str, Any], mixed: dict[str, Any], match: dict[str, Any], serial: dict[str, Any]) -> str:
    db_note = " + its PostgreSQL backends" if info["store"] == "PostgreSQL" else ""
    lines = [
        "# API load (bench/bench_api.py)",
        "",
        f"Store: {info['store']}; {info['statements']:,} statements ({info['generated']:,} synthetic case "
        f"statements from bench_scale's generator + the UN consolidated list), "
        + (f"built in {info['build_s']} s. " if info["build_s"] else "built before and reused. ")
        + f"Server: `tracegraph serve --workers {info['workers']}` on 127.0.0.1 (heavy slots per worker: "
        f"{info['heavy_slots']}, heavy processes per worker: {info['heavy_processes']}, answers kept: "
        f"{info['answers']}); first entity page after start "
        f"{info['first_entity_ms']} ms, first /match {info['first_match_ms']} ms; server RSS "
        f"{info['server_rss_mb']} MB at the end. Caller: a non-admin user reading two collections. "
        f"{info['clients']} concurrent clients "
        "(a hand-written keep-alive HTTP/1.1 client on asyncio), "
        + (f"each phase {info['duration']} s long; " if info.get("duration") else "bounded counts and time limits; ")
        + "the clients share the machine's 2 cores with the server, the database and other work "
        "(load average before → after each phase below). CPU columns: the server's processes"
        f"{db_note}, per request.",
        "",
        f"## CPU by kind (one request at a time, {SERIAL} of each)",
        "",
        "| kind | requests | p50 ms | p99 ms | server CPU ms | database CPU ms |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for kind, row in serial.items():
        lines.append(
            f"| {kind} | {row.get('n', 0)} | {row.get('p50_ms', '')} | {row.get('p99_ms', '')} | {row['cpu_ms']} | "
            f"{row['db_cpu_ms']} |"
        )
    lines.append("")
    for title, phase in (
        ("Mixed: entity 40 %, search 25 %, paths 10 %, /match 25 %", mixed),
        ("/match only (one query per request)", match),
    ):
        lines += [
            f"## {title}",
            "",
            f"{phase['requests']} requests in {phase['wall_s']} s: **{phase['throughput']} req/s**, "
            f"errors: {sum(phase['errors'].values())} {phase['errors'] or ''}; server CPU "
            f"{phase['cpu_ms']} ms a request, database {phase['db_cpu_ms']} ms; load average {phase['load']}.",
            "",
            "| kind | requests | req/s | p50 ms | p99 ms | p99 ms after the first second | errors |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for kind, row in phase["kinds"].items():
            lines.append(
                f"| {kind} | {row['n']} | {row['per_s']} | {row['p50_ms']} | {row['p99_ms']} | "
                f"{row['p99_later_ms']} | {phase['errors'].get(kind, 0)} |"
            )
        lines.append("")
    return "\n".join(lines)


def _server_cpu(pids: list[int]) -> float:
    import psutil

    total = 0.0
    for pid in pids:
        try:
            proc = psutil.Process(pid)
            for each in [proc, *proc.children(recursive=True)]:
                times = each.cpu_times()
                total += float(times.user + times.system)
        except psutil.NoSuchProcess:
            continue
    return total


def _pg_cpu(db: str) -> float:
    """CPU seconds of the PostgreSQL backends serving this database (0 for SQLite)."""
    from urllib.parse import urlsplit

    import psutil

    if not db.startswith("postgres"):
        return 0.0
    name = urlsplit(db).path.strip("/")
    total = 0.0
    for proc in psutil.process_iter(["cmdline"]):
        words = " ".join(proc.info["cmdline"] or []).split()
        if len(words) >= 3 and words[0] == "postgres:" and words[2] == name:
            with contextlib.suppress(psutil.Error):
                times = proc.cpu_times()
                total += float(times.user + times.system)
    return total


def _cpu(pid: int, db: str) -> tuple[float, float]:
    """(server CPU seconds, its PostgreSQL backends' CPU seconds) so far."""
    return _server_cpu([pid]), _pg_cpu(db)


def _per_request(before: tuple[float, float], after: tuple[float, float], requests: int) -> dict[str, float]:
    n = max(requests, 1)
    return {
        "cpu_ms": round((after[0] - before[0]) * 1000 / n, 2),
        "db_cpu_ms": round((after[1] - before[1]) * 1000 / n, 2),
    }


def _serial(base: str, token: str, plan: list[list[tuple[str, str, str, Any]]], pid: int, db: str) -> dict[str, Any]:
    """One request at a time, kind by kind: the CPU each kind costs the server and its database."""
    by_kind: dict[str, list[tuple[str, str, str, Any]]] = {}
    for reqs in plan:
        for req in reqs:
            by_kind.setdefault(req[0], []).append(req)
    found: dict[str, Any] = {}
    for kind, reqs in sorted(by_kind.items()):
        reqs = reqs[:SERIAL]
        before = _cpu(pid, db)
        phase = asyncio.run(_phase(base, token, [reqs], 300))
        found[kind] = {**phase["kinds"].get(kind, {}), **_per_request(before, _cpu(pid, db), phase["requests"])}
    return found


def _server_rss(pid: int) -> int:
    import psutil

    proc = psutil.Process(pid)
    return round(sum(int(p.memory_info().rss) for p in [proc, *proc.children(recursive=True)]) / 1e6)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=300_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=40, help="requests per client in each phase")
    parser.add_argument("--db", default=None, help="an existing store (a SQLite file or a PostgreSQL URL)")
    parser.add_argument("--pg", default=None, help="build the store in a fresh schema of this PostgreSQL server")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument("--time-limit", type=float, default=300.0, help="seconds per phase")
    parser.add_argument(
        "--duration", type=float, default=None, help="run each phase for this many seconds (clients repeat their list)"
    )
    parser.add_argument("--no-answers", action="store_true", help="the server keeps no answers (entity pages...)")
    parser.add_argument("--heavy-slots", type=int, default=None, help="TRACEGRAPH_API_HEAVY_SLOTS for the server")
    parser.add_argument(
        "--heavy-processes",
        type=int,
        default=None,
        help="TRACEGRAPH_API_HEAVY_PROCESSES (serve's default 1; 0: heavy questions on the workers' own threads)",
    )
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "bench" / "api.md")
    args = parser.parse_args()

    info: dict[str, Any] = {
        "clients": args.clients,
        "build_s": 0.0,
        "generated": 0,
        "workers": args.workers,
        "duration": args.duration,
        "heavy_slots": args.heavy_slots or "default",
        "heavy_processes": "default (1)" if args.heavy_processes is None else args.heavy_processes,
        "answers": "off" if args.no_answers else "on",
    }
    if args.db:
        db = str(args.db)
    elif args.pg:
        db = bench_scale._pg_schema_url(args.pg, f"bench_api_{args.statements}")
    else:
        db = str(Path(tempfile.mkdtemp(prefix="tg-bench-api-")) / f"bench-{args.statements}.sqlite")
    info["store"] = "PostgreSQL" if db.startswith("postgres") else "SQLite"
    if not args.db:
        built = build_store(db, args.statements)
        info.update(generated=built["generated"], build_s=built["seconds"])
        print(f"built {info['store']} store: {built}", file=sys.stderr)
    token = _token(db)
    rng = random.Random(5)
    ids, names, screen = _sample(db, rng)
    from tracegraph.settings import Settings
    from tracegraph.store import open_store

    with open_store(Settings(db=db)) as store:
        info["statements"] = int(store.query("SELECT COUNT(*) FROM statements")[0][0])
        info["generated"] = info["generated"] or int(
            store.query("SELECT COUNT(*) FROM statements WHERE dataset = ?", (CASE,))[0][0]
        )
    port = _free_port()
    env = {**os.environ, "TRACEGRAPH_DB": db, "TRACEGRAPH_API_RATE": "100000", "TRACEGRAPH_API_BURST": "100000"}
    if args.heavy_slots:
        env["TRACEGRAPH_API_HEAVY_SLOTS"] = str(args.heavy_slots)
    if args.heavy_processes is not None:
        env["TRACEGRAPH_API_HEAVY_PROCESSES"] = str(args.heavy_processes)
    if args.no_answers:
        env["TRACEGRAPH_API_ANSWER_BYTES"] = "0"
    command = [str(Path(sys.executable).parent / "tracegraph"), "serve", "--host", "127.0.0.1", "--port", str(port)]
    server = subprocess.Popen(
        [*command, "--workers", str(args.workers)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        import httpx

        for _ in range(600):
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        headers = {"Authorization": f"Bearer {token}"}
        t0 = time.perf_counter()
        httpx.get(f"{base}/api/entities/{ids[0]}", headers=headers, timeout=600).raise_for_status()
        info["first_entity_ms"] = round((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        for name in screen[:4]:  # one per worker, most likely: each builds its matcher on first use
            httpx.post(
                f"{base}/match/default",
                headers=headers,
                timeout=600,
                json={"queries": {"q": {"properties": {"name": [name]}}}},
            ).raise_for_status()
        info["first_match_ms"] = round((time.perf_counter() - t0) * 1000)
        per = args.requests if args.duration is None else max(args.requests, int(args.duration * 20))
        mixed_plan = _mixed_plan(args.clients, per, ids, names, screen, rng)
        serial_plan = _mixed_plan(1, 12 * SERIAL, ids, names, screen, random.Random(7))  # other requests
        serial = _serial(base, token, serial_plan, server.pid, db)
        c0 = _cpu(server.pid, db)
        mixed = asyncio.run(_phase(base, token, mixed_plan, args.time_limit, args.duration))
        c1 = _cpu(server.pid, db)
        match_plan = _match_plan(args.clients, per, screen, rng)
        match = asyncio.run(_phase(base, token, match_plan, args.time_limit, args.duration))
        c2 = _cpu(server.pid, db)
        mixed.update(_per_request(c0, c1, mixed["requests"]))
        match.update(_per_request(c1, c2, match["requests"]))
        info["load"] = round(os.getloadavg()[0], 1)
        info["server_rss_mb"] = _server_rss(server.pid)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    report = render(info, mixed, match, serial)
    print(report)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
