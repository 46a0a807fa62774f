"""Representation (agent -> client) in release and news wording: fronts, forwarders, brokers, lawyers,
legal representatives and "on behalf of" (fictional names throughout)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.extract.test_deps import having, run
from tracegraph.extract.mentions import Analysis

Analysed = Callable[..., Analysis]

ACTS_FOR = [
    # front companies that take a maker's money
    (
        "Tianyu Harbour Trading Limited is a Hong Kong-based front company that receives payments on behalf of "
        "Wuhan Kelan Chemical Co., Ltd.",
        "Tianyu Harbour Trading Limited",
        "Wuhan Kelan Chemical Co., Ltd.",
    ),
    (
        "Silverpine Trading Limited, a Hong Kong company that collects payments for Hubei Tongda Chemical Co., Ltd., "
        "was designated in 2025.",
        "Silverpine Trading Limited",
        "Hubei Tongda Chemical Co., Ltd.",
    ),
    (
        "Payments were routed to Silverpine Trading Limited, a Hong Kong company which the indictment describes as "
        "Hubei Tongda Chemical Co., Ltd.'s payment front.",
        "Silverpine Trading Limited",
        "Hubei Tongda Chemical Co., Ltd.",
    ),
    (
        "Greyfield Commerce Limited acted as a front for Jiangxi Ruolan Pharmaceutical Co., Ltd. in Hong Kong.",
        "Greyfield Commerce Limited",
        "Jiangxi Ruolan Pharmaceutical Co., Ltd.",
    ),
    (
        "Prosecutors said Orchard Bay Trading Ltd. was a front company for Nanjing Huaxin Biotech Co., Ltd.",
        "Orchard Bay Trading Ltd.",
        "Nanjing Huaxin Biotech Co., Ltd.",
    ),
    (
        "Fong Kwok-leung, a Hong Kong accountant, has handled payments for Guangzhou Yisheng Pharmaceutical Co., "
        "Ltd. since 2023.",
        "Fong Kwok-leung",
        "Guangzhou Yisheng Pharmaceutical Co., Ltd.",
    ),
    # freight forwarders and customs brokers shipping for a maker or a buyer
    (
        "Shipping documents show that the container was booked by Ningbo Haixing International Freight Forwarding "
        "Co., Ltd., a Chinese freight forwarder, on behalf of the manufacturer, Hubei Tongda Chemical Co., Ltd.",
        "Ningbo Haixing International Freight Forwarding Co., Ltd.",
        "Hubei Tongda Chemical Co., Ltd.",
    ),
    (
        "Loma Verde Logistica, S.A. de C.V. is a Tijuana freight forwarder that imports precursor chemicals from "
        "China on behalf of Quimica Zafiro, S.A. de C.V.",
        "Loma Verde Logistica, S.A. de C.V.",
        "Quimica Zafiro, S.A. de C.V.",
    ),
    (
        "Agencia Aduanal Rio Bravo, a customs brokerage that cleared shipments for Quimica Zafiro, S.A. de C.V., "
        "was also designated.",
        "Agencia Aduanal Rio Bravo",
        "Quimica Zafiro, S.A. de C.V.",
    ),
    (
        "Hu Jianping, a freight forwarder for Shaanxi Lianfeng Chemical Co., Ltd., arranged the shipments.",
        "Hu Jianping",
        "Shaanxi Lianfeng Chemical Co., Ltd.",
    ),
    # brokers and agents acting for a cartel or a company
    (
        "Marisela Quintero Lugo, a money broker who worked on behalf of the Cartel del Valle Oscuro, moved the "
        "proceeds to Shanghai.",
        "Marisela Quintero Lugo",
        "Cartel del Valle Oscuro",
    ),
    (
        "Huang Zhiwei acted as a procurement agent for the Cartel del Valle Oscuro.",
        "Huang Zhiwei",
        "Cartel del Valle Oscuro",
    ),
    (
        "Wen Jiahui served as the registered agent for Pacific Crest Imports LLC.",
        "Wen Jiahui",
        "Pacific Crest Imports LLC",
    ),
    (
        "Pacific Crest Imports LLC's registered agent, Wen Jiahui, signed the filings.",
        "Wen Jiahui",
        "Pacific Crest Imports LLC",
    ),
    (
        "Hollis Marsh, acting on behalf of Bramblewood Chemicals Inc., wired the deposit to a bank in Shenzhen.",
        "Hollis Marsh",
        "Bramblewood Chemicals Inc.",
    ),
    ("Lau Siu-ming held the shares as a nominee for Zhou Tianwen.", "Lau Siu-ming", "Zhou Tianwen"),
    # OFAC's designation bases
    (
        "Dario Mendez Ochoa is being designated for having acted or purported to act for or on behalf of, directly "
        "or indirectly, Quimica Zafiro, S.A. de C.V.",
        "Dario Mendez Ochoa",
        "Quimica Zafiro, S.A. de C.V.",
    ),
    (
        "Kestrel Bay Holdings Ltd. is designated for having acted for or on behalf of Shandong Ruixin Chemical Co., "
        "Ltd.",
        "Kestrel Bay Holdings Ltd.",
        "Shandong Ruixin Chemical Co., Ltd.",
    ),
    # a client putting an agent to work, or an agent handling the client's money or goods
    (
        "Zhuzhou Lanfeng Chemical Co., Ltd. used Brightwater Harbour Limited to receive payments from customers "
        "in Mexico.",
        "Brightwater Harbour Limited",
        "Zhuzhou Lanfeng Chemical Co., Ltd.",
    ),
    (
        "Brightwater Harbour Limited was used by Zhuzhou Lanfeng Chemical Co., Ltd. as a front company.",
        "Brightwater Harbour Limited",
        "Zhuzhou Lanfeng Chemical Co., Ltd.",
    ),
    (
        "Brightwater Harbour Limited handled Zhuzhou Lanfeng Chemical Co., Ltd.'s payments from Mexican buyers.",
        "Brightwater Harbour Limited",
        "Zhuzhou Lanfeng Chemical Co., Ltd.",
    ),
    (
        "Pearlfinch Harbour Trading Limited receives payments or places orders for Nanjing Huaxin Biotech Co., Ltd.",
        "Pearlfinch Harbour Trading Limited",
        "Nanjing Huaxin Biotech Co., Ltd.",
    ),
    (
        "Ocelot Freight Services LLC is a customs broker of Quimica Zafiro, S.A. de C.V. in Laredo.",
        "Ocelot Freight Services LLC",
        "Quimica Zafiro, S.A. de C.V.",
    ),
    (
        "Ramon Elizondo Paz served as the Cartel del Valle Oscuro's agent in Shanghai.",
        "Ramon Elizondo Paz",
        "Cartel del Valle Oscuro",
    ),
    (
        "Brightwater Harbour Limited received the funds on Zhuzhou Lanfeng Chemical Co., Ltd.'s behalf.",
        "Brightwater Harbour Limited",
        "Zhuzhou Lanfeng Chemical Co., Ltd.",
    ),
    (
        "Ocelot Freight Services LLC, a freight forwarder in Laredo, shipped the drums for Quimica Zafiro, S.A. de "
        "C.V. in 2024.",
        "Ocelot Freight Services LLC",
        "Quimica Zafiro, S.A. de C.V.",
    ),
    (
        "Arturo Lujan Vega, a representative of Hubei Tongda Chemical Co., Ltd. in Mexico, negotiated the sales.",
        "Arturo Lujan Vega",
        "Hubei Tongda Chemical Co., Ltd.",
    ),
    (
        "Feng Liqun uses the company Guangzhou Yintai Commercial Trading Co., Ltd., of which he is the legal "
        "representative, to receive the funds.",
        "Feng Liqun",
        "Guangzhou Yintai Commercial Trading Co., Ltd.",
    ),
    (
        "Feng Liqun uses the company Guangzhou Yintai Commercial Trading Co., Ltd., of which he is the legal "
        "representative, to receive the funds.",
        "Guangzhou Yintai Commercial Trading Co., Ltd.",
        "Feng Liqun",
    ),
    (
        "Lau Siu-ming, a nominee shareholder for Zhou Tianwen, owns half of Kestrel Bay Holdings Ltd.",
        "Lau Siu-ming",
        "Zhou Tianwen",
    ),
    (
        "Agencia Aduanal Rio Bravo handled customs clearance for Quimica Zafiro, S.A. de C.V. in Nuevo Laredo.",
        "Agencia Aduanal Rio Bravo",
        "Quimica Zafiro, S.A. de C.V.",
    ),
    # lawyers and counsel
    (
        "Dario Pell, a lawyer representing Ostrander Pharma GmbH, said his client would appeal.",
        "Dario Pell",
        "Ostrander Pharma GmbH",
    ),
    (
        "Rosalind Achebe, an attorney for Bramblewood Chemicals Inc., declined to comment.",
        "Rosalind Achebe",
        "Bramblewood Chemicals Inc.",
    ),
    (
        "Bramblewood Chemicals Inc.'s lawyer, Rosalind Achebe, said the company would appeal.",
        "Rosalind Achebe",
        "Bramblewood Chemicals Inc.",
    ),
    (
        "Tobias Renner, outside counsel to Ostrander Pharma GmbH, denied the allegations.",
        "Tobias Renner",
        "Ostrander Pharma GmbH",
    ),
]


@pytest.mark.parametrize(("text", "agent", "client"), ACTS_FOR)
def test_who_acts_for_whom(analysed: Analysed, text: str, agent: str, client: str) -> None:
    found, _ = run(analysed, text)
    assert having(found, "Representation", agent=agent, client=client)


LEGAL_REPRESENTATIVES = [
    (
        "Cao Yiming is the legal representative of Jiangxi Hengtai Biotech Co., Ltd.",
        "Cao Yiming",
        "Jiangxi Hengtai Biotech Co., Ltd.",
    ),
    (
        "Jiangxi Hengtai Biotech Co., Ltd., whose legal representative is Cao Yiming, sold the powder.",
        "Cao Yiming",
        "Jiangxi Hengtai Biotech Co., Ltd.",
    ),
    (
        "Company name: Zhuzhou Qinghe Chemical Co., Ltd.\nRegistered capital: 5,000,000 RMB\n"
        "Legal representative: Shen Mulan\nBusiness scope: chemical products",
        "Shen Mulan",
        "Zhuzhou Qinghe Chemical Co., Ltd.",
    ),
]


@pytest.mark.parametrize(("text", "agent", "client"), LEGAL_REPRESENTATIVES)
def test_a_legal_representative_heads_and_represents_the_firm(
    analysed: Analysed, text: str, agent: str, client: str
) -> None:
    found, _ = run(analysed, text)
    assert having(found, "Representation", agent=agent, client=client)
    assert having(found, "Directorship", director=agent, organization=client)


NOT_REPRESENTATION = [
    "Ambassador Lena Whitcombe spoke on behalf of the United States at the conference in Vienna.",
    "Agents acting for the Mexican government seized the drums in Manzanillo.",
    "The seizure represented a 40 percent increase over the year before, Garrick Sollis said.",
    "Chemists at Bramblewood Chemicals Inc. tested a representative sample of the powder.",
    "Zhou Lina, a sales representative at Hubei Mingde Chemical Co., Ltd., negotiated the price.",
    "Zhou Lina, a sales representative of Hubei Mingde Chemical Co., Ltd., negotiated the price.",
    "Representatives of the Mexican government met Chinese officials in Beijing.",
    "Lau Siu-ming, a nominee director of Kestrel Bay Holdings Ltd., signed the annual return.",
    "The Treasury Department is today designating three companies in Hong Kong that transport precursor chemicals "
    "for the Cartel del Valle Oscuro.",
    "Undercover agents of the Drug Enforcement Administration contacted Kong Meiyu through an encrypted app.",
    "Special Agent Darnell Quist of the Drug Enforcement Administration testified on behalf of the government.",
    "Tallowmere Pacific Limited issued false invoices for the shipments and received part of the payments.",
    "Hubei Tongda Chemical Co., Ltd. received payments for fentanyl precursors from buyers in Sinaloa.",
    "Mireille Gatto said on behalf of the Treasury Department that more designations would follow.",
    "The Drug Enforcement Administration used a confidential source, Carl Brennan, to buy the pills.",
    "Customs officers examined Bramblewood Chemicals Inc.'s shipments at the port of Long Beach.",
    "Kestrel Bay Holdings Ltd. used the proceeds to buy two warehouses in Tijuana.",
    # OFAC's disjunctive basis says the company was owned by Y or acted for Y, not which
    "Alder Point Trading Limited is being designated pursuant to E.O. 14059 for being owned, controlled, or "
    "directed by, or having acted or purported to act for or on behalf of, directly or indirectly, Shandong "
    "Ruixin Chemical Co., Ltd.",
]


def test_an_attorney_of_a_prosecuting_office_works_there(analysed: Analysed) -> None:
    text = (
        "Trial Attorney Nikolai Varga of the Criminal Division's Narcotic and Dangerous Drug Section is "
        "prosecuting the case."
    )
    found, _ = run(analysed, text)
    assert not having(found, "Representation")
    assert having(found, "Employment", employee="Nikolai Varga", employer="Criminal Division")


@pytest.mark.parametrize("text", NOT_REPRESENTATION)
def test_officials_samples_and_sales_staff_represent_no_one(analysed: Analysed, text: str) -> None:
    found, _ = run(analysed, text)
    assert not having(found, "Representation")


def test_a_person_shipping_for_a_cartel_is_its_member(analysed: Analysed) -> None:
    found, _ = run(analysed, "Efrain Soto Villa shipped the pills for the Cartel del Valle Oscuro in 2023.")
    assert not having(found, "Representation")
    assert having(found, "Membership", member="Efrain Soto Villa", organization="Cartel del Valle Oscuro")
