"""The in-memory graph over the store, and the questions asked of it.

>>> graph = Graph.load(store)                 # doctest: +SKIP
>>> graph.shortest_paths(a_id, b_id)          # doctest: +SKIP
"""

from __future__ import annotations

from tracegraph.graph.model import Edge, Evidence
from tracegraph.graph.projection import Graph
from tracegraph.graph.queries import lookup, neighbors, paths, search, show, timeline

__all__ = ["Edge", "Evidence", "Graph", "lookup", "neighbors", "paths", "search", "show", "timeline"]
