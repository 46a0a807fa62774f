"""Centrality over the projection's rustworkx graph: degree, PageRank, betweenness (sampled when large)."""

from __future__ import annotations

import random
from collections import deque

import rustworkx as rx


def pagerank(graph: rx.PyGraph, alpha: float = 0.85) -> dict[int, float]:
    """PageRank of an undirected graph (each tie counts both ways)."""
    directed = rx.PyDiGraph()
    indices = list(graph.node_indices())
    mapping = dict(zip(indices, directed.add_nodes_from(indices), strict=True))
    pairs = []
    for a, b in graph.edge_list():
        pairs.append((mapping[a], mapping[b], None))
        pairs.append((mapping[b], mapping[a], None))
    directed.add_edges_from(pairs)
    ranks = rx.pagerank(directed, alpha=alpha)
    back = {v: k for k, v in mapping.items()}
    return {back[i]: float(score) for i, score in ranks.items()}


def betweenness(graph: rx.PyGraph, exact_limit: int, samples: int, seed: int = 0) -> tuple[dict[int, float], bool]:
    """Normalised betweenness; exact up to ``exact_limit`` nodes, else estimated from ``samples`` sources.

    Returns the scores and whether they were sampled.
    """
    n = graph.num_nodes()
    if n <= exact_limit:
        found = rx.graph_betweenness_centrality(graph, normalized=True)
        return {int(i): float(v) for i, v in found.items()}, False
    return sampled_betweenness(graph, samples, seed), True


def sampled_betweenness(graph: rx.PyGraph, samples: int, seed: int = 0) -> dict[int, float]:
    """Brandes' algorithm from ``samples`` random sources, scaled to the whole graph (unweighted)."""
    indices = list(graph.node_indices())
    n = len(indices)
    position = {node: i for i, node in enumerate(indices)}
    adjacency = [[position[m] for m in graph.neighbors(node)] for node in indices]
    scores = [0.0] * n
    rng = random.Random(seed)
    sources = rng.sample(range(n), min(samples, n))
    for source in sources:
        order: list[int] = []
        preds_of: dict[int, list[int]] = {}
        sigma = {source: 1.0}
        dist = {source: 0}
        queue = deque([source])
        while queue:
            v = queue.popleft()
            order.append(v)
            for w in adjacency[v]:
                if w not in dist:
                    dist[w] = dist[v] + 1
                    queue.append(w)
                if dist[w] == dist[v] + 1:
                    sigma[w] = sigma.get(w, 0.0) + sigma[v]
                    preds_of.setdefault(w, []).append(v)
        delta = dict.fromkeys(order, 0.0)
        for w in reversed(order):
            for v in preds_of.get(w, ()):
                delta[v] += sigma[v] / sigma[w] * (1.0 + delta[w])
            if w != source:
                scores[w] += delta[w]
    # undirected: each pair is counted from both ends; scale the sample up, then normalise
    scale = n / max(len(sources), 1) / 2.0
    norm = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 1.0
    return {indices[i]: s * scale * norm for i, s in enumerate(scores) if s}
