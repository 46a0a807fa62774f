"""``tracegraph link FILE.csv --against graph|lists|FILE2.csv [--engine duckdb|spark]``: record linkage on Splink."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from tracegraph.cli.common import Context, pass_context
from tracegraph.errors import InputError

#: problems shown one per line on stderr before the count of the rest
SHOWN_PROBLEMS = 20


def _columns(values: tuple[str, ...]) -> dict[str, str]:
    found: dict[str, str] = {}
    for value in values:
        key, sep, header = value.partition("=")
        if not sep or not key.strip() or not header.strip():
            raise InputError(f"--column wants FIELD=HEADER, got {value!r}")
        found[key.strip()] = header.strip()
    return found


@click.command("link")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--against",
    default=None,
    help="graph (the case material), lists (loaded sanctions lists) or a second CSV file; "
    "leave out to find duplicates inside FILE.",
)
@click.option("--engine", type=click.Choice(["duckdb", "spark"]), default="duckdb", show_default=True)
@click.option(
    "--threshold",
    type=click.FloatRange(0, 1, min_open=True),
    default=0.9,
    show_default=True,
    help="Match probability at which a pair is judged the same and clustered.",
)
@click.option(
    "--review",
    type=click.FloatRange(0, 1, min_open=True),
    default=0.5,
    show_default=True,
    help="Pairs from this probability up go into the review file.",
)
@click.option(
    "--column",
    "columns",
    multiple=True,
    help="FIELD=HEADER: name, country, birth_date, identifier, schema, id; for text: brand, price, people, year.",
)
@click.option(
    "--pairs",
    "pairs_out",
    type=click.Path(path_type=Path),
    default=None,
    help="Write the pairs for review here (.csv, or .json for JSON lines).",
)
@click.option(
    "--kind",
    type=click.Choice(["auto", "party", "text"]),
    default="auto",
    show_default=True,
    help="What the name column holds: party names, or the text of things (product titles: model numbers "
    "and words compared; a publication's authors and year; nothing stored). auto: text when the file has a price, "
    "brand or authors column.",
)
@click.option(
    "--one-to-one",
    is_flag=True,
    help="Both files are free of duplicates (two catalogues, two registers): link each row to one row of the "
    "other file at most, the best for both (Splink's single best links).",
)
@click.option("--dry-run", is_flag=True, help="Score only: store neither the rows nor judgements.")
@pass_context
def link(
    ctx: Context,
    file: Path,
    against: str | None,
    engine: str,
    threshold: float,
    review: float,
    columns: tuple[str, ...],
    pairs_out: Path | None,
    kind: str,
    one_to_one: bool,
    dry_run: bool,
) -> None:
    """Link the rows of FILE to the graph, the lists or FILE2 with Splink; explain every pair, record judgements.

    Pairs at or above --threshold become merge judgements (undo with `tracegraph split`);
    pairs from --review up are listed with each comparison's match weight.
    """
    from tracegraph.link import link_file, write_pairs

    review = min(review, threshold)
    store = None if dry_run and against not in ("graph", "lists") else ctx.store
    result = link_file(
        store,
        file,
        against,
        engine=engine,
        threshold=threshold,
        review=review,
        columns=_columns(columns),
        write=not dry_run,
        kind=kind,
        one_to_one=one_to_one,
    )
    for problem in result.problems[:SHOWN_PROBLEMS]:
        click.echo(f"tracegraph: {problem}", err=True)
    if len(result.problems) > SHOWN_PROBLEMS:
        click.echo(f"tracegraph: ... and {len(result.problems) - SHOWN_PROBLEMS} more problems", err=True)
    if pairs_out is not None:
        write_pairs(result, pairs_out)
    summary = {**result.summary(), "file": str(file), "against": against or "itself", "output": str(pairs_out or "")}

    def text(data: dict[str, Any]) -> str:
        sides = ", ".join(f"{v} {k}" for k, v in data["records"].items())
        lines = [
            f"{data['file']} against {data['against']} on {data['engine']}: {sides}; {data['pairs']} pairs "
            f"(>= {review}), {data['clusters']} clusters, {data['judgements']} judgements in {data['seconds']}s"
        ]
        if pairs_out is None:
            lines += [f"  {p.probability:.3f}  {p.left_name}  <->  {p.right_name}" for p in result.pairs[:20]]
        return "\n".join(lines)

    ctx.emit(summary, text)
    if ctx.as_json and pairs_out is None:
        for pair in result.pairs:
            ctx.emit({**pair.to_dict(), "reason": pair.reason()})


def register(group: click.Group) -> None:
    group.add_command(link)
