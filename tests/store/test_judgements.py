"""The judgement log: append-only, undo is a new row, canonical ids stay put; old stores carry over."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tracegraph.store import Statement, Store
from tracegraph.store.sqlite import SQLiteStore

FIXTURES = Path(__file__).parent / "fixtures"


def _names(store: Store, *ids: str) -> None:
    store.add_statements([Statement(entity_id=i, schema="Company", prop="name", value=f"Firm {i}") for i in ids])


def test_a_canonical_id_stays_put_when_a_smaller_id_joins(store: Store) -> None:
    _names(store, "m", "p", "c")
    store.add_judgement("j1", "m", "p", "merge", "same phone", "test")
    assert store.canonical("p") == "m"
    store.add_judgement("j2", "c", "p", "merge", "same e-mail", "test")
    assert {store.canonical(x) for x in ("m", "p", "c")} == {"m"}
    assert store.entity("c").id == "m"
    assert store.query("SELECT DISTINCT canonical_id FROM statements") == [("m",)]


def test_the_larger_cluster_keeps_its_id_and_the_other_still_resolves(store: Store) -> None:
    _names(store, "k", "l", "n", "b", "z")
    store.add_judgement("j1", "k", "l", "merge", "r", "test")
    store.add_judgement("j2", "k", "n", "merge", "r", "test")
    store.add_judgement("j3", "b", "z", "merge", "r", "test")
    assert store.canonical("z") == "b"
    store.add_judgement("j4", "z", "n", "merge", "r", "test")
    assert {store.canonical(x) for x in ("k", "l", "n", "b", "z")} == {"k"}


def test_undo_is_a_new_row_and_a_split_keeps_the_id_with_its_member(store: Store) -> None:
    _names(store, "a", "b", "c", "d")
    for left, right in (("a", "b"), ("b", "c"), ("c", "d")):
        store.add_judgement(f"j-{left}{right}", left, right, "merge", "r", "test")
    assert store.members("a") == ["a", "b", "c", "d"]
    assert store.undo_judgements("c", "merge") == 2  # b-c and c-d
    log = store.query("SELECT kind FROM judgement_log ORDER BY seq")
    assert [row[0] for row in log] == ["merge", "merge", "merge", "undo", "undo"]
    assert store.canonical("b") == "a"
    assert store.canonical("c") == "c"
    assert store.canonical("d") == "d"
    history = store.judgements(include_undone=True)
    assert [j["undone_at"] is not None for j in history] == [False, True, True]
    assert len(store.judgements()) == 1


def test_a_distinct_judgement_after_a_merge_parts_the_pair(store: Store) -> None:
    _names(store, "a", "b")
    store.add_judgement("j1", "a", "b", "merge", "r", "test")
    store.add_judgement("j2", "a", "b", "distinct", "different firms", "analyst")
    assert store.canonical("b") == "b"
    assert [j["kind"] for j in store.judgements()] == ["distinct"]


def test_a_store_of_the_first_release_opens_with_its_judgements_and_ids(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    shutil.copy(FIXTURES / "store_v1.sqlite", path)
    expected = json.loads((FIXTURES / "store_v1.expected.json").read_text())
    with SQLiteStore(path) as store:
        assert {"core.2", "core.3"} <= set(store.migrations())
        assert store.clusters() == expected["clusters"]
        old = [{k: v for k, v in j.items()} for j in expected["judgements"]]
        new = [{k: v for k, v in j.items() if k != "seq"} for j in store.judgements(include_undone=True)]
        key = lambda j: (j["id"], j["kind"])  # noqa: E731
        assert sorted(new, key=key) == sorted(old, key=key)
        for canonical_id, caption in expected["captions"].items():
            assert store.entity(canonical_id).id == canonical_id
            assert store.entity(canonical_id).caption == caption
        for member, canonical_id in expected["clusters"].items():
            assert store.entity(member).id == canonical_id
        stats = store.stats()
        assert stats["statements"] == expected["stats"]["statements"]
        assert stats["judgements"] == expected["stats"]["judgements"]
        assert store.query("SELECT COUNT(*) FROM statements WHERE prop_type IS NULL")[0][0] == 0
