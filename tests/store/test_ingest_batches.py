"""Ingest writes small files a batch per transaction: every good file once, a bad one named, on both backends."""

from __future__ import annotations

from pathlib import Path

from tracegraph.ingest import ingest_paths
from tracegraph.ingest.pipeline import BATCH_FILES
from tracegraph.settings import Settings
from tracegraph.store import Store

GOOD = BATCH_FILES * 2 + 7  # more than two batches, the last one partly full


def _stories(folder: Path, count: int) -> None:
    folder.mkdir(exist_ok=True)
    for number in range(count):
        (folder / f"story_{number:04d}.txt").write_text(
            f"Harbour firm number {number} leases a warehouse\n\n"
            f"Belmont Logistics {number} signed the lease on Monday, the port authority said.\n",
            encoding="utf-8",
        )


def _counts(store: Store) -> tuple[int, int, int]:
    docs = int(store.query("SELECT COUNT(*) FROM documents")[0][0])
    distinct = int(store.query("SELECT COUNT(DISTINCT source_id) FROM documents")[0][0])
    ok = int(store.query("SELECT COUNT(*) FROM sources WHERE status = 'ok'")[0][0])
    return docs, distinct, ok


def test_batches_with_bad_files_keep_every_good_file_exactly_once(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    folder = tmp_path / "news"
    _stories(folder, GOOD)
    (folder / "story_0005_empty.txt").write_bytes(b"")
    (folder / "story_0100_junk.pdf").write_bytes(b"%PDF-1.4 this is not a pdf at all")

    report = ingest_paths(store, [folder], settings)

    assert report.read == GOOD
    assert report.documents == GOOD
    assert sorted(Path(uri).name for uri, _ in report.failures) == ["story_0005_empty.txt", "story_0100_junk.pdf"]
    assert all("\n" not in reason and reason for _, reason in report.failures)
    assert _counts(store) == (GOOD, GOOD, GOOD)
    stored = {doc.source_id for doc in store.documents()}
    assert stored == {s.id for s in store.sources() if s.status == "ok"}

    again = ingest_paths(store, [folder], settings)  # a re-run writes nothing twice
    assert (again.skipped, again.documents, again.failed) == (GOOD, 0, 2)
    assert _counts(store) == (GOOD, GOOD, GOOD)


def _refuse_marked_documents(store: Store) -> None:
    """A rule in the database itself (as a DBA might add) that rejects one story: the store refuses it."""
    if store.dialect == "sqlite":
        store.execute(
            "CREATE TRIGGER refuse_marked BEFORE INSERT ON documents WHEN instr(NEW.text, 'REFUSE-ME') > 0 "
            "BEGIN SELECT RAISE(ABORT, 'this story is refused by a database rule'); END"
        )
        return
    store.execute(
        "CREATE FUNCTION refuse_marked() RETURNS trigger AS $body$ BEGIN "
        "IF position('REFUSE-ME' in NEW.text) > 0 THEN "
        "RAISE EXCEPTION 'this story is refused by a database rule'; END IF; "
        "RETURN NEW; END $body$ LANGUAGE plpgsql"
    )
    store.execute(
        "CREATE TRIGGER refuse_marked BEFORE INSERT ON documents FOR EACH ROW EXECUTE FUNCTION refuse_marked()"
    )


def test_a_document_the_store_refuses_fails_alone_and_its_batch_is_kept(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    folder = tmp_path / "news"
    _stories(folder, 40)
    (folder / "story_0020.txt").write_text("A note\n\nREFUSE-ME: this one breaks a database rule.\n")
    _refuse_marked_documents(store)

    report = ingest_paths(store, [folder], settings)

    assert [Path(uri).name for uri, _ in report.failures] == ["story_0020.txt"]
    assert "refused by a database rule" in report.failures[0][1]
    assert (report.read, report.documents, report.failed) == (39, 39, 1)
    assert _counts(store) == (39, 39, 39)
    failed = [s for s in store.sources() if s.status == "failed"]
    assert [Path(s.uri).name for s in failed] == ["story_0020.txt"]
