"""Company records laid out as lines (a register page, a registry profile): owners, officers and
former names come out with their line as evidence (fictional companies and people)."""

from __future__ import annotations

from collections.abc import Callable

from tests.extract.test_deps import having, run
from tracegraph.extract.mentions import Analysis

Analysed = Callable[..., Analysis]

REGISTER_PAGE = """QUILLMARSH SUPPLIES LTD

Company number 13577102
Registered office address: 12 Tanner Street, Leeds, LS2 7EA
Company status: Active

Officers

MBEKI-HART, Lindiwe Grace
Role: Director
Appointed on 3 May 2021

VASQUEZ, Ramiro
Role: Secretary

Persons with significant control

Mr Anton Grigoryevich Lebedev
Notified on 3 May 2021
Nature of control: Ownership of shares - 75% or more

Previous company names: ELMSTEAD GLOBAL TRADING LTD (3 May 2021 - 8 February 2023)
"""

PROFILE = """Company Profile | Ningbo Haixin Fine Chemical Co., Ltd. | Registration

Ningbo Haixin Fine Chemical Co., Ltd.
Status: In operation
Legal representative: Dou Mingkai
Former names: Ningbo Haixin Trading Co., Ltd. (2012-2018)

Shareholders (2)
1. Dou Mingkai | Shareholding ratio 70.00% | Subscribed capital 7,000,000 RMB
2. Zhejiang Yuanfeng Holdings Co., Ltd. | Shareholding ratio 30.00%

Key personnel (2)
Dou Mingkai | Chairman, General Manager
Kong Lirong | Supervisor

Outbound investment (1)
Haixin Logistics (Ningbo) Co., Ltd. | Shareholding ratio 100% | Legal representative: Fei Wanjun

Related company: Zhejiang Yuanfeng Holdings Co., Ltd. | Legal representative: Tang Yue | Shareholders: Tang Yue 100%
"""


def test_a_register_page_gives_officers_owner_and_former_name(analysed: Analysed) -> None:
    found, stmts = run(analysed, REGISTER_PAGE)
    company = "QUILLMARSH SUPPLIES LTD"
    assert having(found, "Directorship", director="Lindiwe Grace Mbeki-Hart", organization=company, role="Director")
    assert having(found, "Directorship", director="Ramiro Vasquez", organization=company)
    assert having(found, "Ownership", owner="Anton Grigoryevich Lebedev", asset=company, percentage="75% or more")
    assert any(s.prop == "previousName" and s.value == "ELMSTEAD GLOBAL TRADING LTD" for s in stmts)
    evidence = {REGISTER_PAGE[s.span_start : s.span_end] for s in stmts if s.prop == "percentage"}
    assert evidence == {"Nature of control: Ownership of shares - 75% or more"}


def test_a_registry_profile_gives_shareholders_personnel_and_holdings(analysed: Analysed) -> None:
    found, stmts = run(analysed, PROFILE)
    company = "Ningbo Haixin Fine Chemical Co., Ltd."
    assert having(found, "Directorship", director="Dou Mingkai", organization=company, role="legal representative")
    assert having(found, "Ownership", owner="Dou Mingkai", asset=company, percentage="70.00")
    assert having(found, "Ownership", owner="Zhejiang Yuanfeng Holdings Co., Ltd.", asset=company, percentage="30.00")
    assert having(found, "Employment", employee="Kong Lirong", employer=company)
    assert having(found, "Ownership", owner=company, asset="Haixin Logistics (Ningbo) Co., Ltd.", percentage="100")
    assert having(found, "Directorship", director="Fei Wanjun", organization="Haixin Logistics (Ningbo) Co., Ltd.")
    # a related company's own owner, and no holding of it by the page's company
    assert having(found, "Ownership", owner="Tang Yue", asset="Zhejiang Yuanfeng Holdings Co., Ltd.")
    assert not having(found, "Ownership", owner=company, asset="Zhejiang Yuanfeng Holdings Co., Ltd.")
    assert any(s.prop == "previousName" and s.value == "Ningbo Haixin Trading Co., Ltd." for s in stmts)


def test_a_news_story_is_not_read_as_a_record(analysed: Analysed) -> None:
    story = (
        "Directors\n\nThe board met on Monday. Analysts said the shareholders of Corvel Shipping Ltd. were "
        "unhappy.\n\nMarta Quiroga | Reporter\n"
    )
    found, _ = run(analysed, story)
    assert not having(found, "Ownership") and not having(found, "Employment", employee="Marta Quiroga")


COPIED_REGISTER_PAGE = """CORRIGAN FINE CHEMICALS LIMITED
Company number 14410287

Officers: 2 officers / 1 resignation

NWOSU, Chiamaka Ifeoma
Correspondence address
4 Lime Street, London, EC3M 7AA
Role Active
Director
Appointed on
9 September 2022

HALVORSEN, Erik
Role Resigned
Director
Resigned on
2 January 2024

Persons with significant control: 1 active person with significant control

Mr Wei Jie Ong
Nature of control
Ownership of shares – More than 50% but less than 75%
"""

OFFICER_LIST = """MAPLEFORD MARINE SUPPLIES PTE. LTD.
Company Number 202012345R
Status Live
Registered Address 3 Shenton Way, Singapore 068805

Directors / Officers
TEO KAH WAI, director
SURESH PILLAI, secretary

Shareholders: Teo Kah Wai (55%); Harbourline Holdings Ltd. (45%)
"""


def test_a_register_page_copied_from_a_browser_keeps_keys_and_values_on_separate_lines(analysed: Analysed) -> None:
    found, _ = run(analysed, COPIED_REGISTER_PAGE)
    company = "CORRIGAN FINE CHEMICALS LIMITED"
    assert having(found, "Directorship", director="Chiamaka Ifeoma Nwosu", organization=company)
    assert having(found, "Directorship", director="Erik Halvorsen", organization=company)
    assert having(found, "Ownership", owner="Wei Jie Ong", asset=company, percentage="More than 50% but less than 75%")


def test_officers_as_name_and_role_and_owners_in_one_line(analysed: Analysed) -> None:
    found, _ = run(analysed, OFFICER_LIST)
    company = "MAPLEFORD MARINE SUPPLIES PTE. LTD."
    directors = {f["props"]["director"][0] for f in having(found, "Directorship", organization=company)}
    assert {name.lower() for name in directors} == {"teo kah wai", "suresh pillai"}
    assert having(found, "Ownership", owner="Harbourline Holdings Ltd.", asset=company, percentage="45")
    assert len(having(found, "Ownership", asset=company)) == 2


IDENTIFYING_INFORMATION = "\n\n".join(
    [
        "Today, the Department of the Treasury's Office of Foreign Assets Control (OFAC) sanctioned two "
        "individuals and one entity that supply precursor chemicals.",
        "Identifying information on the individuals and entity designated today:",
        "TAN, Jiaming (Chinese Simplified: 谭家明), Xiamen, Fujian, China; DOB 12 Mar 1979; nationality China; "
        "Gender Male (individual) [ILLICIT-DRUGS-EO14059].",
        'OCHOA BELTRAN, Ismael (a.k.a. "El Profe"), Culiacan, Sinaloa, Mexico; DOB 03 Jul 1985; nationality '
        "Mexico; Gender Male (individual) [ILLICIT-DRUGS-EO14059].",
        "XIAMEN JIAMING BIOTECH CO., LTD. (a.k.a. JIAMING BIOTECH), Room 902, Xiamen, Fujian, China; "
        "Organization Established Date 2016 [ILLICIT-DRUGS-EO14059].",
    ]
)


def test_each_line_of_identifying_information_is_a_designation(analysed: Analysed) -> None:
    found, stmts = run(analysed, IDENTIFYING_INFORMATION)
    designated = {f["props"]["entity"][0]: f["props"]["program"] for f in having(found, "Sanction")}
    assert designated == {
        "Tan Jiaming": ["ILLICIT-DRUGS-EO14059"],
        "Ismael Ochoa Beltran": ["ILLICIT-DRUGS-EO14059"],
        "XIAMEN JIAMING BIOTECH CO., LTD.": ["ILLICIT-DRUGS-EO14059"],
    }
    assert all(f["props"]["authority"] == ["Office of Foreign Assets Control"] for f in having(found, "Sanction"))
    facts = {(s.prop, s.value) for s in stmts}
    assert {
        ("birthDate", "1979-03-12"),
        ("nationality", "Mexico"),
        ("alias", "El Profe"),
        ("alias", "JIAMING BIOTECH"),
    } <= facts
