"""rel.deps.v1 on constructions of designation releases, indictments, sentencing releases, seizure
releases, seller pages and news pages that the step missed before 6 December 2026 (fictional names
and sentences throughout, one rule per test)."""

from __future__ import annotations

from collections.abc import Callable

from tests.extract.test_deps import having, run
from tracegraph.extract.mentions import Analysis

Analysed = Callable[..., Analysis]


def test_a_spanish_name_is_used_by_its_first_surname(analysed: Analysed) -> None:
    text = ("Rodrigo Salinas Ochoa, a broker in Leon, moves cash for the network. "
            "Salinas and two companies were also designated by OFAC today.")  # fmt: skip
    found, _ = run(analysed, text)
    assert having(found, "Sanction", entity="Rodrigo Salinas Ochoa")


def test_a_spanish_firm_name_read_as_a_person_is_one_company(analysed: Analysed) -> None:
    text = ("Ricardo Mendez Oliva runs Transportes y Servicios Mendez, S.A. de C.V. (Servicios Mendez), "
            "a trucking firm in Leon.")  # fmt: skip
    found, _ = run(analysed, text)
    firm = "Transportes y Servicios Mendez, S.A. de C.V."
    assert having(found, "Directorship", director="Ricardo Mendez Oliva", organization=firm)
    assert having(found, "Company", name=firm, alias="Servicios Mendez")


def test_its_is_read_again_after_short_forms(analysed: Analysed) -> None:
    text = ("The designations target Zhejiang Hengda Chemical Co., Ltd. (Hengda), its owner Pan Lei, and the "
            "Tijuana Cartel. Hengda, which sells NPP to Mexican buyers, was set up in 2016 by Pan, who remains "
            "its chairman.")  # fmt: skip
    found, _ = run(analysed, text)
    assert having(found, "Directorship", director="Pan Lei", organization="Zhejiang Hengda Chemical Co., Ltd.")
    assert not having(found, "Directorship", organization="Tijuana Cartel")


def test_a_family_name_used_alone_stays_with_its_person(analysed: Analysed) -> None:
    text = ("OFAC designated Hengda Trading Co., Ltd. (Hengda) and its owner Pan Lei. Pan founded the company "
            "in 2015. Pan's daughter, Pan Xiu, keeps its books. Hengda's payments pass through Silverline "
            "Holdings Limited, a Hong Kong company that is wholly owned by Pan.")  # fmt: skip
    found, _ = run(analysed, text)
    assert having(found, "Ownership", owner="Pan Lei", asset="Silverline Holdings Limited")
    assert not having(found, "Ownership", owner="Pan Xiu", asset="Silverline Holdings Limited")


def test_united_states_attorney_heads_the_office_of_the_release(analysed: Analysed) -> None:
    text = ("U.S. Attorney's Office\nDistrict of Oregon\n\nA Portland man was charged today. "
            '"Fentanyl kills," said United States Attorney Maria Ostrander.')  # fmt: skip
    found, _ = run(analysed, text)
    assert having(found, "Directorship", director="Maria Ostrander", organization="U.S. Attorney's Office")
    assert not having(found, "Representation", agent="Maria Ostrander")


def test_attorney_general_is_a_head_not_a_lawyer(analysed: Analysed) -> None:
    text = '"No one is out of reach," said Assistant Attorney General Ellen Brody of the Justice Department.'
    found, _ = run(analysed, text)
    assert having(found, "Directorship", director="Ellen Brody", organization="Justice Department")
    assert not having(found, "Representation", agent="Ellen Brody")


def test_a_magistrate_is_no_organisation(analysed: Analysed) -> None:
    found, _ = run(analysed, "She will appear today before U.S. Magistrate Judge Carol Whitfield.")
    assert not having(found, "Employment", employee="Carol Whitfield")


def test_each_titled_name_in_a_list_takes_the_listed_company(analysed: Analysed) -> None:
    text = ("An indictment was unsealed today charging Jiangxi Ruiyuan Chemical Co., Ltd. and two of its "
            "executives, chief financial officer Lin Bo and export director Guo Ping, with smuggling.")  # fmt: skip
    found, _ = run(analysed, text)
    firm = "Jiangxi Ruiyuan Chemical Co., Ltd."
    assert having(found, "Directorship", director="Lin Bo", organization=firm)
    assert having(found, "Directorship", director="Guo Ping", organization=firm)


def test_owner_and_general_manager_of_gives_both(analysed: Analysed) -> None:
    text = "Tan Hui, 50, was the owner and general manager of Fujian Lianda Chemical Co., Ltd., a supplier."
    found, _ = run(analysed, text)
    assert having(found, "Ownership", owner="Tan Hui", asset="Fujian Lianda Chemical Co., Ltd.")
    assert having(found, "Directorship", director="Tan Hui", organization="Fujian Lianda Chemical Co., Ltd.")


def test_indicted_with_charges_both(analysed: Analysed) -> None:
    text = "Nora Pike and Owen Dale ran the ring. Pike was indicted with Dale in 2023 and remains at large."
    found, _ = run(analysed, text)
    charged = having(found, "Action", kind="charge")
    assert charged and {"Nora Pike", "Owen Dale"} <= set(charged[0]["props"]["target"])


def test_a_lead_sentence_person_is_the_one_introduced_next(analysed: Analysed) -> None:
    text = ("A Chinese national who sold fentanyl precursors online was sentenced today to 12 years in prison. "
            "According to court documents, Tang Wei, 41, of Wuhan, ran Wuhan Tangsheng Chemical Co., Ltd.")  # fmt: skip
    found, _ = run(analysed, text)
    assert having(found, "Action", kind="sentence", target="Tang Wei")


def test_agents_seize_a_named_substance(analysed: Analysed) -> None:
    found, _ = run(analysed, "Agents seized two pill presses and 4 kilograms of xylazine powder in the raid.")
    assert having(found, "Action", kind="seize", object="Xylazine")


def test_including_after_a_count_of_people(analysed: Analysed) -> None:
    found, _ = run(analysed, "Police arrested six people in Tijuana on Monday, including Marco Ruiz Pena.")
    assert having(found, "Action", kind="arrest", target="Marco Ruiz Pena")


def test_a_person_runs_the_account_that_sells(analysed: Analysed) -> None:
    found, _ = run(analysed, "Derek Holt, 39, of Akron, ran a darknet vendor account that resold carfentanil.")
    assert having(found, "Action", kind="offer", actor="Derek Holt")


def test_pleading_not_guilty_means_charged(analysed: Analysed) -> None:
    found, _ = run(analysed, "Victor Lange, who prosecutors say led the ring, pleaded not guilty in federal court.")
    assert having(found, "Action", kind="charge", target="Victor Lange")
    assert not having(found, "Action", kind="convict", target="Victor Lange")


def test_a_website_listing_for_sale_is_an_offer(analysed: Analysed) -> None:
    text = ("Investigators traced the drums to Shandong Boyuan Chemical Co., Ltd. The company's website, "
            "which still lists 4-piperidone for sale, gives a phone number in Jinan.")  # fmt: skip
    found, _ = run(analysed, text)
    assert having(found, "Action", kind="offer", actor="Shandong Boyuan Chemical Co., Ltd.")
    assert not having(found, "Action", kind="schedule")


def test_after_meeting_takes_the_subject_of_the_clause(analysed: Analysed) -> None:
    text = "Minister Helen Carver said after meeting Foreign Minister Tomas Okafor that the talks went well."
    found, _ = run(analysed, text)
    assert having(found, "Action", kind="meeting", actor="Helen Carver", target="Tomas Okafor")


def test_a_bare_manager_runs_the_firm(analysed: Analysed) -> None:
    text = (
        "The drums were imported by Sierra Vista Supply LLC, a company in Reno, Nevada, whose manager, "
        "Paul Brant, is cooperating. Ana Wu, a sales manager at Sierra Vista Supply LLC, was not charged."
    )
    found, _ = run(analysed, text)
    assert having(found, "Directorship", director="Paul Brant", organization="Sierra Vista Supply LLC")
    assert having(found, "Employment", employee="Ana Wu", employer="Sierra Vista Supply LLC")


def test_a_quoted_official_speaks_for_the_release_body(analysed: Analysed) -> None:
    text = ("U.S. Customs and Border Protection\nNewsroom\n\nOfficers seized 80 kilograms of xylazine at the "
            'port. "This was a large load," said Port Director Lena Hartwell.')  # fmt: skip
    found, _ = run(analysed, text)
    assert having(found, "Directorship", director="Lena Hartwell", organization="U.S. Customs and Border Protection")


def test_a_special_agent_in_charge_read_as_a_place(analysed: Analysed) -> None:
    text = '"Pills kill," said DEA Denver Special Agent in Charge Omar Castellanos.'
    found, _ = run(analysed, text)
    assert having(found, "Directorship", director="Omar Castellanos")  # he heads the field division


def test_a_shop_named_after_its_place(analysed: Analysed) -> None:
    text = "His cousin ran a body shop in Yuma, Castro Auto Body LLC, where the pills were stored."
    a = analysed(text)
    assert any(m.name == "Castro Auto Body LLC" for m in a.mentions)
    text = "Luis Castro, 31, ran a body shop in Yuma, Castro Auto Body LLC, where the pills were stored."
    found, _ = run(analysed, text)
    assert having(found, "Directorship", director="Luis Castro", organization="Castro Auto Body LLC")


def test_a_short_name_shared_by_two_companies_keeps_the_first(analysed: Analysed) -> None:
    text = ("The lab's chemicals were shipped by Ningbo Taili Fine Chemical Co., Ltd., a Chinese company. "
            "Taili's general manager, Zhou Min, did not answer calls. The company is a subsidiary of "
            "Ningbo Taili Group.")  # fmt: skip
    found, _ = run(analysed, text)
    firm = "Ningbo Taili Fine Chemical Co., Ltd."
    assert having(found, "Directorship", director="Zhou Min", organization=firm)


def test_it_after_a_company_in_its_sentence(analysed: Analysed) -> None:
    text = ("Ningbo Taili Fine Chemical Co., Ltd. sells 4-piperidone. The company's website says it was founded "
            "in 2009 and is a subsidiary of Ningbo Taili Group.")  # fmt: skip
    found, _ = run(analysed, text)
    assert having(found, "Ownership", owner="Ningbo Taili Group", asset="Ningbo Taili Fine Chemical Co., Ltd.")


def test_secretary_of_a_portfolio_heads_its_department(analysed: Analysed) -> None:
    text = ("The two countries signed the accord, U.S. Secretary of Homeland Security Dana Whitlock said after "
            "meeting Mexican Security Secretary Julio Arriaga in Washington.")  # fmt: skip
    found, _ = run(analysed, text)
    assert having(found, "Directorship", director="Dana Whitlock", organization="Department of Homeland Security")
    assert having(found, "Directorship", director="Julio Arriaga", organization="Mexico")


def test_a_cook_for_a_faction_is_a_member(analysed: Analysed) -> None:
    text = ("Soldiers detained three men at the ranch, including Efrain Soto Lugo, who the army said was a "
            "cook for the Durango-based Los Cedros faction.")  # fmt: skip
    found, _ = run(analysed, text)
    assert having(found, "Action", kind="arrest", target="Efrain Soto Lugo")
    assert having(found, "Membership", member="Efrain Soto Lugo", organization="Los Cedros")


def test_a_public_body_acronym_in_its_own_language(analysed: Analysed) -> None:
    text = "Colombia's National Police (DIJIN) said on Monday that the laboratory had been dismantled."
    found, _ = run(analysed, text)
    assert [f for f in found.values() if "DIJIN" in f["props"].get("alias", [])]


def test_an_english_name_in_brackets_and_the_title_after_a_dash(analysed: Analysed) -> None:
    text = (
        "Jiangsu Hengrun Biotech Co., Ltd.\nHome Products Contact\n\nAbout us\nWe are a supplier of "
        "pharmaceutical intermediates.\n\nOur team\nMs. Zhao Lin (Cathy) - International Sales Manager\n"
    )
    found, _ = run(analysed, text)
    assert having(found, "Person", name="Zhao Lin", alias="Cathy")
    assert having(found, "Employment", employee="Zhao Lin", employer="Jiangsu Hengrun Biotech Co., Ltd.")


def test_which_is_owned_by_hung_on_the_auxiliary(analysed: Analysed) -> None:
    text = ("Hubei Kangtai Biotech Co., Ltd. is our parent. We also run a sister plant, Hubei Kangtai Materials "
            "Co., Ltd., which is 100% owned by Hubei Kangtai Biotech Co., Ltd.")  # fmt: skip
    found, _ = run(analysed, text)
    assert having(
        found, "Ownership", owner="Hubei Kangtai Biotech Co., Ltd.", asset="Hubei Kangtai Materials Co., Ltd."
    )


def test_a_company_is_a_member_of_an_association(analysed: Analysed) -> None:
    found, _ = run(analysed, "Anhui Ruixin Chemical Co., Ltd. is a member of the Asia Fine Chemicals Alliance.")
    assert having(found, "Membership", member="Anhui Ruixin Chemical Co., Ltd.")


def test_an_operation_name_is_no_actor(analysed: Analysed) -> None:
    a = analysed("The FBI announced the results of Operation Silver Harbor, a two-year investigation.")
    assert not [m for m in a.mentions if m.kind == "actor" and m.name.startswith("Operation")]


def test_designated_pursuant_to(analysed: Analysed) -> None:
    found, _ = run(analysed, "OFAC previously designated the Rojas Cartel pursuant to E.O. 14059 in May 2025.")
    assert having(found, "Sanction", entity="Rojas Cartel")


def test_whose_after_a_bracketed_short_name(analysed: Analysed) -> None:
    text = ("Funds moved through Brightwater Venture Trading Limited (Brightwater), a Hong Kong-registered "
            "company whose sole director, Chan Wing-kei, opened its accounts.")  # fmt: skip
    found, _ = run(analysed, text)
    assert having(found, "Directorship", director="Chan Wing-kei", organization="Brightwater Venture Trading Limited")


def test_our_chairman_is(analysed: Analysed) -> None:
    text = ("Ningbo Huasheng Chemical Co., Ltd.\nAbout us\nWe make intermediates. Our company was founded in 2008, "
            "and our chairman is Mr. Lu Jianguo, who has 20 years of experience.")  # fmt: skip
    found, _ = run(analysed, text)
    assert having(found, "Directorship", director="Lu Jianguo", organization="Ningbo Huasheng Chemical Co., Ltd.")


def test_a_unit_under_its_special_agent_in_charge(analysed: Analysed) -> None:
    text = ("The investigation was led by the DEA Denver Field Division, under Special Agent in Charge "
            "Harriet Osei, with help from local police.")  # fmt: skip
    found, _ = run(analysed, text)
    assert having(found, "Directorship", director="Harriet Osei", organization="DEA")  # the division's head


def test_a_lead_sentence_with_an_age_and_a_town(analysed: Analysed) -> None:
    text = ("SEATTLE – A 41-year-old Everett man who sold pills online was sentenced today to 9 years in prison, "
            "announced U.S. Attorney Dana Kirsch. Milo Brandt, 41, ran a darknet storefront.")  # fmt: skip
    found, _ = run(analysed, text)
    assert having(found, "Action", kind="sentence", target="Milo Brandt")


def test_working_for_a_cartel_is_membership(analysed: Analysed) -> None:
    text = ("Omar Reyes Lugo, a Velarde Cartel logistics coordinator, was arrested. Ivan Soto Paz works for "
            "the Velarde Cartel as a money launderer.")  # fmt: skip
    found, _ = run(analysed, text)
    assert having(found, "Membership", member="Omar Reyes Lugo", organization="Velarde Cartel")
    assert having(found, "Membership", member="Ivan Soto Paz", organization="Velarde Cartel")
    assert not having(found, "Employment", employer="Velarde Cartel")


def test_a_cartel_named_in_spanish_and_its_acronym(analysed: Analysed) -> None:
    text = "OFAC designated the Cartel de los Valles del Norte (CVN) in 2025. The CVN was designated by OFAC."
    found, _ = run(analysed, text)
    assert having(found, "Sanction", entity="Cartel de los Valles del Norte")
    assert having(found, "Organization", name="Cartel de los Valles del Norte", alias="CVN")


def test_changed_its_name_to(analysed: Analysed) -> None:
    text = "In 2021, Hefei Tianrun Chemical Co., Ltd. changed its name to Anhui Rising Chemicals Co., Ltd."
    found, _ = run(analysed, text)
    assert having(found, "Succession", predecessor="Hefei Tianrun Chemical Co., Ltd.")


def test_supplied_a_buyer_with_a_substance(analysed: Analysed) -> None:
    text = "Investigators say Hefei Tianrun Chemical Co., Ltd. supplied the Velarde Cartel with 4-AP."
    found, _ = run(analysed, text)
    assert having(found, "Action", kind="offer", actor="Hefei Tianrun Chemical Co., Ltd.")


def test_received_shipments_from_names_the_seller(analysed: Analysed) -> None:
    text = "The Velarde Cartel received shipments of 4-AP from Hefei Tianrun Chemical Co., Ltd."
    found, _ = run(analysed, text)
    assert having(found, "Action", kind="offer", actor="Hefei Tianrun Chemical Co., Ltd.")
    assert not having(found, "Action", kind="offer", actor="Velarde Cartel")


def test_named_in_an_indictment_is_charged(analysed: Analysed) -> None:
    found, _ = run(analysed, "Anhui Ruiqing New Material Co., Ltd. was previously named in an indictment in Texas.")
    assert having(found, "Action", kind="charge", target="Anhui Ruiqing New Material Co., Ltd.")


def test_the_department_of_a_state_release_imposes_visa_restrictions(analysed: Analysed) -> None:
    text = ("U.S. Department of State\nThe Department of State is offering rewards for Tao Guangming. Tao Guangming "
            "owns Zhejiang Lanxu Biochemical Co., Ltd., a manufacturer that the Department of the Treasury "
            "sanctioned in 2025. In addition, the Department is taking steps to impose visa restrictions on Tao "
            "and Bai Yichen.")  # fmt: skip
    found, _ = run(analysed, text)
    assert having(found, "Sanction", entity="Bai Yichen", authority="Department of State")
    assert having(found, "Sanction", entity="Tao Guangming", authority="Department of State")
    assert having(
        found, "Sanction", entity="Zhejiang Lanxu Biochemical Co., Ltd.", authority="Department of the Treasury"
    )


def test_a_list_of_designees_after_the_designating_words(analysed: Analysed) -> None:
    text = ("Bureau of Industry and Security\nToday BIS added eleven entities to the Entity List. The entities added "
            "today include Hebei Kangda Technology Co., Ltd., Shijiazhuang Huilong Biological Co., Ltd. and Xuzhou "
            "Baiyun Pharmaceutical Co., Ltd., which sells 4-AP made by Jiangsu Ruyi Chemical Co., Ltd.")  # fmt: skip
    found, _ = run(analysed, text)
    for firm in ("Hebei Kangda Technology Co., Ltd.", "Xuzhou Baiyun Pharmaceutical Co., Ltd."):
        assert having(found, "Sanction", entity=firm)
    assert not having(found, "Sanction", entity="Jiangsu Ruyi Chemical Co., Ltd.")


def test_charged_in_the_indictment_are(analysed: Analysed) -> None:
    text = ("U.S. Attorney's Office\nCharged in the indictment are Wei Jinsong, 44, the company's general manager; "
            "Pan Ruolan, 31, a sales agent; and Feng Haitao, 37, who managed its shipping.")  # fmt: skip
    found, _ = run(analysed, text)
    charged = {t for f in having(found, "Action", kind="charge") for t in f["props"]["target"]}
    assert {"Wei Jinsong", "Pan Ruolan", "Feng Haitao"} <= charged


def test_a_chinese_name_ner_read_as_a_place(analysed: Analysed) -> None:
    a = analysed("Among those designated are Tao Guangming, Bai Shuncheng and Bai Yichen.")
    people = {m.name for m in a.mentions if m.kind == "actor" and m.schema == "Person"}
    assert {"Bai Shuncheng", "Bai Yichen"} <= people


def test_a_possessive_and_a_common_noun_end_a_name(analysed: Analysed) -> None:
    a = analysed("Quimica Tarasca imports Lanxu Biochem's chemicals through the port of Lazaro Cardenas.")
    assert not [m for m in a.mentions if "chemicals" in m.name]


def test_an_owner_noun_after_a_role(analysed: Analysed) -> None:
    text = "Gao Ming is the founder and controlling shareholder of Fujian Hengtai Chemicals Co., Ltd., a supplier."
    found, _ = run(analysed, text)
    assert having(found, "Ownership", owner="Gao Ming", asset="Fujian Hengtai Chemicals Co., Ltd.")


def test_whose_website_offers(analysed: Analysed) -> None:
    text = ("Agents traced the drums to Shandong Ruida Chemical Co., Ltd. (Ruida), whose website openly offers "
            "4-AP and norfentanyl.")  # fmt: skip
    found, _ = run(analysed, text)
    assert having(found, "Action", kind="offer", actor="Shandong Ruida Chemical Co., Ltd.")


def test_the_owner_of_the_list_designates(analysed: Analysed) -> None:
    found, _ = run(analysed, "Jiangsu Boyang Chemical Co., Ltd. was added to the Department of Commerce's Entity List.")
    assert having(found, "Sanction", entity="Jiangsu Boyang Chemical Co., Ltd.", authority="Department of Commerce")


def test_who_used_the_names_after_a_description(analysed: Analysed) -> None:
    text = ('Named in the indictment is Marta Ilves, 29, a courier who used the names "Kiki" and "Kiki Ilves", '
            "and who shipped the parcels.")  # fmt: skip
    found, _ = run(analysed, text)
    assert having(found, "Person", name="Marta Ilves", alias="Kiki")
    assert having(found, "Person", name="Marta Ilves", alias="Kiki Ilves")


def test_who_went_by_the_name(analysed: Analysed) -> None:
    found, _ = run(analysed, 'Oskar Brandt, who went by the name "Ozzy," ran the press in a rented barn.')
    assert having(found, "Person", name="Oskar Brandt", alias="Ozzy")


def test_an_including_list_member_joined_to_a_place(analysed: Analysed) -> None:
    text = ("During the raid, DEA agents arrested 23 people in Chicago and Atlanta, including the network's "
            "alleged leader, Wu Dezhi, 52, of Arcadia, California, and his chief bookkeeper, Tan Lihua.")  # fmt: skip
    found, _ = run(analysed, text)
    assert having(found, "Action", kind="arrest", target="Wu Dezhi")
    assert having(found, "Action", kind="arrest", target="Tan Lihua")
    assert not having(found, "Action", kind="arrest", target="Arcadia")


def test_a_company_he_owned(analysed: Analysed) -> None:
    text = ("A co-defendant, Pavel Rusnak, 41, who moved the money through Cascade Arcade Games LLC, a company he "
            "owned, pleaded guilty last month.")  # fmt: skip
    found, _ = run(analysed, text)
    assert having(found, "Ownership", owner="Pavel Rusnak", asset="Cascade Arcade Games LLC")


def test_a_bracket_with_a_name_in_another_language_then_its_acronym(analysed: Analysed) -> None:
    text = ("The action was coordinated with Peru's Financial Intelligence Unit (Unidad de Inteligencia "
            "Financiera, or UIF). The UIF froze the accounts.")  # fmt: skip
    found, _ = run(analysed, text)
    assert having(found, "PublicBody", name="Financial Intelligence Unit", alias="UIF")
    assert having(found, "PublicBody", name="Financial Intelligence Unit", alias="Unidad de Inteligencia Financiera")
