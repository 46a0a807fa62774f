"""Score extracted relations against a hand-written list of facts (``bench/data/*_gold.yaml``).

A gold fact names a seed (the first three characters of the input file's name), one or more
relation types (an FtM edge schema, ``alias`` or ``Action:<kind>``), acceptable names for its
two ends and a short anchor that occurs in the evidence sentence. A found relation matches a
fact when the seed, the type and both ends agree (names compared with
:func:`~tracegraph.extract.keys.name_key`); it carries the right evidence when one of its
``summary`` sentences contains the anchor. Negated findings ("X did not sanction Y", kept with
``hedge: not``, or ``denied``) say that something did *not* happen and are left out of the found set.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracegraph.datafiles import parse_yaml
from tracegraph.extract.evaluate import EDGES
from tracegraph.extract.keys import name_key
from tracegraph.store import Store
from tracegraph.store.queries import extract as sql

_SPACE = re.compile(r"\s+")
NOT_ASSERTED = frozenset({"not", "denied"})  # hedges that say the thing did not happen


def _names(value: Any) -> frozenset[str] | None:
    """``"A | B"`` -> {key(A), key(B)}; ``None`` (or a "null" choice) means any actor, none included."""
    if value is None:
        return None
    choices = [c.strip() for c in str(value).split("|")]
    if "null" in choices:
        return None
    keys = {name_key(c) for c in choices if c}
    return frozenset(keys | {k for c in choices if c for k in _substance_names(c)})


def _substance_names(name: str) -> set[str]:
    """A gold name that is a whole substance name also matches the catalogue's name for it
    ("4-AP" is the substance the catalogue calls N-phenylpiperidin-4-amine)."""
    from tracegraph.extract.substances import find_substance_mentions

    return {name_key(m.name) for m in find_substance_mentions(name) if m.start == 0 and m.end == len(name)}


@dataclass(frozen=True)
class Fact:
    seed: str
    rels: tuple[str, ...]
    src: frozenset[str] | None
    dst: frozenset[str]
    at: str = ""
    part: str = "story"

    @property
    def kind(self) -> str:
        return self.rels[0]

    def matches(self, row: Found) -> bool:
        if row.seed != self.seed or row.rel not in self.rels:
            return False
        if row.rel == "alias":  # either direction
            pair = {row.src or "", row.dst}
            return bool(pair & (self.src or frozenset())) and bool(pair & self.dst) and len(pair) == 2
        if self.src is not None and row.src not in self.src:
            return False
        return row.dst in self.dst

    def label(self) -> str:
        src = "/".join(sorted(self.src)) if self.src else "-"
        return f"{self.seed} {self.kind}: {src} -> {'/'.join(sorted(self.dst))} [{self.at}]"


@dataclass(frozen=True)
class Found:
    seed: str
    rel: str
    src: str | None
    dst: str
    evidence: tuple[str, ...] = ()
    document_id: str = ""

    def key(self) -> tuple[str, str, str, str]:
        return (self.seed, self.rel, self.src or "", self.dst)


def load_gold(path: Path) -> tuple[list[Fact], list[Fact]]:
    data = parse_yaml(Path(path).read_text(encoding="utf-8"), str(path))

    def fact(item: dict[str, Any]) -> Fact:
        rels = item["rel"] if isinstance(item["rel"], list) else [item["rel"]]
        dst = _names(item["dst"]) or frozenset()
        return Fact(str(item["seed"]), tuple(rels), _names(item.get("src")), dst, str(item.get("at") or ""),
                    str(item.get("part") or "story"))  # fmt: skip

    return [fact(i) for i in data.get("facts", [])], [fact(i) for i in data.get("acceptable", [])]


def found_relations(store: Store, extractors: Iterable[str], seed_of: Callable[[str], str | None]) -> list[Found]:
    """Relations, events and aliases written by ``extractors``, one row per (document, end pair).

    ``seed_of`` maps a document id to its seed (``None`` leaves the document out).
    """
    names: dict[str, str] = {}
    for entity_id, value in sql.name_values(store):
        names.setdefault(entity_id, value)
    rows = sql.output_with_spans(store, list(extractors))
    grouped: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    schemas: dict[str, str] = {}
    texts: dict[str, str] = {}
    for entity_id, schema, prop, value, document_id, start, end in rows:
        if document_id is None:
            continue
        schemas[entity_id] = schema
        grouped[(entity_id, document_id)][prop].append(value)
        if prop in ("alias", "previousName") and start is not None:
            if document_id not in texts:
                texts[document_id] = store.document(document_id).text
            grouped[(entity_id, document_id)]["alias_evidence"].append(texts[document_id][start:end])

    def key(entity_id: str) -> str:
        return name_key(names.get(entity_id, entity_id))

    out: list[Found] = []
    for (entity_id, document_id), p in grouped.items():
        seed = seed_of(document_id)
        if seed is None or NOT_ASSERTED & set(p.get("hedge", [])):
            continue
        schema = schemas[entity_id]
        evidence = tuple(_SPACE.sub(" ", s) for s in p.get("summary", []))
        pairs: list[tuple[str, str | None, str]] = []
        if schema in EDGES:
            a, b = EDGES[schema]
            pairs = [(schema, key(x), key(y)) for x in p.get(a, []) for y in p.get(b, [])]
        elif schema == "Action":
            kind = f"Action:{(p.get('kind') or [''])[0]}"
            others = p.get("object") or p.get("target", [])
            actors: list[str | None] = [key(x) for x in p.get("actor", [])] or [None]
            pairs = [(kind, a, key(o)) for a in actors for o in others]
        for alias in (*p.get("alias", []), *p.get("previousName", [])):  # a former name is another name too
            pairs.append(("alias", key(entity_id), name_key(alias)))
        evidence += tuple(_SPACE.sub(" ", s) for s in p.get("alias_evidence", []))
        out.extend(Found(seed, rel, src, dst, evidence, document_id) for rel, src, dst in pairs if src != dst)
    return out


@dataclass
class TypeScore:
    gold: int = 0
    recalled: int = 0
    with_evidence: int = 0
    found: int = 0
    correct: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold, "found": self.found, "correct": self.correct, "recalled": self.recalled,
            "with_evidence": self.with_evidence,
            "precision": round(self.correct / self.found, 3) if self.found else None,
            "recall": round(self.recalled / self.gold, 3) if self.gold else None,
        }  # fmt: skip


@dataclass
class FactScore:
    by_type: dict[str, TypeScore] = field(default_factory=lambda: defaultdict(TypeScore))
    missed: list[str] = field(default_factory=list)
    no_evidence: list[str] = field(default_factory=list)  # found, but no evidence sentence holds the anchor
    unmatched: list[str] = field(default_factory=list)

    def total(self) -> TypeScore:
        out = TypeScore()
        for ts in self.by_type.values():
            for name in ("gold", "recalled", "with_evidence", "found", "correct"):
                setattr(out, name, getattr(out, name) + getattr(ts, name))
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"total": self.total().to_dict(), "by_type": {k: v.to_dict() for k, v in sorted(self.by_type.items())},
                "missed": self.missed, "no_evidence": self.no_evidence, "unmatched": self.unmatched}  # fmt: skip


def _group(rel: str) -> str:
    return "Action" if rel.startswith("Action:") else rel


def score_facts(
    found: list[Found], facts: list[Fact], acceptable: list[Fact], parts: tuple[str, ...] = ()
) -> FactScore:
    """Precision (found rows that are a gold or acceptable fact) and recall (gold facts found)."""
    result = FactScore()
    for f in (f for f in facts if not parts or f.part in parts):
        ts = result.by_type[_group(f.kind)]
        ts.gold += 1
        hits = [row for row in found if f.matches(row)]
        if hits:
            ts.recalled += 1
            anchor = _SPACE.sub(" ", f.at)
            if any(anchor in ev for row in hits for ev in row.evidence):
                ts.with_evidence += 1
            else:
                carried = " | ".join(sorted({ev[:90] for r in hits for ev in r.evidence}))
                result.no_evidence.append(f"{f.label()} <- {carried}")
        else:
            result.missed.append(f.label())
    seen: dict[tuple[str, str, str, str], Found] = {}
    for row in found:
        seen.setdefault(row.key(), row)
    every = [*facts, *acceptable]
    for row in seen.values():
        ts = result.by_type[_group(row.rel)]
        ts.found += 1
        if any(f.matches(row) for f in every):
            ts.correct += 1
        else:
            result.unmatched.append(f"{row.seed} {row.rel}: {row.src or '-'} -> {row.dst}")
    result.unmatched.sort()
    return result
