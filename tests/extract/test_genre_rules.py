"""rel.deps.v1 on constructions of releases and news pages that the step missed before the
second week of December 2026: names, pronouns, buyers' verbs, stakes, relative objects (fictional
names and sentences throughout)."""

from __future__ import annotations

from collections.abc import Callable

from tests.extract.test_deps import having, run
from tracegraph.extract.mentions import Analysis


def test_a_city_and_company_is_a_description(analysed: Callable[..., Analysis]) -> None:
    a = analysed("Agents searched a Tucson company that sold pill presses, the agency said.")
    assert not [m for m in a.mentions if m.kind == "actor" and "company" in m.name.lower()]


def test_spanish_legal_form_is_one_company(analysed: Callable[..., Analysis]) -> None:
    text = "Rosa Elena Varela is the owner of Importadora Quimica del Norte, S.A. de C.V., a broker in Monterrey."
    found, _ = run(analysed, text)
    assert having(found, "Ownership", owner="Rosa Elena Varela", asset="Importadora Quimica del Norte, S.A. de C.V.")


def test_the_first_of_two_surnames_names_the_person(analysed: Callable[..., Analysis]) -> None:
    text = ("Prosecutors said Ernesto Javier Paredes Solis bought precursors in Culiacan. "
            "The Treasury Department sanctioned Paredes in 2024.")  # fmt: skip
    found, _ = run(analysed, text)
    assert having(found, "Sanction", entity="Ernesto Javier Paredes Solis")


def test_object_pronoun_is_not_the_subject_of_its_clause(analysed: Callable[..., Analysis]) -> None:
    text = "Owen Mercer, 52, pleaded guilty in May. U.S. District Judge Carla Brandt sentenced him on Friday."
    found, _ = run(analysed, text)
    assert having(found, "Action", kind="sentence", target="Owen Mercer")
    assert not having(found, "Action", kind="sentence", target="Carla Brandt")


def test_pronoun_takes_the_person_of_the_sentence_before(analysed: Callable[..., Analysis]) -> None:
    text = ("Viktor Hale founded Hale Chemicals in 2010. Hale sold fentanyl to buyers in Ohio. Hale shipped it by air. "
            "Nora Pike, a broker in Dayton, bought from the firm. She was arrested in Dayton in 2024.")  # fmt: skip
    found, _ = run(analysed, text)
    assert having(found, "Action", kind="arrest", target="Nora Pike")
    assert not having(found, "Action", kind="arrest", target="Viktor Hale")


def test_relative_pronoun_object_is_its_antecedent(analysed: Callable[..., Analysis]) -> None:
    text = ("The network sells precursors to the Rojas Cartel, which the State Department designated as a "
            "terrorist organization in 2024.")  # fmt: skip
    found, _ = run(analysed, text)
    assert having(found, "Sanction", entity="Rojas Cartel")


def test_a_buyer_names_the_seller_in_its_from_phrase(analysed: Callable[..., Analysis]) -> None:
    text = "Between 2021 and 2023 Daniel Shaw ordered 40 kilograms of 4-AP from Jinhua Ruida Chemical Co., Ltd."
    found, _ = run(analysed, text)
    assert having(found, "Action", kind="offer", actor="Jinhua Ruida Chemical Co., Ltd.")


def test_including_names_the_members_of_a_class(analysed: Callable[..., Analysis]) -> None:
    text = "The brothers bought xylazine from suppliers in China, including Hefei Tonglu Biotech Co., Ltd., in 2023."
    found, _ = run(analysed, text)
    offers = having(found, "Action", kind="offer")
    assert having(found, "Action", kind="offer", actor="Hefei Tonglu Biotech Co., Ltd.")
    assert not [f for f in offers if "China" in f["props"].get("actor", [])]


def test_including_after_other_nouns_is_not_followed(analysed: Callable[..., Analysis]) -> None:
    found, _ = run(analysed, "Officials used the new law to jail activists, including Ana Ruiz, in 2024.")
    assert not having(found, "Action", kind="sentence", target="Ana Ruiz")


def test_resold_and_the_chemicals(analysed: Callable[..., Analysis]) -> None:
    text = "Shaw ordered 4-AP and norfentanyl from a supplier. Daniel Shaw resold the chemicals to buyers in Ohio."
    found, _ = run(analysed, text)
    resold = having(found, "Action", kind="offer", actor="Daniel Shaw")
    assert resold and len(resold[0]["props"]["object"]) == 2  # 4-AP and norfentanyl


def test_percent_of_its_shares_is_ownership(analysed: Callable[..., Analysis]) -> None:
    text = "Ma Lin founded Qingyuan Duoli Chemical Co., Ltd. in 2012 and holds 70 percent of its shares."
    found, _ = run(analysed, text)
    assert having(found, "Ownership", owner="Ma Lin", asset="Qingyuan Duoli Chemical Co., Ltd.")
    assert having(found, "Directorship", director="Ma Lin", organization="Qingyuan Duoli Chemical Co., Ltd.")


def test_registered_to_a_relative_named_after_a_comma(analysed: Callable[..., Analysis]) -> None:
    text = "The new firm, Foshan Weiye Trading Co., Ltd., registered to Ma Lin's nephew, Zhao Pei, sells the goods."
    found, _ = run(analysed, text)
    assert having(found, "Ownership", owner="Zhao Pei", asset="Foshan Weiye Trading Co., Ltd.")


def test_plural_title_in_a_list_after_the_company(analysed: Callable[..., Analysis]) -> None:
    text = ("Fujian Sanmu Chemical Co., Ltd., its vice president Gao Ren, 50, and sales agents Tan Yue, 29, and "
            "Pei Lan, 33, were charged in a four-count indictment.")  # fmt: skip
    found, _ = run(analysed, text)
    for name in ("Tan Yue", "Pei Lan"):
        assert having(found, "Employment", employee=name, employer="Fujian Sanmu Chemical Co., Ltd.")
        assert not having(found, "Directorship", director=name)
    assert having(found, "Directorship", director="Gao Ren", organization="Fujian Sanmu Chemical Co., Ltd.")


def test_title_in_an_opening_phrase_is_not_the_subjects(analysed: Callable[..., Analysis]) -> None:
    text = "In calls with an undercover agent of Homeland Security Investigations, Tan Yue described the firm's owner."
    found, _ = run(analysed, text)
    assert not having(found, "Employment", employee="Tan Yue")


def test_managing_a_firms_department_is_employment(analysed: Callable[..., Analysis]) -> None:
    text = "Fujian Sanmu Chemical Co., Ltd. sells NPP. Tan Yue manages the firm's export sales and sets prices."
    found, _ = run(analysed, text)
    assert having(found, "Employment", employee="Tan Yue", employer="Fujian Sanmu Chemical Co., Ltd.")


def test_whose_title_comma_name_after_an_apposition(analysed: Callable[..., Analysis]) -> None:
    text = ("Lee ordered NPP from Fujian Sanmu Chemical Co., Ltd., a supplier in Fujian province whose export "
            "manager, Tan Yue, arranged the shipments.")  # fmt: skip
    found, _ = run(analysed, text)
    assert having(found, "Employment", employee="Tan Yue", employer="Fujian Sanmu Chemical Co., Ltd.")


def test_catalogue_line_with_a_label_and_fields(analysed: Callable[..., Analysis]) -> None:
    text = ("Jiangxi Yuanfa Pharmaceutical Co., Ltd. - Products\n\nProduct name: Metonitazene | Purity: 99% | "
            "Stock: 5 kg\n\nContact Us\nMs. Iris Tang (Sales Manager)\nTel: +86 139 1111 2222\n")  # fmt: skip
    found, _ = run(analysed, text)
    assert having(found, "Action", kind="offer", actor="Jiangxi Yuanfa Pharmaceutical Co., Ltd.")
    employed = having(found, "Employment", employee="Iris Tang")
    assert employed and any("Ms. Iris Tang" in s for s in employed[0]["props"]["summary"])


def test_city_between_agency_and_title(analysed: Callable[..., Analysis]) -> None:
    found, _ = run(analysed, "DEA Phoenix Special Agent in Charge Rosa Whitfield said the seizure was large.")
    assert having(found, "Employment", employee="Rosa Whitfield", employer="DEA") or having(
        found, "Directorship", director="Rosa Whitfield", organization="DEA"
    )


def test_counted_people_named_in_the_next_sentence(analysed: Callable[..., Analysis]) -> None:
    text = ("TUCSON – Two Arizona men pleaded guilty today to selling counterfeit pills. "
            "Dale Orwin, 41, and Victor Pruitt, 38, admitted that they sold the pills online.")  # fmt: skip
    found, _ = run(analysed, text)
    assert having(found, "Action", kind="convict", target="Dale Orwin")
    assert having(found, "Action", kind="convict", target="Victor Pruitt")


def test_who_serves_as_a_firms_title(analysed: Callable[..., Analysis]) -> None:
    text = "Liu Bao, who serves as Jinan Hualong Chemical Co., Ltd.'s general manager, negotiated the sales."
    found, _ = run(analysed, text)
    assert having(found, "Directorship", director="Liu Bao", organization="Jinan Hualong Chemical Co., Ltd.")


def test_acting_on_behalf_of_a_company(analysed: Callable[..., Analysis]) -> None:
    found, _ = run(analysed, "Gu Feng, acting on behalf of Ningbo Haotian Chemical Co., Ltd., wired the payments.")
    assert having(found, "Representation", agent="Gu Feng", client="Ningbo Haotian Chemical Co., Ltd.")


def test_parent_company_and_subsidiary(analysed: Callable[..., Analysis]) -> None:
    found, _ = run(
        analysed, "Qingdao Beihai Group Co., Ltd. is the parent company of Qingdao Beihai Chemical Co., Ltd."
    )
    assert having(found, "Ownership", owner="Qingdao Beihai Group Co., Ltd.", asset="Qingdao Beihai Chemical Co., Ltd.")
    text = "Chengdu Lanxin Group controls a drug maker through its subsidiary, Lanxin Investment Co., Ltd."
    found, _ = run(analysed, text)
    assert having(found, "Ownership", owner="Chengdu Lanxin Group", asset="Lanxin Investment Co., Ltd.")
    text = "Harbin Dongfang Chemical Co., Ltd. and its parent company, Harbin Dongfang Holdings Co., Ltd., were listed."
    found, _ = run(analysed, text)
    assert having(
        found, "Ownership", owner="Harbin Dongfang Holdings Co., Ltd.", asset="Harbin Dongfang Chemical Co., Ltd."
    )


def test_subject_far_from_its_verb(analysed: Callable[..., Analysis]) -> None:
    text = ("Zhao Lin, a Guangzhou-based broker who for years arranged shipments of fentanyl precursors to Mexico on "
            "behalf of several Chinese suppliers, was sanctioned by OFAC.")  # fmt: skip
    found, _ = run(analysed, text)
    assert having(found, "Sanction", entity="Zhao Lin", authority="OFAC")


def test_countries_after_in_are_no_designees(analysed: Callable[..., Analysis]) -> None:
    text = "OFAC sanctioned five individuals and three entities in China and Mexico for selling precursors."
    found, _ = run(analysed, text)
    assert not [f for f in having(found, "Sanction") if {"Mexico", "China"} & set(f["props"]["entity"])]


def test_sanctions_named_by_a_relative_clause(analysed: Callable[..., Analysis]) -> None:
    found, _ = run(analysed, "The action builds on sanctions the Department of State imposed on Ruan Qiang in 2024.")
    assert having(found, "Sanction", entity="Ruan Qiang", authority="Department of State")


def test_precursor_chemicals_from_a_country(analysed: Callable[..., Analysis]) -> None:
    found, _ = run(analysed, "A Texas man was sentenced for importing fentanyl precursor chemicals from China.")
    assert not having(found, "Action", kind="offer", actor="China")


def test_portfolio_title_holds_a_post_at_the_releasing_body(analysed: Callable[..., Analysis]) -> None:
    text = ('Treasury Sanctions Suppliers\n\n"We will act," said Under Secretary for Terrorism and Financial '
            "Intelligence Rachel Okafor.")  # fmt: skip
    found, _ = run(analysed, text)
    assert having(found, "Directorship", director="Rachel Okafor", organization="Treasury")


def test_membership_by_belonging_and_associate_titles(analysed: Callable[..., Analysis]) -> None:
    found, _ = run(analysed, "Luis Mendoza Vega belongs to the Jalisco New Generation Cartel.")
    assert having(found, "Membership", member="Luis Mendoza Vega", organization="Jalisco New Generation Cartel")
    found, _ = run(analysed, "Wu Ping, a Sinaloa Cartel associate, launders money for the group.")
    assert having(found, "Membership", member="Wu Ping", organization="Sinaloa Cartel")
    found, _ = run(analysed, "Guangzhou Ruitian Trading Co., Ltd. belongs to Liang Zhiwei.")
    assert having(found, "Ownership", owner="Liang Zhiwei", asset="Guangzhou Ruitian Trading Co., Ltd.")
    assert not having(found, "Membership")


def test_owned_and_operated_by(analysed: Callable[..., Analysis]) -> None:
    found, _ = run(analysed, "Hubei Yuanqi Trading Co., Ltd. is owned and operated by Jiang Li.")
    assert having(found, "Ownership", owner="Jiang Li", asset="Hubei Yuanqi Trading Co., Ltd.")
    assert having(found, "Directorship", director="Jiang Li", organization="Hubei Yuanqi Trading Co., Ltd.")
