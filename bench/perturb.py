"""Perturbed-name screening queries from real list entries (fixed seed), the way customer data differs.

Run: .venv/bin/python bench/perturb.py OUT.jsonl [--per-kind 300] [--seed 20261204]

Each line: ``{"kind", "schema", "query", "source_id", "source_name"}``. Kinds:

* companies: ``legal_dropped`` (the legal form left out), ``legal_swapped`` (another
  spelling of the same class: "CO., LTD" / "Company Limited" / "LLC" / "OOO"),
  ``legal_moved`` ("X JSC" written "JOINT STOCK COMPANY X" and back), ``run_together``
  (two neighbouring words written as one), ``letter_off`` (one letter replaced, dropped
  or doubled in a word of five letters or more), ``order_changed`` (two words swapped);
* persons: ``letter_off``, ``order_changed`` ("Last First"), ``run_together``;
* negatives: company names built from the words of two different listed companies
  (checked to match the words of no listed name or alias of any party), and yente's synthetic people.
"""

from __future__ import annotations

import argparse
import csv
import random
import string
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
LISTS = SHARED / "sanctions"
YENTE = SHARED / "entity_resolution" / "opensanctions_yente_name_screening"
SEED = 20261204

GROUPS: list[tuple[list[Path], str]] = [
    ([LISTS / "ofac_sdn_2024-05-03/sdn.csv"], "us_ofac_sdn"),
    ([LISTS / "un_consolidated_2026-02-27/UN_consolidated.xml"], "un_sc_sanctions"),
    ([LISTS / "us_csl_2023-11/csl.csv"], "us_trade_csl"),
]

#: spellings of one legal class, as customers write them
SPELLINGS = {
    "llc": ["LLC", "Limited Liability Company", "OOO", "Co., Ltd.", "Company Limited", "Ltd"],
    "jsc": ["JSC", "Joint Stock Company", "AO", "PJSC", "Public Joint Stock Company", "OJSC"],
}
#: long forms for moving a suffix to the front
LONG = {"llc": "LIMITED LIABILITY COMPANY", "jsc": "JOINT STOCK COMPANY"}
COMPANY_KINDS = ["legal_dropped", "legal_swapped", "legal_moved", "run_together", "letter_off", "order_changed"]
PERSON_KINDS = ["letter_off", "order_changed", "run_together"]


def listed_parties() -> Iterator[tuple[str, str, list[str]]]:
    """(id, schema, names) of every party with a name, in file order; the first name is the primary one."""
    import sys

    sys.path.insert(0, str(REPO / "src"))
    from tracegraph.screen.build import listed_from_records
    from tracegraph.screen.importers import read_list
    from tracegraph.screen.records import ListRecord

    for paths, name in GROUPS:
        _, items = read_list(paths, name)
        for listed in listed_from_records(item for item in items if isinstance(item, ListRecord)):
            if listed.names:
                yield listed.id, listed.schema, list(listed.names)


def legal_form(name: str) -> tuple[str, str, str] | None:
    """(the name without its legal form, the form as written, its generic class) or ``None``."""
    from rigour.names import extract_org_types, remove_org_types

    found = extract_org_types(name, generic=True)
    if len(found) != 1:
        return None
    written, generic = found[0]
    cls = generic.lower()
    if cls not in SPELLINGS:
        return None
    rest = " ".join(remove_org_types(name).replace(",", " ").split())
    if len(rest) < 4 or rest.lower() == name.lower():
        return None
    return rest, written, cls


def _words(name: str) -> list[str]:
    return name.split()


def letter_off(rng: random.Random, name: str) -> str | None:
    words = _words(name)
    spots = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    if not spots:
        return None
    i = rng.choice(spots)
    word = words[i]
    pos = rng.randrange(1, len(word) - 1)
    how = rng.choice(["replace", "drop", "double"])
    if how == "replace":
        letters = string.ascii_uppercase if word.isupper() else string.ascii_lowercase
        new = word[:pos] + rng.choice([c for c in letters if c.lower() != word[pos].lower()]) + word[pos + 1 :]
    elif how == "drop":
        new = word[:pos] + word[pos + 1 :]
    else:
        new = word[:pos] + word[pos] + word[pos:]
    words[i] = new
    return " ".join(words)


def run_together(rng: random.Random, name: str) -> str | None:
    words = _words(name)
    spots = [i for i in range(len(words) - 1) if words[i].isalpha() and words[i + 1].isalpha()]
    if not spots:
        return None
    i = rng.choice(spots)
    return " ".join([*words[:i], words[i] + words[i + 1], *words[i + 2 :]])


def order_changed(rng: random.Random, name: str, person: bool) -> str | None:
    if person and "," in name:
        last, first = name.split(",", 1)
        return f"{first.strip()} {last.strip()}"
    words = _words(name)
    if len(words) < 2:
        return None
    if person:
        return " ".join([*words[1:], words[0]])
    i = rng.randrange(len(words) - 1)
    words[i], words[i + 1] = words[i + 1], words[i]
    return " ".join(words)


def company(rng: random.Random, kind: str, name: str) -> str | None:
    if kind in ("legal_dropped", "legal_swapped", "legal_moved"):
        found = legal_form(name)
        if found is None:
            return None
        rest, written, cls = found
        if kind == "legal_dropped":
            return rest
        if kind == "legal_swapped":
            others = [s for s in SPELLINGS[cls] if s.lower().replace(".", "") != written.lower().replace(".", "")]
            return f"{rest} {rng.choice(others)}"
        if name.lower().startswith(written.lower()):
            return f"{rest} {SPELLINGS[cls][0]}"
        return f"{LONG[cls]} {rest}"
    if kind == "run_together":
        return run_together(rng, name)
    if kind == "letter_off":
        return letter_off(rng, name)
    found = legal_form(name)
    if found is None:
        return order_changed(rng, name, person=False)
    rest, written, _ = found
    swapped = order_changed(rng, rest, person=False)
    if swapped is None:
        return None
    return f"{written} {swapped}" if name.lower().startswith(written.lower()) else f"{swapped} {written}"


def person(rng: random.Random, kind: str, name: str) -> str | None:
    if kind == "letter_off":
        return letter_off(rng, name.replace(",", ""))
    if kind == "run_together":
        return run_together(rng, name.replace(",", ""))
    return order_changed(rng, name, person=True)


def generate(per_kind: int = 300, seed: int = SEED) -> list[dict[str, Any]]:
    from tracegraph.match import kind_of, name_forms

    rng = random.Random(seed)
    everyone = list(listed_parties())
    parties = [(pid, schema, names[0]) for pid, schema, names in everyone]
    companies = [p for p in parties if p[1] in ("Company", "Organization", "LegalEntity")]
    people = [p for p in parties if p[1] == "Person"]
    rng.shuffle(companies)
    rng.shuffle(people)
    out: list[dict[str, Any]] = []
    for kinds, pool, schema, make in (
        (COMPANY_KINDS, companies, "Company", company),
        (PERSON_KINDS, people, "Person", person),
    ):
        for kind in kinds:
            made = 0
            for source_id, _source_schema, name in pool:
                if made >= per_kind:
                    break
                query = make(rng, kind, name)
                if query is None or query.strip().lower() == name.strip().lower():
                    continue
                out.append(
                    {"kind": kind, "schema": schema, "query": query, "source_id": source_id, "source_name": name}
                )
                made += 1
    # hard company negatives: a listed company's most distinctive word replaced by another company's,
    # kept only when the result matches no listed name's words
    from tracegraph.match.normalise import is_legal_word

    # every name and alias of every party: a "negative" that is a listed alias ("ZENIT") is a true match
    listed_words = {
        frozenset(f.tokens)
        for _, schema, names in everyone
        for name in names
        for f in name_forms(name, kind_of(schema))
    }

    def distinctive(words: list[str]) -> list[int]:
        return [i for i, w in enumerate(words) if len(w) >= 4 and w.isalpha() and not is_legal_word(w.lower())]

    made = 0
    while made < per_kind * 2:
        (_, _, a), (_, _, b) = rng.sample(companies, 2)
        wa, wb = _words(a), _words(b)
        da, db = distinctive(wa), distinctive(wb)
        if not da or not db:
            continue
        i = max(db, key=lambda k: len(wb[k]))
        wb[i] = wa[rng.choice(da)]
        query = " ".join(wb)
        forms = name_forms(query, "org")
        if not forms or any(frozenset(f.tokens) in listed_words for f in forms):
            continue
        out.append({"kind": "negative", "schema": "Company", "query": query, "source_id": "", "source_name": ""})
        made += 1
    for file in ("negatives_global.csv", "negatives_us.csv"):
        with (YENTE / file).open(encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        for row in rows[:per_kind]:
            out.append(
                {"kind": "negative", "schema": "Person", "query": row["full_name"], "source_id": "", "source_name": ""}
            )
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--per-kind", type=int, default=300)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    with args.out.open("wb") as fh:
        for row in generate(args.per_kind, args.seed):
            fh.write(orjson.dumps(row) + b"\n")


if __name__ == "__main__":
    main()
