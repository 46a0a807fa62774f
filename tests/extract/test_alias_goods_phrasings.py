"""rel.deps.v1 on the ways releases, indictments and registry pages give a second name, a legal
representative and goods moved, and on names the small model cuts or mistypes (fictional names and
sentences throughout; each family is several phrasings of one fact)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.extract.test_deps import Found, having, run
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


#: the catalogue's names of the substances written below
APP, ANPP, NPP = "N-phenylpiperidin-4-amine", "4-anilino-N-phenethylpiperidine", "N-phenethyl-4-piperidone"


@pytest.mark.parametrize(
    ("text", "actor", "substances"),
    [
        ("Xinjiang Baoli Chemical Co., Ltd., which routed drums of 4-AP and 1-boc-4-piperidone through "
         "Singapore, was designated.", "Xinjiang Baoli Chemical Co., Ltd.", {APP, "1-boc-4-piperidone"}),
        ("Nandi Labs Pvt. Ltd. synthesized protonitazene in a rented plant near Thane.",
         "Nandi Labs Pvt. Ltd.", {"protonitazene"}),
        ("Sahar Remedies Pvt. Ltd. used the machines to press tablets containing metonitazene.",
         "Sahar Remedies Pvt. Ltd.", {"metonitazene"}),
        ("Agents said Lumen Biotech Co., Ltd. sold 2-benzylbenzimidazole and isotonitazene to buyers in Europe.",
         "Lumen Biotech Co., Ltd.", {"2-benzylbenzimidazole", "isotonitazene"}),
        ("Payments reached Harbour Gate Ltd for Qiaoxin Chemical Co., Ltd.'s shipments of 4-ANPP "
         "(CAS 21409-26-7) and 1-boc-4-AP (CAS 125541-22-2).", "Qiaoxin Chemical Co., Ltd.", {ANPP, "1-boc-4-AP"}),
        ("Gulf Crest Trading FZE supplied NPP (CAS 39742-60-4), 4-AP (CAS 23056-29-3) and norfentanyl to the cartel.",
         "Gulf Crest Trading FZE", {NPP, APP, "norfentanyl"}),
    ],
)  # fmt: skip
def test_goods_made_moved_or_sold_are_offers(
    analysed: Callable[..., Analysis], text: str, actor: str, substances: set[str]
) -> None:
    found, _ = run(analysed, text)
    offers = [f for f in having(found, "Action", kind="offer") if actor in f["props"].get("actor", [])]
    assert offers, text
    assert {o.lower() for f in offers for o in f["props"]["object"]} == {s.lower() for s in substances}
    assert all(f["props"]["summary"] == [text] for f in offers)  # the evidence is the sentence


REGISTRY = """Company Profile | Qiaoxin Fine Chemical Co., Ltd. | Business Registration
Qiaoxin Fine Chemical Co., Ltd.
Legal representative: Dong Liwei
Former names: Jiaxing Qiaoxin Dyestuff Co., Ltd. (2011-2018); Zhejiang Qiaoxin Materials Co., Ltd. (2018-2021)

Key personnel (2)
Dong Liwei | Executive Director, General Manager
Mei Xiaofang | Deputy General Manager

Outbound investment (1)
Jiaxing Qiaoxin Freight Co., Ltd. | Shareholding ratio 100% | Legal representative: Tang Wenhao
Related company: Haining Ruixiang Holdings Co., Ltd. | Legal representative: Shao Min
"""


def test_a_registry_page_gives_former_names_and_each_row_s_company(analysed: Callable[..., Analysis]) -> None:
    found, stmts = run(analysed, REGISTRY)
    former = aliases(found, stmts).get("Qiaoxin Fine Chemical Co., Ltd.", set())
    assert {"Jiaxing Qiaoxin Dyestuff Co., Ltd.", "Zhejiang Qiaoxin Materials Co., Ltd."} <= former
    assert "Jiaxing Qiaoxin Dyestuff Co., Ltd." in evidence_of(REGISTRY, stmts, "Jiaxing Qiaoxin Dyestuff Co., Ltd.")
    heads = {(f["props"]["director"][0], f["props"]["organization"][0])
             for f in found.values() if f["schema"] == "Directorship"}  # fmt: skip
    assert ("Dong Liwei", "Qiaoxin Fine Chemical Co., Ltd.") in heads
    assert ("Mei Xiaofang", "Qiaoxin Fine Chemical Co., Ltd.") in heads
    # a row's legal representative is the representative of the company the row names, not the page's
    assert ("Tang Wenhao", "Jiaxing Qiaoxin Freight Co., Ltd.") in heads
    assert ("Shao Min", "Haining Ruixiang Holdings Co., Ltd.") in heads
    assert ("Tang Wenhao", "Qiaoxin Fine Chemical Co., Ltd.") not in heads


@pytest.mark.parametrize(
    ("text", "agent", "client"),
    [
        ("Lin Qiao signed the contract on behalf of Guangzhou Hengrun Trading Co., Ltd. in March.",
         "Lin Qiao", "Guangzhou Hengrun Trading Co., Ltd."),
        ("Omar Haddad negotiated on behalf of Al Sahil General Trading LLC with the buyers.",
         "Omar Haddad", "Al Sahil General Trading LLC"),
        ("Prosecutors said Vikram Rao was acting on behalf of Meridian Pharma Exports Pvt. Ltd.",
         "Vikram Rao", "Meridian Pharma Exports Pvt. Ltd."),
    ],
)  # fmt: skip
def test_on_behalf_of_is_representation(analysed: Callable[..., Analysis], text: str, agent: str, client: str) -> None:
    found, _ = run(analysed, text)
    assert having(found, "Representation", agent=agent, client=client)


def test_signing_on_a_date_is_no_representation(analysed: Callable[..., Analysis]) -> None:
    found, _ = run(analysed, "Lin Qiao signed the contract on Tuesday in Guangzhou.")
    assert not having(found, "Representation")


@pytest.mark.parametrize(
    ("text", "long", "short"),
    [
        ("Its saleswoman Cindy Xu (Xu Xinrong) handled the orders.", "Cindy Xu", "Xu Xinrong"),
        ("The broker Zhou Yuming (Kevin Zhou) took payments in bitcoin.", "Zhou Yuming", "Kevin Zhou"),
        ("The shipper was Taizhou Jinlong Import and Export Co., Ltd. (Jinlong Trading), a Zhejiang firm.",
         "Taizhou Jinlong Import and Export Co., Ltd.", "Jinlong Trading"),
    ],
)  # fmt: skip
def test_a_bracket_gives_the_other_form_of_a_name(
    analysed: Callable[..., Analysis], text: str, long: str, short: str
) -> None:
    found, stmts = run(analysed, text)
    written = aliases(found, stmts)
    assert short in written.get(long, set()) or long in written.get(short, set())
    assert not [v for vs in written.values() for v in vs if v in ("Xu", "Zhou")]  # no family name alone


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("5. LAM Chi-keung, sole director of Bayview Crest Trading Limited;", "LAM Chi-keung"),
        ("2. CHAN Wing-sze, director of Bayview Crest Trading Limited;", "CHAN Wing-sze"),
        ("4. WONG Kar-fai, sole director of Bayview Crest Trading Limited;", "WONG Kar-fai"),
    ],
)
def test_a_family_name_in_capitals_stays_with_the_given_name(
    analysed: Callable[..., Analysis], line: str, name: str
) -> None:
    found, _ = run(analysed, "The following persons have been designated:\n" + line)
    assert having(found, "Directorship", director=name, organization="Bayview Crest Trading Limited")


def test_a_labelled_contact_with_a_chinese_name_in_brackets(analysed: Callable[..., Analysis]) -> None:
    text = ("Hangzhou Mingda Chemical Co., Ltd.\nWe supply research chemicals worldwide.\n"
            "Sales Manager: Fiona Lu (Lu Xiaomei)\nEmail: sales@mingda-chem.example")  # fmt: skip
    found, stmts = run(analysed, text)
    assert having(found, "Employment", employee="Fiona Lu", employer="Hangzhou Mingda Chemical Co., Ltd.")
    assert "Lu Xiaomei" in aliases(found, stmts).get("Fiona Lu", set())


@pytest.mark.parametrize("form", ["LLC", "Inc.", "Ltd."])
def test_a_second_legal_form_is_part_of_the_name(analysed: Callable[..., Analysis], form: str) -> None:
    text = f"Prosecutors said Dale Whitcomb owned Northgate Supply Co. {form}, a Toledo distributor."
    found, _ = run(analysed, text)
    assert having(found, "Ownership", owner="Dale Whitcomb", asset=f"Northgate Supply Co. {form}")


def test_an_agent_in_charge_is_named_without_the_office() -> None:
    """NER sometimes reads "Charge <name> of <office>" as one organisation (seen on a DOJ release)."""
    from tracegraph.extract.entities import _in_charge
    from tracegraph.extract.mentions import Mention

    text = "said Special Agent in Charge Marisol Kinnley of HSI New York."
    start = text.index("Charge")
    glued = Mention(start, len(text) - 1, text[start:-1], text[start:-1], "Organization", "org-x")
    assert [m.name for m in _in_charge(text, [glued])] == ["Marisol Kinnley"]
