"""Generate the shipped substance registry from the official sources (never edit it by hand).

    .venv/bin/python scripts/build_registry.py [--sources DIR] [--out FILE] [--report FILE]

``--sources`` defaults to ``../shared/data/controlled_substances`` beside the checkout. The output
is ``src/tracegraph/substances/data/registry.json.gz`` (gzip with a fixed timestamp, so the same
sources give the same bytes); the report (problems in the sources, merges refused, disagreements
between sources) goes to ``docs/bench/registry_build.md`` unless told otherwise. The CC BY-NC-SA
structure set (designdrugs_nps_cn) is never read here: it is for tests and benchmarks only.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tracegraph.substances.build import build_registry, render_report, write_registry

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, default=ROOT.parent / "shared" / "data" / "controlled_substances")
    parser.add_argument(
        "--out", type=Path, default=ROOT / "src" / "tracegraph" / "substances" / "data" / "registry.json.gz"
    )
    parser.add_argument("--report", type=Path, default=ROOT / "docs" / "bench" / "registry_build.md")
    args = parser.parse_args()
    data, report = build_registry(args.sources)
    size = write_registry(data, args.out)
    args.report.write_text(render_report(data, report), encoding="utf-8")
    print(f"{len(data['substances'])} substances, {size:,} bytes -> {args.out.name}; report -> {args.report.name}")


if __name__ == "__main__":
    main()
