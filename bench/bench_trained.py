"""Benchmark of ``rel.pairs.v1`` (the trained pair classifier) beside the rules (``rel.deps.v1``).

Run: ``.venv/bin/python bench/bench_trained.py --redocred N`` and ``... --facts --sets dev2,dev3,seeds``
(needs ../shared beside the checkout). Prints JSON; the figures go to docs/bench/extraction.md.

* Re-DocRED: per mapped type, precision / recall / F1 of the rules alone, the model alone, the
  union (what a build running both steps holds) and the rules with the model only where the
  rules found nothing between the two entities, all from the same parse in the same run, at
  several thresholds. Same mapping and matching as ``bench_extract.py --redocred``. The shipped
  model was trained on dev, so it is scored on test only; dev is scored with a second model
  trained on test (``--dev-model``, from ``scripts/train_relations.py --train test``).
* Genre sets (``--facts``): the fact scorer of ``bench_extract.py --facts`` on the tuning sets,
  for ``rel.deps.v1`` alone, ``rel.pairs.v1`` alone and both, per threshold. The held-out blind
  sets are not offered here.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path
from typing import Any

from bench_extract import EDGE_ENDS, GOLD, SHARED, TYPE_PROPERTIES, WIKIDATA
from tracegraph.extract.analyse import analyse
from tracegraph.extract.deps import DepsExtractor
from tracegraph.extract.extractors import NerExtractor
from tracegraph.extract.gazetteer import Gazetteer
from tracegraph.extract.keys import name_key
from tracegraph.extract.nlp import DEFAULT_MODEL, load_pipeline
from tracegraph.extract.trained import PairExtractor
from tracegraph.extract.trained.model import MODEL_PATH, load_model
from tracegraph.settings import Settings
from tracegraph.store import Document, Statement, open_store

THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)
Finding = tuple[str, int, int]


def _mapped(stmts: list[Statement], item: dict[str, Any], names: dict[str, str]) -> set[Finding]:
    """(schema, source vertex, target vertex) of the edges in ``stmts`` whose ends are annotated."""
    keys: dict[str, int] = {}
    for i, vertex in enumerate(item["vertexSet"]):
        for mention in vertex:
            keys.setdefault(name_key(mention["name"]), i)

    def vertex(entity: str) -> int | None:
        key = name_key(names.get(entity, entity))
        if key in keys:
            return keys[key]
        tail = [i for k, i in keys.items() if len(k) > 3 and (key.endswith(" " + k) or k.endswith(" " + key))]
        return tail[0] if len(set(tail)) == 1 else None

    props: dict[str, dict[str, list[str]]] = {}
    schemas: dict[str, str] = {}
    for s in stmts:
        if s.schema in EDGE_ENDS:
            schemas[s.entity_id] = s.schema
            props.setdefault(s.entity_id, {}).setdefault(s.prop, []).append(s.value)
    found: set[Finding] = set()
    for entity, p in props.items():
        a, b = EDGE_ENDS[schemas[entity]]
        for x in p.get(a, []):
            for y in p.get(b, []):
                vx, vy = vertex(x), vertex(y)
                if vx is not None and vy is not None and vx != vy:
                    found.add((schemas[entity], vx, vy))
    return found


def _fallback(rules: set[Finding], model: set[Finding]) -> set[Finding]:
    """The rules' findings, and the model's where the rules relate the two entities in no way."""
    related = {frozenset((x, y)) for _, x, y in rules}
    return rules | {f for f in model if frozenset(f[1:]) not in related}


class Tally:
    """Counts per type for one system (precision per found type, recall per gold property)."""

    def __init__(self) -> None:
        self.found = dict.fromkeys(EDGE_ENDS, 0)
        self.right = dict.fromkeys(EDGE_ENDS, 0)
        self.gold = dict.fromkeys(WIKIDATA, 0)
        self.hit = dict.fromkeys(WIKIDATA, 0)

    def add(self, found: set[Finding], gold: list[tuple[str, int, int]]) -> None:
        for r, h, t in gold:
            schemata, head_is_source = WIKIDATA[r]
            src, dst = (h, t) if head_is_source else (t, h)
            self.gold[r] += 1
            self.hit[r] += any((s, src, dst) in found for s in schemata)
        for schema, src, dst in found:
            self.found[schema] += 1
            self.right[schema] += any(
                schema in WIKIDATA[r][0] and ((h, t) if WIKIDATA[r][1] else (t, h)) == (src, dst) for r, h, t in gold
            )

    def result(self) -> dict[str, Any]:
        out = {}
        for schema, props in TYPE_PROPERTIES.items():
            out[schema] = _prf(self.right[schema], self.found[schema], sum(self.hit[p] for p in props),
                               sum(self.gold[p] for p in props))  # fmt: skip
        out["all"] = _prf(sum(self.right.values()), sum(self.found.values()), sum(self.hit.values()),
                          sum(self.gold.values()))  # fmt: skip
        return out


def _prf(right: int, found: int, hit: int, gold: int) -> dict[str, Any]:
    p = right / found if found else None
    r = hit / gold if gold else None
    f = 2 * p * r / (p + r) if p and r else None
    return {"found": found, "correct": right, "gold": gold, "recalled": hit,
            "p": round(p, 3) if p is not None else None, "r": round(r, 3) if r is not None else None,
            "f1": round(f, 3) if f is not None else None}  # fmt: skip


def bench_redocred(split: str, model_path: Path, limit: int | None) -> dict[str, Any]:
    data = json.loads((SHARED / "data/ner_re/re_docred" / f"{split}_revised.json").read_text(encoding="utf-8"))
    data = data[:limit] if limit else data
    nlp = load_pipeline()
    model = load_model(model_path)
    tallies: dict[str, Tally] = {"rules": Tally()}
    for t in THRESHOLDS:
        for system in ("model", "union", "fallback"):
            tallies[f"{system}@{t}"] = Tally()
    start = time.perf_counter()
    for item in data:
        text = "\n".join(" ".join(sent) for sent in item["sents"])
        doc = Document(id="doc-redocred", source_id="src", seq=0, text=text, published=None)
        analysis = analyse(doc, nlp(text), Gazetteer())
        ner = NerExtractor(DEFAULT_MODEL)(doc, analysis, "bench")
        names = {s.entity_id: s.value for s in ner if s.prop == "name"}
        gold = [(lab["r"], lab["h"], lab["t"]) for lab in item["labels"] if lab["r"] in WIKIDATA]
        rules = _mapped(DepsExtractor()(doc, analysis, "bench"), item, names)
        tallies["rules"].add(rules, gold)
        for t in THRESHOLDS:
            found = _mapped(PairExtractor(model, t)(doc, analysis, "bench"), item, names)
            tallies[f"model@{t}"].add(found, gold)
            tallies[f"union@{t}"].add(rules | found, gold)
            tallies[f"fallback@{t}"].add(_fallback(rules, found), gold)
    return {
        "split": split, "documents": len(data), "model": model_path.name,
        "model_trained_on": model.meta.get("trained_on"), "seconds": round(time.perf_counter() - start, 1),
        "systems": {name: tally.result() for name, tally in tallies.items()},
    }  # fmt: skip


SETS = {
    "seeds": (SHARED / "corpus/seeds", "*.txt", "extract_seed_gold.yaml"),
    "dev": (GOLD / "extract_dev", "*.txt", "extract_dev_gold.yaml"),
    "dev2": (GOLD / "extract_dev2", "*.txt", "extract_dev2_gold.yaml"),
    "dev3": (GOLD / "extract_dev3", "*.txt", "extract_dev3_gold.yaml"),
}


def bench_facts(name: str, thresholds: tuple[float, ...]) -> dict[str, Any]:
    """Fact scores on one tuning set: rules, model and both, with the model at each threshold."""
    from tracegraph.extract.factscore import found_relations, load_gold, score_facts
    from tracegraph.extract.runner import build
    from tracegraph.ingest import ingest_paths

    folder, pattern, gold_file = SETS[name]
    paths = sorted(folder.glob(pattern))
    facts, acceptable = load_gold(GOLD / gold_file)
    out: dict[str, Any] = {"facts": len(facts)}
    for t in thresholds:
        with tempfile.TemporaryDirectory() as tmp:
            settings = Settings(db=str(Path(tmp) / "facts.sqlite"), extra={"pairs_threshold": str(t)})
            with open_store(settings) as store:
                ingest_paths(store, paths, settings)
                build(store, settings, ["ner.spacy.v1", "rel.deps.v1", "rel.pairs.v1"])
                seeds = {src.id: Path(src.uri).name[:3] for src in store.sources()}
                doc_seed = {d.id: seeds.get(d.source_id) for d in store.documents()}
                runs = {"rules": ["rel.deps.v1"], f"model@{t}": ["rel.pairs.v1"],
                        f"both@{t}": ["rel.deps.v1", "rel.pairs.v1"]}  # fmt: skip
                for label, steps in runs.items():
                    if label == "rules" and "rules" in out:
                        continue
                    score = score_facts(found_relations(store, steps, doc_seed.get), facts, acceptable)
                    total = score.total().to_dict()
                    by_type = {k: v.to_dict() for k, v in sorted(score.by_type.items())}
                    out[label] = {"total": total, "by_type": by_type}
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--redocred", type=int, default=-1, help="Re-DocRED dev and test, N documents each (0 = all)")
    parser.add_argument("--dev-model", type=Path, help="a model trained on test, to score dev (else dev is skipped)")
    parser.add_argument("--test-model", type=Path, default=MODEL_PATH, help="the model to score test (shipped)")
    parser.add_argument("--facts", action="store_true", help="fact scores on the tuning sets")
    parser.add_argument("--sets", default="dev2,dev3,seeds", help="with --facts: " + ", ".join(SETS))
    parser.add_argument("--thresholds", default="0.7,0.8,0.9", help="with --facts: model thresholds")
    args = parser.parse_args()
    result: dict[str, Any] = {}
    if args.redocred >= 0:
        n = args.redocred or None
        if args.dev_model:
            result["dev"] = bench_redocred("dev", args.dev_model, n)
        result["test"] = bench_redocred("test", args.test_model, n)
    if args.facts:
        thresholds = tuple(float(x) for x in args.thresholds.split(","))
        for name in args.sets.split(","):
            result[name.strip()] = bench_facts(name.strip(), thresholds)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
