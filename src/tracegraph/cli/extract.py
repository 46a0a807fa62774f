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
    from tracegraph.extract.extractors import default_extractors
    from tracegraph.extract.runner import build as run_build
    from tracegraph.extract.runner import steps

    if list_only:
        found = [{"name": s.name, "version": s.version} for s in steps(ctx.settings, extractors or None)]
        ctx.emit(found, lambda rows: "\n".join(f"{r['name']}  {r['version']}" for r in rows))
        return
    names = list(extractors) or default_extractors()
    store = ctx.store
    show = ctx.settings.progress if ctx.settings.progress is not None else sys.stderr.isatty()
    if show and not ctx.as_json:
        total = int(store.query("SELECT COUNT(*) FROM documents WHERE retired_at IS NULL")[0][0])
        with click.progressbar(length=total, label="extracting", file=sys.stderr) as bar:
            summary = run_build(store, ctx.settings, names, force=force, on_progress=bar.update)
    else:
        summary = run_build(store, ctx.settings, names, force=force)
    data = summary.to_dict()
    if not extractors:
        from tracegraph.substances.registry import import_registry

        import_registry(store)
    if not no_resolve:
        from tracegraph.resolve import resolve

        data["merges"] = len(resolve(store))
    ctx.emit(data, _render)
    if summary.failed:
        sys.exit(1)


def register(group: click.Group) -> None:
    group.add_command(build)
