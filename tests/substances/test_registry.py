"""The registry data: CAS check digits, structures, ids and controls stay consistent."""

from __future__ import annotations

import csv
import gzip
import json
import re
from importlib import resources
from pathlib import Path

import pytest
from rdkit import Chem

from tracegraph.errors import ConfigError
from tracegraph.store import Store
from tracegraph.substances.build import build_registry
from tracegraph.substances.cas import is_valid_cas
from tracegraph.substances.classes import structure_classes
from tracegraph.substances.registry import (
    import_registry,
    load_registry,
    parse_registry,
    read_generated,
    registry_statements,
    substance_entity_id,
)

REGISTRY = load_registry()
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def test_the_issue_substances_are_in_the_registry() -> None:
    for name in [
        "4-AP",
        "1-boc-4-AP",
        "ANPP",
        "4-ANPP",
        "NPP",
        "norfentanyl",
        "U-47700",
        "fentanyl",
        "carfentanil",
        "acetylfentanyl",
        "sufentanil",
        "xylazine",
        "protonitazene",
        "isotonitazene",
        "metonitazene",
        "4-piperidone",
        "1-boc-4-piperidone",
        "benzylfentanyl",
        "nitazenes",
        "aceton",
        "acetone",
        "methamphetamine",
        "caffeine",
    ]:
        assert REGISTRY.find_name(name) is not None, name


@pytest.mark.parametrize("sub", list(REGISTRY.substances.values()), ids=lambda s: s.key)
def test_every_cas_number_has_a_correct_check_digit(sub) -> None:  # type: ignore[no-untyped-def]
    for cas in sub.cas:
        assert is_valid_cas(cas), cas


@pytest.mark.parametrize("sub", [s for s in REGISTRY.substances.values() if s.smiles], ids=lambda s: s.key)
def test_inchikey_matches_the_smiles(sub) -> None:  # type: ignore[no-untyped-def]
    mol = Chem.MolFromSmiles(sub.smiles)
    assert mol is not None
    assert Chem.MolToInchiKey(mol) == sub.inchikey


def test_controls_name_a_known_jurisdiction_a_date_and_a_source() -> None:
    for sub in REGISTRY.substances.values():
        for control in sub.controls:
            assert control.jurisdiction in REGISTRY.jurisdictions
            # a date of effect where the sources give one (eCFR schedules and UK lists give none)
            assert not control.since or DATE.match(control.since), (sub.key, control.since)
            assert control.source and control.instrument


def test_names_and_cas_numbers_point_to_one_substance_each() -> None:
    seen: dict[str, str] = {}
    for sub in REGISTRY.substances.values():
        for cas in sub.cas:
            if seen.setdefault(cas, sub.key) != sub.key:  # only where the sources disagree, and reported
                assert sub.key in REGISTRY.shared_cas[cas]
    assert len(REGISTRY.shared_cas) < 20


def test_entity_ids_are_deterministic_and_statements_carry_the_record() -> None:
    fentanyl = REGISTRY.find_name("Fentanyl")
    assert fentanyl is not None
    assert fentanyl.entity_id == substance_entity_id("fentanyl") == load_registry().substances["fentanyl"].entity_id
    statements = registry_statements(fentanyl)
    assert {s.record_id for s in statements} == {"registry:fentanyl"}
    assert all(s.schema == "Substance" for s in statements)
    props = {s.prop for s in statements}
    assert {"name", "alias", "casNumber", "smiles", "inchiKey", "controlStatus"} <= props


def test_a_stray_field_in_a_control_is_a_config_error() -> None:
    data = {"substances": {"x": {"name": "X", "controls": [{"jurisdiction": "US", "later permanent)": None}]}}}
    with pytest.raises(ConfigError, match="unknown control fields"):
        parse_registry(data)


def test_the_whole_registry_imports_into_a_store_idempotently(store: Store) -> None:
    written = import_registry(store)
    assert written == import_registry(store)
    carfentanil = store.entity(substance_entity_id("carfentanil"))
    assert carfentanil.schema == "Substance" and "59708-52-0" in carfentanil.get("casNumber")
    assert len(store.entity_ids("Substance")) == len(REGISTRY.substances)


SHARED_CS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "controlled_substances"


@pytest.mark.slow
def test_the_shipped_registry_is_exactly_what_the_build_script_generates() -> None:
    if not SHARED_CS.is_dir():
        pytest.skip("needs ../shared beside the checkout")
    data, report = build_registry(SHARED_CS)
    shipped = read_generated()
    assert json.dumps(data, sort_keys=True, ensure_ascii=False) == json.dumps(
        shipped, sort_keys=True, ensure_ascii=False
    )
    # the non-commercial NPS set is for benchmarks only: never a source of the shipped registry
    assert not any("designdrugs" in s.id or "designdrugs" in s.title for s in report.sources)


def test_nothing_of_the_non_commercial_set_is_package_data() -> None:
    data = resources.files("tracegraph.substances").joinpath("data")
    for item in data.iterdir():
        raw = item.read_bytes()
        text = gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw
        assert b"designdrugs" not in text.lower() and b"nc-sa" not in text.lower(), item.name


def test_china_class_dates_in_the_rules_match_the_announcements() -> None:
    if not SHARED_CS.is_dir():
        pytest.skip("needs ../shared beside the checkout")
    dates = {
        r["class_name_zh"]: r["effective_date"]
        for r in csv.DictReader(
            (SHARED_CS / "china_controlled_catalogues_2025" / "china_class_wide_controls.csv").open(encoding="utf-8")
        )
    }
    by_key = {c.key: c for c in structure_classes()}
    assert by_key["cn_fentanyl_class"].since == dates["芬太尼类物质"] == "2019-05-01"
    assert by_key["cn_nitazene_class"].since == dates["尼秦类物质"] == "2025-07-01"


def test_every_fact_names_its_sources() -> None:
    acetone = REGISTRY.find_name("acetone")
    assert acetone is not None
    assert "us.ecfr" in acetone.provenance["name:Acetone"] and "67-64-1" in acetone.cas
    assert all(c.source for c in acetone.controls)
    assert acetone.languages.get("Acetona") == "es"


def test_list_qualifiers_are_kept_for_look_up_but_never_read_as_names() -> None:
    from tracegraph.substances.build import is_description
    from tracegraph.substances.sources.base import split_official_name

    assert split_official_name("Brivaracetam (also referred to as BRV)") == ("Brivaracetam", ["BRV"])
    for qualifier in ("of any kind", "and concentrate", "its salts", "Except dronabinol", "Effective 06/09/2021"):
        assert is_description(qualifier), qualifier
    for name in ("Nonane", "Anandamide", "Special K", "Ofloxacin", "4-AP"):
        assert not is_description(name), name
