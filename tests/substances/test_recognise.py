"""Finding substances in text by name, synonym, abbreviation and CAS number."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracegraph.errors import InputError
from tracegraph.substances import find_cas, find_substances, is_valid_cas, normalise_cas


def ids(text: str) -> list[str]:
    return [m.substance_id for m in find_substances(text)]


def test_names_synonyms_and_abbreviations() -> None:
    text = "Offers of 4-AP, 1-boc-4-AP, ANPP, NPP and norfentanyl; also N-phenethyl-4-piperidone."
    assert ids(text) == [
        "n-phenylpiperidin-4-amine",
        "1-boc-4-ap",
        "4-anilino-n-phenethylpiperidine",
        "n-phenethyl-4-piperidone",
        "norfentanyl",
        "n-phenethyl-4-piperidone",
    ]


def test_mentions_carry_spans_and_how_they_were_found() -> None:
    text = "Seized: Carfentanyl (CAS 59708-52-0) and U-47700."
    found = find_substances(text)
    assert [(text[m.start : m.end], m.how) for m in found] == [
        ("Carfentanyl", "synonym"),
        ("59708-52-0", "cas"),
        ("U-47700", "name"),
    ]
    assert found[0].entity_id == found[1].entity_id
    assert found[0].name == "Carfentanil"


def test_longest_match_wins_and_words_must_be_whole() -> None:
    assert ids("1-boc-4-piperidone") == ["1-boc-4-piperidone"]
    assert ids("acetylfentanyl") == ["acetyl-fentanyl"]
    assert ids("SNPP and NPPX are not NPP-like precursors") == ["n-phenethyl-4-piperidone"]
    assert ids("fentanyls") == ["fentanyl"]


def test_case_insensitive_and_chinese_and_spanish_names() -> None:
    assert ids("FENTANYL, 芬太尼, Fentanila") == ["fentanyl", "fentanyl", "fentanyl"]
    assert ids("出售去氧麻黄碱") == ["methamphetamine"]  # Chinese names as China's catalogues give them
    assert ids("Acetona y 4-piperidona") == ["acetone", "4-piperidone"]  # Spanish names as the Red List gives them


def test_cas_with_a_wrong_check_digit_is_not_a_mention() -> None:
    assert ids("CAS 79099-07-4") == []
    assert [c.valid for c in find_cas("CAS 79099-07-4 and 79099-07-3")] == [False, True]
    with pytest.raises(InputError, match="check digit"):
        normalise_cas("79099-07-4")
    assert is_valid_cas("437-38-7") and not is_valid_cas("437-38-8")


def test_empty_and_junk_text() -> None:
    assert find_substances("") == []
    assert find_substances("\x00\x01\ufffd" * 100) == []
    assert find_substances("İstanbul fentanyl")[0].text == "fentanyl"


@pytest.mark.slow
def test_mentions_in_the_seed_pages(shared: Path) -> None:
    seeds = shared / "corpus" / "seeds"
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt")))
    found = {m.substance_id for m in find_substances(text)}
    assert {
        "fentanyl",
        "u-47700",
        "nitazenes-china-class",
        "protonitazene",
        "4-piperidone",
        "1-boc-4-piperidone",
    } <= found


def test_common_word_and_short_synonyms_need_drug_context() -> None:
    for text in [
        "The ice on the lake melted early this spring.",
        "A crystal vase and a speed record.",
        "H is the eighth letter; China white porcelain sold well.",
        "Justice Department Cracks Down on Internet Crime.",
    ]:
        assert ids(text) == [], text
    assert ids("Police seized two kilograms of ice in the raid.") == ["methamphetamine"]
    assert ids("He sold crank to undercover officers, 3 grams at a time.") == ["methamphetamine"]


def test_a_synonym_is_never_another_substances_own_name() -> None:
    # "(+)-Cocaine" is a PubChem synonym of allococaine; "cocaine" is cocaine
    assert ids("drugs including cocaine") == ["cocaine"]
    assert ids("methamphetamine, acetone and caffeine") == ["methamphetamine", "acetone", "caffeine"]


def test_long_and_short_texts_find_the_same_names() -> None:
    # texts over 400 words are located by one walk over the words, short ones by string search
    part = "Seized fentanyl and 4-ANPP precursors; acetone and 1-boc-4-piperidone were found. " + "word " * 30
    short = find_substances(part)
    long = find_substances(part * 20)
    assert [m.substance_id for m in long] == [m.substance_id for m in short] * 20
    assert all(part * 20 and (part * 20)[m.start : m.end] == m.text for m in long)


@pytest.mark.parametrize(
    "text",
    [
        "Investigators said Okafor denied selling drugs of any kind to the Bajo Sur cartel.",
        "The seized ledger covered a business trip to Lagos; agents seized 3 kilograms of powder.",
        "Agents seized the drugs during the trip from Manzanillo.",
        "The couriers fled at high speed before police seized the narcotics.",
        "Traffickers used the doc to log kilograms of powder bound for dealers.",
        "The spa owner laundered proceeds for drug dealers.",
        "The order is effective 06/09/2021 for controlled substances and precursors.",
        "Customs seized glass jars and precursor chemicals and concentrate in the raid.",
    ],
)
def test_everyday_words_and_list_qualifiers_name_no_substance(text: str) -> None:
    assert find_substances(text) == []


def test_street_names_and_acronyms_still_count_in_drug_context() -> None:
    found = find_substances("Dealers sold trip and ice at the club; one seized bag held DOC.")
    assert [(m.text, m.name) for m in found] == [
        ("trip", "Alpha-ethyltryptamine"),
        ("ice", "Methamphetamine"),
        ("DOC", "1-(4-Chloro-2,5-dimethoxyphenyl)propan-2-amine"),
    ]
