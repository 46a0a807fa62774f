"""Segmentation of a multi-story page: stories kept, furniture dropped, offsets exact."""

from __future__ import annotations

from pathlib import Path

from tracegraph.ingest import Rules, segment
from tracegraph.ingest.readers import read_text

FURNITURE = [
    "Continue Reading",
    "Read More",
    "Newswire",
    "Ferry fares",  # a teaser
    "Telegram",
    "Hashtags",
    "Try Our AI Features",
    "Explore what",
    "No comments yet",
    "Related Articles",
    "Lighthouse",  # a related-articles link
    "Follow Ana Pereira",
    "originally published",
    "Sign up for",
    "andnbsp",
    "2 hours ago",
]


def _stories(fixtures: Path, rules: Rules, name: str = "multi_story.txt", kind: str = "story") -> tuple[str, list]:  # type: ignore[type-arg]
    page, _ = read_text((fixtures / name).read_bytes(), name)
    stories, _ = segment(page.lines, rules)
    return page.raw, [s for s in stories if s.kind == kind]


def test_teasers_are_their_own_stories_linked_to_their_page(fixtures: Path, rules: Rules) -> None:
    raw, teasers = _stories(fixtures, rules, kind="teaser")
    assert [t.title for t in teasers] == [
        "Ferry fares rise again as fuel costs bite",
        "Lighthouse restoration delayed by storms",
    ]
    ferry, lighthouse = teasers
    assert ferry.text.endswith("which it said") and "Continue Reading" not in ferry.text
    assert ferry.parent == 0  # the teaser followed the first story
    snippet = "Work on the old lighthouse will resume in spring, the trust said."
    assert lighthouse.text == f"Lighthouse restoration delayed by storms\n\n{snippet}"
    assert lighthouse.outlet == "Daily Harbour" and lighthouse.relative == "an hour ago"
    assert lighthouse.parent == 2
    for teaser in teasers:
        for clean_start, raw_start, length in teaser.offsets:
            assert teaser.text[clean_start : clean_start + length] == raw[raw_start : raw_start + length]


def test_a_multi_story_page_splits_into_its_stories(fixtures: Path, rules: Rules) -> None:
    _, stories = _stories(fixtures, rules)
    assert [s.title for s in stories] == [
        "Lorvik port seizes drums of undeclared chemicals",
        "Inspectors close second warehouse in Lorvik",
        "Harbour council backs new scanner contract",
    ]
    assert [s.outlet for s in stories] == ["Daily Harbour", "Harbour Times", None]


def test_no_furniture_is_left_in_any_story(fixtures: Path, rules: Rules) -> None:
    _, stories = _stories(fixtures, rules)
    for story in stories:
        for phrase in FURNITURE:
            assert phrase not in story.text, (phrase, story.title)
    assert "Quarrow Trading did not answer calls on Wednesday." in stories[0].text


def test_story_offsets_point_at_the_same_text_in_the_raw_page(fixtures: Path, rules: Rules) -> None:
    raw, stories = _stories(fixtures, rules)
    for story in stories:
        assert story.offsets
        for clean_start, raw_start, length in story.offsets:
            expected = raw[raw_start : raw_start + length].translate(rules.table)
            assert story.text[clean_start : clean_start + length] == expected
    first = stories[0]
    at = first.text.index("Quarrow Trading Ltd")
    run = next(r for r in first.offsets if r[0] <= at < r[0] + r[2])
    raw_at = run[1] + at - run[0]
    assert raw[raw_at : raw_at + len("Quarrow Trading Ltd")] == "Quarrow Trading Ltd"


def test_plain_text_without_structure_is_one_story(rules: Rules) -> None:
    page, _ = read_text(b"Fears for port jobs after talks\n\nUnions say they are disappointed.\n", "one.txt")
    stories, _ = segment(page.lines, rules)
    assert len(stories) == 1
    assert stories[0].title == "Fears for port jobs after talks"
    assert stories[0].text.endswith("Unions say they are disappointed.")
