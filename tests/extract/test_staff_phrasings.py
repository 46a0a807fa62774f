"""rel.deps.v1 on the ways releases and news name a company's staff, owners and a person's own
people where the small parser loses the link: a company's possessive before "is"/"include", a
seller's staff known only by the name they gave, titles in lists of defendants that name the
company once, people employed by people, a person's own company. Names are fictional."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.extract.test_deps import having, run
from tracegraph.extract.mentions import Analysis

Analysed = Callable[..., Analysis]

# (text, schema, the two sides)
CASES = [
    # a seller's staff member known only by the name they gave
    ("Kovar bought the powder from Yancheng Dehua Chemical Co., Ltd. Dehua's sales agent, who used the name "
     '"Cherry," arranged the shipments.', "Employment", {"employee": "Cherry",
                                                          "employer": "Yancheng Dehua Chemical Co., Ltd."}),
    ("A salesman for Taiyuan Kexin Biotech Co., Ltd., who gave his name only as Leo, quoted $900 per kilogram.",
     "Employment", {"employee": "Leo", "employer": "Taiyuan Kexin Biotech Co., Ltd."}),
    ("Rourke ordered the chemicals from Suqian Heli Trading Co., Ltd. (Heli), whose sales representative, known to "
     'Rourke only as "Winnie," accepted payment in bitcoin.',
     "Employment", {"employee": "Winnie", "employer": "Suqian Heli Trading Co., Ltd."}),
    ("The reporter contacted Nanping Ruixiang Chemical Co., Ltd. through its website. A sales agent who identified "
     "herself as Grace replied within an hour.",
     "Employment", {"employee": "Grace", "employer": "Nanping Ruixiang Chemical Co., Ltd."}),
    ('Orlov paid an employee of Baoji Tianhe Pharmaceutical Co., Ltd. who called herself "Nina" for the shipment.',
     "Employment", {"employee": "Nina", "employer": "Baoji Tianhe Pharmaceutical Co., Ltd."}),
    # a company's possessive, a title, then "is", "include" or a colon
    ("Fuzhou Yinhe Chemical Co., Ltd.'s legal representative is Song Jiahui.",
     "Directorship", {"director": "Song Jiahui", "organization": "Fuzhou Yinhe Chemical Co., Ltd."}),
    ("Tarnwell Chemical Co., Ltd.'s shareholders include Liu Baoshan and Gao Meiling.",
     "Ownership", {"owner": "Gao Meiling", "asset": "Tarnwell Chemical Co., Ltd."}),
    ("Registry records list Song Jiahui as the legal representative of Fuzhou Yinhe Chemical Co., Ltd.",
     "Directorship", {"director": "Song Jiahui", "organization": "Fuzhou Yinhe Chemical Co., Ltd."}),
    # a person employed by (or representing) a person
    ("Dario Pelayo, a courier for Hector Almazan, picked up the cash.",
     "Employment", {"employee": "Dario Pelayo", "employer": "Hector Almazan"}),
    ("Hector Almazan ran the cell from Tijuana. Yvette Sandoval, Almazan's accountant, laundered the proceeds.",
     "Employment", {"employee": "Yvette Sandoval", "employer": "Hector Almazan"}),
    ("Tessa Grunwald, a lawyer for Hector Almazan, said her client would appeal.",
     "Representation", {"agent": "Tessa Grunwald", "client": "Hector Almazan"}),
    # a person's own company
    ("Treasury designated Huang Xiaoyu's company, Vantor Global Limited, on Monday.",
     "Ownership", {"owner": "Huang Xiaoyu", "asset": "Vantor Global Limited"}),
    ("Marta Oyelaran, 51, who hid the payments through her own consultancy, Oyelaran Ledger Partners Ltd, pleaded "
     "guilty.", "Ownership", {"owner": "Marta Oyelaran", "asset": "Oyelaran Ledger Partners Ltd"}),
    ("Piotr Danek, 38, who laundered the money through Baltic Vending LLC, a company he controlled, was sentenced.",
     "Ownership", {"owner": "Piotr Danek", "asset": "Baltic Vending LLC"}),
    ("Lena Osei is Victor Adebayo's accountant.",
     "Employment", {"employee": "Lena Osei", "employer": "Victor Adebayo"}),
    ("A shipping clerk employed by Kestrel Freight LLC, Tom Ashby, 27, was also charged.",
     "Employment", {"employee": "Tom Ashby", "employer": "Kestrel Freight LLC"}),
    # a description that repeats a word of the company's name
    ("Hefei Lianyun Chemical Co., Ltd. sold the powder. Lam Wai-ming is a former employee of the Hefei firm.",
     "Employment", {"employee": "Lam Wai-ming", "employer": "Hefei Lianyun Chemical Co., Ltd."}),
    ("Fuzhou Yinhe Chemical Co., Ltd. (legal representative: Song Jiahui) sold the powder.",
     "Directorship", {"director": "Song Jiahui", "organization": "Fuzhou Yinhe Chemical Co., Ltd."}),
    ("Fuzhou Yinhe Chemical Co., Ltd. sold the powder. The company's legal representative is listed as Song Jiahui.",
     "Directorship", {"director": "Song Jiahui", "organization": "Fuzhou Yinhe Chemical Co., Ltd."}),
    ("The Cartel de Arenal, whose members include Hector Almazan and Ruben Solis, controls the port.",
     "Membership", {"member": "Ruben Solis", "organization": "Cartel de Arenal"}),
    ("Hector Almazan, a financial operator for the Cartel de Arenal, was arrested.",
     "Membership", {"member": "Hector Almazan", "organization": "Cartel de Arenal"}),
    ("Hector Almazan was indicted in March. A lawyer for Almazan, Miriam Escobedo, declined to comment.",
     "Representation", {"agent": "Miriam Escobedo", "client": "Hector Almazan"}),
    ("Wuhan Jiale Chemical Co., Ltd. appointed Tan Yuhan as its agent in Mexico.",
     "Representation", {"agent": "Tan Yuhan", "client": "Wuhan Jiale Chemical Co., Ltd."}),
    # shares stated as a part of a company named before
    ("Cheng Ho owns 70 percent of Shenzhen Wanlong Trading Co., Ltd., and Lin Mei owns the rest.",
     "Ownership", {"owner": "Lin Mei", "asset": "Shenzhen Wanlong Trading Co., Ltd."}),
    ("Shenzhen Wanlong Trading Co., Ltd. is 60 percent owned by Cheng Ho. The remaining 40 percent is held by Lin Mei.",
     "Ownership", {"owner": "Lin Mei", "asset": "Shenzhen Wanlong Trading Co., Ltd."}),
    ("Yantai Hongrui Chemical Co., Ltd. shipped the precursors. Xu Lianfeng holds almost a third of the company.",
     "Ownership", {"owner": "Xu Lianfeng", "asset": "Yantai Hongrui Chemical Co., Ltd."}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "schema", "sides"), CASES)
def test_the_fact_is_found_with_its_sentence(analysed: Analysed, text: str, schema: str, sides: dict[str, str]) -> None:
    found, _ = run(analysed, text)
    facts = having(found, schema, **sides)
    assert facts, f"{schema} {sides} not found in: {text}"
    quote = text.split(". ")[-1][:25]
    assert any(quote in summary for f in facts for summary in f["props"]["summary"])


def test_later_items_of_a_defendants_list_work_for_the_company_named_first(analysed: Analysed) -> None:
    text = ("The defendants are: Qinghe Lantai Chemical Co., Ltd., a chemical maker; Zhu Ganghua, 51, the company's "
            'general manager; and Lan Xiu, 29, a saleswoman who went by "Mandy."')  # fmt: skip
    found, _ = run(analysed, text)
    assert having(found, "Employment", employee="Lan Xiu", employer="Qinghe Lantai Chemical Co., Ltd.")


def test_a_bulleted_list_passes_its_company_down(analysed: Analysed) -> None:
    text = ("According to the indictment, the defendants are:\n- Qinghe Lantai Chemical Co., Ltd., a chemical maker;\n"
            "- Zhu Ganghua, 51, of Qinghe, China, its general manager;\n- Lan Xiu, 29, of Qinghe, China, a sales agent;"
            "\n- Victor Salgado, 40, of Tijuana, Mexico;")  # fmt: skip
    found, _ = run(analysed, text)
    assert having(found, "Employment", employee="Lan Xiu", employer="Qinghe Lantai Chemical Co., Ltd.")
    assert not [f for f in found.values() if "Victor Salgado" in f["props"].get("employee", [])]


def test_no_company_in_the_list_no_employer(analysed: Analysed) -> None:
    text = 'Charged are Zhu Ganghua, 51, a chemist; and Lan Xiu, 29, a saleswoman who went by "Mandy."'
    found, _ = run(analysed, text)
    assert not having(found, "Employment")


def test_a_name_known_to_a_buyer_is_no_staff_without_a_title(analysed: Analysed) -> None:
    found, _ = run(analysed, 'Baoji Tianhe Pharmaceutical Co., Ltd. sold to a buyer known only as "Orca" in Texas.')
    assert not having(found, "Employment")


def test_a_relative_s_share_is_not_the_persons_own(analysed: Analysed) -> None:
    found, _ = run(analysed, "Lin Mei's brother owns Hong Kong Wanlong Limited, and Hong Kong Wanlong Limited in turn "
                             "holds almost a third of Shenzhen Wanlong Trading Co., Ltd.")  # fmt: skip
    assert having(found, "Ownership", owner="Hong Kong Wanlong Limited", asset="Shenzhen Wanlong Trading Co., Ltd.")
    assert not having(found, "Ownership", owner="Lin Mei")


PAGE = ("Zhejiang Heshun Pharm Co., Ltd.\nWe are a leading supplier of pharmaceutical intermediates. Our team is "
        "headed by general manager Ms. Fang Ruolan.\nOverseas office: Chen Kaiwen, Director of International "
        "Sales\n")  # fmt: skip


def test_on_a_companys_own_page_a_bare_title_is_at_that_company(analysed: Analysed) -> None:
    found, _ = run(analysed, PAGE)
    assert having(found, "Directorship", director="Fang Ruolan", organization="Zhejiang Heshun Pharm Co., Ltd.")
    assert having(found, "Directorship", director="Chen Kaiwen", organization="Zhejiang Heshun Pharm Co., Ltd.")


def test_in_a_release_a_bare_title_is_at_no_company(analysed: Analysed) -> None:
    text = ("Zhejiang Heshun Pharm Co., Ltd. was sanctioned on Tuesday.\nChen Kaiwen, Director of International Sales, "
            "declined to comment.")  # fmt: skip
    found, _ = run(analysed, text)
    assert not having(found, "Directorship", director="Chen Kaiwen")


def test_a_qualified_description_needs_a_company_of_that_name(analysed: Analysed) -> None:
    text = "Wuhan Lianyun Chemical Co., Ltd. sold the powder. Lam Wai-ming is a former employee of the Hefei firm."
    found, _ = run(analysed, text)
    assert not having(found, "Employment", employee="Lam Wai-ming")


def test_as_a_title_and_a_name_the_title_is_the_earlier_names(analysed: Analysed) -> None:
    text = ("Fuzhou Yinhe Chemical Co., Ltd. sold the powder. Registry filings show Song Jiahui as its legal "
            "representative and Liu Ping as its supervisor.")  # fmt: skip
    found, _ = run(analysed, text)
    assert having(found, "Directorship", director="Song Jiahui", organization="Fuzhou Yinhe Chemical Co., Ltd.")
    assert not having(found, "Directorship", director="Liu Ping")


# titles of public office: the body the title names, never the release's issuer
OFFICES = [
    ("The DEA arrested two men. Attorney General Paula Brandt thanked the agents.",
     "Directorship", {"director": "Paula Brandt", "organization": "Department of Justice"}),
    ("\"The warehouse was a way station,\" said Wilma Strand, Special Agent in Charge of the DEA Los Angeles Field "
     "Division.", "Directorship", {"director": "Wilma Strand", "organization": "DEA"}),
    ("\"We will act,\" said Dana Korr, Secretary of Homeland Security.",
     "Directorship", {"director": "Dana Korr", "organization": "Department of Homeland Security"}),
    # ownership chains and firms a person owns, said in a clause
    ("Huaxin Trading Co., Ltd. is owned by Wuhan Jinsheng Investment Co., Ltd. (Wuhan Jinsheng), which is in turn "
     "controlled by Zhou Peng.", "Ownership", {"owner": "Zhou Peng", "asset": "Wuhan Jinsheng Investment Co., Ltd."}),
    ("Quimicos del Norte, S.A. de C.V. is a company that imports precursors from Wuhan Huaxin Trading Co., Ltd. Its "
     "owner, Arturo Reyes Mendoza, was designated.",
     "Ownership", {"owner": "Arturo Reyes Mendoza", "asset": "Quimicos del Norte, S.A. de C.V."}),
    ("Jiangsu Hengda Chemical Co., Ltd. has a wholly-owned trading subsidiary in Hong Kong, Hengda Pharmatech (HK) "
     "Limited, which handles its orders.",
     "Ownership", {"owner": "Jiangsu Hengda Chemical Co., Ltd.", "asset": "Hengda Pharmatech (HK) Limited"}),
    ("Vance bought the powder from Hunan Meiyu Chemical Co., Ltd. Vance paid Meiyu's sales manager, a woman he knew "
     "as \"Peggy,\" in Bitcoin.", "Employment", {"employee": "Peggy", "employer": "Hunan Meiyu Chemical Co., Ltd."}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "schema", "sides"), OFFICES)
def test_offices_and_owners(analysed: Analysed, text: str, schema: str, sides: dict[str, str]) -> None:
    found, _ = run(analysed, text)
    assert having(found, schema, **sides), f"{schema} {sides} not found in: {text}"


def test_a_deputy_of_another_department_is_not_the_issuers(analysed: Analysed) -> None:
    text = ("WASHINGTON - Today, the U.S. Department of the Treasury's Office of Foreign Assets Control (OFAC) "
            "sanctioned three companies. \"We will not relent,\" said Deputy Attorney General Lena Marsh.")  # fmt: skip
    found, _ = run(analysed, text)
    assert not having(found, "Directorship", director="Lena Marsh", organization="U.S. Department of the Treasury")
    assert not having(found, "Employment", employee="Lena Marsh", employer="U.S. Department of the Treasury")


def test_another_countrys_attorney_general_is_not_the_justice_departments(analysed: Analysed) -> None:
    text = "The DEA helped. Mexico's Attorney General Ernesto Gil said the men were detained in Sinaloa."
    found, _ = run(analysed, text)
    assert not having(found, "Directorship", director="Ernesto Gil", organization="Department of Justice")


CLAUSES = [
    ("Lu Pinghe owns 70 percent of the company directly and controls the rest through Hunan Qifeng Material Co., "
     "Ltd. (Hunan Qifeng), a holding company in Changsha of which he is the sole shareholder.",
     "Ownership", {"owner": "Lu Pinghe", "asset": "Hunan Qifeng Material Co., Ltd."}),
    ("Ruelas launders money through Casa de Cambio Rio Alto, S.A. de C.V. (Rio Alto), a currency exchange house in "
     "Guadalajara, Jalisco that he owns with his wife, Marisol Ochoa Ferrer.",
     "Ownership", {"owner": "Marisol Ochoa Ferrer", "asset": "Casa de Cambio Rio Alto, S.A. de C.V."}),
    ("The defendants are Zhuzhou Minghe Pharmaceutical Co., Ltd., a chemical company; Lu Pinghe, 58, of Changsha, "
     "China, the company's chairman; and Ma Xiuying, also known as \"Molly Ma,\" 34, of Zhuzhou, China, a sales "
     "manager.", "Employment", {"employee": "Ma Xiuying", "employer": "Zhuzhou Minghe Pharmaceutical Co., Ltd."}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "schema", "sides"), CLAUSES)
def test_clauses_after_a_firm_and_aliases_in_lists(analysed: Analysed, text: str, schema: str,
                                                  sides: dict[str, str]) -> None:  # fmt: skip
    found, _ = run(analysed, text)
    assert having(found, schema, **sides), f"{schema} {sides} not found in: {text}"


def test_a_clause_about_liking_a_firm_is_no_ownership(analysed: Analysed) -> None:
    found, _ = run(analysed, "Piotr Danek, who met the broker at Baltic Vending LLC, a company he admired, was "
                             "sentenced.")  # fmt: skip
    assert not having(found, "Ownership", owner="Piotr Danek")


def test_of_which_after_a_bracketed_short_name(analysed: Analysed) -> None:
    text = ("Feng uses the company Guangzhou Yintai Commercial Trading Co., Ltd. (Yintai Trading), of which he is the "
            "legal representative, to receive the funds.")  # fmt: skip
    found, _ = run(analysed, text)
    assert having(found, "Directorship", director="Feng", organization="Guangzhou Yintai Commercial Trading Co., Ltd.")


def test_a_possessor_is_not_the_pronoun_of_the_clause(analysed: Analysed) -> None:
    text = ("Feng's associate Chu Wanting, a resident of Hong Kong, manages accounts at Hong Kong Jinrui Holdings "
            "Limited, a shell company she set up in 2023 to hold cartel proceeds.")  # fmt: skip
    found, _ = run(analysed, text)
    assert having(found, "Directorship", director="Chu Wanting", organization="Hong Kong Jinrui Holdings Limited")
    assert not [f for f in found.values() if "Feng" in f["props"].get("director", [])]


def test_each_title_keeps_its_own_organisation(analysed: Analysed) -> None:
    text = ("YEUNG Tsz-wai (Yeung), a Hong Kong resident, is the sole director of Ironbridge Harvest and a former "
            "accountant of Xiangyun Pharmatech.")  # fmt: skip
    found, _ = run(analysed, text)
    assert not having(found, "Directorship", organization="Xiangyun Pharmatech")


def test_he_after_a_judge_in_a_by_phrase_is_the_defendant(analysed: Analysed) -> None:
    text = ("Marcus Delaney, 45, of Fontana, was sentenced today by U.S. District Judge Philippa Onder. He must also "
            "forfeit $2 million.")  # fmt: skip
    a = analysed(text)
    he = next(m for m in a.mentions if m.text == "He")
    assert he.name == "Marcus Delaney"
