"""rel.deps.v1 on the ways releases, indictments and registry pages give a second name, a legal
representative and goods moved, and on names the small model cuts or mistypes (fictional names and
sentences throughout; each family is several phrasings of one fact)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.extract.test_deps import Found, run
from tracegraph.extract.mentions import Analysis
from tracegraph.store import Statement


def aliases(found: Found, stmts: list[Statement]) -> dict[str, set[str]]:
    """name -> the other names written for it (``alias`` and ``previousName``)."""
    names = {s.entity_id: s.value for s in stmts if s.prop == "name"}
    out: dict[str, set[str]] = {}
    for s in stmts:
        if s.prop in ("alias", "previousName"):
            out.setdefault(names.get(s.entity_id, s.entity_id), set()).add(s.value)
    return out


def evidence_of(text: str, stmts: list[Statement], value: str) -> str:
    """The text an alias statement points to (its span in the story)."""
    s = next(s for s in stmts if s.prop in ("alias", "previousName") and s.value == value)
    return text[s.span_start or 0 : s.span_end or 0]


@pytest.mark.parametrize(
    ("text", "long", "short"),
    [
        ('Agents arrested Marisela Quintero Lozano, alias "La Tesorera", in Culiacan on Monday.',
         "Marisela Quintero Lozano", "La Tesorera"),
        ('The indictment names Rodrigo Benavides Peralta, also known as "El Zorro," 41, of Tijuana.',
         "Rodrigo Benavides Peralta", "El Zorro"),
        ('The Council also listed Tan Weiming, known to his buyers as "Victor Tan", a broker in Wuxi.',
         "Tan Weiming", "Victor Tan"),
        ('The group\'s treasurer, Ignacio Robles Pineda, known as "El Contador," was charged in May.',
         "Ignacio Robles Pineda", "El Contador"),
        ('Prosecutors said Olga Veretennikova, 38, a courier who went by "Lena," carried the cash.',
         "Olga Veretennikova", "Lena"),
        ("Investigators said Farid Haddad Mansour, better known as Abu Karim, ran the warehouse.",
         "Farid Haddad Mansour", "Abu Karim"),
        ('Police detained Arjun Mehra Kulkarni, nicknamed "Pharma Baba", at his plant in Thane.',
         "Arjun Mehra Kulkarni", "Pharma Baba"),
    ],
)  # fmt: skip
def test_a_person_s_other_name(analysed: Callable[..., Analysis], text: str, long: str, short: str) -> None:
    found, stmts = run(analysed, text)
    assert short in aliases(found, stmts).get(long, set())
    assert short in evidence_of(text, stmts, short)


@pytest.mark.parametrize(
    ("text", "long", "short"),
    [
        ("The Foreign, Commonwealth and Development Office (FCDO) today designated four persons.",
         "Foreign, Commonwealth and Development Office", "FCDO"),
        ("The Fiscalia General de la Republica (FGR) obtained a warrant against a broker in Morelia.",
         "Fiscalia General de la Republica", "FGR"),
        ("Special Agent in Charge Mara Ellison of the Drug Enforcement Administration's (DEA) Denver "
         "Division announced the arrests.", "Drug Enforcement Administration", "DEA"),
        ("Deputy Director Paul Renner of the Bureau of Alcohol, Tobacco, Firearms and Explosives (ATF) spoke.",
         "Bureau of Alcohol, Tobacco, Firearms and Explosives", "ATF"),
    ],
)  # fmt: skip
def test_an_acronym_names_the_body_not_the_title_before_it(
    analysed: Callable[..., Analysis], text: str, long: str, short: str
) -> None:
    found, stmts = run(analysed, text)
    written = aliases(found, stmts)
    assert short in written.get(long, set())
    assert not [name for name, shorts in written.items() if short in shorts and name != long]


def test_chemicals_before_a_bracket_are_no_body(analysed: Callable[..., Analysis]) -> None:
    found, stmts = run(analysed, "Agents seized 4-ANPP and N-phenethyl-4-piperidone (NPP) at the port of Manzanillo.")
    assert "NPP" not in {s for shorts in aliases(found, stmts).values() for s in shorts}


def test_a_body_said_again_in_full_is_the_same_body(analysed: Callable[..., Analysis]) -> None:
    text = ("The Department for Rivers, Canals and Inland Ports (DRCIP) today designated two firms. "
            "Brightwater Freight Ltd was designated by the Department for Rivers, Canals and Inland Ports "
            "in May.")  # fmt: skip
    a = analysed(text)
    full = "Department for Rivers, Canals and Inland Ports"
    said = [m for m in a.mentions if m.kind == "actor" and m.text == full]
    assert len(said) == 2 and said[0].entity_id == said[1].entity_id and said[0].name == full


@pytest.mark.parametrize(
    "line",
    [
        "- Dwight Okafor, 45, of Houston, Texas;",
        "- Tamsin Rourke-Hale, 29, of Pasadena, Texas.",
        "- Shuying Tao, 47, of Hefei, China, the company's chairwoman;",
        '- Baltazar Echeverri Zubia, also known as "El Guero," 38, of Apatzingan, Mexico;',
        "3. Kavita Raghunath Deshpande, 51, of Pune, India; and",
    ],
)
def test_a_name_with_an_age_in_a_defendants_list_is_a_person(analysed: Callable[..., Analysis], line: str) -> None:
    text = "According to the indictment, the defendants are:\n" + line + "\nThe defendants face life in prison."
    a = analysed(text)
    name = line.lstrip("-3. ").split(",")[0]
    assert [m for m in a.mentions if m.kind == "actor" and m.schema == "Person" and m.name == name]


def test_a_given_name_read_as_a_place_joins_the_name(analysed: Callable[..., Analysis]) -> None:
    text = "The legal representative of Quimicos del Bajio, Yesenia Tapia Carmona, was also added to the list."
    a = analysed(text)
    assert [m for m in a.mentions if m.kind == "actor" and m.name == "Yesenia Tapia Carmona"]
