"""``tracegraph analyse``: hubs, clusters, successors, chains, conflicts (thin layer over tracegraph.analyse)."""

from __future__ import annotations

from typing import Any

import click

from tracegraph.cli.common import Context, pass_context


def _graph(ctx: Context) -> Any:
    from tracegraph.graph import Graph

    return Graph.load(ctx.store)


def _evidence(items: list[dict[str, Any]], indent: str = "      ", limit: int = 2) -> list[str]:
    from tracegraph.graph.model import Evidence

    lines: list[str] = []
    for item in items[:limit]:
        fields = {k: v for k, v in item.items() if k in Evidence.__dataclass_fields__ and k != "span"}
        lines.extend(indent + line for line in Evidence(**fields).render().splitlines())
    if len(items) > limit:
        lines.append(f"{indent}(+{len(items) - limit} more sources)")
    return lines


@click.group("analyse")
def analyse() -> None:
    """Find hubs, shared-contact clusters, successors, ownership chains and conflicting figures."""


@analyse.command("hubs")
@click.option("--limit", default=5, show_default=True, help="Hubs per schema.")
@click.option("--schema", default=None, help="Only this schema (Company, Person, ...).")
@click.option("--by", type=click.Choice(["pagerank", "betweenness", "degree"]), default="pagerank", show_default=True)
@click.option("--samples", type=int, default=None, help="Sources sampled for betweenness on large graphs.")
@pass_context
def hubs_cmd(ctx: Context, limit: int, schema: str | None, by: str, samples: int | None) -> None:
    """The most central entities of each schema, and the relations that make them central."""
    from tracegraph.analyse import hubs

    result = hubs(_graph(ctx), limit=limit, schema=schema, by=by, samples=samples)
    if ctx.as_json:
        for found in result["schemata"].values():
            for rank, hub in enumerate(found, 1):
                ctx.emit({"rank": rank, **hub, "sampled": result["sampled"]})
        return
    note = " (betweenness sampled)" if result["sampled"] else ""
    click.echo(f"{result['nodes']} nodes, ranked by {by}{note}")
    for name, found in result["schemata"].items():
        click.echo(f"\n== {name}")
        for rank, hub in enumerate(found, 1):
            click.echo(
                f"{rank}. {hub['caption']}  degree {hub['degree']}  pagerank {hub['pagerank']:.4f}  "
                f"betweenness {hub['betweenness']:.4f}"
            )
            click.echo(f"   why: {hub['why']}")


@analyse.command("clusters")
@click.option("--min-size", default=2, show_default=True)
@click.option("--limit", type=int, default=None, help="Show at most this many clusters.")
@click.option("--communities", "with_communities", is_flag=True, help="Also list communities of the relation graph.")
@pass_context
def clusters_cmd(ctx: Context, min_size: int, limit: int | None, with_communities: bool) -> None:
    """Entities tied by shared phones, e-mails, domains, addresses, wallets or registration numbers."""
    from tracegraph.analyse import clusters, communities

    graph = _graph(ctx)
    result = clusters(graph, min_size=min_size, limit=limit)
    found = communities(graph)["communities"] if with_communities else []
    if ctx.as_json:
        for cluster in result["clusters"]:
            ctx.emit({"type": "cluster", **cluster})
        for community in found:
            ctx.emit({"type": "community", **community})
        return
    for n, cluster in enumerate(result["clusters"], 1):
        names = ", ".join(m["caption"] for m in cluster["members"])
        click.echo(f"\ncluster {n} ({cluster['size']} entities, score {cluster['score']}): {names}")
        for tie in cluster["ties"]:
            holders = tie["holders"] if isinstance(tie["holders"], int) else len(tie["holders"])
            note = f"  ({tie['note']})" if tie.get("note") else ""
            click.echo(f"  shares {tie['kind']} {tie['shown']}  [{holders} holders, weight {tie['weight']}]{note}")
            click.echo("\n".join(_evidence(tie.get("evidence", []), limit=1)))
        for tie in cluster["suppressed"]:
            click.echo(f"  ignored {tie['kind']} {tie['value']}: {tie['note']}")
    if not result["clusters"]:
        click.echo("no clusters")
    for tie in result["suppressed"]:
        count = tie["holders"] if isinstance(tie["holders"], int) else len(tie["holders"])
        click.echo(f"\nnot a tie: {tie['kind']} {tie['value']} ({count} holders): {tie['note']}")
    for n, community in enumerate(found, 1):
        names = ", ".join(m["caption"] for m in community["members"][:8])
        click.echo(f"\ncommunity {n} ({community['size']}): {names}")


@analyse.command("successors")
@click.option("--threshold", type=float, default=None, help="Least score to report (default from analyse.yaml).")
@pass_context
def successors_cmd(ctx: Context, threshold: float | None) -> None:
    """Companies that likely continue another (same people or contacts; one ends, the other starts)."""
    from tracegraph.analyse import successors

    found = successors(_graph(ctx), threshold=threshold)["successors"]
    for pair in found:
        if ctx.as_json:
            ctx.emit(pair)
            continue
        recorded = "  (recorded)" if pair["recorded"] else ""
        click.echo(
            f"\n{pair['predecessor']['caption']} -> {pair['successor']['caption']}  score {pair['score']}{recorded}"
        )
        for reason in pair["reasons"]:
            click.echo(f"  +{reason['score']}  {reason['reason']}")
        click.echo("\n".join(_evidence(pair["evidence"])))
    if not found and not ctx.as_json:
        click.echo("no likely successors")


@analyse.command("confirm-successor")
@click.argument("predecessor")
@click.argument("successor")
@click.option("--reason", required=True, help="Why (recorded with the judgement).")
@click.option("--author", default="user", show_default=True)
@pass_context
def confirm_cmd(ctx: Context, predecessor: str, successor: str, reason: str, author: str) -> None:
    """Record that SUCCESSOR continues PREDECESSOR: a judgement and an FtM Succession relation."""
    from tracegraph.analyse import confirm_successor

    done = confirm_successor(ctx.store, _graph(ctx), predecessor, successor, reason, author)
    ctx.emit(
        done,
        lambda d: (
            f"recorded {d['predecessor']['caption']} -> {d['successor']['caption']} "
            f"(judgement {d['judgement']}, relation {d['relation']})"
        ),
    )


@analyse.command("chains")
@click.argument("entity")
@click.option("--max-hops", type=int, default=None)
@click.option("--control", is_flag=True, help="Follow directorships and representation too.")
@pass_context
def chains_cmd(ctx: Context, entity: str, max_hops: int | None, control: bool) -> None:
    """Ownership (and control) chains from ENTITY up to a state body or a listed party."""
    from tracegraph.analyse import chains

    result = chains(_graph(ctx), entity, max_hops=max_hops, control=control)
    if ctx.as_json:
        for chain in result["chains"]:
            ctx.emit({"entity": result["entity"], **chain})
        return
    if not result["chains"]:
        click.echo(f"no owners known for {result['entity']['caption']}")
    for n, chain in enumerate(result["chains"], 1):
        stake = chain["aggregate_percentage"]
        total = f", aggregate stake {stake:g}%" if stake is not None else ""
        ends = chain["ends_at"] or "no further owner known"
        click.echo(f"\nchain {n}: {len(chain['hops'])} hops to {chain['top']['caption']} ({ends}){total}")
        for hop in chain["hops"]:
            pct = f" {hop['percentage']:g}%" if hop["percentage"] is not None else ""
            if hop.get("disputed"):
                pct = " " + "/".join(f"{p:g}%" for p in hop["disputed"]) + " (sources disagree)"
            click.echo(f"  {hop['owner']['caption']} --{hop['label']}{pct}--> {hop['asset']['caption']}")
            click.echo("\n".join(_evidence(hop["evidence"], limit=1)))


@analyse.command("conflicts")
@pass_context
def conflicts_cmd(ctx: Context) -> None:
    """The same property or relation stated differently by different sources, side by side."""
    from tracegraph.analyse import conflicts

    found = conflicts(_graph(ctx))["conflicts"]
    for item in found:
        if ctx.as_json:
            ctx.emit(item)
            continue
        if item["kind"] == "property":
            click.echo(f"\n{item['subject']['caption']}: {item['property']} disputed")
        else:
            period = f" ({item['period']})" if item.get("period") else ""
            click.echo(
                f"\n{item['source']['caption']} --{item['relation']}--> {item['target']['caption']}{period}: "
                f"{item['property']} disputed"
            )
        for claim in item["claims"]:
            click.echo(f"  {claim['value']}")
            click.echo("\n".join(_evidence(claim["sources"], indent="      ")))
    if not found and not ctx.as_json:
        click.echo("no conflicting figures")


def register(group: click.Group) -> None:
    group.add_command(analyse)
