from __future__ import annotations

from pathlib import Path

from tracegraph.screen.flags import compute_flags
from tracegraph.screen.loader import load_list
from tracegraph.store import Statement, Store


def _add(store: Store, entity_id: str, schema: str, **props: str) -> None:
    text = " ".join(props.values())
    store.add_statements(
        Statement(
            entity_id,
            schema,
            prop,
            value,
            document_id="doc-1",
            span_start=0,
            span_end=len(value),
            extractor="test",
            confidence=0.9,
        )
        for prop, value in props.items()
    )
    assert text


def test_flags_listed_owned_and_shared(loaded: Store) -> None:
    _add(loaded, "ent-owner", "Person", name="Orlan Pettigrew Quillfeather", birthDate="1971-03-14")
    _add(loaded, "ent-shell", "Company", name="Pinecone Holdings Limited")
    _add(loaded, "ent-holding", "Company", name="Acorn Top Holdings")
    _add(
        loaded,
        "own-1",
        "Ownership",
        owner="ent-owner",
        asset="ent-holding",
        summary="Acorn Top Holdings is owned by Orlan Quillfeather.",
    )
    _add(
        loaded,
        "own-2",
        "Ownership",
        owner="ent-holding",
        asset="ent-shell",
        summary="Pinecone Holdings is a subsidiary of Acorn Top Holdings.",
    )
    _add(loaded, "ent-harbor", "Company", name="Harborlight Import Export", phone="+971500000000")
    _add(loaded, "ent-clean", "Company", name="Meadowlark Bakery")
    flags = {(f.entity_id, f.kind): f for f in compute_flags(loaded)}
    listed = flags[("ent-owner", "listed")]
    assert listed.lists == ["us_ofac_sdn"] and "QUILLFEATHER" in listed.explanation
    assert listed.path[0].evidence["document_id"] == "doc-1"
    owned = flags[("ent-shell", "owned_by_listed")]
    assert [step.target for step in owned.path] == ["ent-holding", "ent-owner"]
    assert "is owned by Acorn Top Holdings, which is owned by Orlan" in owned.explanation
    assert owned.path[0].evidence["document_id"] == "doc-1"
    shared = flags[("ent-harbor", "shares_identifier")]
    assert "+971500000000" in shared.explanation and "MOONWORT" in shared.explanation
    assert shared.path[1].evidence["record_id"] == "us_ofac_sdn:9004"
    assert not any(f.entity_id == "ent-clean" for f in flags.values())


def test_no_lists_no_flags(store: Store) -> None:
    _add(store, "ent-clean", "Company", name="Meadowlark Bakery")
    assert compute_flags(store) == []


def test_flags_need_a_specific_name(loaded: Store, tmp_path: Path) -> None:
    """One word of a listed name, a short form, or a name that leaves out the listed party's country: no flag."""
    ftm = tmp_path / "parties.ftm.json"
    ftm.write_text(
        '{"id": "fict-cpp", "schema": "Organization", "properties": {"name": ["Harrowgate Party of Peru"]}}\n',
        encoding="utf-8",
    )
    load_list(loaded, [ftm], "fict_parties")
    _add(loaded, "ent-surname", "Person", name="Quillfeather")
    _add(loaded, "ent-word", "Company", name="Moonwort")
    _add(loaded, "ent-party", "Organization", name="Harrowgate Party")
    _add(loaded, "ent-full", "Company", name="Blueheron Fine Chemical Company Limited")
    _add(loaded, "ent-party-pe", "Organization", name="Harrowgate Party of Peru")
    flagged = {f.entity_id for f in compute_flags(loaded) if f.kind == "listed"}
    assert {"ent-full", "ent-party-pe"} <= flagged
    assert not flagged & {"ent-surname", "ent-word", "ent-party"}
