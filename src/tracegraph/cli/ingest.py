"""Commands over inputs and the store: ``ingest``, ``docs``, ``doc`` and ``stats``."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import click

from tracegraph.cli.common import Context, pass_context, progress, table
from tracegraph.errors import InputError, NotFoundError
from tracegraph.ingest.tables import DocumentMeta, get_meta
from tracegraph.store import Document, Store
from tracegraph.store.queries.ingest import document_ids_starting


def _render_stats(data: dict[str, Any]) -> str:
    lines = [f"{key}: {value}" for key, value in data.items() if key != "entities_by_schema"]
    for schema, count in data["entities_by_schema"].items():
        lines.append(f"  {schema}: {count}")
    return "\n".join(lines)


@click.command()
@pass_context
def stats(ctx: Context) -> None:
    """Counts of sources, documents, statements and entities in the store."""
    ctx.emit(ctx.store.stats(), _render_stats)


def _render_report(data: dict[str, Any]) -> str:
    return (
        f"sources read: {data['read']}, skipped (unchanged): {data['skipped']}, failed: {data['failed']}\n"
        f"documents: {data['documents']} stored, {data['retired']} retired; "
        f"furniture lines dropped: {data['furniture']}; record statements: {data['statements']}"
        + (f"; bad record lines: {data['bad_lines']}" if data["bad_lines"] else "")
    )


def _check_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from exc


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--follow-symlinks", is_flag=True, help="Follow symbolic links that lead out of the given folders.")
@click.option(
    "--date",
    "capture_date",
    callback=_check_date,
    help="The day the pages were captured (YYYY-MM-DD): relative dates such as '2 hours ago' count from it.",
)
@pass_context
def ingest(ctx: Context, paths: tuple[Path, ...], follow_symlinks: bool, capture_date: str | None) -> None:
    """Read files and folders (text, HTML, Markdown, PDF, FtM JSON lines) into the store.

    Unchanged files are skipped. Each input that fails (and each special file, link
    loop or undecodable file) is named on stderr with a one-line reason; the others
    still load. Exit status 1 if any input failed.
    """
    from tracegraph.ingest import ingest_paths

    def bar(files: list[Path]) -> Iterable[Path]:
        return progress(files, len(files), "ingest", ctx.settings.progress)

    report = ingest_paths(
        ctx.store, list(paths), ctx.settings, progress=bar, follow_symlinks=follow_symlinks, date=capture_date
    )
    for uri, reason in report.failures:
        click.echo(f"tracegraph: failed: {uri}: {reason}", err=True)
    for uri, reason in report.warnings:
        click.echo(f"tracegraph: warning: {uri}: {reason}", err=True)
    for uri, reason in report.not_followed:
        click.echo(f"tracegraph: skipped: {uri}: {reason}", err=True)
    ctx.emit(report.to_dict(), _render_report)
    if report.failed or report.bad_lines:
        raise SystemExit(1)


def _doc_row(doc: Document, meta: DocumentMeta | None = None) -> dict[str, Any]:
    return {
        "id": doc.id,
        "seq": doc.seq,
        "title": doc.title,
        "published": doc.published,
        "outlet": doc.outlet,
        "chars": len(doc.text),
        "kind": doc.kind,
        "parent_id": meta.parent_id if meta else None,
        "date_basis": meta.date_basis if meta else None,
        "date_inferred": bool(meta and meta.date_inferred),
    }


def _count(docs: list[dict[str, Any]]) -> str:
    stories = sum(1 for d in docs if d["kind"] != "teaser")
    teasers = len(docs) - stories
    return f"{stories} stories" + (f", {teasers} teasers" if teasers else "")


def _render_sources(rows: list[dict[str, Any]]) -> str:
    out = []
    for src in rows:
        status = src["status"] if src["status"] == "ok" else f"{src['status']}: {src['error']}"
        count = "records" if src["format"] == "ftm" else _count(src["documents"])
        out.append(f"{src['uri']}  [{src['format']}, {src['encoding'] or '-'}, {status}] {count}")
        for doc in src["documents"]:
            date = f"{doc['published']} (inferred)" if doc["published"] and doc["date_inferred"] else doc["published"]
            meta = ", ".join(v for v in (doc["outlet"], date) if v)
            teaser = "  teaser" if doc["kind"] == "teaser" else ""
            teaser += f" of {doc['parent_id'][:16]}" if doc["parent_id"] else ""
            out.append(
                f"  {doc['id'][:16]}  {doc['seq']:>3}  {doc['title'] or '(untitled)'}"
                + (f"  ({meta})" if meta else "")
                + f"  [{doc['chars']} chars]{teaser}"
            )
    docs = [d for s in rows for d in s["documents"]]
    out.append(f"{len(rows)} sources, {_count(docs)}")
    return "\n".join(out)


@click.command()
@click.option("--failed", is_flag=True, help="Only sources that failed.")
@pass_context
def docs(ctx: Context, failed: bool) -> None:
    """Sources with their stories: titles, outlets, dates and sizes."""
    store = ctx.store
    by_source: dict[str, list[dict[str, Any]]] = {}
    metas = get_meta(store)
    for doc in store.documents():
        by_source.setdefault(doc.source_id, []).append(_doc_row(doc, metas.get(doc.id)))
    rows = []
    for src in store.sources():
        if failed and src.status != "failed":
            continue
        rows.append(
            {
                "id": src.id,
                "uri": src.uri,
                "format": src.format,
                "encoding": src.encoding,
                "status": src.status,
                "error": src.error,
                "documents": by_source.get(src.id, []),
            }
        )
    if ctx.as_json:
        for row in rows:
            ctx.emit(row)
        return
    ctx.emit(rows, _render_sources)


def find_document(store: Store, ident: str) -> Document:
    """A document by id or unique id prefix (``doc-`` may be left off)."""
    if not ident.strip():
        raise InputError("empty document id")
    prefix = ident if ident.startswith("doc-") else f"doc-{ident}"
    found = document_ids_starting(store, prefix)
    if not found:
        raise NotFoundError("no such document", subject=ident)
    if len(found) > 1:
        raise InputError("ambiguous document id prefix; give more characters", subject=ident)
    return store.document(found[0])


@click.command()
@click.argument("ident")
@pass_context
def doc(ctx: Context, ident: str) -> None:
    """One document's cleaned text with its provenance (ID or an unambiguous prefix)."""
    store = ctx.store
    document = find_document(store, ident)
    source = store.source(document.source_id)
    first = document.offsets[0] if document.offsets else None
    last = document.offsets[-1] if document.offsets else None
    data = {
        **_doc_row(document, get_meta(store, [document.id]).get(document.id)),
        "source_id": source.id,
        "source_uri": source.uri,
        "format": source.format,
        "encoding": source.encoding,
        "raw_span": [first[1], last[1] + last[2]] if first and last else None,
        "url": document.url,
        "retired_at": document.retired_at,
        "text": document.text,
    }

    def render(d: dict[str, Any]) -> str:
        head = [
            ["id", d["id"]],
            ["source", d["source_uri"]],
            ["format", f"{d['format']} ({d['encoding'] or '-'})"],
            ["raw span", f"{d['raw_span'][0]}-{d['raw_span'][1]}" if d["raw_span"] else "-"],
            ["title", d["title"] or "-"],
            ["date", (d["published"] or "-") + (f" ({d['date_basis']})" if d["date_basis"] else "")],
            ["outlet", d["outlet"] or "-"],
        ]
        if d["parent_id"]:
            head.append(["teaser of", d["parent_id"]])
        if d["retired_at"]:
            head.append(["retired", d["retired_at"]])
        return table(head, ["field", "value"]) + "\n\n" + str(d["text"])

    ctx.emit(data, render)


def register(group: click.Group) -> None:
    for command in (stats, ingest, docs, doc):
        group.add_command(command)
