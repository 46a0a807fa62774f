"""``link FILE --against graph|lists|FILE2``: the whole job as one importable function."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import orjson

from tracegraph.errors import InputError
from tracegraph.link.judge import dataset_name, record_judgements, store_table, table_parties
from tracegraph.link.records import party_rows, store_parties
from tracegraph.link.run import LinkResult, link_rows
from tracegraph.link.table import Table, guess_kind, read_table
from tracegraph.link.text import TextRecord, text_rows
from tracegraph.store import Store

STORE_SIDES = ("graph", "lists")
KINDS = ("auto", "party", "text")


def _text_rows(table: Table, source: str) -> list[dict[str, Any]]:
    return text_rows((TextRecord(r.row_id, r.name, r.brand, r.price, r.people, r.year) for r in table.rows), source)


def link_file(
    store: Store | None,
    path: Path,
    against: str | None = None,
    *,
    engine: str = "duckdb",
    threshold: float = 0.9,
    review: float = 0.5,
    columns: dict[str, str] | None = None,
    write: bool = True,
    kind: str = "auto",
    one_to_one: bool = False,
) -> LinkResult:
    """Link a CSV file to the graph, the loaded lists or a second file (or deduplicate it when ``against`` is None).

    With ``write`` (and a store), the file's rows are stored as entities and pairs
    at or above ``threshold`` become merge judgements. ``kind`` says what the name
    column holds: party names (``party``), the text of things such as product
    titles (``text``: model numbers and words, see :mod:`tracegraph.link.text`), or
    ``auto``: text when the file has a price, brand or people (authors) column. Text records are not
    parties: they are linked and their pairs returned, nothing is stored.
    """
    if not 0.0 < threshold <= 1.0 or not 0.0 < review <= threshold:
        raise InputError("thresholds must satisfy 0 < review <= threshold <= 1")
    if kind not in KINDS:
        raise InputError(f"unknown kind {kind!r} (one of {', '.join(KINDS)})")
    table = read_table(path, columns)
    problems = list(table.problems)
    if not table.rows:
        raise InputError("no row with a name to link", subject=str(path))
    if kind == "auto":
        kind = "party" if against in STORE_SIDES else guess_kind(table)
    if kind == "text":
        return _link_text(table, against, columns, engine, threshold, review, one_to_one, problems)
    left = party_rows(table_parties(table), "file")
    right = None
    other = None
    if against in STORE_SIDES:
        if store is None:
            raise InputError(f"--against {against} needs a store")
        right = party_rows(store_parties(store, against), against)
        if not right:
            raise InputError(
                "the store holds no loaded list entries" if against == "lists" else "the graph holds no named parties"
            )
    elif against is not None:
        other = read_table(Path(against), columns)
        problems += other.problems
        right = party_rows(table_parties(other), "file2")
        if not right:
            raise InputError("no row with a name to link", subject=against)
    result = link_rows(left, right, engine=engine, threshold=threshold, review=review, one_to_one=one_to_one)
    result.problems = problems
    if write and store is not None:
        ids = {"file": store_table(store, table)}
        if other is not None:
            if dataset_name(other.path) == dataset_name(table.path):
                raise InputError("both files would be stored as one dataset; rename one", subject=str(other.path))
            ids["file2"] = store_table(store, other)
        result.judgements = record_judgements(store, result, ids, threshold)
    return result


def _link_text(
    table: Table,
    against: str | None,
    columns: dict[str, str] | None,
    engine: str,
    threshold: float,
    review: float,
    one_to_one: bool,
    problems: list[str],
) -> LinkResult:
    if against in STORE_SIDES:
        raise InputError(f"--kind text links a file to a file (or to itself), not to the {against}")
    left = _text_rows(table, "file")
    right = None
    if against is not None:
        other = read_table(Path(against), columns)
        problems += other.problems
        right = _text_rows(other, "file2")
        if not right:
            raise InputError("no row with words to link", subject=against)
    if not left:
        raise InputError("no row with words to link", subject=str(table.path))
    result = link_rows(left, right, engine=engine, threshold=threshold, review=review, one_to_one=one_to_one)
    result.problems = problems
    return result


def write_pairs(result: LinkResult, out: Path) -> None:
    """The pairs for review: JSON lines for ``.json``/``.jsonl``, else CSV with one column per comparison."""
    if out.suffix.lower() in (".json", ".jsonl"):
        with out.open("wb") as fh:
            for pair in result.pairs:
                fh.write(orjson.dumps({**pair.to_dict(), "reason": pair.reason()}) + b"\n")
        return
    header = ["left_source", "left", "left_name", "right_source", "right", "right_name", "probability"]
    header += ["match_weight", "cluster"]
    header += [f"{c}_{part}" for c in result.comparisons for part in ("level", "weight")]
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        for pair in result.pairs:
            data: dict[str, Any] = pair.to_dict()
            row = [_cell(data[h]) for h in header[:9]]
            for c in result.comparisons:
                item = pair.explanation.get(c, {"level": "", "weight": ""})
                row += [item["level"], item["weight"]]
            writer.writerow(row)


#: a spreadsheet runs a cell starting with one of these as a formula
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA) else text
