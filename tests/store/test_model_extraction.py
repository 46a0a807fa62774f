"""Extraction writes its evidence into the statement fields, on every backend."""

from __future__ import annotations

from tests.extract.conftest import add_story
from tracegraph.extract import build
from tracegraph.settings import Settings
from tracegraph.store import Store

STORY = (
    "Dutch police arrested Pieter Holm in Rotterdam over alleged smuggling of precursors, "
    "according to the prosecutor's office."
)


def test_relations_carry_span_step_hedge_and_attribution(store: Store, settings: Settings) -> None:
    doc = add_story(store, STORY, published="2025-07-01")
    build(store, settings, ["ner.spacy.v1", "rel.patterns.v1"])
    arrests = [s for s in store.statements(prop="kind") if s.value == "arrest"]
    assert arrests, "the arrest is extracted"
    fact = store.entity(arrests[0].entity_id)
    for stmt in fact.statements:
        assert stmt.document_id == doc.id
        assert stmt.span_start is not None and stmt.span_end is not None
        assert STORY[stmt.span_start : stmt.span_end] in STORY
        assert (stmt.extractor, stmt.extractor_version) == ("rel.patterns.v1", stmt.extractor_version)
        assert stmt.hedge == "alleged"
        assert stmt.attribution == "the prosecutor's office"
        assert 0 < stmt.confidence < 0.75
    person = store.entity(fact.get("target")[0])
    assert person.caption == "Pieter Holm"
    assert {s.hedge for s in person.statements} == {None}  # a name is not hedged; the arrest is
