"""Rule 5: an organisation named by a short form of its name in the same story."""

from __future__ import annotations

from tracegraph.resolve import resolve, split
from tracegraph.resolve.rules import first_distinctive, short_form
from tracegraph.store import Statement, Store

FULL = "Harrowgate Fine Chemical Co., Ltd."


def mention(entity_id: str, value: str, doc: str = "doc-1", schema: str = "Company", prop: str = "name") -> Statement:
    return Statement(entity_id, schema, prop, value, document_id=doc, span_start=0, span_end=len(value))


def same(store: Store, a: str, b: str) -> bool:
    return store.canonical(a) == store.canonical(b)


def test_short_form_and_first_word() -> None:
    assert short_form("Harrowgate") == "harrowgate"
    assert short_form("Harrowgate group") == "harrowgate"
    assert short_form(FULL) == "harrowgate"
    assert short_form("Zhejiang Harrowgate Chemical Plant") is None
    assert short_form("Zhejiang Harrowgate Chemical Plant", places=True) == "harrowgate"
    assert first_distinctive("Zhejiang Harrowgate Chemical Plant") == "harrowgate"
    for name in ("China", "Shanghai", "Hebei group", "the ministry", "Abc", "Abc Trading", "Unit 731"):
        assert short_form(name) is None, name


def test_short_form_joins_the_full_name_in_the_same_story(store: Store) -> None:
    store.add_statements([mention("e-short", "Harrowgate"), mention("e-full", FULL)])
    merges = resolve(store)
    assert same(store, "e-short", "e-full")
    [merge] = [m for m in merges if m.reason.startswith("short form")]
    assert merge.reason == f"short form: 'Harrowgate' names {FULL!r} in the same story doc-1"
    assert {j["author"] for j in store.judgements()} == {"resolve.match.v1"}


def test_short_form_reaches_an_alias_with_a_leading_place(store: Store) -> None:
    store.add_statements(
        [
            mention("e-short", "Harrowgate", schema="Organization"),
            mention("e-full", "Meridian Biological Technology Co. Ltd."),
            mention("e-full", "Zhejiang Shaoxing Harrowgate Chemical Plant", prop="alias"),
        ]
    )
    resolve(store)
    assert same(store, "e-short", "e-full")


def test_different_stories_do_not_merge(store: Store) -> None:
    store.add_statements([mention("e-short", "Harrowgate", doc="doc-1"), mention("e-full", FULL, doc="doc-2")])
    assert resolve(store) == []
    assert not same(store, "e-short", "e-full")


def test_two_candidates_are_ambiguous(store: Store) -> None:
    store.add_statements(
        [
            mention("e-short", "Harrowgate"),
            mention("e-trading", "Harrowgate Trading Co."),
            mention("e-biotech", "Harrowgate Biotech Ltd."),
        ]
    )
    assert resolve(store) == []


def test_a_short_form_must_be_contained_in_the_full_name(store: Store) -> None:
    store.add_statements([mention("e-chem", "Harrowgate Chemical"), mention("e-bio", "Harrowgate Biotech Ltd.")])
    assert resolve(store) == []


def test_people_are_not_short_forms(store: Store) -> None:
    store.add_statements([mention("e-person", "Harrowgate", schema="Person"), mention("e-full", FULL)])
    assert resolve(store) == []


def test_a_person_bearing_the_word_blocks_the_merge(store: Store) -> None:
    store.add_statements(
        [
            mention("e-short", "Harrowgate", schema="Organization"),
            mention("e-full", "Harrowgate Research", schema="Organization"),
            mention("e-person", "David Harrowgate", schema="Person"),
        ]
    )
    assert resolve(store) == []


def test_public_bodies_only_with_public_bodies(store: Store) -> None:
    store.add_statements([mention("e-short", "Harrowgate", schema="PublicBody"), mention("e-full", FULL)])
    assert resolve(store) == []


def test_places_and_loose_words_are_not_short_forms(store: Store) -> None:
    store.add_statements(
        [
            mention("e-china", "China", schema="Organization"),
            mention("e-china-full", "China Chemical Co., Ltd."),
            mention("e-shanghai", "Shanghai", schema="Organization"),
            mention("e-shanghai-full", "Shanghai Trading Co."),
            mention("e-digital", "Digital", schema="Organization", doc="doc-2"),
            mention("e-digital-full", "Digital Trails", schema="Organization", doc="doc-2"),
        ]
    )
    merges = resolve(store)
    assert not [m for m in merges if m.reason.startswith("short form")]
    assert not same(store, "e-china", "e-china-full")
    assert not same(store, "e-shanghai", "e-shanghai-full")
    assert not same(store, "e-digital", "e-digital-full")


def test_a_split_pair_stays_apart(store: Store) -> None:
    store.add_statements([mention("e-short", "Harrowgate"), mention("e-full", FULL)])
    resolve(store)
    split(store, "e-short")
    assert resolve(store) == []
    assert not same(store, "e-short", "e-full")
