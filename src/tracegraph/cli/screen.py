"""Watchlist commands: ``lists load``, ``lists status``, ``screen`` (a name or a CSV file) and ``flags``."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import click
import orjson

from tracegraph.cli.common import Context, pass_context, progress, table
from tracegraph.errors import InputError, TracegraphError

if TYPE_CHECKING:
    from tracegraph.screen.matcher import Matcher


@click.group("lists")
def lists_group() -> None:
    """Load sanctions lists and see what is loaded."""


@lists_group.command("load")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--list",
    "list_name",
    help="us_ofac_sdn, us_ofac_cons, un_sc_sanctions, us_trade_csl or a dataset name "
    "for FtM JSON (short forms ofac_sdn, un_sc, us_csl, ftm); guessed from the file names otherwise.",
)
@click.option(
    "--allow-shrink", is_flag=True, help="Accept a version that delists more than a fifth of the list's entries."
)
@pass_context
def load(ctx: Context, files: tuple[Path, ...], list_name: str | None, allow_shrink: bool) -> None:
    """Load the FILES of one list (e.g. sdn.csv add.csv alt.csv sdn_comments.csv) into the store.

    The files become the list's new version only when they are complete and plausible;
    otherwise nothing changes and the command says why.
    """
    from tracegraph.screen.loader import load_list
    from tracegraph.screen.persist import stored_index

    report = load_list(ctx.store, list(files), list_name, allow_shrink=allow_shrink)
    for problem in report.problems[:10]:
        click.echo(f"tracegraph: skipped {problem}", err=True)
    stored_index(ctx.store, rebuild=True)  # once per load, so that screening opens it in milliseconds

    def text(data: dict[str, Any]) -> str:
        return (
            f"{data['list_name']}: {data['records']} records, {data['statements']} statements, "
            f"{data['malformed']} malformed; {data['added']} added, {data['changed']} changed, "
            f"{data['delisted']} delisted, {data['relisted']} relisted in {data['seconds']}s"
        )

    ctx.emit(report.to_dict(), text)


@lists_group.command("status")
@pass_context
def status(ctx: Context) -> None:
    """Entries per list: active and delisted."""
    from tracegraph.screen.loader import list_status

    rows = list_status(ctx.store)
    if ctx.as_json:
        for row in rows:
            ctx.emit(row)
        return
    click.echo(
        table(
            [[r["list"], str(r["active"]), str(r["delisted"]), r["last_seen"]] for r in rows],
            ["list", "active", "delisted", "last seen"],
        )
    )


@lists_group.command("diff")
@click.option("--list", "list_name", default=None, help="Only this list.")
@click.option("--since", default=None, help="Every change after this date (YYYY-MM-DD); default: the newest load.")
@pass_context
def diff(ctx: Context, list_name: str | None, since: str | None) -> None:
    """Entries added, changed, delisted and relisted by the newest load of each list (or since a date)."""
    from tracegraph.screen.loader import list_changes

    rows = list_changes(ctx.store, list_name, since)
    if ctx.as_json:
        for row in rows:
            ctx.emit(row)
        return
    if not rows:
        click.echo("no changes")
        return
    click.echo(
        table(
            [[r["date"][:19], r["list"], r["change"], r["caption"] or "", r["record_id"]] for r in rows],
            ["date", "list", "change", "name", "record"],
        )
    )


_NAME_COLS = ("name", "full_name", "caption")
_DOB_COLS = ("birth_date", "date_of_birth", "birthDate", "dob")
_COUNTRY_COLS = ("country", "nationality", "jurisdiction")
_ID_COLS = ("identifier", "id_number", "registration_number", "registrationNumber")


def _read_queries(path: Path, schema: str) -> Iterator[tuple[int, dict[str, str], Any]]:
    from tracegraph.screen.features import Query
    from tracegraph.screen.importers.text import read_text, tolerant_rows

    text, _ = read_text(path)
    reader = csv.DictReader(io.StringIO(text), dialect="excel-tab" if path.suffix.lower() == ".tsv" else "excel")
    try:
        cols = [c.strip() for c in reader.fieldnames or []]
    except csv.Error as exc:
        raise InputError(f"not a readable CSV header: {exc}", subject=str(path)) from None
    reader.fieldnames = cols
    name_col = next((c for c in _NAME_COLS if c in cols), None)
    if name_col is None:
        raise InputError(
            f"no name column (one of {', '.join(_NAME_COLS)}); found: {', '.join(cols)[:200]}", subject=str(path)
        )

    def pick(row: dict[str, str], options: tuple[str, ...]) -> list[str]:
        return [row[c].strip() for c in options if c in row and row[c] and row[c].strip()]

    for row in tolerant_rows(reader):
        if isinstance(row, csv.Error):
            yield reader.line_num, {"error": f"unreadable row: {row}"}, None
            continue
        clean = {k: (v if isinstance(v, str) else "") for k, v in row.items() if k is not None}
        query = Query(
            names=[clean[name_col]],
            schema=clean.get("schema") or schema,
            birth_dates=pick(clean, _DOB_COLS),
            countries=pick(clean, _COUNTRY_COLS),
            identifiers=pick(clean, _ID_COLS),
        )
        yield reader.line_num, clean, query


#: file name endings that make the target of ``screen`` a file, never a name
_FILE_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xls", ".json", ".jsonl")
#: spreadsheet programs run a cell that starts with one of these as a formula
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _is_file_target(path: Path) -> bool:
    """A CSV file to screen; a path that is not one is an error, never a name to screen."""
    looks_like_file = path.suffix.lower() in _FILE_SUFFIXES and " " not in path.name
    if not (looks_like_file or path.is_file()):
        return False
    if not path.exists():
        raise InputError("no such file", subject=str(path))
    if not path.is_file():
        raise InputError("not a regular file", subject=str(path))
    if path.suffix.lower() not in (".csv", ".tsv"):
        raise InputError(
            "not a CSV file: batch screening reads .csv or .tsv files with a name column", subject=str(path)
        )
    return True


def _cell(value: object) -> str:
    """A value for a CSV cell that a spreadsheet will show, not run: formula characters escaped with a quote."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA) else text


def _open_out(output: str | None) -> TextIO:
    if output in (None, "-"):
        return sys.stdout
    return open(output, "w", encoding="utf-8", newline="")


@click.command("screen")
@click.argument("target")
@click.option("--schema", default="LegalEntity", show_default=True, help="Person, Company, Organization, Vessel...")
@click.option("--country", multiple=True, help="Country (name or ISO code); repeatable.")
@click.option("--birth-date", "birth_dates", multiple=True, help="YYYY, YYYY-MM or YYYY-MM-DD; repeatable.")
@click.option("--identifier", multiple=True, help="Registration, passport or tax number; repeatable.")
@click.option("--threshold", type=click.FloatRange(0, 1), default=None, help="Score for a match (default 0.85).")
@click.option("--limit", type=click.IntRange(1, 100), default=5, show_default=True)
@click.option("--list", "lists", multiple=True, help="Only these lists (e.g. un_sc_sanctions); repeatable.")
@click.option("-o", "--output", default=None, help="Batch output: .csv or .jsonl file, '-' for JSON lines on stdout.")
@pass_context
def screen(
    ctx: Context,
    target: str,
    schema: str,
    country: tuple[str, ...],
    birth_dates: tuple[str, ...],
    identifier: tuple[str, ...],
    threshold: float | None,
    limit: int,
    lists: tuple[str, ...],
    output: str | None,
) -> None:
    """Screen a NAME, or every row of a CSV file, against the loaded lists."""
    from tracegraph.match.features import Query

    path = Path(target)
    batch = _is_file_target(path)
    matcher = None if batch else _lean_matcher(ctx, schema)
    if matcher is None:
        from tracegraph.screen.build import matcher_from_store

        matcher = matcher_from_store(ctx.store)  # rebuilds the index file when it is missing or stale
    if len(matcher.index) == 0:
        raise InputError("no lists are loaded; run: tracegraph lists load FILE...")
    if batch:
        _batch(ctx, matcher, path, schema, threshold, limit, output, set(lists) or None)
        return
    query = Query([target], schema, list(birth_dates), list(country), list(identifier))
    results = matcher.match(query, limit=limit, threshold=threshold, datasets=set(lists) or None)
    data = {"query": target, "matched": any(r.match for r in results), "results": [r.to_dict() for r in results]}

    def text(d: dict[str, Any]) -> str:
        if not d["results"]:
            shown = target if len(target) <= 80 else target[:77] + "..."
            return f"no match for {shown!r}"
        lines = []
        for r in d["results"]:
            mark = "MATCH" if r["match"] else "     "
            topics = f"; topics: {', '.join(r['topics'])}" if r.get("topics") else ""
            lines.append(
                f"{mark} {r['score']:.3f}  {r['caption']} [{r['schema']}; {', '.join(r['datasets'])}{topics}] {r['id']}"
            )
            lines.extend(f"        {key}: {why}" for key, why in r["reasons"].items())
        return "\n".join(lines)

    ctx.emit(data, text)


def _lean_matcher(ctx: Context, schema: str) -> Matcher | None:
    """A matcher over the store's index file read without numpy, FtM or SQLAlchemy, when the file is current
    and answers a query of this schema alone; ``None`` otherwise (the caller takes the full path)."""
    from tracegraph.screen.lean import open_lean
    from tracegraph.screen.matcher import Matcher

    index = open_lean(ctx.settings.db_path)
    if index is None:
        return None
    if not index.covers(schema):
        index.close()
        return None
    return Matcher(index)


def _batch(
    ctx: Context,
    matcher: Any,
    path: Path,
    schema: str,
    threshold: float | None,
    limit: int,
    output: str | None,
    lists: set[str] | None,
) -> None:
    as_csv = bool(output and output.lower().endswith(".csv"))
    out = _open_out(output)
    writer = csv.writer(out) if as_csv else None
    if writer:
        writer.writerow(
            ["line", "query", "matched", "score", "id", "caption", "schema", "datasets", "topics", "reasons", "error"]
        )
    counts = {"rows": 0, "matched": 0, "errors": 0}
    try:
        for line, row, query in progress(_read_queries(path, schema), None, "screening"):
            counts["rows"] += 1
            try:
                if query is None:
                    raise InputError(row["error"], subject=f"{path}:{line}")
                results = matcher.match(query, limit=limit, threshold=threshold, datasets=lists)
                error = None
            except TracegraphError as exc:
                results, error = [], exc.message
                counts["errors"] += 1
            hits = [r for r in results if r.match]
            counts["matched"] += bool(hits)
            if writer:
                top = hits[0] if hits else None
                writer.writerow(
                    _cell(v)
                    for v in [
                        line,
                        query.names[0] if query is not None else "",
                        bool(hits),
                        f"{top.score:.4f}" if top else "",
                        top.entity.id if top else "",
                        top.entity.caption if top else "",
                        top.entity.schema if top else "",
                        ";".join(top.entity.datasets) if top else "",
                        ";".join(top.entity.values("topics")) if top else "",
                        " | ".join(top.reasons.values()) if top else "",
                        error or "",
                    ]
                )
            else:
                record = {
                    "line": line,
                    "query": row,
                    "matched": bool(hits),
                    "error": error,
                    "results": [r.to_dict() for r in results],
                }
                out.write(orjson.dumps(record).decode() + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    if output not in (None, "-"):
        ctx.emit(
            {"file": str(path), "output": output, **counts},
            f"{counts['rows']} rows screened, {counts['matched']} matched, {counts['errors']} bad rows -> {output}",
        )


@click.command("flags")
@click.option("--threshold", type=click.FloatRange(0, 1), default=None, help="Name-match threshold (default 0.85).")
@click.option("--kind", type=click.Choice(["listed", "owned_by_listed", "shares_identifier"]), default=None)
@pass_context
def flags(ctx: Context, threshold: float | None, kind: str | None) -> None:
    """Entities of the graph that are listed, owned by a listed party, or share an identifier with one."""
    from tracegraph.screen.flags import compute_flags
    from tracegraph.screen.matcher import DEFAULT_THRESHOLD

    found = compute_flags(ctx.store, threshold if threshold is not None else DEFAULT_THRESHOLD)
    found = [f for f in found if kind is None or f.kind == kind]
    if not found and not ctx.as_json:
        click.echo("no flags")
    for flag in found:
        ctx.emit(
            flag.to_dict(), lambda d: f"{d['kind']:<18} {d['caption']}  ({d['entity_id']})\n    {d['explanation']}"
        )


def register(group: click.Group) -> None:
    group.add_command(lists_group)
    group.add_command(screen)
    group.add_command(flags)
