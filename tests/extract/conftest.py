"""Extraction fixtures: the spaCy pipeline is loaded once per test session."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tracegraph.extract.analyse import analyse
from tracegraph.extract.gazetteer import Gazetteer
from tracegraph.extract.mentions import Analysis
from tracegraph.ids import make_id, text_hash
from tracegraph.store import Document, Source, Store


@pytest.fixture(scope="session")
def nlp() -> Any:
    from tracegraph.extract.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture
def analysed(nlp: Any) -> Callable[..., Analysis]:
    """Analyse a short text as a story published on ``published``."""

    def run(text: str, published: str | None = "2025-07-01", gazetteer: Gazetteer | None = None) -> Analysis:
        doc = Document(id="doc-test", source_id="src-test", seq=0, text=text, published=published)
        return analyse(doc, nlp(text), gazetteer or Gazetteer())

    return run


def add_story(store: Store, text: str, name: str = "story", published: str | None = "2025-07-01") -> Document:
    """Put a source and one story into the store, as ingest would."""
    source = Source(
        id=make_id("src", name), uri=f"{name}.txt", content_hash=text_hash(text), size=len(text), format="txt"
    )
    store.put_source(source, text)
    doc = Document(id=make_id("doc", name), source_id=source.id, seq=0, text=text, published=published,
                   offsets=((0, 0, len(text)),))  # fmt: skip
    store.put_document(doc)
    return doc
