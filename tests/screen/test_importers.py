from __future__ import annotations

from pathlib import Path

import pytest

from tracegraph.errors import InputError
from tracegraph.screen.importers import read_list
from tracegraph.screen.records import BadRow, ListRecord

from .conftest import FIXTURES, SDN_V1


def _records(paths: list, name: str | None = None) -> tuple[str, list[ListRecord], list[BadRow]]:
    list_name, items = read_list(paths, name)
    got = list(items)
    return list_name, [i for i in got if isinstance(i, ListRecord)], [i for i in got if isinstance(i, BadRow)]


def test_ofac_remarks_become_properties() -> None:
    name, records, _bad = _records(SDN_V1)
    assert name == "us_ofac_sdn"
    person = records[0].party
    assert person.schema == "Person"
    assert person.properties["birthDate"] == ["1971-03-14"]
    assert person.properties["nationality"] == ["cn"]
    assert person.properties["alias"] == ["QUILFETHER, Orlan"]
    assert person.properties["passportNumber"] == ["QX1234567"]
    assert person.properties["email"] == ["orlan@example-precursor.test"]
    assert records[0].record_id == "us_ofac_sdn:9001"
    sanction = next(e for e in records[0].entities if e.schema == "Sanction")
    assert sanction.properties["program"] == ["ILLICIT-DRUGS-EO14059"]


def test_ofac_alt_add_and_comment_continuation() -> None:
    _, records, _ = _records(SDN_V1)
    company = records[1].party
    assert company.properties["alias"] == ["BLUEHERON CHEMICAL"]
    assert company.properties["previousName"] == ["HERON BLUE BIOTECH"]
    assert any(e.schema == "Address" for e in records[1].entities)
    moonwort = records[3].party
    assert moonwort.properties["taxNumber"] == ["100200300400500"]
    assert any("Linked To" in n for n in moonwort.properties["notes"])
    assert set(next(e for e in records[3].entities if e.schema == "Sanction").properties["program"]) == {"SDGT", "IRGC"}
    assert records[2].party.schema == "Vessel"


def test_ofac_malformed_row_reported_with_line() -> None:
    _, records, bad = _records(SDN_V1)
    assert len(records) == 4
    assert len(bad) == 1 and bad[0].line == 5 and "sdn.csv:5" in str(bad[0])


def test_un_xml_individuals_and_entities() -> None:
    name, records, bad = _records([FIXTURES / "un_mini.xml"])
    assert name == "un_sc_sanctions" and not bad
    tavin = records[0].party
    assert tavin.properties["name"] == ["TAVIN ROKSHAR ABDULVAN", "Тавин Рокшар"]
    assert tavin.properties["weakAlias"] == ["The Lantern"]
    assert tavin.properties["passportNumber"] == ["OA998877"]
    sanction = records[0].entities[-1]
    assert sanction.properties["listingDate"] == ["2019-06-12"]
    assert records[2].party.schema == "Organization"


def test_truncated_xml_keeps_what_was_read() -> None:
    _, records, bad = _records([FIXTURES / "un_truncated.xml"])
    assert len(records) == 1
    assert len(bad) == 1 and bad[0].fatal and bad[0].line is not None


def test_csl_rows_and_bad_row() -> None:
    name, records, bad = _records([FIXTURES / "csl_mini.csv"])
    assert name == "us_trade_csl"
    assert [r.party.schema for r in records] == ["LegalEntity", "Person"]
    assert records[0].party.properties["alias"] == ["Glasswing Instruments", "Glass Wing Precision"]
    assert records[0].party.properties["registrationNumber"] == ["91420000GLASS001"]
    assert len(bad) == 1 and bad[0].line == 4


def test_csl_wrong_columns_is_a_clear_error() -> None:
    with pytest.raises(InputError, match="missing columns"):
        _records([FIXTURES / "wrong_columns.csv"], "us_csl")


def test_csl_wrong_encoding_is_read_and_reported() -> None:
    _, records, bad = _records([FIXTURES / "csl_latin1.csv"], "us_csl")
    assert "Henriette Vöss Ébert" in records[1].party.properties["name"]
    assert any("not UTF-8" in b.reason for b in bad)


def test_missing_file_is_a_clear_error() -> None:
    with pytest.raises(InputError, match="no such file"):
        read_list([FIXTURES / "nope.csv"])


def test_ofac_linked_to_becomes_a_relation() -> None:
    _, records, _ = _records(SDN_V1)
    link = next(e for e in records[1].entities if e.schema == "UnknownLink")
    assert link.properties["subject"] == [records[1].party.id]
    assert link.properties["object"] == [records[0].party.id]


def test_ofsi_consolidated_list_groups_names_by_group_id(shared: Path) -> None:
    name, items = read_list([shared / "data/sanctions/uk_ofsi_conlist_sample_2020/ConList.csv"])
    records = [i for i in items if isinstance(i, ListRecord)]
    assert name == "gb_hmt_sanctions" and len(records) >= 30
    qahtani = next(r for r in records if "AL-QAHTANI" in r.party.properties["name"][0])
    assert qahtani.party.schema == "Person"
    assert {"sa", "qa"} <= set(qahtani.party.properties["nationality"])


def test_denied_persons_list_is_read(shared: Path) -> None:
    name, items = read_list([shared / "data/sanctions/us_csl_2023-11/dpl.txt"])
    records = [i for i in items if isinstance(i, ListRecord)]
    assert name == "us_bis_denied" and len(records) > 300
    assert all(r.party.properties.get("name") for r in records)
