from __future__ import annotations

import pytest

from tracegraph.resolve import compact_key, name_key
from tracegraph.resolve.metonyms import government_for
from tracegraph.resolve.names import same_name


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
    assert name_key(left) == name_key(right) or compact_key(left) == compact_key(right)


@pytest.mark.parametrize("other", ["Fujing Zheng", "ZHENG Fujing", "郑福景"])
def test_chinese_name_order(other: str) -> None:
    assert name_key("Zheng Fujing", "Person") == name_key(other, "Person")


def test_different_names_differ() -> None:
    assert name_key("Blue Crane Trading") != name_key("Blue Crane Bank")
    assert name_key("Zheng Fujing", "Person") != name_key("Zheng Fuping", "Person")


def test_person_names_keep_their_legal_looking_words() -> None:
    # "Co" and "Ltd" are stripped from organisations only
    assert name_key("Ann Co", "Person") == "ann co"


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
        ("Hans Friedrich", "Friedrich Hans", "Person"),  # word order matters outside East Asian names
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
