from __future__ import annotations

import pytest

from tracegraph.errors import InputError
from tracegraph.screen.features import Query, align
from tracegraph.screen.matcher import Matcher
from tracegraph.screen.names import name_variants


def _top(matcher: Matcher, name: str, schema: str = "LegalEntity", **kw: list[str]) -> tuple[str, float, bool]:
    results = matcher.match(Query([name], schema, **kw))
    assert results, f"no candidates for {name}"
    return results[0].entity.caption, results[0].score, results[0].match


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Orlan Pettigrew Quillfeather", "QUILLFEATHER, Orlan Pettigrew"),  # token order
        ("Orlan Petigrew Quilfeather", "QUILLFEATHER, Orlan Pettigrew"),  # typos
        ("Mr. Orlan Quillfeather", "QUILLFEATHER, Orlan Pettigrew"),  # honorific, middle name left out
        ("Blueheron Fine Chemical Company Limited", "BLUEHERON FINE CHEMICAL CO., LTD."),  # legal form
        ("Тавин Рокшар Абдулван", "TAVIN ROKSHAR ABDULVAN"),  # Cyrillic
        ("Xi Mingyuan", "习 明远"),  # Han, surname first
        ("Mingyuan Xi", "习 明远"),  # Han, given name first
    ],
)
def test_names_across_forms_match(matcher: Matcher, query: str, listed: str) -> None:
    caption, score, match = _top(matcher, query)
    assert caption == listed
    assert match, f"{query} scored {score}"


def test_unrelated_name_does_not_match(matcher: Matcher) -> None:
    results = matcher.match(Query(["Meadowlark Bakery"], "Company"))
    assert not any(r.match for r in results)


def test_person_query_does_not_match_a_company(matcher: Matcher) -> None:
    results = matcher.match(Query(["Blueheron Fine Chemical"], "Person"))
    assert not any(r.entity.schema == "Organization" for r in results)


def test_birth_date_and_country_change_the_score_with_reasons(matcher: Matcher) -> None:
    same = matcher.match(Query(["Orlan Quillfeather"], "Person", birth_dates=["1971-03-14"]))[0]
    other = matcher.match(Query(["Orlan Quillfeather"], "Person", birth_dates=["1990"], countries=["Brazil"]))[0]
    assert same.score > other.score
    assert "1990" in other.reasons["birth_date"]
    assert "br" in other.reasons["country"]
    assert not other.match


def test_identifier_lifts_a_weak_name(matcher: Matcher) -> None:
    result = matcher.match(Query(["Moonwort"], "Company", identifiers=["555-0001"]))[0]
    assert result.match and "5550001" in result.reasons["identifier"]


def test_every_result_explains_its_name_score(matcher: Matcher) -> None:
    result = matcher.match(Query(["Orlan Petigrew Quilfeather"], "Person"))[0]
    assert "petigrew~pettigrew" in result.reasons["name"]


def test_threshold_is_configurable(matcher: Matcher) -> None:
    query = Query(["Orlan Quillfeather"], "Person")
    assert matcher.match(query, threshold=0.5)[0].match
    assert not matcher.match(query, threshold=0.99)[0].match


@pytest.mark.parametrize("name", ["", "   ", "\u200f\u202e", "\x00\x01"])
def test_empty_names_are_a_clear_error(matcher: Matcher, name: str) -> None:
    with pytest.raises(InputError, match="no usable name"):
        matcher.match(Query([name]))


def test_one_character_name_is_a_clear_error(matcher: Matcher) -> None:
    with pytest.raises(InputError, match="too short"):
        matcher.match(Query(["x"]))


def test_huge_and_rtl_names_give_a_clean_answer(matcher: Matcher) -> None:
    assert not any(r.match for r in matcher.match(Query(["a" * 10_000])))
    caption, _, match = _top(matcher, "\u202bOrlan\u200f Quillfeather\u202c\x07", "Person")
    assert caption.startswith("QUILLFEATHER") and match


def test_alignment_counts_extra_listed_tokens_lightly() -> None:
    full, _ = align(("orlan", "quillfeather"), ("quillfeather", "orlan", "pettigrew"))
    missing, _ = align(("orlan", "quillfeather", "pettigrew"), ("quillfeather", "orlan"))
    assert full > missing


def test_han_name_yields_surname_given_variant() -> None:
    assert ("xi", "mingyuan") in name_variants("习明远")


def test_identifier_finds_a_party_under_another_name(matcher: Matcher) -> None:
    result = matcher.match(Query(["Zebra Unrelated Name"], "Company", identifiers=["91130000MA0FAKE01"]))[0]
    assert result.entity.caption == "BLUEHERON FINE CHEMICAL CO., LTD." and result.match
    only_id = matcher.match(Query([], "LegalEntity", identifiers=["QX1234567"]))[0]
    assert only_id.entity.caption.startswith("QUILLFEATHER")


def test_concurrent_queries_get_their_own_answers(matcher: Matcher) -> None:
    from concurrent.futures import ThreadPoolExecutor

    names = ["Orlan Quillfeather", "Blueheron Fine Chemical", "Tavin Rokshar", "Moonwort Trading", "Glasswing"] * 20
    serial = [matcher.match(Query([n]))[0].entity.id for n in names]
    with ThreadPoolExecutor(8) as pool:
        parallel = list(pool.map(lambda n: matcher.match(Query([n]))[0].entity.id, names))
    assert parallel == serial


def test_birth_dates_in_list_spellings_are_understood(matcher: Matcher) -> None:
    result = matcher.match(Query(["Orlan Quillfeather"], "Person", birth_dates=["14 Mar 1971"]))[0]
    assert result.features["birth_date"] > 0
    assert matcher.match(Query(["Orlan Quillfeather"], "Person", birth_dates=["sometime"]))[0].match


@pytest.mark.parametrize("names", [["Zolvetra AO", "Zolvetra OOO"], ["Zolvetra OOO", "Zolvetra AO"]])
def test_of_names_that_score_alike_the_one_whose_legal_form_agrees_explains_the_match(names: list[str]) -> None:
    from tracegraph.screen.index import Listed, NameIndex

    matcher = Matcher(NameIndex([Listed("z1", "Company", None, names)]))
    top = matcher.match(Query(["Zolvetra LLC"], "Company"))[0]
    assert "'Zolvetra OOO'" in top.reasons["name"]
    assert top.features["legal_form"] > 0 and top.score == 1.0
