"""Precision and recall of the whole pipeline (ingest + build) on the bundled fictional corpus."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from tracegraph.extract import build
from tracegraph.extract.evaluate import score
from tracegraph.settings import Settings
from tracegraph.store import Store

FILES = ["harborlight_prison.txt", "seller_network.md", "roundup.html", "registry.jsonl"]


@pytest.fixture(params=["rel.deps.v1", "rel.patterns.v1"])
def built(request: pytest.FixtureRequest, store: Store, settings: Settings, nlp: object) -> Store:
    ingest = pytest.importorskip("tracegraph.ingest")
    corpus = Path(str(resources.files("tracegraph.examples").joinpath("corpus")))
    ingest.ingest_paths(store, [corpus / name for name in FILES], settings)
    summary = build(store, settings, ["ner.spacy.v1", request.param])
    assert summary.processed >= 4 and summary.failed == 0
    return store


def test_corpus_against_gold(built: Store) -> None:
    gold = Path(str(resources.files("tracegraph.examples").joinpath("gold.yaml")))
    scores = score(built, gold)
    rel, ents, ids = scores["relations"], scores["entities"], scores["identifiers"]
    assert rel.precision >= 0.9 and rel.recall >= 0.9, rel.to_dict()
    assert ents.precision >= 0.9 and ents.recall >= 0.9, ents.to_dict()
    assert ids.precision >= 0.9 and ids.recall >= 0.9, ids.to_dict()


def test_no_entity_from_page_furniture(built: Store) -> None:
    names = {r[0].lower() for r in built.query("SELECT value FROM statements WHERE prop = 'name'")}
    for furniture in ("port of rotterdam", "newsletter", "privacy policy", "home"):
        assert not any(furniture in name for name in names)
