"""Train ``rel.pairs.v1`` (the pair classifier of :mod:`tracegraph.extract.trained`) on Re-DocRED.

Run from the checkout (needs ../shared beside it and scikit-learn, ``pip install -e ".[train]"``):

    .venv/bin/python scripts/train_relations.py --train dev --out src/tracegraph/extract/trained/data/rel_pairs_v1.json

Re-DocRED's train split is not in our snapshot, so the shipped model learns from its dev split
and is measured on test (``bench/bench_trained.py``); a second model trained on test measures dev.
Each document goes through our own pipeline (spaCy parse, our mentions and coreference); a
candidate pair of our mentions gets the Wikidata property's mapped class when both ends overlap
(or name) annotated entities that Re-DocRED relates with this sentence among the evidence, and
``none`` when they are not related at all. Pairs related only through other sentences are left
out of training. A multinomial logistic regression (fixed seed, deterministic solver) is fitted
and its weights written as JSON, features seen fewer than ``--min-count`` times dropped.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from tracegraph.extract.analyse import analyse
from tracegraph.extract.gazetteer import Gazetteer
from tracegraph.extract.keys import name_key
from tracegraph.extract.mentions import Mention
from tracegraph.extract.nlp import load_pipeline
from tracegraph.extract.trained import candidates
from tracegraph.extract.trained.features import coarse_type, pair_features
from tracegraph.extract.trained.model import NONE
from tracegraph.store.model import Document

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DATA = SHARED / "data/ner_re/re_docred"
SEED = 13
#: Wikidata property -> (our class, whether our source end is Re-DocRED's head)
PROPERTIES: dict[str, tuple[str, bool]] = {
    "P127": ("Ownership", False),  # owned by: the owner is the tail
    "P749": ("Ownership", False),  # parent organisation
    "P355": ("Ownership", True),  # subsidiary: the owner is the head
    "P112": ("Directorship", False),  # founded by (a founding company: Ownership, below)
    "P488": ("Directorship", False),  # chairperson
    "P1037": ("Directorship", False),  # director / manager
    "P169": ("Directorship", False),  # chief executive officer
    "P35": ("Directorship", False),  # head of state
    "P6": ("Directorship", False),  # head of government
    "P108": ("Employment", True),  # employer
    "P463": ("Membership", True),  # member of
    "P102": ("Membership", True),  # member of political party
    "P54": ("Membership", True),  # member of sports team
}
PRIORITY = ("Directorship", "Ownership", "Employment", "Membership")


def _spans(item: dict[str, Any]) -> tuple[str, list[list[tuple[int, int]]]]:
    """The text as the benches join it, and each annotated entity's mention character spans."""
    lines = [" ".join(sent) for sent in item["sents"]]
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    offsets = []
    for sent in item["sents"]:
        pos, row = 0, []
        for tok in sent:
            row.append(pos)
            pos += len(tok) + 1
        offsets.append(row)
    spans = []
    for vertex in item["vertexSet"]:
        row = []
        for m in vertex:
            sid, (s, e) = m["sent_id"], m["pos"]
            toks = item["sents"][sid]
            row.append((starts[sid] + offsets[sid][s], starts[sid] + offsets[sid][e - 1] + len(toks[e - 1])))
        spans.append(row)
    return "\n".join(lines), spans


def _vertex_of(m: Mention, spans: list[list[tuple[int, int]]], names: dict[str, int]) -> int | None:
    best, overlap = None, 0
    for v, row in enumerate(spans):
        for s, e in row:
            o = min(e, m.end) - max(s, m.start)
            if o > overlap:
                best, overlap = v, o
    return best if best is not None else names.get(name_key(m.name))


def _gold(item: dict[str, Any]) -> dict[tuple[int, int], list[tuple[str, set[int]]]]:
    out: dict[tuple[int, int], list[tuple[str, set[int]]]] = {}
    for lab in item["labels"]:
        if lab["r"] not in PROPERTIES:
            continue
        cls, head_is_source = PROPERTIES[lab["r"]]
        src, dst = (lab["h"], lab["t"]) if head_is_source else (lab["t"], lab["h"])
        out.setdefault((src, dst), []).append((cls, set(lab.get("evidence") or [])))
    return out


def instances(nlp: Any, item: dict[str, Any]) -> list[tuple[list[str], str]]:
    """(features, class) for each candidate pair of one document."""
    text, spans = _spans(item)
    names: dict[str, int] = {}
    for v, vertex in enumerate(item["vertexSet"]):
        for m in vertex:
            names.setdefault(name_key(m["name"]), v)
    gold = _gold(item)
    doc = Document(id="doc-redocred", source_id="src", seq=0, text=text, published=None)
    analysis = analyse(doc, nlp(text), Gazetteer())
    out = []
    for pair in candidates(analysis):
        va, vb = _vertex_of(pair.a, spans, names), _vertex_of(pair.b, spans, names)
        label = NONE
        if va is not None and vb is not None and va != vb and (va, vb) in gold:
            sid = text.count("\n", 0, pair.sentence.start_char)
            here = [c for c, evidence in gold[(va, vb)] if not evidence or sid in evidence]
            if not here:
                continue  # related, but stated elsewhere: neither a positive nor a negative here
            label = min(here, key=PRIORITY.index)
            if label == "Directorship" and coarse_type(pair.a) != "PER":
                label = "Ownership"  # founded by a company, a company's board held by a company
        out.append((pair_features(analysis.doc, pair.a, pair.b, pair.head_a, pair.head_b), label))
    return out


def featurise(split: str, limit: int | None, cache: Path | None) -> list[tuple[list[str], str]]:
    if cache is not None and cache.is_file():
        return [(row[0], row[1]) for row in json.loads(cache.read_text(encoding="utf-8"))]
    data = json.loads((DATA / f"{split}_revised.json").read_text(encoding="utf-8"))[: limit or None]
    nlp = load_pipeline()
    rows: list[tuple[list[str], str]] = []
    start = time.perf_counter()
    for k, item in enumerate(data):
        rows += instances(nlp, item)
        if k % 100 == 99:
            print(f"{split}: {k + 1} documents, {len(rows)} pairs, {time.perf_counter() - start:.0f}s", file=sys.stderr)
    if cache is not None:
        cache.write_text(json.dumps(rows), encoding="utf-8")
    return rows


def fit(rows: list[tuple[list[str], str]], min_count: int, c: float, positive_weight: float = 1.0) -> dict[str, Any]:
    try:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        sys.exit("training needs scikit-learn: pip install -e '.[train]'")

    counts = Counter(f for feats, _ in rows for f in set(feats))
    kept = [[f for f in feats if counts[f] >= min_count] for feats, _ in rows]
    vec = DictVectorizer()
    x = vec.fit_transform([dict.fromkeys(feats, 1.0) for feats in kept])
    labels = [label for _, label in rows]
    classes = [NONE, *[c for c in PRIORITY if c in labels]]
    y = [classes.index(label) for label in labels]
    weight = {k: (1.0 if k == 0 else positive_weight) for k in range(len(classes))}
    clf = LogisticRegression(C=c, max_iter=2000, solver="lbfgs", random_state=SEED, class_weight=weight)
    clf.fit(x, y)
    order = [list(clf.classes_).index(k) for k in range(len(classes))]
    weights = {}
    for j, name in enumerate(vec.get_feature_names_out()):
        row = [round(float(clf.coef_[k, j]), 4) for k in order]
        if max(abs(v) for v in row) >= 0.01:
            weights[str(name)] = row
    intercept = [round(float(clf.intercept_[k]), 4) for k in order]
    return {"classes": classes, "intercept": intercept, "weights": dict(sorted(weights.items()))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--train", default="dev", choices=("dev", "test"), help="Re-DocRED split to learn from")
    parser.add_argument("--limit", type=int, default=0, help="first N documents only (0 = all 500)")
    parser.add_argument("--out", type=Path, required=True, help="where to write the model (JSON)")
    parser.add_argument("--cache", type=Path, help="features file: written on the first run, read after")
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument("--c", type=float, default=16.0, help="inverse regularisation strength")
    parser.add_argument("--positive-weight", type=float, default=10.0, help="weight of a related pair against a none")
    parser.add_argument("--threshold", type=float, default=0.9, help="the step's default threshold")
    args = parser.parse_args()
    rows = featurise(args.train, args.limit, args.cache)
    model = fit(rows, args.min_count, args.c, args.positive_weight)
    model["threshold"] = args.threshold
    model["meta"] = {
        "step": "rel.pairs.v1", "trained_on": f"Re-DocRED {args.train}_revised.json",
        "documents": args.limit or 500, "pairs": len(rows),
        "pairs_by_class": dict(sorted(Counter(label for _, label in rows).items())),
        "min_count": args.min_count, "c": args.c, "positive_weight": args.positive_weight, "seed": SEED,
    }  # fmt: skip
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")
    print(json.dumps({"out": str(args.out), "features": len(model["weights"]), **model["meta"]}, indent=2))


if __name__ == "__main__":
    main()
