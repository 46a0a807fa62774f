"""Issue 12.2 and 12.5: extraction bounded per document, failures isolated, builds that reproduce."""

from __future__ import annotations

import itertools
import random
from typing import Any

import pytest

from tests.extract.conftest import add_story
from tracegraph.extract import build
from tracegraph.extract import runner as runner_module
from tracegraph.extract.runner import WINDOW_CHARS, windows
from tracegraph.settings import Settings
from tracegraph.store import Store

EXTRACTORS = ["ner.spacy.v1", "rel.patterns.v1"]
FIRMS = ["Velkor Trading Co., Ltd.", "Quarrow Chemical Ltd.", "Brisk Reagents GmbH", "Halden Logistics Inc."]
PEOPLE = ["Tomas Reyes", "Ana Varga", "Ivo Kos", "Eda Lin"]


def _story(n: int, seed: int = 3) -> str:
    """``n`` paragraphs of simple, varied sentences naming firms and people."""
    rng = random.Random(seed)
    paras = []
    for i in range(n):
        firm, other, person = rng.choice(FIRMS), rng.choice(FIRMS), rng.choice(PEOPLE)
        paras.append(
            f"{person}, a director of {firm}, met buyers in Rotterdam in March. "
            f"{firm} is owned by {other}, according to filing number {1000 + i}."
        )
    return "\n\n".join(paras)


def _statements(store: Store) -> set[tuple[Any, ...]]:
    return {
        (s.entity_id, s.prop, s.value, s.document_id, s.span_start, s.span_end, s.extractor) for s in store.statements()
    }


def test_windows_cover_the_text_at_sentence_boundaries() -> None:
    text = _story(400)
    parts = windows(text, 5_000)
    assert parts[0][0] == 0 and parts[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(parts))
    assert all(end - start <= 5_000 for start, end in parts)
    assert all(text[end - 2 : end] == "\n\n" for _, end in parts[:-1])
    unbroken = "x" * 12_000  # no break at all: cut hard, still covered
    assert windows(unbroken, 5_000) == [(0, 5_000), (5_000, 10_000), (10_000, 12_000)]


def test_a_long_document_is_extracted_in_windows_with_spans_right(
    store: Store, settings: Settings, nlp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = _story(600)
    assert len(text) > 3 * WINDOW_CHARS
    # a document longer than spaCy's limit made every later build exit 2; windows never reach it
    monkeypatch.setattr(nlp, "max_length", 2 * WINDOW_CHARS)
    doc = add_story(store, text, "long")
    summary = build(store, settings, EXTRACTORS)
    assert summary.failed == 0 and summary.processed == 1
    names = [s for s in store.statements(document_id=doc.id, prop="name") if s.span_start is not None]
    assert len(names) > 600
    late = [s for s in names if s.span_start is not None and s.span_start > 2 * WINDOW_CHARS]
    assert late, "statements from later windows"
    for stmt in names:
        assert stmt.span_start is not None and stmt.span_end is not None
        assert text[stmt.span_start : stmt.span_end] == stmt.value


def test_a_document_that_fails_is_recorded_and_the_build_goes_on(
    store: Store, settings: Settings, nlp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_story(store, "Quarrow Chemical Ltd. is owned by Brisk Reagents GmbH.", "good")
    bad = add_story(store, "Halden Logistics Inc. exploded the parser. " * 3, "bad")
    real = runner_module.analyse

    def flaky(document: Any, spacy_doc: Any, gazetteer: Any) -> Any:
        if "exploded" in document.text:
            raise MemoryError("simulated: too big to parse")
        return real(document, spacy_doc, gazetteer)

    monkeypatch.setattr(runner_module, "analyse", flaky)
    first = build(store, settings, EXTRACTORS)
    assert first.failed == 1 and first.processed == 1
    assert any(f["stage"] == "extract" and bad.id in f["reason"] for f in store.failures())
    again = build(store, settings, EXTRACTORS)  # not retried at the same version: later builds succeed
    assert again.failed == 0 and again.processed == 0


def test_build_does_not_depend_on_order_history_or_force(tmp_path: Any, nlp: object) -> None:
    from tracegraph.store import open_store

    stories = [(f"s{i}", _story(3, seed=i)) for i in range(6)]

    def run(name: str, order: list[int], split: int, force: bool) -> set[tuple[Any, ...]]:
        settings = Settings(db=str(tmp_path / f"{name}.sqlite"))
        with open_store(settings) as store:
            for i in order[:split]:
                add_story(store, stories[i][1], stories[i][0])
            build(store, settings, EXTRACTORS)
            for i in order[split:]:
                add_story(store, stories[i][1], stories[i][0])
            build(store, settings, EXTRACTORS)
            if force:
                build(store, settings, EXTRACTORS, force=True)
            return _statements(store)

    clean = run("clean", list(range(6)), 6, False)
    assert clean == run("reversed", list(reversed(range(6))), 2, False)
    assert clean == run("forced", [3, 1, 4, 0, 5, 2], 3, True)
