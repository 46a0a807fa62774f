"""Seller listings: one offer per product, with seller, contacts, terms, destinations, stealth and controls."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.substances.conftest import fixture_text, listing_page
from tracegraph.substances.listing_statements import listing_statements_for_text
from tracegraph.substances.listings import extract_offers, html_to_text, is_listing_page


def test_b2b_product_page() -> None:
    [main, *related] = extract_offers(listing_page("jinchao_novachem_boc_piperidone.html"))
    assert main.product.key == "1-boc-4-piperidone"
    assert main.seller is not None and main.seller.value == "Hebei Jinchao Novachem Co., Ltd."
    assert [a.value for a in main.seller_aliases] == ["河北金潮诺瓦化工有限公司"]
    assert main.values("casNumber") == ["79099-07-3"]
    assert main.values("purity") == ["99.5%"]
    assert main.values("price") == ["US$ 450-650/kg"]
    assert main.values("minimumQuantity") == ["1 kg"]
    assert main.values("destination") == ["MX", "US", "CA"]
    assert main.values("phone") == ["+8615555012345"]
    assert set(main.values("messenger")) == {
        "whatsapp:+8615555012345",
        "wickr:novachem_amy",
        "telegram:@novachem_amy",
        "wechat:novachem-amy88",
    }
    assert main.values("wallet") == ["trx:TQ7yJd4e2kVbWcR9pXs3nLm8HfGt5aZuQe"]
    assert {"hidden food bags", "100% customs clearance", "stealth shipping", "packaging made to measure"} <= set(
        main.values("stealth")
    )
    assert main.date_value == "2025-08-02"
    assert main.controlled and main.controls["MX"][0].basis == "convention"
    assert [o.product.key for o in related] == ["4-piperidone", "n-phenethyl-4-piperidone"]


def test_catalogue_gives_one_offer_per_product_with_its_own_terms() -> None:
    offers = extract_offers(listing_page("lianxu_catalogue.txt"))
    assert [o.product.key for o in offers] == [
        "4-piperidone",
        "n-phenethyl-4-piperidone",
        "4-anilino-n-phenethylpiperidine",
        "xylazine",
    ]
    assert [o.values("casNumber") for o in offers] == [["40064-34-4"], ["39742-60-4"], ["21409-26-7"], ["7361-61-7"]]
    assert offers[2].values("price") == ["US$ 900/kg"]
    assert offers[1].values("minimumQuantity") == ["500 g"]
    assert offers[0].values("wallet") == ["btc:bc1qv3n8xk2d7yq4lz0t5hj9e6w2c8r4m7pfs0ga3u"]
    assert "envío discreto" in offers[0].values("stealth")
    xylazine = offers[3]
    assert not xylazine.controlled  # not federally controlled in the US, nor under the conventions
    assert offers[2].controls["US"][0].schedule == "Schedule II"
    assert offers[2].controls["US"][0].citation.startswith("21 CFR 1308.12(g)")


def test_novel_analogue_known_only_by_structure() -> None:
    fentanyl_like, nitazene_like = extract_offers(listing_page("ruixin_research_chemicals.html"))
    assert fentanyl_like.product.novel and fentanyl_like.product.name == "RX-2025A"
    assert [c.rule for c in fentanyl_like.controls["US"]] == ["us.frs.phenethyl-anilidopiperidine"]
    assert fentanyl_like.controls["MX"] == []
    assert nitazene_like.product.novel
    assert [m.class_key for m in nitazene_like.product.classes] == ["cn_nitazene_class"]
    assert not nitazene_like.controlled  # offered to US/MX/CA, where no nitazene class control is recorded
    assert "eth:0x7e2a91c4d05b38f6a2e41d9c7b3f0a58e6d12c9f" in nitazene_like.values("wallet")


def test_spanish_page() -> None:
    offers = extract_offers(listing_page("tienda_quimica_es.txt"))
    assert [o.product.key for o in offers] == ["protonitazene", "xylazine"]
    assert offers[0].seller is not None and offers[0].seller.value.startswith("Química del Norte")
    assert offers[0].values("destination") == ["MX", "US"]
    assert offers[0].values("phone") == ["+525555012345"]
    assert [c.basis for c in offers[0].controls["US"]] == ["listed", "convention"]


@pytest.mark.parametrize(
    "text",
    [
        fixture_text("news_about_listings.txt"),
        fixture_text("russian_page.txt"),
        "",
        "\x00\xff binary junk \x89PNG" * 50,
        "<html><body><p>fentanyl</p></body></html>",
        "<html><body><<<</p>",
        "<html><body>\x00\x01 NPP \x7f</body></html>",
        '{"product": "NPP", "note": "no price, no contact"}',
    ],
)
def test_pages_that_are_not_listings_give_no_offers(text: str) -> None:
    assert extract_offers(text) == []
    assert not is_listing_page(text)


def test_an_unparsable_structure_is_skipped_not_fatal() -> None:
    assert extract_offers(fixture_text("bad_structure_listing.txt")) == []


def test_html_is_reduced_to_visible_text() -> None:
    text = html_to_text("<html><head><title>T</title><script>x=1</script></head><body><p>a</p><p>b</p></body></html>")
    assert text == "a\nb"


def test_statements_carry_spans_into_the_text() -> None:
    text = listing_page("lianxu_catalogue.txt")
    statements = listing_statements_for_text(text)
    listing = [s for s in statements if s.schema == "Listing"]
    assert listing and all(s.span_start is not None for s in listing)
    cas = next(s for s in listing if s.prop == "casNumber")
    assert text[cas.span_start : cas.span_end] == cas.value
    sellers = {s.value for s in statements if s.schema == "Company" and s.prop == "name"}
    assert sellers == {"Shanghai Lianxu Biotech Co., Limited"}
    assert any(
        s.prop == "controlledIn" and s.value == "mx" and s.record_id == "registry:n-phenethyl-4-piperidone"
        for s in listing
    )


@pytest.mark.slow
def test_the_seed_news_pages_are_not_listings(shared: Path) -> None:
    for path in sorted((shared / "corpus" / "seeds").glob("*.txt")):
        assert extract_offers(path.read_text(encoding="utf-8")) == [], path.name


def test_text_as_left_by_html_conversion() -> None:
    # Markdown escapes in handles, a product heading lost, the company only in the page metadata
    text = (
        "SMILES: CCC(=O)N(c1ccc(F)cc1)C1CCN(CCc2cccs2)CC1\nPrice: $900/kg\n\n"
        "Product: RX-9\nSMILES: CCOc1ccc(Cc2nc3ccccc3n2CCN(CC)CC)cc1\n\n"
        "Ship to USA.\nTelegram: @rx\\_lab\n河北某某化工有限公司\n"
    )
    first, second = extract_offers(text, html=False, seller_hint="Hebei Example Chemical Co., Ltd.")
    assert first.product.name.startswith("unnamed structure ")
    assert second.product.key == "etodesnitazene"  # the structure is a registry substance (China's catalogue)
    assert first.values("messenger") == ["telegram:@rx_lab"]
    assert first.seller is not None and first.seller.value == "Hebei Example Chemical Co., Ltd."
    assert [a.value for a in first.seller_aliases] == ["河北某某化工有限公司"]
    statements = listing_statements_for_text(text)
    assert statements  # raw-text path works without a document


def test_control_characters_in_html_do_not_stop_extraction() -> None:
    [offer] = extract_offers("<html><body><p>NPP for sale \x00 $300/kg a@b.example</p></body></html>")
    assert offer.product.key == "n-phenethyl-4-piperidone" and offer.values("price") == ["$300/kg"]


def test_products_named_in_an_introduction_are_anchored_at_their_terms() -> None:
    text = (
        "We supply NPP and 4-ANPP to Mexico. WhatsApp: +86 155 5501 2345\n\n"
        "NPP\nCAS 39742-60-4, purity 99%\nPrice: $300/kg\n\n"
        "4-ANPP\nCAS 21409-26-7\nPrice: $800/kg\n"
    )
    npp, anpp = extract_offers(text)
    assert npp.values("price") == ["$300/kg"] and npp.values("casNumber") == ["39742-60-4"]
    assert anpp.values("price") == ["$800/kg"] and anpp.values("casNumber") == ["21409-26-7"]


def test_chinese_forum_post() -> None:
    anpp, npp = extract_offers(listing_page("forum_post_zh_en.txt"))
    assert (anpp.product.key, npp.product.key) == ("4-anilino-n-phenethylpiperidine", "n-phenethyl-4-piperidone")
    assert anpp.anchor.value == "4-ANPP"  # China's precursor catalogue (with its Chinese names) is not a source
    assert anpp.seller is not None and anpp.seller.value == "武汉盛达化工有限公司"
    assert anpp.values("price") == ["¥6500/公斤"] and anpp.values("minimumQuantity") == ["1公斤"]
    assert anpp.values("purity") == ["99.3%"] and npp.values("casNumber") == ["39742-60-4"]
    assert set(anpp.values("destination")) == {"MX", "US", "CA"}
    assert anpp.values("paymentMethod") == ["Alipay", "USDT", "Bitcoin"]
    assert "wechat:shengda_wang88" in anpp.values("messenger")
    assert anpp.date_value == "2024-06-18"
    assert {"包清关", "隐蔽包装"} <= set(anpp.values("stealth"))


def test_a_list_i_chemical_to_the_us_is_flagged_from_its_date_of_control() -> None:
    page = (
        "Propionyl chloride 99% in stock, hot sale to USA and Mexico.\n"
        "CAS 79-03-8. Price: $50/kg. WhatsApp: +86 155 5501 2345\nUpdated: {date}\n"
    )
    [after] = extract_offers(page.format(date="2026-05-01"))
    [us] = after.controls["US"]
    assert (us.schedule, us.since) == ("List I", "2026-04-09") and "91 FR 11450" in us.citation
    [before] = extract_offers(page.format(date="2026-03-01"))
    assert before.controls["US"] == []
