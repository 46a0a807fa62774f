"""Find substances in text: one Aho-Corasick automaton over every name, plus CAS numbers.

Matching is case-insensitive on whole words (an ASCII letter or digit on
either side blocks a match; names in Chinese script match anywhere), allows a
plural ``s``, and keeps the longest of overlapping matches, so
``1-boc-4-piperidone`` is one mention, not also ``4-piperidone``. CAS numbers
count only with a correct check digit and only when the registry knows them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import ahocorasick

from tracegraph.substances.cas import find_cas
from tracegraph.substances.registry import Registry, load_registry, substance_entity_id

#: confidence of a mention by how it was found
CONFIDENCE = {"name": 0.95, "synonym": 0.9, "street": 0.5, "cas": 0.99, "structure": 0.9}


@dataclass(frozen=True)
class SubstanceMention:
    """One mention of a substance: where, which, and how it was recognised."""

    start: int
    end: int
    substance_id: str
    text: str
    how: str  # name | synonym | street | cas | structure
    confidence: float = 0.9

    @property
    def entity_id(self) -> str:
        return substance_entity_id(self.substance_id)

    @property
    def name(self) -> str:
        """The registry's preferred name (the matched text for a novel structure)."""
        sub = load_registry().get(self.substance_id)
        return sub.name if sub else self.text

    @property
    def cas(self) -> str | None:
        """The CAS number matched, else the registry's first CAS number, if any."""
        if self.how == "cas":
            return self.text
        sub = load_registry().get(self.substance_id)
        return sub.cas[0] if sub and sub.cas else None

    def to_dict(self) -> dict[str, object]:
        return {
            "start": self.start,
            "end": self.end,
            "substance_id": self.substance_id,
            "entity_id": self.entity_id,
            "name": self.name,
            "text": self.text,
            "how": self.how,
            "confidence": self.confidence,
        }


def _is_word(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


class Matcher:
    """The compiled dictionary of a registry."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.automaton = ahocorasick.Automaton()
        for sub in registry.substances.values():
            entries = [
                (sub.name, "name"),
                *((s, "synonym") for s in sub.synonyms),
                *((s, "street") for s in sub.street),
            ]
            for name, how in entries:
                key = name.lower()
                if len(key) < 2 or key in self.automaton:
                    continue
                self.automaton.add_word(key, (sub.key, how, len(key), _is_cjk(key[0]) or _is_cjk(key[-1])))
        self.automaton.make_automaton()

    def names(self, text: str) -> list[SubstanceMention]:
        """Dictionary matches, longest first among overlaps."""
        low = text.lower()
        if len(low) != len(text):  # a few characters change length when lowered
            low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        found: list[SubstanceMention] = []
        n = len(text)
        for last, (key, how, length, cjk) in self.automaton.iter(low):
            start, end = last - length + 1, last + 1
            if not cjk:
                if start > 0 and _is_word(text[start - 1]):
                    continue
                if end < n and _is_word(text[end]):
                    if text[end] in "sS" and (end + 1 >= n or not _is_word(text[end + 1])) and text[end - 1].isalpha():
                        end += 1
                    else:
                        continue
            found.append(SubstanceMention(start, end, key, text[start:end], how, CONFIDENCE[how]))
        return _longest(found)

    def cas(self, text: str) -> list[SubstanceMention]:
        found = []
        for match in find_cas(text):
            key = self.registry.by_cas.get(match.cas) if match.valid else None
            if key:
                found.append(SubstanceMention(match.start, match.end, key, text[match.start : match.end], "cas", 0.99))
        return found


def _longest(mentions: list[SubstanceMention]) -> list[SubstanceMention]:
    """Drop mentions that overlap a longer (or earlier, equally long) one."""
    ordered = sorted(mentions, key=lambda m: (-(m.end - m.start), m.start))
    kept: list[SubstanceMention] = []
    taken: list[tuple[int, int]] = []
    for m in ordered:
        if any(m.start < e and s < m.end for s, e in taken):
            continue
        kept.append(m)
        taken.append((m.start, m.end))
    return sorted(kept, key=lambda m: m.start)


@cache
def default_matcher() -> Matcher:
    return Matcher(load_registry())


def find_substances(text: str, matcher: Matcher | None = None) -> list[SubstanceMention]:
    """Every substance named or numbered (CAS) in ``text``, in order of position.

    >>> [m.substance_id for m in find_substances("1-boc-4-piperidone (CAS 79099-07-3)")]
    ['1-boc-4-piperidone', '1-boc-4-piperidone']
    """
    if not text:
        return []
    active = matcher or default_matcher()
    return sorted(active.names(text) + active.cas(text), key=lambda m: (m.start, m.end))
