"""Score what extraction stored against a gold file (``examples/gold.yaml`` format)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tracegraph.datafiles import parse_yaml
from tracegraph.extract.keys import family, name_key
from tracegraph.store import Store
from tracegraph.store.model import clean_value
from tracegraph.store.queries import extract as sql

#: edge schema -> (source prop, target prop)
EDGES: dict[str, tuple[str, str]] = {
    "Ownership": ("owner", "asset"),
    "Directorship": ("director", "organization"),
    "Employment": ("employee", "employer"),
    "Membership": ("member", "organization"),
    "Representation": ("agent", "client"),
    "Succession": ("predecessor", "successor"),
    "UnknownLink": ("subject", "object"),
    "Sanction": ("entity", "authorityId"),
}
EXTRACTORS = ("ner.spacy.v1", "rel.patterns.v1", "rel.deps.v1")
IDENT_PROPS = ("phone", "email", "website", "address")


@dataclass
class Score:
    found: int
    gold: int
    correct: int
    missed: list[str]
    wrong: list[str]

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 1.0

    def to_dict(self) -> dict[str, Any]:
        return {"precision": round(self.precision, 3), "recall": round(self.recall, 3), "found": self.found,
                "gold": self.gold, "correct": self.correct, "missed": self.missed, "wrong": self.wrong}  # fmt: skip


def _score(found: set[Any], gold: set[Any]) -> Score:
    correct = found & gold
    return Score(
        len(found), len(gold), len(correct), sorted(map(str, gold - correct)), sorted(map(str, found - correct))
    )


def _entities(store: Store) -> tuple[dict[str, str], dict[str, dict[str, list[str]]], dict[str, str]]:
    names: dict[str, str] = {}
    props: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    schemas: dict[str, str] = {}
    rows = sql.output_values(store, EXTRACTORS)
    for entity_id, schema, prop, value in rows:
        schemas.setdefault(entity_id, schema)
        props[entity_id][prop].append(value)
        if prop == "name":
            names.setdefault(entity_id, value)
    return names, props, schemas


def score(store: Store, gold_path: Path) -> dict[str, Score]:
    """Precision and recall of entities, relations and identifier ties in ``store``."""
    gold = parse_yaml(Path(gold_path).read_text(encoding="utf-8"), str(gold_path))
    names, props, schemas = _entities(store)

    def key(entity_id: str) -> str:
        return name_key(names.get(entity_id, entity_id))

    ner_ids = sql.entity_ids_of(store, "ner.spacy.v1")
    found_ents = {(family(schemas[e]), name_key(names[e])) for e in ner_ids if e in names}
    gold_ents = {(family(g["schema"]), name_key(g["name"])) for g in gold.get("entities", [])}

    found_rels: set[tuple[str, ...]] = set()
    attrs: dict[tuple[str, ...], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for entity_id, schema in schemas.items():
        p = props[entity_id]
        if schema in EDGES:
            src, dst = EDGES[schema]
            rows = [(schema, key(a), key(b)) for a in p.get(src, []) for b in p.get(dst, [])]
        elif schema == "Action":
            kind = (p.get("kind") or [""])[0]
            others = p.get("target", []) + p.get("object", [])
            rows = [(f"Action:{kind}", key(a), key(b)) for a in p.get("actor", []) for b in others]
        else:
            continue
        for row in rows:
            found_rels.add(row)
            for prop in ("date", "startDate", "rate"):
                attrs[row][prop.replace("startDate", "date")].update(p.get(prop, []))
    gold_rels: set[tuple[str, ...]] = set()
    for g in gold.get("relations", []):
        schema = g["schema"] if g["schema"] != "Action" else f"Action:{g['kind']}"
        row = (schema, name_key(g["source"]), name_key(g["target"]))
        ok = row in found_rels and all(str(g[k]) in attrs[row][k] for k in ("date", "rate") if k in g)
        gold_rels.add(row if ok or row not in found_rels else (*row, "attributes differ"))

    found_ids = {(key(e), prop, v) for e in schemas for prop in IDENT_PROPS for v in props[e].get(prop, [])}
    # gold values as the store keeps them: cleaned by their FtM type (a URL gains its "/")
    gold_ids = {
        (name_key(g["entity"]), g["prop"], clean_value("LegalEntity", g["prop"], str(g["value"])))
        for g in gold.get("identifiers", [])
    }
    return {
        "entities": _score(found_ents, gold_ents),
        "relations": _score(found_rels, gold_rels),
        "identifiers": _score(found_ids, gold_ids),
    }
