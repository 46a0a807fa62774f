"""Find substances in text: a word-level dictionary of every name, plus CAS numbers.

Matching is case-insensitive on whole words and costs the same per word however
large the registry is: the text is lowered and every ASCII character that is
not a letter or digit becomes a space (one character for one, so offsets hold),
so "1-boc-4-piperidone" and "1 Boc 4 piperidone" are the same words; names are
looked up word by word in hash tables. Names in Chinese script match anywhere
(an Aho-Corasick automaton). A plural ``s`` is allowed; of overlapping matches
the longest wins (``1-boc-4-piperidone`` is one mention, not also
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
from tracegraph.substances.registry import Registry, load_registry, read_data, substance_entity_id

#: confidence of a mention by how it was found
CONFIDENCE = {"name": 0.95, "synonym": 0.9, "street": 0.5, "cas": 0.99, "structure": 0.9}

#: ASCII non-alphanumerics and Unicode spaces become spaces; everything else is kept (one character for one)
_FOLD = {c: " " for c in [*range(128), 0xA0, *range(0x2000, 0x200C), 0x202F, 0x205F, 0x3000] if not chr(c).isalnum()}
_TABLE = str.maketrans(_FOLD)
#: the ASCII part of the folding on UTF-8 bytes (bytes of other characters are all >= 0x80, untouched)
_BYTES = bytes(c if c >= 128 or chr(c).isalnum() else 32 for c in range(256))
_UNICODE_SPACES = re.compile("[\u00a0\u2000-\u200b\u202f\u205f\u3000]")
_HAS_CJK = re.compile("[\u3400-\u9fff]")


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
    if low.isascii():
        return low.translate(_TABLE)
    # str.translate is slow on non-ASCII text; bytes.translate is not, and keeps every character's length
    folded = low.encode("utf-8", "surrogatepass").translate(_BYTES).decode("utf-8", "surrogatepass")
    return _UNICODE_SPACES.sub(" ", folded)


@dataclass(frozen=True)
class Context:
    """The cues that let a context-dependent name count, and how far away they may be."""

    cues: re.Pattern[str]
    window: int
    always: frozenset[str]
    #: phrases in which such a name has its everyday sense ("a business trip", "at high speed")
    everyday: re.Pattern[str] | None = None


@cache
def default_context() -> Context:
    data = read_data("recognition.yaml")
    words = sorted((str(w) for w in data["cues"]), key=len, reverse=True)
    pattern = re.compile(r"(?<![a-z0-9])(" + "|".join(re.escape(w) for w in words) + r")(?![a-z0-9])")
    phrases = sorted((" ".join(fold(str(w)).split()) for w in data.get("everyday") or ()), key=len, reverse=True)
    everyday = None
    if phrases:
        everyday = re.compile(r"(?<![a-z0-9])(" + "|".join(re.escape(w) for w in phrases) + r")(?![a-z0-9])")
    return Context(
        pattern,
        int(data.get("window", 120)),
        frozenset(str(w).casefold() for w in data["always_context"]),
        everyday,
    )


#: one dictionary entry: registry key, how it names the substance, whether it needs context
Entry = tuple[str, str, bool]


class Matcher:
    """The compiled dictionary of a registry.

    Latin-script names are looked up word by word in hash tables (a name's first word, then its
    second), so the cost per word of text does not grow with the registry; a text none of whose
    words starts a name is dismissed by one set intersection. Names in Chinese script go into an
    Aho-Corasick automaton, run only on text that contains Chinese characters.
    """

    def __init__(self, registry: Registry, context: Context | None = None) -> None:
        self.registry = registry
        self.context = context or default_context()
        #: substances whose mention lets a nearby context-dependent name count (controlled ones)
        self.controlled = {s.key for s in registry.substances.values() if s.controls}
        self.single: dict[str, Entry] = {}
        #: a name of several words, under its longest word: (the name, where the anchor starts in it, entry)
        self.multi: dict[str, list[tuple[str, int, Entry]]] = {}
        self.automaton = ahocorasick.Automaton()  # names in Chinese script
        #: context-dependent names the lists give only as capitals (acronyms): they count only so written
        self.capitals: set[str] = set()
        self._cased: set[str] = set()
        taken: set[str] = set()
        # a substance's own name first (controlled substances before the rest), then other names;
        # a folded synonym shared by two substances names neither
        ordered = sorted(registry.substances.values(), key=lambda s: (not s.controls, s.key))
        for sub in ordered:
            if sub.name not in sub.lookup_names:
                self._add(sub.key, sub.name, "name", sub.context_names, taken, sub.capital_names)
        owners: dict[str, set[str]] = {}
        for sub in ordered:
            for name in (*sub.synonyms, *sub.street):
                owners.setdefault(" ".join(fold(name).split()), set()).add(sub.key)
        for sub in ordered:
            for names, how in ((sub.synonyms, "synonym"), (sub.street, "street")):
                for name in names:
                    if name in sub.lookup_names or len(owners[" ".join(fold(name).split())]) > 1:
                        continue
                    self._add(sub.key, name, how, sub.context_names, taken, sub.capital_names)
        self.capitals -= self._cased
        if len(self.automaton):
            self.automaton.make_automaton()
        self.first_words = frozenset(self.single) | frozenset(self.multi)

    def _add(
        self,
        key: str,
        name: str,
        how: str,
        context_names: frozenset[str],
        taken: set[str],
        capital_names: frozenset[str] = frozenset(),
    ) -> None:
        folded = " ".join(fold(name).split())
        if not any(c.isalpha() for c in folded):
            return  # a bare number is no name
        if len(folded.replace(" ", "")) < 3 and folded not in self.context.always:
            return  # two letters name nothing reliably ("AP", "UK"); "H" is in the always-context list
        needs = how == "street" or name in context_names or folded in self.context.always
        if needs:  # counts only in capitals if every name that folds to this form is such an acronym
            acronym = name in capital_names and folded not in self.context.always  # "ice" is written so
            (self.capitals if acronym else self._cased).add(folded)
        if _is_cjk(folded[0]) or _is_cjk(folded[-1]):
            if len(folded) >= 2 and folded not in taken:
                taken.add(folded)
                self.automaton.add_word(folded, (key, how, len(folded), needs))
            return
        forms = [folded] + ([folded + "s"] if folded[-1].isalpha() and not needs else [])  # never "Cracks"
        for form in forms:
            if form in taken:
                continue
            taken.add(form)
            words = tuple(form.split(" "))
            if len(words) == 1:
                self.single[form] = (key, how, needs)
            else:  # anchored on its longest word, which is rarer in prose than "a", "of" or "acid"
                rare = self.registry.common_words
                place = max(range(len(words)), key=lambda i: (words[i] not in rare, len(words[i]), i))
                offset = sum(len(w) + 1 for w in words[:place])
                self.multi.setdefault(words[place], []).append((form, offset, (key, how, needs)))

    def names(self, text: str) -> list[SubstanceMention]:
        """Dictionary matches, longest first among overlaps; context-dependent names only with context."""
        low = text.lower()
        folded = low.translate(_TABLE) if low.isascii() and len(low) == len(text) else fold(text)
        hits = self.first_words.intersection(folded.split())
        cjk = len(self.automaton) > 0 and not low.isascii() and _HAS_CJK.search(text) is not None
        if not hits and not cjk:
            return []  # most text: one set intersection, and done
        found: list[SubstanceMention] = []
        doubtful: list[SubstanceMention] = []
        if hits:
            # short texts: find each hit word (C); long ones: one walk over the words beats many finds
            words = folded.split(" ")
            where = self._walk(words, hits) if len(words) > 400 else None
            self._words(text, " " + folded + " ", hits, found, doubtful, where)
        if cjk:
            for last, (key, how, length, needs) in self.automaton.iter(folded):
                start = last - length + 1
                mention = SubstanceMention(start, last + 1, key, text[start : last + 1], how, CONFIDENCE[how])
                (doubtful if needs else found).append(mention)
        if doubtful:
            found += [m for m in self._not_everyday(text, folded, doubtful) if self._has_context(text, m, found)]
        return _longest(found)

    def _not_everyday(self, text: str, folded: str, doubtful: list[SubstanceMention]) -> list[SubstanceMention]:
        """Drop the context-dependent names used in their everyday sense: inside an everyday phrase
        ("the trip to Lagos", "at high speed"), or an acronym of the lists ("DOC", "SPA") written
        in lower case ("the doc", "a spa")."""
        kept = [m for m in doubtful if m.text.upper() == m.text or " ".join(fold(m.text).split()) not in self.capitals]
        everyday = self.context.everyday
        if everyday is None or not kept:
            return kept
        spans = [hit.span(1) for hit in everyday.finditer(folded)]
        return [m for m in kept if not any(s <= m.start and m.end <= e for s, e in spans)]

    def _words(
        self,
        text: str,
        padded: str,
        hits: frozenset[str],
        found: list[SubstanceMention],
        doubtful: list[SubstanceMention],
        where: dict[str, list[int]] | None = None,
    ) -> None:
        """Every whole-word occurrence of each word that starts a name (``padded`` is the folded text
        between two spaces, so ``padded[i + 1]`` is ``text[i]``; ``where`` gives the occurrences when known)."""
        single, multi = self.single, self.multi
        for word in hits:
            needle = f" {word} "
            entry = single.get(word)
            phrases = multi.get(word, ())
            places = iter(where[word]) if where is not None else None
            at = padded.find(needle) if places is None else next(places, -1)
            while at != -1:
                if entry is not None:
                    self._emit(text, at, at + len(word), entry, found, doubtful)
                for phrase, offset, cand in phrases:
                    start = at - offset  # the space before the phrase
                    if (
                        start >= 0
                        and padded[start] == " "
                        and padded.startswith(phrase, start + 1)
                        and (padded[start + 1 + len(phrase)] == " ")
                    ):
                        self._emit(text, start, start + len(phrase), cand, found, doubtful)
                at = padded.find(needle, at + 1) if places is None else next(places, -1)

    @staticmethod
    def _walk(words: list[str], hits: frozenset[str]) -> dict[str, list[int]]:
        """Where each hit word starts (as an index of the padded text: the space before it)."""
        where: dict[str, list[int]] = {w: [] for w in hits}
        pos = 0
        for word in words:
            if word in hits:
                where[word].append(pos)
            pos += len(word) + 1
        return where

    @staticmethod
    def _emit(
        text: str,
        start: int,
        end: int,
        entry: Entry,
        found: list[SubstanceMention],
        doubtful: list[SubstanceMention],
    ) -> None:
        key, how, needs = entry
        mention = SubstanceMention(start, end, key, text[start:end], how, CONFIDENCE[how])
        (doubtful if needs else found).append(mention)

    def _has_context(self, text: str, mention: SubstanceMention, sure: list[SubstanceMention]) -> bool:
        window = self.context.window
        for m in sure:
            near = abs(m.start - mention.start) <= window
            if near and m.substance_id in self.controlled and m.substance_id != mention.substance_id:
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
