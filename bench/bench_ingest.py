"""Ingest benchmark: throughput, memory and HTML-cleaning overhead on real data.

Run:  .venv/bin/python bench/bench_ingest.py [--quick] [--big-mb 200] [--out docs/bench/ingest.md]

* AG News test split (7,600 items, ../shared/data/news/ag_news_test/test.csv) written out
  as one file per item; ingest + clean + segment throughput (docs/s, MB/s) and peak RSS,
  at 1,000 and at 7,600 items (is memory flat?), against a floor that only reads,
  hashes and decodes the same files.
* The five seed pages (../shared/corpus/seeds), copied 40 times under new names.
* HTML: items and seeds wrapped in realistic page chrome; the time of our whole HTML
  path (trafilatura + Markdown lines + cleaning + segmentation) over trafilatura's own
  extraction of the same pages.
* One big text file (200 MB by default) streamed: time, MB/s, peak RSS.

Each measurement runs in a fresh child process so peak RSS is its own.
"""

from __future__ import annotations

import argparse
import csv
import json
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
AG_NEWS = SHARED / "data" / "news" / "ag_news_test" / "test.csv"
SEEDS = SHARED / "corpus" / "seeds"

CHROME_HEAD = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | Daily Harbour</title>
<meta property="og:site_name" content="Daily Harbour"><link rel="stylesheet" href="/s.css">
<script>window.dataLayer=[];function gtag(){{dataLayer.push(arguments)}}</script></head><body>
<header><a class="logo" href="/">Daily Harbour</a><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a>
</li><li><a href="/business">Business</a></li><li><a href="/tech">Tech</a></li><li><a href="/login">Sign in</a></li>
</ul></nav><form class="search"><input name="q" placeholder="Search"></form></header>
<div class="cookie">We use cookies to improve your experience. <button>Accept</button></div><main><article>
<h1>{title}</h1><p class="meta">By Staff Reporter</p>
"""
CHROME_TAIL = """</article><aside class="related"><h2>Related Articles</h2><ul>
<li><a href="/a/1">Markets close higher as oil steadies</a></li><li><a href="/a/2">Ferry fares rise again</a></li>
<li><a href="/a/3">Ten things to know before you travel</a></li></ul></aside>
<div class="newsletter">Sign up for our newsletter and get the briefing every morning.</div></main>
<footer><p>Copyright 2024 Daily Harbour. All rights reserved.</p><p>Privacy | Terms | Contact</p></footer>
</body></html>"""


def _rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / 1024 / 1024


def _ag_items() -> list[tuple[str, str]]:
    with AG_NEWS.open(encoding="utf-8", newline="") as handle:
        return [(row["title"], row["description"].replace("\\", " ")) for row in csv.DictReader(handle)]


def _html_page(title: str, paragraphs: list[str]) -> str:
    from html import escape

    body = "".join(f"<p>{escape(p)}</p>\n" for p in paragraphs if p.strip())
    return CHROME_HEAD.format(title=escape(title)) + body + CHROME_TAIL


# -- child measurements ---------------------------------------------------------
def child_ingest(folder: str, db: str, big: bool = False) -> dict[str, Any]:
    from tracegraph.ingest import ingest_paths
    from tracegraph.settings import Settings
    from tracegraph.store import open_store

    files = sorted(p for p in Path(folder).rglob("*") if p.is_file())
    size = sum(p.stat().st_size for p in files)
    settings = Settings(db=db)
    store = open_store(settings)
    start_rss = _rss_mb()
    started = time.perf_counter()
    report = ingest_paths(store, [folder], settings)
    seconds = time.perf_counter() - started
    store.close()
    return {
        "files": len(files),
        "bytes": size,
        "seconds": seconds,
        "documents": report.documents,
        "failed": report.failed,
        "peak_rss_mb": _rss_mb(),
        "rss_before_mb": start_rss,
    }


def child_floor(folder: str) -> dict[str, Any]:
    """The I/O floor: read, hash and decode every file, nothing else."""
    import hashlib

    files = sorted(p for p in Path(folder).rglob("*") if p.is_file())
    started = time.perf_counter()
    for path in files:
        data = path.read_bytes()
        hashlib.sha256(data).hexdigest()
        data.decode("utf-8", errors="replace")
    return {"seconds": time.perf_counter() - started, "files": len(files)}


def child_html(folder: str) -> dict[str, Any]:
    import logging

    import trafilatura

    from tracegraph.ingest import load_rules, segment
    from tracegraph.ingest.readers import read_html

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    pages = [p.read_bytes() for p in sorted(Path(folder).glob("*.html"))]
    rules = load_rules()
    options = {
        "output_format": "markdown",
        "include_comments": False,
        "include_tables": True,
        "include_images": False,
        "include_links": False,
        "favor_recall": True,
        "deduplicate": False,
    }
    for data in pages[:5]:  # warm both paths
        trafilatura.extract(data.decode(), **options)
        read_html(data, "warm")
    raw = ours = 0.0
    stories = leaks = 0
    for data in pages:  # interleaved, so load on a shared machine hits both alike
        started = time.perf_counter()
        trafilatura.extract(data.decode("utf-8"), **options)
        middle = time.perf_counter()
        page, _ = read_html(data, "bench")
        found, _ = segment(page.lines, rules)
        ours += time.perf_counter() - middle
        raw += middle - started
        stories += len(found)
        leaks += sum(("Related Articles" in s.text) or ("Sign up for" in s.text) for s in found)
    return {"pages": len(pages), "trafilatura_s": raw, "ours_s": ours, "stories": stories, "furniture_leaks": leaks}


def _child(mode: str, *args: str) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, *args], capture_output=True, text=True, check=True, cwd=REPO
    )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


# -- set-up ---------------------------------------------------------------------
def write_ag(folder: Path, items: list[tuple[str, str]]) -> None:
    folder.mkdir(parents=True)
    for n, (title, text) in enumerate(items):
        (folder / f"ag{n:05d}.txt").write_text(f"{title}\n\n{text}\n", encoding="utf-8")


def write_big(path: Path, items: list[tuple[str, str]], megabytes: int) -> None:
    target = megabytes * 1_000_000
    written = 0
    with path.open("w", encoding="utf-8") as handle:
        while written < target:
            for title, text in items:
                chunk = f"{title}\n\n{text}\n\n"
                handle.write(chunk)
                written += len(chunk.encode("utf-8"))
                if written >= target:
                    break


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    parser.add_argument("--big-mb", type=int, default=200)
    parser.add_argument("--out", default=str(REPO / "docs" / "bench" / "ingest.md"))
    args = parser.parse_args()
    if args.child:
        mode, *rest = args.child
        funcs = {"ingest": child_ingest, "floor": child_floor, "html": child_html}
        print(json.dumps(funcs[mode](*rest)))
        return
    if not AG_NEWS.exists():
        sys.exit(f"bench: {AG_NEWS} not found (../shared beside the checkout)")
    items = _ag_items()
    if args.quick:
        items = items[:1500]
        args.big_mb = min(args.big_mb, 10)
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="tg-bench-") as tmp_name:
        tmp = Path(tmp_name)
        write_ag(tmp / "ag1k", items[:1000])
        write_ag(tmp / "agall", items)
        results["floor"] = _child("floor", str(tmp / "agall"))
        results["ag1k"] = _child("ingest", str(tmp / "ag1k"), str(tmp / "ag1k.sqlite"))
        results["agall"] = _child("ingest", str(tmp / "agall"), str(tmp / "agall.sqlite"))
        seeds = tmp / "seeds"
        seeds.mkdir()
        for copy in range(40):
            for seed in sorted(SEEDS.glob("*.txt")):
                shutil.copy(seed, seeds / f"c{copy:02d}_{seed.name}")
        results["seeds"] = _child("ingest", str(seeds), str(tmp / "seeds.sqlite"))
        html = tmp / "html"
        html.mkdir()
        for n, (title, text) in enumerate(items[:500]):
            (html / f"ag{n:04d}.html").write_text(_html_page(title, [text]), encoding="utf-8")
        for seed in sorted(SEEDS.glob("*.txt")):
            text = seed.read_text(encoding="utf-8")
            lines = [line for line in text.splitlines() if line.strip()]
            for copy in range(10):
                page = _html_page(lines[0], lines[1:])
                (html / f"seed{copy}_{seed.stem}.html").write_text(page, encoding="utf-8")
        results["html"] = _child("html", str(html))
        big = tmp / "bigdir"
        big.mkdir()
        write_big(big / "big.txt", items, args.big_mb)
        results["big"] = _child("ingest", str(big), str(tmp / "big.sqlite"))
    report = render(results, args.big_mb)
    print(report)
    if not args.quick:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(report, encoding="utf-8")


def render(r: dict[str, Any], big_mb: int) -> str:
    def rate(m: dict[str, Any]) -> str:
        return f"{m['documents'] / m['seconds']:,.0f} docs/s, {m['bytes'] / 1e6 / m['seconds']:.2f} MB/s"

    ag, ag1k, seeds, html, big = r["agall"], r["ag1k"], r["seeds"], r["html"], r["big"]
    ratio = html["ours_s"] / html["trafilatura_s"]
    lines = [
        "# Ingest benchmark",
        "",
        f"Measured with `bench/bench_ingest.py` on {platform.machine()} / Python {platform.python_version()} "
        f"({time.strftime('%Y-%m-%d')}). Each row is a fresh child process; peak RSS is that process's.",
        "",
        "| corpus | files | MB | documents | seconds | throughput | peak RSS |",
        "| --- | ---: | ---: | ---: | ---: | --- | ---: |",
    ]
    for name, m in (
        ("AG News, first 1,000 items", ag1k),
        (f"AG News, all {ag['files']:,} items", ag),
        ("seeds x 40 (200 pages)", seeds),
        (f"one {big_mb} MB text file (streamed)", big),
    ):
        lines.append(
            f"| {name} | {m['files']:,} | {m['bytes'] / 1e6:.1f} | {m['documents']:,} | {m['seconds']:.1f} "
            f"| {rate(m)} | {m['peak_rss_mb']:.0f} MB |"
        )
    lines += [
        "",
        f"* Floor (read + hash + decode the {r['floor']['files']:,} AG News files, nothing else): "
        f"{r['floor']['seconds']:.2f} s; full ingest is {ag['seconds'] / r['floor']['seconds']:.0f}x the floor.",
        f"* Memory as the corpus grows: peak RSS {ag1k['peak_rss_mb']:.0f} MB at 1,000 items, "
        f"{ag['peak_rss_mb']:.0f} MB at {ag['files']:,} ({ag['peak_rss_mb'] / ag1k['peak_rss_mb']:.2f}x "
        f"for {ag['files'] / ag1k['files']:.1f}x the items).",
        f"* HTML: {html['pages']} pages (AG News items and seeds in page chrome: nav, cookie banner, related "
        f"links, newsletter, footer). trafilatura alone {html['trafilatura_s']:.2f} s; our whole HTML path "
        f"{html['ours_s']:.2f} s = **{ratio:.2f}x** trafilatura ({(ratio - 1) * 100:.0f}% overhead: trafilatura's "
        f"metadata pass for title, site name and markup dates, which the baseline skips, then Markdown lines, "
        f"cleaning and segmentation); {html['stories']} stories, {html['furniture_leaks']} with furniture left.",
        f"* Goal >= 200 docs/s for news-sized documents: "
        f"{'met' if ag['documents'] / ag['seconds'] >= 200 else 'NOT met'} "
        f"({ag['documents'] / ag['seconds']:,.0f} docs/s on AG News).",
        "",
        "Where the time goes: pure-Python per-line cleaning and segmentation (about 10-25 us a line); "
        "the 200 MB file has short AG News lines, so it is the slowest per byte. Numbers on a shared "
        "2-core machine vary by up to 2x with load; compare ratios taken in the same run.",
        "",
        "Rerun: `.venv/bin/python bench/bench_ingest.py` (writes this file; `--quick` for a smoke run, "
        "`--big-mb N` for the big-file size).",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
