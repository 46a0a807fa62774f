"""Analyses of the graph: hubs, shared-identifier clusters, successors, ownership chains, conflicts.

Each takes the in-memory projection (:class:`tracegraph.graph.Graph`) and returns plain dicts
(what ``tracegraph --json analyse ...`` prints), every finding with its evidence.

>>> graph = Graph.load(store)                        # doctest: +SKIP
>>> clusters(graph)["clusters"][0]["ties"]           # doctest: +SKIP
"""

from __future__ import annotations

from tracegraph.analyse.chains import chains
from tracegraph.analyse.clusters import clusters, communities
from tracegraph.analyse.conflicts import conflicts
from tracegraph.analyse.hubs import hubs
from tracegraph.analyse.successors import confirm_successor, successors

__all__ = ["chains", "clusters", "communities", "confirm_successor", "conflicts", "hubs", "successors"]
