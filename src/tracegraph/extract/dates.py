"""Dates in text, resolved against the story's own date.

"on June 20" in a story published 2025-06-30 is ``2025-06-20``; a month-day
later than the story's date belongs to the year before. Without a published
date, the reference year is the latest year the story itself mentions (marked
``inferred``). Partial dates stay partial (``2025-02``, ``2019``), as FtM allows.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ]
    )
    for m in names
}  # fmt: skip
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MON = r"(January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"  # noqa: E501
ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
MDY = re.compile(rf"\b{_MON}\s(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s(\d{{4}}))?\b")
DMY = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s{_MON}(?:,?\s(\d{{4}}))?\b")
# "by 2029" and "until June" name deadlines and targets, not when something happened: not dates here
MY = re.compile(rf"\b(?:in|since|from|of|last|early|late|mid-?)\s{_MON}(?:,?\s(\d{{4}}))?\b", re.I)
YEAR = re.compile(r"\b(?i:in|since|from|during|of)\s((?:19|20)\d{2})\b")
WEEKDAY = re.compile(r"\b(?i:on|last)\s(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
LAW_NAME = re.compile(r"\b(?:Act|Law|Convention|Treaty|Agreement|Protocol|Resolution|Code|Order|Directive)\s$")
ANY_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    value: str  # ISO, possibly partial
    inferred: bool = False


def reference_date(published: str | None, text: str) -> tuple[date | None, bool]:
    """The story's date, or one inferred from the latest year it mentions (``inferred=True``)."""
    if published:
        m = ISO.search(published)
        if m:
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3))), False
            except ValueError:
                pass
        y = re.match(r"(\d{4})", published)
        if y:
            return date(int(y.group(1)), 12, 31), True
    years = Counter(int(y) for y in ANY_YEAR.findall(text))
    if not years:
        return None, True
    repeated = [y for y, n in years.items() if n >= 2]  # a forecast year mentioned once is not the story's
    return date(max(repeated or years), 12, 31), True


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _day(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def find_dates(text: str, ref: date | None, inferred: bool = False) -> Iterator[DateMention]:
    taken: list[tuple[int, int]] = []

    def free(m: re.Match[str]) -> bool:
        return not any(s < m.end() and m.start() < e for s, e in taken)

    for m in ISO.finditer(text):
        value = _day(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if value:
            taken.append(m.span())
            yield DateMention(m.start(), m.end(), m.group(0), value)
    for pattern, month_i, day_i in ((MDY, 1, 2), (DMY, 2, 1)):
        for m in pattern.finditer(text):
            if not free(m):
                continue
            month, day = _month(m.group(month_i)), int(m.group(day_i))
            guessed = inferred
            if m.group(3):
                year = int(m.group(3))
                guessed = False
            elif ref is not None:
                year = ref.year
                candidate = _day(year, month, day)
                if candidate and date.fromisoformat(candidate) > ref + timedelta(days=7) and not inferred:
                    year -= 1
            else:
                continue
            value = _day(year, month, day)
            if value:
                taken.append(m.span())
                yield DateMention(m.start(), m.end(), m.group(0), value, guessed)
    for m in MY.finditer(text):
        if not free(m):
            continue
        month = _month(m.group(1))
        if m.group(2):
            year, guessed = int(m.group(2)), False
        elif ref is not None:
            year, guessed = ref.year, inferred
            if month > ref.month and not inferred:
                year -= 1
        else:
            continue
        taken.append(m.span())
        yield DateMention(m.start(), m.end(), m.group(0), f"{year:04d}-{month:02d}", guessed)
    for m in YEAR.finditer(text):
        if LAW_NAME.search(text[max(0, m.start() - 30) : m.start()]):
            continue  # "the Smoot-Hawley Tariff Act of 1930": the law's name, not when something happened
        if free(m):
            taken.append(m.span())
            yield DateMention(m.start(1), m.end(), m.group(1), m.group(1))
    if ref is not None and not inferred:
        for m in WEEKDAY.finditer(text):
            if free(m):
                back = (ref.weekday() - WEEKDAYS.index(m.group(1).lower())) % 7 or 7
                yield DateMention(m.start(), m.end(), m.group(0), (ref - timedelta(days=back)).isoformat())
