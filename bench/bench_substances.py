"""Benchmark the substances part on real data from ../shared (run: .venv/bin/python bench/bench_substances.py).

Measures, in one run:
1. recognition throughput (words/s) of ``find_substances`` (Aho-Corasick + CAS) on the AG News
   test items and the seed pages, against a naive baseline: one compiled, case-insensitive regex
   alternation of every registry name (the same dictionary, no CAS numbers);
2. structure-class throughput (molecules/s, SMILES parsing included) against the FAVES
   benchmark's own 37 scaffold SMARTS run over the same molecules;
3. class recall on the 94 fentanyl analogues (Kim et al. 2025) and false positives among the
   FAVES compounds that are not fentanyl-like, for our rules and for the FAVES fentanyl SMARTS;
4. mentions found in the seed pages.
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
from tracegraph.substances.classes import classify_mol, classify_smiles, structure_classes

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


def naive_regex() -> re.Pattern[str]:
    names = set()
    for sub in load_registry().substances.values():
        names.update([sub.name, *sub.synonyms, *sub.street])
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![A-Za-z0-9])(?:{alternation})(?![A-Za-z0-9])", re.IGNORECASE)


def ag_news() -> list[str]:
    path = SHARED / "data" / "news" / "ag_news_test" / "test.csv"
    with path.open(encoding="utf-8") as fh:
        return [f"{row['title']}. {row['description']}" for row in csv.DictReader(fh)]


def recognition(label: str, texts: list[str], pattern: re.Pattern[str]) -> list[str]:
    words = sum(len(t.split()) for t in texts)
    find_substances("warm up")
    ours = best_of(lambda: [find_substances(t) for t in texts])
    base = best_of(lambda: [pattern.findall(t) for t in texts])
    found_ours = sum(len(find_substances(t)) for t in texts)
    found_base = sum(len(pattern.findall(t)) for t in texts)
    return [
        f"| {label} | {len(texts):,} | {words:,} | {words / ours:,.0f} | {words / base:,.0f} | "
        f"{base / ours:.1f}x | {found_ours} | {found_base} |"
    ]


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
    wanted = ["u-47700", "nitazenes", "protonitazene", "4-piperidone", "1-boc-4-piperidone", "fentanyl", "carfentanil",
              "xylazine"]  # fmt: skip
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


def main() -> int:
    if not SHARED.is_dir():
        print(f"../shared not found beside the checkout ({SHARED})", file=sys.stderr)
        return 1
    pattern = naive_regex()
    news = ag_news()
    seed_texts, seed_lines = seeds()
    out = [
        "## Substances benchmark",
        "",
        f"Python {sys.version.split()[0]}, RDKit {Chem.rdBase.rdkitVersion}; best of 3 runs.",
        "",
        "### Recognition throughput",
        "",
        "| corpus | texts | words | tracegraph words/s | naive regex words/s | speed-up | tracegraph mentions | "
        "regex mentions |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    out += recognition("AG News test (title + description)", news, pattern)
    out += recognition("seed pages", seed_texts, pattern)
    joined = "\n".join(news)
    words = len(joined.split())
    ours = best_of(lambda: find_substances(joined))
    base = best_of(lambda: pattern.findall(joined))
    out.append(
        f"| AG News as one text | 1 | {words:,} | {words / ours:,.0f} | {words / base:,.0f} | {base / ours:.1f}x | "
        f"{len(find_substances(joined))} | {len(pattern.findall(joined))} |"
    )
    out += class_figures()
    out += seed_lines
    out += listing_figures(news, seed_texts)
    out += opsin_figures()
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
