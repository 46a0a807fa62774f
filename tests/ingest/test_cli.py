"""The ingest commands as a person uses them: text and JSON output, one-line errors, exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tracegraph.cli import main


def _run(args: list[str], capfd: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = 0
    try:
        main(args)
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capfd.readouterr()
    return code, out, err


@pytest.fixture
def corpus(tmp_path: Path, fixtures: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(fixtures / "multi_story.txt", folder)
    shutil.copy(fixtures / "notes.md", folder)
    return folder


def test_ingest_then_docs_then_doc(tmp_path: Path, corpus: Path, capfd: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "cli.sqlite")
    code, out, err = _run(["--db", db, "ingest", str(corpus)], capfd)
    assert code == 0, err
    assert "sources read: 2, skipped (unchanged): 0, failed: 0" in out
    code, out, _ = _run(["--db", db, "docs"], capfd)
    assert "Lorvik port seizes drums of undeclared chemicals  (Daily Harbour)" in out
    assert out.strip().endswith("2 sources, 5 stories, 2 teasers")
    code, out, _ = _run(["--db", db, "--json", "docs"], capfd)
    rows = [json.loads(line) for line in out.splitlines()]
    story = next(d for row in rows for d in row["documents"] if d["title"].startswith("Inspectors"))
    code, out, _ = _run(["--db", db, "doc", story["id"][4:12]], capfd)
    assert code == 0
    assert "Harbour Times" in out and "multi_story.txt" in out
    assert "Inspectors closed a second warehouse" in out
    code, out, _ = _run(["--db", db, "--json", "doc", story["id"]], capfd)
    data = json.loads(out)
    assert data["outlet"] == "Harbour Times"
    start, end = data["raw_span"]
    raw = (corpus / "multi_story.txt").read_text(encoding="utf-8")
    assert raw[start:end].startswith("Inspectors close second warehouse in Lorvik")


def test_a_failed_input_is_one_line_on_stderr_and_exit_1(
    tmp_path: Path, corpus: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    (corpus / "empty.txt").write_bytes(b"")
    code, out, err = _run(["--db", str(tmp_path / "x.sqlite"), "--json", "ingest", str(corpus)], capfd)
    assert code == 1
    report = json.loads(out)
    assert report["read"] == 2 and report["failed"] == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("tracegraph: failed: ") and "empty.txt: the file is empty" in lines[0]
    assert "Traceback" not in err


def test_unknown_document_is_one_line_error(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(["--db", str(tmp_path / "y.sqlite"), "doc", "nope"], capfd)
    assert code == 1
    assert err.strip() == "tracegraph: error: nope: no such document"


def test_a_database_that_is_not_sqlite_is_one_line_error(
    tmp_path: Path, corpus: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "not.sqlite"
    bad.write_bytes(b"this is not a database at all" * 100)
    code, _, err = _run(["--db", str(bad), "ingest", str(corpus)], capfd)
    assert code == 1
    assert err.startswith("tracegraph: error: ") and "not a tracegraph (SQLite) database" in err
    assert len(err.strip().splitlines()) == 1
