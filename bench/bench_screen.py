"""Screening benchmark: quality, speed, load time and memory with SDN + UN + CSL loaded.

Run: .venv/bin/python bench/bench_screen.py [--peer-queries 300] [--no-store]

* Quality on yente's name-screening fixtures (UN positives clean and typo'd, US
  Congress members, US and global synthetic negatives) at the default threshold
  plus a precision-recall table; pairwise quality on nomenklatura's
  name_bench_cases.csv.
* Speed on one core (the process is pinned to one CPU): queries/s and p50/p99 in the CPU time of
  the thread (steady on a shared machine) and in wall time,
  beside a brute-force baseline (rapidfuzz token_sort_ratio against every
  listed name) and nomenklatura's LogicV2 scoring our candidates, in the same run.
* Time and memory to build the index, and time to load the lists into a SQLite store.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse
import csv
import gc
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import psutil

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
LISTS = SHARED / "sanctions"
YENTE = SHARED / "entity_resolution" / "opensanctions_yente_name_screening"
NK_CASES = SHARED / "entity_resolution" / "opensanctions_nomenklatura" / "name_bench_cases.csv"

GROUPS: list[tuple[list[Path], str]] = [
    (
        [
            LISTS / "ofac_sdn_2024-05-03/sdn.csv",
            LISTS / "ofac_sdn_addalt_2025-12/alt.csv",
            LISTS / "ofac_sdn_addalt_2025-12/add.csv",
            LISTS / "ofac_sdn_addalt_2025-12/sdn_comments.csv",
        ],
        "us_ofac_sdn",
    ),
    ([LISTS / "un_consolidated_2026-02-27/UN_consolidated.xml"], "un_sc_sanctions"),
    ([LISTS / "us_csl_2023-11/csl.csv"], "us_trade_csl"),
]
THRESHOLDS = [0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95]


def rss_mb() -> float:
    gc.collect()
    return psutil.Process().memory_info().rss / 1e6


def pct(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def read_rows(name: str) -> list[dict[str, str]]:
    with (YENTE / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def make_query(row: dict[str, str], with_context: bool = True) -> Any:
    from tracegraph.screen.features import Query

    dob = [row["date_of_birth"]] if with_context and row.get("date_of_birth") else []
    country = [row["nationality"]] if with_context and row.get("nationality") else []
    return Query([row["full_name"]], "Person", dob, country)


def table(headers: list[str], rows: list[list[Any]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---:" for _ in headers) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


#: one query's (wall seconds, CPU seconds of this thread): on a shared machine wall time waits for other jobs
Lap = tuple[float, float]


def timed(func: Callable[[Any], Any], queries: list[Any]) -> tuple[list[Any], list[Lap]]:
    out, lat = [], []
    for q in queries:
        t, c = time.perf_counter(), time.thread_time()
        out.append(func(q))
        lat.append((time.perf_counter() - t, time.thread_time() - c))
    return out, lat


def speed_row(label: str, lat: list[Lap]) -> list[Any]:
    wall, cpu = [w for w, _ in lat], [c for _, c in lat]
    return [
        label,
        len(lat),
        f"{len(cpu) / sum(cpu):,.0f}",
        f"{pct(cpu, 0.5) * 1000:.2f}",
        f"{pct(cpu, 0.99) * 1000:.2f}",
        f"{len(wall) / sum(wall):,.0f}",
        f"{pct(wall, 0.99) * 1000:.2f}",
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--peer-queries", type=int, default=300, help="queries per set for the slower peers")
    parser.add_argument("--no-store", action="store_true", help="skip timing the load into a SQLite store")
    args = parser.parse_args()
    if not LISTS.is_dir():
        sys.exit(f"no lists at {LISTS}")
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})

    from tracegraph.match import compare_names
    from tracegraph.screen.build import index_from_files
    from tracegraph.screen.matcher import DEFAULT_THRESHOLD, Matcher
    from tracegraph.screen.names import kind_of, name_variants

    out: list[str] = ["# Screening benchmark figures", ""]

    # -- load time and memory ------------------------------------------------
    before = rss_mb()
    started = time.perf_counter()
    index = index_from_files([(paths, name) for paths, name in GROUPS])
    build_s = time.perf_counter() - started
    after = rss_mb()
    matcher = Matcher(index)
    load_rows = [["index from list files (parse + normalise + index)", f"{build_s:.1f} s", f"{after - before:.0f} MB"]]
    if not args.no_store:
        from tracegraph.screen.build import matcher_from_store
        from tracegraph.screen.loader import load_list
        from tracegraph.settings import Settings
        from tracegraph.store import open_store

        with tempfile.TemporaryDirectory() as tmp:
            with open_store(Settings(db=str(Path(tmp) / "bench.sqlite"))) as store:
                started = time.perf_counter()
                records = statements = 0
                for paths, name in GROUPS:
                    report = load_list(store, paths, name)
                    records += report.records
                    statements += report.statements
                store_s = time.perf_counter() - started
                started = time.perf_counter()
                reloaded = [load_list(store, paths, name).delisted for paths, name in GROUPS]
                reload_s = time.perf_counter() - started
                started = time.perf_counter()
                from_store = matcher_from_store(store)
                from_store_s = time.perf_counter() - started
                size = (Path(tmp) / "bench.sqlite").stat().st_size / 1e6
            load_rows.append(
                [
                    f"load into SQLite store ({records:,} records, {statements:,} statements)",
                    f"{store_s:.1f} s",
                    f"{size:.0f} MB file",
                ]
            )
            load_rows.append([f"reload the same files (delisted: {sum(reloaded)})", f"{reload_s:.1f} s", ""])
            load_rows.append([f"index from the store ({len(from_store.index):,} parties)", f"{from_store_s:.1f} s", ""])
    out += [
        "## Load time and memory",
        "",
        f"{len(index):,} listed parties, {len(index.entries):,} name forms, {len(index.postings):,} distinct tokens.",
        "",
        table(["step", "time", "memory"], load_rows),
        "",
    ]

    # -- quality on yente fixtures ---------------------------------------------
    sets = {
        "UN positives, typos": ("positives_un_treated.csv", True),
        "UN positives, clean": ("positives_un_untreated.csv", True),
        "US Congress (not listed)": ("positives_us_congress_untreated.csv", False),
        "US negatives": ("negatives_us.csv", False),
        "global negatives": ("negatives_global.csv", False),
    }
    clean_names = [r["full_name"] for r in read_rows("positives_un_untreated.csv")]
    top_scores: dict[str, list[float]] = {}
    correct: dict[str, float] = {}
    latencies: list[Lap] = []
    all_queries: list[Any] = []
    for label, (file, _) in sets.items():
        rows = read_rows(file)
        queries = [make_query(r) for r in rows]
        all_queries += queries
        matcher.match(queries[0])
        results, lat = timed(lambda q: matcher.match(q, limit=3), queries)
        latencies += lat
        top_scores[label] = [r[0].score if r else 0.0 for r in results]
        if label.startswith("UN"):
            hits = 0
            for name, res in zip(clean_names, results, strict=True):
                want = set(name_variants(name, kind_of("Person")))
                if res and res[0].match and any(set(name_variants(n, "person")) & want for n in res[0].entity.names):
                    hits += 1
            correct[label] = hits / len(results)
    neg_labels = ["US negatives", "global negatives"]

    def at(threshold: float, pos: str) -> tuple[int, int, int]:
        tp = sum(s >= threshold for s in top_scores[pos])
        fn = len(top_scores[pos]) - tp
        fp = sum(s >= threshold for lab in neg_labels for s in top_scores[lab])
        return tp, fp, fn

    rows_q = []
    for pos in ("UN positives, typos", "UN positives, clean"):
        tp, fp, fn = at(DEFAULT_THRESHOLD, pos)
        p, r, f = prf(tp, fp, fn)
        rows_q.append([pos, f"{p:.4f}", f"{r:.4f}", f"{f:.4f}", f"{correct[pos]:.4f}", fp])
    alert_rate = {lab: sum(s >= DEFAULT_THRESHOLD for s in top_scores[lab]) / len(top_scores[lab]) for lab in sets}
    out += [
        "## Quality: yente name-screening fixtures",
        "",
        f"Default threshold {DEFAULT_THRESHOLD}. Queries carry the fixture's birth date and nationality. Positives: "
        "a UN query counts as found when its best result scores at or above the threshold; 'right entity' also "
        "requires that result to carry the clean name. Negatives: 2,000 synthetic people (US + global).",
        "",
        table(["positives vs negatives", "precision", "recall", "F1", "right entity", "false alerts"], rows_q),
        "",
        "Alert rate per set (share of queries with a result at or above the threshold):",
        "",
        table(
            ["set", "queries", "alert rate"], [[lab, len(top_scores[lab]), f"{alert_rate[lab]:.4f}"] for lab in sets]
        ),
        "",
        "Precision-recall by threshold (typo'd UN positives against the 2,000 negatives):",
        "",
    ]
    curve = []
    for th in THRESHOLDS:
        tp, fp, fn = at(th, "UN positives, typos")
        p, r, f = prf(tp, fp, fn)
        congress = sum(s >= th for s in top_scores["US Congress (not listed)"])
        curve.append([th, f"{p:.4f}", f"{r:.4f}", f"{f:.4f}", fp, congress])
    out += [
        table(
            ["threshold", "precision", "recall", "F1", "false alerts (of 2,000)", "Congress alerts (of 1,254)"], curve
        ),
        "",
    ]
    _plot(curve)
    bare: dict[str, list[float]] = {}
    for label in ("UN positives, typos", *neg_labels):
        found = [matcher.match(make_query(x, False), limit=1) for x in read_rows(sets[label][0])]
        bare[label] = [res[0].score if res else 0.0 for res in found]
    tp = sum(sc >= DEFAULT_THRESHOLD for sc in bare["UN positives, typos"])
    fp = sum(sc >= DEFAULT_THRESHOLD for lab in neg_labels for sc in bare[lab])
    p, r, f = prf(tp, fp, len(bare["UN positives, typos"]) - tp)
    out += [
        f"Names only (no birth date, no nationality in the query) at {DEFAULT_THRESHOLD}: precision {p:.4f}, "
        f"recall {r:.4f}, F1 {f:.4f}, {fp} false alerts of 2,000.",
        "",
    ]

    # -- nomenklatura pairwise cases --------------------------------------------
    with NK_CASES.open(encoding="utf-8") as fh:
        cases = [r for r in csv.DictReader(fh) if r["is_match"] in ("true", "false")]

    def ours(case: dict[str, str]) -> float:
        return compare_names(case["name1"], case["name2"], case["schema"] or "LegalEntity").score

    peers = _nk_peers()
    pair_rows = []
    scorers: list[tuple[str, Callable[[dict[str, str]], float], float]] = [("tracegraph", ours, DEFAULT_THRESHOLD)]
    scorers += [(name, _nk_pair(algo), th) for name, algo, th in peers]
    for label, scorer, threshold in scorers:
        scorer(cases[0])
        t = time.perf_counter()
        scores = [scorer(c) for c in cases]
        elapsed = time.perf_counter() - t
        truth = [c["is_match"] == "true" for c in cases]
        tp = sum(s >= threshold and y for s, y in zip(scores, truth, strict=True))
        fp = sum(s >= threshold and not y for s, y in zip(scores, truth, strict=True))
        fn = sum(s < threshold and y for s, y in zip(scores, truth, strict=True))
        p, r, f = prf(tp, fp, fn)
        best_f, best_t = 0.0, 0.0
        for cut in [x / 100 for x in range(50, 100, 5)]:
            tp_c = sum(s >= cut and y for s, y in zip(scores, truth, strict=True))
            fp_c = sum(s >= cut and not y for s, y in zip(scores, truth, strict=True))
            f_c = prf(tp_c, fp_c, sum(truth) - tp_c)[2]
            if f_c > best_f:
                best_f, best_t = f_c, cut
        pair_rows.append(
            [
                label,
                threshold,
                f"{p:.3f}",
                f"{r:.3f}",
                f"{f:.3f}",
                f"{best_f:.3f} at {best_t}",
                f"{len(cases) / elapsed:,.0f}",
            ]
        )
    out += [
        "## Quality: nomenklatura name_bench_cases.csv (pairwise)",
        "",
        f"{len(cases)} labelled name pairs (persons, companies, organisations, vessels), names only.",
        "",
        table(["matcher", "threshold", "precision", "recall", "F1", "best F1 (threshold)", "pairs/s"], pair_rows),
        "",
    ]

    # -- speed -------------------------------------------------------------------
    speed = [speed_row("tracegraph (index + features), all fixture queries", latencies)]
    per_set = max(1, args.peer_queries // len(sets))
    sample: list[tuple[str, Any]] = []
    start = 0
    for label, values in top_scores.items():
        chunk = all_queries[start : start + len(values)]
        step = max(1, len(chunk) // per_set)
        sample += [(label, q) for q in chunk[::step][:per_set]]
        start += len(values)
    queries = [q for _, q in sample]
    ours_results, lat = timed(lambda q: matcher.match(q, limit=3), queries)
    speed.append(speed_row("tracegraph, same sample as the peers", lat))
    sample_scores: dict[str, tuple[float, list[float]]] = {
        f"tracegraph (>= {DEFAULT_THRESHOLD})": (DEFAULT_THRESHOLD, [r[0].score if r else 0.0 for r in ours_results])
    }
    brute_scores, brute_lat = _brute_force(index, queries)
    speed.append(speed_row("brute force: rapidfuzz token_sort_ratio vs every name", brute_lat))
    sample_scores["brute force token_sort_ratio (>= 0.85)"] = (0.85, brute_scores)
    for name, algo, threshold in peers:
        scores, lat = timed(_nk_query(matcher, algo), queries)
        speed.append(speed_row(f"nomenklatura {name} scoring our 20 candidates", lat))
        sample_scores[f"nomenklatura {name} (>= {threshold})"] = (threshold, scores)
    ours_qps = len(latencies) / sum(c for _, c in latencies)
    brute_qps = len(brute_lat) / sum(c for _, c in brute_lat)
    out += [
        "## Speed (one core)",
        "",
        f"Process pinned to one CPU. The peers run on a sample of {len(sample)} queries, {per_set} from each set.",
        "",
        table(
            [
                "matcher",
                "queries",
                "queries/s (CPU)",
                "p50 ms (CPU)",
                "p99 ms (CPU)",
                "queries/s (wall)",
                "p99 ms (wall)",
            ],
            speed,
        ),
        "",
        f"tracegraph is {ours_qps / brute_qps:,.0f}x the brute-force baseline's throughput (CPU time).",
        "",
        "Alert rate of each matcher on that sample (at its own threshold):",
        "",
    ]
    labels = list(top_scores)
    rows_s = []
    for name, (threshold, scores) in sample_scores.items():
        cells = []
        for lab in labels:
            vals = [sc >= threshold for (set_label, _), sc in zip(sample, scores, strict=True) if set_label == lab]
            cells.append(f"{sum(vals)}/{len(vals)}")
        rows_s.append([name, *cells])
    out += [table(["matcher", *labels], rows_s), ""]
    print("\n".join(out))


def _brute_force(index: Any, sample: list[Any]) -> tuple[list[float], list[Lap]]:
    from rapidfuzz import fuzz, process

    from tracegraph.screen.names import name_variants

    choices = [" ".join(e.tokens) for e in index.entries]
    scores: list[float] = []
    lat: list[Lap] = []
    for q in sample:
        t, c = time.perf_counter(), time.thread_time()
        variants = name_variants(q.names[0], "person")
        text = " ".join(variants[0]) if variants else ""
        best = process.extractOne(text, choices, scorer=fuzz.token_sort_ratio) if text else None
        lat.append((time.perf_counter() - t, time.thread_time() - c))
        scores.append(best[1] / 100 if best else 0.0)
    return scores, lat


def _nk_peers() -> list[tuple[str, Any, float]]:
    try:
        from nomenklatura.matching import LogicV1, LogicV2
    except ImportError:
        return []
    return [("LogicV2", LogicV2, 0.7), ("LogicV1", LogicV1, 0.7)]


def _entity(schema: str, entity_id: str, props: dict[str, list[str]]) -> Any:
    from followthemoney import model

    proxy = model.make_entity(schema if model.get(schema) else "LegalEntity")
    proxy.id = entity_id
    for prop, values in props.items():
        if prop in proxy.schema.properties:
            for v in values:
                proxy.add(prop, v, quiet=True)
    return proxy


def _nk_pair(algo: Any) -> Callable[[dict[str, str]], float]:
    from nomenklatura.matching import ScoringConfig

    config = ScoringConfig.defaults()

    def score(case: dict[str, str]) -> float:
        a = _entity(case["schema"], f"a{id(case)}", {"name": [case["name1"]]})
        b = _entity(case["schema"], f"b{id(case)}", {"name": [case["name2"]]})
        return float(algo.compare(a, b, config).score)

    return score


def _nk_query(matcher: Any, algo: Any) -> Callable[[Any], float]:
    from nomenklatura.matching import ScoringConfig

    from tracegraph.screen.names import kind_of, name_variants

    config = ScoringConfig.defaults()
    cache: dict[int, Any] = {}

    def run(q: Any) -> float:
        variants = list(name_variants(q.names[0], kind_of(q.schema)))
        query = _entity(
            q.schema, f"q{id(q)}", {"name": q.names, "birthDate": q.birth_dates, "nationality": q.countries}
        )
        best = 0.0
        for entry_id in matcher.index.candidates(variants, 20):
            idx = matcher.index.entries[entry_id].entity
            if idx not in cache:
                listed = matcher.index.entities[idx]
                cache[idx] = _entity(listed.schema, listed.id, listed.properties)
            best = max(best, float(algo.compare(query, cache[idx], config).score))
        return best

    return run


def _plot(curve: list[list[Any]]) -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.plot([float(r[2]) for r in curve], [float(r[1]) for r in curve], marker="o")
    ax.set_xlabel("recall (typo'd UN positives)")
    ax.set_ylabel("precision")
    fig.tight_layout()
    fig.savefig(REPO / "docs" / "bench" / "screening_pr.png", dpi=100)


if __name__ == "__main__":
    main()
