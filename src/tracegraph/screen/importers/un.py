"""The UN Security Council consolidated list (XML), read as a stream of INDIVIDUAL and ENTITY elements.

A truncated or broken file yields the records read so far and one bad row
naming the line where the XML broke.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from lxml import etree

from tracegraph.ids import make_id
from tracegraph.screen.importers.text import country_code, parse_date
from tracegraph.screen.records import BadRow, Item, ListRecord, address_entity, list_entity, lookups, sanction_entity

_NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")


def _text(elem: Any, tag: str) -> str | None:
    found = elem.find(tag)
    if found is None or found.text is None:
        return None
    text = str(found.text).strip()
    return text or None


def _values(elem: Any, path: str) -> list[str]:
    return [str(v.text).strip() for v in elem.iterfind(path) if v.text and v.text.strip()]


def read_un(paths: Sequence[Path], list_name: str) -> Iterator[Item]:
    for path in paths:
        yield from _read_file(path, list_name)


def _read_file(path: Path, list_name: str) -> Iterator[Item]:
    context = etree.iterparse(str(path), events=("end",), tag=("INDIVIDUAL", "ENTITY"), recover=False, huge_tree=True)
    try:
        for _, elem in context:
            try:
                yield _record(list_name, elem)
            except (ValueError, TypeError) as exc:
                yield BadRow(str(path), elem.sourceline, f"cannot read the {elem.tag} element: {exc}")
            elem.clear()
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if exc.lineno else None
        yield BadRow(str(path), line, f"broken XML, reading stopped here: {exc.msg}", fatal=True)


def _record(list_name: str, elem: Any) -> ListRecord:
    data_id = _text(elem, "DATAID")
    if data_id is None:
        raise ValueError("no DATAID")
    person = elem.tag == "INDIVIDUAL"
    party = list_entity(make_id(list_name, data_id), "Person" if person else "Organization")
    parts = [p for p in (_text(elem, tag) for tag in _NAME_PARTS) if p]
    if not parts:
        raise ValueError("no name")
    party.add("name", " ".join(parts))
    if person:
        party.add("firstName", parts[0])
        party.add("lastName", parts[-1] if len(parts) > 1 else None)
    party.add("name", _text(elem, "NAME_ORIGINAL_SCRIPT"))
    party.add("topics", "sanction")
    party.add("notes", _text(elem, "COMMENTS1"))
    party.add("gender", (_text(elem, "GENDER") or "").lower() or None)
    for value in _values(elem, "NATIONALITY/VALUE"):
        party.add("nationality", country_code(value))
    for value in _values(elem, "DESIGNATION/VALUE"):
        party.add("position", value)
    prefix = "INDIVIDUAL" if person else "ENTITY"
    for alias in elem.iterfind(f"{prefix}_ALIAS"):
        name = _text(alias, "ALIAS_NAME")
        quality = (_text(alias, "QUALITY") or "").lower()
        party.add("weakAlias" if quality == "low" else "alias", name)
    for dob in elem.iterfind("INDIVIDUAL_DATE_OF_BIRTH"):
        for tag in ("DATE", "YEAR", "FROM_YEAR", "TO_YEAR"):
            party.add("birthDate", parse_date(_text(dob, tag)))
    for pob in elem.iterfind("INDIVIDUAL_PLACE_OF_BIRTH"):
        place = ", ".join(p for p in (_text(pob, t) for t in ("CITY", "STATE_PROVINCE", "COUNTRY")) if p)
        party.add("birthPlace", place or None)
    documents: dict[str, str] = lookups()["un_documents"]
    for doc in elem.iterfind("INDIVIDUAL_DOCUMENT"):
        kind = (_text(doc, "TYPE_OF_DOCUMENT") or "other").lower()
        party.add(documents.get(kind, "idNumber"), _text(doc, "NUMBER"))
    entities = [party]
    for add in elem.iterfind(f"{prefix}_ADDRESS"):
        fields = [_text(add, t) for t in ("STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY")]
        full = ", ".join(f for f in fields if f)
        if not full:
            continue
        country = country_code(fields[-1])
        address = address_entity(list_name, data_id, full, country)
        party.add("addressEntity", address.id)
        party.add("address", full)
        party.add("country", country)
        entities.append(address)
    sanction = sanction_entity(list_name, data_id, party.id, "United Nations Security Council")
    sanction.add("program", _text(elem, "UN_LIST_TYPE"))
    sanction.add("unscId", _text(elem, "REFERENCE_NUMBER"))
    sanction.add("listingDate", parse_date(_text(elem, "LISTED_ON")))
    sanction.add("startDate", parse_date(_text(elem, "LISTED_ON")))
    entities.append(sanction)
    return ListRecord(list_name, data_id, entities, elem.sourceline)
