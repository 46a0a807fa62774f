"""A lead sentence ending in a colon and one name a line after it, as releases print their defendants
and designees (bullets are often lost when a page is scraped). Fictional names throughout."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.extract.test_deps import having, run
from tracegraph.extract.mentions import Analysis

Analysed = Callable[..., Analysis]

DEFENDANTS = """An indictment was unsealed today charging a chemical company and three of its employees.

According to court documents, the following defendants are charged:

Hunan Brightwell Chemical Co., Ltd. (Brightwell), a chemical company based in Changsha;
Mo Tianci, 51, of Changsha, China, the company's chairman;
Rui Ping, 33, of Zhuzhou, China, a sales manager; and
Ada Liang, also known as "Lily Liang," 29, of Changsha, China.

The case is being investigated by the DEA.
"""


def _targets(found: dict, kind: str) -> set[str]:
    return {t for f in having(found, "Action", kind=kind) for t in f["props"]["target"]}


def test_each_line_under_a_charging_lead_is_charged(analysed: Analysed) -> None:
    found, _ = run(analysed, DEFENDANTS)
    assert _targets(found, "charge") == {"Hunan Brightwell Chemical Co., Ltd.", "Mo Tianci", "Rui Ping", "Ada Liang"}


def test_the_line_of_a_defendant_is_the_evidence(analysed: Analysed) -> None:
    found, _ = run(analysed, DEFENDANTS)
    charge = next(iter(having(found, "Action", kind="charge")))
    assert "Rui Ping, 33, of Zhuzhou" in charge["props"]["summary"][0]


def test_a_designating_lead_sanctions_each_line_with_its_author(analysed: Analysed) -> None:
    text = ("OFAC designated the following individuals today:\n\n"
            "- Xu Menglan, a broker in Guangzhou;\n"
            "- Pedro Salgado Ruiz, a financial operator of the cartel.\n")  # fmt: skip
    found, _ = run(analysed, text)
    assert {t for f in having(found, "Sanction", authority="OFAC") for t in f["props"]["entity"]} == {
        "Xu Menglan",
        "Pedro Salgado Ruiz",
    }


def test_a_paragraph_after_a_colon_is_no_list(analysed: Analysed) -> None:
    text = (
        "The following individuals were arrested:\n\n"
        "Omar Bessette, a journalist who covered the case, said the operation ran for months.\n"
    )
    found, _ = run(analysed, text)
    assert not _targets(found, "arrest")


def test_charges_listed_after_a_colon_are_not_people(analysed: Analysed) -> None:
    text = ("Tomas Reuven is charged with the following:\n\n"
            "Conspiracy to import fentanyl;\nMoney laundering.\n")  # fmt: skip
    found, _ = run(analysed, text)
    assert _targets(found, "charge") <= {"Tomas Reuven"}


def _designees(found: dict) -> set[str]:
    return {t for f in having(found, "Sanction") for t in f["props"]["entity"]}


def test_a_counted_object_before_the_colon_is_the_list(analysed: Analysed) -> None:
    text = ("Today, OFAC sanctioned three targets in China and Hong Kong:\n\n"
            "1. Jiangxi Tolver Chemical Co., Ltd. (Tolver Chemical), which sells 4-AP online.\n"
            "2. Ren Baozhu, 48, the general manager of Tolver Chemical.\n"
            "3. Harbourline Pacific Limited, which receives the payments.\n")  # fmt: skip
    found, _ = run(analysed, text)
    assert _designees(found) == {"Jiangxi Tolver Chemical Co., Ltd.", "Ren Baozhu", "Harbourline Pacific Limited"}


def test_a_bare_verb_before_the_colon_designates_each_line(analysed: Analysed) -> None:
    text = (
        'OFAC today designated:\n- REN Baozhu (a.k.a. "Ivan Ren"), born 3 May 1978;\n- QIU Lanfang, born 12 May 1990.\n'
    )
    found, _ = run(analysed, text)
    assert {name.lower() for name in _designees(found)} == {"ren baozhu", "qiu lanfang"}


def test_todays_action_targets_a_list(analysed: Analysed) -> None:
    text = ("Treasury acted against the Tolver network today.\n\n"
            "Today's action targets the network's key members:\n\n"
            "• Ren Baozhu, who runs Jiangxi Tolver Chemical Co., Ltd.;\n"
            "• Qiu Lanfang, his sales agent; and\n"
            "• Harbourline Pacific Limited, the network's payment front.\n")  # fmt: skip
    found, _ = run(analysed, text)
    assert _designees(found) == {"Ren Baozhu", "Qiu Lanfang", "Harbourline Pacific Limited"}


def test_a_list_of_what_someone_else_targeted_is_no_sanction(analysed: Analysed) -> None:
    text = ("The smugglers targeted the following ports:\n\n"
            "- Manzanillo Terminal Company;\n- Lazaro Cardenas Port Services.\n")  # fmt: skip
    found, _ = run(analysed, text)
    assert not having(found, "Sanction")


def test_a_sanctioning_body_adding_a_list_needs_no_word_list(analysed: Analysed) -> None:
    text = ("BIS is adding the following entities:\n\n"
            "- Jiangxi Tolver Chemical Co., Ltd., Nanchang, China;\n- Harbourline Pacific Limited, Hong Kong.\n\n"
            "The editor added the following comments:\n- Ren Baozhu said he disagreed.\n")  # fmt: skip
    found, _ = run(analysed, text)
    assert _designees(found) == {"Jiangxi Tolver Chemical Co., Ltd.", "Harbourline Pacific Limited"}


@pytest.mark.parametrize(
    "lead",
    ["The entities added today are:", "Today's additions are:", "Added today are the following:",
     "The final rule adds the following entities:", "Persons designated today include:"],
)  # fmt: skip
def test_a_lead_naming_its_list_by_a_participle_or_noun(analysed: Analysed, lead: str) -> None:
    text = (
        f"The Bureau of Industry and Security (BIS) acted today against chemical suppliers.\n\n{lead}\n\n"
        "- Jiangxi Tolver Chemical Co., Ltd., Nanchang, China;\n- Harbourline Pacific Limited, Hong Kong.\n"
    )
    found, _ = run(analysed, text)
    assert _designees(found) == {"Jiangxi Tolver Chemical Co., Ltd.", "Harbourline Pacific Limited"}


def test_a_lead_that_names_no_action_lists_nothing(analysed: Analysed) -> None:
    text = (
        "These are the companies we visited:\n\n- Jiangxi Tolver Chemical Co., Ltd.;\n- Harbourline Pacific Limited.\n"
    )
    found, _ = run(analysed, text)
    assert not having(found, "Sanction")
