from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.extract.conftest import add_story
from tracegraph.extract import build, extractors
from tracegraph.extract.extractors import PatternExtractor
from tracegraph.settings import Settings
from tracegraph.store import Store

EXTRACTORS = ["ner.spacy.v1", "rel.patterns.v1"]
STORY = (
    "Velkor Trading Co., Ltd. is a wholly state-owned company owned by the Corvale Provincial Bureau.\n\n"
    "Tomas Reyes, a director of Velkor Trading Co., Ltd., left in March."
)


def _count(store: Store, extractor: str) -> int:
    return int(store.query("SELECT COUNT(*) FROM statements WHERE extractor = ?", (extractor,))[0][0])


def test_build_is_incremental(store: Store, settings: Settings, nlp: object) -> None:
    add_story(store, STORY)
    first = build(store, settings, EXTRACTORS)
    assert first.processed == 1 and first.statements > 0 and first.failed == 0
    again = build(store, settings, EXTRACTORS)
    assert again.processed == 0 and again.up_to_date == 1 and again.statements == 0
    add_story(store, "Sarah Collins, a spokesperson for Velkor Trading Co., Ltd., declined to comment.", "second")
    third = build(store, settings, EXTRACTORS)
    assert third.processed == 1 and third.up_to_date == 1


def test_a_new_version_retires_the_old_statements(
    store: Store, settings: Settings, nlp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = add_story(store, STORY)
    build(store, settings, EXTRACTORS)
    before = _count(store, "rel.patterns.v1")
    monkeypatch.setattr(extractors, "PatternExtractor", lambda: PatternExtractor(version="9.9"))
    redo = build(store, settings, EXTRACTORS)
    assert redo.processed == 1 and redo.retired == before
    assert _count(store, "rel.patterns.v1") == before  # not doubled
    versions = {r[0] for r in store.query("SELECT DISTINCT extractor_version FROM statements WHERE extractor = ?",
                                          ("rel.patterns.v1",))}  # fmt: skip
    assert versions == {"9.9"}
    assert store.processed_version(doc.id, "extract:rel.patterns.v1") == "9.9"


def test_every_relation_statement_has_evidence(store: Store, settings: Settings, nlp: object) -> None:
    doc = add_story(store, STORY)
    build(store, settings, EXTRACTORS)
    stmts = list(store.statements(document_id=doc.id))
    assert stmts
    for s in stmts:
        assert s.document_id == doc.id and s.span_start is not None and s.span_end is not None
        assert 0 <= s.span_start < s.span_end <= len(doc.text)
    own = [s for s in stmts if s.schema == "Ownership" and s.prop == "summary"]
    assert own and own[0].value.startswith("Velkor Trading")


def test_cli_build_json(tmp_path: Path, nlp: object) -> None:
    from tracegraph.cli import cli
    from tracegraph.settings import Settings as S
    from tracegraph.store import open_store

    db = str(tmp_path / "cli.sqlite")
    with open_store(S(db=db)) as opened:
        add_story(opened, STORY)
    runner = CliRunner()
    args = ["--db", db, "--json", "build", "-e", "ner.spacy.v1", "-e", "rel.patterns.v1"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert '"processed":1' in result.output
    again = runner.invoke(cli, args)
    assert '"processed":0' in again.output


def test_watchlist_names_in_the_store_feed_the_gazetteer(store: Store, settings: Settings, nlp: object) -> None:
    from tracegraph.store import Statement

    store.add_statements([Statement("wl-1", "Company", "name", "Qorvane Nightjar", dataset="wl", record_id="wl:1")])
    doc = add_story(store, "Shipments were traced to Qorvane Nightjar, a broker in Tianjin.")
    build(store, settings, EXTRACTORS)
    names = {(s.schema, s.value, s.confidence) for s in store.statements(document_id=doc.id, prop="name")}
    assert ("Company", "Qorvane Nightjar", 0.9) in names  # typed as the watchlist says, not by NER


def test_a_failing_document_is_recorded_and_the_batch_goes_on(
    store: Store, settings: Settings, nlp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_story(store, STORY)
    bad = add_story(store, "Velkor Trading Co., Ltd. exploded the parser.", "bad")
    original = PatternExtractor.__call__

    def flaky(self: PatternExtractor, document: Any, analysis: Any, dataset: str) -> Any:
        if document.id == bad.id:
            raise ValueError("boom")
        return original(self, document, analysis, dataset)

    monkeypatch.setattr(PatternExtractor, "__call__", flaky)
    summary = build(store, settings, EXTRACTORS)
    assert summary.processed == 1 and summary.failed == 1
    assert [f["stage"] for f in store.failures()] == ["extract"] and "boom" in store.failures()[0]["reason"]
    assert not list(store.statements(document_id=bad.id))  # the failed document's transaction rolled back
