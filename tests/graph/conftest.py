from __future__ import annotations

import pytest

from tests.graph.network import Network, build
from tracegraph.graph import Graph
from tracegraph.resolve import resolve
from tracegraph.store import Store


@pytest.fixture
def network(store: Store) -> Network:
    """The fictional network, resolved."""
    found = build(store)
    resolve(store)
    return found


@pytest.fixture
def graph(store: Store, network: Network) -> Graph:
    return Graph.load(store)
