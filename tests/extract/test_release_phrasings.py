"""rel.deps.v1 on common phrasings of directorship, employment, ownership and designation in
Treasury and Justice Department releases (fictional names and sentences, one phrasing per case)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.extract.test_deps import having, run
from tracegraph.extract.mentions import Analysis

Analysed = Callable[..., Analysis]

PHRASINGS = [
    ("Dmitri Volkov serves as the president of Kestrel Logistics LLC.",
     "Directorship", {"director": "Dmitri Volkov", "organization": "Kestrel Logistics LLC"}),
    ("John Miller, Orbis Freight Ltd.'s chief financial officer, approved the transfers.",
     "Directorship", {"director": "John Miller", "organization": "Orbis Freight Ltd."}),
    ("Anna Petrova is the general director of Polar Star LLC.",
     "Directorship", {"director": "Anna Petrova", "organization": "Polar Star LLC"}),
    ("Ignacio Ferrer, who heads Grupo Delta Import, arranged the shipments.",
     "Directorship", {"director": "Ignacio Ferrer", "organization": "Grupo Delta Import"}),
    ("Chen Bo acts as the legal representative of Yifeng Trading Co., Ltd.",
     "Directorship", {"director": "Chen Bo", "organization": "Yifeng Trading Co., Ltd."}),
    ("Kai Brenner, the founder and chief executive of Halcyon Pay Inc., was indicted today.",
     "Directorship", {"director": "Kai Brenner", "organization": "Halcyon Pay Inc."}),
    ("Halcyon Pay Inc. is run by Kai Brenner.",
     "Directorship", {"director": "Kai Brenner", "organization": "Halcyon Pay Inc."}),
    ("Kai Brenner manages Halcyon Pay Inc.",
     "Directorship", {"director": "Kai Brenner", "organization": "Halcyon Pay Inc."}),
    ("OFAC today sanctioned Leonid Markov, who is the chairman of Sever Bank.",
     "Directorship", {"director": "Leonid Markov", "organization": "Sever Bank"}),
    ("Treasury designated Nordvik Energy AG, along with its director Pavel Orlov, pursuant to E.O. 14059.",
     "Directorship", {"director": "Pavel Orlov", "organization": "Nordvik Energy AG"}),
    ("Tomas Varga is the sole shareholder and director of Danube Grain Ltd.",
     "Directorship", {"director": "Tomas Varga", "organization": "Danube Grain Ltd."}),
    ("Luis Arriaga worked as a broker for Comercializadora Sierra Azul.",
     "Employment", {"employee": "Luis Arriaga", "employer": "Comercializadora Sierra Azul"}),
    ("Omar Haddad is employed by Sahel Money Exchange as a cashier.",
     "Employment", {"employee": "Omar Haddad", "employer": "Sahel Money Exchange"}),
    ("Omar Haddad works for Sahel Money Exchange.",
     "Employment", {"employee": "Omar Haddad", "employer": "Sahel Money Exchange"}),
    ("Nadia Rahimi, an accountant at Crescent Finance Ltd., moved the funds.",
     "Employment", {"employee": "Nadia Rahimi", "employer": "Crescent Finance Ltd."}),
    ("Felipe Ortega, a former employee of Banco Rio Claro, laundered the proceeds.",
     "Employment", {"employee": "Felipe Ortega", "employer": "Banco Rio Claro"}),
    ("Arkady Petrenko holds a 60 percent stake in Baltazar Shipping Ltd.",
     "Ownership", {"owner": "Arkady Petrenko", "asset": "Baltazar Shipping Ltd."}),
    ("Lumen Trading Ltd. is wholly owned by Hassan Karimi.",
     "Ownership", {"owner": "Hassan Karimi", "asset": "Lumen Trading Ltd."}),
    ("Sergei Antonov is the majority shareholder of Volga Metals JSC.",
     "Ownership", {"owner": "Sergei Antonov", "asset": "Volga Metals JSC"}),
    ("OFAC designated Pinecrest Chemicals Ltd. The company's owner, Wen Hao, ships precursors to Mexico.",
     "Ownership", {"owner": "Wen Hao", "asset": "Pinecrest Chemicals Ltd."}),
    ("The payments went through Aurel Holdings Ltd., which Viktor Lanski controls.",
     "Ownership", {"owner": "Viktor Lanski", "asset": "Aurel Holdings Ltd."}),
    ("Rafael Duarte is the owner of Duarte Exports S.A.",
     "Ownership", {"owner": "Rafael Duarte", "asset": "Duarte Exports S.A."}),
    ("Rafael Duarte owns Duarte Exports S.A. and Verde Holdings Ltd.",
     "Ownership", {"owner": "Rafael Duarte", "asset": "Verde Holdings Ltd."}),
    ("Polar Star LLC is controlled by Irina Sokolova.",
     "Ownership", {"owner": "Irina Sokolova", "asset": "Polar Star LLC"}),
    ("Kai Brenner is a 50 percent owner of Halcyon Pay Inc.",
     "Ownership", {"owner": "Kai Brenner", "asset": "Halcyon Pay Inc."}),
    ("Meridian Tankers Ltd. is owned or controlled by Hamid Rostami.",
     "Ownership", {"owner": "Hamid Rostami", "asset": "Meridian Tankers Ltd."}),
    ("Tomas Varga is the sole shareholder and director of Danube Grain Ltd.",
     "Ownership", {"owner": "Tomas Varga", "asset": "Danube Grain Ltd."}),
    ("Treasury designated Nordvik Energy AG, along with its director Pavel Orlov, pursuant to E.O. 14059.",
     "Sanction", {"entity": "Pavel Orlov"}),
    ("OFAC designated Nordvik Energy AG, together with its director Pavel Orlov.",
     "Sanction", {"entity": "Pavel Orlov"}),
    ("OFAC designated Nordvik Energy AG and its director, Pavel Orlov.",
     "Sanction", {"entity": "Pavel Orlov"}),
    ("OFAC is also designating Ardent Supply Ltd., Cobalt Ridge LLC, and Halvard Trading GmbH, three companies "
     "that supply the network.", "Sanction", {"entity": "Halvard Trading GmbH"}),
    ("OFAC today sanctioned Leonid Markov, who is the chairman of Sever Bank.",
     "Sanction", {"entity": "Leonid Markov"}),
    ("Ahmed Sultani was designated today pursuant to E.O. 13224.", "Sanction", {"entity": "Ahmed Sultani"}),
    ("Jorge Ibarra, an associate of the Sinaloa Cartel, was also designated.", "Sanction", {"entity": "Jorge Ibarra"}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "schema", "props"), PHRASINGS, ids=[f"{p[1]}-{i}" for i, p in enumerate(PHRASINGS)])
def test_a_release_phrasing_gives_its_relation(
    analysed: Analysed, text: str, schema: str, props: dict[str, str]
) -> None:
    found, _ = run(analysed, text)
    assert having(found, schema, **props)


def test_along_with_adds_no_target_to_a_verb_other_than_a_designation(analysed: Analysed) -> None:
    found, _ = run(analysed, "Rafael Duarte owns Duarte Exports S.A., along with his brother Tomas Duarte.")
    assert not having(found, "Ownership", asset="Tomas Duarte")


@pytest.mark.parametrize(
    "text, company",
    [
        ("Treasury designated Lumen Trade FZE, a front company in Dubai.", "Lumen Trade FZE"),
        ("OFAC also designated Danube Grain Kft. today.", "Danube Grain Kft."),
        ("Polar Star OOO shipped the parts to Moscow.", "Polar Star OOO"),
        ("Harbour Metals Pte. Ltd. wired the funds.", "Harbour Metals Pte. Ltd."),
    ],
)
def test_a_name_ending_in_a_free_zone_or_foreign_legal_form_is_one_company(
    analysed: Analysed, text: str, company: str
) -> None:
    found, _ = run(analysed, text)
    companies = [f for f in found.values() if f["schema"] in ("Company", "Organization")]
    assert company.rstrip(".") in [n.rstrip(".") for f in companies for n in f["props"].get("name", [])]
