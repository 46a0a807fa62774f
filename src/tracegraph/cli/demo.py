"""``tracegraph demo``: the README's first command, on the bundled example corpus.

It runs the main job end to end (ingest, build with resolution) into the
configured store and then shows what an investigator would look at first.
"""

from __future__ import annotations

import click

from tracegraph.cli.common import Context, pass_context
from tracegraph.examples import corpus_path

#: what the tour shows: entities of the fictional network, by name
TOUR_COMPANY = "Harborlight Chemical"
TOUR_PATH = ("Karel Voss", "Ostrava Fine Chemicals")


def _heading(ctx: Context, text: str) -> None:
    if not ctx.as_json:
        click.echo(f"\n== {text}")


@click.command()
@pass_context
@click.pass_context
def demo(click_ctx: click.Context, ctx: Context) -> None:
    """Ingest and build the bundled fictional network, then tour the result."""
    from tracegraph.cli.extract import build
    from tracegraph.cli.graph import path_cmd, show_cmd
    from tracegraph.cli.ingest import ingest
    from tracegraph.cli.substances import listings

    _heading(ctx, f"ingest {corpus_path().name}/ into {ctx.settings.db}")
    try:
        click_ctx.invoke(ingest, paths=(corpus_path(),))
    except SystemExit as exc:  # ingest exits 1 when an input failed; the tour goes on
        if exc.code not in (0, None):
            click.echo("tracegraph: some example inputs failed (see above)", err=True)
    _heading(ctx, "build: extract entities, relations and events; resolve")
    click_ctx.invoke(build, extractors=(), force=False, list_only=False, no_resolve=False)
    _heading(ctx, f"show {TOUR_COMPANY!r}: who owns and runs it, what it sells, who sanctioned it")
    click_ctx.invoke(show_cmd, entity=TOUR_COMPANY)
    _heading(ctx, "path from a sales manager to a second seller site: shared phone, e-mail, address")
    click_ctx.invoke(path_cmd, left=TOUR_PATH[0], right=TOUR_PATH[1], limit=1, no_shared=False)
    _heading(ctx, "seller listings of chemicals controlled where they ship")
    click_ctx.invoke(listings, controlled=True, destination=None)
    if not ctx.as_json:
        click.echo(
            "\nNext: tracegraph search TEXT · show ENTITY · timeline · "
            "export --format ftm -o graph.ftm.json  (store: " + ctx.settings.db + ")"
        )


def register(group: click.Group) -> None:
    group.add_command(demo)
