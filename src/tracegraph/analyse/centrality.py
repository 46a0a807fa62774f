"""Centrality over the projection's rustworkx graph: PageRank, betweenness (sampled when large), communities.

Large graphs get array code (numpy) rather than Python loops: Brandes' algorithm
from a sample of sources, level by level, and label propagation by sorting
(node, neighbour label) pairs. Node indices are the rustworkx indices.
"""

from __future__ import annotations

import random

import numpy as np
import rustworkx as rx
from numpy.typing import NDArray

IntArray = NDArray[np.int64]


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


def csr(graph: rx.PyGraph) -> tuple[list[int], IntArray, IntArray]:
    """Node indices, and the adjacency as compressed rows (``indptr``, ``neighbours``) over positions."""
    indices = list(graph.node_indices())
    position = np.full(max(indices, default=-1) + 1, -1, dtype=np.int64)
    position[indices] = np.arange(len(indices))
    edges = np.array(graph.edge_list(), dtype=np.int64).reshape(-1, 2)
    left, right = position[edges[:, 0]], position[edges[:, 1]]
    sources = np.concatenate([left, right])
    targets = np.concatenate([right, left])
    order = np.argsort(sources, kind="stable")
    counts = np.bincount(sources, minlength=len(indices))
    indptr = np.zeros(len(indices) + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    return indices, indptr, targets[order]


def _expand(frontier: IntArray, indptr: IntArray, neighbours: IntArray) -> tuple[IntArray, IntArray]:
    """(parent, neighbour) pairs for every edge leaving the frontier."""
    starts, ends = indptr[frontier], indptr[frontier + 1]
    counts = ends - starts
    total = int(counts.sum())
    if total == 0:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty
    offsets = np.repeat(starts - np.concatenate([[0], np.cumsum(counts)[:-1]]), counts)
    return np.repeat(frontier, counts), neighbours[offsets + np.arange(total)]


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
    indices, indptr, neighbours = csr(graph)
    n = len(indices)
    scores = np.zeros(n)
    sources = random.Random(seed).sample(range(n), min(samples, n))
    for source in sources:
        dist = np.full(n, -1, dtype=np.int64)
        sigma = np.zeros(n)
        dist[source], sigma[source] = 0, 1.0
        frontier = np.array([source], dtype=np.int64)
        levels: list[tuple[IntArray, IntArray]] = []
        level = 0
        while frontier.size:
            parents, children = _expand(frontier, indptr, neighbours)
            fresh = np.unique(children[dist[children] == -1])
            dist[fresh] = level + 1
            down = dist[children] == level + 1
            parents, children = parents[down], children[down]
            np.add.at(sigma, children, sigma[parents])
            levels.append((parents, children))
            frontier, level = fresh, level + 1
        delta = np.zeros(n)
        for parents, children in reversed(levels):
            np.add.at(delta, parents, sigma[parents] / sigma[children] * (1.0 + delta[children]))
        delta[source] = 0.0
        scores += delta
    # undirected: each pair is counted from both ends; scale the sample up, then normalise
    scale = n / max(len(sources), 1) / 2.0
    norm = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 1.0
    return {indices[i]: float(scores[i] * scale * norm) for i in np.flatnonzero(scores)}


def label_propagation(graph: rx.PyGraph, rounds: int) -> dict[int, int]:
    """Node index -> community label: each node takes its neighbours' most common label (smallest on ties),
    keeping its own when that is among the most common, all nodes at once, until stable or ``rounds``."""
    indices, indptr, neighbours = csr(graph)
    n = len(indices)
    labels = np.arange(n, dtype=np.int64)
    owners = np.repeat(np.arange(n, dtype=np.int64), np.diff(indptr))
    for _ in range(rounds):
        if not owners.size:
            break
        seen = labels[neighbours]
        order = np.lexsort((seen, owners))
        node, label = owners[order], seen[order]
        run_start = np.flatnonzero(np.r_[True, (node[1:] != node[:-1]) | (label[1:] != label[:-1])])
        run_node, run_label = node[run_start], label[run_start]
        run_count = np.diff(np.r_[run_start, node.size])
        best = np.zeros(n, dtype=np.int64)
        np.maximum.at(best, run_node, run_count)
        top = run_count == best[run_node]
        choice = labels.copy()
        # the smallest label among the best (runs are sorted by label within a node)
        first = np.flatnonzero(top)
        chosen_nodes, chosen_labels = run_node[first], run_label[first]
        keep_first = np.r_[True, chosen_nodes[1:] != chosen_nodes[:-1]]
        choice[chosen_nodes[keep_first]] = chosen_labels[keep_first]
        # keep the current label when it is among the best
        own = top & (run_label == labels[run_node])
        choice[run_node[own]] = labels[run_node[own]]
        if np.array_equal(choice, labels):
            break
        labels = choice
    return {indices[i]: int(labels[i]) for i in range(n)}
