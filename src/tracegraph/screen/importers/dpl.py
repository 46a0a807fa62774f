"""The Commerce Department's Denied Persons List (``dpl.txt``): tab-separated, quoted, one row per order.

A person or company may appear on several rows (one per address or order); rows
of one name become one record with several addresses.
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

REQUIRED = ("Name", "Street_Address", "City", "Country", "Effective_Date", "FR_Citation")


def read_dpl(paths: Sequence[Path], list_name: str) -> Iterator[Item]:
    for path in paths:
        yield from _read_file(path, list_name)


def _read_file(path: Path, list_name: str) -> Iterator[Item]:
    text, encoding = read_text(path)
    if encoding is not None:
        yield BadRow(str(path), None, f"not UTF-8; read as {encoding}")
    reader = csv.DictReader(io.StringIO(text), delimiter="\t")
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(f"not a Denied Persons List file: missing columns {', '.join(missing)}", subject=str(path))
    records: dict[str, ListRecord] = {}
    for row in tolerant_rows(reader):
        if isinstance(row, csv.Error):
            yield BadRow(str(path), reader.line_num, f"broken row: {row}")
            continue
        name = (row.get("Name") or "").strip()
        if not name or None in row:
            yield BadRow(str(path), reader.line_num, "row without a name, or with too many cells")
            continue
        key = make_id("dpl", name.upper())
        record = records.get(key)
        if record is None:
            party = list_entity(make_id(list_name, key), "LegalEntity")
            party.add("name", name)
            party.add("topics", "export.control")
            sanction = sanction_entity(list_name, key, party.id, "US Department of Commerce BIS")
            sanction.add("program", "Denied Persons List")
            record = records[key] = ListRecord(list_name, key, [party, sanction], reader.line_num)
        party, sanction = record.entities[0], record.entities[1]
        sanction.add("startDate", parse_date(_iso(row.get("Effective_Date"))))
        sanction.add("endDate", parse_date(_iso(row.get("Expiration_Date"))))
        sanction.add("sourceUrl", None)
        sanction.add("summary", row.get("FR_Citation"))
        parts = [row.get(k) or "" for k in ("Street_Address", "City", "State", "Postal_Code", "Country")]
        full = ", ".join(p.strip() for p in parts if p and p.strip())
        if full:
            country = country_code(row.get("Country"))
            address = address_entity(list_name, key, full, country)
            if address.id not in party.properties.get("addressEntity", []):
                party.add("addressEntity", address.id)
                party.add("country", country)
                record.entities.append(address)
    yield from records.values()


def _iso(us_date: str | None) -> str | None:
    """ "06/19/2003" -> "2003-06-19"."""
    if not us_date or us_date.count("/") != 2:
        return us_date
    month, day, year = us_date.split("/")
    return f"{year}-{month.zfill(2)}-{day.zfill(2)}"
