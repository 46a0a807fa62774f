"""The weights of ``rel.pairs.v1``: a multinomial logistic regression kept as plain JSON.

``data/rel_pairs_v1.json`` holds the class names, one intercept per class and, per kept feature,
one weight per class; scoring a pair is a sum of weights and a softmax, so the step needs no
scikit-learn (only ``scripts/train_relations.py`` does). Nothing is unpickled.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from tracegraph.errors import ConfigError

MODEL_PATH = Path(__file__).parent / "data" / "rel_pairs_v1.json"
NONE = "none"


@dataclass(frozen=True)
class PairModel:
    """Class names (``none`` first), intercepts, feature weights and the shipped threshold."""

    classes: tuple[str, ...]
    intercept: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    threshold: float
    meta: dict[str, Any] = field(default_factory=dict)

    def probabilities(self, features: list[str]) -> dict[str, float]:
        """Each class's probability for one pair."""
        scores = list(self.intercept)
        for f in set(features):
            w = self.weights.get(f)
            if w is not None:
                for k, v in enumerate(w):
                    scores[k] += v
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps, strict=True)}

    def best(self, features: list[str]) -> tuple[str, float]:
        """The most likely relation class other than ``none``, with its probability."""
        probs = self.probabilities(features)
        label = max((c for c in self.classes if c != NONE), key=lambda c: probs[c])
        return label, probs[label]


def from_dict(data: dict[str, Any]) -> PairModel:
    classes = tuple(str(c) for c in data["classes"])
    weights = {str(k): tuple(float(x) for x in v) for k, v in data["weights"].items()}
    if any(len(w) != len(classes) for w in weights.values()) or len(data["intercept"]) != len(classes):
        raise ConfigError("relation model: each weight row needs one value per class")
    return PairModel(
        classes=classes,
        intercept=tuple(float(x) for x in data["intercept"]),
        weights=weights,
        threshold=float(data.get("threshold", 0.5)),
        meta=dict(data.get("meta", {})),
    )


def load_model(path: Path | str | None = None) -> PairModel:
    """The model at ``path`` (default: the one shipped in the package), read once per process."""
    return _load(str(path or MODEL_PATH))


@cache
def _load(path: str) -> PairModel:
    p = Path(path)
    if not p.is_file():
        raise ConfigError(
            "relation model file not found; train it with scripts/train_relations.py "
            "or set TRACEGRAPH_PAIRS_MODEL to a trained file",
            subject=str(p),
        )
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
        return from_dict(data)
    except (ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"not a rel.pairs.v1 relation model: {exc}", subject=str(p)) from exc
