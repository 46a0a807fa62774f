"""The web workbench in headless Chromium: first paint, time to interactive, frame rate while panning.

1. Entity page: first paint and time to interactive (the page drawn with its data and
   taking input) for a sample of entities of a store, through the server (``tracegraph
   serve`` when installed, else the tests' stand-in API).
   Entity pages are a seeded random sample of the entities that are a relation's end, plus
   the best-connected one (the worst case).
2. Network view: the same two figures for the neighbourhood (depth 1) of the store's entity
   with about 500 relations and of the one with about 2,000, through the server; and for a
   generated 500- and 2,000-node graph put in place of the API's answer in the browser (the
   UI's share alone).
3. Panning 2,000 nodes: frames per second while the mouse drags the canvas for 3 s.

The store is ``--db FILE``; with ``--generate N`` that file is first written with about N
statements by the store benchmark's generator (``bench/bench_scale.py``, the same synthetic
network its scale figures come from); without either, a fresh ``tracegraph demo`` store.
Results go to ``bench/out/web.json`` and, as a table, to stdout.

Run: .venv/bin/python bench/bench_web.py [--db FILE [--generate 1000000]] [--samples 10]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.web.browser import browser_context  # noqa: E402
from tests.web.server import serve  # noqa: E402

from tracegraph.settings import Settings  # noqa: E402

LABELS = ["owns", "directs", "offers", "works for", "shares phone", "sanctions", "supplies"]
SCHEMAS = ["Company", "Company", "Person", "Person", "PublicBody", "Substance"]


def synthetic_graph(nodes: int, seed: int = 11) -> dict[str, Any]:
    """A connected graph like a real neighbourhood: a tree from a root plus ~30 % extra edges."""
    rng = random.Random(seed)
    out_nodes = [
        {
            "id": f"n{i}",
            "schema": "phone" if i % 25 == 24 else rng.choice(SCHEMAS),
            "caption": f"Entity number {i} Trading Co., Ltd." if i % 25 != 24 else f"+86 21 5550 {i:04d}",
            "kind": "identifier" if i % 25 == 24 else "entity",
            "listed": i % 40 == 7,
            "flagged": i % 97 == 5,
        }
        for i in range(nodes)
    ]
    edges = []
    for i in range(1, nodes):
        parent = rng.randrange(0, max(1, i // 3)) if i > 3 else 0
        edges.append((parent, i))
    for _ in range(int(nodes * 0.3)):
        a, b = rng.randrange(nodes), rng.randrange(nodes)
        if a != b:
            edges.append((a, b))
    out_edges = [
        {
            "id": f"e{k}",
            "source": f"n{a}",
            "target": f"n{b}",
            "label": rng.choice(LABELS),
            "schema": "Ownership",
            "date": f"20{rng.randrange(15, 26)}-0{rng.randrange(1, 10)}-1{rng.randrange(0, 9)}",
            "evidence": [{"document_id": "doc-x", "start": 0, "end": 10, "sentence": "A sentence of evidence."}],
        }
        for k, (a, b) in enumerate(edges)
    ]
    return {"nodes": out_nodes, "edges": out_edges}


def timings(tab: Any, timeout_ms: int = 120_000) -> dict[str, float]:
    tab.wait_for_function("document.body.dataset.readyAt !== undefined", timeout=timeout_ms)
    first_paint = tab.evaluate(
        "(performance.getEntriesByName('first-contentful-paint')[0] || performance.getEntriesByName('first-paint')[0]"
        " || {startTime: NaN}).startTime"
    )
    ready = float(tab.evaluate("Number(document.body.dataset.readyAt)"))
    return {"first_paint_ms": round(float(first_paint), 1), "interactive_ms": round(ready, 1)}


def summary(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {
        "p50": round(statistics.median(ordered), 1),
        "max": round(ordered[-1], 1),
        "n": len(ordered),
    }


def pan_fps(tab: Any, seconds: float = 3.0) -> dict[str, float]:
    """Drag the canvas back and forth for ``seconds``; count animation frames meanwhile."""
    box = tab.locator(".cy").bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    tab.evaluate(
        """() => { window.__frames = 0; window.__counting = true;
        const tick = () => { if (!window.__counting) return; window.__frames++; requestAnimationFrame(tick); };
        requestAnimationFrame(tick); }"""
    )
    start = time.perf_counter()
    tab.mouse.move(cx, cy)
    tab.mouse.down()
    step = 0
    while time.perf_counter() - start < seconds:
        step += 1
        dx = 150 * (1 if (step // 30) % 2 == 0 else -1)
        tab.mouse.move(cx + dx * ((step % 30) / 30), cy + 40 * ((step % 30) / 30), steps=1)
    tab.mouse.up()
    elapsed = time.perf_counter() - start
    frames = int(tab.evaluate("window.__counting = false, window.__frames"))
    return {"fps": round(frames / elapsed, 1), "frames": frames, "seconds": round(elapsed, 2), "moves": step}


def generate(db: str, size: int) -> dict[str, Any]:
    """Write about ``size`` statements into ``db`` with the store benchmark's generator."""
    sys.path.insert(0, str(REPO / "bench"))
    from bench_scale import Generator
    from tracegraph.store import open_store

    with open_store(Settings(db=db)) as store:
        written = Generator(store, size).run()
        store.execute("ANALYZE")
    return {key: round(value, 1) if isinstance(value, float) else value for key, value in written.items()}


def degrees(settings: Settings) -> list[tuple[str, int]]:
    """Every entity named as a relation's end, with how often, most first (one pass over the store)."""
    from tracegraph.store import open_store

    with open_store(settings) as store:
        rows = store.query(
            "SELECT value, COUNT(*) AS n FROM statements WHERE value LIKE 'ent-%' GROUP BY value ORDER BY n DESC, value"
        )
    return [(str(r[0]), int(r[1])) for r in rows]


def nearest(found: list[tuple[str, int]], degree: int) -> tuple[str, int]:
    """The entity whose number of relations is closest to ``degree``."""
    return min(found, key=lambda row: (abs(row[1] - degree), row[0]))


def api_token(db: str) -> str:
    """A day-long API token of the store's admin (a store served before printed its first one already)."""
    from click.testing import CliRunner

    from tracegraph.cli import cli

    args = ["--db", db, "admin", "token", "admin", "--days", "1", "--label", "bench_web"]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    last = result.output.strip().splitlines()[-1]
    try:
        return str(json.loads(last)["token"])
    except (ValueError, KeyError, TypeError):
        return last.strip()


def network(ctx: Any, url: str, pan: bool) -> dict[str, Any]:
    tab = ctx.new_page()
    tab.goto(url)
    measured: dict[str, Any] = dict(timings(tab))
    measured["nodes"] = int(tab.evaluate("window.tracegraphCy.nodes().length"))
    measured["edges"] = int(tab.evaluate("window.tracegraphCy.edges().length"))
    if pan:
        measured["pan"] = pan_fps(tab)
    tab.close()
    return measured


def run(db: str | None, samples: int) -> dict[str, Any]:
    from click.testing import CliRunner

    from tracegraph.cli import cli

    workdir = Path(tempfile.mkdtemp(prefix="bench-web-"))
    if db is None:
        db = str(workdir / "demo.sqlite")
        CliRunner().invoke(cli, ["--db", db, "demo"], catch_exceptions=False)
    settings = Settings(db=db)
    from tracegraph.store import open_store

    with open_store(settings) as store:
        statements = int(store.stats().get("statements", 0))
    found = degrees(settings)
    hub = found[0]
    sample = random.Random(5).sample(found, min(samples, len(found)))
    results: dict[str, Any] = {
        "store": {"db": Path(db).name, "statements": statements, "entities_with_relations": len(found)},
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "hub": {"id": hub[0], "relations": hub[1]},
    }
    with serve(settings) as server, browser_context() as ctx:
        results["server"] = server.kind
        token = server.token or (api_token(db) if server.kind == "tracegraph serve" else None)
        if token:
            ctx.add_init_script(f"sessionStorage.setItem('tracegraph.token', {token!r});")
        # the first request may pay for the server's start-up work: timed, and kept apart
        tab = ctx.new_page()
        tab.goto(f"{server.url}/entity/{sample[0][0]}")
        started = time.perf_counter()
        timings(tab, timeout_ms=1_200_000)
        results["server_warm_up_s"] = round(time.perf_counter() - started, 1)
        tab.close()
        # 1. entity pages of a random sample of entities, each in a new tab (a cold page load)
        pages = []
        for entity_id, _ in sample:
            tab = ctx.new_page()
            tab.goto(f"{server.url}/entity/{entity_id}")
            pages.append(timings(tab))
            tab.close()
        results["entity_page"] = {
            "first_paint_ms": summary([f["first_paint_ms"] for f in pages]),
            "interactive_ms": summary([f["interactive_ms"] for f in pages]),
            "relations": summary([float(n) for _, n in sample]),
        }
        # 1b. the entity page of the store's best-connected entity (the worst case)
        tab = ctx.new_page()
        tab.goto(f"{server.url}/entity/{hub[0]}")
        results["entity_page_hub"] = timings(tab, timeout_ms=600_000)
        tab.close()
        # 2. the store's own neighbourhoods: the entities with about 500 and 2,000 relations, depth 1
        for size in (500, 2000):
            entity_id, degree = nearest(found, size)
            measured = network(ctx, f"{server.url}/network/{entity_id}", pan=size == 2000)
            results[f"network_store_{size}"] = {"id": entity_id, "relations": degree, **measured}
        # 3. generated neighbourhoods of 500 and 2,000 nodes (the UI alone, whatever the store holds)
        for size in (500, 2000):
            body = json.dumps(synthetic_graph(size))
            ctx.route(
                "**/api/entities/*/neighbors*",
                lambda route, _request, body=body: route.fulfill(
                    status=200, content_type="application/json", body=body
                ),
            )
            results[f"network_{size}"] = network(ctx, f"{server.url}/network/n0", pan=True)
            ctx.unroute("**/api/entities/*/neighbors*")
    return results


def render(results: dict[str, Any]) -> str:
    store = results["store"]
    lines = [
        f"store: {store['db']} ({store['statements']:,} statements), server: {results['server']}, "
        f"warm-up {results['server_warm_up_s']} s, load average at start: {results['load_average']}",
        "| page | first paint (ms) | interactive (ms) | nodes | pan fps |",
        "|---|---|---|---|---|",
    ]
    ent = results["entity_page"]
    lines.append(
        f"| entity page, {ent['interactive_ms']['n']} random entities (p50 / max) | {ent['first_paint_ms']['p50']} / "
        f"{ent['first_paint_ms']['max']} | {ent['interactive_ms']['p50']} / {ent['interactive_ms']['max']} | | |"
    )
    hub = results["entity_page_hub"]
    lines.append(
        f"| entity page of the best-connected entity ({results['hub']['relations']:,} relations) | "
        f"{hub['first_paint_ms']} | {hub['interactive_ms']} | | |"
    )
    for kind, title in (
        ("network_store_", "network of a store entity with {r:,} relations"),
        ("network_", "network, generated"),
    ):
        for size in (500, 2000):
            net = results[f"{kind}{size}"]
            fps = net["pan"]["fps"] if "pan" in net else ""
            lines.append(
                f"| {title.format(r=net.get('relations', 0))} | {net['first_paint_ms']} | {net['interactive_ms']} | "
                f"{net['nodes']:,} | {fps} |"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", help="the store to serve (default: a fresh `tracegraph demo` store)")
    parser.add_argument(
        "--generate", type=int, default=0, metavar="N", help="first write N synthetic statements into --db"
    )
    parser.add_argument("--samples", type=int, default=10, help="entity pages to load")
    args = parser.parse_args()
    if args.generate:
        if not args.db or Path(args.db).exists():
            parser.error("--generate needs --db naming a file that does not exist yet")
        print(f"generated: {generate(args.db, args.generate)}", flush=True)
        if args.samples == 0:
            return
    results = run(args.db, args.samples)
    out = REPO / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "web.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(render(results))


if __name__ == "__main__":
    main()
