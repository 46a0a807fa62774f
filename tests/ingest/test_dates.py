"""Issue 9, item 5: a story's date from the page, a relative one anchored on the capture time."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from tracegraph.ingest import ingest_paths
from tracegraph.ingest.dates import captured_at, relative_delta
from tracegraph.ingest.tables import get_meta
from tracegraph.settings import Settings
from tracegraph.store import Store

BODY = (
    "Quarrow Trading Ltd shipped drums of reagent to a broker in Lorvik on June 20, port records show. "
    "The broker, Belmont Logistics, did not answer questions sent on Monday."
)


def test_relative_phrases() -> None:
    assert relative_delta("2 hours ago") == timedelta(hours=2)
    assert relative_delta("an hour ago") == timedelta(hours=1)
    assert relative_delta("three days ago") == timedelta(days=3)
    assert relative_delta("400 days ago") is None  # too far back to trust
    assert relative_delta("yesterday's news") is None


def test_a_page_without_a_date_takes_the_given_date_marked_inferred(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    path = tmp_path / "story.txt"
    path.write_text(f"Drums seized in Lorvik\n\n{BODY}\n")
    ingest_paths(store, [path], settings)
    (doc,) = store.documents()
    assert doc.published is None and not get_meta(store)  # nothing to anchor on: no date invented
    other = tmp_path / "other.txt"
    other.write_text(f"More drums seized in Lorvik\n\n{BODY}\n")
    ingest_paths(store, [other], settings, date="2025-06-27")
    doc = next(d for d in store.documents() if d.title == "More drums seized in Lorvik")
    assert doc.published == "2025-06-27"
    meta = get_meta(store)[doc.id]
    assert meta.date_basis == "capture date" and meta.date_inferred


def test_a_dateline_on_the_page_wins_over_the_given_date(store: Store, settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(f"Drums seized in Lorvik\n\nPublished: March 5, 2024\n\n{BODY}\n")
    ingest_paths(store, [path], settings, date="2025-06-27")
    (doc,) = store.documents()
    assert doc.published == "2024-03-05"
    meta = get_meta(store)[doc.id]
    assert meta.date_basis == "page" and not meta.date_inferred


def test_a_saved_page_anchors_relative_dates_on_its_own_capture_stamp(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    stamp = "<!--\n Page saved with SingleFile\n saved date: Thu Jun 26 2025 10:12:13 GMT+0200 (CEST)\n-->"
    assert captured_at(stamp) is not None
    html = (
        f"<!DOCTYPE html>{stamp}<html><head><title>Drums seized in Lorvik</title></head><body><article>"
        f"<h1>Drums seized in Lorvik</h1><p>Harbour Times</p><p>3 days ago</p><p>{BODY}</p>"
        f"<p>{BODY.replace('June 20', 'June 21')}</p></article></body></html>"
    )
    path = tmp_path / "saved.html"
    path.write_text(html)
    ingest_paths(store, [path], settings)
    (doc,) = [d for d in store.documents() if d.kind == "story"]
    assert doc.published == "2025-06-23"
    assert get_meta(store)[doc.id].date_basis == "relative to the capture time in the file"


def test_the_cli_refuses_a_date_that_is_no_date(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from tracegraph.cli import cli

    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "x.sqlite"), "ingest", "--date", "June", str(tmp_path)])
    assert result.exit_code == 2 and "is not a date" in result.output
