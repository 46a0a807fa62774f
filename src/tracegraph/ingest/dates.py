"""A story's date: from the page, or a relative one ("2 hours ago") anchored on the capture time.

The capture time is the day given with ``tracegraph ingest --date`` (taken as its
noon, so "2 hours ago" stays on that day), else a capture stamp the file carries
itself (a browser's "saved date" comment in a saved HTML page). The file's
modification time is *not* used: a copy or a checkout gives it a new time, so the
same inputs would give different dates on different machines. Without a capture
time a relative date is left out. When the page has no date at all, ``--date``
itself becomes the story's date, marked *inferred* (the story is at most that old).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Protocol

_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_RELATIVE = re.compile(
    r"(?P<n>\d+|an?|one|two|three|four|five|six|seven)\s+(?P<unit>second|minute|hour|day|week)s?\s+(?:ago|before)",
    re.I,
)
_SAVED = re.compile(r"saved date:\s*(?:[A-Z][a-z]{2}\s+)?([A-Z][a-z]{2})\s+(\d{1,2})\s+(\d{4})\s+(\d{1,2}:\d{2}:\d{2})")
#: the longest look-back believed ("3 weeks ago" yes, "400 days ago" no)
MAX_BACK = timedelta(days=60)


class Dated(Protocol):
    published: str | None
    relative: str | None
    kind: str


def relative_delta(text: str) -> timedelta | None:
    """How far back "2 hours ago", "a day ago" or "3 weeks before" points; ``None`` if not one."""
    found = _RELATIVE.search(text)
    if found is None:
        return None
    raw = found.group("n").lower()
    count = int(raw) if raw.isdigit() else _NUMBERS[raw]
    delta = timedelta(**{found.group("unit").lower() + "s": count})
    return delta if delta <= MAX_BACK else None


def captured_at(html_head: str) -> datetime | None:
    """The capture time a saved page states about itself ("saved date: Thu Jun 26 2025 10:12:13 ...")."""
    found = _SAVED.search(html_head)
    if found is None:
        return None
    try:
        return datetime.strptime(" ".join(found.groups()), "%b %d %Y %H:%M:%S").replace(tzinfo=UTC)
    except ValueError:
        return None


def story_date(story: Dated, given: str | None, captured: datetime | None) -> tuple[str | None, str | None, bool]:
    """``(published, basis, inferred)`` of a story (see the module docstring)."""
    if story.published:
        return story.published, "page", False
    delta = relative_delta(story.relative) if story.relative else None
    if delta is not None:
        if given:
            anchor = datetime.combine(date.fromisoformat(given), datetime.min.time()) + timedelta(hours=12)
            return (anchor - delta).date().isoformat(), "relative to --date", False
        if captured is not None:
            return (captured - delta).date().isoformat(), "relative to the capture time in the file", False
    if given and story.kind == "story":
        return given, "capture date", True
    return None, None, False
