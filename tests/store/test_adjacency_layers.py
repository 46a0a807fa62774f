"""A walk's batched reads (one query per layer on PostgreSQL) answer what the entity-by-entity reads answer."""

from __future__ import annotations

from tracegraph.graph.scoped import ref_props
from tracegraph.store import Statement, Store


def asset_dataset(i: int) -> str:
    return "other" if i == 5 else "case"


def _world(store: Store) -> None:
    facts = [Statement("hub", "Company", "name", "Hub Holdings", dataset="case")]
    facts += [Statement("hub-alias", "Company", "name", "Hub Holdings Ltd", dataset="case")]
    for i in range(7):  # owners of the hub, one of them through the member merged into it
        owner, rel = f"owner-{i}", f"own-{i}"
        facts += [
            Statement(owner, "Person", "name", f"Owner {i}", dataset="case"),
            Statement(rel, "Ownership", "owner", owner, dataset="case"),
            Statement(
                rel, "Ownership", "asset", "hub-alias" if i == 6 else "hub", dataset="other" if i == 5 else "case"
            ),
        ]
    for i in range(4):  # a phone four firms share, an e-mail two share
        facts.append(Statement(f"firm-{i}", "Company", "phone", "+15550100", dataset="case"))
    facts += [
        Statement("firm-0", "Company", "email", "desk@firm.test", dataset="case"),
        Statement("firm-3", "Company", "email", "desk@firm.test", dataset="case"),
    ]
    with store.transaction():
        store.add_statements(facts)
    store.add_judgement("jd-hub", "hub", "hub-alias", "merge", "same firm", "test")


def test_a_layers_referrers_are_each_entitys_referrers(store: Store) -> None:
    _world(store)
    hub = store.canonical("hub-alias")
    ids = [hub, "owner-1", "firm-0"]
    for datasets in (None, ["case"]):
        for limit, count_to in ((100, 1000), (2, 3), (2, 10)):
            layer = store.referrers_of(ids, ref_props(), (), datasets, limit, count_to)
            one_by_one = {c: store.referrers(c, ref_props(), (), datasets, limit, count_to) for c in ids}
            assert layer == one_by_one, (datasets, limit, count_to)
    everyone = store.referrers_of([hub], ref_props(), (), None, 100, 1000)[hub]
    assert everyone.ids == [f"own-{i}" for i in range(7)] and everyone.exact  # the merged member's too
    capped = store.referrers_of([hub], ref_props(), (), ["case"], 2, 3)[hub]
    assert capped.ids == ["own-0", "own-1"] and not capped.exact  # "more than 3"


def test_a_common_identifier_ties_nobody(store: Store) -> None:
    _world(store)
    pairs, common = store.shared_pairs(["firm-0", "firm-1"], ["phone", "email"], 3, None)
    assert common == {("phone", "+15550100")}  # four holders, over the limit of three
    assert sorted(pairs) == [("firm-0", "firm-3")]  # the e-mail two firms share
    pairs, common = store.shared_pairs(["firm-0", "firm-1"], ["phone", "email"], 4, ["case"])
    assert not common
    by_phone = [("firm-0", "firm-1"), ("firm-0", "firm-2"), ("firm-0", "firm-3"), ("firm-1", "firm-0")]
    by_phone += [("firm-1", "firm-2"), ("firm-1", "firm-3")]
    assert sorted(pairs) == sorted([*by_phone, ("firm-0", "firm-3")])  # and the e-mail


def test_ends_name_only_entities_that_exist(store: Store) -> None:
    _world(store)
    store.add_statements([Statement("own-9", "Ownership", "owner", "nobody-here", dataset="case")])
    found = store.ends(["own-0", "own-6", "own-9", "owner-0"], ref_props())
    assert found["own-0"] == (["Ownership"], {"owner-0", store.canonical("hub")})
    assert found["own-6"][1] == {"owner-6", store.canonical("hub")}  # the merged member, by its canonical id
    assert found["own-9"] == (["Ownership"], set())  # points at no entity of the store
    assert "owner-0" not in found  # points at nothing
