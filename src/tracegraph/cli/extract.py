"""``tracegraph build``: extract entities, relations and events from stored stories."""

from __future__ import annotations

import sys
from typing import Any

import click

from tracegraph.cli.common import Context, pass_context


def _render(data: dict[str, Any]) -> str:
    per = ", ".join(f"{name}: {count}" for name, count in data["by_extractor"].items())
    return (
        f"documents: {data['documents']} ({data['processed']} processed, {data['up_to_date']} up to date, "
        f"{data['failed']} failed)\nstatements written: {data['statements']} ({per}); "
        f"retired (older versions): {data['retired']}\n{data['words']} words in {data['seconds']} s"
        + (f"\nresolution: {data['merges']} new merges" if "merges" in data else "")
    )


@click.command()
@click.option("--extractor", "-e", "extractors", multiple=True, help="Run only this registered extractor (repeatable).")
@click.option("--force", is_flag=True, help="Re-run even on documents already processed at this version.")
@click.option("--list", "list_only", is_flag=True, help="List the registered extractors and exit.")
@click.option("--no-resolve", is_flag=True, help="Skip automatic resolution after extraction.")
@pass_context
def build(ctx: Context, extractors: tuple[str, ...], force: bool, list_only: bool, no_resolve: bool) -> None:
    """Run the extractors over stories not yet processed at their current version, then resolve.

    Re-running is a no-op; a changed extractor version re-does its documents and
    retires the statements of the older version. The substance registry is written
    into the store (idempotent) so recognised substances carry their controls, and
    the automatic resolution rules run last (``tracegraph resolve``). Exit status 1
    if a document failed.
    """
    from tracegraph.extract.runner import steps

    if list_only:
        found = [{"name": s.name, "version": s.version} for s in steps(ctx.settings, extractors or None)]
        ctx.emit(found, lambda rows: "\n".join(f"{r['name']}  {r['version']}" for r in rows))
        return
    from tracegraph.pipeline import build as run_pipeline
    from tracegraph.pipeline import pending_documents

    store = ctx.store
    show = ctx.settings.progress if ctx.settings.progress is not None else sys.stderr.isatty()
    only = list(extractors) or None
    if show and not ctx.as_json:
        with click.progressbar(length=pending_documents(store), label="extracting", file=sys.stderr) as bar:
            data = run_pipeline(store, ctx.settings, only, force=force, resolve=not no_resolve, on_progress=bar.update)
    else:
        data = run_pipeline(store, ctx.settings, only, force=force, resolve=not no_resolve)
    ctx.emit(data, _render)
    if data["failed"]:
        sys.exit(1)


def register(group: click.Group) -> None:
    group.add_command(build)
