"""Every part holds the one entity class: list importers, the screening index, the store."""

from __future__ import annotations

from followthemoney.statement import StatementEntity

from tracegraph.screen.index import Listed
from tracegraph.screen.records import ListRecord, list_entity
from tracegraph.store import Entity


def test_list_entities_are_the_one_class_and_tidy_values() -> None:
    party = list_entity("sdn-1", "Person")
    party.add("name", "-0-")  # OFAC's empty placeholder
    party.add("name", "  Orlan  QUILLFEATHER ;")
    party.add("nationality", "Iran")
    party.add("birthDate", None)
    assert type(party) is Entity and isinstance(party, StatementEntity)  # no subclass of its own
    assert party.properties == {"name": ["Orlan QUILLFEATHER"], "nationality": ["ir"]}
    stmts = list(ListRecord("us_ofac_sdn", "1", [party]).statements("list.sdn.v1"))
    assert {(s.prop, s.value, s.record_id, s.dataset) for s in stmts} == {
        ("name", "Orlan QUILLFEATHER", "us_ofac_sdn:1", "us_ofac_sdn"),
        ("nationality", "ir", "us_ofac_sdn:1", "us_ofac_sdn"),
    }
    assert next(s for s in stmts if s.prop == "nationality").original_value == "Iran"


def test_listed_parties_are_the_one_class() -> None:
    listed = Listed(
        "sdn-2",
        "Company",
        None,
        ["MOONWORT TRADING", "Moonwort Trading LLC"],
        {"name": ["MOONWORT TRADING", "Moonwort Trading LLC"], "country": ["ae"]},
        ["us_ofac_sdn", "gb_hmt"],
    )
    assert isinstance(listed, Entity)
    assert listed.schema.is_a("LegalEntity")
    assert listed.datasets == ["us_ofac_sdn", "gb_hmt"]
    assert listed.names == ["MOONWORT TRADING", "Moonwort Trading LLC"]
    assert listed.values("country", "nationality") == ["ae"]
    assert listed.caption == "Moonwort Trading LLC"  # the one caption rule: the fuller name
