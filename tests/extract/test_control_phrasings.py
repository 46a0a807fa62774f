"""rel.deps.v1 on the ways releases say who directs, owns or belongs to what: each family of
phrasings (titles, appositions, possessives, "the company" and "its" after the name, lists of
names, legal forms of many countries) gives the fact with the sentence that states it as evidence.
Names and sentences are fictional."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.extract.test_deps import Found, having, run
from tracegraph.extract.mentions import Analysis

Analysed = Callable[..., Analysis]


def stated(found: Found, schema: str, quote: str, **props: str) -> list[dict[str, Any]]:
    """The facts of ``schema`` with ``props`` whose evidence sentence holds ``quote``."""
    return [f for f in having(found, schema, **props) if any(quote in s for s in f["props"]["summary"])]


# "the company" and "its" in the sentence after the name: the company the sentence before was about,
# not the parent or partner named inside its apposition or relative clause
CASES = [
    ("Jinhua Tiancheng Chemical Co., Ltd., a subsidiary of Zhejiang Tiancheng Group Co., Ltd., exported 4-AP to "
     "Mexico. Wen Jiali founded the company in 2015 and holds 70 percent of its shares.",
     "Ownership", "holds 70 percent", {"owner": "Wen Jiali", "asset": "Jinhua Tiancheng Chemical Co., Ltd."}),
    ("Jinhua Tiancheng Chemical Co., Ltd., a subsidiary of Zhejiang Tiancheng Group Co., Ltd., exported 4-AP to "
     "Mexico. Wen Jiali founded the company in 2015 and holds 70 percent of its shares.",
     "Directorship", "Wen Jiali founded", {"director": "Wen Jiali",
                                          "organization": "Jinhua Tiancheng Chemical Co., Ltd."}),
    ("Baltika Reagent LLC, a unit of Severny Holding JSC, sold reagents to the network. Oleg Sorokin has served as "
     "its general director since 2021.",
     "Directorship", "Oleg Sorokin has served", {"director": "Oleg Sorokin", "organization": "Baltika Reagent LLC"}),
    ("Costa Verde Quimicos, S.A. de C.V., which buys from Grupo Aduanal Herrera, S.A., imported the precursors. "
     "Rosa Elena Zuniga is the firm's legal representative.",
     "Directorship", "Rosa Elena Zuniga is", {"director": "Rosa Elena Zuniga",
                                              "organization": "Costa Verde Quimicos, S.A. de C.V."}),
]  # fmt: skip


def test_without_a_fitting_subject_the_nearest_company_is_meant(analysed: Analysed) -> None:
    found, _ = run(analysed, "OFAC designated Harbor Line Trading Limited and Pacific Crest Inc. on Tuesday. "
                             "Lau Wing-kei controls the company.")  # fmt: skip
    assert having(found, "Ownership", owner="Lau Wing-kei", asset="Pacific Crest Inc.")
    assert not having(found, "Ownership", owner="Lau Wing-kei", asset="Harbor Line Trading Limited")


# a capitalised heading line before the paragraph: the paragraph's opening name stays one name
CASES += [
    ("THE WUHAN SUPPLIER\n\nLongxin Pharmatech, a subsidiary of Hubei Longxin Industrial Holding Co., Ltd., has "
     "shipped norfentanyl to laboratories in Guerrero since 2024.",
     "Ownership", "a subsidiary of", {"owner": "Hubei Longxin Industrial Holding Co., Ltd.",
                                      "asset": "Longxin Pharmatech"}),
    ("THE SUPPLIER\n\nTianrui Pharmatech, a subsidiary of Hubei Tianrui Holding Co., Ltd., has shipped precursors to "
     "Mexico since 2024.",
     "Ownership", "a subsidiary of", {"owner": "Hubei Tianrui Holding Co., Ltd.", "asset": "Tianrui Pharmatech"}),
    ("THE BROKER\n\nMarisol Quintero, a member of the Cartel del Norte, arranged the shipments.",
     "Membership", "a member of", {"member": "Marisol Quintero", "organization": "Cartel del Norte"}),
]  # fmt: skip


# field-office and department heads: "Agent in Charge", a portfolio after "Secretary of <Department>", the
# agency's possessive before the title
CASES += [
    ("\"We followed the money,\" said Special Agent in Charge Marisol Etxeberria of HSI Houston.",
     "Directorship", "Marisol Etxeberria of HSI Houston", {"director": "Marisol Etxeberria",
                                                            "organization": "HSI Houston"}),
    ("Homeland Security Investigations (HSI) agents made the arrest. \"This case shows the reach of the cartels,\" "
     "said HSI Savannah Resident Agent in Charge Kwabena Osei.",
     "Directorship", "Resident Agent in Charge", {"director": "Kwabena Osei",
                                                   "organization": "Homeland Security Investigations"}),
    ("The investigation was conducted by the DEA Newark Field Division under Special Agent in Charge Oluwaseun "
     "Adeyemi.", "Directorship", "under Special Agent", {"director": "Oluwaseun Adeyemi", "organization": "DEA"}),
    ("The case was investigated by the FBI Boston Field Office, under Special Agent in Charge Harriet Bellweather, "
     "and the Massachusetts State Police.",
     "Directorship", "under Special Agent", {"director": "Harriet Bellweather", "organization": "FBI"}),
    ("\"These firms knew where the chemicals went,\" said Under Secretary of Commerce for Industry and Security "
     "Rosalind Achebe.", "Directorship", "Under Secretary", {"director": "Rosalind Achebe",
                                                           "organization": "Department of Commerce"}),
    ("\"We will not stop,\" said Assistant Secretary of Commerce for Export Enforcement Mateo Ferraro.",
     "Directorship", "Assistant Secretary", {"director": "Mateo Ferraro", "organization": "Department of Commerce"}),
    ("\"Precursors move in plain sight,\" said Ingrid Solberg, CBP's Director of Field Operations in Houston.",
     "Directorship", "CBP's Director", {"director": "Ingrid Solberg", "organization": "CBP"}),
]  # fmt: skip


def test_a_title_of_the_agency_is_not_held_at_its_unit_named_after_of(analysed: Analysed) -> None:
    found, _ = run(analysed, "\"Precursors move in plain sight,\" said Ingrid Solberg, CBP's Director of Field "
                             "Operations in Houston.")  # fmt: skip
    assert not having(found, "Directorship", director="Ingrid Solberg", organization="Field Operations")


# owners and parents: "whose only member", "its parent company Y", "X's subsidiary Z", "owner and chairman",
# a "majority" or "controlling" shareholder, a group's member company, a relative clause with "he owned"
CASES += [
    ("The consignee, Palmetto Coastal Distributors LLC of Pooler, Georgia, is a company whose only member and "
     "manager is Leopoldo Ontiveros Gil.",
     "Ownership", "whose only member", {"owner": "Leopoldo Ontiveros Gil",
                                        "asset": "Palmetto Coastal Distributors LLC"}),
    ("Bluewater Pharma LLC, whose sole member is Daniel Kessler, imported the pill presses.",
     "Ownership", "whose sole member", {"owner": "Daniel Kessler", "asset": "Bluewater Pharma LLC"}),
    ("Payments went through Harbourlight Venture Trading Limited (Harbourlight), a Hong Kong-registered company "
     "whose sole director, Ng Wai-lun, opened its bank accounts.",
     "Directorship", "whose sole director", {"director": "Ng Wai-lun",
                                             "organization": "Harbourlight Venture Trading Limited"}),
    ("The BIS order names Wuhan Qianfeng Pharmatech Co., Ltd. and its parent company Hubei Qianfeng Industrial "
     "Holding Co., Ltd.",
     "Ownership", "its parent company", {"owner": "Hubei Qianfeng Industrial Holding Co., Ltd.",
                                         "asset": "Wuhan Qianfeng Pharmatech Co., Ltd."}),
    ("Treasury also designated Lanfeng Trading Co., Ltd. and its Hong Kong subsidiary Goldleaf Logistics Limited.",
     "Ownership", "its Hong Kong subsidiary", {"owner": "Lanfeng Trading Co., Ltd.",
                                               "asset": "Goldleaf Logistics Limited"}),
    ("Severny Holding JSC's subsidiary Baltika Reagent LLC shipped the reagents.",
     "Ownership", "subsidiary Baltika", {"owner": "Severny Holding JSC", "asset": "Baltika Reagent LLC"}),
    ("Among those designated are Zhejiang Lanxu Biochemical Co., Ltd. (Lanxu Biochem), its owner and chairman "
     "Tao Guangming, and a Mexican brokerage.",
     "Ownership", "its owner and chairman", {"owner": "Tao Guangming",
                                             "asset": "Zhejiang Lanxu Biochemical Co., Ltd."}),
    ("Among those designated are Zhejiang Lanxu Biochemical Co., Ltd. (Lanxu Biochem), its owner and chairman "
     "Tao Guangming, and a Mexican brokerage.",
     "Directorship", "its owner and chairman", {"director": "Tao Guangming",
                                                "organization": "Zhejiang Lanxu Biochemical Co., Ltd."}),
    ("OFAC designated Ridgeline Polymers Co., Ltd. The defendants are Zhenbang Mo, 55, the company's chairman and "
     "majority shareholder; Shuhui Xiong, 46, its general manager; and Yaqin Geng, 32, a saleswoman.",
     "Ownership", "majority shareholder", {"owner": "Zhenbang Mo", "asset": "Ridgeline Polymers Co., Ltd."}),
    ("Karim Nasser, the controlling shareholder of Al Safa Commodities FZE, wired the funds.",
     "Ownership", "controlling shareholder", {"owner": "Karim Nasser", "asset": "Al Safa Commodities FZE"}),
    ("Wang Lihua is the chairwoman and controlling shareholder of Jiangxi Ruibang Chemical Co., Ltd.",
     "Directorship", "chairwoman and controlling", {"director": "Wang Lihua",
                                                    "organization": "Jiangxi Ruibang Chemical Co., Ltd."}),
    ("Founded in 2013, Wuhan Qianfeng Pharmatech Co., Ltd. is a high-tech enterprise in the Wuhan East Lake "
     "High-tech Zone, Hubei, China, and a member of Hubei Qianfeng Industrial Holding Co., Ltd.",
     "Ownership", "a member of", {"owner": "Hubei Qianfeng Industrial Holding Co., Ltd.",
                                  "asset": "Wuhan Qianfeng Pharmatech Co., Ltd."}),
    ("Jiangxi Ruibang Chemical Co., Ltd., a member of Ruibang Holding Group Co., Ltd., exports reagents.",
     "Ownership", "a member of", {"owner": "Ruibang Holding Group Co., Ltd.",
                                  "asset": "Jiangxi Ruibang Chemical Co., Ltd."}),
    ("According to court documents, Brandon Keough used Ridgeway Supply Co. LLC, a Dearborn company that he owned "
     "and managed, as the importer of record.",
     "Ownership", "that he owned", {"owner": "Brandon Keough", "asset": "Ridgeway Supply Co. LLC"}),
]  # fmt: skip


def test_a_place_is_no_ones_asset(analysed: Analysed) -> None:
    found, _ = run(analysed, "He paid for the chemicals through a Hong Kong account held by Silvercove Trading "
                             "Limited.")  # fmt: skip
    assert not [f for f in found.values() if f["schema"] == "Ownership"]


def test_a_title_after_a_list_of_names_is_the_last_ones(analysed: Analysed) -> None:
    text = (
        "Wuhan Qianhe Pharmatech Co., Ltd. (Qianhe Pharmatech) sells precursors. The Department is imposing "
        "visa restrictions on Mo Zhenbang, Mo Haoran and Xiong Shuhui, Qianhe Pharmatech's general manager."
    )
    found, _ = run(analysed, text)
    assert having(found, "Directorship", director="Xiong Shuhui", organization="Wuhan Qianhe Pharmatech Co., Ltd.")
    assert not having(found, "Directorship", director="Mo Zhenbang")


# cartel members and bosses, also where someone else describes them so
CASES += [
    ("Prosecutors describe Humberto Lozano Rios as the leader of the Cartel del Golfo Norte.",
     "Directorship", "describe Humberto", {"director": "Humberto Lozano Rios",
                                           "organization": "Cartel del Golfo Norte"}),
    ("Humberto Lozano Rios, described by prosecutors as a senior member of the Cartel del Golfo Norte, was "
     "extradited.", "Membership", "a senior member", {"member": "Humberto Lozano Rios",
                                                     "organization": "Cartel del Golfo Norte"}),
    ("Among those arrested was Ignacio Valdes Cortina, 39, whom investigators describe as the Cartel del Golfo "
     "Norte's plaza boss for Texas.",
     "Membership", "plaza boss", {"member": "Ignacio Valdes Cortina", "organization": "Cartel del Golfo Norte"}),
    ("Marisol Quintero is a chemist and a member of the Cartel del Norte.",
     "Membership", "a member of", {"member": "Marisol Quintero", "organization": "Cartel del Norte"}),
]  # fmt: skip


def test_a_family_name_two_people_share_is_the_one_named_last_in_full(analysed: Analysed) -> None:
    text = (
        "The State Department offered a reward for Mo Zhenbang. Mo is the chairman of Wuhan Qianhe "
        "Pharmatech Co., Ltd., a company sanctioned yesterday. Mo's son, Mo Haoran, manages its sales office."
    )
    found, _ = run(analysed, text)
    assert stated(found, "Directorship", "Mo is the chairman", director="Mo Zhenbang",
                  organization="Wuhan Qianhe Pharmatech Co., Ltd.")  # fmt: skip


# owners named as controllers or shareholders "identified as", titles after a residence, an agency
# between commas, a U.S. Attorney with his district, a name in an acronym's definition
CASES += [
    ("Treasury designated Hefei Lianrui Biotechnology Co., Ltd. Rao Shuying, the actual controller of the "
     "company, is under investigation.",
     "Ownership", "the actual controller", {"owner": "Rao Shuying",
                                            "asset": "Hefei Lianrui Biotechnology Co., Ltd."}),
    ("Leticia Oropeza Bermudez was arrested. She is identified as the sole shareholder of Agroquimicos del "
     "Balsas, S.A. de C.V.",
     "Ownership", "identified as the sole shareholder", {"owner": "Leticia Oropeza Bermudez",
                                                         "asset": "Agroquimicos del Balsas, S.A. de C.V."}),
    ("Rao also controls Anhui Ruitong Investment Management Co., Ltd. through her brother, Rao Shujie, who is "
     "registered as its nominee shareholder.",
     "Ownership", "nominee shareholder", {"owner": "Rao Shujie",
                                         "asset": "Anhui Ruitong Investment Management Co., Ltd."}),
    ("A federal grand jury indicted Hefei Lianrui Biotechnology Co., Ltd. and three people. The defendants are:\n"
     "- Hongtao Xu, 39, of Hefei, China, its deputy general manager.",
     "Directorship", "Hongtao Xu, 39", {"director": "Hongtao Xu",
                                        "organization": "Hefei Lianrui Biotechnology Co., Ltd."}),
    ("The Narcotics Control Bureau (NCB) seized the parcels. Shri Anirudh Sethuraman, Director General, NCB, "
     "said the operation showed the value of intelligence sharing.",
     "Directorship", "Director General, NCB", {"director": "Anirudh Sethuraman",
                                               "organization": "Narcotics Control Bureau"}),
    ("U.S. Attorney Thaddeus Quarrington for the Southern District of Texas and Special Agent in Charge Colby "
     "Strathmore of the Drug Enforcement Administration's (DEA) Houston Division made the announcement.",
     "Directorship", "U.S. Attorney Thaddeus", {"director": "Thaddeus Quarrington",
                                                "organization": "U.S. Attorney's Office"}),
    ("U.S. Attorney Thaddeus Quarrington for the Southern District of Texas and Special Agent in Charge Colby "
     "Strathmore of the Drug Enforcement Administration's (DEA) Houston Division made the announcement.",
     "Directorship", "Special Agent in Charge Colby", {"director": "Colby Strathmore",
                                                       "organization": "Drug Enforcement Administration"}),
    ("The Cartel de los Tres Volcanes (CTV) moves fentanyl. Echevarria Zubiri, the CTV's plaza boss in "
     "Michoacan, took delivery of the chemicals.",
     "Membership", "plaza boss", {"member": "Echevarria Zubiri"}),
]  # fmt: skip


CASES += [
    ("Hefei Lianrui Express Logistics Co., Ltd., a logistics company 100 percent owned by Lianrui Biotech, was "
     "used to mail the goods.",
     "Ownership", "100 percent owned by", {"owner": "Lianrui Biotech",
                                           "asset": "Hefei Lianrui Express Logistics Co., Ltd."}),
    ("Lumen Cargo Ltd., a freight company 60 percent owned by Hexagon Freight S.A., moved the drums.",
     "Ownership", "60 percent owned by", {"owner": "Hexagon Freight S.A.", "asset": "Lumen Cargo Ltd."}),
]  # fmt: skip


def test_a_financial_controller_owns_nothing(analysed: Analysed) -> None:
    found, _ = run(analysed, "Marta Lindgren, the financial controller of Baltic Reagents AB, approved the wires.")
    assert not having(found, "Ownership", owner="Marta Lindgren")


@pytest.mark.parametrize(("text", "schema", "quote", "props"), CASES, ids=[f"{c[1]}-{i}" for i, c in enumerate(CASES)])
def test_a_phrasing_gives_its_fact_with_its_evidence(
    analysed: Analysed, text: str, schema: str, quote: str, props: dict[str, str]
) -> None:
    found, _ = run(analysed, text)
    assert stated(found, schema, quote, **props), {
        k: dict(v["props"]) for k, v in found.items() if v["schema"] == schema
    }
