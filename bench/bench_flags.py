"""Flags on the seeds with every list loaded, against a judged list: the share of flags that are right.

Run: .venv/bin/python bench/bench_flags.py [--db STORE] [--write-unjudged]

Without ``--db`` it builds a store in a temporary folder: the seed stories
(``../shared/corpus/seeds``) ingested and built, then OFAC SDN (2024-05 with the 2025-12
aliases and addresses), OFAC non-SDN, UN, US CSL, DPL and the UK OFSI sample loaded.
``bench/data/flags_judged.csv`` holds each flag judged by reading the story and the list entry:
``right`` or ``wrong``, and ``must`` for the real ones that must never be lost (Zheng Fujing, Huawei...).
A flag not in the file counts as not right; ``--write-unjudged`` appends them for judging.
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
SHARED = REPO.parent / "shared"
JUDGED = REPO / "bench" / "data" / "flags_judged.csv"
FIELDS = ["entity", "kind", "listed_id", "listed", "verdict", "must", "note"]
S = SHARED / "data" / "sanctions"
LISTS = [
    [
        S / "ofac_sdn_2024-05-03/sdn.csv",
        *(S / "ofac_sdn_addalt_2025-12" / f for f in ("add.csv", "alt.csv", "sdn_comments.csv")),
    ],
    [
        S / "ofac_consolidated_nonsdn_2025-12" / f
        for f in ("cons_prim.csv", "cons_add.csv", "cons_alt.csv", "cons_comments.csv")
    ],
    [S / "un_consolidated_2026-02-27/UN_consolidated.xml"],
    [S / "us_csl_2023-11/csl.csv"],
    [S / "us_csl_2023-11/dpl.txt"],
    [S / "uk_ofsi_conlist_sample_2020/ConList.csv"],
]


def build(db: Path) -> None:
    cli = [str(Path(sys.executable).parent / "tracegraph"), "--db", str(db)]
    subprocess.run([*cli, "ingest", str(SHARED / "corpus" / "seeds")], check=True)
    subprocess.run([*cli, "build"], check=True)
    for files in LISTS:
        subprocess.run([*cli, "lists", "load", *map(str, files)], check=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--write-unjudged", action="store_true")
    args = parser.parse_args()
    from tracegraph.screen.flags import compute_flags
    from tracegraph.settings import Settings
    from tracegraph.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "seeds.sqlite"
        if args.db is None:
            build(db)
        store = open_store(Settings.from_env(db=str(db)))
        flags = compute_flags(store)
        store.close()
    judged: dict[tuple[str, str, str], dict[str, str]] = {}
    if JUDGED.exists():
        with JUDGED.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                judged[(row["entity"], row["kind"], row["listed_id"])] = row
    right = wrong = 0
    unjudged = []
    seen = set()
    for flag in flags:
        key = (flag.caption, flag.kind, flag.listed_id)
        seen.add(key)
        verdict = judged.get(key, {}).get("verdict")
        if verdict == "right":
            right += 1
        else:
            wrong += 1
            if verdict is None:
                unjudged.append(flag)
            else:
                print(f"wrong: {flag.kind} {flag.caption!r} -> {flag.listed_caption!r} ({flag.listed_id})")
    lost = [row for key, row in judged.items() if row.get("must") == "yes" and key not in seen]
    for flag in unjudged:
        print(f"unjudged: {flag.kind} {flag.caption!r} -> {flag.listed_caption!r} ({flag.listed_id}) {flag.score:.3f}")
    for row in lost:
        print(f"LOST: {row['kind']} {row['entity']!r} -> {row['listed']!r}")
    total = right + wrong
    share = right / total if total else 1.0
    print(
        f"flags {total}: right {right}, wrong {wrong - len(unjudged)}, unjudged {len(unjudged)}; "
        f"share right {share:.3f}; real flags lost {len(lost)}"
    )
    if args.write_unjudged and unjudged:
        new = not JUDGED.exists()
        with JUDGED.open("a", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, FIELDS)
            if new:
                writer.writeheader()
            for flag in unjudged:
                writer.writerow(
                    {
                        "entity": flag.caption,
                        "kind": flag.kind,
                        "listed_id": flag.listed_id,
                        "listed": flag.listed_caption,
                        "verdict": "",
                        "must": "",
                        "note": flag.explanation[:160],
                    }
                )


if __name__ == "__main__":
    main()
