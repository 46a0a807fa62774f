from __future__ import annotations

import pytest

from tests.graph.network import Network, build
from tracegraph.errors import InputError
from tracegraph.resolve import merge, resolve, split
from tracegraph.resolve.metonyms import government_for
from tracegraph.store import Store


@pytest.fixture
def network(store: Store) -> Network:
    return build(store)


def test_automatic_merges_are_recorded_with_reasons(store: Store, network: Network) -> None:
    merges = resolve(store)
    reasons = " | ".join(m.reason for m in merges)
    assert store.canonical(network.zheng) == store.canonical(network.zheng2)
    assert store.canonical(network.lanfeng) == store.canonical(network.lanfeng2)
    assert store.canonical(network.crane) == store.canonical(network.crane_record)
    assert "metonym" in reasons and "rename" in reasons and "name" in reasons
    authors = {j["author"] for j in store.judgements()}
    assert authors == {"resolve.match.v1"}


def test_metonyms_join_the_government(store: Store, network: Network) -> None:
    resolve(store)
    us = government_for("Washington")
    cn = government_for("Beijing")
    assert us is not None and cn is not None
    assert store.canonical(network.washington) == store.canonical(us.entity_id)
    assert store.canonical(network.beijing) == store.canonical(cn.entity_id)
    assert store.canonical(network.washington) != store.canonical(network.beijing)
    assert "United States government" in store.entity(network.washington).get("name")


def test_renamed_company_joins_its_former_name(store: Store, network: Network) -> None:
    resolve(store)
    entity = store.entity(network.dyestuff)
    assert "Qinghe Dyestuff Works" in entity.get("name")
    assert "Qinghe Lanfeng Chemical Co., Ltd." in entity.get("name")


def test_no_merge_across_person_and_company(store: Store, network: Network) -> None:
    resolve(store)
    assert store.canonical(network.reed) != store.canonical(network.reed_ltd)
    with pytest.raises(InputError, match="incompatible"):
        merge(store, network.reed, network.reed_ltd, "same name")


def test_shared_phone_is_not_identity(store: Store, network: Network) -> None:
    resolve(store)
    assert store.canonical(network.crane) != store.canonical(network.lanfeng)


def test_resolve_twice_changes_nothing(store: Store, network: Network) -> None:
    resolve(store)
    before = store.clusters()
    assert resolve(store) == []
    assert store.clusters() == before


def test_merge_split_round_trip(store: Store, network: Network) -> None:
    found = merge(store, network.lanfeng, network.nominees, "tested by hand")
    canonical = min(network.lanfeng, network.nominees)
    assert found.canonical == canonical
    # any member id reaches the merged entity, whose id is the smallest member id
    assert store.entity(network.lanfeng).id == canonical == store.entity(network.nominees).id
    names = store.entity(network.nominees).get("name")
    assert {"Qinghe Lanfeng Chemical Co., Ltd.", "Harbour Nominees Ltd"} <= set(names)
    judgement = next(j for j in store.judgements() if j["kind"] == "merge")
    assert judgement["reason"] == "tested by hand" and judgement["author"] == "user"

    assert sorted(split(store, network.lanfeng)) == sorted([network.lanfeng, network.nominees])
    assert store.canonical(network.lanfeng) == network.lanfeng
    assert store.canonical(network.nominees) == network.nominees
    assert store.entity(network.nominees).get("name") == ["Harbour Nominees Ltd"]


def test_split_sticks_against_automatic_resolution(store: Store, network: Network) -> None:
    resolve(store)
    split(store, network.zheng)
    assert store.canonical(network.zheng) != store.canonical(network.zheng2)
    resolve(store)
    assert store.canonical(network.zheng) != store.canonical(network.zheng2)
    # a person may still join them again
    merge(store, network.zheng, network.zheng2, "same man after all")
    assert store.canonical(network.zheng) == store.canonical(network.zheng2)


def test_split_of_a_lone_entity_is_an_error(store: Store, network: Network) -> None:
    with pytest.raises(InputError, match="not merged"):
        split(store, network.prison)


def test_different_registration_numbers_block_a_name_merge(store: Store) -> None:
    from tracegraph.store import Statement

    facts = [
        Statement("a1", "Company", "name", "Harbour Nominees Ltd", record_id="r:1"),
        Statement("a1", "Company", "registrationNumber", "111", record_id="r:1"),
        Statement("a2", "Company", "name", "Harbour Nominees Limited", record_id="r:2"),
        Statement("a2", "Company", "registrationNumber", "222", record_id="r:2"),
        Statement("a3", "Company", "name", "HARBOUR NOMINEES", record_id="r:3"),
        Statement("a3", "Company", "registrationNumber", "111", record_id="r:3"),
    ]
    store.add_statements(facts)
    resolve(store)
    assert store.canonical("a3") == store.canonical("a1")
    assert store.canonical("a2") == "a2"


def test_resolve_twice_when_the_government_is_not_the_canonical_id(store: Store) -> None:
    from tracegraph.store import Statement

    gov = government_for("EU")
    assert gov is not None
    # an id sorting before the government's, so the merged entity's canonical id is not the government's
    store.add_statements([Statement("aaa-eu", "Organization", "name", "EU", record_id="r:1")])
    assert len(resolve(store)) == 1
    assert store.canonical(gov.entity_id) == "aaa-eu"
    assert resolve(store) == []
