"""Benchmark the substances part on real data from ../shared (run: .venv/bin/python bench/bench_substances.py).

Measures, in one run:
1. the registry: size per jurisdiction and per source, coverage of each official list (rows
   recognised by name and by CAS number), disagreements between sources;
2. recognition throughput (words/s) before and after: the matcher as it was before the registry
   grew (per-hit boundary checks in Python) over the 29 substances it then held, against the
   current matcher over the whole generated registry, on the same texts in the same run;
3. mentions on the AG News items, every one listed, and those from common-word or short
   synonyms counted (goal 0);
4. structure-class throughput and recall (Kim et al. 2025 analogues, FAVES), re-measured on
   China's 2024 and 2025 batches and on two NPS structure sets (GlobalChem's EU list, MPL-2.0;
   the designdrugs list, CC BY-NC-SA: read here only, never shipped);
5. mentions in the seed pages, seller listings, OPSIN.
Prints a Markdown report.
"""

from __future__ import annotations

import csv
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rdkit import Chem, RDLogger

from tracegraph.substances import find_substances, load_registry
from tracegraph.substances.build import build_registry
from tracegraph.substances.classes import classify_mol, classify_smiles, structure_classes
from tracegraph.substances.recognise import Matcher, SubstanceMention
from tracegraph.substances.registry import Registry, name_key

RDLogger.DisableLog("rdApp.*")

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CS = SHARED / "data" / "controlled_substances"
FENTANYL_LIKE_FAVES = {"fentanyl", "alpha-methylfentanyl", "acetyl-alpha-methylfentanyl"}
OPIOIDS_FAVES = FENTANYL_LIKE_FAVES | {
    "heroin", "oxycodone", "hydrocodone", "morphine", "codeine", "methadone", "meperidine", "hydromorphone",
    "oxymorphone", "tapentadol", "buprenorphine", "tramadol",
}  # fmt: skip


def best_of(fn: Callable[[], Any], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def ag_news() -> list[str]:
    path = SHARED / "data" / "news" / "ag_news_test" / "test.csv"
    with path.open(encoding="utf-8") as fh:
        return [f"{row['title']}. {row['description']}" for row in csv.DictReader(fh)]


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def class_figures() -> list[str]:
    analogues = read_csv(CS / "fentanyl_analogs_smiles_kim2025" / "base.csv")
    faves = read_csv(CS / "faves_v3_benchmark" / "ground_truth.csv")
    scaffolds = read_csv(CS / "faves_v3_benchmark" / "scaffold_patterns.csv")
    mols = [Chem.MolFromSmiles(r["smiles"]) for r in analogues + faves]
    smiles = [r["smiles"] for r in analogues + faves]
    compiled = [Chem.MolFromSmarts(s["smarts"]) for s in scaffolds]
    peer = [p for p in compiled if p is not None]  # a few FAVES patterns do not compile in RDKit
    structure_classes()
    n_rules = sum(len(c.rules) for c in structure_classes())

    ours = best_of(lambda: [classify_smiles(s) for s in smiles])
    ours_mol = best_of(lambda: [classify_mol(m) for m in mols])
    base = best_of(lambda: [[m.HasSubstructMatch(p) for p in peer] for m in [Chem.MolFromSmiles(s) for s in smiles]])
    lines = [
        "",
        "### Class-rule throughput",
        "",
        "| what | molecules | rules | molecules/s |",
        "| --- | ---: | ---: | ---: |",
        f"| tracegraph classes, from SMILES (parse + {n_rules} rules) | {len(smiles)} | {n_rules} | "
        f"{len(smiles) / ours:,.0f} |",
        f"| tracegraph classes, pre-parsed molecules | {len(mols)} | {n_rules} | {len(mols) / ours_mol:,.0f} |",
        f"| peer: FAVES scaffold SMARTS, from SMILES | {len(smiles)} | {len(peer)} | {len(smiles) / base:,.0f} |",
        "",
        f"{len(compiled) - len(peer)} of the {len(compiled)} FAVES scaffold SMARTS do not compile in RDKit "
        "and are left out.",
    ]

    def members(rows: list[dict[str, str]], keys: set[str]) -> list[bool]:
        out = []
        for r in rows:
            found = {m.class_key for m in classify_smiles(r["smiles"])}
            out.append(bool(found & keys))
        return out

    fent = {s["pattern_name"]: Chem.MolFromSmarts(s["smarts"]) for s in scaffolds}
    peer_keys = ["Fentanyl scaffold", "4-Anilidopiperidine"]

    def peer_hits(rows: list[dict[str, str]]) -> list[bool]:
        return [any(Chem.MolFromSmiles(r["smiles"]).HasSubstructMatch(fent[k]) for k in peer_keys) for r in rows]

    others = [r for r in faves if r["name"] not in FENTANYL_LIKE_FAVES]
    non_opioids = [r for r in faves if r["name"] not in OPIOIDS_FAVES]
    fent_faves = [r for r in faves if r["name"] in FENTANYL_LIKE_FAVES]
    rows_spec = [
        ("US fentanyl-related class", {"us_fentanyl_related"}),
        ("China 2019 fentanyl class", {"cn_fentanyl_class"}),
        ("any legal class (US or China)", {"us_fentanyl_related", "cn_fentanyl_class"}),
        ("any rule incl. 4-anilinopiperidine screening", {c.key for c in structure_classes()}),
    ]
    lines += [
        "",
        "### Class recall and false positives",
        "",
        f"Analogues: {len(analogues)} (Kim et al. 2025). FAVES: {len(faves)} compounds, "
        f"{len(fent_faves)} fentanyl-like, {len(others) - len(non_opioids)} other opioids, "
        f"{len(non_opioids)} non-opioids.",
        "",
        "| rule set | recall on analogues | FAVES fentanyl-like found | FP on other FAVES opioids | "
        "FP on FAVES non-opioids |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for label, keys in rows_spec:
        rec = members(analogues, keys)
        fp_other = sum(members([r for r in others if r["name"] in OPIOIDS_FAVES], keys))
        lines.append(
            f"| {label} | {sum(rec)}/{len(rec)} = {sum(rec) / len(rec):.3f} | "
            f"{sum(members(fent_faves, keys))}/{len(fent_faves)} | {fp_other} | {sum(members(non_opioids, keys))} |"
        )
    rec = peer_hits(analogues)
    fp_other = sum(peer_hits([r for r in others if r["name"] in OPIOIDS_FAVES]))
    lines.append(
        f"| peer: FAVES 'Fentanyl scaffold' or '4-Anilidopiperidine' SMARTS | {sum(rec)}/{len(rec)} = "
        f"{sum(rec) / len(rec):.3f} | {sum(peer_hits(fent_faves))}/{len(fent_faves)} | {fp_other} | "
        f"{sum(peer_hits(non_opioids))} |"
    )
    missed = [
        r["compound"] for r, hit in zip(analogues, members(analogues, {"cn_fentanyl_class"}), strict=True) if not hit
    ]
    lines += ["", f"Analogues outside China's class definition (no group on the piperidine N, or no acyl): "
              f"{', '.join(missed)}."]  # fmt: skip
    return lines


def seeds() -> tuple[list[str], list[str]]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((SHARED / "corpus" / "seeds").glob("*.txt"))]
    counts: Counter[str] = Counter()
    forms: dict[str, set[str]] = {}
    for text in texts:
        for m in find_substances(text):
            counts[m.substance_id] += 1
            forms.setdefault(m.substance_id, set()).add(m.text)
    lines = ["", "### Mentions in the seed pages", "", "| substance | mentions | as written |", "| --- | ---: | --- |"]
    for key, n in counts.most_common():
        lines.append(f"| {key} | {n} | {', '.join(sorted(forms[key]))} |")
    wanted = ["u-47700", "nitazenes-china-class", "protonitazene", "4-piperidone", "1-boc-4-piperidone", "fentanyl",
              "carfentanil", "xylazine"]  # fmt: skip
    absent = [w for w in wanted if w not in counts]
    lines.append("")
    lines.append(f"Not present in the seeds: {', '.join(absent) or 'none'}.")
    return texts, lines


def listing_figures(news: list[str], seed_texts: list[str]) -> list[str]:
    from tracegraph.substances.listings import extract_offers

    folder = Path(__file__).resolve().parents[1] / "src" / "tracegraph" / "examples" / "corpus" / "listings"
    pages = [p.read_text(encoding="utf-8") for p in sorted(folder.iterdir()) if p.suffix in (".html", ".txt")]
    offers = sum(len(extract_offers(p)) for p in pages)
    page_s = best_of(lambda: [extract_offers(p) for p in pages])
    news_s = best_of(lambda: [extract_offers(t) for t in news], repeat=1)
    false_news = sum(1 for t in news if extract_offers(t))
    false_seeds = sum(1 for t in seed_texts if extract_offers(t))
    return [
        "",
        "### Seller listings",
        "",
        "| input | pages | pages with offers | offers | pages/s |",
        "| --- | ---: | ---: | ---: | ---: |",
        f"| fictional listing pages (examples/corpus/listings) | {len(pages)} | "
        f"{sum(1 for p in pages if extract_offers(p))} | {offers} | {len(pages) / page_s:,.0f} |",
        f"| AG News items (none is a listing) | {len(news):,} | {false_news} | 0 | {len(news) / news_s:,.0f} |",
        f"| seed news pages (none is a listing) | {len(seed_texts)} | {false_seeds} | 0 | |",
    ]


def opsin_figures() -> list[str]:
    from tracegraph.substances.opsin import names_to_smiles, opsin_status

    on, why = opsin_status()
    lines = ["", "### Systematic names (OPSIN)", ""]
    if not on:
        return [*lines, f"Skipped: {why}."]
    names = [
        s for sub in load_registry().substances.values() for s in sub.synonyms if re.search(r"\d.*(yl|one|amine)", s)
    ]
    names = [n for n in names if n.isascii()]
    start = time.perf_counter()
    batch = names_to_smiles(names)
    batch_s = time.perf_counter() - start
    start = time.perf_counter()
    for name in names[:3]:
        names_to_smiles([name])
    single_s = (time.perf_counter() - start) / 3
    converted = sum(1 for v in batch.values() if v)
    return [
        *lines,
        f"{converted}/{len(names)} systematic registry synonyms converted in one batch in {batch_s:.2f} s "
        f"({len(names) / batch_s:.1f} names/s); one name per call takes {single_s:.2f} s (a JVM start each), "
        f"so batching is {single_s * len(names) / batch_s:.0f}x faster for this set.",
    ]


# --- the registry: size, coverage, disagreements -----------------------------------------------------

#: the official lists whose rows the registry must answer for (cross-check sources are not counted)
OFFICIAL = ["us.ecfr", "us.dea-chemlist", "un.incb-yellow", "un.incb-green", "un.incb-red", "cn.catalogues",
            "uk.controlled-drugs", "eu.precursors"]  # fmt: skip


def registry_figures() -> list[str]:
    start = time.perf_counter()
    _, report = build_registry(CS)
    build_s = time.perf_counter() - start
    reg = load_registry()
    subs = reg.substances.values()
    lines = ["", "### Registry size", "",
             f"Built from {len(report.sources)} sources in {build_s:.1f} s: {len(reg.substances):,} substances, "
             f"{sum(len(s.synonyms) + 1 for s in subs):,} names, {sum(1 for s in subs if s.cas):,} with a CAS number, "
             f"{sum(1 for s in subs if s.smiles):,} with a structure; shipped as "
             f"`registry.json.gz`.", "",
             "| jurisdiction | substances controlled | drug schedules | precursor lists | sources |",
             "| --- | ---: | ---: | ---: | --- |"]  # fmt: skip
    for code, meta in reg.jurisdictions.items():
        ctl = [s for s in subs if any(c.jurisdiction == code for c in s.controls)]
        drug = sum(1 for s in ctl if any(c.jurisdiction == code and c.kind == "schedule" for c in s.controls))
        prec = sum(1 for s in ctl if any(c.jurisdiction == code and c.kind == "precursor" for c in s.controls))
        covers = meta.get("covers") or {}
        srcs = ", ".join(sorted({x for v in covers.values() for x in v})) or "none: unknown, not 'not controlled'"
        lines.append(f"| {code} | {len(ctl):,} | {drug:,} | {prec:,} | {srcs} |")
    lines += ["", "| source | version | rows | substances | names given | problems reported |",
              "| --- | --- | ---: | ---: | ---: | ---: |"]  # fmt: skip
    for info in report.sources:
        rows = report.records.get(info.id, [])
        keys = {k for _, k in report.members.get(info.id, [])}
        problems = sum(1 for p in report.problems if p.source == info.id)
        names = sum(len(r.names) for r in rows)
        lines.append(f"| {info.id} | {info.version} | {len(rows):,} | {len(keys):,} | {names:,} | {problems} |")
    lines += coverage(report, reg)
    lines += disagreements(report)
    return lines


def coverage(report: Any, reg: Registry) -> list[str]:
    """Share of each official list's rows that the shipped registry answers for, by name and by CAS."""
    lines = ["", "### Coverage of the official lists", "",
             "A row counts by name when `lookup` of the row's own name reaches the substance the row was merged "
             "into; by CAS when its (valid) CAS number does. Goal: 100% of rows with a valid CAS number or an "
             "unambiguous name.", "",
             "| list | rows | by name | rows with a valid CAS | by CAS | rows with valid CAS or unambiguous name: "
             "answered |", "| --- | ---: | ---: | ---: | ---: | ---: |"]  # fmt: skip
    misses: list[str] = []
    for source in OFFICIAL:
        rows = report.records.get(source, [])
        member = dict(report.members.get(source, []))
        by_name = with_cas = by_cas = eligible = answered = 0
        for r in rows:
            key = member.get(r.ref)
            name = r.names[0][0] if r.names else ""
            hit_name = bool(name) and reg.by_name.get(name_key(name)) == key
            ambiguous = name_key(name) in reg.ambiguous if name else True
            hit_cas = any(reg.by_cas.get(c) == key for c in r.cas)
            by_name += hit_name
            with_cas += bool(r.cas)
            by_cas += hit_cas
            if r.cas or not ambiguous:
                eligible += 1
                answered += hit_name or hit_cas
                if not (hit_name or hit_cas):
                    misses.append(f"{source} `{r.ref[:60]}`")
        share = f"{answered}/{eligible} = {answered / eligible:.3f}" if eligible else "-"
        lines.append(f"| {source} | {len(rows)} | {by_name} ({by_name / max(len(rows), 1):.1%}) | {with_cas} | "
                     f"{by_cas} | {share} |")  # fmt: skip
    lines += ["", f"Rows not answered ({len(misses)}): {'; '.join(misses[:40]) or 'none'}"
              f"{' ...' if len(misses) > 40 else ''}."]  # fmt: skip
    return lines


def disagreements(report: Any) -> list[str]:
    kinds = Counter(d["what"] for d in report.disagreements)
    lines = ["", "### Disagreements between sources", "",
             f"{len(report.disagreements)} in all (every one listed in `docs/bench/registry_build.md`, with "
             f"{len(report.problems)} problems found in the sources and {len(report.refused)} merges refused):", "",
             "| what | count | examples |", "| --- | ---: | --- |"]  # fmt: skip
    for what, n in kinds.most_common():
        examples = [f"{d['substance'][:40]}: {d['detail'][:90]}" for d in report.disagreements if d["what"] == what]
        lines.append(f"| {what} | {n} | {'; '.join(examples[:3])} |")
    problem_kinds = Counter((p.source, p.kind) for p in report.problems)
    lines += ["", "Problems in the sources, reported and not stored: "
              + "; ".join(f"{s} {k} {n}" for (s, k), n in problem_kinds.most_common()) + "."]  # fmt: skip
    return lines


# --- recognition before and after ---------------------------------------------------------------------

#: the 29 substances the hand-written registry held before it was generated from the lists
BEFORE = ["fentanyl", "carfentanil", "sufentanil", "alfentanil", "remifentanil", "acetylfentanyl", "butyrfentanyl",
          "furanylfentanyl", "acrylfentanyl", "ocfentanil", "benzylfentanyl", "ANPP", "NPP", "norfentanyl", "4-AP",
          "1-boc-4-AP", "4-piperidone", "1-boc-4-piperidone", "U-47700", "xylazine", "isotonitazene",
          "protonitazene", "metonitazene", "etonitazene", "etonitazepyne", "clonitazene", "butonitazene",
          "nitazenes", "fentanyl-related substances"]  # fmt: skip


class BeforeMatcher:
    """The matcher as it was before this registry: every raw Aho-Corasick hit checked in Python."""

    def __init__(self, registry: Registry) -> None:
        import ahocorasick

        self.automaton = ahocorasick.Automaton()
        for sub in registry.substances.values():
            for name, how in [(sub.name, "name"), *((s, "synonym") for s in sub.synonyms)]:
                key = name.lower()
                if len(key) < 2 or key in self.automaton:
                    continue
                cjk = "\u3400" <= key[0] <= "\u9fff" or "\u3400" <= key[-1] <= "\u9fff"
                self.automaton.add_word(key, (sub.key, how, len(key), cjk))
        self.automaton.make_automaton()

    def names(self, text: str) -> list[SubstanceMention]:
        low = text.lower()
        if len(low) != len(text):
            low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        found = []
        n = len(text)
        for last, (key, how, length, cjk) in self.automaton.iter(low):
            start, end = last - length + 1, last + 1
            if not cjk:
                if start > 0 and text[start - 1].isascii() and text[start - 1].isalnum():
                    continue
                if end < n and text[end].isascii() and text[end].isalnum():
                    if text[end] in "sS" and (end + 1 >= n or not text[end + 1].isalnum()) and text[end - 1].isalpha():
                        end += 1
                    else:
                        continue
            found.append(SubstanceMention(start, end, key, text[start:end], how))
        return found


def subset(reg: Registry, names: list[str]) -> Registry:
    keys = [k for k in (reg.by_name.get(name_key(n)) for n in names) if k]
    picked = {k: reg.substances[k] for k in dict.fromkeys(keys)}
    return Registry(picked, reg.jurisdictions, {}, {}, {name_key(s.name): k for k, s in picked.items()})


def recognition_figures(news: list[str], seed_texts: list[str]) -> list[str]:
    reg = load_registry()
    small = subset(reg, BEFORE)
    n_small = sum(1 + len(s.synonyms) for s in small.substances.values())
    # a registry 20x the old one in names: the substances in key order until the names reach 20x
    keys, total = [], 0
    for key, sub in reg.substances.items():
        if total >= 20 * n_small:
            break
        keys.append(key)
        total += 1 + len(sub.synonyms)
    twenty = Registry({k: reg.substances[k] for k in keys}, reg.jurisdictions)
    n_full = sum(1 + len(s.synonyms) for s in reg.substances.values())
    setups: list[tuple[str, BeforeMatcher | Matcher]] = [
        ("before: old matcher, 29-substance registry", BeforeMatcher(small)),
        ("old matcher, whole registry", BeforeMatcher(reg)),
        ("after: current matcher, whole registry", Matcher(reg)),
        ("current matcher, 29-substance registry", Matcher(small)),
        (f"current matcher, 20x registry ({total:,} names)", Matcher(twenty)),
        ("old matcher, 20x registry", BeforeMatcher(twenty)),
    ]
    corpora = [("AG News test (title + description)", news), ("seed pages", seed_texts)]
    lines = ["", "### Recognition throughput, before and after", "",
             f"Names in the automaton: {n_small:,} (29 substances) vs {n_full:,} ({len(reg.substances):,} substances, "
             f"{n_full / n_small:.0f}x). Names only, no CAS step, best of 7, same run; the shared machine's load "
             "moves single figures by up to 2-3x between runs, so compare rows of one run.", "",
             "| matcher | " + " | ".join(f"{c} words/s" for c, _ in corpora) + " |",
             "| --- | " + " | ".join("---:" for _ in corpora) + " |"]  # fmt: skip
    rates: dict[str, list[float]] = {}
    for label, matcher in setups:
        row = []
        for _, texts in corpora:
            words = sum(len(t.split()) for t in texts)
            row.append(words / best_of(lambda m=matcher, ts=texts: [m.names(t) for t in ts], repeat=7))
        rates[label] = row
        lines.append(f"| {label} | " + " | ".join(f"{r:,.0f}" for r in row) + " |")
    before, after, at20 = rates[setups[0][0]], rates[setups[2][0]], rates[setups[4][0]]
    lines += ["", "After/before per word, whole registry: " + ", ".join(
        f"{c}: {a / b:.2f}" for (c, _), a, b in zip(corpora, after, before, strict=True)) +
        "; with the 20x registry: " + ", ".join(
        f"{c}: {a / b:.2f}" for (c, _), a, b in zip(corpora, at20, before, strict=True)) +
        " (goal: at least 0.80 with a registry 20x larger)."]  # fmt: skip
    return lines


def false_mentions(news: list[str]) -> list[str]:
    reg = load_registry()
    found: Counter[tuple[str, str, str]] = Counter()
    for text in news:
        for m in find_substances(text):
            found[(m.substance_id, m.text, m.how)] += 1
    context = {(k, t) for (k, t, _) in found if t in reg.substances[k].context_names}
    lines = ["", "### Mentions on the AG News items (7,600 texts from 2004-2005)", "",
             f"{sum(found.values())} mentions; {sum(n for (k, t, _), n in found.items() if (k, t) in context)} "
             "of them from common-word or short synonyms (goal 0). Every one:", "",
             "| substance | as written | how | count |", "| --- | --- | --- | ---: |"]  # fmt: skip
    for (key, text, how), n in found.most_common():
        lines.append(f"| {key} | {text} | {how} | {n} |")
    return lines


# --- class rules re-measured ---------------------------------------------------------------------------


def _kind(name: str) -> str:
    """Fentanyl-like or nitazene-like by name (common or systematic), for scoring the class rules."""
    low = name.lower().replace("benzy1", "benzyl").replace("imidazo1", "imidazol").replace("diethy1", "diethyl")
    if "fentan" in low or "芬太尼" in name or ("piperidin-4-yl" in low and "phenyl" in low and "amide" in low):
        return "fentanyl"
    if "nitaze" in low or "尼秦" in name or ("imidazol" in low and "benz" in low and "amin" in low):
        return "nitazene"
    return ""


def class_remeasure() -> list[str]:
    cn = read_csv(CS / "china_controlled_catalogues_2025" / "china_controlled_catalogues.csv")
    sets: list[tuple[str, list[tuple[str, str, str]]]] = []
    for year in ("2024", "2025"):
        rows = [(r["name_en"], r["smiles"], _kind(r["name_en"] + r["name_zh"])) for r in cn
                if r["effective_date_from_heading"].startswith(year) and r["smiles"]]  # fmt: skip
        sets.append((f"China {year} batch", rows))
    sets.append(("China, all catalogues", [(r["name_en"], r["smiles"], _kind(r["name_en"] + r["name_zh"]))
                                            for r in cn if r["smiles"]]))  # fmt: skip
    gc = read_csv(CS / "globalchem_narcotics" / "globalchem_narcotics.csv")
    wrong = {"butonitazene", "protonitazene"}  # SMILES known wrong (SOURCE.md): the ethylene linker is missing
    sets.append(("GlobalChem EU NPS list (MPL-2.0)", [(r["name"], r["smiles"], _kind(r["name"])) for r in gc
                 if r["list"].startswith("european") and r["name"].lower() not in wrong]))  # fmt: skip
    dd = read_csv(CS / "designdrugs_nps_cn" / "designdrugs.csv")
    dd_rows = []
    for r in dd:
        kind = "fentanyl" if "芬太尼" in r["category"] else ("nitazene" if "苯并咪唑" in r["category"] else "")
        dd_rows.append((r["common_name"] or r["iupac_or_english_name"], r["smiles_from_image_filename"], kind))
    sets.append(("designdrugs NPS list (CC BY-NC-SA, benchmark only)", dd_rows))
    lines = ["", "### Class rules re-measured on China's batches and NPS structure sets", "",
             "Target by name or category (fentanyl: 'fentan'/芬太尼; nitazene: 'nitazene'/尼秦, or the designdrugs "
             "benzimidazole category). Legal rules: China's fentanyl class (cn) and nitazene class; the US class; "
             "FP = a legal rule firing on a compound of neither kind.", "",
             "| set | compounds (parsed) | fentanyl-like: cn class | US class | nitazene-like: nitazene class | "
             "FP (legal rules) | unparsable SMILES |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]  # fmt: skip
    notes = []
    for label, rows in sets:
        parsed = bad = 0
        counts = {"fentanyl": [0, 0, 0], "nitazene": [0, 0]}
        fps: list[str] = []
        missed: list[str] = []
        for name, smi, kind in rows:
            mol = Chem.MolFromSmiles(smi) if smi else None
            if mol is None:
                bad += 1
                continue
            parsed += 1
            hits = {m.class_key for m in classify_mol(mol) if m.legal}
            if kind == "fentanyl":
                counts["fentanyl"][0] += 1
                counts["fentanyl"][1] += "cn_fentanyl_class" in hits
                counts["fentanyl"][2] += "us_fentanyl_related" in hits
                if "cn_fentanyl_class" not in hits:
                    missed.append(name)
            elif kind == "nitazene":
                counts["nitazene"][0] += 1
                counts["nitazene"][1] += "cn_nitazene_class" in hits
                if "cn_nitazene_class" not in hits:
                    missed.append(name)
            elif hits:
                fps.append(f"{name} ({', '.join(sorted(hits))})")
        f, n = counts["fentanyl"], counts["nitazene"]
        lines.append(f"| {label} | {parsed} | {f[1]}/{f[0]} | {f[2]}/{f[0]} | {n[1]}/{n[0]} | {len(fps)} | {bad} |")
        if missed or fps:
            notes.append(f"- {label}: missed: {', '.join(missed[:25]) or 'none'}; false positives: "
                         f"{', '.join(fps[:15]) or 'none'}.")  # fmt: skip
    return [*lines, "", *notes]


def main() -> int:
    if not SHARED.is_dir():
        print(f"../shared not found beside the checkout ({SHARED})", file=sys.stderr)
        return 1
    news = ag_news()
    seed_texts, seed_lines = seeds()
    out = [
        "## Substances benchmark",
        "",
        f"Python {sys.version.split()[0]}, RDKit {Chem.rdBase.rdkitVersion}; best of 3 runs.",
    ]
    out += registry_figures()
    out += recognition_figures(news, seed_texts)
    out += false_mentions(news)
    out += class_figures()
    out += class_remeasure()
    out += seed_lines
    out += listing_figures(news, seed_texts)
    out += opsin_figures()
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
