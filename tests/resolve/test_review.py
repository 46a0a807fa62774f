"""Rule 4 on the matching engine: scored pairs kept in the store, the review loop, distinct judgements."""

from __future__ import annotations

import orjson
import pytest
from click.testing import CliRunner, Result

from tracegraph.cli import cli
from tracegraph.errors import InputError
from tracegraph.resolve import distinct, merge, resolve, review, split
from tracegraph.resolve.pairs import load_pairs
from tracegraph.settings import Settings
from tracegraph.store import Statement, Store, open_store


def record(entity_id: str, name: str, schema: str = "Person", **props: str) -> list[Statement]:
    facts = [Statement(entity_id, schema, "name", name, record_id=f"rec:{entity_id}")]
    facts += [Statement(entity_id, schema, prop, value, record_id=f"rec:{entity_id}") for prop, value in props.items()]
    return facts


def same(store: Store, a: str, b: str) -> bool:
    return store.canonical(a) == store.canonical(b)


@pytest.fixture
def people(store: Store) -> Store:
    store.add_statements(
        [
            *record("p-1", "Zheng Fujing"),
            *record("p-2", "Fujing Zheng"),  # the same name, family name last: merged
            *record("p-3", "Zheng Fuping"),  # one letter off: the uncertain middle
            *record("c-1", "Orlaneft JSC", "Company"),
            *record("c-2", "Joint Stock Company Orlaneft", "Company"),  # legal form moved: merged
            *record("c-3", "Orlaneft LLC", "Company"),  # another legal form: for review, never automatic
        ]
    )
    return store


def test_pairs_are_scored_stored_and_judged(people: Store) -> None:
    merges = resolve(people)
    assert same(people, "p-1", "p-2") and same(people, "c-1", "c-2")
    assert not same(people, "p-1", "p-3") and not same(people, "c-1", "c-3")
    assert all(m.reason.startswith("name: ") for m in merges)
    stored = {(p.left_id, p.right_id): p for p in load_pairs(people)}
    assert stored[("p-1", "p-2")].verdict == "merge" and stored[("p-1", "p-2")].score == 1.0
    fuping = stored[("p-1", "p-3")]
    assert fuping.verdict == "review" and 0.7 <= fuping.score < 0.95
    assert "fujing~fuping" in fuping.reasons["name"]
    assert "legal forms differ (JSC / LLC)" in stored[("c-1", "c-3")].reasons["legal_form"]


def test_review_lists_the_middle_with_reasons(people: Store) -> None:
    resolve(people)
    rows = review(people)
    pairs = {(r["left"], r["right"]) for r in rows}
    assert ("p-1", "p-3") in pairs and ("c-1", "c-3") in pairs
    assert ("p-1", "p-2") not in pairs  # merged already
    assert all(0.7 <= r["score"] < 0.95 for r in rows)
    fuping = next(r for r in rows if (r["left"], r["right"]) == ("p-1", "p-3"))
    assert fuping["left_names"] == ["Zheng Fujing"] and fuping["right_names"] == ["Zheng Fuping"]
    assert review(people, low=0.99, high=1.0) == []
    # a merge by hand settles a pair: it leaves the review
    merge(people, "p-1", "p-3", "the same man, a typo in the register")
    assert ("p-1", "p-3") not in {(r["left"], r["right"]) for r in review(people)}


def test_resolving_twice_changes_nothing(people: Store) -> None:
    resolve(people)
    before = (people.clusters(), load_pairs(people), people.judgements())
    assert resolve(people) == []
    assert (people.clusters(), load_pairs(people), people.judgements()) == before


def test_distinct_is_respected_also_through_other_members(store: Store) -> None:
    store.add_statements(
        [
            *record("a-1", "Harbour Nominees Ltd", "Company"),
            *record("a-2", "Harbour Nominees Limited", "Company"),
            *record("a-3", "HARBOUR NOMINEES LTD.", "Company"),
        ]
    )
    distinct(store, "a-1", "a-3", "two registrations, two companies")
    resolve(store)
    # a-2 may join one of them, never both: that would put a-1 and a-3 in one cluster
    assert not same(store, "a-1", "a-3")
    assert same(store, "a-1", "a-2") != same(store, "a-3", "a-2")
    assert ("a-1", "a-3") not in {(r["left"], r["right"]) for r in review(store, low=0.0, high=1.01)}
    # a split is remembered as well: the next run does not merge the pair again
    joined = "a-1" if same(store, "a-1", "a-2") else "a-3"
    other = "a-3" if joined == "a-1" else "a-1"
    split(store, joined, "checked the register")
    resolve(store)
    assert not same(store, joined, "a-2") and same(store, other, "a-2") and not same(store, "a-1", "a-3")
    assert resolve(store) == []


def test_distinct_needs_two_separate_entities(people: Store) -> None:
    resolve(people)
    with pytest.raises(InputError, match="split it first"):
        distinct(people, "p-1", "p-2", "not the same")
    with pytest.raises(InputError, match="reason"):
        distinct(people, "p-1", "p-3", " ")


def run(settings: Settings, *args: str) -> Result:
    result = CliRunner().invoke(cli, ["--db", settings.db, *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def test_review_and_distinct_from_the_command_line(settings: Settings) -> None:
    with open_store(settings) as store:
        store.add_statements([*record("p-1", "Zheng Fujing"), *record("p-3", "Zheng Fuping")])
    assert "0 merges" in run(settings, "resolve").output
    text = run(settings, "resolve", "--review").output
    assert "Zheng Fujing" in text and "Zheng Fuping" in text and "fujing~fuping" in text
    assert "1 pairs to review" in text
    rows = [orjson.loads(line) for line in run(settings, "--json", "resolve", "--review").output.splitlines()]
    assert [(r["left"], r["right"]) for r in rows] == [("p-1", "p-3")]
    assert "0 pairs to review" in run(settings, "resolve", "--review", "--low", "0.95", "--high", "1").output
    out = run(settings, "distinct", "p-1", "p-3", "--reason", "different birth years in the register").output
    assert "distinct p-1 / p-3" in out
    assert "0 pairs to review" in run(settings, "resolve", "--review").output
    listed = run(settings, "resolve", "--list").output
    assert "distinct p-1 p-3  by user: different birth years in the register" in listed
