"""Designations whose body is an office, a committee or a phrase in the subject, and designees that come
in lists after a colon, in item lines or after "including"/"among them" (fictional names and sentences)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.extract.test_deps import having, run
from tracegraph.extract.mentions import Analysis

Analysed = Callable[..., Analysis]

#: (text, target, the body that designates)
BY_BODY = [
    ("The Secretary of State designated the Frente Norte cartel as a Foreign Terrorist Organization.",
     "Frente Norte", "Department of State"),
    ("The State Department designated the Frente Norte cartel as an FTO on Wednesday.",
     "Frente Norte", "State Department"),
    ("The Secretary of State has designated Los Tigres del Valle as a Foreign Terrorist Organization.",
     "Los Tigres del Valle", "Department of State"),
    ("The Minister for Foreign Affairs designated Karlo Venn under the Autonomous Sanctions Regulations.",
     "Karlo Venn", "Minister for Foreign Affairs"),
    ("The Council listed Grigor Makarov and Baltic Route LLC.", "Baltic Route LLC", "Council of the European Union"),
    ("The Council decided to list Vadim Petrosyan and Orion Freight LLC.",
     "Vadim Petrosyan", "Council of the European Union"),
    ("The Foreign Secretary has sanctioned three individuals involved in the nitazene trade, including Arjun "
     "Mehra and Tobias Renner.", "Tobias Renner", "Foreign, Commonwealth and Development Office"),
    ("Foreign Secretary Eleanor Vance announced sanctions on Kestrel Pharma Ltd and its director, Rohan Banerji.",
     "Kestrel Pharma Ltd", "Foreign, Commonwealth and Development Office"),
    ("The designations were made by the Foreign, Commonwealth and Development Office. The designated persons are "
     "Tarik Osmani and Lumen Freight Ltd.", "Lumen Freight Ltd.", "Foreign, Commonwealth and Development Office"),
    ("HM Treasury's Office of Financial Sanctions Implementation added Brightmere Chemicals Ltd to the "
     "consolidated list on Tuesday.", "Brightmere Chemicals Ltd", "Office of Financial Sanctions Implementation"),
    ("The Department of the Treasury blocked the assets of Alvaro Quintero Salinas.",
     "Alvaro Quintero Salinas", "Department of the Treasury"),
    ("The UIF blocked the bank accounts of Grupo Farmaceutico Lerma and its administrator, Ofelia Lerma Paz.",
     "Ofelia Lerma Paz", "UIF"),
    ("Canada is imposing sanctions on Alberto Guzman Ruiz and Comercializadora Azteca del Norte.",
     "Alberto Guzman Ruiz", "Canada"),
    ("The End-User Review Committee (ERC) determined to add Nantong Huirun Chemical Co., Ltd. to the Entity List.",
     "Nantong Huirun Chemical Co., Ltd.", "Bureau of Industry and Security"),
    ("Mexico's Financial Intelligence Unit (UIF) added 14 people and 6 companies linked to the Cartel de Sinaloa to "
     "its blocked persons list, among them Efren Madrigal Toscano and Distribuidora Madrigal.",
     "Efren Madrigal Toscano", "Financial Intelligence Unit"),
    ("The Council today decided to add three individuals and two entities to the list of persons subject to "
     "restrictive measures: Jiang Xiaolong, Emilio Barragan Cota, Ruihe Biotech and Barragan Logistica S.A. de C.V.",
     "Ruihe Biotech", "Council of the European Union"),
    ("The End-User Review Committee (ERC) determined to add the following three entities to the Entity List: "
     "Nantong Huirun Chemical Co., Ltd.; Yantai Blue Harbor Logistics; and Kovac Precision Ltd.",
     "Kovac Precision Ltd.", "Bureau of Industry and Security"),
    ("The Department of State is designating Cartel del Litoral as a Foreign Terrorist Organization. Today's "
     "designation also includes Nuevo Frente Serrano, an armed group based in Durango.",
     "Nuevo Frente Serrano", "Department of State"),
    ("OFSI announced new listings on Friday. The sanctions apply to Ren Baohua and Yuhang Biotech.",
     "Yuhang Biotech", "OFSI"),
    ("OFAC designated Harlow Trading Ltd. Tamsin Reyes Ocampo is being designated pursuant to E.O. 14059 for "
     "having acted on behalf of Harlow Trading Ltd., and Benedikt Sauer for having provided financial support to it.",
     "Benedikt Sauer", "OFAC"),
    ("OFAC sanctioned Kelvar Chemicals. Dai Lun is the cousin of Wen Zhaoyi, the chairman of Kelvar Chemicals, "
     "who was designated in May.", "Wen Zhaoyi", "OFAC"),
    ("OFAC sanctioned Kelvar Chemicals. Payments went to Stoneacre Trading Limited, a previously designated Hong "
     "Kong company that collects money for Kelvar.", "Stoneacre Trading Limited", "OFAC"),
    ("The Department of State has taken steps to restrict visas for Ilse Varga, the manager of a Tijuana exchange "
     "house, and for Ramon Ochoa Leal, a broker who launders the cartel's proceeds.",
     "Ramon Ochoa Leal", "Department of State"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "target", "body"), BY_BODY, ids=[f"{i}-{w[1]}" for i, w in enumerate(BY_BODY)])
def test_the_body_behind_a_designation(analysed: Analysed, text: str, target: str, body: str) -> None:
    found, _ = run(analysed, text)
    assert having(found, "Sanction", entity=target, authority=body)


#: a lead that announces the designees, then one a line (text, the designees, the body)
ITEM_LISTS = [
    ("The Foreign, Commonwealth and Development Office designated three persons today. The designees are:\n"
     "1. Jinhua Ruolan Chemical Co., Ltd., a chemical supplier in Zhejiang;\n2. ZHOU Meiling, general manager of "
     "Jinhua Ruolan Chemical;\n3. Bramblecote Freight Limited, a UK freight forwarder.\n",
     ["Jinhua Ruolan Chemical Co., Ltd.", "ZHOU Meiling", "Bramblecote Freight Limited"],
     "Foreign, Commonwealth and Development Office"),
    ("OFSI has added three persons to the UK Sanctions List. The new designations are:\na) Quanzhou Xinyu Trading "
     "Co., Ltd.;\nb) LIN Dajun;\nc) Marisol Echeverria Pardo.\n",
     ["Quanzhou Xinyu Trading Co., Ltd.", "LIN Dajun", "Marisol Echeverria Pardo"], "OFSI"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "targets", "body"), ITEM_LISTS, ids=[w[2] for w in ITEM_LISTS])
def test_designees_one_a_line_after_a_lead(analysed: Analysed, text: str, targets: list[str], body: str) -> None:
    found, _ = run(analysed, text)
    for target in targets:
        assert having(found, "Sanction", entity=target, authority=body)


def test_a_person_is_never_the_body_that_designates(analysed: Analysed) -> None:
    found, _ = run(analysed, "Kai Lindqvist sanctioned Polar Reach Ltd.")
    assert not any(f["props"].get("authority") == ["Kai Lindqvist"] for f in having(found, "Sanction"))


def test_blocking_a_road_or_a_lists_plain_words_designate_no_one(analysed: Analysed) -> None:
    found, _ = run(analysed, "Protesters blocked the offices of Grupo Farmaceutico Lerma on Monday.")
    assert not having(found, "Sanction")
    found, _ = run(analysed, "The police added Dario Mendes to their list of witnesses.")
    assert not having(found, "Sanction")
    found, _ = run(analysed, "The new rules apply to Ren Baohua and Yuhang Biotech.")
    assert not having(found, "Sanction")


def test_a_designated_terrorist_organization_is_left_to_its_own_designator(analysed: Analysed) -> None:
    found, _ = run(analysed, "OFAC sanctioned Kelvar Chemicals, which sells to the Cartel del Sur, a designated "
                             "Foreign Terrorist Organization.")  # fmt: skip
    assert not having(found, "Sanction", entity="Cartel del Sur", authority="OFAC")


def test_a_second_by_phrase_is_a_second_designator(analysed: Analysed) -> None:
    found, _ = run(analysed, "The Sierra Alta Cartel was designated by OFAC in 2019 pursuant to the Kingpin Act and by "
                             "the Department of State as a Foreign Terrorist Organization in 2025.")  # fmt: skip
    assert having(found, "Sanction", entity="Sierra Alta Cartel", authority="OFAC")
    assert having(found, "Sanction", entity="Sierra Alta Cartel", authority="Department of State")


def test_a_group_noun_names_no_designee(analysed: Analysed) -> None:
    text = (
        "OFAC today sanctioned Hengrui Trading. Hengrui Trading sells precursors to Mesa Verde Imports, a "
        'company in Sinaloa. "Today\'s action targets the suppliers," said Under Secretary Clara Boone.'
    )
    found, _ = run(analysed, text)
    assert having(found, "Sanction", entity="Hengrui Trading")
    assert not having(found, "Sanction", entity="Mesa Verde Imports")


#: (text, designee, body): frozen holdings, "subject to", "among those designated", several governments
FREEZES = [
    ("The UK has frozen Dmitri Ossipov's assets.", "Dmitri Ossipov", "United Kingdom"),
    ("OFSI froze assets belonging to Harlan Petrovic.", "Harlan Petrovic", "OFSI"),
    ("Zhenfeng Biotech's assets in the United States were frozen by OFAC.", "Zhenfeng Biotech", "OFAC"),
    ("Kestrel Remedies Ltd. was among the entities designated by OFAC on Tuesday.", "Kestrel Remedies Ltd.", "OFAC"),
    ("The Council adopted the listings on Monday. Fenwick Trading Ltd and Orsolya Kiss are now subject to an asset "
     "freeze and a travel ban.", "Orsolya Kiss", "Council of the European Union"),
    ("The United Kingdom, the United States and Canada coordinated sanctions against Tai Shan Logistics.",
     "Tai Shan Logistics", "Canada"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "target", "body"), FREEZES, ids=[f"{i}-{w[1]}" for i, w in enumerate(FREEZES)])
def test_frozen_holdings_and_measures_that_apply(analysed: Analysed, text: str, target: str, body: str) -> None:
    found, _ = run(analysed, text)
    assert having(found, "Sanction", entity=target, authority=body)


def test_being_subject_to_something_else_or_only_perhaps_is_no_designation(analysed: Analysed) -> None:
    found, _ = run(analysed, "Fenwick Trading Ltd is subject to the court's review.")
    assert not having(found, "Sanction")
    found, _ = run(analysed, "OFAC met on Monday. Fenwick Trading Ltd should be subject to sanctions, activists said.")
    assert not having(found, "Sanction")


def test_a_city_council_designates_no_one(analysed: Analysed) -> None:
    found, _ = run(analysed, "The Atlanta City Council met on Monday. Fenwick Trading Ltd and Orsolya Kiss are now "
                             "subject to an asset freeze.")  # fmt: skip
    assert not any(f["props"].get("authority") for f in having(found, "Sanction"))


@pytest.mark.parametrize(
    ("text", "targets"),
    [
        (
            "OFAC issued the designations on Tuesday. Among today's designees is Farid Osmanov, a Dubai-based broker.",
            ["Farid Osmanov"],
        ),
        (
            "OFAC issued the designations on Tuesday. Designated pursuant to E.O. 14059 were Jin Tao, Guo Rui and "
            "Harbin Xuyang Chemical Co., Ltd.",
            ["Jin Tao", "Guo Rui", "Harbin Xuyang Chemical Co., Ltd."],
        ),
        (
            "OFAC today designated Bright Pearl Trading Limited, which is owned by Lam Ka-wai, and Sunwise Logistics "
            "Limited, which ships precursors to Mexico.",
            ["Bright Pearl Trading Limited", "Sunwise Logistics Limited"],
        ),
    ],
)
def test_designees_after_an_inverted_lead_or_a_relative_clause(
    analysed: Analysed, text: str, targets: list[str]
) -> None:
    found, _ = run(analysed, text)
    for target in targets:
        assert having(found, "Sanction", entity=target, authority="OFAC")


def test_a_list_inside_a_relative_clause_is_not_designated(analysed: Analysed) -> None:
    found, _ = run(analysed, "OFAC today designated Bright Pearl Trading Limited, which works with Hengli Chemical, "
                             "Dongfang Trading and Xinyi Pharma.")  # fmt: skip
    assert {t for f in having(found, "Sanction") for t in f["props"]["entity"]} == {"Bright Pearl Trading Limited"}


def test_it_and_both_stand_for_the_subject_of_the_sentence_before(analysed: Analysed) -> None:
    found, _ = run(analysed, "OFAC sanctioned two companies today. Hengli Chemical is a chemical broker in Wuhan. "
                             "It is being designated pursuant to E.O. 14059.")  # fmt: skip
    assert having(found, "Sanction", entity="Hengli Chemical", authority="OFAC")
    found, _ = run(analysed, "OFAC sanctioned Hengli Chemical. Meng Xia and Zhou Bo manage Hengli Chemical. Both "
                             "are being designated pursuant to E.O. 14059.")  # fmt: skip
    assert having(found, "Sanction", entity="Zhou Bo", authority="OFAC")
    found, _ = run(analysed, "OFAC acted today. Meng Xia runs a broker in Wuhan. It is being designated pursuant to "
                             "E.O. 14059.")  # fmt: skip
    assert not having(found, "Sanction", entity="Meng Xia")
