"""Cleaning keeps offsets exact while it swaps odd characters and cuts inline furniture."""

from __future__ import annotations

from tracegraph.ingest import Rules
from tracegraph.ingest.clean import clean_line
from tracegraph.ingest.textmap import Line, TextBuilder


def _clean(text: str, rules: Rules) -> tuple[str, TextBuilder]:
    builder = TextBuilder()
    builder.add_line(clean_line(Line.plain(text, 0), rules))
    return builder.text, builder


def test_odd_spaces_quotes_and_dashes_are_normalised(rules: Rules) -> None:
    text, _ = _clean("  The firm\u2019s \u201cdrums\u201d\u00a0arrived \u2011 late\u200b.  ", rules)
    assert text == 'The firm\'s "drums" arrived - late.'


def test_mangled_nbsp_is_removed(rules: Rules) -> None:
    text, _ = _clean("did not answer calls andnbsp on Wednesday", rules)
    assert text == "did not answer calls on Wednesday"


def test_newsletter_blurb_is_cut_from_inside_a_line(rules: Rules) -> None:
    text, _ = _clean("Ana Pereira contributed. Sign up for The Harbour Brief newsletter to get more.", rules)
    assert text == "Ana Pereira contributed."


def test_every_cleaned_character_maps_back_to_the_raw_one(rules: Rules) -> None:
    raw = "  Quarrow\u00a0Trading\u2019s   drums andnbsp arrived \u201cearly\u201d.  "
    text, builder = _clean(raw, rules)
    for clean_start, raw_start, length in builder.runs:
        piece = raw[raw_start : raw_start + length].translate(rules.table)
        assert text[clean_start : clean_start + length] == piece


def test_furniture_lines_are_recognised(rules: Rules) -> None:
    for line in ("Scroll to Top", "Join DH's Telegram channel and get news.", "No comments yet...", "logo"):
        assert rules.is_furniture(line), line
    assert not rules.is_furniture("Customs officers seized forty drums on Tuesday.")


def test_datelines_give_outlet_and_date(rules: Rules) -> None:
    assert rules.dateline("Straits Times11 hours ago") == {"outlet": "Straits Times", "rel": "11 hours ago"}
    assert rules.dateline("Published: March 5, 2024")["published"] == "2024-03-05"  # type: ignore[index]
    assert rules.dateline("The council voted on Friday to buy scanners.") is None
