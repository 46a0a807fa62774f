"""Identifying a substance from a name, CAS number, SMILES or systematic name, and its controls by date."""

from __future__ import annotations

import pytest

from tracegraph.errors import InputError, NotFoundError
from tracegraph.substances.lookup import controls_in, jurisdiction_status, lookup
from tracegraph.substances.opsin import opsin_status


def test_by_name_cas_and_smiles_reach_the_same_substance() -> None:
    by_name = lookup("N-Boc-4-piperidone")
    by_cas = lookup("79099-07-3")
    by_smiles = lookup("O=C1CCN(C(=O)OC(C)(C)C)CC1")
    assert by_name.key == by_cas.key == by_smiles.key == "1-boc-4-piperidone"
    assert (by_name.how, by_cas.how, by_smiles.how) == ("name", "cas", "smiles")


def test_us_controls_piperidones_from_their_list_i_dates() -> None:
    report = lookup("4-piperidone")
    assert report.controls("US", on="2023-05-11") == []
    [control] = report.controls("US", on="2023-05-12")
    assert (control.schedule, control.since, control.basis) == ("List I", "2023-05-12", "listed")
    assert "88 FR 21902" in control.citation
    # China's precursor categories are not among the sources: unknown, never "not controlled"
    assert "precursor lists: unknown" in jurisdiction_status(report)["CN"]


def test_a_novel_analogue_is_controlled_as_a_class_member() -> None:
    report = lookup("CCC(=O)N(c1ccc(Cl)cc1)C1CCN(CCc2ccco2)CC1")
    assert report.novel and report.key.startswith("novel:")
    us = report.controls("US", on="2020-01-01")
    assert [c.basis for c in us] == ["class"]
    assert us[0].rule == "us.frs.phenethyl-anilidopiperidine"
    assert report.controls("US", on="2017-12-31") == []


def test_destination_controls_include_un_conventions_for_parties() -> None:
    report = lookup("NPP")
    mx = controls_in(report, "MX", "2024-01-01")
    assert [c.basis for c in mx] == ["convention"]
    assert controls_in(report, "MX", "2016-01-01") == []


def test_bad_queries_give_clear_errors() -> None:
    with pytest.raises(InputError, match="check digit"):
        lookup("437-38-8")
    with pytest.raises(NotFoundError, match="not in the substance registry"):
        lookup("50-00-0")
    with pytest.raises(InputError, match="invalid SMILES"):
        lookup("CC(=O)N(c1ccccc1")
    with pytest.raises(NotFoundError):
        lookup("zzzz-not-a-thing", systematic=False)
    with pytest.raises(InputError):
        lookup("   ")


@pytest.mark.skipif(not opsin_status()[0], reason="OPSIN is off: needs the 'opsin' extra (py2opsin) and java on PATH")
def test_systematic_names_convert_with_opsin() -> None:
    report = lookup("N-phenyl-N-[1-(2-phenylethyl)piperidin-4-yl]butanamide")
    assert report.key == "butyryl-fentanyl" and report.how == "systematic-name"


def test_opsin_status_says_why_when_off() -> None:
    on, why = opsin_status()
    assert ("on" in why) if on else ("pip install" in why or "java" in why)


def test_fentanyl_is_controlled_by_its_schedule_ii_listing_not_the_us_class() -> None:
    report = lookup("fentanyl")
    [us] = report.controls("US")
    assert (us.schedule, us.basis) == ("Schedule II", "listed") and "1308.12" in us.citation
    # the class matches the structure, but its definition excludes substances listed elsewhere
    assert any(m.class_key == "us_fentanyl_related" for m in report.classes)
    assert any("does not apply" in line and line.startswith("US") for line in report.explain())
    assert [c.basis for c in report.controls("CN")] == ["listed"]


def test_an_unlisted_analogue_is_controlled_by_the_class_with_its_date() -> None:
    report = lookup("CCC(=O)N(c1ccc(Cl)cc1)C1CCN(CCc2ccco2)CC1")
    assert any("not listed by name" in line for line in report.explain())
    [cn] = report.controls("CN", on="2020-01-01")
    assert (cn.basis, cn.since) == ("class", "2019-05-01")


def test_a_listed_nitazene_has_its_listing_as_basis_and_the_class_as_context() -> None:
    report = lookup("protonitazene")
    assert [c.basis for c in report.controls("CN")] == ["listed"]
    assert any(line.startswith("CN") and "context" in line for line in report.explain())


def test_the_four_everyday_questions_answer() -> None:
    acetone = lookup("acetone")
    assert {(c.jurisdiction, c.schedule) for c in acetone.controls()} >= {("US", "List II"), ("UN", "Table II")}
    assert lookup("methamphetamine").controls("US")[0].schedule == "Schedule II"
    caffeine = jurisdiction_status(lookup("caffeine"))
    assert caffeine["CN"].startswith("controlled") and caffeine["US"].startswith("not in its drug schedules")
    assert caffeine["MX"].startswith("unknown")
    with pytest.raises(NotFoundError, match="no source mentions it"):
        lookup("aspirin", systematic=False)
