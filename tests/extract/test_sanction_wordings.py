"""Designations as other authorities word them (EU, UK, FinCEN, Mexico's UIF), and names whose type
only their neighbours tell: "the X cartel", "X's chief executive" (fictional names and sentences)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.extract.test_deps import having, run
from tracegraph.extract.mentions import Analysis

Analysed = Callable[..., Analysis]

WORDINGS = [
    ("The Council of the European Union today decided to impose restrictive measures on Vostok Freight JSC.",
     "Vostok Freight JSC"),
    ("The Council adopted restrictive measures against Severin Trading OOO on Monday.", "Severin Trading OOO"),
    ("FinCEN identified Golden Reef Exchange as a primary money laundering concern.", "Golden Reef Exchange"),
    ("Mexico's Financial Intelligence Unit (UIF) froze the accounts of Grupo Costa Sur.", "Grupo Costa Sur"),
    ("Britain froze the assets of Orlova Trading LLP on Tuesday.", "Orlova Trading LLP"),
    ("The European Union has added Stepan Golikov to its list of persons subject to restrictive measures.",
     "Stepan Golikov"),
    ("The Minister for Foreign Affairs announced targeted financial sanctions and travel bans against Ilya "
     "Varnavin and Karst Logistics Pty Ltd.", "Ilya Varnavin"),
    ("The Minister for Foreign Affairs announced targeted financial sanctions and travel bans against Ilya "
     "Varnavin and Karst Logistics Pty Ltd.", "Karst Logistics Pty Ltd."),
]  # fmt: skip


@pytest.mark.parametrize(("text", "target"), WORDINGS, ids=[f"{i}-{w[1]}" for i, w in enumerate(WORDINGS)])
def test_a_designation_in_another_authoritys_words(analysed: Analysed, text: str, target: str) -> None:
    found, _ = run(analysed, text)
    assert having(found, "Sanction", entity=target)


def test_compulsory_measures_are_no_designation(analysed: Analysed) -> None:
    found, _ = run(analysed, "The police imposed criminal compulsory measures on Ge Lianfeng.")
    assert not having(found, "Sanction")


def test_a_name_before_cartel_names_the_group(analysed: Analysed) -> None:
    a = analysed("Jose Ortega Beltran is a senior member of the Frente Norte cartel.")
    assert {(m.name, m.schema) for m in a.mentions} >= {
        ("Frente Norte", "Organization"),
        ("Jose Ortega Beltran", "Person"),
    }


def test_what_only_a_company_has_makes_its_owner_a_company(analysed: Analysed) -> None:
    found, _ = run(analysed, "Ruibang's chief executive, Lin Haoran, denied the allegations.")
    assert having(found, "Directorship", director="Lin Haoran", organization="Ruibang")
    a = analysed("Zhang's lawyer said Zhang would appeal.")
    assert all(m.schema == "Person" for m in a.mentions if m.name == "Zhang")


def test_police_taking_action_or_a_list_named_as_a_body_is_no_designation(analysed: Analysed) -> None:
    found, _ = run(analysed, "Police took action against Dario Mendes after the raid.")
    assert not having(found, "Sanction")
    a = analysed("The UIF published the List of Blocked Persons on Friday.")
    assert not [m for m in a.mentions if m.name == "List of Blocked Persons"]


def test_the_capture_of_a_fugitive_is_an_arrest(analysed: Analysed) -> None:
    found, _ = run(analysed, "The Security Cabinet reported the capture of Efrain Solis Carranza in Culiacan.")
    assert having(found, "Action", kind="arrest", target="Efrain Solis Carranza")


@pytest.mark.parametrize(
    ("text", "employee", "employer"),
    [
        ("Lucas Ferreira was hired by Transportes Lince in 2019 as a dispatcher.", "Lucas Ferreira",
         "Transportes Lince"),
        ("Hernan Vidal, a chemist employed by Laboratorios Cumbre, made the precursors.", "Hernan Vidal",
         "Laboratorios Cumbre"),
    ],
)  # fmt: skip
def test_given_names_of_many_origins_make_people(analysed: Analysed, text: str, employee: str, employer: str) -> None:
    found, _ = run(analysed, text)
    assert having(found, "Employment", employee=employee, employer=employer)


def test_a_short_name_run_into_a_company_is_split(analysed: Analysed) -> None:
    a = analysed(
        "Dalia Mendivil Osuna (Mendivil) manages Importadora Mendivil S.A. de C.V., a front company. Mendivil and "
        "Importadora Mendivil S.A. de C.V. are also being designated."
    )
    names = [m.name for m in a.mentions if m.start > a.text.index("front company")]
    assert names == ["Dalia Mendivil Osuna", "Importadora Mendivil S.A. de C.V."]


def test_a_lawyer_represents_a_person(analysed: Analysed) -> None:
    found, _ = run(analysed, "Defense attorney Marcus Bell, who represents Liang Qichao, asked for leniency.")
    assert having(found, "Representation", agent="Marcus Bell", client="Liang Qichao")


def test_a_stake_held_in_a_company_named_before_the_clause(analysed: Analysed) -> None:
    found, _ = run(
        analysed, "Tianrui Export Limited, in which Wu Shanshan holds a 40 percent stake, received the money."
    )
    assert having(found, "Ownership", owner="Wu Shanshan", asset="Tianrui Export Limited")


def test_a_designation_by_the_body_named_earlier_in_the_sentence(analysed: Analysed) -> None:
    found, _ = run(
        analysed, "FinCEN issued an order that identifies Pacifico Divisas as a primary money laundering concern."
    )
    assert having(found, "Sanction", entity="Pacifico Divisas", authority="FinCEN")
