"""Coreference the release genre leans on: plural descriptions ("the defendants", "the chemicals"),
a name given again in brackets, titles after an age, and surnames whose full name is in an
earlier story of the same page (fictional names throughout)."""

from __future__ import annotations

from collections.abc import Callable

from tests.extract.test_deps import having, run
from tracegraph.extract import build
from tracegraph.extract.mentions import Analysis
from tracegraph.ids import make_id, text_hash
from tracegraph.settings import Settings
from tracegraph.store import Document, Source, Store


def test_the_defendants_sold_is_each_company_charged(analysed: Callable[..., Analysis]) -> None:
    text = ("A grand jury indicted Oskarn Chemical Co., Ltd., Velmore Trading Limited and their manager Ruan Pei. "
            "According to the indictment, the defendants sold xylazine to buyers in Ohio.")  # fmt: skip
    found, _ = run(analysed, text)
    sellers = {a for f in having(found, "Action", kind="offer", object="Xylazine") for a in f["props"]["actor"]}
    assert sellers == {"Oskarn Chemical Co., Ltd.", "Velmore Trading Limited"}


def test_the_chemicals_are_the_substances_just_named(analysed: Callable[..., Analysis]) -> None:
    text = ("Investigators found invoices for 4-piperidone and ANPP. "
            "Lantern Hill Chemical Co., Ltd. shipped the chemicals through Hong Kong.")  # fmt: skip
    found, _ = run(analysed, text)
    objects = {o for f in having(found, "Action", kind="offer", actor="Lantern Hill Chemical Co., Ltd.")
               for o in f["props"]["object"]}  # fmt: skip
    assert len(objects) == 2


def test_the_other_defendants_are_not_the_group(analysed: Callable[..., Analysis]) -> None:
    text = ("Pei Wenlong and Sato Ichiro were charged with conspiracy. Pei was arrested in Manila. "
            "The other defendants sold carfentanil.")  # fmt: skip
    found, _ = run(analysed, text)
    assert not having(found, "Action", kind="offer")


def test_a_title_after_the_age_is_still_read(analysed: Callable[..., Analysis]) -> None:
    text = ("The defendants are Dorrance Labs LLC and Kell Marrow, 52, the owner and chairman of Dorrance Labs LLC; "
            "and Ivo Prent, 31, a sales executive at Dorrance Labs LLC.")  # fmt: skip
    found, _ = run(analysed, text)
    assert having(found, "Ownership", owner="Kell Marrow", asset="Dorrance Labs LLC")
    assert having(found, "Directorship", director="Kell Marrow", organization="Dorrance Labs LLC")
    assert having(found, "Employment", employee="Ivo Prent", employer="Dorrance Labs LLC")
    charged = {t for f in having(found, "Action", kind="charge") for t in f["props"]["target"]}
    assert {"Dorrance Labs LLC", "Kell Marrow", "Ivo Prent"} <= charged


def test_a_name_in_brackets_after_aka_is_the_same_person(analysed: Callable[..., Analysis]) -> None:
    text = ('Tan Weiming (a.k.a. "Victor Tan") is a broker in Xiamen. Tan controls Xiamen Brightsea Trading Co., Ltd. '
            "His cousin, Tan Jiahui (a.k.a. Jack Tan), runs the websites.")  # fmt: skip
    found, stmts = run(analysed, text)
    assert having(found, "Ownership", owner="Tan Weiming", asset="Xiamen Brightsea Trading Co., Ltd.")
    assert ("Tan Jiahui", "Jack Tan") in {(s.entity_id, s.value) for s in stmts if s.prop == "alias"} or any(
        s.prop == "alias" and s.value == "Jack Tan" for s in stmts
    )


def test_a_seizure_of_a_named_precursor_is_an_event(analysed: Callable[..., Analysis]) -> None:
    text = "Customs and Border Protection officers at the Port of Savannah seized 90 kilograms of 4-piperidone."
    found, _ = run(analysed, text)
    assert having(found, "Action", kind="seize", actor="Customs and Border Protection")


def _page(store: Store, stories: list[str]) -> list[Document]:
    page = "\n\n".join(stories)
    source = Source(id=make_id("src", "page"), uri="page.txt", content_hash=text_hash(page), size=len(page),
                    format="txt")  # fmt: skip
    store.put_source(source, page)
    docs = []
    for seq, text in enumerate(stories):
        doc = Document(id=make_id("doc", "page", str(seq)), source_id=source.id, seq=seq, text=text,
                       published="2025-07-01")  # fmt: skip
        store.put_document(doc)
        docs.append(doc)
    return docs


def test_a_surname_takes_the_full_name_from_an_earlier_story_of_the_page(
    store: Store, settings: Settings, nlp: object
) -> None:
    docs = _page(store, [
        "Treasury sanctioned Elias Brenner, a chemical broker in Rotterdam, in 2024.",
        "Belgian police arrested Brenner in Antwerp on Monday, prosecutors said.",
    ])  # fmt: skip
    build(store, settings, ["ner.spacy.v1", "rel.deps.v1"])
    full = {s.entity_id for s in store.statements(document_id=docs[0].id, prop="name") if s.value == "Elias Brenner"}
    arrested = {s.value for s in store.statements(document_id=docs[1].id, prop="target") if s.schema == "Action"}
    assert full and arrested == full  # the arrest in the second story is Elias Brenner's


def test_contact_block_lines_name_the_sellers_staff(analysed: Callable[..., Analysis]) -> None:
    text = ("Jiangxi Morrow Fine Chemical Co., Ltd. | Products\n\nJiangxi Morrow Fine Chemical Co., Ltd. is a supplier "
            "of piperidone intermediates based in Nanchang.\n\n"
            "Contact\nExport Manager: Ms. Lena Qiao\nMr. Hugo Tang (Sales Director)\n"
            "Email: sales@example.com")  # fmt: skip
    found, _ = run(analysed, text)
    seller = "Jiangxi Morrow Fine Chemical Co., Ltd."
    staff = {
        f["props"].get("employee", f["props"].get("director", [""]))[0]
        for s in ("Employment", "Directorship")
        for f in having(found, s)
        if seller in f["props"].get("employer", f["props"].get("organization", []))
    }
    assert {"Lena Qiao", "Hugo Tang"} <= staff


def test_jun_ends_a_sentence_after_a_given_name(analysed: Callable[..., Analysis]) -> None:
    text = "Tessvale Group is chaired by Wu Jun. OFAC is designating Tessvale Group and Wu Jun."
    found, _ = run(analysed, text)
    assert having(found, "Directorship", director="Wu Jun", organization="Tessvale Group")


def test_the_last_name_of_a_designation_list_is_designated_too(analysed: Callable[..., Analysis]) -> None:
    text = ("Treasury Sanctions Traders\n\nWASHINGTON - Today the Treasury acted against chemical traders.\n\n"
            "OFAC is designating Zhou Wenbin, Lu Hongmei, Corvid Trading Co., Ltd., and Westmarch Logistics "
            "pursuant to E.O. 14059 for their roles in the trade.")  # fmt: skip
    found, _ = run(analysed, text)
    targets = {t for f in having(found, "Sanction") for t in f["props"]["entity"]}
    assert targets == {"Zhou Wenbin", "Lu Hongmei", "Corvid Trading Co., Ltd.", "Westmarch Logistics"}


def test_they_after_two_people_named_together(analysed: Callable[..., Analysis]) -> None:
    text = "Marcus Hale and Dana Pruitt ran an online store in Akron. They sold xylazine to customers in Ohio."
    found, _ = run(analysed, text)
    sellers = {a for f in having(found, "Action", kind="offer") for a in f["props"]["actor"]}
    assert sellers == {"Marcus Hale", "Dana Pruitt"}


def test_they_without_a_plural_antecedent_is_no_one(analysed: Callable[..., Analysis]) -> None:
    found, _ = run(analysed, "Marcus Hale ran an online store in Akron. They sold xylazine to customers in Ohio.")
    assert not having(found, "Action", kind="offer", actor="Marcus Hale")


def test_a_company_short_name_without_its_trade_word(analysed: Callable[..., Analysis]) -> None:
    text = ("Hubei Qiantong Pharmaceutical Co., Ltd. is owned by Fang Liwen. Qiantong advertised protonitazene "
            "on its website.")  # fmt: skip
    found, _ = run(analysed, text)
    assert having(found, "Action", kind="offer", actor="Hubei Qiantong Pharmaceutical Co., Ltd.")


def test_the_company_is_the_one_just_named_by_its_short_name(analysed: Callable[..., Analysis]) -> None:
    text = ("Tianjin Hengrui Chemical Co., Ltd. sold NPP to buyers in Mexico. Sandra Voss, who runs Voss Freight Inc., "
            "arranged the shipments. Qin Shaoyu served as the chief executive of Hengrui until 2023. "
            "The company's owner, Ma Guoping, was indicted in 2024.")  # fmt: skip
    found, _ = run(analysed, text)
    assert having(found, "Ownership", owner="Ma Guoping", asset="Tianjin Hengrui Chemical Co., Ltd.")
    assert not having(found, "Ownership", owner="Ma Guoping", asset="Voss Freight Inc.")


def test_a_role_in_a_whose_clause(analysed: Callable[..., Analysis]) -> None:
    text = "Tianjin Hengrui Chemical Co., Ltd., whose general manager is Qin Shaoyu, sold NPP to buyers in Mexico."
    found, _ = run(analysed, text)
    assert having(found, "Directorship", director="Qin Shaoyu", organization="Tianjin Hengrui Chemical Co., Ltd.")
    assert having(found, "Action", kind="offer", actor="Tianjin Hengrui Chemical Co., Ltd.")
    assert not having(found, "Action", kind="offer", actor="Qin Shaoyu")


def test_a_list_of_two_hundred_names_gives_no_group_larger_than_the_cap(analysed: Callable[..., Analysis]) -> None:
    from tracegraph.extract.coref import MAX_GROUP

    names = ", ".join(f"Corvane Trading{i} Co., Ltd." for i in range(200))
    a = analysed(f"Treasury designated {names}. They sold the chemicals. The companies shipped 4-AP.")
    groups: dict[tuple[int, int], int] = {}
    for m in a.mentions:
        if m.source == "group":
            groups[(m.start, m.end)] = groups.get((m.start, m.end), 0) + 1
    assert groups and max(groups.values()) <= MAX_GROUP


def test_a_surname_ner_misses_still_takes_the_full_name_from_an_earlier_story(
    store: Store, settings: Settings, nlp: object
) -> None:
    docs = _page(store, [
        "The warehouse near Boston was run by a Chinese chemist, Hao Wang.",
        "Wang pleaded guilty and served prison time.",
    ])  # fmt: skip
    build(store, settings, ["ner.spacy.v1", "rel.deps.v1"])
    full = {s.entity_id for s in store.statements(document_id=docs[0].id, prop="name") if s.value == "Hao Wang"}
    convicted = {s.value for s in store.statements(document_id=docs[1].id, prop="target") if s.schema == "Action"}
    assert full and convicted == full


COUNTED = ("The Department of State is offering rewards for three men.\n\n"
           "Ruben Ocampo Lira leads the Cartel del Valle Seco.\n\n"
           "Mateo Garza Quiroz, his chief chemist, buys precursors from China.\n\n"
           "Fan Zhiyong runs a chemical plant in Hubei that sells them 4-piperidone.\n\n")  # fmt: skip


def test_all_three_men_are_the_three_named_before(analysed: Callable[..., Analysis]) -> None:
    found, _ = run(analysed, COUNTED + "OFAC sanctioned all three men under Executive Order 14059.")
    assert {t for f in having(found, "Sanction") for t in f["props"]["entity"]} == {
        "Ruben Ocampo Lira",
        "Mateo Garza Quiroz",
        "Fan Zhiyong",
    }


def test_a_count_that_does_not_fit_the_names_points_at_no_one(analysed: Callable[..., Analysis]) -> None:
    found, _ = run(analysed, COUNTED + "OFAC sanctioned all five persons under Executive Order 14059.")
    assert not having(found, "Sanction")  # two people and a cartel: five persons would be a guess
