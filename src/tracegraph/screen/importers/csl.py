"""The US Consolidated Screening List (trade.gov ``csl.csv``): eleven US lists in one CSV with a header.

Multi-valued cells (``alt_names``, ``addresses``, ``dates_of_birth``, ``ids``)
are separated by ``;``. A file without the expected columns is refused with
the names of the missing ones.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from tracegraph.errors import InputError
from tracegraph.ids import make_id
from tracegraph.screen.importers.text import country_code, parse_date, read_text, tolerant_rows
from tracegraph.screen.records import (
    BadRow,
    Item,
    ListRecord,
    address_entity,
    list_entity,
    lookups,
    sanction_entity,
    schema_for,
)

REQUIRED = ("_id", "source", "name", "type", "alt_names", "addresses")
_AUTHORITY = re.compile(r"^(.*?)\s*\(([^)]+)\)\s*-\s*(.+)$")


def read_csl(paths: Sequence[Path], list_name: str) -> Iterator[Item]:
    for path in paths:
        yield from _read_file(path, list_name)


def _split(cell: str | None) -> list[str]:
    return [p.strip() for p in (cell or "").split(";") if p.strip()]


def _read_file(path: Path, list_name: str) -> Iterator[Item]:
    text, encoding = read_text(path)
    if encoding is not None:
        yield BadRow(str(path), None, f"not UTF-8; read as {encoding}")
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(
            f"not a Consolidated Screening List CSV: missing columns {', '.join(missing)}", subject=str(path)
        )
    for row in tolerant_rows(reader):
        if isinstance(row, csv.Error):
            yield BadRow(str(path), reader.line_num, f"broken CSV row: {row}")
            continue
        if row.get("_id") == "_id":
            continue  # a repeated header line
        if not row.get("_id") or not row.get("name") or None in row:
            yield BadRow(str(path), reader.line_num, "row without an id or a name, or with too many cells")
            continue
        yield _record(list_name, reader.line_num, row)


def _record(list_name: str, line: int, row: dict[str, str]) -> ListRecord:
    key = row["_id"]
    party = list_entity(make_id(list_name, key), schema_for(row.get("type"), "LegalEntity"))
    person = party.schema == "Person"
    party.add("name", row["name"])
    for alias in _split(row.get("alt_names")):
        party.add("alias", alias)
    party.add("position" if person else "notes", row.get("title"))
    party.add("notes", row.get("remarks"))
    party.add("topics", "sanction")
    party.add("sourceUrl", row.get("source_information_url"))
    if person:
        for dob in _split(row.get("dates_of_birth")):
            party.add("birthDate", parse_date(dob))
        for place in _split(row.get("places_of_birth")):
            party.add("birthPlace", place)
        for nat in _split(row.get("nationalities")):
            party.add("nationality", country_code(nat))
        for nat in _split(row.get("citizenships")):
            party.add("citizenship", country_code(nat))
    if party.schema == "Vessel":
        party.add("callSign", row.get("call_sign"))
        party.add("flag", country_code(row.get("vessel_flag")))
    labels: dict[str, str] = lookups()["remark_props"]
    for ident in _split(row.get("ids")):
        parts = [p.strip() for p in ident.split(",")]
        prop = labels.get(parts[0].lower())
        if prop and len(parts) > 1 and prop not in ("notes", "linkedTo", "birthDate", "gender"):
            party.add(prop, parts[1])
    entities = [party]
    for full in _split(row.get("addresses")):
        country = country_code(full.rsplit(",", 1)[-1])
        address = address_entity(list_name, key, full, country)
        party.add("addressEntity", address.id)
        party.add("address", full)
        party.add("country", country)
        entities.append(address)
    source = row.get("source") or ""
    sanction = sanction_entity(list_name, key, party.id, source.rsplit(" - ", 1)[-1] or "US government")
    sanction.add("program", row.get("programs") or source)
    sanction.add("sourceUrl", row.get("source_list_url"))
    sanction.add("listingDate", parse_date(row.get("start_date")))
    sanction.add("startDate", parse_date(row.get("start_date")))
    sanction.add("endDate", parse_date(row.get("end_date")))
    sanction.add("reason", row.get("license_requirement"))
    entities.append(sanction)
    return ListRecord(list_name, key, entities, line)
