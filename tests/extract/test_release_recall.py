"""rel.deps.v1 on sentences of the kinds official releases, indictments and seller pages use, each
one a case the step missed before December 2026 (fictional names throughout)."""

from __future__ import annotations

from collections.abc import Callable

from tests.extract.test_deps import having, run
from tracegraph.extract.analyse import analyse
from tracegraph.extract.gazetteer import Gazetteer
from tracegraph.extract.mentions import Analysis
from tracegraph.extract.substances import find_substance_mentions
from tracegraph.store import Document


def test_indictment_lists_defendants_after_the_company(analysed: Callable[..., Analysis]) -> None:
    text = ("A grand jury returned an indictment charging Qinghe Dali Chemical Co. Ltd. and two of its managers, "
            "Pan Ruoxi and Lu Zhiwen, with importing fentanyl precursors.")  # fmt: skip
    found, _ = run(analysed, text)
    targets = {t for f in having(found, "Action", kind="charge") for t in f["props"]["target"]}
    assert {"Qinghe Dali Chemical Co. Ltd.", "Pan Ruoxi", "Lu Zhiwen"} <= targets


def test_family_name_first_is_the_person_later(analysed: Callable[..., Analysis]) -> None:
    text = ("Deng Weiguo, 44, of Nanning, pleaded guilty in May. U.S. District Judge Carla Morrow sentenced Deng. "
            "He was arrested by Homeland Security Investigations agents in Manila in 2024.")  # fmt: skip
    found, _ = run(analysed, text)
    assert having(found, "Action", kind="sentence", target="Deng Weiguo")
    assert having(found, "Action", kind="arrest", target="Deng Weiguo")
    assert not having(found, "Action", kind="arrest", target="Carla Morrow")


def test_short_company_name_after_the_full_one(analysed: Callable[..., Analysis]) -> None:
    text = ("Lu operated Changsha Hengyi Technology Co. Ltd., a firm that advertised carfentanil. "
            "Mo Tian, a former employee of Hengyi, was charged in the same indictment.")  # fmt: skip
    found, _ = run(analysed, text)
    assert having(found, "Employment", employee="Mo Tian", employer="Changsha Hengyi Technology Co. Ltd.")
    assert having(found, "Action", kind="charge", target="Mo Tian")


def test_operating_a_company_is_running_it(analysed: Callable[..., Analysis]) -> None:
    found, _ = run(analysed, "Kuang Mingyu operated Fuzhou Lantian Biotech Co. Ltd. from 2019 until his arrest.")
    assert having(found, "Directorship", director="Kuang Mingyu", organization="Fuzhou Lantian Biotech Co. Ltd.")


def test_legal_form_name_is_one_company(nlp: object) -> None:
    text = ("Hunan Xiangjiang Fine Chemical Co., Ltd. - Products\n\nHunan Xiangjiang Fine Chemical Co., Ltd. "
            "(Xiangjiang Fine) is a supplier based in Changsha.\n\nXiangjiang Fine ships worldwide.")  # fmt: skip
    doc = Document(id="d", source_id="s", seq=0, text=text)
    a = analyse(doc, nlp(text), Gazetteer())  # type: ignore[operator]
    names = {m.name for m in a.mentions if m.kind == "actor"}
    assert names == {"Hunan Xiangjiang Fine Chemical Co., Ltd."}


def test_operates_under_the_name_is_an_alias(analysed: Callable[..., Analysis]) -> None:
    text = ("Ningbo Kaisheng Chemical Co. Ltd. shipped fentanyl. Ningbo Kaisheng, which also operates under the "
            "name Kaisheng Bio, used false labels.")  # fmt: skip
    _, stmts = run(analysed, text)
    assert "Kaisheng Bio" in {s.value for s in stmts if s.prop == "alias"}


def test_leader_of_a_bracketed_organisation(analysed: Callable[..., Analysis]) -> None:
    text = ("Treasury sanctioned Ma Jinrong, the leader of a Kunming-based trafficking network (the Ma "
            "Organization) that supplies the Sinaloa Cartel.")  # fmt: skip
    found, _ = run(analysed, text)
    assert having(found, "Directorship", director="Ma Jinrong", organization="Ma Organization")


def test_precursor_trade_names_and_systematic_names() -> None:
    text = ("It sold 4-AP, BMK glycidate, 1-(2-phenylethyl)-4-piperidone and "
            "tert-butyl 4-(phenylamino)piperidine-1-carboxylate.")  # fmt: skip
    found = {m.text: m.name for m in find_substance_mentions(text)}
    assert "4-AP" in found and "BMK glycidate" in found
    assert found["1-(2-phenylethyl)-4-piperidone"] == "N-phenethyl-4-piperidone"  # NPP, not 4-piperidone
    assert "piperidine" not in {n.lower() for n in found.values()}


def test_designation_list_read_as_a_clause_subject(analysed: Callable[..., Analysis]) -> None:
    text = ("OFAC sanctioned four firms today. OFAC is designating Tanghe Trading Co., Ltd., Wei Shuang, and "
            "Rong Kaiming pursuant to E.O. 14059.")  # fmt: skip
    found, _ = run(analysed, text)
    targets = {f["props"]["entity"][0] for f in having(found, "Sanction")}
    assert {"Tanghe Trading Co., Ltd.", "Wei Shuang", "Rong Kaiming"} <= targets


def test_the_defendants_are_a_list_of_the_charged(analysed: Callable[..., Analysis]) -> None:
    text = ("The defendants are Tanghe Trading Co., Ltd.; Wei Shuang, 40, the company's president; and Rong "
            "Kaiming, 33, a salesman. The other defendants remain at large.")  # fmt: skip
    found, _ = run(analysed, text)
    targets = {t for f in having(found, "Action", kind="charge") for t in f["props"]["target"]}
    assert {"Tanghe Trading Co., Ltd.", "Wei Shuang", "Rong Kaiming"} <= targets
    assert having(found, "Directorship", director="Wei Shuang")
    assert not having(found, "Directorship", director="Rong Kaiming")  # the salesman is no president


def test_substances_the_parser_left_without_a_verb(analysed: Callable[..., Analysis]) -> None:
    found, _ = run(analysed, "According to the indictment, Wei Shuang and Rong Kaiming sold ANPP and NPP to buyers.")
    offers = having(found, "Action", kind="offer")
    assert offers and len(offers[0]["props"]["object"]) == 2


def test_taken_into_custody_is_an_arrest(analysed: Callable[..., Analysis]) -> None:
    found, _ = run(analysed, "Rong Kaiming was taken into custody in Thailand on June 2.")
    assert having(found, "Action", kind="arrest", target="Rong Kaiming")


def test_short_name_that_ner_read_as_its_own_company(analysed: Callable[..., Analysis]) -> None:
    text = ("OFAC sanctioned Tanghe Trading Co., Ltd. today. Gu Lan is Tanghe Trading's general manager. "
            "Tanghe Trading is owned by Ruyi Holdings Group.")  # fmt: skip
    found, _ = run(analysed, text)
    assert having(found, "Ownership", owner="Ruyi Holdings Group", asset="Tanghe Trading Co., Ltd.")


def test_spokesperson_speaks_for_the_body_named_before(analysed: Callable[..., Analysis]) -> None:
    text = ("A Chinese defence ministry spokesperson said on Monday that the drills would go on. The navy will "
            "act, spokesperson Qin Haobo told a press conference.")  # fmt: skip
    found, _ = run(analysed, text)
    reps = having(found, "Representation", agent="Qin Haobo")
    assert reps and reps[0]["props"]["client"] == ["China"]


def test_a_single_name_with_an_age_is_a_person(analysed: Callable[..., Analysis]) -> None:
    a = analysed("Hong Kong media tycoon Jimmy Lok was in court. Lok, 77, has pleaded not guilty.")
    assert all(m.schema == "Person" for m in a.mentions if m.text == "Lok" and m.kind == "actor")


def test_a_person_and_a_company_are_not_one_company_name(nlp: object) -> None:
    text = "The Justice Department unsealed an indictment against Kai Ren and Huatai Chemical Co., Ltd. today."
    a = analyse(Document(id="d", source_id="s", seq=0, text=text), nlp(text), Gazetteer())  # type: ignore[operator]
    names = {m.name for m in a.mentions if m.kind == "actor"}
    assert "Huatai Chemical Co., Ltd." in names and "Kai Ren" in names
    assert not any(" and " in n for n in names)


def test_faces_charges_found_guilty_received_a_sentence(analysed: Callable[..., Analysis]) -> None:
    text = ("Kai Ren, who owns Huatai Chemical Co., Ltd., faces charges of conspiracy. Ren was found guilty by a "
            "federal jury on Tuesday. Ren received a sentence of 20 years.")  # fmt: skip
    found, _ = run(analysed, text)
    kinds = {f["props"]["kind"][0] for f in having(found, "Action", target="Kai Ren")}
    assert {"charge", "convict", "sentence"} <= kinds


def test_catalogue_lines_and_the_company_on_a_seller_page(analysed: Callable[..., Analysis]) -> None:
    text = ("Hubei Kangrun Pharmatech Co., Ltd. - Home | Products\n\nWe are a manufacturer in Wuhan and a subsidiary "
            "of Kangrun Group.\n\nFeatured products:\nProtonitazene CAS 119276-01-6\nMetonitazene\n\n"
            "Our CEO, Mr. Lei Feng, founded the company. Contact person: Ms. Amy Xu (sales manager).")  # fmt: skip
    found, _ = run(analysed, text)
    objects = {o for f in having(found, "Action", kind="offer") for o in f["props"]["object"]}
    assert {"Protonitazene", "Metonitazene"} <= objects
    assert not having(found, "Directorship", director="Lei Feng", organization="Kangrun Group")
    assert having(found, "Employment", employee="Amy Xu", employer="Hubei Kangrun Pharmatech Co., Ltd.")


def test_an_acronym_used_above_its_definition(analysed: Callable[..., Analysis]) -> None:
    text = ("Gen Somchai Prasert, NIB Commissioner, greets NPA Commissioner Ruth Keane.\n\n"
            "Gen Somchai Prasert of the National Investigation Bureau (NIB) met officers of the National "
            "Police Agency (NPA) in Canberra.")  # fmt: skip
    found, _ = run(analysed, text)
    assert having(found, "Directorship", director="Ruth Keane", organization="National Police Agency")


def test_two_word_company_name_and_its_first_word(analysed: Callable[..., Analysis]) -> None:
    text = ("Tianmu Biotechnology in Ningbo is wholly state-owned, investigators found. Officials visited Tianmu "
            "and praised it. Tianmu did not respond to requests for comment.")  # fmt: skip
    a = analysed(text)
    assert {m.name for m in a.mentions if m.text == "Tianmu"} == {"Tianmu Biotechnology"}


def test_hyphenated_pair_before_bilateral_trade(analysed: Callable[..., Analysis]) -> None:
    found, _ = run(analysed, "The value of Vietnam-Cambodia bilateral trade has reached 12.5 billion dollars in 2024.")
    trade = having(found, "Action", kind="trade")
    assert trade and {*trade[0]["props"]["actor"], *trade[0]["props"]["target"]} == {"Vietnam", "Cambodia"}
