"""``tracegraph substance QUERY`` and ``tracegraph listings``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from tracegraph.cli.common import Context, pass_context, table


def _render_substance(data: dict[str, Any]) -> str:
    lines = [f"{data['name']}  ({'novel structure' if data['novel'] else 'registry: ' + data['key']})"]
    lines.append(f"  found by: {data['how']}   entity: {data['entity_id']}")
    if data["role"]:
        lines.append(f"  role: {data['role']}")
    if data["synonyms"]:
        shown = data["synonyms"][:12]
        more = f" (+{len(data['synonyms']) - len(shown)} more)" if len(data["synonyms"]) > len(shown) else ""
        lines.append(f"  synonyms: {', '.join(shown)}{more}")
    if data["cas"]:
        lines.append(f"  CAS: {', '.join(data['cas'])}")
    if data["smiles"]:
        lines.append(f"  SMILES: {data['smiles']}")
    if data["inchikey"]:
        lines.append(f"  InChIKey: {data['inchikey']}")
    lines.append("  controls:" if data["controls"] else "  controls: none recorded in the sources")
    for c in sorted(data["controls"], key=lambda c: (c["jurisdiction"], c["since"])):
        how = {"class": "class member", "convention": "UN convention"}.get(c["basis"], "listed by name")
        since = c["since"] or "(date not in the sources)"
        until = f" until {c['until']}" if c.get("until") else ""
        rule = f"  [rule {c['rule']}]" if c["rule"] else ""
        lines.append(
            f"    {c['jurisdiction']:<3} {c.get('schedule') or c['kind']}: {c['instrument']} ({how}) since {since}"
            f"{until}{rule}"
        )
        cite = "; ".join(x for x in (c.get("citation", ""), c["source"]) if x)
        if cite:
            lines.append(f"          {cite}")
    for line in data.get("basis", []):
        lines.append(f"  which applies: {line}")
    for m in data["classes"]:
        if not m["legal"]:
            lines.append(f"  screening: {m['summary']}")
    if data.get("status"):
        lines.append("  by jurisdiction:")
        for code, status in data["status"].items():
            lines.append(f"    {code:<3} {status}")
    if data["note"]:
        lines.append(f"  note: {data['note']}")
    return "\n".join(lines)


@click.command()
@click.argument("query")
@click.option("--on", "on", default=None, help="Only controls in effect on this date (YYYY-MM-DD).")
@click.option(
    "--registry",
    "registry_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="A registry written by 'tracegraph substances import' instead of the shipped one.",
)
@pass_context
def substance(ctx: Context, query: str, on: str | None, registry_file: Path | None) -> None:
    """Identify a substance by NAME, CAS number or SMILES; show its controls, which applies and why."""
    from tracegraph.substances.lookup import jurisdiction_status, lookup
    from tracegraph.substances.registry import load_registry_file

    registry = load_registry_file(registry_file) if registry_file else None
    report = lookup(query, registry)
    data = report.to_dict()
    if registry is not None:
        data["status"] = jurisdiction_status(report, registry)
    if on:
        data["controls"] = [c.to_dict() for c in report.controls(on=on)]
    ctx.emit(data, _render_substance)


def _render_listings(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "no listings"
    body = [
        [
            ", ".join(r["seller"]) or "?",
            ", ".join(r["product"]),
            ", ".join(r["date"]),
            ",".join(d.upper() for d in r["destination"]),
            ",".join(c.upper() for c in sorted(set(r["controlled_in"]))) or "-",
        ]
        for r in rows
    ]
    return table(body, ["seller", "product", "date", "ships to", "controlled in"])


@click.command()
@click.option("--controlled", is_flag=True, help="Only listings whose product is controlled in a destination.")
@click.option("--destination", default=None, help="Only listings shipping to this country (ISO code, e.g. MX).")
@pass_context
def listings(ctx: Context, controlled: bool, destination: str | None) -> None:
    """Seller listings in the store: who offers what, shipping where, controlled where."""
    from tracegraph.substances.views import listing_rows

    rows = listing_rows(ctx.store, controlled=controlled, destination=destination)
    if ctx.as_json:
        for row in rows:
            ctx.emit(row)
    else:
        ctx.emit(rows, _render_listings)


@click.group(name="substances")
def substances_group() -> None:
    """The substance registry: build it from your own copies of the official lists."""


@substances_group.command(name="import")
@click.argument("sources", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("registry.json.gz"),
    show_default=True,
    help="Where to write the registry.",
)
@click.option(
    "--report",
    "report_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write the build report (problems, refused merges, disagreements) as Markdown.",
)
@pass_context
def import_sources(ctx: Context, sources: Path, out: Path, report_file: Path | None) -> None:
    """Build a registry from SOURCES, a folder laid out like the shipped sources (see docs/substances.md).

    Use it with 'tracegraph substance QUERY --registry FILE'.
    """
    from tracegraph.substances.build import build_registry, render_report, write_registry

    data, report = build_registry(sources)
    size = write_registry(data, out)
    if report_file is not None:
        report_file.write_text(render_report(data, report), encoding="utf-8")
    summary = {
        "substances": len(data["substances"]),
        "bytes": size,
        "out": str(out),
        "sources": {s.id: s.version for s in report.sources},
        "problems": len(report.problems),
        "refused_merges": len(report.refused),
        "disagreements": len(report.disagreements),
    }
    ctx.emit(summary, lambda d: "\n".join(f"{k}: {v}" for k, v in d.items()))


def register(group: click.Group) -> None:
    group.add_command(substance)
    group.add_command(listings)
    group.add_command(substances_group)
