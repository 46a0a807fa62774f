"""Resolution commands: resolve (and its review of the uncertain middle), merge, split, distinct."""

from __future__ import annotations

from typing import Any

import click

from tracegraph.cli.common import Context, pass_context
from tracegraph.graph.refs import resolve_ref


def _entity_ref(ctx: Context, ref: str) -> str:
    """An entity id for a judgement: an id as given, or the one entity with exactly that name."""
    if ctx.store.has_entity(ref):
        return ref
    return resolve_ref(ctx.store, ref, exact=True)


def _render_judgement(j: dict[str, Any]) -> str:
    undone = f" (undone {j['undone_at']})" if j.get("undone_at") else ""
    return f"{j['created_at']}  {j['kind']:8s} {j['left_id']} {j['right_id']}  by {j['author']}: {j['reason']}{undone}"


def _render_pair(row: dict[str, Any]) -> str:
    left = "; ".join(row["left_names"][:3]) or row["left"]
    right = "; ".join(row["right_names"][:3]) or row["right"]
    lines = [f"{row['score']:.2f}  {row['left']}  {left}", f"      {row['right']}  {right}"]
    lines.extend(f"      {key}: {reason}" for key, reason in row["reasons"].items())
    return "\n".join(lines)


@click.command("resolve")
@click.option("--list", "show_list", is_flag=True, help="List the recorded judgements instead (with undone ones).")
@click.option(
    "--review", is_flag=True, help="List scored pairs in the uncertain middle (--low to --high), with reasons."
)
@click.option("--low", type=float, default=None, help="Review pairs scoring at least this (default 0.7).")
@click.option("--high", type=float, default=None, help="... and less than this (default 0.95, the automatic merge).")
@click.option("--limit", type=int, default=50, show_default=True, help="At most this many pairs under --review.")
@pass_context
def resolve_cmd(ctx: Context, show_list: bool, review: bool, low: float | None, high: float | None, limit: int) -> None:
    """Merge entities automatically (blocks, scored pairs, judgements), each merge with its reason.

    With --review, list the pairs the resolver scored between --low and --high that no
    judgement has settled; record what you decide with `merge` or `distinct`.
    """
    from tracegraph.resolve.rules import AUTO_MERGE, REVIEW_FROM

    if show_list:
        for judgement in ctx.store.judgements(include_undone=True):
            ctx.emit(judgement, _render_judgement)
        return
    if review:
        from tracegraph.resolve.uncertain import review as review_pairs

        rows = review_pairs(ctx.store, REVIEW_FROM if low is None else low, AUTO_MERGE if high is None else high, limit)
        for row in rows:
            ctx.emit(row, _render_pair)
        if not ctx.as_json:
            click.echo(f"{len(rows)} pairs to review")
        return
    from tracegraph.resolve import resolve

    merges = resolve(ctx.store)
    if ctx.as_json:
        for m in merges:
            ctx.emit(m.to_dict())
        return
    for m in merges:
        click.echo(f"merged {m.left} + {m.right} -> {m.canonical}: {m.reason}")
    click.echo(f"{len(merges)} merges")


@click.command("merge")
@click.argument("left")
@click.argument("right")
@click.option("--reason", required=True, help="Why these are the same entity (recorded).")
@click.option("--force", is_flag=True, help="Merge even incompatible types (Person with Company).")
@pass_context
def merge_cmd(ctx: Context, left: str, right: str, reason: str, force: bool) -> None:
    """Record that LEFT and RIGHT (ids or names) are one entity."""
    from tracegraph.resolve import merge

    found = merge(ctx.store, _entity_ref(ctx, left), _entity_ref(ctx, right), reason, force=force)
    ctx.emit(found.to_dict(), lambda d: f"merged {d['left']} + {d['right']} -> {d['canonical']}")


@click.command("split")
@click.argument("entity")
@click.option("--reason", default="split by hand", help="Why (recorded).")
@pass_context
def split_cmd(ctx: Context, entity: str, reason: str) -> None:
    """Undo the merges of ENTITY's cluster; its members stand alone again."""
    from tracegraph.resolve import split

    members = split(ctx.store, _entity_ref(ctx, entity), reason)
    ctx.emit({"split": members}, lambda d: "split into: " + ", ".join(d["split"]))


@click.command("distinct")
@click.argument("left")
@click.argument("right")
@click.option("--reason", required=True, help="Why these are different entities (recorded).")
@pass_context
def distinct_cmd(ctx: Context, left: str, right: str, reason: str) -> None:
    """Record that LEFT and RIGHT (ids or names) are different: automatic resolution never joins them."""
    from tracegraph.resolve import distinct

    found = distinct(ctx.store, _entity_ref(ctx, left), _entity_ref(ctx, right), reason)
    ctx.emit(found, lambda d: f"distinct {d['left']} / {d['right']}: {d['reason']}")


def register(group: click.Group) -> None:
    for command in (resolve_cmd, merge_cmd, split_cmd, distinct_cmd):
        group.add_command(command)
