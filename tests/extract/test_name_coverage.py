"""Names of people and companies in releases about the precursor trade: spans, types and other names."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.extract.test_deps import having, run
from tracegraph.extract.mentions import Analysis


def _actors(a: Analysis) -> dict[str, str]:
    return {m.text: m.schema for m in a.mentions if m.kind == "actor" and not m.coref}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Prosecutors charged Maria Fernanda dos Santos Oliveira with conspiracy.",
            "Maria Fernanda dos Santos Oliveira",
        ),
        ("Agents arrested Joao Pedro da Silva Costa, a Brazilian broker, in Santos.", "Joao Pedro da Silva Costa"),
        ("The court sentenced Ana Lucia de Souza to nine years.", "Ana Lucia de Souza"),
        ("Treasury designated Ernesto Villalobos de la Garza on Tuesday.", "Ernesto Villalobos de la Garza"),
    ],
)
def test_names_with_particles_are_one_person(analysed: Callable[..., Analysis], text: str, name: str) -> None:
    assert _actors(analysed(text)).get(name) == "Person"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Importadora Vallarta, S. de R.L. de C.V. bought the chemicals.", "Importadora Vallarta, S. de R.L. de C.V."),
        ("Importadora Vallarta, S. de R.L. received the drums.", "Importadora Vallarta, S. de R.L."),
        ("Grupo Andino Comercial Ltda. received the shipment.", "Grupo Andino Comercial Ltda."),
        ("Prosecutors said Transportadora Atlantico, Ltda. moved the cargo.", "Transportadora Atlantico, Ltda."),
        (
            "Distribuidora Sinaloense de Quimicos and Comercial Rioverde, S.A. de C.V. paid the invoices.",
            "Comercial Rioverde, S.A. de C.V.",
        ),
    ],
)
def test_latin_american_legal_forms_end_a_company(analysed: Callable[..., Analysis], text: str, name: str) -> None:
    assert _actors(analysed(text)).get(name) == "Company"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("BIS added Hongda (Hong Kong) Trading Limited to the Entity List.", "Hongda (Hong Kong) Trading Limited"),
        (
            "Also listed is Fortune Sea Shipping (HK) Co., Limited, a freight firm.",
            "Fortune Sea Shipping (HK) Co., Limited",
        ),
        (
            "The Sinochem (Shenzhen) Pharmaceutical Co., Ltd. factory closed.",
            "Sinochem (Shenzhen) Pharmaceutical Co., Ltd.",
        ),
    ],
)
def test_a_seat_in_brackets_stays_inside_the_company_name(
    analysed: Callable[..., Analysis], text: str, name: str
) -> None:
    actors = _actors(analysed(text))
    assert actors.get(name) == "Company"
    assert not any(n != name and name.find(n) >= 0 for n in actors)  # no piece of it left as another actor


def test_designee_field_labels_are_no_names(analysed: Callable[..., Analysis]) -> None:
    a = analysed(
        "Individual: CHEN Haolin; DOB 12 Mar 1979; POB Hebei, China; nationality China; Gender Male; "
        "Passport E12345678 (China) (individual) [ILLICIT-DRUGS-EO14059]."
    )
    actors = _actors(a)
    assert actors.get("CHEN Haolin") == "Person"
    assert not {"Gender Male", "DOB", "POB"} & set(actors)
    assert _actors(analysed("The Passport Office in Hebei issued the documents."))["Passport Office"] == "PublicBody"


@pytest.mark.parametrize(
    ("text", "long", "short"),
    [
        ("OFAC designated Ernesto Villalobos de la Garza, alias El Guero, on Tuesday.",
         "Ernesto Villalobos de la Garza", "El Guero"),
        ("The listing covers Lucky Star Enterprise Ltd. (f.k.a. Lucky Star Holdings Ltd.), a Hong Kong front.",
         "Lucky Star Enterprise Ltd.", "Lucky Star Holdings Ltd."),
        ("Treasury also designated Xu Hongwei (徐宏伟), a chemist in Wuhan.", "Xu Hongwei", "徐宏伟"),
        ("Tengfei Trading Co., Ltd., formerly known as Tengfei Import and Export Co., Ltd., sold the drums.",
         "Tengfei Trading Co., Ltd.", "Tengfei Import and Export Co., Ltd."),
    ],
)  # fmt: skip
def test_other_names(analysed: Callable[..., Analysis], text: str, long: str, short: str) -> None:
    assert (long, short) in {(d.long.name, d.short) for d in analysed(text).definitions}


def test_a_chain_of_other_names_belongs_to_the_first_name(analysed: Callable[..., Analysis]) -> None:
    a = analysed(
        "Tengfei Trading Co., Ltd., formerly known as Tengfei Import and Export Co., Ltd., doing business as "
        '"TF Chem," sold the chemicals.'
    )
    assert ("Tengfei Trading Co., Ltd.", "TF Chem") in {(d.long.name, d.short) for d in a.definitions}


def test_surname_then_also_known_as(analysed: Callable[..., Analysis]) -> None:
    found, _ = run(
        analysed,
        'The reward is for Fulgencio Navarrete Oliva. Navarrete, also known as "El Mapache," has led the group '
        "since 2019.",
    )
    assert having(found, "Person", name="Fulgencio Navarrete Oliva", alias="El Mapache")


def test_a_nickname_is_the_persons_not_a_new_organisation(analysed: Callable[..., Analysis]) -> None:
    a = analysed('The defendant, Carlos Alberto Mendoza Uribe, also known as "El Quimico," was sentenced.')
    assert "El Quimico" not in _actors(a)
    nick = next(m for m in a.mentions if m.text == "El Quimico")
    assert nick.schema == "Person" and nick.name == "Carlos Alberto Mendoza Uribe"


def test_inverted_designee_aliases_are_left_to_the_record_reader(analysed: Callable[..., Analysis]) -> None:
    a = analysed("Geng Yaqin sold the chemicals.\nGENG, Yaqin (a.k.a. GENG, Amy); DOB 24 Jul 1994; nationality China.")
    assert "GENG" not in {d.short for d in a.definitions}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("NINGBO QIAOFENG FINE CHEMICAL CO., LTD. (Qiaofeng) is a chemical maker in Zhejiang.",
         "NINGBO QIAOFENG FINE CHEMICAL CO., LTD."),
        ("Payments went through LAGUNA VERDE CAMBIOS, S.A. DE C.V., an exchange house in Sinaloa.",
         "LAGUNA VERDE CAMBIOS, S.A. DE C.V."),
        ("OFAC also designated BRIGHTWATER HARBOUR TRADING LIMITED, a Hong Kong front company.",
         "BRIGHTWATER HARBOUR TRADING LIMITED"),
    ],
)  # fmt: skip
def test_companies_named_in_capitals(analysed: Callable[..., Analysis], text: str, name: str) -> None:
    actors = _actors(analysed(text))
    assert actors.get(name) == "Company"
    assert not {"LTD.", "S.A. DE C.V.", "LIMITED"} & set(actors)


def test_a_state_abbreviation_is_no_legal_form(analysed: Callable[..., Analysis]) -> None:
    actors = _actors(analysed("The broker lived in NORTH CHARLESTON, S.C. before his arrest."))
    assert not any(schema == "Company" for schema in actors.values())


def test_a_person_named_in_capitals_before_other_names(analysed: Callable[..., Analysis]) -> None:
    found, _ = run(
        analysed,
        'TEODORO SALCIDO VERDUZCO (a.k.a. "El Compadre") (Salcido Verduzco) leads the network. Salcido Verduzco '
        "buys precursors from Chinese suppliers.",
    )
    assert having(found, "Person", name="TEODORO SALCIDO VERDUZCO", alias="El Compadre")


@pytest.mark.parametrize(
    ("text", "full", "short"),
    [
        ("Ricardo Vela Montes, 52, of Laredo, pleaded guilty. Vela Montes admitted buying the chemicals.",
         "Ricardo Vela Montes", "Vela Montes"),
        ("Agents arrested Dolores Ibarra Quintanilla in Phoenix. Ibarra Quintanilla faces 20 years.",
         "Dolores Ibarra Quintanilla", "Ibarra Quintanilla"),
    ],
)  # fmt: skip
def test_two_family_names_stand_for_the_person(
    analysed: Callable[..., Analysis], text: str, full: str, short: str
) -> None:
    a = analysed(text)
    later = [m for m in a.mentions if m.text == short]
    assert later and all(m.schema == "Person" and m.name == full for m in later)


def test_a_family_name_in_brackets_is_no_alias(analysed: Callable[..., Analysis]) -> None:
    found, _ = run(analysed, "QIN Haoran (Qin), a Chinese national, is the chairman of Ruoxi Chemical. Qin owns it.")
    assert not having(found, "Person", alias="Qin")
    assert any(m.text == "Qin" and m.name == "QIN Haoran" for m in analysed("QIN Haoran (Qin) met them.").mentions)


def test_a_mexican_company_without_its_legal_form_is_the_same_company(analysed: Callable[..., Analysis]) -> None:
    a = analysed(
        "Comercializadora Quimica Reyes, S.A. de C.V. imports precursors. In 2024, Comercializadora Quimica Reyes "
        "received 300 kilograms of 4-AP."
    )
    later = [m for m in a.mentions if m.text == "Comercializadora Quimica Reyes"]
    assert later and later[0].name == "Comercializadora Quimica Reyes, S.A. de C.V."


def test_home_towns_after_an_age_are_no_people(analysed: Callable[..., Analysis]) -> None:
    actors = _actors(analysed("Callum Verity, 38, of Dartford, Kent, was jailed for eight years."))
    assert actors == {"Callum Verity": "Person"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The Foreign, Commonwealth & Development Office today sanctioned Lianfa Trading Ltd.",
         "Foreign, Commonwealth & Development Office"),
        ("His Majesty's Treasury designated Qiu Mingyang.", "His Majesty's Treasury"),
        ("The Attorney General's Office (FGR) froze the accounts.", "Attorney General's Office"),
    ],
)  # fmt: skip
def test_sanctioning_bodies_are_named_whole(analysed: Callable[..., Analysis], text: str, name: str) -> None:
    actors = _actors(analysed(text))
    assert actors.get(name) == "PublicBody"
    assert not any(n != name and n in name for n in actors)  # no piece of it ("General's Office", "Majesty")


@pytest.mark.parametrize(
    ("text", "long", "short"),
    [
        ("The drums were cleared by Agencia Aduanal Rio Bravo, S.C. (Rio Bravo), a customs brokerage.",
         "Agencia Aduanal Rio Bravo, S.C.", "Rio Bravo"),
        ("Jacinto Orozco Lemus ran the cell. Orozco Lemus, 47, also known as \"El Contador,\" was detained.",
         "Jacinto Orozco Lemus", "El Contador"),
        ("Agents with Internal Revenue Service - Criminal Investigation (IRS-CI) searched the office.",
         "Internal Revenue Service - Criminal Investigation", "IRS-CI"),
        ("Hunan Beiyou Pharmaceutical, which until 2020 traded as Hunan Beiyou Dye Works, was sanctioned.",
         "Hunan Beiyou Pharmaceutical", "Hunan Beiyou Dye Works"),
        ("The sales team was led by Gu Xiaolan, known to buyers as Becky. Gu was arrested in Manila.",
         "Gu Xiaolan", "Becky"),
    ],
)  # fmt: skip
def test_more_other_names(analysed: Callable[..., Analysis], text: str, long: str, short: str) -> None:
    assert (long, short) in {(d.long.name, d.short) for d in analysed(text).definitions}


def test_a_designee_in_capitals_is_the_whole_company(analysed: Callable[..., Analysis]) -> None:
    a = analysed(
        "Today, OFAC designated ZHUZHOU XIANGYUN PHARMACEUTICAL TECHNOLOGY CO., LTD. (a.k.a. XIANGYUN PHARMATECH), "
        "a chemical maker in Hunan."
    )
    assert _actors(a).get("ZHUZHOU XIANGYUN PHARMACEUTICAL TECHNOLOGY CO., LTD.") == "Company"
    assert "LTD." not in _actors(a)
    assert ("ZHUZHOU XIANGYUN PHARMACEUTICAL TECHNOLOGY CO., LTD.", "XIANGYUN PHARMATECH") in {
        (d.long.name, d.short) for d in a.definitions
    }


@pytest.mark.parametrize(
    "text",
    [
        "Today the Secretary designated the CSA as a Foreign Terrorist Organization (FTO) and a terrorist group.",
        "HENGDA TRADING CO., LTD., Changsha, China; Unified Social Credit Code (USCC) 91430104MA4LK77P2X (China).",
    ],
)
def test_categories_and_identifier_labels_are_no_other_names(analysed: Callable[..., Analysis], text: str) -> None:
    assert not {d.short for d in analysed(text).definitions} & {"FTO", "USCC"}


def test_a_nickname_inside_a_name(analysed: Callable[..., Analysis]) -> None:
    a = analysed('Jorge Luis "El Flaco" Pereira Santos, a Brazilian broker, bought the tablets. Pereira Santos paid.')
    people = {m.name for m in a.mentions if m.kind == "actor" and m.schema == "Person"}
    assert people == {"Jorge Luis Pereira Santos"}
    assert ("Jorge Luis Pereira Santos", "El Flaco") in {(d.long.name, d.short) for d in a.definitions}


@pytest.mark.parametrize(
    ("text", "name", "schema"),
    [
        ("Hong Kong-based Yuen Sang Trading Limited received the payments.", "Yuen Sang Trading Limited", "Company"),
        ("SHANGHAI RUIQI IMPORT & EXPORT CO., LTD. sold the drums to a buyer in Culiacan last year.",
         "SHANGHAI RUIQI IMPORT & EXPORT CO., LTD.",
         "Company"),
        ('OFAC designated its employee, LI Xiaoyan (a.k.a. "Sunny").', "LI Xiaoyan", "Person"),
    ],
)  # fmt: skip
def test_designation_name_shapes(analysed: Callable[..., Analysis], text: str, name: str, schema: str) -> None:
    assert _actors(analysed(text)).get(name) == schema


def test_a_programme_short_form_is_written_but_is_no_actor(analysed: Callable[..., Analysis]) -> None:
    text = "The Department of State offers rewards under the Narcotics Rewards Program (NRP) for the brothers."
    found, _ = run(analysed, text)
    assert any("NRP" in f["props"].get("alias", []) for f in found.values())
    assert not any(m.name == "Narcotics Rewards Program" for m in analysed(text).mentions)
