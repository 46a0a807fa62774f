"""Benchmark resolution on the matching engine against the previous dict-based resolver, in one run.

Labelled sets from ../shared/data/entity_resolution:

1. nomenklatura's name pairs (``name_bench_cases.csv``, person and organisation pairs): does
   the rule merge the pair? The engine's verdict (score >= 0.95 and no feature against)
   against the previous resolver's name-key rule.
2. nomenklatura's entity checks (``entity_bench_checks.yml``: names, birth dates, countries,
   identifiers): the engine's verdict on the whole records against the previous rules on
   the same pair (same name key or shared strong identifier, no country or birth-date clash).
3. ER-Magellan test splits (Fodors-Zagats, DBLP-ACM, Amazon-Google, Abt-Buy): both tables'
   records loaded into a store as entities, the whole resolver run (blocking included) in its
   own process; a labelled pair is predicted a match when its two records end in one cluster.
4. Planted duplicates: OpenSanctions FtM entities (yente fixtures) plus a second copy in which
   one entity in 10 keeps its identity under a perturbed name (case, legal form swapped, word
   order, one letter off, no identifiers for half of them) and every other entity gets a new
   name; found = the two copies end in one cluster, wrong = a cluster joining entities that
   are neither the same record nor a planted copy.

The previous resolver is the code of ``resolve/`` at commit :data:`BASELINE`, read from git
(``git show``) into a temporary package, so the repository holds one normaliser only.
Wall time and peak RSS are measured per resolver in a child process of its own.

Run: .venv/bin/python bench/bench_resolve.py [--sets names,entities,magellan,planted]
(writes its report to docs/bench/resolution.md as well)
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
ER = SHARED / "entity_resolution"
PAIRS = ER / "opensanctions_nomenklatura" / "name_bench_cases.csv"
CHECKS = ER / "opensanctions_nomenklatura" / "entity_bench_checks.yml"
MAGELLAN = ER / "deepmatcher_er_magellan_via_ditto"
FTM = [
    SHARED / "opensanctions_ftm" / "yente" / f
    for f in ("t1__entities.ftm.json", "zala__entities.ftm.json", "parteispenden__entities.ftm.json")
]
#: the commit whose resolve/ is "the previous resolver" (the last one with resolve/names.py)
BASELINE = "1848a48b9cf4c92d938e849147d68a52140fdb4f"
PREVIOUS = "tg_prev_resolve"
RESOLVE_SCHEMATA = ("Person", "Company", "Organization", "LegalEntity", "PublicBody")
#: what each Magellan set's records are, and which attribute is their name
MAGELLAN_SETS = {
    "Fodors-Zagats": ("Company", "name"),
    "DBLP-ACM": ("LegalEntity", "title"),
    "Amazon-Google": ("LegalEntity", "title"),
    "Abt-Buy": ("LegalEntity", "name"),
}


# -- the previous resolver, from git ------------------------------------------
def load_previous(folder: Path) -> ModuleType:
    """The previous ``resolve`` package (names, metonyms, auto at :data:`BASELINE`) as ``tg_prev_resolve``."""
    package = folder / PREVIOUS
    (package / "data").mkdir(parents=True, exist_ok=True)
    (package / "__init__.py").write_text("")
    for name in ("names.py", "metonyms.py", "auto.py", "data/names.yaml", "data/metonyms.yaml"):
        text = subprocess.run(
            ["git", "-C", str(ROOT), "show", f"{BASELINE}:src/tracegraph/resolve/{name}"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        text = text.replace("tracegraph.resolve.names", f"{PREVIOUS}.names")
        text = text.replace("from tracegraph.resolve import metonyms", f"from {PREVIOUS} import metonyms")
        text = text.replace('load_yaml("tracegraph.resolve", "data"', f'load_yaml("{PREVIOUS}", "data"')
        text = text.replace('@register("resolver", "resolve.names.v1")', "")
        (package / name).write_text(text)
    sys.path.insert(0, str(folder))
    import importlib

    importlib.import_module(f"{PREVIOUS}.names")
    return importlib.import_module(f"{PREVIOUS}.auto")


# -- scoring ------------------------------------------------------------------
def prf(preds: list[bool], gold: list[bool]) -> tuple[float, float, float]:
    tp = sum(p and g for p, g in zip(preds, gold, strict=True))
    fp = sum(p and not g for p, g in zip(preds, gold, strict=True))
    fn = sum(g and not p for p, g in zip(preds, gold, strict=True))
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-9)
    return precision, recall, f1


def row(label: str, preds: list[bool], gold: list[bool], extra: str = "") -> str:
    p, r, f = prf(preds, gold)
    return f"  {label:28s} precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}{extra}"


# -- 1. name pairs ------------------------------------------------------------
def names_bench(previous: ModuleType) -> list[str]:
    from tracegraph.match import compare_names
    from tracegraph.resolve.rules import APART, same_name, verdict

    names = sys.modules[f"{PREVIOUS}.names"]
    rows = [r for r in csv.DictReader(PAIRS.open(encoding="utf-8")) if r["schema"] in RESOLVE_SCHEMATA]
    gold = [r["is_match"].strip().lower() == "true" for r in rows]
    out = [f"name pairs (nomenklatura name_bench): {len(rows)} pairs, {sum(gold)} matches"]
    for label, rule in (("engine (tracegraph.match)", same_name), ("previous name keys", names.same_name)):
        start = time.perf_counter()
        preds = [bool(rule(r["name1"], r["name2"], r["schema"])) for r in rows]
        took = time.perf_counter() - start
        out.append(row(label, preds, gold, f"  ({took * 1000:.0f} ms)"))
    middle = [verdict(compare_names(r["name1"], r["name2"], r["schema"])) != APART for r in rows]
    out.append(row("engine, merge or review", middle, gold))
    return out


# -- 2. entity checks ---------------------------------------------------------
def _values(props: dict[str, Any], *keys: str) -> list[str]:
    found: list[str] = []
    for key in keys:
        value = props.get(key)
        if value is None:
            continue
        found.extend(str(v) for v in (value if isinstance(value, list) else [value]))
    return found


PART_KEYS = ("firstName", "secondName", "middleName", "fatherName", "lastName")
ID_KEYS = ("idNumber", "passportNumber", "taxNumber", "registrationNumber", "leiCode", "innCode", "ogrnCode")


def _names(props: dict[str, Any]) -> list[str]:
    names = _values(props, "name", "alias")
    if not names and (props.get("firstName") or props.get("lastName")):
        names = [" ".join(_values(props, *PART_KEYS))]
    return names


def entities_bench(previous: ModuleType) -> list[str]:
    from tracegraph.match import Query, compare
    from tracegraph.resolve.rules import MERGE, REVIEW, verdict

    names = sys.modules[f"{PREVIOUS}.names"]
    checks = [
        c for c in yaml.safe_load(CHECKS.read_text(encoding="utf-8"))["checks"] if c["schema"] in RESOLVE_SCHEMATA
    ]
    gold = [bool(c["match"]) for c in checks]

    def engine(check: dict[str, Any], accept: tuple[str, ...] = (MERGE,)) -> bool:
        q, c = check["query"], check["candidate"]
        query = Query(
            _names(q),
            check["schema"],
            _values(q, "birthDate"),
            _values(q, "country", "nationality"),
            _values(q, *ID_KEYS),
        )
        props = {k: _values(c, k) for k in ("birthDate", "country", "nationality", *ID_KEYS)}
        return verdict(compare(query, _names(c), props)) in accept

    def before(check: dict[str, Any]) -> bool:
        q, c = check["query"], check["candidate"]
        for key in ("birthDate", "country", "nationality"):
            a, b = {v[:10].lower() for v in _values(q, key)}, {v[:10].lower() for v in _values(c, key)}
            if a and b and not a & b:
                return False
        if {v.lower() for v in _values(q, *ID_KEYS)} & {v.lower() for v in _values(c, *ID_KEYS)}:
            return True
        return any(names.same_name(a, b, check["schema"]) for a in _names(q) for b in _names(c))

    out = [f"entity checks (nomenklatura entity_bench): {len(checks)} pairs, {sum(gold)} matches"]
    for label, rule in (("engine (tracegraph.match)", engine), ("previous rules", before)):
        out.append(row(label, [rule(c) for c in checks], gold))
    out.append(row("engine, merge or review", [engine(c, (MERGE, REVIEW)) for c in checks], gold))
    return out


# -- 3 and 4: whole runs over a store ------------------------------------------
def run_worker(which: str, db: Path, folder: Path) -> dict[str, Any]:
    """Run one resolver over a store in a child process: wall time, peak RSS, merges."""
    done = subprocess.run(
        [sys.executable, __file__, "--worker", which, "--db", str(db), "--folder", str(folder)],
        check=True,
        capture_output=True,
        text=True,
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def worker(which: str, db: Path, folder: Path) -> None:
    from tracegraph.store.sqlite import SQLiteStore

    store = SQLiteStore(db)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    if which == "engine":
        from tracegraph.resolve import resolve

        merges = resolve(store)
    else:
        merges = load_previous(folder).resolve(store)
    took = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": took, "peak_mb": peak / 1024, "before_mb": before / 1024, "merges": len(merges)}))


def _fresh_store(path: Path) -> Any:
    from tracegraph.store.sqlite import SQLiteStore

    return SQLiteStore(path)


def both(folder: Path, name: str, fill: Callable[[Any], None]) -> dict[str, tuple[dict[str, str], dict[str, Any]]]:
    """Fill a store once, copy it per resolver, run each in its own process; clusters and figures per resolver."""
    base = folder / f"{name}.sqlite"
    store = _fresh_store(base)
    fill(store)
    store.close()
    found: dict[str, tuple[dict[str, str], dict[str, Any]]] = {}
    for which in ("engine", "previous"):
        db = folder / f"{name}-{which}.sqlite"
        shutil.copy(base, db)
        figures = run_worker(which, db, folder)
        store = _fresh_store(db)
        found[which] = (store.clusters(), figures)
        store.close()
    return found


_FIELD = re.compile(r"COL (\S+) VAL ")


def parse_record(text: str) -> dict[str, str]:
    parts = _FIELD.split(text.strip())
    return {parts[i]: parts[i + 1].strip(" `'") for i in range(1, len(parts) - 1, 2)}


def magellan_bench(folder: Path) -> list[str]:
    from tracegraph.store import Statement

    out = ["ER-Magellan test splits (whole resolver over a store, blocking included):"]
    for name, (schema, name_attr) in MAGELLAN_SETS.items():
        lines = (MAGELLAN / name / "test.txt").read_text(encoding="utf-8").splitlines()
        ids: dict[tuple[str, str], str] = {}
        pairs: list[tuple[str, str, bool]] = []
        records: dict[str, dict[str, str]] = {}
        for line in lines:
            left, right, label = line.split("\t")
            sides = []
            for side, text in (("l", left), ("r", right)):
                key = (side, text.strip())
                if key not in ids:
                    ids[key] = f"{name[:2].lower()}-{side}-{len(ids):05d}"
                    records[ids[key]] = parse_record(text)
                sides.append(ids[key])
            pairs.append((sides[0], sides[1], label.strip() == "1"))

        def fill(
            store: Any, records: dict[str, dict[str, str]] = records, schema: str = schema, attr: str = name_attr
        ) -> None:
            facts = []
            for entity_id, rec in records.items():
                value = rec.get(attr, "")
                if value:
                    facts.append(Statement(entity_id, schema, "name", value[:300], record_id=f"rec:{entity_id}"))
                if rec.get("addr") and schema == "Company":
                    address = f"{rec['addr']}, {rec.get('city', '')}"
                    facts.append(Statement(entity_id, schema, "address", address, record_id=f"rec:{entity_id}"))
            with store.transaction():
                store.add_statements(facts)

        runs = both(folder, name, fill)
        gold = [g for _, _, g in pairs]
        out.append(f" {name}: {len(pairs)} labelled pairs ({sum(gold)} matches), {len(records)} records")
        for which, label in (("engine", "engine (tracegraph.match)"), ("previous", "previous resolver")):
            clusters, figures = runs[which]
            preds = [clusters.get(a, a) == clusters.get(b, b) for a, b, _ in pairs]
            out.append(row(label, preds, gold, _figures(figures)))
    return out


def _figures(figures: dict[str, Any]) -> str:
    return f"  ({figures['seconds']:.2f} s, peak RSS {figures['peak_mb']:.0f} MB, {figures['merges']} merges)"


# -- 4. planted duplicates ----------------------------------------------------
def _perturb(name: str, seed: int) -> str:
    """A name as another source may write it: case, legal form, word order, one letter off."""
    swaps = {"LLC": "Limited", "Ltd": "LLC", "Limited": "Ltd", "Inc.": "Inc", "GmbH": "", "AG": "", "OOO": "LLC"}
    words = name.split()
    kind = seed % 5
    if kind == 0:
        return name.upper()
    if kind == 1:
        return " ".join(swaps.get(w, w) for w in words).strip() or name
    if kind == 2 and len(words) >= 2:
        return " ".join([*words[1:], words[0]])
    if kind == 3:
        longest = max(range(len(words)), key=lambda i: len(words[i]))
        word = words[longest]
        if len(word) >= 7:
            words[longest] = word[:3] + word[4:]  # one letter dropped from a long word
        return " ".join(words)
    return name.lower()


def _planted_statements() -> Iterator[Any]:
    from tracegraph.ingest.ftm import iter_entities

    unique = {"name", "alias", "previousName", "weakAlias", "phone", "address", "email", "website"}
    ids = {"registrationNumber", "taxNumber", "innCode", "ogrnCode", "idNumber", "passportNumber", "leiCode"}
    for path in FTM:
        for item in iter_entities(path, path.name.split("__")[0]):
            if not isinstance(item, list):
                continue
            for stmt in item:
                yield replace(stmt, entity_id=f"{stmt.entity_id}~0")
            for stmt in item:
                seed = zlib.crc32(stmt.entity_id.encode())
                copy = replace(stmt, entity_id=f"{stmt.entity_id}~1", record_id=f"{stmt.record_id}~1")
                if seed % 10 == 0:  # planted: same entity, written another way
                    if stmt.prop in ("name", "alias"):
                        copy = replace(copy, value=_perturb(stmt.value, seed // 10))
                    elif stmt.prop in ids and seed % 20 == 0:
                        continue  # half of them without identifiers
                elif stmt.prop in unique | ids:
                    copy = replace(copy, value=f"{stmt.value} {seed % 9973:04d}x")
                yield copy


def planted_bench(folder: Path) -> list[str]:
    def fill(store: Any) -> None:
        batch: list[Any] = []
        with store.transaction():
            for stmt in _planted_statements():
                batch.append(stmt)
                if len(batch) >= 5000:
                    store.add_statements(batch)
                    batch = []
            store.add_statements(batch)

    runs = both(folder, "planted", fill)
    store = _fresh_store(folder / "planted.sqlite")
    named = {s.entity_id for s in store.statements(prop="name") if s.schema in RESOLVE_SCHEMATA}
    store.close()
    base = {e.rsplit("~", 1)[0] for e in named}
    want = {b for b in base if zlib.crc32(b.encode()) % 10 == 0 and f"{b}~0" in named and f"{b}~1" in named}
    out = [f"planted duplicates: {len(named)} entities, {len(want)} planted pairs"]
    for which, label in (("engine", "engine (tracegraph.match)"), ("previous", "previous resolver")):
        clusters, figures = runs[which]
        found = sum(1 for b in want if clusters.get(f"{b}~0", f"{b}~0") == clusters.get(f"{b}~1", f"{b}~1"))
        members: dict[str, set[str]] = defaultdict(set)
        for entity_id, canonical in clusters.items():
            members[canonical].add(entity_id)
        wrong = 0
        for group in members.values():
            bases = {m.rsplit("~", 1)[0] for m in group}
            wrong += len(bases) - 1  # joins of different source entities
        recall = found / max(len(want), 1)
        out.append(
            f"  {label:28s} found {found} of {len(want)} (recall {recall:.3f}), "
            f"{wrong} joins of different entities{_figures(figures)}"
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sets", default="names,entities,magellan,planted")
    parser.add_argument("--worker", default=None)
    parser.add_argument("--db", default=None)
    parser.add_argument("--folder", default=None)
    parser.add_argument("--out", default=str(ROOT / "docs" / "bench" / "resolution.md"), help="report file ('-': none)")
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, Path(args.db), Path(args.folder))
        return
    wanted = set(args.sets.split(","))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        previous = load_previous(folder)
        lines: list[str] = []
        if "names" in wanted:
            lines += names_bench(previous)
        if "entities" in wanted:
            lines += entities_bench(previous)
        if "magellan" in wanted:
            lines += magellan_bench(folder)
        if "planted" in wanted:
            lines += planted_bench(folder)
        print("\n".join(lines))
        if args.out != "-":
            when = time.strftime("%Y-%m-%d")
            head = f"# Resolution benchmark\n\n`bench/bench_resolve.py --sets {args.sets}`, {when}\n\n"
            Path(args.out).write_text(head + "```\n" + "\n".join(lines) + "\n```\n", encoding="utf-8")


if __name__ == "__main__":
    main()
