"""Screening on perturbed list names: the new matcher, the previous one and nomenklatura LogicV2, one run.

Run: .venv/bin/python bench/bench_perturbed.py [--per-kind 300] [--peer-per-kind 60] [--previous REV]

The queries come from ``bench/perturb.py`` (fixed seed) over SDN + UN + CSL. Every
matcher screens against the same three lists at its own default threshold. A query
counts as found when its best result reaches the threshold and names the listed
party it was made from (its id, or a party of another list with the same name); a
result at or above the threshold that names anything else is a false alert, and
every alert on a negative is one. The previous matcher is the code at ``--previous``
(default: the commit before the matching engine), run from a ``git archive`` of
that revision in a subprocess. LogicV2 scores the new index's 20 candidates.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import orjson

from perturb import GROUPS, REPO, SEED, generate

PREVIOUS = "fe56d45"
LOGIC_V2_THRESHOLD = 0.7

#: run inside the previous revision's source tree: screen every query, print the best result
_RUNNER = """
import sys, orjson
from tracegraph.screen.build import index_from_files
from tracegraph.screen.features import Query
from tracegraph.screen.matcher import DEFAULT_THRESHOLD, Matcher
from pathlib import Path
groups = [([Path(p) for p in paths], name) for paths, name in orjson.loads(sys.argv[1])]
matcher = Matcher(index_from_files(groups))
import time
for schema in ("Person", "Company"):
    matcher.match(Query(["Warm Up Trading"], schema))
out = []
cpu = []
for line in open(sys.argv[2], "rb"):
    row = orjson.loads(line)
    t = time.process_time()
    try:
        res = matcher.match(Query([row["query"]], row["schema"]), limit=1)
    except Exception:
        res = []
    cpu.append(time.process_time() - t)
    top = res[0] if res else None
    out.append([top.score, top.entity.id, top.entity.names] if top else [0.0, "", []])
print(orjson.dumps({"threshold": DEFAULT_THRESHOLD, "results": out, "cpu": cpu}).decode())
"""


def words(name: str) -> frozenset[str]:
    from normality import normalize

    return frozenset((normalize(name) or "").split())


def right(row: dict[str, Any], entity_id: str, names: list[str]) -> bool:
    """The party the query was made from, a copy of it on another list, or a namesake (below)."""
    return entity_id == row["source_id"] or copy(row, names) or namesake(row, names)


def copy(row: dict[str, Any], names: list[str]) -> bool:
    """A name of the party holds the source's words, or the source holds all of its (two or more) words."""
    source = words(row["source_name"])
    return any(source <= words(n) or (len(words(n)) > 1 and words(n) <= source) for n in names)


def namesake(row: dict[str, Any], names: list[str]) -> bool:
    """Another listed party with the source's name once legal forms are set aside.

    The lists hold one name under several legal forms ("JOINT STOCK COMPANY RIMERA" and
    "LIMITED LIABILITY COMPANY RIMERA"; "Asian Aviation Logistics Co., Ltd." on the CSL,
    "... COMPANY LIMITED" on the SDN): a query that drops or respells the legal form cannot
    tell them apart, and either answer is one a reviewer must see.
    """
    from tracegraph.match import kind_of, name_key

    kind = kind_of(row["schema"])
    key = name_key(row["source_name"], kind)
    return bool(key) and any(name_key(n, kind) == key for n in names)


def tally(rows: list[dict[str, Any]], results: list[tuple[float, str, list[str]]], threshold: float) -> dict[str, Any]:
    """Per schema and kind: queries, found, false alerts; per schema: precision and recall."""
    cells: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for row, (score, entity_id, names) in zip(rows, results, strict=True):
        cell = cells[(row["schema"], row["kind"])]
        cell[0] += 1
        if score < threshold:
            continue
        if row["kind"] != "negative" and right(row, entity_id, names):
            cell[1] += 1
            cell[3] += entity_id != row["source_id"] and not copy(row, names)
        else:
            cell[2] += 1
    return dict(cells)


def write_errors(
    path: Path, rows: list[dict[str, Any]], results: list[tuple[float, str, list[str]]], threshold: float
) -> None:
    """Each false alert and each miss: the query, what it was made from, and the best result."""
    with path.open("wb") as fh:
        for row, (score, entity_id, names) in zip(rows, results, strict=True):
            hit = score >= threshold and row["kind"] != "negative" and right(row, entity_id, names)
            alert = score >= threshold and not hit
            if hit or (row["kind"] == "negative" and not alert):
                continue
            error = "false alert" if alert else "miss"
            fh.write(orjson.dumps({**row, "error": error, "score": score, "top": names[:1], "top_id": entity_id}))
            fh.write(b"\n")


def prf(cells: dict[tuple[str, str], list[int]], schema: str) -> tuple[float, float, int]:
    tp = sum(c[1] for (s, k), c in cells.items() if s == schema and k != "negative")
    pos = sum(c[0] for (s, k), c in cells.items() if s == schema and k != "negative")
    fp = sum(c[2] for (s, _), c in cells.items() if s == schema)
    return (tp / (tp + fp) if tp + fp else 1.0), (tp / pos if pos else 0.0), fp


def previous_matcher(
    rev: str, rows: list[dict[str, Any]]
) -> tuple[float, list[tuple[float, str, list[str]]], list[float]]:
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "prev.tar"
        subprocess.run(["git", "-C", str(REPO), "archive", "-o", str(archive), rev, "src"], check=True)
        with tarfile.open(archive) as tar:
            tar.extractall(tmp, filter="data")
        queries = Path(tmp) / "queries.jsonl"
        queries.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in rows))
        groups = orjson.dumps([[[str(p) for p in paths], name] for paths, name in GROUPS]).decode()
        code = f"import sys; sys.path.insert(0, {str(Path(tmp) / 'src')!r})\n" + _RUNNER
        done = subprocess.run(
            [sys.executable, "-c", code, groups, str(queries)], check=True, capture_output=True, text=True
        )
    data = orjson.loads(done.stdout.strip().splitlines()[-1])
    results = [(float(s), str(i), list(n)) for s, i, n in data["results"]]
    return float(data["threshold"]), results, [float(x) for x in data["cpu"]]


def logic_v2(matcher: Any, rows: list[dict[str, Any]]) -> list[tuple[float, str, list[str]]] | None:
    try:
        from nomenklatura.matching import LogicV2, ScoringConfig
    except ImportError:
        return None
    from followthemoney import model

    from tracegraph.match import kind_of, name_forms

    config = ScoringConfig.defaults()
    cache: dict[int, Any] = {}

    def entity(schema: str, entity_id: str, props: dict[str, list[str]]) -> Any:
        proxy = model.make_entity(schema if model.get(schema) else "LegalEntity")
        proxy.id = entity_id
        for prop, values in props.items():
            if prop in proxy.schema.properties:
                for v in values:
                    proxy.add(prop, v, quiet=True)
        return proxy

    out = []
    for i, row in enumerate(rows):
        query = entity(row["schema"], f"q{i}", {"name": [row["query"]]})
        forms = [f.tokens for f in name_forms(row["query"], kind_of(row["schema"]))]
        best: tuple[float, str, list[str]] = (0.0, "", [])
        for entry_id in matcher.index.candidates(forms, 20) if forms else []:
            idx = matcher.index.entries[entry_id].entity
            listed = matcher.index.entities[idx]
            if idx not in cache:
                cache[idx] = entity(listed.schema, listed.id, listed.properties)
            score = float(LogicV2.compare(query, cache[idx], config).score)
            if score > best[0]:
                best = (score, listed.id, listed.names)
        out.append(best)
    return out


def speed_row(label: str, lat: list[float]) -> list[Any]:
    ordered = sorted(lat)
    return [
        label,
        len(lat),
        f"{len(lat) / sum(lat):,.0f}",
        f"{ordered[len(lat) // 2] * 1000:.2f}",
        f"{ordered[int(len(lat) * 0.99)] * 1000:.2f}",
    ]


def table(headers: list[str], body: list[list[Any]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---:" for _ in headers) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in body]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--per-kind", type=int, default=300)
    parser.add_argument("--peer-per-kind", type=int, default=60, help="queries per kind for LogicV2 (slow)")
    parser.add_argument("--previous", default=PREVIOUS, help="git revision of the previous matcher ('' to skip)")
    parser.add_argument("--seed", type=int, default=SEED, help="another seed gives a held-out set of queries")
    parser.add_argument("--errors", type=Path, help="write every false alert and miss of ours here (JSON lines)")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})

    from tracegraph.errors import InputError
    from tracegraph.match import Query
    from tracegraph.screen.build import index_from_files
    from tracegraph.screen.matcher import DEFAULT_THRESHOLD, Matcher

    rows = generate(args.per_kind, args.seed)
    started = time.perf_counter()
    matcher = Matcher(index_from_files(GROUPS))
    build_s = time.perf_counter() - started
    for schema in ("Person", "Company"):  # imports and caches on first use are not per-query costs
        matcher.match(Query(["Warm Up Trading"], schema))
    ours: list[tuple[float, str, list[str]]] = []
    latencies: list[float] = []
    for row in rows:
        t = time.process_time()
        try:
            res = matcher.match(Query([row["query"]], row["schema"]), limit=1)
        except InputError:  # nothing left to screen ("S.A.")
            res = []
        latencies.append(time.process_time() - t)
        top = res[0] if res else None
        ours.append((top.score, top.entity.id, top.entity.names) if top else (0.0, "", []))
    if args.errors:
        write_errors(args.errors, rows, ours, DEFAULT_THRESHOLD)
    matchers: list[tuple[str, float, list[dict[str, Any]], list[tuple[float, str, list[str]]]]] = [
        (f"tracegraph match (>= {DEFAULT_THRESHOLD})", DEFAULT_THRESHOLD, rows, ours)
    ]
    if args.previous:
        threshold, prev, prev_cpu = previous_matcher(args.previous, rows)
        matchers.append((f"previous matcher {args.previous} (>= {threshold})", threshold, rows, prev))
    per: dict[tuple[str, str], int] = defaultdict(int)
    sample = []
    for row in rows:
        key = (row["schema"], row["kind"])
        if per[key] < args.peer_per_kind:
            sample.append(row)
            per[key] += 1
    v2 = logic_v2(matcher, sample)
    if v2 is not None:
        matchers.append((f"nomenklatura LogicV2 (>= {LOGIC_V2_THRESHOLD}), {args.peer_per_kind}/kind", 0.7, sample, v2))
        ours_sample = [ours[rows.index(r)] for r in sample]
        matchers.append(("tracegraph match on the LogicV2 sample", DEFAULT_THRESHOLD, sample, ours_sample))

    kinds = sorted({(r["schema"], r["kind"]) for r in rows}, key=lambda k: (k[0], k[1] == "negative", k[1]))
    out = ["# Screening on perturbed list names", "", f"Index built from SDN + UN + CSL in {build_s:.1f} s.", ""]
    summary = []
    for label, threshold, subset, results in matchers:
        cells = tally(subset, results, threshold)
        cp, cr, cfp = prf(cells, "Company")
        pp, pr, pfp = prf(cells, "Person")
        summary.append([label, f"{cp:.4f}", f"{cr:.4f}", cfp, f"{pp:.4f}", f"{pr:.4f}", pfp])
        body = []
        for key in kinds:
            n, found, alerts, namesakes = cells.get(key, [0, 0, 0, 0])
            if n:
                shown = f"{alerts}/{n} alerts" if key[1] == "negative" else f"{found / n:.3f}"
                body.append([f"{key[0]} {key[1]}", n, shown, alerts, namesakes])
        headers = ["kind", "queries", "recall", "false alerts", "of which a namesake"]
        out += [f"## {label}", "", table(headers, body), ""]
    speed = [speed_row("tracegraph match", latencies)]
    if args.previous:
        speed.append(speed_row(f"previous matcher {args.previous}", prev_cpu))
    out[4:4] = [
        "## Summary (precision and recall per schema, at each matcher's default threshold)",
        "",
        table(["matcher", "company P", "company R", "company FP", "person P", "person R", "person FP"], summary),
        "",
        "Speed: CPU time of the process per query (one core; the machine is shared, so wall time is not "
        "the matcher's), every query above:",
        "",
        table(["matcher", "queries", "queries/s", "p50 ms", "p99 ms"], speed),
        "",
    ]
    print("\n".join(out))


if __name__ == "__main__":
    main()
