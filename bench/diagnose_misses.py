"""Why `rel.deps.v1` misses gold facts, in counts only: safe to run on a never-tuned set.

    .venv/bin/python bench/diagnose_misses.py blind6             # every type: why each fact was missed
    .venv/bin/python bench/diagnose_misses.py blind6 Sanction    # and what the anchor sentences look like

It prints no name and no text. For each missed fact, by type, one cause:
  A  a found fact of an accepted type has the right source but another target
  B  the right target, another source
  C  both ends appear in other facts found in that document: only the relation is missing
  D  an end (source or target) is in no fact found in that document: a name never recognised
With a type, it also counts features of the missed facts' anchor sentences: whether the names are
written there, which keyword class the sentence holds, whether it is a bullet line and, if so, how
the list's lead line ends and what it holds. Rule writers may read these counts for any set; they
must not read a never-tuned set's documents or gold (see docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import re
import tempfile
from collections import Counter
from pathlib import Path

from bench_extract import GOLD
from tracegraph.extract.factscore import Fact, Found, found_relations, load_gold
from tracegraph.extract.keys import name_key
from tracegraph.extract.runner import build
from tracegraph.ingest import ingest_paths
from tracegraph.settings import Settings
from tracegraph.store import open_store

STEP = "rel.deps.v1"
KEYWORDS = {
    "designate": r"designat",
    "sanction": r"sanction",
    "list": r"\blist(?:ed|ing|s)?\b",
    "add": r"\badd(?:ed|s|ing|itions?)?\b",
    "block/freeze": r"\bblock|\bfr(?:eez|oze)",
    "restrict": r"restrict",
    "target": r"\btarget",
    "E.O./pursuant": r"E\.O\.|Executive Order|pursuant",
    "Entity List": r"Entity List",
    "identifying": r"identif|\bDOB\b|nationality|[Pp]assport",
    "charge/arrest": r"charg|indict|arrest|extradit|sentenc|convict|plead|pled",
    "own/control": r"\bown|control|sharehold|stake|subsidiar",
    "sell/ship": r"\bsel+s?\b|sold|ship|offer|suppl|export|advertis",
}
BULLET = re.compile(r"\s*(?:[-*\u2022]|\(?[0-9a-z]{1,2}[.)])\s")


def folder(name: str) -> Path:
    held = GOLD / "extract_heldout" / name
    return held if held.is_dir() and name != "held_out" else GOLD / f"extract_{name}"


def found_for(paths: list[Path]) -> list[Found]:
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(db=str(Path(tmp) / "diagnose.sqlite"))
        with open_store(settings) as store:
            ingest_paths(store, paths, settings)
            build(store, settings, ["ner.spacy.v1", STEP])
            seeds = {src.id: Path(src.uri).name[:3] for src in store.sources()}
            doc_seed = {d.id: seeds.get(d.source_id) for d in store.documents()}
            return found_relations(store, [STEP], doc_seed.get)


def cause(fact: Fact, rows: list[Found]) -> str:
    same = [r for r in rows if r.rel in fact.rels]
    if fact.src is not None and any(r.src in fact.src for r in same):
        return "A: right source, other target"
    if any(r.dst in fact.dst for r in same):
        return "B: right target, other source"
    ends = {r.src for r in rows} | {r.dst for r in rows}
    if fact.src is not None and not fact.src & ends:
        return "D: source never found"
    if not fact.dst & ends:
        return "D: target never found"
    return "C: both ends found, relation missing"


def sentence_at(text: str, at: str) -> tuple[str, int] | None:
    i = text.find(at) if at else -1
    if i < 0:
        return None
    lo = max(text.rfind("\n", 0, i), text.rfind(". ", 0, i)) + 1
    ends = [x for x in (text.find("\n", i), text.find(". ", i + len(at))) if x >= 0]
    return text[lo : min(ends) if ends else len(text)], lo


def features(fact: Fact, text: str) -> list[str]:
    found = sentence_at(text, fact.at)
    if found is None:
        return ["anchor not in the document"]
    sent, lo = found
    key = name_key(sent)
    out = [
        "source written there" if fact.src is None or any(s and s in key for s in fact.src) else "source not written",
        "target written there" if any(d and d in key for d in fact.dst) else "target not written",
        "keywords: " + ("+".join(k for k, rx in KEYWORDS.items() if re.search(rx, sent)) or "none"),
        f"sentence of {len(sent.split()) // 20 * 20}-{len(sent.split()) // 20 * 20 + 19} words",
    ]
    if BULLET.match(sent):
        lines = text[:lo].split("\n")
        k = len(lines) - 1
        while k >= 0 and (not lines[k].strip() or BULLET.match(lines[k])):
            k -= 1
        lead = lines[k].strip() if k >= 0 else ""
        out += [
            "bullet line",
            f"bullet line: lead ends with {lead[-1:]!r}",
            "bullet line: lead keywords: "
            + ("+".join(k for k, rx in KEYWORDS.items() if re.search(rx, lead)) or "none"),
        ]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("set", help="a gold set: seeds are not supported; dev6, blind6, held_out, ...")
    parser.add_argument("type", nargs="?", help="a fact type (Sanction, Ownership, Action:offer, ...)")
    args = parser.parse_args()
    paths = sorted(folder(args.set).glob("*.txt"))
    facts, _ = load_gold(GOLD / f"extract_{args.set}_gold.yaml")
    texts = {p.name[:3]: p.read_text(encoding="utf-8") for p in paths}
    found = found_for(paths)
    causes: Counter[tuple[str, str]] = Counter()
    shapes: Counter[str] = Counter()
    for fact in facts:
        if any(fact.matches(r) for r in found):
            continue
        causes[(fact.kind, cause(fact, [r for r in found if r.seed == fact.seed]))] += 1
        if args.type and fact.kind == args.type:
            shapes.update(features(fact, texts.get(fact.seed, "")))
    for (kind, why), n in sorted(causes.items()):
        print(f"{kind:20} {why:40} {n}")
    for shape, n in sorted(shapes.items()):
        print(f"  {args.type}: {shape}: {n}")


if __name__ == "__main__":
    main()
