"""Structure classes: fentanyl-related (US, China) and nitazene (China) rules on real and known compounds."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tracegraph.errors import InputError
from tracegraph.substances.classes import classify_smiles

FENTANYL_LIKE_FAVES = {"fentanyl", "alpha-methylfentanyl", "acetyl-alpha-methylfentanyl"}

NITAZENES = {
    "isotonitazene": "CCN(CC)CCn1c(Cc2ccc(OC(C)C)cc2)nc2cc([N+](=O)[O-])ccc21",
    "protonitazene": "CCCOc1ccc(Cc2nc3cc([N+](=O)[O-])ccc3n2CCN(CC)CC)cc1",
    "metonitazene": "COc1ccc(Cc2nc3cc([N+](=O)[O-])ccc3n2CCN(CC)CC)cc1",
    "etodesnitazene": "CCOc1ccc(Cc2nc3ccccc3n2CCN(CC)CC)cc1",
    "etonitazepyne": "CCOc1ccc(Cc2nc3cc([N+](=O)[O-])ccc3n2CCN2CCCC2)cc1",
    "N-desethyl isotonitazene": "CCNCCn1c(Cc2ccc(OC(C)C)cc2)nc2cc([N+](=O)[O-])ccc21",
}
NOT_NITAZENES = {
    "bendazol (2-benzylbenzimidazole, no aminoalkyl)": "c1ccc(Cc2nc3ccccc3[nH]2)cc1",
    "clemizole (1-benzyl, 2-aminomethyl)": "Clc1ccc(Cn2c(CN3CCCC3)nc3ccccc32)cc1",
    "albendazole": "CCCSc1ccc2nc(NC(=O)OC)[nH]c2c1",
    "astemizole": "COc1ccc(CCN2CCC(Nc3nc4ccccc4n3Cc3ccc(F)cc3)CC2)cc1",
}


def classes(smiles: str, legal_only: bool = True) -> set[str]:
    return {m.class_key for m in classify_smiles(smiles) if m.legal or not legal_only}


@pytest.mark.parametrize("name", sorted(NITAZENES))
def test_nitazenes_are_members_of_the_chinese_nitazene_class(name: str) -> None:
    assert classes(NITAZENES[name]) == {"cn_nitazene_class"}


@pytest.mark.parametrize("name", sorted(NOT_NITAZENES))
def test_other_benzimidazoles_are_not(name: str) -> None:
    assert "cn_nitazene_class" not in classes(NOT_NITAZENES[name])


def test_benzylfentanyl_is_in_the_chinese_class_but_not_the_us_one() -> None:
    assert classes("CCC(=O)N(c1ccccc1)C1CCN(Cc2ccccc2)CC1") == {"cn_fentanyl_class"}


def test_precursors_are_flagged_only_by_the_screening_rule() -> None:
    for smiles in ("c1ccc(cc1)CCN1CCC(CC1)Nc1ccccc1", "CCC(=O)N(c1ccccc1)C1CCNCC1", "c1ccc(cc1)NC1CCNCC1"):
        assert classes(smiles) == set()
        assert classes(smiles, legal_only=False) == {"watch_anilinopiperidine"}


def test_the_rule_that_fired_is_reported() -> None:
    match = classify_smiles("CCC(=O)N(c1ccc(Cl)cc1)C1CCN(CCc2ccco2)CC1")[0]
    assert match.rule == "us.frs.phenethyl-anilidopiperidine"
    assert "controlled as a member of class" in match.describe() and "since 2018-02-06" in match.describe()


@pytest.mark.parametrize("bad", ["", "C1CC(", "not a smiles", "C" * 3000, "c1cccc1X"])
def test_invalid_smiles_is_a_clear_input_error(bad: str) -> None:
    with pytest.raises(InputError):
        classify_smiles(bad)


@pytest.mark.slow
def test_faves_benchmark_has_no_false_positive_among_other_compounds(shared: Path) -> None:
    path = shared / "data" / "controlled_substances" / "faves_v3_benchmark" / "ground_truth.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert len(rows) == 102
    for row in rows:
        found = classes(row["smiles"])
        if row["name"] in FENTANYL_LIKE_FAVES:
            assert found == {"us_fentanyl_related", "cn_fentanyl_class"}, row["name"]
        else:
            assert found == set(), row["name"]


@pytest.mark.slow
def test_fentanyl_analogue_recall(shared: Path) -> None:
    path = shared / "data" / "controlled_substances" / "fentanyl_analogs_smiles_kim2025" / "base.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    flagged = [bool(classes(r["smiles"], legal_only=False)) for r in rows]
    china = [("cn_fentanyl_class" in classes(r["smiles"])) for r in rows]
    assert sum(flagged) / len(rows) >= 0.97
    assert sum(china) / len(rows) >= 0.85  # the rest are nor- and despropionyl compounds the definition excludes
