"""The UK OFSI Consolidated List (``ConList.csv``): one row per name of a listed party, grouped by ``Group ID``.

The header may carry one more (empty) column than the rows; the official file
starts with a "Last Updated" line before the header. Names come in six parts
(``Name 6`` is the family name); ``Alias Type`` tells the primary name from
aliases. Files are usually Windows-1252.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from pathlib import Path

from tracegraph.errors import InputError
from tracegraph.ids import make_id
from tracegraph.screen.importers.text import country_code, parse_date, read_text, tolerant_rows
from tracegraph.screen.records import BadRow, Item, ListRecord, address_entity, list_entity, sanction_entity

_SCHEMA = {"individual": "Person", "entity": "Organization", "ship": "Vessel"}
_NAME_PARTS = ("Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name 6")


def read_ofsi(paths: Sequence[Path], list_name: str) -> Iterator[Item]:
    for path in paths:
        yield from _read_file(path, list_name)


def _header(lines: list[str]) -> int:
    for i, line in enumerate(lines[:5]):
        if "Group ID" in line and "Name 6" in line:
            return i
    raise InputError("not an OFSI consolidated list CSV: no header with 'Name 6' and 'Group ID'")


def _read_file(path: Path, list_name: str) -> Iterator[Item]:
    text, encoding = read_text(path)
    if encoding is not None:
        yield BadRow(str(path), None, f"not UTF-8; read as {encoding}")
    lines = text.split("\n")
    try:
        start = _header(lines)
    except InputError as exc:
        raise InputError(exc.message, subject=str(path)) from None
    reader = csv.reader(io.StringIO("\n".join(lines[start:])))
    header = [h.strip() for h in next(reader)]
    groups: dict[str, list[dict[str, str]]] = {}
    first_line: dict[str, int] = {}
    for row in tolerant_rows(reader):
        if isinstance(row, csv.Error):
            yield BadRow(str(path), start + reader.line_num, f"broken CSV row: {row}")
            continue
        if not any(cell.strip() for cell in row):
            continue
        cols = header[len(header) - len(row) :] if len(row) < len(header) and not header[0] else header
        if len(row) != len(cols):
            yield BadRow(str(path), start + reader.line_num, f"{len(row)} cells, {len(header)} columns")
            continue
        cells = {k: v.strip() for k, v in zip(cols, row, strict=True)}
        gid = cells.get("Group ID", "")
        if not gid:
            yield BadRow(str(path), start + reader.line_num, "row without a Group ID")
            continue
        groups.setdefault(gid, []).append(cells)
        first_line.setdefault(gid, start + reader.line_num)
    for gid, rows in groups.items():
        yield _record(list_name, gid, rows, first_line[gid])


def _name(cells: dict[str, str]) -> str:
    return " ".join(cells[p] for p in _NAME_PARTS if cells.get(p))


def _record(list_name: str, gid: str, rows: list[dict[str, str]], line: int) -> ListRecord:
    rows = sorted(rows, key=lambda r: r.get("Alias Type", "").lower() != "primary name")
    main = rows[0]
    schema = _SCHEMA.get(main.get("Group Type", "").lower(), "LegalEntity")
    party = list_entity(make_id(list_name, gid), schema)
    party.add("name", _name(main))
    for other in rows[1:]:
        party.add("alias", _name(other))
    if schema == "Person":
        party.add("lastName", main.get("Name 6"))
        party.add("firstName", main.get("Name 1"))
        party.add("title", main.get("Title"))
        party.add("position", main.get("Position"))
    for cells in rows:
        dob = cells.get("DOB", "").replace("00/00/", "").replace("00/", "")
        if dob and schema == "Person":
            party.add("birthDate", parse_date("-".join(reversed(dob.split("/")))) or dob)
        for nat in cells.get("Nationality", "").replace("2)", ";").replace("1)", "").split(";"):
            party.add("nationality" if schema == "Person" else "country", country_code(nat.strip()))
    party.add("notes", main.get("Other Information"))
    party.add("topics", "sanction")
    entities = [party]
    full = ", ".join(
        main[k] for k in (*(f"Address {i}" for i in range(1, 7)), "Post/Zip Code", "Country") if main.get(k)
    )
    if full:
        address = address_entity(list_name, gid, full, country_code(main.get("Country")))
        party.add("addressEntity", address.id)
        party.add("country", address.first("country"))
        entities.append(address)
    sanction = sanction_entity(list_name, gid, party.id, "HM Treasury OFSI")
    sanction.add("program", main.get("Regime"))
    sanction.add("listingDate", parse_date("-".join(reversed(main.get("Listed On", "").split("/")))))
    entities.append(sanction)
    return ListRecord(list_name, gid, entities, line)
