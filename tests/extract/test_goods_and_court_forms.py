"""Goods sold and court steps in release prose: examples after "including", sellers coordinated before the
verb, a buyer's "purchased X from Y", and sentencing still to come (fictional names and sentences)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.extract.test_deps import having, run
from tracegraph.extract.mentions import Analysis

Analysed = Callable[..., Analysis]

#: (text, seller, substance)
OFFERS = [
    ("Wuhan Jinsha Chemical is a Wuhan-based chemical company that has sold fentanyl precursors, including 4-AP "
     "and 1-boc-4-piperidone, to customers in Mexico.", "Wuhan Jinsha Chemical", "1-boc-4-piperidone"),
    ("Wuhan Jinsha Chemical has shipped precursor chemicals, including NPP, to buyers in Sinaloa.",
     "Wuhan Jinsha Chemical", "N-phenethyl-4-piperidone"),
    ("Yan Ping and her company, Lixin Chemical, sold NPP and 4-ANPP to buyers in Ohio.",
     "Lixin Chemical", "N-phenethyl-4-piperidone"),
    ("Yan Ping and her company, Lixin Chemical, sold NPP and 4-ANPP to buyers in Ohio.",
     "Yan Ping", "4-anilino-N-phenethylpiperidine"),
    ("Lixin Chemical and two of its employees, Yan Ping and Tao Jie, shipped 4-AP to the United States.",
     "Tao Jie", "N-phenylpiperidin-4-amine"),
    ("Marco Ilves admitted that he purchased NPP and 4-ANPP from Haoyu Pharma.",
     "Haoyu Pharma", "N-phenethyl-4-piperidone"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "seller", "substance"), OFFERS, ids=[f"{i}-{o[1]}" for i, o in enumerate(OFFERS)])
def test_who_sells_what(analysed: Analysed, text: str, seller: str, substance: str) -> None:
    found, _ = run(analysed, text)
    assert [f for f in having(found, "Action", actor=seller, object=substance) if f["props"]["kind"] == ["offer"]]


def test_a_clause_names_no_second_seller(analysed: Analysed) -> None:
    found, _ = run(analysed, "Tao Jie, who works for Lixin Chemical, shipped 4-AP to the United States.")
    assert not having(found, "Action", actor="Lixin Chemical")


@pytest.mark.parametrize(
    "text",
    ["Darnell Huxley pleaded guilty in March. He is scheduled to be sentenced on September 3.",
     "Darnell Huxley is set to be sentenced in June.",
     "Darnell Huxley is awaiting sentencing."],
)  # fmt: skip
def test_a_sentencing_still_to_come_is_no_sentence(analysed: Analysed, text: str) -> None:
    found, _ = run(analysed, text)
    assert not [f for f in having(found, "Action") if f["props"]["kind"] == ["sentence"]]
    found, _ = run(analysed, "Darnell Huxley was sentenced on Tuesday to 12 years in prison.")
    assert [f for f in having(found, "Action", target="Darnell Huxley") if f["props"]["kind"] == ["sentence"]]


@pytest.mark.parametrize(
    ("text", "person"),
    [("Dalia Ferraro Ruiz, 33, of Laredo, Texas, who was arrested at her home on May 2, appeared in court today.",
      "Dalia Ferraro Ruiz"),
     ("Tang Weiqi, a Chinese national residing in Mexico City, who was arrested on May 3 at the airport, is "
      "charged with money laundering.", "Tang Weiqi")],
)  # fmt: skip
def test_the_person_a_who_clause_is_about_is_arrested_not_the_town(analysed: Analysed, text: str, person: str) -> None:
    found, _ = run(analysed, text)
    arrests = [f for f in having(found, "Action") if f["props"]["kind"] == ["arrest"]]
    assert arrests
    assert all(f["props"]["target"] == [person] for f in arrests)


def test_headlines_that_sentence_and_seize(analysed: Analysed) -> None:
    found, _ = run(analysed, "Freight boss Garrison Holloway gets 14 years for fentanyl pill presses")
    assert [f for f in having(found, "Action", target="Garrison Holloway") if f["props"]["kind"] == ["sentence"]]
    found, _ = run(analysed, "Garrison Holloway got his start in trucking years ago.")
    assert not having(found, "Action")
    found, _ = run(analysed, "Mexican navy seizes more than a tonne of NPP at Manzanillo")
    assert [f for f in having(found, "Action", object="N-phenethyl-4-piperidone") if f["props"]["kind"] == ["seize"]]


def test_an_amount_of_precursors_of_a_drug_is_not_that_drug(analysed: Analysed) -> None:
    found, _ = run(analysed, "Officers seized 1,320 kilograms of fentanyl precursor chemicals at the port.")
    assert not having(found, "Action", object="Fentanyl")


@pytest.mark.parametrize(
    ("text", "seller", "substance"),
    [
        ("Wuhan Jinhe Chemical shipped 25 kilograms of 4-piperidone hydrochloride, CAS 40064-34-4, to a buyer in "
         "California.", "Wuhan Jinhe Chemical", "4-piperidone"),
        ("The sale of 4-AP by Hubei Yuxin Chemical to Mexican buyers continued through 2025.",
         "Hubei Yuxin Chemical", "N-phenylpiperidin-4-amine"),
        ("Shipments of NPP from Hubei Jintai Biotech were seized in Long Beach.",
         "Hubei Jintai Biotech", "N-phenethyl-4-piperidone"),
    ],
)  # fmt: skip
def test_sales_named_by_a_noun_or_a_cas_number(analysed: Analysed, text: str, seller: str, substance: str) -> None:
    found, _ = run(analysed, text)
    offers = [f for f in having(found, "Action", actor=seller) if f["props"]["kind"] == ["offer"]]
    assert offers
    assert all(f["props"]["object"] == [substance] for f in offers)


def test_a_sentence_with_its_verb_left_out_for_the_second_defendant(analysed: Analysed) -> None:
    found, _ = run(analysed, "Zhao Minghui was sentenced to 10 years and Li Qiang to eight years.")
    sentenced = {t for f in having(found, "Action") if f["props"]["kind"] == ["sentence"] for t in f["props"]["target"]}
    assert sentenced == {"Zhao Minghui", "Li Qiang"}
    found, _ = run(analysed, "Zhao Minghui was sentenced to 10 years and Li Qiang said he would appeal.")
    sentenced = {t for f in having(found, "Action") if f["props"]["kind"] == ["sentence"] for t in f["props"]["target"]}
    assert sentenced == {"Zhao Minghui"}
