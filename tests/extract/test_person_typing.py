"""Person and company typing beyond the NER label, and names NER missed in argument positions
(fictional names and sentences written for these tests)."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from tests.extract.test_deps import having, run
from tracegraph.extract.mentions import Analysis
from tracegraph.extract.people import person_shaped

Analysed = Callable[..., Analysis]


def _actors(a: Analysis) -> dict[str, str]:
    return {m.name: m.schema for m in a.mentions if m.kind == "actor" and not m.coref}


@pytest.mark.parametrize(
    "name",
    ["Pavel Orlov", "Marta Quiroga", "Karim Saleh", "Natalia Brodskaya", "Elif Demir", "Ji-hoon Park",
     "Zhou Xiaoming", "Abdul Rahman al-Harbi", "Abu Bakr Nasser", "Zurab Beridzeshvili", "Adaeze Okafor"],
)  # fmt: skip
def test_names_of_many_origins_are_person_shaped(name: str) -> None:
    assert person_shaped(name)


@pytest.mark.parametrize(
    "name",
    ["Gulfway Shipping", "Golden Dragon", "Polar Star", "Sever Bank", "Santa Ana", "Hong Kong", "Buenos Aires",
     "Abu Dhabi", "Treasury Secretary", "Al Noor Exchange", "Southern District", "Grand Jury", "Crescent Finance"],
)  # fmt: skip
def test_companies_places_and_titles_are_not(name: str) -> None:
    assert not person_shaped(name)


def test_owner_and_free_zone_company_in_one_short_sentence(analysed: Analysed) -> None:
    found, _ = run(analysed, "Karim Saleh owns Gulfway Shipping FZCO.")
    assert having(found, "Ownership", owner="Karim Saleh", asset="Gulfway Shipping FZCO")


def test_person_read_as_company_or_place_is_a_person(analysed: Analysed) -> None:
    a = analysed("Treasury designated Pavel Orlov and Marta Quiroga.")
    assert _actors(a).get("Pavel Orlov") == "Person"
    assert _actors(a).get("Marta Quiroga") == "Person"
    found, _ = run(analysed, "Treasury designated Pavel Orlov and Marta Quiroga.")
    assert having(found, "Sanction", entity="Marta Quiroga")


def test_modifier_words_alone_are_no_title() -> None:
    from tracegraph.extract.entities import _strip_title

    text = "Gulfway Shipping FZCO"
    assert _strip_title(text, 0, len(text)) == 0
    text = "Homeland Security Kristen Amsel"
    assert text[_strip_title(text, 0, len(text)) :] == "Kristen Amsel"


def test_possessive_ends_a_persons_name(analysed: Analysed) -> None:
    a = analysed("Gennady Volkov's company, Orion Fuel Trading, was also designated.")
    assert _actors(a).get("Gennady Volkov") == "Person"


def test_person_span_ending_in_a_company_word_is_a_company(analysed: Analysed) -> None:
    found, _ = run(analysed, "Baraka Imports is owned by Yusuf Kamau.")
    assert having(found, "Ownership", owner="Yusuf Kamau", asset="Baraka Imports")


def test_given_name_left_out_by_ner_joins_the_family_name(analysed: Analysed) -> None:
    a = analysed("Mehmet Yilmaz and Elif Demir were charged with conspiracy.")
    assert _actors(a).get("Mehmet Yilmaz") == "Person"
    assert _actors(a).get("Elif Demir") == "Person"


def test_name_ner_missed_in_an_apposition_after_a_designation(analysed: Analysed) -> None:
    found, _ = run(analysed, "The State Department also sanctioned Ilya Brodsky and his wife, Natalia Brodskaya.")
    assert having(found, "Sanction", entity="Natalia Brodskaya")


def test_name_ner_missed_as_the_subject_of_a_role(analysed: Analysed) -> None:
    found, _ = run(analysed, "Ji-hoon Park, the president of Hanbit Marine, was indicted in Seoul.")
    assert having(found, "Directorship", director="Ji-hoon Park", organization="Hanbit Marine")


def test_company_ner_missed_as_an_object(analysed: Analysed) -> None:
    found, _ = run(analysed, "Vikram Mehta founded Sunrise Pharma Exports in 2019.")
    assert having(found, "Directorship", director="Vikram Mehta", organization="Sunrise Pharma Exports")


def test_capitalised_words_outside_argument_positions_stay_unnamed(analysed: Analysed) -> None:
    # NER gives no entity in this sentence and no predicate of the lexicon governs the name
    assert "Sunrise Pharma Exports" not in _actors(analysed("Buyers at Sunrise Pharma Exports expect growth."))
    assert "Sunrise Pharma Exports" in _actors(analysed("Vikram Mehta founded Sunrise Pharma Exports in 2019."))


LISTED = ["Pavel Orlov", "Marta Haddad", "Karim Belov", "Orion Fuel Trading", "Elif Mehta", "Dmitry Kuznetsov",
          "Yelena Vasiliev", "Polar Star LLC", "Farid Kamau"]  # fmt: skip


def test_every_member_of_a_misparsed_designation_list_is_sanctioned(analysed: Analysed) -> None:
    # the small parser makes "Marta Haddad" an apposition of the first name, the rest its conjuncts,
    # and NER reads "Karim Belov," as one organisation before "Orion Fuel Trading"
    text = f"OFAC today designated {', '.join(LISTED[:-1])}, and {LISTED[-1]} pursuant to E.O. 14024."
    found, _ = run(analysed, text)
    targets = {f["props"]["entity"][0] for f in having(found, "Sanction")}
    assert set(LISTED) <= targets


def test_a_place_read_over_a_person_and_a_company_gives_both(analysed: Analysed) -> None:
    text = ("OFAC today designated Pavel Orlov, Marta Quiroga, Karim Saleh, Arktika Trade LLC, Elif Demir, "
            "and Omar Haddad pursuant to E.O. 14024.")  # fmt: skip
    actors = _actors(analysed(text))
    assert actors.get("Karim Saleh") == "Person"
    assert actors.get("Arktika Trade LLC") == "Company"


def test_a_long_designation_list_stays_linear(analysed: Analysed) -> None:
    def timed(n: int) -> float:
        names = [f"{g} {f}" for g in ("Pavel", "Marta", "Karim", "Elif", "Omar") for f in
                 ("Orlov", "Quiroga", "Saleh", "Demir", "Haddad", "Kamau", "Belov", "Rahimi")]  # fmt: skip
        listed = ", ".join(names[i % len(names)] + f" {chr(65 + i // 26 % 26)}{chr(97 + i % 26)}ko" for i in range(n))
        started = time.perf_counter()
        analysed(f"OFAC designated {listed}, and Marta Quiroga.")
        return time.perf_counter() - started

    timed(10)  # warm the caches
    small, large = timed(20), timed(200)
    assert large < 30 * max(small, 0.05)  # ten times the names: far less than a hundred times the time


def test_malaysian_legal_form_keeps_the_sentence_whole(analysed: Analysed) -> None:
    found, _ = run(analysed, "Korimas Niaga Sdn. Bhd. is wholly owned by Pavel Orlov.")
    assert having(found, "Ownership", owner="Pavel Orlov", asset="Korimas Niaga Sdn. Bhd.")


def test_short_name_of_a_company_named_in_full_before_is_a_company(analysed: Analysed) -> None:
    text = ("Treasury designated Lindqvist Marine Pte. Ltd. and Korimas Niaga Sdn. Bhd. on Friday. "
            "Korimas Niaga is wholly owned by Lindqvist Marine.")  # fmt: skip
    found, _ = run(analysed, text)
    assert having(found, "Ownership", owner="Lindqvist Marine", asset="Korimas Niaga")


def test_a_role_only_people_hold_makes_a_person(analysed: Analysed) -> None:
    found, _ = run(analysed, "Anselmo Ibarguen Tafoya is Quimica del Norte's sole administrator.")
    assert having(found, "Directorship", director="Anselmo Ibarguen Tafoya", organization="Quimica del Norte")


def test_legal_form_before_the_name(analysed: Analysed) -> None:
    found, _ = run(analysed, "Among the entities added are OOO Tverkhimsnab and JSC Kama Polymer.")
    targets = {f["props"]["entity"][0] for f in having(found, "Sanction")}
    assert {"OOO Tverkhimsnab", "JSC Kama Polymer"} <= targets


def test_whose_role_is_a_southeast_asian_name(analysed: Analysed) -> None:
    text = "Lindqvist Marine Pte. Ltd., a Singapore company whose managing director is Goh Wee Lian, was also named."
    found, _ = run(analysed, text)
    assert having(found, "Directorship", director="Goh Wee Lian", organization="Lindqvist Marine Pte. Ltd.")


def test_holder_at_the_end_of_a_titles_portfolio_phrase(analysed: Analysed) -> None:
    text = ('"We act today," said Under Secretary of the Treasury for Terrorism and Financial Intelligence '
            "Orrin Vallance.")  # fmt: skip
    found, _ = run(analysed, text)
    assert having(found, "Directorship", director="Orrin Vallance", organization="Treasury")
    text = "Assistant Secretary for Export Enforcement Callum Reddaway announced the rule."
    assert _actors(analysed(text)).get("Callum Reddaway") == "Person"


def test_a_portfolio_phrase_without_a_name_names_nobody(analysed: Analysed) -> None:
    text = "The Under Secretary for Arms Control and International Security spoke."
    assert not any(s == "Person" for s in _actors(analysed(text)).values())


def test_family_name_alone_in_a_designation_list(analysed: Analysed) -> None:
    text = ("Anselmo Ibarguen Tafoya runs Quimica del Norte. "
            "Quimica del Norte, Ibarguen and Pavel Orlov were designated today.")  # fmt: skip
    found, _ = run(analysed, text)
    assert having(found, "Sanction", entity="Anselmo Ibarguen Tafoya")


def test_a_listed_place_is_no_rare_given_name() -> None:
    from tracegraph.extract.people import rare_word

    assert rare_word("Anselmo")
    assert not rare_word("Hubei")
