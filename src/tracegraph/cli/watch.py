"""``tracegraph watch``: rules, sources and sinks; one run, or runs on a schedule (thin layer over tracegraph.watch)."""

from __future__ import annotations

from typing import Any

import click

from tracegraph.cli.common import Context, pass_context
from tracegraph.errors import InputError


def _watcher(ctx: Context) -> Any:
    from tracegraph.watch import Watcher

    return Watcher(ctx.store, ctx.settings)


def _render_report(report: dict[str, Any]) -> str:
    lines = [
        f"{report['started']}: {report['new_files']} new files, {report['documents']} new documents, "
        f"{report['statements']} new statements -> {report['alerts']} alerts ({report['duplicates']} repeats skipped)"
    ]
    for alert in report["raised"]:
        lines.append(f"  ! {alert['title']}")
        for ev in alert["evidence"][:1]:
            if ev.get("sentence"):
                lines.append(f'      "{ev["sentence"]}"')
            lines.append(f"      {ev.get('title') or ev.get('record_id') or ev.get('document_id') or ''}")
    for target, count in report["delivered"].items():
        lines.append(
            f"  sent {count} to {target}"
            + (f" ({report['pending'][target]} waiting)" if report["pending"].get(target) else "")
        )
    lines.extend(f"  problem: {p}" for p in report["problems"])
    return "\n".join(lines)


@click.group("watch")
def watch() -> None:
    """Alert when something new matches: an entity within N hops, a name, a substance, a list, a query."""


@watch.command("add")
@click.option("--entity", help="An entity (id or name): alert on new facts and ties within --hops.")
@click.option("--name", "name_", help="A name: alert when it appears in new material.")
@click.option("--substance", help="A substance (name or CAS number): alert on new listings or offers.")
@click.option("--list", "list_", help="A list or dataset: alert on its new entries (new list versions).")
@click.option("--query", help="Words: alert on new documents containing all of them.")
@click.option("--hops", default=1, show_default=True, help="How far from --entity a change may be.")
@click.option("--dataset", "datasets", multiple=True, help="Only changes from this dataset or collection (repeatable).")
@click.option("--folder", help="Watch a folder: new or changed files are ingested.")
@click.option("--feed", help="Watch an RSS or Atom feed (URL or file), fetched with a conditional GET.")
@click.option("--jsonl", help="Send alerts to this JSON-lines file.")
@click.option("--webhook", help="POST each alert as JSON to this URL.")
@click.option("--smtp", help="E-mail alerts through this SMTP server (host:port); needs --mail-to.")
@click.option("--mail-to", help="Recipient for --smtp.")
@click.option("--mail-from", default="tracegraph@localhost", show_default=True)
@click.option(
    "--starttls", is_flag=True, help="Use STARTTLS with --smtp (credentials: TRACEGRAPH_SMTP_USER/_PASSWORD)."
)
@pass_context
def add_cmd(ctx: Context, entity: str | None, name_: str | None, substance: str | None, list_: str | None,
            query: str | None, hops: int, datasets: tuple[str, ...], folder: str | None, feed: str | None,
            jsonl: str | None, webhook: str | None, smtp: str | None, mail_to: str | None, mail_from: str,
            starttls: bool) -> None:  # fmt: skip
    """Add a rule, a source (--folder, --feed) or a sink (--jsonl, --webhook, --smtp)."""
    from tracegraph.watch import Rule, Sink, Source

    items: list[Rule | Source | Sink] = []
    for kind, value in (
        ("entity", entity),
        ("name", name_),
        ("substance", substance),
        ("list", list_),
        ("query", query),
    ):
        if value:
            items.append(Rule(kind, value, hops=hops, datasets=tuple(datasets)))
    if folder:
        items.append(Source("folder", folder))
    if feed:
        items.append(Source("feed", feed))
    if jsonl:
        items.append(Sink("jsonl", jsonl))
    if webhook:
        items.append(Sink("webhook", webhook))
    if smtp:
        if not mail_to:
            raise InputError("--smtp needs --mail-to")
        options = {"to": mail_to, "from": mail_from, **({"starttls": "yes"} if starttls else {})}
        items.append(Sink("email", smtp, options))
    if not items:
        raise InputError("nothing to add: give a rule (--entity, --name, ...), a source or a sink")
    watcher = _watcher(ctx)
    for item in items:
        added = watcher.add(item)
        what = (
            item.describe()
            if isinstance(item, Rule)
            else f"{item.kind} {getattr(item, 'location', None) or getattr(item, 'target', '')}"
        )
        ctx.emit({"id": item.id, "added": added, "what": what},
                 lambda d: f"{'added' if d['added'] else 'already there'}: {d['what']} ({d['id']})")  # fmt: skip


@watch.command("list")
@pass_context
def list_cmd(ctx: Context) -> None:
    """Rules, sources and sinks."""
    config = _watcher(ctx).config.to_dict()
    if ctx.as_json:
        ctx.emit(config)
        return
    for section in ("rules", "sources", "sinks"):
        click.echo(f"{section}:")
        for item in config[section]:
            fields = {k: v for k, v in item.items() if k != "id" and v not in (None, [], {})}
            click.echo(f"  {item['id']}  " + "  ".join(f"{k}={v}" for k, v in fields.items()))


@watch.command("remove")
@click.argument("item_id")
@pass_context
def remove_cmd(ctx: Context, item_id: str) -> None:
    """Remove a rule, source or sink by id (or id prefix)."""
    removed = _watcher(ctx).remove(item_id)
    ctx.emit({"removed": removed}, lambda d: f"removed {d['removed']}")


@watch.command("run")
@click.option("--since", default=None, help="Look at changes since this time (ISO) instead of the last run.")
@pass_context
def run_cmd(ctx: Context, since: str | None) -> None:
    """One pass: ingest what is new in the sources, match the rules, send the alerts."""
    report = _watcher(ctx).run(since=since).to_dict()
    ctx.emit(report, _render_report)


@watch.command("serve")
@click.option("--interval", default=300.0, show_default=True, help="Seconds between runs.")
@click.option("--max-runs", type=int, default=None, help="Stop after this many runs.")
@pass_context
def serve_cmd(ctx: Context, interval: float, max_runs: int | None) -> None:
    """Run on a schedule until interrupted; a failing pass is reported and the next one goes on."""
    watcher = _watcher(ctx)
    watcher.serve(interval, max_runs=max_runs, on_report=lambda r: ctx.emit(r.to_dict(), _render_report))


@watch.command("alerts")
@click.option("--limit", default=20, show_default=True)
@pass_context
def alerts_cmd(ctx: Context, limit: int) -> None:
    """The latest alerts raised (the journal)."""
    for alert in _watcher(ctx).alerts()[-limit:]:
        ctx.emit(alert, lambda a: f"{a['raised_at']}  {a['title']}  [{a['id']}]")


def register(group: click.Group) -> None:
    group.add_command(watch)
