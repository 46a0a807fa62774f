"""Reading a tabular file for linking: columns mapped to fields, every row checked, bad rows reported and skipped.

A row's bytes are decoded on their own (UTF-8, else Windows-1252), so one
Latin-1 row in a UTF-8 file costs that row a note, not the file its accents.
Problems come back as one line each, naming the file and the row; only a file
that cannot be a table at all (binary, no name column) stops the run.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from tracegraph.datafiles import load_yaml
from tracegraph.errors import InputError
from tracegraph.match.normalise import MAX_NAME_CHARS, clean_text
from tracegraph.screen.importers.text import csv_field_limit, tolerant_rows

FIELDS = ("name", "country", "birth_date", "identifier", "schema", "id", "brand", "price", "people", "year")
#: columns that only a table of things (products, publications, items) has: with one of them, ``--kind auto``
#: reads text
TEXT_FIELDS = ("brand", "price", "people")
_HEADER = re.compile(r"[\s\-.]+")
#: file endings read as tables; anything else is refused by name
TABLE_SUFFIXES = (".csv", ".tsv", ".txt")


@dataclass
class Row:
    """One usable row: its id in the file and its mapped fields (several identifiers allowed)."""

    row_id: str
    line: int
    name: str
    country: str | None = None
    birth_date: str | None = None
    identifiers: list[str] = field(default_factory=list)
    schema: str | None = None
    brand: str | None = None
    price: str | None = None
    #: the people a record of a thing names (a publication's authors), as written
    people: str | None = None
    #: the year of a record of a thing (published, released)
    year: str | None = None


@dataclass
class Table:
    path: Path
    columns: dict[str, list[str]]
    rows: list[Row]
    problems: list[str]


def guess_kind(table: Table) -> str:
    """``text`` when the table has a column of things (price, brand, manufacturer, authors), else ``party``."""
    return "text" if any(key in table.columns for key in TEXT_FIELDS) else "party"


@cache
def header_aliases() -> dict[str, list[str]]:
    data = load_yaml("tracegraph.link", "data", "columns.yaml")
    return {key: [str(v) for v in values] for key, values in data.items()}


def _norm_header(text: str) -> str:
    return _HEADER.sub("_", text.strip().lower()).strip("_")


def map_columns(headers: list[str], overrides: dict[str, str] | None = None) -> dict[str, list[str]]:
    """Field -> the file's headers holding it (several for identifiers), from aliases and ``overrides``."""
    found: dict[str, list[str]] = {}
    by_norm = {_norm_header(h): h for h in headers if h}
    for key, header in (overrides or {}).items():
        if key not in FIELDS:
            raise InputError(f"unknown field {key!r} in --column (one of {', '.join(FIELDS)})")
        if header not in headers:
            raise InputError(f"--column {key}={header}: no such column; found: {', '.join(headers)[:200]}")
        found[key] = [header]
    for key, aliases in header_aliases().items():
        if key in found:
            continue
        hits = [by_norm[a] for a in aliases if a in by_norm]
        if hits:
            found[key] = hits if key == "identifier" else hits[:1]
    return found


def _decode_lines(path: Path, problems: list[str]) -> Iterator[str]:
    with path.open("rb") as fh:
        head = fh.read(4096)
        if b"\x00" in head:
            raise InputError("looks like a binary file, not a table", subject=str(path))
        fh.seek(0)
        for line_no, raw in enumerate(fh, 1):
            if line_no == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError:
                problems.append(f"{path}: line {line_no}: not UTF-8, read as Windows-1252")
                yield raw.decode("cp1252", errors="replace")


def read_table(path: Path, overrides: dict[str, str] | None = None, max_problems: int = 1000) -> Table:
    """The usable rows of a CSV/TSV file; raises only when the file cannot be a table with names."""
    if not path.exists():
        raise InputError("no such file", subject=str(path))
    if not path.is_file():
        raise InputError("not a regular file", subject=str(path))
    if path.suffix.lower() not in TABLE_SUFFIXES:
        raise InputError(
            f"not a table: link reads {', '.join(TABLE_SUFFIXES)} files with a header row", subject=str(path)
        )
    csv_field_limit()
    problems: list[str] = []
    lines = _decode_lines(path, problems)
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        headers = [h.strip() for h in next(reader)]
    except StopIteration:
        raise InputError("empty file", subject=str(path)) from None
    except csv.Error as exc:
        raise InputError(f"not a readable CSV header: {exc}", subject=str(path)) from None
    if headers and headers[0].startswith(("{", "[", "<")):
        raise InputError("looks like JSON or XML, not a table with a header row", subject=str(path))
    columns = map_columns(headers, overrides)
    if "name" not in columns:
        raise InputError(
            f"no name column (a header such as name, full_name, company_name; or --column name=HEADER); "
            f"found: {', '.join(headers)[:200]}",
            subject=str(path),
        )
    index = {h: i for i, h in enumerate(headers)}

    def cell(values: list[str], key: str) -> str | None:
        for header in columns.get(key, []):
            i = index[header]
            if i < len(values) and (text := clean_text(values[i])):
                return text
        return None

    rows: list[Row] = []
    seen_ids: set[str] = set()
    skipped = 0

    def note(message: str) -> None:
        nonlocal skipped
        if len(problems) < max_problems:
            problems.append(message)
        else:
            skipped += 1

    for number, values in enumerate(tolerant_rows(reader), 2):
        where = f"{path}: row {number}"
        if isinstance(values, csv.Error):
            note(f"{where}: unreadable ({values}); skipped")
            continue
        if not values or not any(v.strip() for v in values):
            continue
        name = cell(values, "name")
        if name is None:
            note(f"{where}: empty name; skipped")
            continue
        if len(name) > MAX_NAME_CHARS:
            note(f"{where}: name of {len(name):,} characters cut to {MAX_NAME_CHARS}")
            name = name[:MAX_NAME_CHARS]
        row_id = cell(values, "id") or str(number)
        if row_id in seen_ids:
            note(f"{where}: id {row_id!r} used before; this row is {number}")
            row_id = f"{row_id}#{number}"
        seen_ids.add(row_id)
        idents = [
            v for h in columns.get("identifier", []) if index[h] < len(values) and (v := values[index[h]].strip())
        ]
        rows.append(
            Row(
                row_id,
                number,
                name,
                country=cell(values, "country"),
                birth_date=cell(values, "birth_date"),
                identifiers=idents,
                schema=cell(values, "schema"),
                brand=cell(values, "brand"),
                price=cell(values, "price"),
                people=cell(values, "people"),
                year=cell(values, "year"),
            )
        )
    if skipped:
        problems.append(f"{path}: {skipped:,} more problems not shown")
    return Table(path, columns, rows, problems)
