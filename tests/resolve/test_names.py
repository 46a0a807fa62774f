from __future__ import annotations

import pytest

from tracegraph.match import ORG, PERSON, compact_key, compare_names, name_key
from tracegraph.resolve.metonyms import government_for
from tracegraph.resolve.rules import same_name


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Qinghe Lanfeng Chemical Co., Ltd.", "Qinghe Lanfeng Chemical"),
        ("Acme Trading GmbH", "ACME TRADING"),
        ("Gazprom Neft PJSC", "ПАО Газпром нефть"),
        ("Blue Crane Trading Limited", "Blue Crane Trading LLC"),
        ("Lanfeng Co., Ltd", "蓝丰有限公司"),
    ],
)
def test_org_names_share_a_key(left: str, right: str) -> None:
    assert name_key(left, ORG) == name_key(right, ORG) or compact_key(left, ORG) == compact_key(right, ORG)


@pytest.mark.parametrize("other", ["Fujing Zheng", "ZHENG Fujing", "郑福景"])
def test_chinese_name_order(other: str) -> None:
    assert name_key("Zheng Fujing", PERSON) == name_key(other, PERSON)


def test_different_names_differ() -> None:
    assert name_key("Blue Crane Trading", ORG) != name_key("Blue Crane Bank", ORG)
    assert name_key("Zheng Fujing", PERSON) != name_key("Zheng Fuping", PERSON)


def test_person_names_keep_their_legal_looking_words() -> None:
    # "Co" and "Ltd" are stripped from organisations only
    assert name_key("Ann Co", PERSON) == "ann co"


def test_reasons_say_what_keeps_two_names_apart() -> None:
    reasons = compare_names("Citigroup Capital Trust I", "Citigroup Capital Trust II", "Company").reasons
    assert "numbers or series differ (i / ii)" in reasons["series"]
    assert "different Han characters" in compare_names("高石早苗", "高市早苗", "Person").reasons["script"]
    assert (
        "legal forms differ" in compare_names("Deutsche Bank AG", "Deutsche Bank GmbH", "Company").reasons["legal_form"]
    )


def test_capitals_stand_for_governments() -> None:
    washington = government_for("Washington")
    assert washington is not None and washington.name == "United States government"
    beijing = government_for("Beijing", "Organization")
    assert beijing is not None and beijing.code == "cn"
    assert government_for("Washington", "Person") is None
    assert government_for("Springfield") is None


@pytest.mark.parametrize(
    ("left", "right", "schema"),
    [
        ("Hans Friedrich", "Friedrich Hans", "Person"),  # word order counts outside East Asian names: for review
        ("SALMAN BIN MUHAMMAD AL-RAWI", "MUHAMMAD BIN SALMAN AL-RAWI", "Person"),  # father and son
        ("Bank of China", "China Bank", "Company"),
        ("Deutsche Bank AG", "Deutsche Bank GmbH", "Company"),  # other legal forms
        ("Bowne Global Solutions, Inc.", "Bowne Global Solutions II, Inc.", "Company"),
        ("高石早苗", "高市早苗", "Person"),  # Han homophones
        ("Bowne Global Solutions Denmark, A/S", "Bowne Global Solutions II Denmark A/S", "Company"),
        ("Citigroup Capital Trust I", "Citigroup Capital Trust II", "Company"),
    ],
)
def test_names_kept_apart(left: str, right: str, schema: str) -> None:
    assert not same_name(left, right, schema)


@pytest.mark.parametrize(
    ("left", "right", "schema"),
    [
        ("Fujing Zheng", "Zheng Fujing", "Person"),
        ("Mr Zheng Fujing", "Fujing Zheng", "Person"),
        ("Smith, John", "John Smith", "Person"),
        ("Qinghe Lanfeng Chemical Co., Ltd.", "Qinghe Lanfeng Chemical", "Company"),
        ("Ya Feng Trading", "Yafeng Trading", "Company"),
    ],
)
def test_names_joined(left: str, right: str, schema: str) -> None:
    assert same_name(left, right, schema)
