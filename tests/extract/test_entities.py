from __future__ import annotations

from collections.abc import Callable

from tracegraph.extract.gazetteer import Entry, Gazetteer
from tracegraph.extract.mentions import Analysis


def _actors(a: Analysis) -> dict[str, str]:
    return {m.text: m.schema for m in a.mentions if m.kind == "actor" and not m.coref}


def test_public_bodies_companies_and_people_are_typed(analysed: Callable[..., Analysis]) -> None:
    a = analysed(
        "Meng Huaiyu was the director of Harborlight Chemical Co., Ltd., a firm owned by the "
        "Qingshan Provincial Prison Administration Bureau."
    )
    actors = _actors(a)
    assert actors["Meng Huaiyu"] == "Person"
    assert actors["Harborlight Chemical Co., Ltd."] == "Company"
    assert actors["Qingshan Provincial Prison Administration Bureau"] == "PublicBody"


def test_company_called_x_is_a_company_not_a_person(analysed: Callable[..., Analysis]) -> None:
    a = analysed("For years the prison owned a chemical company called Yafeng. Yafeng sold chemicals abroad.")
    assert {m.schema for m in a.mentions if m.name == "Yafeng"} == {"Company"}


def test_coordinated_names_are_split(analysed: Callable[..., Analysis]) -> None:
    a = analysed("The Treasury sanctioned Gazprom Neft and Surgutneftegaz on January 10.")
    names = {m.name for m in a.mentions if m.kind == "actor"}
    assert {"Gazprom Neft", "Surgutneftegaz"} <= names
    assert "Gazprom Neft and Surgutneftegaz" not in names


def test_gazetteer_names_from_the_store_win(analysed: Callable[..., Analysis]) -> None:
    gaz = Gazetteer([Entry("Qilu Nightfall Trading", "Company")])
    a = analysed("Investigators linked Qilu Nightfall Trading to the shipments.", gazetteer=gaz)
    assert _actors(a).get("Qilu Nightfall Trading") == "Company"


def test_countries_acting_are_governments(analysed: Callable[..., Analysis]) -> None:
    a = analysed("Beijing added two chemicals to its list. Chinese officials said so.")
    govs = {m.text: m.country for m in a.mentions if m.kind in ("gov", "norp")}
    assert govs == {"Beijing": "cn", "Chinese": "cn"}


def test_coreference_of_the_prison_and_a_surname(analysed: Callable[..., Analysis]) -> None:
    a = analysed(
        "Guards patrol Shijiazhuang prison. Liu Jianhua became its director in 2014. "
        "The prison owned a firm. Liu left in 2021."
    )
    prison = next(m for m in a.mentions if m.text == "The prison")
    assert prison.coref and prison.name == "Shijiazhuang prison"
    liu = [m for m in a.mentions if m.text == "Liu"]
    assert liu and liu[0].name == "Liu Jianhua"
