"""Names NER missed, found where a known predicate wants an actor.

The small spaCy model gives no entity at all for some names ("Natalia Brodskaya" read as a
place word plus nothing, "Ji-hoon Park", "Sunrise Pharma Exports"). A run of capitalised words
that no actor mention covers becomes a mention when

* its shape types it: a person's name (:func:`~tracegraph.extract.people.person_shaped`) or a
  company's (it ends in a company word or legal form: "Pharma Exports", "Trading", "FZE"); and
* it stands in an argument position (subject, object, object of a preposition, a conjunct or an
  apposition) under a predicate or role word of the dependency lexicon ("owns", "designated",
  "director"), within a few steps up the parse.

Runs in headline lines, runs of one word and runs overlapping an actor already found are left
alone. One pass over the tokens, each run looked at once, a bounded climb per run: linear in the
length of the text, whatever the length of a designation list.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

from tracegraph.extract.keys import entity_id, name_key
from tracegraph.extract.mentions import Mention
from tracegraph.extract.people import PARTICLES, person_shaped

#: dependency labels of a noun phrase in an argument position
_ARG_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "attr", "dative", "oprd", "ROOT"})
#: how far up the parse a predicate may stand ("designated A, B, C and D": D is three conjuncts down)
_CLIMB = 8
_MAX_RUN = 6
#: function words that a run may start with at the head of a sentence, not part of any name
_LEADING = frozenset({"also", "the", "today", "on", "in", "and", "but", "as", "at", "by", "for", "from", "with",
                      "under", "after", "before", "since", "both", "former", "then", "meanwhile"})  # fmt: skip


@cache
def _anchors() -> frozenset[str]:
    """Surface forms that take actors as arguments: verb forms, role words and nominal predicates."""
    from tracegraph.extract.deps.lexicon import lexicon

    lex = lexicon()
    words = set(lex.verbs) | set(lex.roles) | set(lex.nouns) | set(lex.owner_nouns) | set(lex.subsidiary_nouns)
    words |= {p.split()[-1] for p in lex.role_phrases}
    return frozenset(w.lower() for w in words) | {"including", "along", "together", "namely"}


def _capital(tok: Any) -> bool:
    word = tok.text
    return word[:1].isupper() and any(c.islower() for c in word) and word.replace("'", "").replace("’", "").isalpha()


#: two or more capitalised words, particles and hyphen joins inside, on one line (a cheap text scan
#: finds the few places worth mapping to tokens)
_CAPITAL_RUN = re.compile(
    r"[A-Z][\w'’]*(?:-[A-Za-z][\w'’]*)?(?:[ \t]+(?:(?:al|el|bin|ibn|abu|de|del|der|van|von|da|di|du|dos|la|le|y)"
    r"[ \t]+)?[A-Z][\w'’]*(?:-[A-Za-z][\w'’]*)?)+"
)


def _runs(doc: Any, text: str) -> list[tuple[int, int]]:
    """Token ranges of capitalised words (particles and hyphen joins inside), never across a
    sentence or a line."""
    out: list[tuple[int, int]] = []
    for hit in _CAPITAL_RUN.finditer(text):
        span = doc.char_span(hit.start(), hit.end(), alignment_mode="expand")
        if span is None:
            continue
        i = span.start
        for k in range(span.start + 1, span.end):
            if doc[k].is_sent_start:
                out.append((i, k))
                i = k
        out.append((i, span.end))
    return [(i, j) for i, j in out if j - i <= _MAX_RUN * 2]


def _anchored(tok: Any, inside: range) -> bool:
    """The run's head stands in an argument position under a predicate or role word."""
    if tok.dep_ not in _ARG_DEPS and not (tok.dep_ == "compound" and tok.head.lower_ in _anchors()):
        return False
    anchors = _anchors()
    t = tok
    for _ in range(_CLIMB):
        if t.i not in inside and t.lower_ in anchors:
            return True
        if t.head is t:
            return False
        t = t.head
    return False


def _head(doc: Any, i: int, j: int) -> Any:
    """The token of ``doc[i:j]`` whose head lies outside the run (the last such, for a misparse)."""
    inside = range(i, j)
    heads = [doc[k] for k in inside if doc[k].head.i not in inside or doc[k].head.i == k]
    return heads[-1] if heads else doc[j - 1]


def missed_names(
    doc: Any,
    text: str,
    found: list[Mention],
    headlines: list[tuple[int, int]],
    company: Callable[[str], bool],
) -> list[Mention]:
    """``found`` plus the person and company names NER missed in argument positions; a place
    mention inside a person-shaped run ("Natalia" of "Natalia Brodskaya") gives way to it.
    ``company(name)`` says whether a name's words make it a company's. ``text`` is ``doc.text``
    (spaCy joins it anew on each read)."""
    actors = sorted((m.start, m.end) for m in found if m.kind in ("actor", "gov"))
    out = list(found)
    added = False
    for i, j in _runs(doc, text):
        while i < j and (doc[i].lower_ in _LEADING or doc[i].lower_ in PARTICLES):
            i += 1  # "Also designated today are ...", "The ...": not part of the name
        if j - i < 2:
            continue
        start, end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
        if any(a <= start < b for a, b in headlines) or _overlaps(actors, start, end):
            continue
        name = text[start:end]
        schema = "Person" if person_shaped(name) else "Company" if company(name) else None
        if schema is None or not _anchored(_head(doc, i, j), range(i, j)):
            continue
        places = [m for m in out if m.kind == "place" and m.start < end and start < m.end]
        if places and (schema != "Person" or any(m.start < start or m.end > end for m in places)):
            continue
        out = [m for m in out if m not in places]
        out.append(Mention(start, end, name, name, schema, entity_id(schema, name), source="shape"))
        added = True
    return sorted(out, key=lambda m: m.start) if added else found


_CAPITAL_WORD = re.compile(r"(?<![\w'’-])[A-Z][a-z][\w'’-]*")


def missed_family_names(
    doc: Any, text: str, found: list[Mention], family: Callable[[list[Mention]], dict[str, Mention]]
) -> list[Mention]:
    """A family name alone in an argument position, for a person the story named in full before
    ("Quimica del Altiplano, Zamudio and Arriaga were designated"), where NER saw no name or a place.
    ``family(people)`` maps the words a story may use alone to its people."""
    known = family([m for m in found if m.kind == "actor" and m.schema == "Person" and not m.coref])
    if not known:
        return found
    actors = sorted((m.start, m.end) for m in found if m.kind in ("actor", "gov"))
    out = list(found)
    added = False
    for hit in _CAPITAL_WORD.finditer(text):
        word = hit.group(0)
        low = word.lower()
        person = known.get(low if low.isalpha() and low.isascii() else name_key(word))
        start, end = hit.span()
        if person is None or person.start >= start or _overlaps(actors, start, end):
            continue
        span = doc.char_span(start, end)
        if span is None or len(span) != 1 or not _anchored(span[0], range(span.start, span.end)):
            continue
        out = [m for m in out if not (m.kind == "place" and m.start < end and start < m.end)]
        out.append(person.with_(start=start, end=end, text=word, source="coref", coref=True))
        added = True
    return sorted(out, key=lambda m: m.start) if added else found


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    from bisect import bisect_left

    k = bisect_left(spans, (start, start))
    return any(s < end and start < e for s, e in spans[max(0, k - 1) : k + 2])
