"""`tracegraph link` (Splink with tracegraph's name keys) against Splink with its documented settings, same run.

Run: .venv/bin/python bench/bench_link.py quality [--per-kind 100]
     .venv/bin/python bench/bench_link.py scale --n 100000 --engine duckdb [--timeout 900]

quality: precision / recall / F1 at the default threshold (0.9) and at 0.5 on
* planted duplicates: perturbed SDN / UN / CSL names (bench/perturb.py, fixed seed) linked to the lists,
  best pair per query (hard company negatives and yente's synthetic people as negatives);
* nomenklatura's name_bench pairs and the four ER-Magellan test splits (DBLP-ACM, Amazon-Google, Abt-Buy,
  Fodors-Zagats): both sides of the labelled pairs linked, each labelled pair scored;
Splink's own benchmark data sets (splink.datasets) are downloaded at first use, not bundled, so none is used.

scale: deduplication of N synthetic parties (10 % planted duplicates with typos, legal forms changed, order
changed), wall time, CPU time and peak memory (this process plus a Spark JVM), in a child process with a time limit.
Figures come from a shared 2-core machine; run niced.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))
ER = REPO.parent / "shared" / "data" / "entity_resolution"
THRESHOLDS = (0.9, 0.5)
#: key a Magellan record by its title alone, as the bench did until 2026-12-06 (``--title-keys``): two rows of one
#: title ("guest editorial" by two editors) were one record, labelled both a match and not
TITLE_KEYS = False


# -- Splink with its documented settings (the peer) ----------------------------------------------------
def splink_documented(
    left: list[dict[str, Any]], right: list[dict[str, Any]], one_to_one: bool = False
) -> dict[tuple[str, str], float]:
    """Splink as its docs set it up for one name column: cleaned (lower-case, trimmed) name, NameComparison with
    term-frequency adjustment, exact country; blocking on the name and its first four letters; prior from exact
    names (recall 0.7), u by random sampling, m by EM blocked on country where there is one. Where the files have
    an identifier column that ours reads (a phone number), it gets it too: exact match, blocking on it, EM blocked on
    the name; and the same with the people (authors) and year columns that ours reads: Jaro-Winkler bands on the
    cleaned authors, exact year."""
    import pyarrow as pa
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    from tracegraph.link.records import identifier_key

    def table(rows: list[dict[str, Any]]) -> Any:
        return pa.Table.from_pylist(
            [
                {
                    "unique_id": r["unique_id"],
                    "name": " ".join(r["raw"].lower().split()),
                    "country": r.get("country"),
                    # the identifier cleaned as ours is (letters and digits): "213/857 -0034" and "213-857-0034" agree
                    "identifier": next((k for v in r.get("identifiers") or [] if (k := identifier_key(v))), None),
                    "people": " ".join(r["people"].lower().split()) if r.get("people") else None,
                    "year": r.get("year"),
                }
                for r in rows
            ],
            schema=pa.schema(
                [(c, pa.string()) for c in ("unique_id", "name", "country", "identifier", "people", "year")]
            ),
        )

    # where the files have an identifier (a phone, a registration number), Splink's documented way with such a
    # column: an exact-match comparison and a blocking rule on it, its m trained by EM blocked on the name
    has_id = any(r.get("identifiers") for r in [*left, *right])
    # the same for a publication's authors and year: the documented string comparison (Jaro-Winkler bands) on the
    # cleaned authors, an exact year, both trained by EM blocked on the name
    has_people = any(r.get("people") for r in [*left, *right])

    db = DuckDBAPI()
    sides = [
        db.register(table(left), dataset_display_name="tg_a"),
        db.register(table(right), dataset_display_name="tg_b"),
    ]
    settings = SettingsCreator(
        link_type="link_only",
        comparisons=[
            cl.NameComparison("name").configure(term_frequency_adjustments=True),
            cl.ExactMatch("country"),
            *([cl.ExactMatch("identifier")] if has_id else []),
            *([cl.JaroWinklerAtThresholds("people"), cl.ExactMatch("year")] if has_people else []),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("name"),
            block_on("substr(name, 1, 4)"),
            *([block_on("identifier")] if has_id else []),
        ],
        retain_intermediate_calculation_columns=False,
    )
    linker = Linker(sides, settings, log_level=None)
    for step in (
        lambda: linker.training.estimate_probability_two_random_records_match([block_on("name")], recall=0.7),
        lambda: linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=1),
        lambda: linker.training.estimate_parameters_using_expectation_maximisation(block_on("country")),
        *(
            [lambda: linker.training.estimate_parameters_using_expectation_maximisation(block_on("name"))]
            if has_id or has_people
            else []
        ),
    ):
        try:
            step()
        except Exception as exc:  # a data set without countries: EM has nothing to block on
            print(f"  (Splink documented: a training step skipped: {str(exc).splitlines()[0][:100]})", file=sys.stderr)
    predictions = linker.inference.predict(threshold_match_probability=0.01)
    found = predictions.as_record_list()
    if one_to_one:  # Splink's own single best links: each record one partner at most, the best for both
        single = linker.clustering.cluster_using_single_best_links(
            predictions, duplicate_free_datasets=["tg_a", "tg_b"], threshold_match_probability=0.01
        ).as_record_list()
        groups: dict[str, set[str]] = {}
        for row in single:
            groups.setdefault(str(row["cluster_id"]), set()).add(row["unique_id"])
        together = {uid: group for group in groups.values() for uid in group}
        found = [r for r in found if r["unique_id_r"] in together.get(r["unique_id_l"], set())]
    lefts = {r["unique_id"] for r in left}
    return {
        (a, b) if a in lefts else (b, a): float(r["match_probability"])
        for r in found
        for a, b in [(r["unique_id_l"], r["unique_id_r"])]
    }


def ours(
    left: list[dict[str, Any]], right: list[dict[str, Any]], kind: str = "party", one_to_one: bool = False
) -> dict[tuple[str, str], float]:
    from tracegraph.link import Party, link_rows, party_rows

    if kind == "text" or one_to_one:
        try:
            from tracegraph.link import TextRecord, text_rows
        except ImportError:  # the previous code, run from a `git archive`: names only, no one-to-one
            kind, one_to_one = "party", False
    if kind == "text":

        def records(rows: list[dict[str, Any]]) -> list[Any]:
            extra = ("people", "year") if "people" in TextRecord.__dataclass_fields__ else ()
            return [
                TextRecord(r["unique_id"], r["raw"], r.get("brand"), r.get("price"), *(r.get(k) for k in extra))
                for r in rows
            ]

        lrows, rrows = text_rows(records(left), "a"), text_rows(records(right), "b")
        found = link_rows(lrows, rrows, review=0.01, one_to_one=one_to_one)
        return {(p.left, p.right): p.probability for p in found.pairs}

    def parties(rows: list[dict[str, Any]]) -> list[Any]:
        return [
            Party(
                r["unique_id"],
                [r["raw"]],
                r.get("schema"),
                [r["country"]] if r.get("country") else [],
                [r["birth_date"]] if r.get("birth_date") else [],
                r.get("identifiers") or [],
            )
            for r in rows
        ]

    lrows, rrows = party_rows(parties(left), "a"), party_rows(parties(right), "b")
    result = link_rows(lrows, rrows, review=0.01, **({"one_to_one": True} if one_to_one else {}))
    return {(p.left, p.right): p.probability for p in result.pairs}


# -- data sets ------------------------------------------------------------------------------------------
def name_bench() -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[tuple[str, str, bool]]]:
    import csv

    left, right, labels = [], [], []
    with (ER / "opensanctions_nomenklatura" / "name_bench_cases.csv").open(encoding="utf-8") as fh:
        for i, row in enumerate(csv.DictReader(fh)):
            schema = row["schema"] if row["schema"] in ("Person", "Company", "Organization", "LegalEntity") else None
            left.append({"unique_id": f"l{i}", "raw": row["name1"], "schema": schema})
            right.append({"unique_id": f"r{i}", "raw": row["name2"], "schema": schema})
            labels.append((f"l{i}", f"r{i}", row["is_match"].strip().lower() == "true"))
    return left, right, labels


def _ditto(text: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    for part in text.split("COL ")[1:]:
        key, _, value = part.partition(" VAL ")
        fields[key.strip()] = value.strip()
    return fields


def _record(uid: str, key: str, fields: dict[str, str]) -> dict[str, Any]:
    """A record of a Magellan file as `tracegraph link` reads a CSV with these headers (``table.map_columns``): the
    key text, and the columns its header aliases map (a manufacturer and price, a phone as an identifier...)."""
    from tracegraph.link.table import map_columns
    from tracegraph.vocab import is_a

    mapped = map_columns(list(fields))

    def first(key: str) -> str | None:
        return next((fields[h] for h in mapped.get(key, []) if fields[h].strip()), None)

    schema = first("schema")
    return {
        "unique_id": uid,
        "raw": key,
        "brand": first("brand"),
        "price": first("price"),
        "people": first("people"),
        "year": first("year"),
        "country": first("country"),
        "birth_date": first("birth_date"),
        "identifiers": [fields[h] for h in mapped.get("identifier", []) if fields[h].strip()],
        "schema": schema if schema and is_a(schema, "LegalEntity") else None,
    }


def magellan(name: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[tuple[str, str, bool]]]:
    left: dict[str, dict[str, Any]] = {}
    right: dict[str, dict[str, Any]] = {}
    labels = []
    with (ER / "deepmatcher_er_magellan_via_ditto" / name / "test.txt").open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 3:
                continue
            a, b = _ditto(parts[0]), _ditto(parts[1])
            ta, tb = (a.get("title") or a.get("name") or ""), (b.get("title") or b.get("name") or "")
            if not ta.strip() or not tb.strip():
                continue
            # a record is the whole row (two papers called "guest editorial" are two records); TITLE_KEYS: the title
            ka, kb = (ta, tb) if TITLE_KEYS else (parts[0], parts[1])
            ida = left.setdefault(ka, _record(f"a{len(left)}", ta, a))["unique_id"]
            idb = right.setdefault(kb, _record(f"b{len(right)}", tb, b))["unique_id"]
            labels.append((ida, idb, parts[2].strip() == "1"))
    return list(left.values()), list(right.values()), labels


def perturbed(per_kind: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[tuple[str, str, bool]], int]:
    import perturb

    queries = perturb.generate(per_kind=per_kind)
    listed = [{"unique_id": pid, "raw": names[0], "schema": schema} for pid, schema, names in perturb.listed_parties()]
    left = [{"unique_id": f"q{i}", "raw": q["query"], "schema": q["schema"]} for i, q in enumerate(queries)]
    # the same party is often on several lists (SDN and UN): a pair to any entry with the source's exact name counts
    same_name: dict[str, set[str]] = {}
    for r in listed:
        same_name.setdefault(r["raw"].strip().lower(), set()).add(r["unique_id"])
    truth = [
        (f"q{i}", "|".join(sorted({q["source_id"], *same_name.get(q["source_name"].strip().lower(), set())})), True)
        for i, q in enumerate(queries)
        if q["source_id"]
    ]
    return left, listed, truth, len(queries)


def score_labelled(
    found: dict[tuple[str, str], float], labels: list[tuple[str, str, bool]], t: float
) -> dict[str, float]:
    tp = sum(1 for a, b, y in labels if y and found.get((a, b), 0.0) >= t)
    fp = sum(1 for a, b, y in labels if not y and found.get((a, b), 0.0) >= t)
    pos = sum(1 for *_, y in labels if y)
    return _prf(tp, fp, pos)


def score_best(found: dict[tuple[str, str], float], truth: list[tuple[str, str, bool]], t: float) -> dict[str, float]:
    best: dict[str, tuple[str, float]] = {}
    for (a, b), p in found.items():
        if p >= t and (a not in best or p > best[a][1]):
            best[a] = (b, p)
    wanted = {a: set(b.split("|")) for a, b, _ in truth}
    tp = sum(1 for a, (b, _) in best.items() if b in wanted.get(a, set()))
    return _prf(tp, len(best) - tp, len(wanted))


def _prf(tp: int, fp: int, pos: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / pos if pos else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"P": round(p, 3), "R": round(r, 3), "F1": round(f, 3)}


def _print_misses(
    found: dict[tuple[str, str], float], labels: list[tuple[str, str, bool]], raw: dict[str, str]
) -> None:
    """Each labelled pair on the wrong side of 0.5: its score and the two records' keys."""
    for a, b, y in labels:
        p = found.get((a, b), 0.0)
        if (p >= 0.5) != y:
            print(f"  {'missed' if y else 'false '} {p:.2f} | {raw[a][:90]} || {raw[b][:90]}", flush=True)


def has_text_api() -> bool:
    """Whether this code has text records and one-to-one links (the previous code, from a `git archive`, has not)."""
    try:
        from tracegraph.link import TextRecord  # noqa: F401
    except ImportError:
        return False
    return True


def quality(per_kind: int, only: list[str] | None = None, misses: bool = False) -> None:
    sets: list[tuple[str, Any]] = [("nomenklatura name_bench", name_bench)]
    sets += [
        (f"Magellan {n} (test)", lambda n=n: magellan(n))
        for n in ("DBLP-ACM", "Amazon-Google", "Abt-Buy", "Fodors-Zagats")
    ]
    rows = []
    for label, make in [("perturbed list names (planted duplicates)", lambda: perturbed(per_kind)), *sets]:
        if only and not any(w.lower() in label.lower() for w in only):
            continue
        data = make()
        left, right, labels = data[0], data[1], data[2]
        best = label.startswith("perturbed")
        # what `tracegraph link --kind auto` reads: text where the files have a price or manufacturer column
        kind = "text" if any(r.get("brand") or r.get("price") or r.get("people") for r in [*left, *right]) else "party"
        linkers: list[tuple[str, Any]] = [(f"tracegraph link ({kind})", lambda a, b, k=kind: ours(a, b, k))]
        catalogue = label.startswith("Magellan")  # two files each free of duplicates
        if catalogue and has_text_api():
            linkers.append((f"tracegraph link ({kind}) --one-to-one", lambda a, b, k=kind: ours(a, b, k, True)))
        linkers.append(("Splink documented", splink_documented))
        if catalogue:
            linkers.append(("Splink documented + single best links", lambda a, b: splink_documented(a, b, True)))
        for who, run in linkers:
            started = time.perf_counter()
            found = run(left, right)
            seconds = time.perf_counter() - started
            scores = {t: (score_best if best else score_labelled)(found, labels, t) for t in THRESHOLDS}
            rows.append(
                {"set": label, "who": who, "seconds": round(seconds, 1), **{str(t): s for t, s in scores.items()}}
            )
            print(json.dumps(rows[-1]), flush=True)
            if misses and not best:
                _print_misses(found, labels, {r["unique_id"]: r["raw"] for r in [*left, *right]})
    print("\n| data set | linker | P / R / F1 at 0.9 | P / R / F1 at 0.5 | seconds |\n|---|---|---|---|---|")
    for r in rows:
        cells = [f"{r[str(t)]['P']:.3f} / {r[str(t)]['R']:.3f} / **{r[str(t)]['F1']:.3f}**" for t in THRESHOLDS]
        print(f"| {r['set']} | {r['who']} | {cells[0]} | {cells[1]} | {r['seconds']} |")


# -- scale -------------------------------------------------------------------------------------------------
SYL = [
    "ka",
    "ri",
    "to",
    "mu",
    "se",
    "la",
    "vo",
    "ne",
    "di",
    "pa",
    "zo",
    "ru",
    "bi",
    "te",
    "ga",
    "lo",
    "fe",
    "ni",
    "su",
    "ha",
    "me",
    "ko",
    "ya",
    "du",
    "wi",
]
TRADES = ["Trading", "Chemical", "Shipping", "Logistics", "Metals", "Pharma", "Textiles", "Foods", "Energy", "Mining"]
FORMS = ["LLC", "Co., Ltd.", "JSC", "GmbH", "Limited", "OOO"]
GIVEN = [
    "Anna",
    "Boris",
    "Chen",
    "Dmitri",
    "Elena",
    "Farid",
    "Greta",
    "Hassan",
    "Ines",
    "Jonas",
    "Kira",
    "Liu",
    "Omar",
    "Pavel",
    "Rosa",
    "Sergei",
    "Tariq",
    "Uma",
    "Viktor",
    "Wei",
    "Yusuf",
    "Zara",
]
COUNTRIES = ["CN", "RU", "AE", "DE", "IN", "TR", "IR", "KP", "SY", "VE", "GB", "US"]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYL) for _ in range(rng.randint(2, 4))).capitalize()


def _typo(rng: random.Random, text: str) -> str:
    i = rng.randrange(0, len(text))
    return text[:i] + rng.choice("aeiouknrst") + text[i + 1 :]


def synthetic(n: int, seed: int = 5) -> tuple[list[dict[str, Any]], set[tuple[str, str]]]:
    from tracegraph.link import Party

    rng = random.Random(seed)
    parties: list[Any] = []
    truth: set[tuple[str, str]] = set()
    originals = int(n / 1.1)
    for i in range(originals):
        country = rng.choice(COUNTRIES)
        if rng.random() < 0.5:
            dob = f"19{rng.randint(40, 99)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            parties.append(
                Party(f"p{i}", [f"{rng.choice(GIVEN)} {_word(rng)} {_word(rng)}"], "Person", [country], [dob])
            )
        else:
            parties.append(
                Party(
                    f"p{i}",
                    [f"{_word(rng)} {_word(rng)} {rng.choice(TRADES)} {rng.choice(FORMS)}"],
                    "Company",
                    [country],
                )
            )
    for j in range(n - originals):
        src = parties[rng.randrange(originals)]
        words = src.names[0].split()
        kind = rng.random()
        if kind < 0.4:
            k = rng.randrange(len(words) - (1 if src.schema == "Company" else 0))
            words[k] = _typo(rng, words[k])
        elif kind < 0.7:
            words = words[1:] + words[:1] if src.schema == "Person" else [rng.choice(FORMS), *words[:-1]]
        else:
            words = words[:-1] if src.schema == "Company" else [w.upper() for w in words]
        parties.append(Party(f"d{j}", [" ".join(words)], src.schema, src.countries, src.birth_dates))
        truth.add((src.record_id, f"d{j}"))
    return parties, truth


def _watch_memory(stop: threading.Event, peak: list[int], child_cpu: dict[int, float] | None = None) -> None:
    """Peak RSS of this process and its children (a Spark JVM) together; the CPU seconds each child used, last seen."""
    import psutil

    me = psutil.Process()
    while not stop.is_set():
        try:
            children = me.children(recursive=True)
            total = me.memory_info().rss + sum(c.memory_info().rss for c in children)
            peak[0] = max(peak[0], total)
            if child_cpu is not None:
                for c in children:
                    times = c.cpu_times()
                    child_cpu[c.pid] = times.user + times.system
        except psutil.Error:
            pass
        stop.wait(0.5)


def scale_child(n: int, engine: str) -> None:
    from tracegraph.link import link_rows, party_rows

    peak = [0]
    child_cpu: dict[int, float] = {}
    stop = threading.Event()
    threading.Thread(target=_watch_memory, args=(stop, peak, child_cpu), daemon=True).start()
    started, cpu0 = time.perf_counter(), time.process_time()
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    logging.getLogger("tracegraph.link.run").setLevel(logging.INFO)  # each step's seconds, on stderr as it ends
    parties, truth = synthetic(n)
    rows = party_rows(parties, "f")
    derived = time.perf_counter() - started
    print(f"derived {len(rows):,} rows in {derived:.1f} s (CPU {time.process_time() - cpu0:.1f} s)", file=sys.stderr)
    result = link_rows(rows, None, engine=engine, threshold=0.9, review=0.9)
    wall = time.perf_counter() - started
    stop.set()
    found = {tuple(sorted((p.left, p.right))) for p in result.pairs}
    # two planted copies of one party are a true pair as well (at 1M records some 4,500 of them)
    copies: dict[str, list[str]] = {}
    for original, copy in truth:
        copies.setdefault(original, []).append(copy)
    wanted = {tuple(sorted(t)) for t in truth}
    wanted |= {tuple(sorted((a, b))) for group in copies.values() for i, a in enumerate(group) for b in group[i + 1 :]}
    tp = len(found & wanted)
    out = {
        "n": n,
        "engine": engine,
        "wall_s": round(wall, 1),
        "derive_s": round(derived, 1),
        "cpu_s_python": round(time.process_time() - cpu0, 1),
        # a Spark JVM's CPU (sampled every 0.5 s until the session stops; DuckDB's threads are in the process's)
        "cpu_s_children": round(sum(child_cpu.values()), 1),
        "peak_rss_mb": round(peak[0] / 2**20),
        "pairs": len(found),
        "true_pairs": len(wanted),
        **_prf(tp, len(found) - tp, len(wanted)),
        "training": result.training,
        "timings": {k: round(v, 1) for k, v in result.timings.items()},
        "load_average": [round(x, 1) for x in os.getloadavg()],
    }
    print("RESULT " + json.dumps(out), flush=True)


def scale(n: int, engine: str, timeout: int) -> None:
    cmd = [sys.executable, __file__, "scale-child", "--n", str(n), "--engine", engine]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env={**os.environ})
    except subprocess.TimeoutExpired as stopped:
        err = stopped.stderr.decode(errors="replace") if isinstance(stopped.stderr, bytes) else stopped.stderr or ""
        steps = [ln for ln in err.splitlines() if "link:" in ln or "derived" in ln]
        print(json.dumps({"n": n, "engine": engine, "result": f"stopped at the {timeout} s limit", "steps": steps}))
        return
    lines = [ln for ln in done.stdout.splitlines() if ln.startswith("RESULT ")]
    if lines:
        print(lines[-1][7:])
    else:
        print(json.dumps({"n": n, "engine": engine, "result": "failed", "stderr": done.stderr[-800:]}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["quality", "scale", "scale-child"])
    parser.add_argument("--per-kind", type=int, default=100)
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--engine", default="duckdb")
    parser.add_argument("--timeout", type=int, default=900)
    parser.add_argument("--sets", default="", help="quality: only the sets whose label has one of these words (a,b)")
    parser.add_argument("--misses", action="store_true", help="quality: print each labelled pair scored wrong at 0.5")
    parser.add_argument("--title-keys", action="store_true", help="quality: a Magellan record is its title alone")
    args = parser.parse_args()
    if args.what == "quality":
        global TITLE_KEYS
        TITLE_KEYS = args.title_keys
        quality(args.per_kind, [w for w in args.sets.split(",") if w], args.misses)
    elif args.what == "scale":
        scale(args.n, args.engine, args.timeout)
    else:
        scale_child(args.n, args.engine)


if __name__ == "__main__":
    main()
