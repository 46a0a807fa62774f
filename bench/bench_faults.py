"""Reliability figures for docs/reliability.md (issue 12).

1. Faults: kill -9 at seeded random points of ingest, lists load, build, resolve and merge
   (``--runs`` per step), each run again to its end and compared with a clean run:
   lost, duplicated and changed statements, documents, merges, list entries.
2. Bad input: the generated hostile corpus (``--scale`` x 1,070 files) in one ingest:
   clear errors, crashes, hangs, garbage stored in silence, good inputs refused.
3. Long documents: ingest and build one document of ``--long`` characters each (a
   comma-separated list): seconds and the build's peak memory.
4. A big folder: ``--folder-mb`` megabytes of text files ingested: seconds, MB/s, peak memory.

Run: .venv/bin/python bench/bench_faults.py [--runs 10] [--scale 1] [--long 1000000,3000000]
     [--folder-mb 1024] [--only faults,bad,long,folder]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.reliability.badcorpus import judge, make  # noqa: E402
from tests.reliability.harness import STEPS, env, fault_run, prepare  # noqa: E402

VOCABULARY = (
    "the company shipped drums of reagent to a broker in the port city last spring and inspectors said labels "
    "did not match papers while a spokesperson declined to comment on the seizure or the court filings"
)
NAMES = ["Quarrow Trading Ltd", "Belmont Logistics", "Ana Varga", "Tomas Reyes", "Brisk Reagents GmbH", "Ivo Kos"]


def prose(chars: int, seed: int = 1) -> str:
    """About ``chars`` characters of sentences in paragraphs, naming a few actors."""
    rng = random.Random(seed)
    words_of = VOCABULARY.split()
    parts: list[str] = []
    size = 0
    while size < chars:
        words = [rng.choice(words_of) for _ in range(rng.randint(8, 24))]
        words.insert(rng.randrange(len(words)), rng.choice(NAMES))
        sentence = " ".join(words).capitalize() + "."
        parts.append(sentence + ("\n\n" if rng.random() < 0.2 else " "))
        size += len(sentence) + 1
    return "".join(parts)


def timed(db: Path, args: list[str], timeout: float = 7200) -> tuple[float, float, float, int]:
    """Wall seconds, CPU seconds, peak RSS in MB of the command (a fresh process), and its exit code."""
    script = (
        "import resource, sys, time\n"
        "from tracegraph.cli import main\n"
        "t = time.perf_counter()\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit as e:\n    code = e.code or 0\nelse:\n    code = 0\n"
        "u = resource.getrusage(resource.RUSAGE_SELF)\n"
        "print('BENCH', time.perf_counter() - t, u.ru_utime + u.ru_stime, u.ru_maxrss / 1024, code, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, "--db", str(db), *args],
        capture_output=True, text=True, timeout=timeout, env=env(), check=False,
    )  # fmt: skip
    line = next(x for x in done.stderr.splitlines() if x.startswith("BENCH"))
    _, seconds, cpu, rss, code = line.split()
    return float(seconds), float(cpu), float(rss), int(code)


def faults(work: Path, runs: int) -> dict[str, object]:
    prepared = prepare(work / "faults")
    out: dict[str, object] = {"clean_seconds": {k: round(v, 1) for k, v in prepared.seconds.items()}}
    for step, _ in STEPS:
        rows = [fault_run(prepared, step, seed, work / "faults") for seed in range(runs)]
        out[step] = {
            "runs": len(rows),
            "killed_mid_write": sum(1 for r in rows if 0 < r.progress < 1 and not r.finished_before_kill),
            "killed_before_writing": sum(1 for r in rows if r.progress == 0 and not r.finished_before_kill),
            "finished_before_kill": sum(1 for r in rows if r.finished_before_kill),
            "lost": sum(r.diff.lost for r in rows),
            "duplicated": sum(r.diff.duplicated for r in rows),
            "changed": sum(r.diff.changed for r in rows),
            "documents_differing": sum(r.diff.documents for r in rows),
            "merges_differing": sum(r.diff.merges for r in rows),
            "list_entries_differing": sum(r.diff.lists for r in rows),
            "integrity_failures": sum(1 for r in rows if r.diff.integrity != "ok"),
        }
        print(step, out[step], flush=True)
    return out


def bad(work: Path, scale: float) -> dict[str, object]:
    items = make(work / "bad" / "in", seed=11, scale=scale)
    verdict = judge(work / "bad" / "in", items, work / "bad" / "bad.sqlite", timeout=3600)
    return {
        "files": verdict.files,
        "clear_errors": verdict.clear_errors,
        "accepted": verdict.accepted,
        "crashes": verdict.crashes,
        "hangs": verdict.hangs,
        "silent_garbage": len(verdict.silent_garbage),
        "silent_drops": len(verdict.silent_drops),
        "good_refused": len(verdict.refused_good),
        "named_on_more_than_one_line": len(verdict.multi_line),
        "seconds": verdict.seconds,
        "by_kind": {k: dict(v) for k, v in verdict.by_kind.items()},
    }


def long_documents(work: Path, sizes: list[int]) -> list[dict[str, object]]:
    out = []
    for chars in sizes:
        folder = work / f"long{chars}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "long.txt").write_text("A very long report\n\n" + prose(chars))
        db = folder / "long.sqlite"
        ingest_s, ingest_cpu, ingest_mb, _ = timed(db, ["ingest", str(folder / "long.txt")])
        build_s, build_cpu, build_mb, code = timed(db, ["build", "--no-resolve"])
        row = {"chars": chars, "ingest_s": round(ingest_s, 1), "ingest_cpu_s": round(ingest_cpu, 1),
               "ingest_peak_mb": round(ingest_mb), "build_s": round(build_s, 1), "build_cpu_s": round(build_cpu, 1),
               "build_peak_mb": round(build_mb), "build_exit": code,
               "chars_per_cpu_s": round(chars / build_cpu)}  # fmt: skip
        print(row, flush=True)
        out.append(row)
    return out


def folder(work: Path, megabytes: int) -> dict[str, object]:
    root = work / "folder"
    root.mkdir(parents=True, exist_ok=True)
    block = prose(1_000_000, seed=5)
    files = 0
    for i in range(megabytes):
        sub = root / f"part{i // 100:03d}"
        sub.mkdir(exist_ok=True)
        (sub / f"file{i:05d}.txt").write_text(f"Report {i}\n\n" + block[i % 1000 :] + block[: i % 1000])
        files += 1
    size = sum(p.stat().st_size for p in root.rglob("*.txt"))
    seconds, cpu, peak, code = timed(work / "folder.sqlite", ["ingest", str(root)])
    rate = round(size / 1e6 / cpu, 2)
    return {"files": files, "mb": round(size / 1e6), "seconds": round(seconds, 1), "cpu_s": round(cpu, 1),
            "mb_per_cpu_s": rate, "peak_mb": round(peak), "exit": code}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--long", default="1000000")
    parser.add_argument("--folder-mb", type=int, default=1024)
    parser.add_argument("--only", default="faults,bad,long,folder")
    parser.add_argument("--out", type=Path, default=None, help="Write the figures as JSON here too.")
    args = parser.parse_args()
    only = set(args.only.split(","))
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        started = time.perf_counter()
        if "faults" in only:
            results["faults"] = faults(work, args.runs)
        if "bad" in only:
            results["bad_input"] = bad(work, args.scale)
            print(results["bad_input"], flush=True)
        if "long" in only:
            results["long_documents"] = long_documents(work, [int(x) for x in args.long.split(",")])
        if "folder" in only:
            results["folder"] = folder(work, args.folder_mb)
            print(results["folder"], flush=True)
        results["seconds"] = round(time.perf_counter() - started)
        results["peak_mb_this_process"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    text = json.dumps(results, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n")


if __name__ == "__main__":
    main()
