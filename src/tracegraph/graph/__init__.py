"""The graph over the store, and the questions asked of it.

Questions (``scoped.show``, ``scoped.neighbors``, ``scoped.paths``,
``scoped.timeline``, ``scoped.search``) read only what they need from the
store. The whole in-memory projection (:meth:`Graph.load`) is for analytics.

>>> scoped.show(store, "Qinghe Lanfeng Chemical")   # doctest: +SKIP
>>> graph = Graph.load(store)                       # doctest: +SKIP
"""

from __future__ import annotations

from tracegraph.graph import scoped
from tracegraph.graph.model import Edge, Evidence
from tracegraph.graph.projection import Graph
from tracegraph.graph.queries import lookup, neighbors, paths, search, show, timeline

__all__ = ["Edge", "Evidence", "Graph", "lookup", "neighbors", "paths", "scoped", "search", "show", "timeline"]
