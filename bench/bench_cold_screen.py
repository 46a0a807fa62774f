"""A cold ``tracegraph screen NAME``: wall and CPU time of a fresh process, this tree against a baseline revision.

Run: .venv/bin/python bench/bench_cold_screen.py --db lists.sqlite [--baseline main] [--pairs 8]

``--db`` is a SQLite store with the lists loaded (``tracegraph lists load`` ...). The baseline
is the code at ``--baseline``, run from a ``git archive`` of that revision on ``PYTHONPATH``
with the same interpreter and packages, against its own copy of the store (``--baseline-db``,
made from ``--db`` when missing), since the two may write index files of different formats.
Each side is run once first (bytecode caches written, index file built if needed), then the
two alternate, ``--pairs`` times per query, the side that goes first swapped every pair. A
run's CPU time is the child's user + system time; the load average is printed beside.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
QUERIES = (
    ("screen", "Zheng Fujing"),
    ("screen", "Gazprom Neft PJSC"),
    ("--json", "screen", "Huawei Technologies Co., Ltd."),
)
CODE = "from tracegraph.cli import main; main()"


def run(src: Path | None, db: Path, args: tuple[str, ...]) -> tuple[float, float, str]:
    """One cold process: wall seconds, CPU seconds, its output."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "TRACEGRAPH_DB")}
    if src is not None:
        env["PYTHONPATH"] = str(src)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", CODE, "--db", str(db), *args], env=env, capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed: {done.stderr.strip()[-500:]}")
    return wall, cpu, done.stdout


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, required=True, help="a SQLite store with the lists loaded")
    parser.add_argument("--baseline", default="main", help="git revision to compare with")
    parser.add_argument("--baseline-db", type=Path, help="the baseline's copy of the store (default: DB.baseline)")
    parser.add_argument("--pairs", type=int, default=8)
    args = parser.parse_args()
    base_db = args.baseline_db or Path(f"{args.db}.baseline")
    if not base_db.exists():
        shutil.copyfile(args.db, base_db)
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "baseline.tar"
        subprocess.run(["git", "-C", str(REPO), "archive", "-o", str(archive), args.baseline], check=True)
        with tarfile.open(archive) as tar:
            tar.extractall(Path(tmp) / "baseline", filter="data")
        base_src = Path(tmp) / "baseline" / "src"
        sides = {f"baseline {args.baseline}": (base_src, base_db), "this tree": (None, args.db)}
        print(f"load average before: {load()}")
        rows = []
        for query in QUERIES:
            outputs = {name: run(src, db, query)[2] for name, (src, db) in sides.items()}  # warm-up
            same = len(set(outputs.values())) == 1
            times: dict[str, list[tuple[float, float]]] = {name: [] for name in sides}
            for i in range(args.pairs):
                order = list(sides) if i % 2 == 0 else list(reversed(sides))
                for name in order:
                    wall, cpu, _ = run(*sides[name], query)
                    times[name].append((wall, cpu))
            for name, found in times.items():
                wall = statistics.median(t[0] for t in found)
                cpu = statistics.median(t[1] for t in found)
                rows.append((" ".join(query), name, wall, cpu, same))
        print(f"load average after: {load()}")
    print()
    print("| query | code | median wall s | median CPU s | same output |")
    print("|---|---|---|---|---|")
    for query, name, wall, cpu, same in rows:
        print(f"| `{query}` | {name} | {wall:.3f} | {cpu:.3f} | {'yes' if same else 'no'} |")


if __name__ == "__main__":
    main()
