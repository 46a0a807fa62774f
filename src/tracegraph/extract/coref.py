"""Light coreference inside one story.

* "the prison", "the company", "the firm", "the ministry" ... take the most recent
  earlier actor of a fitting schema (one whose name holds the noun, if any does);
* a surname (or, for Chinese name order, a family name) after a full name takes
  the full name's entity.

Coreferent mentions keep their own span but carry the antecedent's name and id,
with ``coref=True`` so relations built on them can lower their confidence.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from functools import cache
from typing import Any

from tracegraph.extract.entities import country_code, family_names, without_suffix
from tracegraph.extract.keys import name_key
from tracegraph.extract.mentions import Mention
from tracegraph.extract.precision import east_asian_surnames

#: head noun -> schemata it can refer to
NOUNS: dict[str, tuple[str, ...]] = {
    "company": ("Company", "Organization"),
    "firm": ("Company", "Organization"),
    "manufacturer": ("Company",),
    "supplier": ("Company",),
    "plant": ("Company",),
    "factory": ("Company",),
    "group": ("Company", "Organization"),
    "prison": ("PublicBody",),
    "ministry": ("PublicBody",),
    "bureau": ("PublicBody",),
    "agency": ("PublicBody",),
    "department": ("PublicBody",),
    "court": ("PublicBody",),
    "committee": ("PublicBody",),
    "commission": ("PublicBody",),
    "administration": ("PublicBody",),
    "organisation": ("Organization",),
    "organization": ("Organization",),
    "airport": ("Company", "PublicBody", "Organization"),
    "cartel": ("Organization",),
    "embassy": ("PublicBody",),
    "university": ("Organization",),
}


#: bodies a release calls by their head noun, capitalised ("the Department is taking steps")
_BODY_NOUNS = frozenset({"department", "bureau", "agency", "ministry", "commission", "administration"})
_POSSESSIVE = re.compile(r"\b[Ii]ts\b")
#: where a sentence ends: a stop, then a capital ("S.A. de C.V. is" does not end one)
_SENTENCE_END = re.compile(r"[.!?][\"”’]?\s+(?=[\"“]?[A-Z])")
PRONOUN_REACH = 300  # characters back to the antecedent of "its"


@cache
def _definite() -> re.Pattern[str]:
    nouns = "|".join([*NOUNS, *(n.capitalize() for n in NOUNS if n in _BODY_NOUNS)])
    return re.compile(
        rf"\b[Tt]he\s(?:(?:chemical|state-owned|state-run|provincial|same|former)\s|(?P<word>[A-Z][a-z]+)(?:-based)?\s)?"
        rf"({nouns})\b(?!\s+[A-Z])"
    )


def own_page(text: str, actors: list[Mention]) -> Mention | None:
    """The company a seller's page speaks for: named in its first line, the page saying "we"/"our"."""
    first_line = text.lstrip().split("\n", 1)[0]
    end = len(text) - len(text.lstrip()) + len(first_line)
    seller = next((m for m in actors if m.schema == "Company" and m.end <= end), None)
    return seller if seller is not None and re.search(r"(?:^|[.\n]\s*)(?:We|Our)\b", text) else None


def _release_body(text: str, mentions: list[Mention]) -> Mention | None:
    """The public body a release is from: the first name of the page, in its header lines."""
    first = next((m for m in mentions if m.kind in ("actor", "gov") and not m.coref), None)
    if first is None or first.kind != "actor" or first.schema != "PublicBody" or first.start > 200:
        return None
    return first if ". " not in text[: first.start] else None


_NOT_A_NAME = frozenset({"the", "its", "his", "her", "their", "they", "he", "she", "we", "our", "us", "both", "all",
                         "these", "those", "him", "them"})  # fmt: skip


def _salient(fits: list[Mention], at: int, starts: list[int], subjects: frozenset[int]) -> Mention:
    """The antecedent among ``fits`` (in text order, all before ``at``): the nearest, except where it
    sits in an earlier sentence off that sentence's main line ("X, a subsidiary of Y, shipped ... .
    Z founded the company"): then the sentence's subject that fits (X)."""
    ante = fits[-1]
    if not starts or not subjects or any(ante.start <= i < ante.end for i in subjects):
        return ante
    k = bisect_right(starts, ante.start) - 1
    lo = starts[k] if k >= 0 else 0
    if bisect_right(starts, at) - 1 == k:
        return ante  # same sentence: the nearest
    lead = [m for m in fits if lo <= m.start < ante.start and any(m.start <= i < m.end for i in subjects)]
    return lead[-1] if lead else ante


def definites(
    text: str, mentions: list[Mention], starts: list[int] | None = None, subjects: frozenset[int] = frozenset()
) -> list[Mention]:
    """ "the prison", "the company", "the firm", "the ministry": the most recent earlier actor of a
    fitting schema, named or short-named (one whose name holds the noun, if any does). Runs after
    short names and defined short forms, so "Hengrui ... The company's owner" is Hengrui's.
    ``subjects``: where the parse's main-clause subjects are (see :func:`_salient`)."""
    actors = sorted((m for m in mentions if m.kind == "actor" and (not m.coref or _named(m))), key=lambda m: m.end)
    ends = [m.end for m in actors]
    own = own_page(text, [m for m in mentions if m.kind == "actor" and not m.coref])
    out = list(mentions)
    for match in _definite().finditer(text):
        inside = [m for m in mentions if m.start < match.end() and match.start() < m.end]
        qualifier = [m for m in inside if match.group("word") and m.kind == "place" and m.start == match.start("word")]
        if inside and inside != qualifier:
            continue
        noun = match.group(2).lower()
        word = match.group("word")
        if word is not None and match.group(2)[0].isupper():
            continue  # "the Treasury Department": a name, not a description
        if match.group(2)[0].isupper() and _release_body(text, mentions) is None:
            continue  # "the Department" capitalised only speaks for a release's own body
        body = _release_body(text, mentions) if match.group(2)[0].isupper() else None
        if body is not None and noun in body.name.lower().split() and body.end <= match.start():
            key = name_key(body.name)  # the latest name of that body ("the Department of State" after the header's)
            same = [m for m in actors if m.end <= match.start() and name_key(m.name) in key and noun in m.name.lower()]
            ante = same[-1] if same else body
            out.append(
                ante.with_(start=match.start(), end=match.end(), text=match.group(0), source="coref", coref=True)
            )
            continue  # "the Department is taking steps" in a State Department release: the release's own body
        if own is not None and noun in ("company", "firm") and own.end <= match.start():
            out.append(own.with_(start=match.start(), end=match.end(), text=match.group(0), source="coref", coref=True))
            continue  # on a seller's own page "the company" is the seller
        before = actors[max(0, bisect_right(ends, match.start()) - DEFINITE_WINDOW) : bisect_right(ends, match.start())]
        fits = [m for m in before if m.schema in NOUNS[noun]]
        if word is not None:  # "the Hefei firm": the company whose name holds the word
            fits = [m for m in fits if re.search(rf"\b{re.escape(word)}\b", m.name, re.I)]
        if not fits:
            continue
        out = [m for m in out if not any(m is q for q in qualifier)]  # the place word is part of the description
        named = [m for m in fits if name_key(m.name).split()[-1:] == [noun]]
        named = named or [m for m in fits if noun in m.name.lower()]
        if not named:  # "the company": the latest Company, else the latest Organization
            first = next(schema for schema in NOUNS[noun] if any(m.schema == schema for m in fits))
            fits = [m for m in fits if m.schema == first]
        ante = named[-1] if named else _salient(fits, match.start(), starts or [], subjects)
        out.append(ante.with_(start=match.start(), end=match.end(), text=match.group(0), source="coref", coref=True))
    return sorted(out, key=lambda m: m.start)


def clause_subjects(doc: Any) -> frozenset[int]:
    """Where the subjects of a parse's main clauses (and of verbs coordinated with them) are."""
    return frozenset(t.idx for t in doc if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ in ("ROOT", "conj"))


DEFINITE_WINDOW = 400  # earlier actors looked at for "the company" (the nearest fitting one wins)


def _named(m: Mention) -> bool:
    """A coreferent mention that is a name ("Hengrui", "OFAC"), not a pronoun or a description."""
    first = m.text.split()[0].lower() if m.text.split() else ""
    return m.text[:1].isupper() and first not in _NOT_A_NAME and m.source != "group"


def resolve(text: str, mentions: list[Mention], sentences: list[int] | None = None) -> list[Mention]:
    """Coreferent mentions added to ``mentions`` ("its", pronouns, surnames, plural descriptions);
    ``sentences``: where the parse's sentences start. "The company" is :func:`definites`."""
    actors = [m for m in mentions if m.kind == "actor"]
    out = list(mentions) + _possessives(text, actors)
    out += _pronouns(text, actors, out, sentences)
    out += groups(text, [m for m in mentions if m.kind in ("actor", "substance")], out, sentences)
    persons = [m for m in actors if m.schema == "Person" and " " in m.name.strip()]
    short = family_names(persons)
    for key, p in short.items():
        surname = next((w for w in p.text.split() if name_key(w) == key), None)
        if surname is None:
            continue
        for match in re.finditer(rf"\b{re.escape(surname)}\b", text[p.end :]):
            start, end = p.end + match.start(), p.end + match.end()
            if not any(m.start < end and start < m.end for m in out):
                out.append(p.with_(start=start, end=end, text=surname, source="coref", coref=True))
    out += _shared_family_names(text, persons, out, short)
    resolved: list[Mention] = []
    used: dict[str, Mention] = {}  # a family name the story has used alone stays that person's
    for m in sorted(out, key=lambda m: m.start):
        if m.kind == "actor" and m.schema == "Person" and " " not in m.name.strip():
            key = name_key(m.name)
            earlier = [p for p in persons if p.start < m.start and short.get(key) is p]
            if not earlier:  # shared family name: the one it named before, else the nearest earlier person who has it
                earlier = [
                    p
                    for p in persons
                    if p.start < m.start and key in (name_key(p.name).split()[0], name_key(p.name).split()[-1])
                ]
                if key in used and used[key] in earlier:
                    earlier = [used[key]]
            if earlier:
                ante = earlier[-1]
                used.setdefault(key, ante)
                m = m.with_(name=ante.name, entity_id=ante.entity_id, source="coref", coref=True)
        resolved.append(m)
    return sorted(resolved, key=lambda m: m.start)


#: family names that are also English words, never read alone as a name
_WORDLIKE = frozenset({"he", "an", "so", "do", "ma", "bo", "go", "no", "on", "to", "in", "or", "us", "lee", "long"})


def _shared_family_names(
    text: str, persons: list[Mention], taken: list[Mention], short: dict[str, Mention]
) -> list[Mention]:
    """An East Asian family name alone that two people of the story share ("Mo" for Mo Zhenbang and
    Mo Haoran): the one of them named in full last before it ("Mo is the chairman ... . Mo's son, Mo
    Haoran": both "Mo" are Mo Zhenbang)."""
    clans: dict[str, list[Mention]] = {}
    for p in persons:
        words = p.name.split()
        key = name_key(words[0])
        if len(words) in (2, 3) and key in east_asian_surnames() and key not in short and key not in _WORDLIKE:
            clans.setdefault(key, []).append(p)
    out: list[Mention] = []
    for people in clans.values():
        if len({name_key(p.name) for p in people}) < 2:
            continue
        word = people[0].name.split()[0]
        for match in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text):
            start, end = match.span()
            if any(m.start < end and start < m.end for m in [*taken, *out]):
                continue
            earlier = [p for p in people if p.end <= start]
            if earlier:
                ante = max(earlier, key=lambda p: p.end)
                out.append(ante.with_(start=start, end=end, text=word, source="coref", coref=True))
    return out


def _possessives(
    text: str, actors: list[Mention], starts: list[int] | None = None, subjects: frozenset[int] = frozenset()
) -> list[Mention]:
    """ "its": the nearest earlier company or organisation ("Its" opening a sentence: the first one
    the sentence before opened with; in an earlier sentence, that sentence's subject: :func:`_salient`)."""
    out: list[Mention] = []
    firms = sorted((m for m in actors if m.schema in ("Company", "Organization")), key=lambda m: m.end)
    firm_ends = [m.end for m in firms]
    for match in _POSSESSIVE.finditer(text):
        orgs = firms[: bisect_right(firm_ends, match.start())]
        if match.group(0) == "Its":  # "X, a front company, imported ... for the Y Cartel. Its owner": X
            ends = [m.end() for m in _SENTENCE_END.finditer(text, max(0, match.start() - 600), match.start() - 1)]
            prev = max(ends[-1] if ends else 0, text.rfind("\n", 0, match.start() - 2) + 1)
            opening = [m for m in orgs if m.start >= prev]
            orgs = opening[:1] or orgs
        if orgs and match.start() - orgs[-1].end <= PRONOUN_REACH:
            ante = _salient(orgs, match.start(), starts or [], subjects)
            out.append(
                ante.with_(start=match.start(), end=match.end(), text=match.group(0), source="coref", coref=True)
            )
    return out


def possessives_again(
    text: str, mentions: list[Mention], sentences: list[int] | None = None, subjects: frozenset[int] = frozenset()
) -> list[Mention]:
    """ "its" resolved once more after short forms took their long names ("Weiheng, which ..., was
    set up by Luo, who remains its chairman": Weiheng, a person's name to NER before its definition);
    then a subject "it" with a company named before it in its own sentence."""
    kept = [m for m in mentions if not (m.source == "coref" and _POSSESSIVE.fullmatch(m.text))]
    actors = [m for m in kept if m.kind == "actor" and m.source != "group"]
    again = _possessives(text, actors, sentences, subjects)
    again = [m for m in again if not any(k.start < m.end and m.start < k.end for k in kept)]
    out = sorted([*kept, *again], key=lambda m: m.start)
    starts = sorted(set(sentences)) if sentences else _sentence_starts(text)
    firms = [m for m in actors if m.schema in ("Company", "Organization")]
    for match in _IT.finditer(text):
        lo = starts[max(bisect_right(starts, match.start()) - 1, 0)] if starts else 0
        near = [m for m in firms if lo <= m.start and m.end <= match.start() and match.start() - m.end <= IT_REACH]
        if near and not any(m.start < match.end() and match.start() < m.end for m in out):
            out.append(near[-1].with_(start=match.start(), end=match.end(), text="it", source="coref", coref=True))
    return sorted(out, key=lambda m: m.start)


#: "it" as the subject of a predicate about a company ("the company's website says it was founded in 2009")
_IT = re.compile(r"(?<![\w.])it(?=\s+(?:was|is|has|had|remains|became|sold|sells|owns|owned|operates|operated)\b)")
IT_REACH = 150


@cache
def _company_words() -> tuple[frozenset[str], frozenset[str]]:
    from tracegraph.extract.gazetteer import actor_data

    data = actor_data()
    words = frozenset(str(w).lower() for w in data.get("company_words", []))
    places = frozenset(str(w).lower() for w in data.get("company_place_prefixes", []))
    return words, places


@cache
def _followers() -> frozenset[str]:
    from tracegraph.extract.gazetteer import actor_data

    return frozenset(str(w).lower() for w in actor_data().get("company_followers", []))


_SPANISH_FORM = re.compile(r",?\s+S\.\s?(?:A|de\s+R\.\s?L)\.(?:\s+de\s+C\.\s?V\.)?$")


def _short_forms(name: str) -> list[str]:
    """ "Wuhan Yuancheng Technology Co. Ltd." -> "Yuancheng", "Wuhan Yuancheng", "Yuancheng Technology":
    what a release calls a company after naming it in full (legal form, trade words and the
    province or city in front left out)."""
    company, places = _company_words()
    spanish = _SPANISH_FORM.search(name)
    name = name[: spanish.start()] if spanish else name  # "Agroquimicos del Balsas, S.A. de C.V."
    words = [w for w in name.replace(",", " ").split() if w]
    core = list(words)
    while core and core[-1].lower().rstrip(".") in {w.rstrip(".") for w in company}:
        core.pop()
    if not core or (len(core) == len(words) and not spanish):
        return []
    bare = core[1:] if core[0].lower() in places else core
    if not bare or (bare[0].lower() in company and not spanish) or not bare[0][:1].isupper():
        return []
    out = [" ".join(bare)]
    trade = list(bare)
    while len(trade) > 1 and trade[-1].lower() in _followers():
        trade.pop()  # "Qiantong" for "Hubei Qiantong Pharmaceutical Co., Ltd."
    if len(trade) < len(bare):
        out.append(" ".join(trade))
    if len(core) > len(bare):
        out.append(" ".join(core))
    if len(words) > len(core) and words[len(core)][:1].isupper() and words[len(core)].lower() not in ("co.", "co"):
        out.append(" ".join([*bare, words[len(core)]]))
    return [c for c in out if len(c) >= 4]


def short_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """Later uses of a company's short name ("Yuancheng" after "Wuhan Yuancheng Technology Co.
    Ltd.") take the company's entity, where the short name fits one company of the story only and
    is never a person there; NER's place or organisation reading of the word gives way."""
    firms: dict[str, Mention] = {}
    later: dict[str, list[Mention]] = {}  # other companies with the same short name, named after the first
    companies = [m for m in mentions if m.kind == "actor" and m.schema == "Company" and not m.coref]
    shorts = {m.entity_id: {name_key(c) for c in _short_forms(m.name)} - {name_key(m.name)} for m in companies}
    every = set().union(*shorts.values()) if shorts else set()
    for m in companies:
        if name_key(m.name) in every:
            continue  # "Lanfeng Trading" is itself the short name of "Lanfeng Trading Co., Ltd."
        for key in shorts[m.entity_id]:
            if key in firms and firms[key].entity_id != m.entity_id:
                later.setdefault(key, []).append(m)
            firms.setdefault(key, m)
    # words of the story's people (a one-word "person" that is a company's short name is NER's slip)
    people = {name_key(w) for m in mentions if m.kind == "actor" and m.schema == "Person" and " " in m.name.strip()
              for w in m.name.split()}  # fmt: skip
    wanted = {k: v for k, v in firms.items() if k not in people}
    if not wanted:
        return mentions
    out = list(mentions)
    moved: dict[str, Mention] = {}
    for key, firm in wanted.items():
        short = next(c for c in _short_forms(firm.name) if name_key(c) == key)
        used = False  # the short name stood for this company before another of that short name came up
        for hit in re.finditer(rf"(?<![\w-]){re.escape(short)}(?![\w-])", text[firm.end :]):
            start, end = firm.end + hit.start(), firm.end + hit.end()
            if not used and key in later and any(other.start <= start for other in later[key]):
                break  # a second company of that short name is named by now: which one is meant is unclear
            over = [m for m in out if m.start < end and start < m.end]
            if any(m.kind == "substance" or (m.kind == "actor" and (m.start < start or m.end > end)) for m in over):
                continue  # inside a longer name
            if any(m.kind == "actor" and m.schema == "Person" and name_key(m.name) != key for m in over):
                continue
            moved.update({m.entity_id: firm for m in over if m.kind == "actor" and m.entity_id != firm.entity_id})
            out = [m for m in out if m not in over]
            out.append(firm.with_(start=start, end=end, text=text[start:end], source="coref", coref=True))
            used = used or not any(other.start <= start for other in later.get(key, []))
    # "the company", "its" that pointed at the short name's own entity follow it to the company
    out = [moved[m.entity_id].with_(start=m.start, end=m.end, text=m.text, source=m.source, coref=True)
           if m.coref and m.entity_id in moved else m for m in out]  # fmt: skip
    return sorted(out, key=lambda m: m.start)


_PERSONAL = re.compile(r"\b(?:[Hh]e|[Ss]he|him|[Hh]is|[Hh]er)\b")
_OUR_NOUNS = (
    "company|firm|factory|general|sales|manager|director|CEO|president|boss|owner|chairman|chairwoman|"
    "founder|chief|legal|representative|export|marketing"
)
_FIRST_PERSON = re.compile(rf"\b(?:[Ww]e|[Oo]ur(?= (?i:{_OUR_NOUNS})\b)(?: company| firm| factory)?|us)\b")
PERSON_REACH = 400  # characters back to the antecedent of "he" / "she"


def _rank(named: list[Mention], prev: int, text: str = "") -> tuple[bool, bool, int, int]:
    """A pronoun's antecedent: named in this sentence or the one before, then not only as the agent of a
    passive ("ordered detained by U.S. Magistrate Judge X. He is charged ...": not the judge), then the
    most named, then the nearest."""
    return (any(p.start >= prev for p in named), not all(_by_agent(text, p) for p in named), len(named),
            named[-1].end)  # fmt: skip


_BY_AGENT = re.compile(r"\bby\s+(?:the\s+)?(?:(?:U\.S\.|[A-Z][\w.'’-]*)\s+){0,5}$")


def _by_agent(text: str, p: Mention) -> bool:
    """A person named right after "by" and a title ("by U.S. District Judge X")."""
    return bool(text) and _BY_AGENT.search(text, max(0, p.start - 60), p.start) is not None


def _binds(text: str, p: Mention, at: int) -> bool:
    """ "X sentenced him", "X told her": an object pronoun a few words after a person is not that person."""
    between = text[p.end : at]
    return len(between.split()) <= 3 and not re.search(r"[,;.:()\"“”]", between)


def _bracketed(text: str, m: Mention) -> bool:
    """A name alone in brackets ("X Co., Ltd. (Yongfeng)", "Mr. Fu Wen (Jack)"): a short form or a
    nickname of the name before it, never the antecedent a pronoun looks for."""
    return text[m.start - 1 : m.start] == "(" and text[m.end : m.end + 1] == ")"


def _pronouns(
    text: str, actors: list[Mention], taken: list[Mention], sentences: list[int] | None = None
) -> list[Mention]:
    """ "he", "she", "his", "her": the nearest earlier person (no gender data: nearest wins).
    "we", "our company" on a seller's page: the company named in its first line."""
    out: list[Mention] = []
    people = [m for m in actors if m.schema == "Person" and not _bracketed(text, m)]
    full = [p for p in people if " " in p.name.strip()]
    family = family_names(full)
    ends = {w: name_key(p.name) for p in full for w in (name_key(p.name).split()[0], name_key(p.name).split()[-1])}

    def canon(q: Mention) -> str:  # "Deng" after "Deng Weiguo" is Deng Weiguo
        key = name_key(q.name)
        if " " in q.name.strip():
            return key
        return name_key(family[key].name) if key in family else ends.get(key, key)

    keys = [canon(p) for p in people]
    chain: list[tuple[Mention, str]] = []
    starts = sentences if sentences is not None else _sentence_starts(text)
    for match in _PERSONAL.finditer(text):
        at = match.start()
        k = bisect_right(starts, at) - 1
        prev = starts[k - 1] if k >= 1 else (starts[k] if k >= 0 else 0)
        cands: dict[str, list[Mention]] = {}
        for p, key in [*zip(people, keys, strict=True), *chain]:  # a pronoun resolved before counts for its person
            if p.end <= at and at - p.end <= PERSON_REACH:
                cands.setdefault(key, []).append(p)
        if match.group(0) in ("him", "her"):  # "Judge X sentenced him": not X (the clause's own subject)
            cands = {key: ps for key, ps in cands.items() if not _binds(text, ps[-1], at)}
        if not cands:
            continue

        best_key = max(cands, key=lambda key: _rank(cands[key], prev, text))
        best = cands[best_key]
        ante = next((p for p in best if " " in p.name.strip()), best[-1])
        made = ante.with_(start=at, end=match.end(), text=match.group(0), source="coref", coref=True)
        out.append(made)
        chain.append((made, best_key))
    first_line = text.lstrip().split("\n", 1)[0]
    offset = len(text) - len(text.lstrip())
    seller = next((m for m in actors if m.schema == "Company" and m.end <= offset + len(first_line)), None)
    if seller is not None:
        for match in _FIRST_PERSON.finditer(text):
            line_start = text.rfind("\n", 0, match.start()) + 1
            quoted = sum(text[line_start : match.start()].count(q) for q in '"“”') % 2 == 1
            if not quoted:
                out.append(seller.with_(start=match.start(), end=match.end(), text=match.group(0),
                                        source="coref", coref=True))  # fmt: skip
    return [m for m in out if not any(t.start < m.end and m.start < t.end for t in taken)]


#: plural descriptions of actors ("the defendants", "both companies") -> schemata they can take
GROUP_NOUNS: dict[str, tuple[str, ...]] = {
    "defendants": ("Person", "Company"),
    "co-defendants": ("Person", "Company"),
    "men": ("Person",),
    "women": ("Person",),
    "brothers": ("Person",),
    "sisters": ("Person",),
    "executives": ("Person",),
    "companies": ("Company",),
    "firms": ("Company",),
    "suppliers": ("Company",),
    "entities": ("Company",),
    "persons": ("Person", "Company"),  # a designation's "persons" are people and companies alike
    "individuals": ("Person",),
    "nationals": ("Person",),
}
#: nouns that point back only with a count ("all seven persons", not "the persons")
COUNTED_ONLY = frozenset({"persons", "individuals", "nationals"})
#: the count a plural description may give ("the two companies", "all seven persons", "the 12 defendants")
GROUP_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
                "eleven": 11, "twelve": 12}  # fmt: skip
#: plural descriptions of substances ("the chemicals", "these precursors")
SUBSTANCE_NOUNS = ("chemicals", "precursors", "drugs", "substances", "opioids", "compounds", "products")
_GROUP = re.compile(
    rf"\b(?:[Tt]he|[Bb]oth|[Aa]ll|[Tt]hese|[Tt]hose)\s+(?:(?P<count>{'|'.join(GROUP_COUNTS)}|\d{{1,2}})\s+|"
    r"(?:same|named|above)\s+)?"
    r"(?:(?:precursor|fentanyl|chemical|drug|defendant|Chinese|China-based)\s+)?"
    rf"(?P<noun>{'|'.join(sorted(GROUP_NOUNS, key=len, reverse=True))}|{'|'.join(SUBSTANCE_NOUNS)})\b"
    r"(?!\s*,?\s+(?:[A-Z0-9]|such|including|like|named|called))"  # "the chemicals 4-AP and NPP": named here
)
_LEGAL_CUE = re.compile(r"(?i)\b(?:defendants?|charg|indict|plead|pled|sentenc|convict|arrest|extradit)")
_OFFICIAL = re.compile(
    r"(?:Judge|Attorney|Agent|Charge|Inspector|Secretary|Director|Officer|Prosecutor|Commissioner)\s+$"
)
GROUP_REACH = 1200  # characters back to the sentence a plural description points at
MAX_GROUP = 12


def _sentence_starts(text: str) -> list[int]:
    starts = [0]
    for m in re.finditer(r"(?<=[.!?])[\"”']?\s+(?=[\"“]?[A-Z])|\n+", text):
        starts.append(m.end())
    return starts


def groups(
    text: str, mentions: list[Mention], taken: list[Mention], sentences: list[int] | None = None
) -> list[Mention]:
    """ "the defendants", "the two companies", "the chemicals": every actor (or substance) of the
    nearest earlier sentence that names two or more of a fitting kind; for "the defendants" the
    nearest such sentence about a charge, a plea or an arrest. One mention per member, all on the
    description's span (a group is never a new entity)."""
    out: list[Mention] = []
    if not mentions:
        return out
    starts = sorted(set(sentences)) if sentences else _sentence_starts(text)
    if not starts or starts[0] != 0:
        starts = [0, *starts]
    starts = [st for st in starts if not text[:st].rstrip().endswith((";", ","))]  # a list the parse cut
    buckets: dict[int, list[Mention]] = {}
    for m in mentions:  # each mention once, by sentence: the work stays linear in the story
        buckets.setdefault(bisect_right(starts, m.start) - 1, []).append(m)
    for match in _GROUP.finditer(text):
        if any(t.start < match.end() and match.start() < t.end for t in taken):
            continue
        lead = text[max(0, match.start() - 12) : match.start()]
        if re.search(r"\b(?:other|remaining)\s*$", lead) or re.match(r"(?i)(?:the|all|both)\s+other", match.group(0)):
            continue
        noun = match.group("noun").lower()
        if noun in COUNTED_ONLY and not match.group("count"):
            continue  # "the individuals and entities designated today:" heads a list, it points back at no one
        here = bisect_right(starts, match.start()) - 1
        members = _members(text, buckets, starts, here, match.start(), noun)
        count = _count(match.group("count"), match.group(0))
        if count and len(members) != count:
            members = _counted(text, buckets, starts, here, match.start(), noun, count)
        out += [m.with_(start=match.start(), end=match.end(), text=match.group(0), source="group", coref=True)
                for m in members]  # fmt: skip
    pool = sorted(
        (m for m in mentions if m.kind == "actor" and m.schema in ("Person", "Company")), key=lambda m: m.start
    )
    pool_starts = [m.start for m in pool]
    for match in _COUNTED.finditer(text):  # "Two brothers from X pleaded guilty today. A, 34, and B, 31, ..."
        here = bisect_right(starts, match.start()) - 1
        if not _OPENING.fullmatch(text[starts[here] : match.start()]) or here + 1 >= len(starts):
            continue  # only a sentence's opening words (after a dateline), with a sentence after it
        if any(t.start < match.end() and match.start() < t.end and t.kind == "actor" for t in taken):
            continue  # ("Two Arizona men": a place inside the description is no conflict)
        lo, hi = starts[here + 1], starts[here + 2] if here + 2 < len(starts) else len(text)
        nxt = pool[bisect_right(pool_starts, lo - 1) : bisect_right(pool_starts, hi - 1)]
        run = _first_run(text, [m for m in nxt if m.schema == "Person"], lo)
        if len(run) == COUNTS[match.group(1).lower()]:
            out += [m.with_(start=match.start(), end=match.end(), text=match.group(0), source="group", coref=True)
                    for m in run]  # fmt: skip
    out += _introduced(text, pool, pool_starts, starts, taken)
    for match in _THEY.finditer(text):
        if any(t.start < match.end() and match.start() < t.end for t in taken):
            continue
        here = bisect_right(starts, match.start()) - 1
        lo = max(starts[max(here - 1, 0)], match.start() - THEY_REACH)  # this sentence and the one before
        near = pool[bisect_right(pool_starts, lo - 1) : bisect_right(pool_starts, match.start())]
        members = _conjoined(text, [m for m in near if m.end <= match.start()])
        out += [m.with_(start=match.start(), end=match.end(), text=match.group(0), source="group", coref=True)
                for m in members]  # fmt: skip
    return out


_THEY = re.compile(r"\b[Tt]hey\b")
THEY_REACH = 600  # characters back to the antecedent of "they"
_AND = re.compile(r"\s*(?:,\s*\d{1,3}\s*)?(?:,|,?\s+and)\s+")


COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
#: a lead sentence's counted people, named in the next sentence ("Two Chinese nationals were charged ...")
_COUNTED = re.compile(
    r"\b(Two|Three|Four|Five|Six)\s+(?:[A-Z]?[a-z-]+\s+)?(?:brothers|sisters|men|women|defendants|nationals|"
    r"individuals|people|residents|citizens|executives|businessmen)\b"
)


#: a lead sentence's one person, introduced with an age in the next sentence or the one after ("A Chinese
#: national ... was sentenced today ... . According to court documents, Sui Wenqiang, 45, of Shanghai, ...")
_ONE = re.compile(
    r"\b(?:An?)\s+(?:[A-Z][a-z]+\s+|[\w-]+\s+){0,2}?(national|man|woman|resident|citizen|businessman|"
    r"businesswoman|defendant|executive|chemist|trafficker|broker|fugitive)\b"
)
_INTRODUCED = re.compile(r",\s+\d{1,3},")


def _introduced(
    text: str, pool: list[Mention], pool_starts: list[int], starts: list[int], taken: list[Mention]
) -> list[Mention]:
    out: list[Mention] = []
    for match in _ONE.finditer(text):
        here = bisect_right(starts, match.start()) - 1
        if not _OPENING.fullmatch(text[starts[here] : match.start()]) or here + 1 >= len(starts):
            continue
        at, end = match.start(1), match.end(1)
        if any(t.start < end and at < t.end and t.kind == "actor" for t in taken):
            continue
        lo, hi = starts[here + 1], starts[here + 3] if here + 3 < len(starts) else len(text)
        nxt = pool[bisect_right(pool_starts, lo - 1) : bisect_right(pool_starts, hi - 1)]
        named = next((m for m in nxt if m.schema == "Person" and not m.coref and _INTRODUCED.match(text, m.end)), None)
        if named is not None and not any(p.schema == "Person" and p.end <= match.start() for p in pool):
            out.append(named.with_(start=at, end=end, text=match.group(1), source="coref", coref=True))
        break  # only the story's first such description
    return out


_OPENING = re.compile(r"(?:[A-Z][A-Za-z.' ,]*\s+[–—-]{1,2}\s+)?")  # "PHILADELPHIA – "


def _first_run(text: str, people: list[Mention], lo: int) -> list[Mention]:
    """The people a sentence opens with, joined by commas (ages allowed) and "and"."""
    run: list[Mention] = []
    for m in people:
        if not run:
            if text[lo : m.start].strip():
                return []  # the sentence does not open with a name
            run = [m]
        elif _AND.fullmatch(text[run[-1].end : m.start]) and m.entity_id not in {r.entity_id for r in run}:
            run.append(m)
        else:
            break
    return run


def _conjoined(text: str, near: list[Mention]) -> list[Mention]:
    """ "A and B ...; they ...": the last run of two or more people (or companies) joined by "and" or
    commas in this sentence or the one before (the nearest plural antecedent), else nothing."""
    actors = [m for m in near if m.kind == "actor" and m.schema in ("Person", "Company")]
    best: list[Mention] = []
    run: list[Mention] = []
    for m in actors:
        if run and m.schema == run[-1].schema and _AND.fullmatch(text[run[-1].end : m.start]):
            run.append(m)
        else:
            run = [m]
        if len(run) >= 2:
            best = list(run)
    return list({m.entity_id: m for m in best}.values())[:MAX_GROUP]


def group_count(description: str) -> int | None:
    """How many a plural description counts ("all three men": 3, "both firms": 2, "the suppliers": None)."""
    match = _GROUP.match(description)
    return _count(match.group("count"), match.group(0)) if match else None


def _count(word: str | None, description: str) -> int | None:
    """How many a description says it names: its number, or two for "both"."""
    if word:
        return int(word) if word.isdigit() else GROUP_COUNTS[word.lower()]
    return 2 if description[:4].lower() == "both" else None


COUNT_REACH = 3000  # characters back over which a counted description gathers its members


def _counted(
    text: str, buckets: dict[int, list[Mention]], starts: list[int], here: int, at: int, noun: str, count: int
) -> list[Mention]:
    """ "Treasury sanctioned all three men" after three paragraphs that each name one of them: the
    ``count`` people named last before the description, however many sentences they take. A description
    that takes companies too ("all seven persons") takes them only when just ``count`` are in reach (a
    story names the designees' partners and customers as well: which ones are meant is a guess)."""
    fitting = _fitting(text, noun)
    people_only = GROUP_NOUNS.get(noun) == ("Person",)
    seen: dict[str, Mention] = {}
    for i in range(here, -1, -1):
        if at - starts[i] > COUNT_REACH or (people_only and len(seen) >= count):
            break
        for m in sorted(buckets.get(i, []), key=lambda m: -m.start):
            if m.end <= at and fitting(m):
                seen.setdefault(m.entity_id, m)
        if not people_only and len(seen) > count:
            return []
    members = list(seen.values())[:count]
    return sorted(members, key=lambda m: m.start) if len(members) == count else []


def _fitting(text: str, noun: str) -> Callable[[Mention], bool]:
    substance = noun in SUBSTANCE_NOUNS
    fits = GROUP_NOUNS.get(noun, ())

    def fitting(m: Mention) -> bool:
        if substance:
            return m.kind == "substance"
        if m.kind != "actor" or m.schema not in fits:
            return False
        return not (m.schema == "Person" and _OFFICIAL.search(text[max(0, m.start - 30) : m.start]))

    return fitting


def _members(
    text: str, buckets: dict[int, list[Mention]], starts: list[int], here: int, at: int, noun: str
) -> list[Mention]:
    substance = noun in SUBSTANCE_NOUNS
    fitting = _fitting(text, noun)

    best: list[Mention] = []
    for i in range(here, -1, -1):
        lo, hi = starts[i], starts[i + 1] if i + 1 < len(starts) else len(text)
        if at - lo > GROUP_REACH:
            break
        hi = min(hi, at)
        seen: dict[str, Mention] = {}
        for m in buckets.get(i, []):
            if m.end <= hi and fitting(m):
                seen.setdefault(m.entity_id, m)
        found = list(seen.values())
        if substance and found:
            return found[:MAX_GROUP]  # "the chemicals": the substances named last
        if len(found) < 2:
            continue
        if noun in ("defendants", "co-defendants"):
            sentence = text[lo:hi]
            if re.search(r"(?i)\bthe defendants (?:are|were|include)\b", sentence):
                return found[:MAX_GROUP]
            if not best and _LEGAL_CUE.search(sentence):
                best = found
            continue
        return found[:MAX_GROUP]
    return best[:MAX_GROUP]


def page_surnames(mentions: list[Mention], page_people: list[tuple[str, str]], text: str = "") -> list[Mention]:
    """A one-word name (a person's, or an organisation's that NER mistook) that no full name of
    this story explains takes the one person of the page's earlier stories whose surname or
    family name it is ("Liang" after "Liang Zhiwei" in the story above). Two page people with that
    name: it stays as it is. Where NER saw no name at all, the person's last name as written in
    ``text`` is enough ("Wang pleaded guilty" after "Bin Wang" in an earlier window)."""
    own = {w for m in mentions if m.kind == "actor" and m.schema == "Person" and " " in m.name.strip()
           for w in (name_key(m.name).split()[0], name_key(m.name).split()[-1])}  # fmt: skip
    by_word: dict[str, list[tuple[str, str]]] = {}
    for name, eid in page_people:
        words = name_key(name).split()
        while len(words) > 2 and words[-1] in ("jr", "sr", "ii", "iii"):
            words.pop()  # "Frank Montoya Jr.": Montoya
        for w in {words[0], words[-1]}:
            if len(w) >= 2 and eid not in {e for _, e in by_word.get(w, [])}:
                by_word.setdefault(w, []).append((name, eid))
    out: list[Mention] = []
    for m in mentions:
        key = name_key(m.name)
        one_word = " " not in m.name.strip() and (
            (m.kind == "actor" and m.schema in ("Person", "Organization", "Company"))
            or (m.kind == "place" and m.source == "ner" and country_code(m.name) is None)  # NER's guess
        )
        found = by_word.get(key, []) if one_word and (m.schema == "Person" or not m.coref) else []
        if len(found) == 1 and key not in own and m.text[:1].isupper():
            name, eid = found[0]
            m = m.with_(name=name, entity_id=eid, schema="Person", kind="actor", source="page", coref=True)
        out.append(m)
    return sorted(out + _unseen_surnames(text, out, page_people, own), key=lambda m: m.start)


def _unseen_surnames(
    text: str, mentions: list[Mention], page_people: list[tuple[str, str]], own: set[str]
) -> list[Mention]:
    """Mentions of a page person's last name, written as in the full name, where NER found none."""
    last: dict[str, list[tuple[str, str, str]]] = {}
    for name, eid in page_people:
        words = without_suffix(name.split())
        if len(words) >= 2 and all(eid != e for _, e, _ in last.get(name_key(words[-1]), [])):
            last.setdefault(name_key(words[-1]), []).append((name, eid, words[-1]))
    added: list[Mention] = []
    for key, people in last.items():
        if len(people) != 1 or key in own or key in _WORDLIKE or len(key) < 3:
            continue
        name, eid, word = people[0]
        if not word[:1].isupper() or not word[1:].islower():
            continue  # a name written in capitals or with inner capitals is too rare to guess here
        for hit in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text):
            start, end = hit.span()
            if any(m.start < end and start < m.end for m in mentions):
                continue
            added.append(Mention(start, end, word, name, "Person", eid, source="page", coref=True))
    return added
