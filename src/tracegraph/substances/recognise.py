"""Find substances in text: one Aho-Corasick automaton over every name, plus CAS numbers.

Matching is case-insensitive on whole words and costs the same per word however
large the registry is: the text is lowered and every ASCII character that is
not a letter or digit becomes a space (one character for one, so offsets hold),
and each Latin-script name is stored between two spaces, so the automaton
reports only whole-word matches and Python never looks at a partial one. Names
in Chinese script match anywhere. A plural ``s`` is allowed; of overlapping
matches the longest wins (``1-boc-4-piperidone`` is one mention, not also
``4-piperidone``).

Names marked as needing context (common words such as "ice" or "speed", short
forms such as "H", street names such as "china white") count only with a drug
cue or a confidently named substance within a window (``data/recognition.yaml``).
CAS numbers count only with a correct check digit and only when the registry
knows them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import ahocorasick

from tracegraph.substances.cas import find_cas
from tracegraph.substances.registry import Registry, load_registry, name_key, read_data, substance_entity_id

#: confidence of a mention by how it was found
CONFIDENCE = {"name": 0.95, "synonym": 0.9, "street": 0.5, "cas": 0.99, "structure": 0.9}

#: ASCII non-alphanumerics become spaces; everything else is kept (one character for one)
_FOLD = {c: " " for c in range(128) if not chr(c).isalnum()}


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


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


def fold(text: str) -> str:
    """Lower case, ASCII punctuation and spaces as single spaces, same length as ``text``."""
    low = text.lower()
    if len(low) != len(text):  # a few characters change length when lowered
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low.translate(_FOLD)


@dataclass(frozen=True)
class Context:
    """The cues that let a context-dependent name count, and how far away they may be."""

    cues: re.Pattern[str]
    window: int
    always: frozenset[str]


@cache
def default_context() -> Context:
    data = read_data("recognition.yaml")
    words = sorted((str(w) for w in data["cues"]), key=len, reverse=True)
    pattern = re.compile(r"(?<![a-z0-9])(" + "|".join(re.escape(w) for w in words) + r")(?![a-z0-9])")
    return Context(pattern, int(data.get("window", 120)), frozenset(str(w).casefold() for w in data["always_context"]))


class Matcher:
    """The compiled dictionary of a registry."""

    def __init__(self, registry: Registry, context: Context | None = None) -> None:
        self.registry = registry
        self.context = context or default_context()
        self.automaton = ahocorasick.Automaton()
        taken: set[str] = set()
        ambiguous = {n for n in registry.ambiguous if n not in registry.by_name}
        for sub in registry.substances.values():
            entries = [
                (sub.name, "name"),
                *((s, "synonym") for s in sub.synonyms),
                *((s, "street") for s in sub.street),
            ]
            for name, how in entries:
                self._add(sub.key, name, how, sub.context_names, ambiguous, taken)
        self.automaton.make_automaton()

    def _add(
        self, key: str, name: str, how: str, context_names: frozenset[str], ambiguous: set[str], taken: set[str]
    ) -> None:
        owner = self.registry.by_name.get(name_key(name))
        if owner is not None and owner != key:
            return  # the name is another substance's own name
        folded = " ".join(fold(name).split())
        if not any(c.isalpha() for c in folded) or " ".join(name.casefold().split()) in ambiguous:
            return  # a bare number is no name; a name shared by several substances names none of them
        if len(folded.replace(" ", "")) < 2 and folded not in self.context.always:
            return
        cjk = _is_cjk(folded[0]) or _is_cjk(folded[-1])
        needs = how == "street" or name in context_names or folded in self.context.always
        if cjk and len(folded) < 2:
            return
        keys = [folded] if cjk else [f" {folded} "] + ([f" {folded}s "] if folded[-1].isalpha() else [])
        for k in keys:
            if k in taken:
                continue
            taken.add(k)
            length = len(k) if cjk else len(k) - 2
            self.automaton.add_word(k, (key, how, length, cjk, needs))

    def names(self, text: str) -> list[SubstanceMention]:
        """Dictionary matches, longest first among overlaps; context-dependent names only with context."""
        if len(self.automaton) == 0:
            return []
        folded = " " + fold(text) + " "
        found: list[SubstanceMention] = []
        doubtful: list[SubstanceMention] = []
        for last, (key, how, length, cjk, needs) in self.automaton.iter(folded):
            # ``last`` indexes ``folded`` (one leading space); a Latin key ends with its sentinel space
            end = last if cjk else last - 1
            start = end - length
            mention = SubstanceMention(start, end, key, text[start:end], how, CONFIDENCE[how])
            (doubtful if needs else found).append(mention)
        if doubtful:
            found += [m for m in doubtful if self._has_context(text, m, found)]
        return _longest(found)

    def _has_context(self, text: str, mention: SubstanceMention, sure: list[SubstanceMention]) -> bool:
        window = self.context.window
        if any(abs(m.start - mention.start) <= window and m.substance_id != mention.substance_id for m in sure):
            return True
        lo, hi = max(0, mention.start - window), min(len(text), mention.end + window)
        return self.context.cues.search(text[lo:hi].lower()) is not None

    def cas(self, text: str) -> list[SubstanceMention]:
        found = []
        for match in find_cas(text):
            key = self.registry.by_cas.get(match.cas) if match.valid else None
            if key:
                found.append(SubstanceMention(match.start, match.end, key, text[match.start : match.end], "cas", 0.99))
        return found


def _longest(mentions: list[SubstanceMention]) -> list[SubstanceMention]:
    """Drop mentions that overlap a longer (or earlier, equally long) one."""
    if len(mentions) < 2:
        return mentions
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
