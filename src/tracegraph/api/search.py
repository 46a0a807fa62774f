"""A name index per scoped graph, built once, so a search scores names without rebuilding anything.

It answers like :func:`tracegraph.graph.queries.search` (the same scorer, cut-off,
exact-key rule and whole-word rule) but prepares the normalised names and their
keys when the graph is built instead of on every request.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from tracegraph.graph import Graph
from tracegraph.graph.queries import _norm, caption, names_of
from tracegraph.resolve.names import name_key

#: the fuzzy score (0-100) a name needs to be a hit, as in the graph's own search
CUTOFF = 70


@dataclass
class SearchIndex:
    entity_ids: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    by_key: dict[str, set[str]] = field(default_factory=dict)
    #: word -> the names holding it (a hit must share a word with the query)
    words: dict[str, list[int]] = field(default_factory=dict)
    #: every node id, by caption (for a search without text)
    browse: list[str] = field(default_factory=list)
    #: entity id -> (countries, datasets), filled as searches ask
    facts: dict[str, tuple[list[str], list[str]]] = field(default_factory=dict)

    @classmethod
    def build(cls, graph: Graph) -> SearchIndex:
        index = cls()
        for entity in graph.nodes():
            for name in names_of(entity):
                index.entity_ids.append(entity.id)
                index.names.append(name)
                text = _norm(name)
                for word in set(text.split()):
                    index.words.setdefault(word, []).append(len(index.texts))
                index.texts.append(text)
                key = name_key(name)
                if key:
                    index.by_key.setdefault(key, set()).add(entity.id)
        order = sorted((caption(graph, e).lower(), e.id) for e in graph.nodes())
        index.browse = [entity_id for _, entity_id in order]
        return index

    def search(self, text: str, limit: int = 1000) -> list[tuple[str, float, str]]:
        """``(entity_id, score, matched name)``, best first, one row per entity."""
        query = _norm(text)
        if not query:
            return []
        best: dict[str, tuple[float, str]] = {}
        for entity_id in self.by_key.get(name_key(text), ()):
            best[entity_id] = (100.0, "")
        # a hit shares a word with the query (fuzzy ratio >= 80): find those names first, then score them
        vocabulary = list(self.words)
        candidates: set[int] = set()
        for word in set(query.split()):
            found = process.extract(word, vocabulary, scorer=fuzz.ratio, processor=None, limit=None, score_cutoff=80)
            for token, _, _ in found:
                candidates.update(self.words[token])
        ordered = sorted(candidates)
        texts = [self.texts[i] for i in ordered]
        hits = process.extract(query, texts, scorer=fuzz.WRatio, processor=None, limit=limit * 5, score_cutoff=CUTOFF)
        for _, score, j in hits:
            i = ordered[j]
            entity_id = self.entity_ids[i]
            previous = best.get(entity_id)
            if previous is not None and previous[0] == 100.0:
                best[entity_id] = (100.0, previous[1] or self.names[i])
            elif previous is None or score > previous[0]:
                best[entity_id] = (float(score), self.names[i])
        ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], kv[0]))
        return [(entity_id, round(score, 1), name) for entity_id, (score, name) in ranked[:limit]]
