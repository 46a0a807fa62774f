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

from collections.abc import Callable
from functools import cache
from typing import Any

from tracegraph.extract.keys import entity_id
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


def _runs(doc: Any, start: int, end: int) -> list[tuple[int, int]]:
    """Token ranges of capitalised words (particles and hyphen joins inside) in ``doc[start:end]``."""
    out: list[tuple[int, int]] = []
    i = start
    while i < end:
        if not _capital(doc[i]):
            i += 1
            continue
        j = i + 1
        while j < end and j - i < _MAX_RUN * 2:
            tok, prev = doc[j], doc[j - 1]
            if "\n" in prev.whitespace_ or "\n" in prev.text:
                break
            if tok.text == "-" and not prev.whitespace_ and not tok.whitespace_ and j + 1 < end:
                j += 2  # "Ji-hoon"
                continue
            if _capital(tok) or (tok.lower_ in PARTICLES and j + 1 < end and _capital(doc[j + 1])):
                j += 1
                continue
            break
        out.append((i, j))
        i = j
    return out


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
    found: list[Mention],
    headlines: list[tuple[int, int]],
    company: Callable[[str], bool],
) -> list[Mention]:
    """``found`` plus the person and company names NER missed in argument positions; a place
    mention inside a person-shaped run ("Natalia" of "Natalia Brodskaya") gives way to it.
    ``company(name)`` says whether a name's words make it a company's."""
    text: str = doc.text
    actors = sorted((m.start, m.end) for m in found if m.kind in ("actor", "gov"))
    out = list(found)
    added = False
    for sent in doc.sents:
        for i, j in _runs(doc, sent.start, sent.end):
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


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    from bisect import bisect_left

    k = bisect_left(spans, (start, start))
    return any(s < end and start < e for s, e in spans[max(0, k - 1) : k + 2])
