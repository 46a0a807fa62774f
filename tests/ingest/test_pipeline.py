"""The ingest pipeline: idempotence, re-reads, failures that do not stop the batch."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ingest.conftest import make_pdf
from tracegraph.errors import StoreError
from tracegraph.ingest import ingest_paths, source_id_for
from tracegraph.settings import Settings
from tracegraph.store import Store
from tracegraph.store.sqlite import SQLiteStore


@pytest.fixture
def corpus(tmp_path: Path, fixtures: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("multi_story.txt", "page.html", "notes.md", "records.jsonl"):
        shutil.copy(fixtures / name, folder / name)
    make_pdf(folder / "memo.pdf", "Belmont Logistics leased the warehouse.")
    return folder


def _doc_count(store: Store) -> int:
    return int(store.query("SELECT COUNT(*) FROM documents")[0][0])


def test_a_folder_of_mixed_formats_is_ingested(store: Store, settings: Settings, corpus: Path) -> None:
    report = ingest_paths(store, [corpus], settings)
    assert report.read == 5
    assert report.documents == 3 + 1 + 2 + 1 + 2  # the last two: teasers of multi_story.txt
    assert sum(1 for d in store.documents() if d.kind == "teaser") == 2
    assert report.statements > 0
    formats = {Path(s.uri).name: s.format for s in store.sources()}
    assert formats == {
        "multi_story.txt": "text",
        "page.html": "html",
        "notes.md": "markdown",
        "records.jsonl": "ftm",
        "memo.pdf": "pdf",
    }


def test_reingesting_is_a_no_op(store: Store, settings: Settings, corpus: Path) -> None:
    first = ingest_paths(store, [corpus], settings)
    before = store.stats()
    again = ingest_paths(store, [corpus], settings)
    assert again.read == 0
    assert again.skipped == first.read
    after = store.stats()
    for key in ("sources", "documents", "statements", "entities"):
        assert after[key] == before[key], key


def test_ids_are_deterministic_across_stores(tmp_path: Path, corpus: Path) -> None:
    ids = []
    for name in ("a.sqlite", "b.sqlite"):
        with SQLiteStore(tmp_path / name) as opened:
            ingest_paths(opened, [corpus], Settings(db=str(tmp_path / name)))
            ids.append(sorted(d.id for d in opened.documents()))
    assert ids[0] == ids[1]


def test_a_changed_file_is_reread_without_duplicates(store: Store, settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("Port closes early\n\nThe port of Lorvik closed early on Friday because of a storm warning.\n")
    ingest_paths(store, [path], settings)
    path.write_text("Port reopens\n\nThe port of Lorvik reopened on Saturday after the storm passed over the coast.\n")
    report = ingest_paths(store, [path], settings)
    assert report.read == 1
    assert report.retired == 1
    live = list(store.documents())
    assert [d.title for d in live] == ["Port reopens"]
    assert len(list(store.documents(include_retired=True))) == 2
    assert len(store.sources()) == 1


def test_raw_text_is_kept_for_small_files_and_spans_map_into_it(
    store: Store, settings: Settings, fixtures: Path
) -> None:
    ingest_paths(store, [fixtures / "multi_story.txt"], settings)
    doc = next(iter(store.documents()))
    raw = store.raw_text(doc.source_id)
    assert raw is not None
    at = doc.text.index("Belmont Logistics")
    span = doc.raw_span(at, at + len("Belmont Logistics"))
    assert span is not None
    assert raw[span[0] : span[1]] == "Belmont Logistics"


BAD_INPUTS = {
    "empty.txt": (b"", "the file is empty"),
    "junk.txt": (bytes(range(256)) * 20, "binary data"),
    "nobody.html": (b"<html><head><title>x</title></head><body></body></html>", "no body text"),
    "lines.jsonl": (b"not json\n[1]\n", "no FollowTheMoney entities"),
}


def test_each_bad_input_is_recorded_and_the_batch_goes_on(store: Store, settings: Settings, tmp_path: Path) -> None:
    for name, (data, _) in BAD_INPUTS.items():
        (tmp_path / name).write_bytes(data)
    make_pdf(tmp_path / "scan.pdf", None)
    (tmp_path / "cp1252.txt").write_bytes("Lorvik’s port – “closed” today\n\nThe café stayed open.".encode("cp1252"))
    (tmp_path / "good.txt").write_text("Port news\n\nThe harbour master retired after thirty years at the port.\n")
    report = ingest_paths(store, [tmp_path, tmp_path / "missing.txt"], settings)
    reasons = dict(report.failures)
    for name, (_, reason) in BAD_INPUTS.items():
        assert reason in reasons[str((tmp_path / name).resolve())]
    assert "no text layer" in reasons[str((tmp_path / "scan.pdf").resolve())]
    assert "does not exist" in reasons[str((tmp_path / "missing.txt").resolve())]
    assert report.failed == len(BAD_INPUTS) + 2
    assert report.read == 2  # good.txt and cp1252.txt
    failed = {Path(s.uri).name for s in store.sources() if s.status == "failed"}
    assert failed == {*BAD_INPUTS, "scan.pdf", "missing.txt"}
    assert len(store.failures()) == report.failed
    titles = {d.title for d in store.documents()}
    assert titles == {"Port news", 'Lorvik\'s port – "closed" today'}


def test_windows_1252_file_keeps_its_characters(store: Store, settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "cp.txt"
    path.write_bytes(
        "Lorvik’s café – closed\n\nThe café on the quay stayed shut all week, its owner said.".encode("cp1252")
    )
    ingest_paths(store, [path], settings)
    doc = next(iter(store.documents()))
    assert doc.title == "Lorvik's café – closed"
    assert store.source(doc.source_id).encoding == "cp1252"


def test_malformed_json_lines_are_reported_and_good_lines_load(
    store: Store, settings: Settings, fixtures: Path
) -> None:
    report = ingest_paths(store, [fixtures / "records.jsonl"], settings)
    assert report.read == 1
    assert report.bad_lines == 3
    assert [reason.split(":")[0] for _, reason in report.failures] == ["line 3", "line 4", "line 5"]
    company = store.entity("qt-1")
    assert company.schema == "Company"
    assert company.get("name") == ["Quarrow Trading Ltd"]
    stmt = company.statements[0]
    assert stmt.record_id == "records:qt-1"
    assert stmt.dataset == "records"
    assert store.entity("own-1").get("owner") == ["pd-1"]


def test_a_file_that_disappears_mid_run_is_a_failure(store: Store, settings: Settings, tmp_path: Path) -> None:
    for n in range(3):
        (tmp_path / f"story{n}.txt").write_text(f"Story {n}\n\nThe quay was busy on day {n} of the festival week.\n")

    def vanish(files: list[Path]) -> Iterator[Path]:
        for path in files:
            if path.name == "story1.txt":
                path.unlink()
            yield path

    report = ingest_paths(store, [tmp_path], settings, progress=vanish)
    assert report.read == 2
    assert report.failed == 1
    assert "story1.txt" in report.failures[0][0]
    assert "disappeared" in report.failures[0][1]


def test_a_locked_database_stops_with_a_clear_error(tmp_path: Path, fixtures: Path) -> None:
    import sqlite3

    db = tmp_path / "locked.sqlite"
    SQLiteStore(db).close()
    holder = sqlite3.connect(db)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with SQLiteStore(db, timeout=0.1) as opened, pytest.raises(StoreError, match="locked"):
            ingest_paths(opened, [fixtures / "notes.md"], Settings(db=str(db)))
    except StoreError as exc:  # opening itself may already meet the lock
        assert "locked" in str(exc)
    finally:
        holder.rollback()
        holder.close()


def test_a_read_only_database_stops_with_a_clear_error(tmp_path: Path, fixtures: Path) -> None:
    db = tmp_path / "ro.sqlite"
    with SQLiteStore(db) as opened:
        opened.conn.execute("PRAGMA query_only = ON")
        with pytest.raises(StoreError, match="read-only"):
            ingest_paths(opened, [fixtures / "notes.md"], Settings(db=str(db)))


def test_source_ids_come_from_the_resolved_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert source_id_for(Path("a.txt")) == source_id_for(tmp_path / "a.txt")
    assert source_id_for(Path("a.txt"))[1] == str(tmp_path.resolve() / "a.txt")


def test_hidden_files_and_the_store_itself_are_not_ingested(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config.txt").write_text("[core]\nbare = false\n")
    (tmp_path / ".notes.txt").write_text("private scratch notes that should stay out of the store\n")
    (tmp_path / "story.txt").write_text("Quay news\n\nThe harbour master opened the new quay on Monday morning.\n")
    settings = Settings(db=str(tmp_path / "here.sqlite"))
    with SQLiteStore(tmp_path / "here.sqlite") as opened:
        report = ingest_paths(opened, [tmp_path], settings)
        again = ingest_paths(opened, [tmp_path], settings)
    assert (report.read, report.failed) == (1, 0)
    assert (again.read, again.skipped, again.failed) == (0, 1, 0)


def test_a_multi_story_html_page_gives_one_document_per_article(
    store: Store, settings: Settings, fixtures: Path
) -> None:
    report = ingest_paths(store, [fixtures / "multi_story.html"], settings)
    assert report.failed == 0
    docs = list(store.documents())
    assert [(d.title, d.published) for d in docs] == [
        ("Quarrow Trading renamed Eastgate Supplies", "2024-04-02"),
        ("Belmont Logistics appeals storage fine", "2024-04-09"),
    ]
    for doc in docs:
        for furniture in ("Sign in", "newsletter", "Related Articles", "Lighthouse", "All rights reserved"):
            assert furniture not in doc.text
