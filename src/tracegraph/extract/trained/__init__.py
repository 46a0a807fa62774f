"""``rel.pairs.v1``: a trained complement to the rules, a classifier over pairs of actor mentions.

Candidates are ordered pairs of actor mentions (from ``ner.spacy.v1``'s analysis) in the same
sentence, at most :data:`~.features.MAX_DISTANCE` tokens apart; :mod:`.features` describes each
pair (dependency path between the heads, words between, types, order, distance) and
:mod:`.model` scores it. A pair whose best relation class reaches the model's threshold becomes
an edge (Ownership, Directorship, Employment or Membership) with its sentence as evidence
(of the two directions of a pair of mentions, only the likelier one),
through the same checks as the rules' edges (a director is a person, an asset is not).

Trained on Re-DocRED by ``scripts/train_relations.py``; figures in docs/bench/extraction.md.
The step is registered but opt-in (``tracegraph build -e rel.pairs.v1``): see the docs for why.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from tracegraph.extract.deps.emit import edge
from tracegraph.extract.evidence import Emitter
from tracegraph.extract.mentions import Analysis, Mention
from tracegraph.extract.parse import Sentence
from tracegraph.extract.trained.features import MAX_DISTANCE, MAX_MENTIONS, head, pair_features
from tracegraph.extract.trained.model import PairModel, load_model
from tracegraph.registry import register
from tracegraph.settings import Settings
from tracegraph.store.model import Document, Statement

#: sentences longer than this (in tokens) are lists or flattened tables: skipped, as by the rules
MAX_TOKENS = 250
#: the share of the class probability kept as the statement's confidence (rules write 0.6-0.9)
CONFIDENCE_SCALE = 0.85


@dataclass(frozen=True)
class Pair:
    """One candidate: the sentence, the would-be source and target mentions and their head tokens."""

    sentence: Any
    a: Mention
    b: Mention
    head_a: Any
    head_b: Any


def candidates(analysis: Analysis) -> Iterator[Pair]:
    """Every ordered pair of distinct actors mentioned in one sentence, nearest first, bounded."""
    doc = analysis.doc
    for span in doc.sents:
        if len(span) > MAX_TOKENS:
            continue
        found = [m for m in analysis.in_span(span.start_char, span.end_char, ("actor", "gov")) if m.entity_id]
        heads = [(m, head(doc, m)) for m in found[:MAX_MENTIONS]]
        usable = [(m, h) for m, h in heads if h is not None]
        for i, (a, ha) in enumerate(usable):
            for j, (b, hb) in enumerate(usable):
                if i == j or a.entity_id == b.entity_id or abs(ha.i - hb.i) > MAX_DISTANCE:
                    continue
                yield Pair(span, a, b, ha, hb)


@dataclass
class PairExtractor:
    """Edges from the trained pair classifier, each with its sentence as evidence."""

    model: PairModel
    threshold: float
    name: str = "rel.pairs.v1"
    version: str = "1.0"

    def __call__(self, document: Document, analysis: Analysis, dataset: str) -> list[Statement]:
        emitter = Emitter(document, analysis, self.name, self.version, dataset)
        # one finding per two mentions: the likelier direction and class ("X is a subsidiary of Y"
        # scores both ways; the features tell the direction only through order and the path)
        best: dict[tuple[int, int], tuple[float, str, Pair]] = {}
        for pair in candidates(analysis):
            label, p = self.model.best(pair_features(analysis.doc, pair.a, pair.b, pair.head_a, pair.head_b))
            key = (min(pair.a.start, pair.b.start), max(pair.a.start, pair.b.start))
            if p >= self.threshold and (key not in best or p > best[key][0]):
                best[key] = (p, label, pair)
        sentences: dict[int, Sentence] = {}
        for _, (p, label, pair) in sorted(best.items()):
            s = sentences.get(pair.sentence.start)
            if s is None:
                s = sentences[pair.sentence.start] = Sentence(analysis, pair.sentence)
            edge(s, emitter, label, pair.a, pair.b, round(p * CONFIDENCE_SCALE, 3), pair.head_a.idx)
        return emitter.statements


def pair_extractor(settings: Settings) -> PairExtractor:
    """The step as configured: ``TRACEGRAPH_PAIRS_MODEL`` (a model file) and
    ``TRACEGRAPH_PAIRS_THRESHOLD`` (default: the threshold stored with the model)."""
    model = load_model(settings.extra.get("pairs_model") or None)
    raw = settings.extra.get("pairs_threshold")
    return PairExtractor(model=model, threshold=float(raw) if raw else model.threshold)


@register("extractor", "rel.pairs.v1")
def rel_pairs_v1(settings: Settings) -> PairExtractor:
    return pair_extractor(settings)


rel_pairs_v1.tracegraph_factory = True  # type: ignore[attr-defined]
