"""A name index per scoped graph, built once, so a search scores names without rebuilding anything.

It answers like :func:`tracegraph.graph.queries.search` (the same scorer, cut-off,
exact-key rule and whole-word rule) but prepares the normalised names and their
keys when the graph is built instead of on every request.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from tracegraph.graph import Graph
from tracegraph.graph.queries import _norm, caption, names_of
from tracegraph.resolve.names import name_key

if TYPE_CHECKING:
    from tracegraph.api.views import Facts

#: the fuzzy score (0-100) a name needs to be a hit, as in the graph's own search
CUTOFF = 70
#: the most names scored for one search (those sharing the most words with it)
MAX_SCORED = 1000


@dataclass
class SearchIndex:
    entity_ids: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    by_key: dict[str, set[str]] = field(default_factory=dict)
    #: word -> the names holding it (a hit must share a word with the query)
    words: dict[str, list[int]] = field(default_factory=dict)
    #: word length -> the words of that length that are not numbers (for the fuzzy word match)
    by_length: dict[int, list[str]] = field(default_factory=dict)
    #: every node id, by caption (for a search without text)
    browse: list[str] = field(default_factory=list)
    #: entity id -> what the facets count (countries, datasets, lists, years), filled as searches ask
    facts: dict[str, Facts] = field(default_factory=dict)

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
        for word in index.words:
            if not word.isdigit():
                index.by_length.setdefault(len(word), []).append(word)
        order = sorted((caption(graph, e).lower(), e.id) for e in graph.nodes())
        index.browse = [entity_id for _, entity_id in order]
        return index

    def _similar(self, word: str) -> list[str]:
        """Indexed words within fuzzy ratio 80 of ``word`` (numbers only as written)."""
        if word.isdigit():
            return [word] if word in self.words else []
        # a ratio of 80 needs lengths within 2/3 and 3/2 of each other
        low, high = (2 * len(word) + 2) // 3, (3 * len(word)) // 2
        vocabulary = [w for n in range(low, high + 1) for w in self.by_length.get(n, ())]
        found = process.extract(word, vocabulary, scorer=fuzz.ratio, processor=None, limit=None, score_cutoff=80)
        return [token for token, _, _ in found]

    def search(self, text: str, limit: int = 1000) -> tuple[list[tuple[str, float, str]], bool]:
        """``(entity_id, score, matched name)`` rows, best first, one per entity; and whether names were left
        unscored (more than :data:`MAX_SCORED` shared a word with the query: the count is then a lower bound)."""
        query = _norm(text)
        if not query:
            return [], False
        best: dict[str, tuple[float, str]] = {}
        for entity_id in self.by_key.get(name_key(text), ()):
            best[entity_id] = (100.0, "")
        # a hit shares a word with the query (fuzzy ratio >= 80): find those names first, then score them
        per_word = [[self.words[token] for token in self._similar(word)] for word in set(query.split())]
        # the rarest words first: a common word ("trading") alone cannot flood the scorer
        per_word.sort(key=lambda lists: sum(len(p) for p in lists))
        chosen: set[int] = set()
        truncated = False
        for lists in per_word:
            size = sum(len(p) for p in lists)
            if chosen and len(chosen) + size > MAX_SCORED:
                truncated = True
                break
            for postings in lists:
                chosen.update(postings[: MAX_SCORED - len(chosen)])
                if len(chosen) >= MAX_SCORED:
                    truncated = truncated or size > len(chosen)
                    break
        ordered = sorted(chosen)
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
        return [(entity_id, round(score, 1), name) for entity_id, (score, name) in ranked[:limit]], truncated
