"""OFAC's legacy CSV files: ``sdn.csv`` (or ``cons_prim.csv``) with ``add``, ``alt`` and ``comments``.

The files have no header. Aliases, dates of birth, nationalities, identifiers,
e-mail addresses and websites hide in the remarks column, as ``label value``
parts separated by ``;``; the labels are mapped in ``data/lookups.yaml``.
``sdn_comments.csv`` continues remarks that did not fit.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path

from tracegraph.ids import make_id
from tracegraph.screen.importers.text import country_code, parse_date, read_text, tolerant_rows
from tracegraph.screen.records import BadRow, Item, ListRecord, address_entity, list_entity, lookups, sanction_entity
from tracegraph.store import Entity

_ALIAS = re.compile(r"^([afn])\.k\.a\.?,?\s*['\"‘’]?(.+?)['\"‘’]?\.?$", re.IGNORECASE)
_FIRST_TOKEN = re.compile(r"^([^\s(,]+)")
_ALT_PROPS = {"aka": "alias", "fka": "previousName", "nka": "alias"}
_CONTACT = {"email", "website", "phone"}
_IDS = {"passportNumber", "idNumber", "taxNumber", "registrationNumber", "leiCode", "swiftBic", "imoNumber", "mmsi"}


def _role(path: Path) -> str:
    name = path.name.lower()
    for role in ("comments", "add", "alt"):
        if role in name.replace(".csv", "").split("_") or name.startswith(role):
            return role
    return "prim"


def _rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    text, _ = read_text(path)
    reader = csv.reader(io.StringIO(text))
    for row in tolerant_rows(reader):
        if isinstance(row, csv.Error):
            yield reader.line_num, [f"\x00{row}"]
            continue
        if row and row != ["\x1a"]:  # OFAC files end with a DOS end-of-file character
            yield reader.line_num, [cell.strip() for cell in row]


def _ends_whole(path: Path) -> bool:
    """Whether the file ends with a line break (before OFAC's end-of-file character), as a whole file does."""
    with path.open("rb") as fh:
        fh.seek(max(0, path.stat().st_size - 8))
        tail = fh.read().rstrip(b"\x1a")
    return not tail or tail.endswith((b"\n", b"\r"))


def _side_tables(paths: Sequence[Path]) -> tuple[dict[str, list[list[str]]], list[BadRow]]:
    """add/alt/comments rows keyed by ``role:ent_num``."""
    tables: dict[str, list[list[str]]] = {}
    bad: list[BadRow] = []
    for path in paths:
        role = _role(path)
        if role == "prim":
            continue
        for line, row in _rows(path):
            if len(row) < 2 or not row[0].isdigit():
                bad.append(BadRow(str(path), line, f"not an OFAC {role} row ({len(row)} columns)"))
                continue
            tables.setdefault(f"{role}:{row[0]}", []).append(row)
    return tables, bad


@cache
def _label_pattern() -> re.Pattern[str]:
    labels = sorted(lookups()["remark_props"], key=len, reverse=True)
    return re.compile("^(" + "|".join(re.escape(lab) for lab in labels) + ")[ :]", re.IGNORECASE)


def _remarks(party: Entity, remarks: str) -> None:
    labels: dict[str, str] = lookups()["remark_props"]
    pattern = _label_pattern()
    for raw in remarks.split(";"):
        part = raw.strip().rstrip(".").strip()
        if not part:
            continue
        if m := _ALIAS.match(part):
            party.add("previousName" if m.group(1).lower() == "f" else "alias", m.group(2))
            continue
        found = pattern.match(part)
        if found is None:
            party.add("notes", part)
            continue
        label = found.group(1).lower()
        prop = labels[label]
        value = part[len(label) :].lstrip(" :").strip()
        if prop == "birthDate":
            party.add(prop, parse_date(value) or value)
        elif prop in ("nationality", "citizenship"):
            party.add(prop, country_code(value))
        elif prop in _CONTACT or prop in _IDS:
            m = _FIRST_TOKEN.match(value)
            party.add(prop, m.group(1) if m else value)
        elif prop == "gender":
            party.add(prop, value.lower())
        elif prop == "birthPlace":
            party.add(prop, value)
        else:
            party.add("notes", part)


def read_ofac(paths: Sequence[Path], list_name: str) -> Iterator[Item]:
    """Records of an OFAC SDN (or non-SDN consolidated) file set."""
    tables, bad = _side_tables(paths)
    yield from bad
    names: dict[str, str] = {}
    for path in paths:
        if _role(path) == "prim":
            names.update((row[1].upper(), row[0]) for _, row in _rows(path) if len(row) == 12 and row[0].isdigit())
    for path in paths:
        if _role(path) != "prim":
            continue
        rows = list(_rows(path))
        cut = not _ends_whole(path)
        for n, (line, row) in enumerate(rows, 1):
            if len(row) != 12 or not row[0].isdigit() or not row[1] or row[1] == "-0-":
                if cut and n == len(rows):  # a good file ends with a whole row and a line break
                    yield BadRow(str(path), line, f"the file ends inside a row ({len(row)} columns): truncated", True)
                    continue
                yield BadRow(str(path), line, f"not an OFAC primary row ({len(row)} columns, 12 expected)")
                continue
            record = _record(list_name, line, row, tables)
            record.entities.extend(_links(list_name, record.party, names))
            yield record


def _links(list_name: str, party: Entity, names: dict[str, str]) -> list[Entity]:
    """UnknownLink relations for the remarks' ``Linked To: NAME`` when NAME is an entry of the same file."""
    links = []
    for note in party.properties.get("notes", []):
        if not note.lower().startswith("linked to:"):
            continue
        target = names.get(note.split(":", 1)[1].strip().rstrip(".").upper())
        if target is None:
            continue
        link = list_entity(make_id("link", list_name, party.id, target), "UnknownLink")
        link.add("subject", party.id)
        link.add("object", make_id(list_name, target))
        link.add("role", "Linked To")
        links.append(link)
    return links


def _record(list_name: str, line: int, row: list[str], tables: dict[str, list[list[str]]]) -> ListRecord:
    ent_num, name, kind, program, title, call_sign, vess_type, tonnage, grt, flag, owner, remarks = row
    schema = lookups()["schema"].get(kind.lower(), "Organization")
    party = list_entity(make_id(list_name, ent_num), schema)
    party.add("name", name)
    if schema == "Person" and "," in name:
        last, first = name.split(",", 1)
        party.add("lastName", last)
        party.add("firstName", first)
    party.add("position" if schema == "Person" else "notes", title)
    if schema == "Vessel":
        party.add("callSign", call_sign)
        party.add("type", vess_type)
        party.add("tonnage", tonnage)
        party.add("grossRegisteredTonnage", grt)
        party.add("flag", country_code(flag))
        party.add("notes", f"owner: {owner}" if owner and owner != "-0-" else None)
    party.add("topics", "sanction")
    for comment in tables.get(f"comments:{ent_num}", []):
        remarks = (remarks if remarks != "-0-" else "") + comment[1]
    if remarks and remarks != "-0-":
        _remarks(party, remarks)
    for alt in tables.get(f"alt:{ent_num}", []):
        if len(alt) >= 4:
            party.add(_ALT_PROPS.get(alt[2].lower(), "alias"), alt[3])
    entities = [party]
    for add in tables.get(f"add:{ent_num}", []):
        parts = [p for p in add[2:5] if p and p != "-0-"]
        if not parts:
            continue
        country = country_code(add[4]) if len(add) > 4 else None
        address = address_entity(list_name, ent_num, ", ".join(parts), country)
        party.add("addressEntity", address.id)
        party.add("address", address.first("full"))
        party.add("country", country)
        entities.append(address)
    sanction = sanction_entity(list_name, ent_num, party.id, "US Treasury OFAC")
    for prog in program.strip("[]").split("] ["):
        sanction.add("program", prog)
    entities.append(sanction)
    return ListRecord(list_name, ent_num, entities, line)
