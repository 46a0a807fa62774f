"""rel.deps.v1 on families of phrasings for designations, legal events and staff (fictional names):
each family says one fact several ways, and the rule must read them all."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.extract.test_deps import having, run
from tracegraph.extract.mentions import Analysis

Analysed = Callable[..., Analysis]

#: a plural description ("two individuals", "four entities") and then the names it counts
DESCRIBED = [
    ("OFAC is sanctioning two Mexico-based individuals, Carlos Mendoza Ruiz and Laura Ortiz Vega, who launder "
     "proceeds.", "Sanction", "entity", ["Carlos Mendoza Ruiz", "Laura Ortiz Vega"]),
    ("OFAC sanctioned two individuals, Carlos Mendoza Ruiz and Laura Ortiz Vega.",
     "Sanction", "entity", ["Carlos Mendoza Ruiz", "Laura Ortiz Vega"]),
    ("Treasury today designated four entities: Almaz Petroleum FZE, Blue Delta FZE, Orlov Holdings Ltd. and "
     "Hubei Rongda Biotech Co., Ltd.", "Sanction", "entity", ["Almaz Petroleum FZE", "Hubei Rongda Biotech Co., Ltd."]),
    ("The State Department designated two companies, Grupo Delta Import S.A. de C.V. and Comercializadora Sierra "
     "Azul S.A. de C.V., as fronts.", "Sanction", "entity", ["Grupo Delta Import S.A. de C.V."]),
    ("Police arrested two men, Zhang Wei and Li Qiang, at the border.", "Action", "target", ["Zhang Wei", "Li Qiang"]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "schema", "prop", "names"), DESCRIBED, ids=[f"d{i}" for i in range(len(DESCRIBED))])
def test_a_counted_description_then_its_names(
    analysed: Analysed, text: str, schema: str, prop: str, names: list[str]
) -> None:
    found, _ = run(analysed, text)
    for name in names:
        facts = having(found, schema, **{prop: name})
        assert facts, name
        assert text.startswith(facts[0]["props"]["summary"][0][:20])  # the sentence is the evidence


def test_a_description_then_a_speaker_is_not_a_target(analysed: Analysed) -> None:
    found, _ = run(analysed, "Federal agents arrested two men, Hernandez said.")
    assert not having(found, "Action", target="Hernandez")


#: a sentence that opens with who was arrested, sentenced, extradited or charged, then lists them
LEADS = [
    ("Among those arrested in Atlanta was Ignacio Valdivia Cortes, 39, whom investigators describe as the CCC's "
     "plaza boss.", "arrest", ["Ignacio Valdivia Cortes"]),
    ("Among those arrested were Ignacio Valdivia Cortes and Rosa Elena Marquez.",
     "arrest", ["Ignacio Valdivia Cortes", "Rosa Elena Marquez"]),
    ("Among the people arrested on Tuesday were Zhang Wei, 45, of Flushing, and Li Qiang, 39.",
     "arrest", ["Zhang Wei", "Li Qiang"]),
    ("Also arrested were Zhang Wei and Li Qiang.", "arrest", ["Zhang Wei", "Li Qiang"]),
    ("Also sentenced today was Rosa Elena Marquez, 29, of Phoenix, who received 8 years.",
     "sentence", ["Rosa Elena Marquez"]),
    ("The men extradited from Colombia are Jorge Ibarra Salcedo and Luis Arriaga.",
     "extradite", ["Jorge Ibarra Salcedo", "Luis Arriaga"]),
    ("Among those charged is Kofi Mensah, a Ghanaian national.", "charge", ["Kofi Mensah"]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "kind", "names"), LEADS, ids=[f"l{i}" for i in range(len(LEADS))])
def test_a_lead_then_a_list_of_people(analysed: Analysed, text: str, kind: str, names: list[str]) -> None:
    found, _ = run(analysed, text)
    for name in names:
        assert having(found, "Action", kind=kind, target=name), name


def test_a_holder_named_after_a_title_in_the_list_is_still_listed_but_not_the_place(analysed: Analysed) -> None:
    found, _ = run(analysed, "Those arrested include Andrei Volkov of Moscow and the owner of Polar Star LLC, "
                             "Irina Sokolova.")  # fmt: skip
    assert having(found, "Action", kind="arrest", target="Irina Sokolova")
    assert not having(found, "Action", kind="arrest", target="Polar Star LLC")


def test_todays_action_targets_is_a_designation_only_in_a_sanctioning_release(analysed: Analysed) -> None:
    text = ("Treasury's Office of Foreign Assets Control (OFAC) today acted against a fentanyl network. "
            "Today's action targets Li Ming, Zhang Wei, and Hubei Rongda Biotech Co., Ltd.")  # fmt: skip
    found, _ = run(analysed, text)
    assert having(found, "Sanction", entity="Li Ming", authority="Office of Foreign Assets Control")
    assert having(found, "Sanction", entity="Hubei Rongda Biotech Co., Ltd.")
    found, _ = run(analysed, "The Justice Department unsealed an indictment. Today's action targets Li Ming.")
    assert not having(found, "Sanction")


@pytest.mark.parametrize(
    "text",
    [
        "Zhou Lina, a sales representative at Hubei Mingde Chemical Co., Ltd., negotiated the price.",
        "Zhou Lina, a sales agent for Hubei Mingde Chemical Co., Ltd., negotiated the price.",
        "Zhou Lina, a salesperson at Hubei Mingde Chemical Co., Ltd., negotiated the price.",
        "Zhou Lina works for Hubei Mingde Chemical Co., Ltd. as a sales representative.",
    ],
)
def test_a_sales_representative_is_staff(analysed: Analysed, text: str) -> None:
    found, _ = run(analysed, text)
    assert having(found, "Employment", employee="Zhou Lina", employer="Hubei Mingde Chemical Co., Ltd.")
    assert not having(found, "Representation")


SELLER_PAGE = """Jiangxi Fenglin Chemical Co., Ltd. - Pharmaceutical Intermediates
Home | Products | Contact

CONTACT OUR SALES TEAM
Sales Manager: Cindy Wu (Wu Lixia)
WhatsApp: +86 155 0000 1234
After-sales: Tom Lu - after-sales service for Europe
Contact person: Amy Geng (Sales Manager)
Sales Manager: Nancy Hao
"""


def test_labelled_contact_lines_name_the_sellers_staff_when_ner_tags_no_one(analysed: Analysed) -> None:
    found, _ = run(analysed, SELLER_PAGE)
    seller = "Jiangxi Fenglin Chemical Co., Ltd."
    lines = [("Cindy Wu", "Sales Manager: Cindy Wu (Wu Lixia)"), ("Tom Lu", "After-sales: Tom Lu"),
             ("Amy Geng", "Contact person: Amy Geng"), ("Nancy Hao", "Sales Manager: Nancy Hao")]  # fmt: skip
    for person, line in lines:
        facts = having(found, "Employment", employee=person, employer=seller)
        assert facts, person
        assert facts[0]["props"]["summary"][0].startswith(line)
    assert not having(found, "Employment", employee="Pharmaceutical Intermediates")


#: staff named in a clause or an "as" phrase, through an apposition, or by joining
STAFF = [
    "A third defendant, Anatoly Grishin, 51, a Russian national who worked as a chemist at Ridgeway Supply LLC, "
    "pleaded guilty.",
    "Anatoly Grishin, a Russian national who worked for Ridgeway Supply LLC, pleaded guilty.",
    "A third defendant, Anatoly Grishin, 51, of Southfield, a Russian national who worked as a chemist at Ridgeway "
    "Supply LLC, pleaded guilty.",
    "Anatoly Grishin was employed as a driver by Ridgeway Supply LLC.",
    "Anatoly Grishin joined Ridgeway Supply LLC in 2019 as a chemist.",
    "Ridgeway Supply LLC recruited Anatoly Grishin as its chemist.",
    "Anatoly Grishin, who was employed by Ridgeway Supply LLC, mixed the batches.",
]


@pytest.mark.parametrize("text", STAFF, ids=[f"s{i}" for i in range(len(STAFF))])
def test_staff_in_clauses_and_as_phrases(analysed: Analysed, text: str) -> None:
    found, _ = run(analysed, text)
    assert having(found, "Employment", employee="Anatoly Grishin", employer="Ridgeway Supply LLC")


def test_joining_a_cartel_is_membership_and_a_party_is_no_employer(analysed: Analysed) -> None:
    found, _ = run(analysed, "Luis Arriaga joined the Sinaloa Cartel in 2015.")
    assert having(found, "Membership", member="Luis Arriaga", organization="Sinaloa Cartel")
    assert not having(found, "Employment")
    found, _ = run(analysed, "Liu Yang joined the Chinese Communist Party in 1990.")
    assert not having(found, "Employment")


@pytest.mark.parametrize(
    ("text", "entity", "authority"),
    [
        ("Treasury identified Jorge Ibarra Salcedo as a Significant Foreign Narcotics Trafficker under the Kingpin "
         "Act.", "Jorge Ibarra Salcedo", "Treasury"),
        ("OFAC today took action against Hubei Rongda Biotech Co., Ltd. and its owner, Wu Jian.", "Wu Jian", "OFAC"),
        ("Treasury is taking action against Hubei Rongda Biotech Co., Ltd. and Wu Jian.",
         "Hubei Rongda Biotech Co., Ltd.", "Treasury"),
        ("The UK's Office of Financial Sanctions Implementation froze the assets of Viktor Orlov.", "Viktor Orlov",
         "Office of Financial Sanctions Implementation"),
        ("Polar Star LLC, an OFAC-designated company, shipped the parts.", "Polar Star LLC", "OFAC"),
        ("Funds went to the UN-designated Abdul Rahman Karimi.", "Abdul Rahman Karimi", "UN"),
    ],
)  # fmt: skip
def test_other_ways_a_release_says_designated(analysed: Analysed, text: str, entity: str, authority: str) -> None:
    found, _ = run(analysed, text)
    assert having(found, "Sanction", entity=entity, authority=authority)


@pytest.mark.parametrize(
    "text",
    [
        "The DEA took action against Jorge Ibarra Salcedo and his network.",
        "Mexican police froze the assets of Jorge Ibarra Salcedo.",
        "Police identified Jorge Ibarra Salcedo as the driver.",
    ],
)
def test_action_against_or_a_freeze_by_police_is_no_designation(analysed: Analysed, text: str) -> None:
    found, _ = run(analysed, text)
    assert not having(found, "Sanction")


DEFENDANTS = """HOUSTON - A federal grand jury returned a superseding indictment today.

According to the indictment, the defendants are:
- Tianhe Biochem Co., Ltd., a Chinese chemical company;
- Meiling Rao, 47, of Hefei, China, the company's chairwoman;
- Osvaldo Quintero Arizmendi, also known as "El Gallo," 52, of Uruapan, Mexico;
- Brock Halvorsen, 45, of Houston, Texas; and
- Marisol Teague, 29, of Pasadena, Texas.

The case was investigated by the DEA.
"""

DESIGNEES = """The Foreign, Commonwealth and Development Office (FCDO) today designated four persons under the Global
Illicit Drugs regulations.

Those designated are:
1. Tianhe Biochem Co., Ltd. (Tianhe), a chemical manufacturer in Anhui province, China;
2. RAO Meiling, chairwoman of Tianhe;
3. the Cartel de los Cuatro Rios (CCR), a Mexican drug trafficking organisation;
4. Osvaldo QUINTERO ARIZMENDI, also known as "El Gallo", the leader of the CCR.
"""


def test_a_list_of_lines_after_the_defendants_are_charges_each_with_its_line_as_evidence(analysed: Analysed) -> None:
    found, _ = run(analysed, DEFENDANTS)
    for name in ["Tianhe Biochem Co., Ltd.", "Meiling Rao", "Osvaldo Quintero Arizmendi", "Brock Halvorsen",
                 "Marisol Teague"]:  # fmt: skip
        facts = having(found, "Action", kind="charge", target=name)
        assert facts, name
        assert name.split()[-1] in facts[0]["props"]["summary"][0]
    assert not having(found, "Action", kind="charge", target="Hefei")


def test_a_numbered_list_after_those_designated_are_gives_each_a_designation(analysed: Analysed) -> None:
    found, _ = run(analysed, DESIGNEES)
    for name in ["Tianhe Biochem Co., Ltd.", "RAO Meiling", "Cartel de los Cuatro Rios", "Osvaldo QUINTERO ARIZMENDI"]:
        facts = having(found, "Sanction", entity=name)
        assert facts, name
        assert facts[0]["props"]["authority"][0].startswith(("Foreign", "FCDO"))
    assert not having(found, "Sanction", entity="Anhui")


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("The listings include Tianhe Biochem Co., Ltd., a Chinese manufacturer, its chairwoman Rao Meiling, and "
         "Zhai Yuwen, who is Rao's accountant.", ["Tianhe Biochem Co., Ltd.", "Rao Meiling", "Zhai Yuwen"]),
        ("Also listed are Anhui Ruiqi Investment Co., Ltd., which holds 30 percent of its shares, and Hefei Tianhe "
         "Express Logistics Co., Ltd.",
         ["Anhui Ruiqi Investment Co., Ltd.", "Hefei Tianhe Express Logistics Co., Ltd."]),
        ("The Financial Intelligence Unit (UIF) included Marisol Teague and Osvaldo Quintero Arizmendi in the List of "
         "Blocked Persons.", ["Marisol Teague", "Osvaldo Quintero Arizmendi"]),
    ],
)  # fmt: skip
def test_listings_leads_and_blocked_persons_lists(analysed: Analysed, text: str, names: list[str]) -> None:
    found, _ = run(analysed, text)
    for name in names:
        assert having(found, "Sanction", entity=name), name


def test_admitting_a_conspiracy_in_court_is_a_plea(analysed: Analysed) -> None:
    found, _ = run(analysed, "Brock Halvorsen, 58, of Bromley, admitted conspiracy to import Class A drugs at "
                             "Southwark Crown Court in October.")  # fmt: skip
    assert having(found, "Action", kind="convict", target="Brock Halvorsen")


@pytest.mark.parametrize(
    ("text", "kind", "name"),
    [
        ("- Kestrel director Brock Halvorsen jailed for 14 years in London", "sentence", "Brock Halvorsen"),
        ("Chinese national Zhang Wei sentenced to 12 years for fentanyl conspiracy", "sentence", "Zhang Wei"),
        ("Hubei Rongda Biotech Co., Ltd. charged in precursor scheme", "charge", "Hubei Rongda Biotech Co., Ltd."),
        ("Its manager, Ge Shaoqiang, was also taken under criminal compulsory measures.", "arrest", "Ge Shaoqiang"),
    ],
)
def test_headlines_without_auxiliary_and_police_measures(analysed: Analysed, text: str, kind: str, name: str) -> None:
    found, _ = run(analysed, text)
    assert having(found, "Action", kind=kind, target=name)


def test_a_headline_verb_keeps_its_active_readings(analysed: Analysed) -> None:
    found, _ = run(analysed, "Zhang Wei pleaded guilty in Houston.")
    assert having(found, "Action", kind="convict", target="Zhang Wei")
    found, _ = run(analysed, "Police arrested and charged Zhang Wei.")
    assert having(found, "Action", kind="charge", target="Zhang Wei")


def test_a_verb_may_name_a_person_as_employer(analysed: Analysed) -> None:
    found, _ = run(analysed, "The suspect Fu Jiahao, who was employed by Pan Jingrui as an overseas sales agent, "
                             "received orders.")  # fmt: skip
    assert having(found, "Employment", employee="Fu Jiahao", employer="Pan Jingrui")
    found, _ = run(analysed, "Zhang Wei worked with Li Qiang on the shipments.")
    assert not having(found, "Employment")


def test_each_body_in_a_by_phrase_designates(analysed: Analysed) -> None:
    found, _ = run(analysed, "Hefei Tianhe Biochem, which was sanctioned this week by Britain and the European "
                             "Union, sold nitazenes.")  # fmt: skip
    assert having(found, "Sanction", entity="Hefei Tianhe Biochem", authority="United Kingdom")
    assert having(found, "Sanction", entity="Hefei Tianhe Biochem", authority="European Union")


@pytest.mark.parametrize(
    ("text", "kind", "names"),
    [
        ("Zhang Wei was indicted along with Li Qiang and Wu Jian.", "charge", ["Zhang Wei", "Li Qiang", "Wu Jian"]),
        ("Brock Halvorsen was remanded in custody after appearing at Westminster Magistrates' Court.", "arrest",
         ["Brock Halvorsen"]),
        ("Julie Gagnon was ordered detained pending trial.", "arrest", ["Julie Gagnon"]),
        ("Marc Tremblay entered a guilty plea to one count of conspiracy.", "convict", ["Marc Tremblay"]),
    ],
)  # fmt: skip
def test_more_ways_to_say_charged_held_or_pleaded(analysed: Analysed, text: str, kind: str, names: list[str]) -> None:
    found, _ = run(analysed, text)
    for name in names:
        assert having(found, "Action", kind=kind, target=name), name


def test_a_not_guilty_plea_or_an_order_to_pay_is_no_conviction_or_detention(analysed: Analysed) -> None:
    found, _ = run(analysed, "Marc Tremblay entered a not guilty plea. The judge ordered Julie Gagnon to pay "
                             "restitution.")  # fmt: skip
    assert not having(found, "Action", kind="convict")
    assert not having(found, "Action", kind="arrest")


def test_an_asset_freeze_on_a_name_and_handling_sales_for_a_firm(analysed: Analysed) -> None:
    found, _ = run(analysed, "The EU imposed an asset freeze on Viktor Orlov.")
    assert having(found, "Sanction", entity="Viktor Orlov", authority="EU")
    found, _ = run(analysed, "Zhang Min, who handled sales for Hubei Rongda Biotech Co., Ltd., took the orders.")
    assert having(found, "Employment", employee="Zhang Min", employer="Hubei Rongda Biotech Co., Ltd.")


def test_a_list_of_counts_or_a_labelled_office_names_no_one(analysed: Analysed) -> None:
    found, _ = run(analysed, "The defendants are charged with:\n- Conspiracy To Distribute Fentanyl, 21 U.S.C. 846;\n"
                             "- Money Laundering Conspiracy, 18 U.S.C. 1956.\n")  # fmt: skip
    assert not having(found, "Action")
    page = SELLER_PAGE + "Sales Office: Hong Kong Branch\nCustomer Service: Monday To Friday\n"
    found, _ = run(analysed, page)
    staff = {n for f in having(found, "Employment") for n in f["props"]["employee"]}
    assert staff == {"Cindy Wu", "Tom Lu", "Amy Geng", "Nancy Hao"}


@pytest.mark.parametrize(
    ("text", "employee", "employer"),
    [
        ("Brandon Keough ran the pill mill. Keough's office manager, Latisha Pruitt, 38, of Inkster, pleaded guilty.",
         "Latisha Pruitt", "Brandon Keough"),
        ("Nigel Pennock-Vail used the firm. His accountant, Deborah Kilbride, 51, laundered payments.",
         "Deborah Kilbride", "Nigel Pennock-Vail"),
        ("Ignacio Valdivia Cortes was arrested. His lieutenant, Araceli Benavides Tello, was taken into custody.",
         "Araceli Benavides Tello", "Ignacio Valdivia Cortes"),
    ],
)  # fmt: skip
def test_staff_after_a_persons_possessive(analysed: Analysed, text: str, employee: str, employer: str) -> None:
    found, _ = run(analysed, text)
    assert having(found, "Employment", employee=employee, employer=employer)


def test_a_wife_or_a_partner_is_no_employee(analysed: Analysed) -> None:
    found, _ = run(analysed, "Brandon Keough's wife, Latisha Keough, was not charged. Brandon Keough's partner, "
                             "Latisha Pruitt, was not charged.")  # fmt: skip
    assert not having(found, "Employment")


def test_a_company_named_inside_a_defendants_relative_clause_is_not_convicted(analysed: Analysed) -> None:
    found, _ = run(analysed, "His accountant, Deborah Kilbride, 51, of Sevenoaks, who laundered payments through her "
                             "own consultancy, Kilbride Ledger Services Ltd, pleaded guilty to money laundering and "
                             "received a suspended sentence of two years.")  # fmt: skip
    assert having(found, "Action", kind="convict", target="Deborah Kilbride")
    assert having(found, "Action", kind="sentence", target="Deborah Kilbride")
    assert not having(found, "Action", target="Kilbride Ledger Services Ltd")


def test_the_list_after_a_named_list_is_that_list(analysed: Analysed) -> None:
    found, _ = run(analysed, "The Financial Intelligence Unit (UIF) included Marisol Teague in the List of Blocked "
                             "Persons. Her lawyer, Yesenia Tapia Carmona, was also added to the list.")  # fmt: skip
    assert having(found, "Sanction", entity="Yesenia Tapia Carmona", authority="Financial Intelligence Unit")
    found, _ = run(analysed, "Marisol Teague was added to the list of speakers.")
    assert not having(found, "Sanction")


def test_a_possessive_in_the_object_is_not_a_second_detainee(analysed: Analysed) -> None:
    found, _ = run(analysed, "Hefei Tianhe Biochem presented itself online as a maker of research chemicals. "
                             "Chinese police detained its legal representative, Pan Jingrui, last month.")  # fmt: skip
    assert having(found, "Action", kind="arrest", target="Pan Jingrui")
    assert not having(found, "Action", kind="arrest", target="Hefei Tianhe Biochem")
