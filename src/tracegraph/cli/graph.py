"""Graph commands: search, show, neighbors, path, timeline, export (resolution commands: ``cli/resolve.py``)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from tracegraph.cli.common import Context, pass_context, table
from tracegraph.errors import InputError
from tracegraph.graph import Graph, scoped
from tracegraph.graph.model import Evidence


def _datasets(values: tuple[str, ...]) -> list[str] | None:
    return list(values) or None


#: the --dataset option of the graph questions
dataset_option = click.option(
    "--dataset",
    "datasets",
    multiple=True,
    help="Only these datasets (repeatable; '*' for all). Default: the case material, without loaded lists.",
)


def _evidence_lines(items: list[dict[str, Any]], indent: str = "      ", limit: int = 3) -> list[str]:
    lines: list[str] = []
    for item in items[:limit]:
        ev = Evidence(**{k: v for k, v in item.items() if k != "span"})
        lines.extend(indent + line for line in ev.render().splitlines())
    if len(items) > limit:
        lines.append(f"{indent}(+{len(items) - limit} more sources)")
    return lines


def _hop(edge: dict[str, Any]) -> str:
    date = f" [{edge['date']}]" if edge.get("date") else ""
    return f"{edge['source_caption']} --{edge['label']}--> {edge['target_caption']}{date}"


def _over(count: dict[str, Any]) -> str:
    return "more than " if count.get("exact") is False else ""


def _truncated(data: dict[str, Any]) -> list[str]:
    """What a bounded question did not follow, in one or two lines."""
    cut = data.get("truncated")
    if not cut:
        return []
    lines = []
    if cut.get("more"):
        # a count marked ``exact: false`` stopped at a cap: there are more than that
        where = "; ".join(f"{c['caption']} {_over(c)}{c['more']:,} more" for c in cut["at"][:5])
        extra = f"; and {len(cut['at']) - 5} more entities" if len(cut["at"]) > 5 else ""
        lines.append(f"not followed: {_over(cut)}{cut['more']:,} more relations ({where}{extra})")
    if cut.get("reason"):
        lines.append(f"truncated: {cut['reason']}")
    return lines


@click.command("search")
@click.argument("text")
@click.option("--limit", default=10, show_default=True)
@click.option("--schema", default=None, help="Only this type (Person, Company, ...).")
@dataset_option
@pass_context
def search_cmd(ctx: Context, text: str, limit: int, schema: str | None, datasets: tuple[str, ...]) -> None:
    """Entities whose names or aliases match TEXT, best first."""
    hits = scoped.search(ctx.store, text, limit, schema, _datasets(datasets))
    if ctx.as_json:
        for hit in hits:
            ctx.emit(hit)
        return
    if not hits:
        click.echo("no matches")
        return
    rows = [
        [str(h["score"]), h["schema"], h["caption"], h["matched"], h["id"], ", ".join(f["dataset"] for f in h["flags"])]
        for h in hits
    ]
    click.echo(table(rows, ["score", "type", "name", "matched", "id", "listed"]))


def _render_show(data: dict[str, Any]) -> str:
    lines = [f"{data['caption']}  ({data['schema']}, {data['id']})"]
    if len(data["names"]) > 1:
        lines.append("  also: " + "; ".join(data["names"][1:]))
    if len(data["members"]) > 1:
        lines.append("  merged ids: " + ", ".join(data["members"]))
    for flag in data.get("flags", []):
        lines.append(f"  listed: {flag['dataset']} (record {flag['record_id']})")
    for prop, values in sorted(data["properties"].items()):
        lines.append(f"  {prop}: {'; '.join(values)}")
    if data["relations"]:
        lines.append("relations:")
    for rel in data["relations"]:
        arrow = f"--{rel['label']}-->" if rel["direction"] == "out" else f"<--{rel['label']}--"
        date = f" [{rel['date']}]" if rel.get("date") else ""
        lines.append(f"  {arrow} {rel['other']['caption']} ({rel['other']['schema']}){date}")
        lines.extend(_evidence_lines(rel["evidence"]))
    if data["sources"]:
        lines.append(f"sources: {len(data['sources'])}")
        lines.extend(_evidence_lines(data["sources"], indent="  ", limit=5))
    return "\n".join(lines + _truncated(data))


@click.command("show")
@click.argument("entity")
@dataset_option
@pass_context
def show_cmd(ctx: Context, entity: str, datasets: tuple[str, ...]) -> None:
    """An entity (id, id prefix or name): names, properties, relations with evidence."""
    ctx.emit(scoped.show(ctx.store, entity, _datasets(datasets)), _render_show)


def _render_neighbors(data: dict[str, Any]) -> str:
    lines = [f"{data['caption']} ({data['id']})"]
    for item in data["neighbors"]:
        lines.append(f"{'  ' * item['depth']}{item['caption']} ({item['schema']}, {item['id']})")
        for edge in item["via"]:
            lines.append(f"{'  ' * item['depth']}  via {_hop(edge)}")
    return "\n".join(lines + _truncated(data))


@click.command("neighbors")
@click.argument("entity")
@click.option("--depth", default=1, show_default=True, type=click.IntRange(1, 6))
@dataset_option
@pass_context
def neighbors_cmd(ctx: Context, entity: str, depth: int, datasets: tuple[str, ...]) -> None:
    """Entities tied to ENTITY within DEPTH hops."""
    ctx.emit(scoped.neighbors(ctx.store, entity, depth, _datasets(datasets)), _render_neighbors)


def _render_paths(data: dict[str, Any]) -> str:
    if not data["paths"]:
        lines = [f"no path between {data['from']['caption']} and {data['to']['caption']}"]
        return "\n".join(lines + _truncated(data))
    lines = []
    for number, path in enumerate(data["paths"], 1):
        lines.append(f"path {number} ({len(path)} hops):")
        for hop in path:
            for edge in hop:
                lines.append(f"  {_hop(edge)}")
                lines.extend(_evidence_lines(edge["evidence"], limit=1))
    return "\n".join(lines)


@click.command("path")
@click.argument("left")
@click.argument("right")
@click.option("--limit", default=3, show_default=True, help="At most this many shortest paths.")
@click.option("--no-shared", is_flag=True, help="Only relations: no hops through a shared phone, e-mail, ...")
@click.option("--max-hops", default=4, show_default=True, type=click.IntRange(1, 8))
@dataset_option
@pass_context
def path_cmd(
    ctx: Context, left: str, right: str, limit: int, no_shared: bool, max_hops: int, datasets: tuple[str, ...]
) -> None:
    """Shortest evidence-backed paths between two entities, each hop with its evidence."""
    data = scoped.paths(ctx.store, left, right, limit, max_hops, not no_shared, _datasets(datasets))
    ctx.emit(data, _render_paths)


@click.command("timeline")
@click.argument("entity", required=False)
@dataset_option
@pass_context
def timeline_cmd(ctx: Context, entity: str | None, datasets: tuple[str, ...]) -> None:
    """Dated relations and events, oldest first (all, or those of ENTITY)."""
    data = scoped.timeline(ctx.store, entity, _datasets(datasets))
    if ctx.as_json:
        for event in data["events"]:
            ctx.emit(event)
        return
    if not data["events"]:
        click.echo("no dated relations or events")
    for event in data["events"]:
        sources = ", ".join(s["caption"] for s in event["sources"])
        targets = ", ".join(t["caption"] for t in event["targets"])
        if sources or targets:
            click.echo(f"{event['date']}  {sources} --{event['label']}--> {targets}")
        else:
            click.echo(f"{event['date']}  {event['label']} ({event['schema']})")
        click.echo("\n".join(_evidence_lines(event["evidence"], indent="            ", limit=1)))


@click.command("export")
@click.option(
    "--format", "fmt", type=click.Choice(["ftm", "graphml", "csv", "csv-entities"]), default="ftm", show_default=True
)
@click.option("-o", "--output", default="-", show_default=True, help="File to write, or - for stdout.")
@click.option("--entity", default=None, help="Only the part of the graph around this entity.")
@click.option("--depth", default=2, show_default=True, type=click.IntRange(0, 6), help="Hops around --entity.")
@pass_context
def export_cmd(ctx: Context, fmt: str, output: str, entity: str | None, depth: int) -> None:
    """Export the graph as FollowTheMoney JSON lines, GraphML or CSV (edges with evidence)."""
    from tracegraph.export import export

    if entity is not None:
        scope = scoped.Scope(ctx.store, ["*"])
        graph = scope.around([scope.resolve(entity)], depth, None, scoped.MAX_ENTITIES)
    else:
        graph = Graph.load(ctx.store)
    if output == "-":
        export(graph, fmt, sys.stdout.buffer)
        sys.stdout.flush()
        return
    path = Path(output)
    if not path.parent.exists():
        raise InputError("the folder for the output file does not exist", subject=output)
    with path.open("wb") as out:
        count = export(graph, fmt, out)
    ctx.emit({"format": fmt, "output": output, "written": count}, lambda d: f"wrote {d['written']} to {d['output']}")


def register(group: click.Group) -> None:
    for command in (
        search_cmd,
        show_cmd,
        neighbors_cmd,
        path_cmd,
        timeline_cmd,
        export_cmd,
    ):
        group.add_command(command)
