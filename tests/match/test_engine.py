"""The matching engine: names with legal forms, across scripts, run together, and what must not match."""

from __future__ import annotations

import pytest

from tracegraph.match import Query, compare, compare_names, name_forms, name_key
from tracegraph.screen.index import Listed, NameIndex
from tracegraph.screen.matcher import DEFAULT_THRESHOLD, Matcher


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("JOINT STOCK COMPANY ORLANEFT", "ORLANEFT JSC"),  # legal form moved and abbreviated
        ("Blueheron Fine Chemical Co., Ltd.", "Blueheron Fine Chemical Company Limited"),
        ("Blueheron Fine Chemical Co., Ltd.", "Blueheron Fine Chemical LLC"),
        ("OOO Kvartoprom", "Kvartoprom LLC"),
        ("Kvartoprom", "LIMITED LIABILITY COMPANY KVARTOPROM"),  # legal form dropped
        ("Veteran AviaLLC", "Veteran Avia LLC"),  # legal form glued to the name
        ("LIMITED LIABILTY COMPANY ZORKAVIA", "LIMITED LIABILITY COMPANY ZORKAVIA"),  # a typo in the legal form
        ("Saransk Company Electronic", "Saransk Electronic Company"),
        ("Orlaneftegaz Trading", "Orlaneft Egaz Trading"),  # words run together
    ],
)
def test_company_names_match_whatever_their_legal_form(left: str, right: str) -> None:
    result = compare_names(left, right, "Company")
    assert result.score >= DEFAULT_THRESHOLD, result.reasons


def test_legal_forms_are_their_own_feature() -> None:
    agree = compare_names("Blueheron Trading Co., Ltd.", "Blueheron Trading OOO", "Company")
    differ = compare_names("Blueheron Trading LLC", "Blueheron Trading JSC", "Company")
    assert agree.features["legal_form"] > 0 and "agree" in agree.reasons["legal_form"]
    assert differ.features["legal_form"] < 0 and "differ" in differ.reasons["legal_form"]
    assert differ.features["name"] == 1.0  # the form never counts as a name word
    assert differ.score < agree.score


def test_legal_forms_are_not_name_tokens() -> None:
    (form,) = name_forms("JOINT STOCK COMPANY ORLANEFT", "org")
    assert form.tokens == ("orlaneft",)
    assert "JSC" in form.legal
    assert name_key("Orlaneft JSC", "org") == name_key("Joint Stock Company Orlaneft", "org") == "orlaneft"


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("鹏 高", "DENG, Gao"),  # peng is not deng: another character, another sound
        ("明 晨 郭", "CHEN, Guo Ping"),  # ming is not ping
        ("习近平", "YANG, Jianping"),
    ],
)
def test_han_names_share_sounds_or_do_not_match(left: str, right: str) -> None:
    assert compare_names(left, right, "Person").score < DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("left", "right"),
    [("郑福景", "ZHENG, Fujing"), ("郭明晨", "CHEN, Mingguo"), ("Владимир Путин", "PUTIN, Vladimir")],
)
def test_names_across_scripts_match_by_transliteration(left: str, right: str) -> None:
    assert compare_names(left, right, "Person").score >= DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("OZEAN OF INTERNAL AFFAIRS OF THE GOMEL COMMITTEE", "DEPARTMENT OF INTERNAL AFFAIRS OF THE GOMEL COMMITTEE"),
        ("KOMOTKO 5 CO., LIMITED", "KOMOTKO CO., LIMITED"),  # a number the other lacks
        ("Orlaneft Trading Two", "Orlaneft Shipping Two"),
    ],
)
def test_a_different_word_is_a_different_company(left: str, right: str) -> None:
    assert compare_names(left, right, "Company").score < DEFAULT_THRESHOLD


def test_common_words_alone_do_not_match() -> None:
    parties = [
        Listed(f"c{i}", "Company", f"{w} TRADING FZCO", [f"{w} TRADING FZCO"])
        for i, w in enumerate(
            [
                "ALPHA",
                "BRAVO",
                "CHARLIE",
                "DELTA",
                "ECHO",
                "FOXTROT",
                "GOLF",
                "HOTEL",
                "INDIA",
                "JULIETT",
                "KILO",
                "LIMA",
                "MIKE",
                "NOVEMBER",
                "OSCAR",
                "PAPA",
                "QUEBEC",
                "ROMEO",
                "SIERRA",
                "TANGO",
                "UNIFORM",
            ]
        )
    ]
    parties.append(Listed("aa", "Company", "A A TRADING FZCO", ["A A TRADING FZCO"]))
    matcher = Matcher(NameIndex(parties))
    assert not any(r.match for r in matcher.match(Query(["TRADING LIMITED"], "Company")))
    top = matcher.match(Query(["Tango Trading LLC"], "Company"))[0]
    assert top.entity.id == "c19" and top.match


def test_compare_records_sums_the_features() -> None:
    query = Query(["Orlan Quillfeather"], "Person", birth_dates=["1971-03-14"], countries=["ru"])
    same = compare(query, ["QUILLFEATHER, Orlan"], {"birthDate": ["1971-03-14"], "nationality": ["ru"]})
    other = compare(query, ["QUILLFEATHER, Orlan"], {"birthDate": ["1950"], "nationality": ["ir"]})
    assert same.score >= DEFAULT_THRESHOLD > other.score
    assert set(other.reasons) == {"name", "birth_date", "country"}


def _index_with_common(word: str, *extra: Listed) -> Matcher:
    fillers = [f"{w} {word}" for w in ("ALPHA", "BRAVO", "CHARLIE", "DELTA", "ECHO", "FOXTROT", "GOLF", "HOTEL")]
    fillers += [f"{w} {word}" for w in ("INDIA", "JULIETT", "KILO", "LIMA", "MIKE", "NOVEMBER", "OSCAR", "PAPA")]
    fillers += [f"{w} {word}" for w in ("QUEBEC", "ROMEO", "SIERRA", "TANGO", "UNIFORM", "VICTOR")]
    parties = [Listed(f"f{i}", "Company", name, [name]) for i, name in enumerate(fillers)]
    return Matcher(NameIndex([*parties, *extra]))


def test_a_country_name_alone_matches_no_listed_name() -> None:
    fund = Listed("bif", "Organization", "BENEVOLENCE FUND", ["BENEVOLENCE FUND", "BIF-CANADA"])
    matcher = _index_with_common("TRADING", fund)
    assert not any(r.match for r in matcher.match(Query(["Canada"], "Organization")))
    assert matcher.match(Query(["BIF Canada"], "Organization"))[0].match


def test_a_short_form_of_a_company_name_matches() -> None:
    huawei = Listed("hw", "Company", "HUAWEI TECHNOLOGIES CO., LTD.", ["HUAWEI TECHNOLOGIES CO., LTD."])
    matcher = _index_with_common("TECHNOLOGIES", huawei)
    top = matcher.match(Query(["Huawei"], "Company"))[0]
    assert top.entity.id == "hw" and top.match
    assert not any(r.match for r in matcher.match(Query(["Technologies"], "Company")))


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("JDINT STOCK COMPANY TRADING HOUSE ZORKA", "JOINT STOCK COMPANY TRADING HOUSE ZORKA"),  # a typo in the form
        ("ZORKA OVERSEAS JAINT STOCK COMPANY", "ZORKA OVERSEAS JOINT STOCK COMPANY"),
        ("PIRUVETI ENTERPRISESLTD", "PIRUVETI ENTERPRISES LTD"),  # the form glued to the last word
        ("OPENJOINT STOCK COMPANY KAZAN PLANT ORLANPRIBOR", "OPEN JOINT STOCK COMPANY KAZAN PLANT ORLANPRIBOR"),
        ("ORLANSUDAE OVERSEAS PROJECT GROUP OFCOMPANIES", "ORLANSUDAE OVERSEAS PROJECT GROUP OF COMPANIES"),
        ("Zorkapata de Plata", "ZORKAPATA DE PLATA S.A. DE C.V."),  # the letters of "C.V." are no series "V"
        ("Zorka Organization Humanitarian", "Zorka Humanitarian Organization"),  # a descriptive word moved
    ],
)
def test_perturbed_legal_forms_still_alert(query: str, listed: str) -> None:
    result = compare_names(query, listed, "Company")
    assert result.score >= DEFAULT_THRESHOLD, result.reasons


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("PETIGREW PETTIGREW Orlan", "PETTIGREW PETTIGREW, Orlan"),  # a double surname with a typo in one
        ("Orlan Ben Tavin Ben Quill BEN ZORKA", "BEN ZORKA, Orlan Ben Tavin Ben Quill"),  # family name moved
        ("SSOK MUN TAVIN", "SOK MUN TAVIN"),  # a letter doubled in a three-letter word is a typo
        ("Orlan Ref Quill", "Orlan Aref Quill"),  # ...and so is one dropped at its start
    ],
)
def test_repeated_words_and_patronymics_in_another_order_still_alert(query: str, listed: str) -> None:
    result = compare_names(query, listed, "Person")
    assert result.score >= DEFAULT_THRESHOLD, result.reasons


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Progress LLC", "PROGRESS AO"),  # one word, and legal forms that cannot be one company
        ("International Farm", "NEW FAR INTERNATIONAL"),  # a letter added to a three-letter word is another word
        ("M & K ZORKA INMOBILIARIA", "ZORKA INMOBILIARIA J & M"),  # initials of a company differ
        (
            "JSC HOLDING ORLAN PLANT TAVIN HOLDING",
            "JSC ZORKAVSK ORLAN PLANT TAVIN HOLDING",
        ),  # a word replaced by another
        ("Zorka Fund III", "Zorka Fund IV"),
    ],
)
def test_negative_company_names_do_not_alert(query: str, listed: str) -> None:
    result = compare_names(query, listed, "Company")
    assert result.score < DEFAULT_THRESHOLD, result.reasons


def test_a_company_name_that_only_sounds_like_a_listed_one_does_not_alert() -> None:
    rahkar = Listed("rk", "Company", "Rahkar Industries", ["Rahkar Industries"])
    matcher = _index_with_common("INDUSTRIES", rahkar)
    assert not any(r.match for r in matcher.match(Query(["OPEN JOINT STOCK COMPANY RIKOR INDUSTRIES"], "Company")))
    assert matcher.match(Query(["Rahkar Industries OJSC"], "Company"))[0].match
