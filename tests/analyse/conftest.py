"""The example corpus's record files (no text extraction needed): filings, a second registry, WHOIS records."""

from __future__ import annotations

import pytest

from tracegraph.examples import corpus_path
from tracegraph.graph import Graph
from tracegraph.ingest import ingest_paths
from tracegraph.resolve import resolve
from tracegraph.settings import Settings
from tracegraph.store import Store

RECORDS = ["company_filings.jsonl", "press_registry.jsonl", "seller_sites_whois.jsonl"]


@pytest.fixture
def records(store: Store, settings: Settings) -> Store:
    folder = corpus_path() / "analysis"
    ingest_paths(store, [folder / name for name in RECORDS], settings)
    resolve(store)
    return store


@pytest.fixture
def record_graph(records: Store) -> Graph:
    return Graph.load(records)
