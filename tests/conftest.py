"""Shared fixtures: a fresh store per test, and where ../shared lives."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.graph.network import Network, build
from tracegraph.graph import Graph
from tracegraph.resolve import resolve
from tracegraph.settings import Settings
from tracegraph.store import Store, open_store

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(db=str(tmp_path / "test.sqlite"))


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    with open_store(settings) as opened:
        yield opened


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the checkout")
    return SHARED


@pytest.fixture
def network(store: Store) -> Network:
    """The fictional network of tests/graph/network.py, resolved."""
    found = build(store)
    resolve(store)
    return found


@pytest.fixture
def graph(store: Store, network: Network) -> Graph:
    return Graph.load(store)
