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
from functools import cache

from tracegraph.extract.entities import family_names
from tracegraph.extract.keys import name_key
from tracegraph.extract.mentions import Mention

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


_POSSESSIVE = re.compile(r"\b[Ii]ts\b")
PRONOUN_REACH = 300  # characters back to the antecedent of "its"


@cache
def _definite() -> re.Pattern[str]:
    nouns = "|".join(NOUNS)
    return re.compile(
        rf"\b[Tt]he\s(?:(?:chemical|state-owned|state-run|provincial|same|former)\s)?({nouns})\b(?!\s+[A-Z])"
    )


def _own_page(text: str, actors: list[Mention]) -> Mention | None:
    """The company a seller's page speaks for: named in its first line, the page saying "we"/"our"."""
    first_line = text.lstrip().split("\n", 1)[0]
    end = len(text) - len(text.lstrip()) + len(first_line)
    seller = next((m for m in actors if m.schema == "Company" and m.end <= end), None)
    return seller if seller is not None and re.search(r"(?:^|[.\n]\s*)(?:We|Our)\b", text) else None


def resolve(text: str, mentions: list[Mention]) -> list[Mention]:
    actors = [m for m in mentions if m.kind == "actor"]
    out = list(mentions)
    own = _own_page(text, actors)
    for match in _definite().finditer(text):
        if any(m.start <= match.start() < m.end for m in mentions):
            continue
        noun = match.group(1).lower()
        if own is not None and noun in ("company", "firm") and own.end <= match.start():
            out.append(own.with_(start=match.start(), end=match.end(), text=match.group(0), source="coref", coref=True))
            continue  # on a seller's own page "the company" is the seller
        fits = [m for m in actors if m.end <= match.start() and m.schema in NOUNS[noun] and not m.coref]
        if not fits:
            continue
        named = [m for m in fits if name_key(m.name).split()[-1:] == [noun]]
        named = named or [m for m in fits if noun in m.name.lower()]
        if not named:  # "the company": the latest Company, else the latest Organization
            first = next(schema for schema in NOUNS[noun] if any(m.schema == schema for m in fits))
            fits = [m for m in fits if m.schema == first]
        ante = (named or fits)[-1]
        out.append(ante.with_(start=match.start(), end=match.end(), text=match.group(0), source="coref", coref=True))
    for match in _POSSESSIVE.finditer(text):
        orgs = [m for m in actors if m.end <= match.start() and m.schema in ("Company", "Organization")]
        if match.group(0) == "Its":  # "X, a front company, imported ... for the Y Cartel. Its owner": X
            prev = max(text.rfind(". ", 0, match.start() - 2), text.rfind("\n", 0, match.start() - 2)) + 1
            opening = [m for m in orgs if m.start >= prev]
            orgs = opening[:1] or orgs
        if orgs and match.start() - orgs[-1].end <= PRONOUN_REACH:
            ante = orgs[-1]
            out.append(
                ante.with_(start=match.start(), end=match.end(), text=match.group(0), source="coref", coref=True)
            )
    out += _pronouns(text, actors, out)
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
    resolved: list[Mention] = []
    for m in out:
        if m.kind == "actor" and m.schema == "Person" and " " not in m.name.strip():
            key = name_key(m.name)
            earlier = [p for p in persons if p.start < m.start and short.get(key) is p]
            if not earlier:  # shared family name: the nearest earlier person who has it
                earlier = [
                    p
                    for p in persons
                    if p.start < m.start and key in (name_key(p.name).split()[0], name_key(p.name).split()[-1])
                ]
            if earlier:
                ante = earlier[-1]
                m = m.with_(name=ante.name, entity_id=ante.entity_id, source="coref", coref=True)
        resolved.append(m)
    return sorted(resolved, key=lambda m: m.start)


@cache
def _company_words() -> tuple[frozenset[str], frozenset[str]]:
    from tracegraph.extract.gazetteer import actor_data

    data = actor_data()
    words = frozenset(str(w).lower() for w in data.get("company_words", []))
    places = frozenset(str(w).lower() for w in data.get("company_place_prefixes", []))
    return words, places


def _short_forms(name: str) -> list[str]:
    """ "Wuhan Yuancheng Technology Co. Ltd." -> "Yuancheng", "Wuhan Yuancheng", "Yuancheng Technology":
    what a release calls a company after naming it in full (legal form, trade words and the
    province or city in front left out)."""
    company, places = _company_words()
    words = [w for w in name.replace(",", " ").split() if w]
    core = list(words)
    while core and core[-1].lower().rstrip(".") in {w.rstrip(".") for w in company}:
        core.pop()
    if not core or len(core) == len(words):
        return []
    bare = core[1:] if core[0].lower() in places else core
    if not bare or bare[0].lower() in company or not bare[0][:1].isupper():
        return []
    out = [" ".join(bare)]
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
    clash: set[str] = set()
    companies = [m for m in mentions if m.kind == "actor" and m.schema == "Company" and not m.coref]
    shorts = {m.entity_id: {name_key(c) for c in _short_forms(m.name)} - {name_key(m.name)} for m in companies}
    every = set().union(*shorts.values()) if shorts else set()
    for m in companies:
        if name_key(m.name) in every:
            continue  # "Lanfeng Trading" is itself the short name of "Lanfeng Trading Co., Ltd."
        for key in shorts[m.entity_id]:
            if key in firms and firms[key].entity_id != m.entity_id:
                clash.add(key)
            firms.setdefault(key, m)
    people = {name_key(w) for m in mentions if m.kind == "actor" and m.schema == "Person" for w in m.name.split()}
    wanted = {k: v for k, v in firms.items() if k not in clash and k not in people}
    if not wanted:
        return mentions
    out = list(mentions)
    moved: dict[str, Mention] = {}
    for key, firm in wanted.items():
        short = next(c for c in _short_forms(firm.name) if name_key(c) == key)
        for hit in re.finditer(rf"(?<![\w-]){re.escape(short)}(?![\w-])", text[firm.end :]):
            start, end = firm.end + hit.start(), firm.end + hit.end()
            over = [m for m in out if m.start < end and start < m.end]
            if any(m.kind == "substance" or (m.kind == "actor" and (m.start < start or m.end > end)) for m in over):
                continue  # inside a longer name
            if any(m.kind == "actor" and m.schema == "Person" for m in over):
                continue
            moved.update({m.entity_id: firm for m in over if m.kind == "actor" and m.entity_id != firm.entity_id})
            out = [m for m in out if m not in over]
            out.append(firm.with_(start=start, end=end, text=text[start:end], source="coref", coref=True))
    # "the company", "its" that pointed at the short name's own entity follow it to the company
    out = [moved[m.entity_id].with_(start=m.start, end=m.end, text=m.text, source=m.source, coref=True)
           if m.coref and m.entity_id in moved else m for m in out]  # fmt: skip
    return sorted(out, key=lambda m: m.start)


_PERSONAL = re.compile(r"\b(?:[Hh]e|[Ss]he|him|[Hh]is|[Hh]er)\b")
_OUR_NOUNS = "company|firm|factory|general|sales|manager|director|CEO|president|boss|owner"
_FIRST_PERSON = re.compile(rf"\b(?:[Ww]e|[Oo]ur(?= (?:{_OUR_NOUNS})\b)(?: company| firm| factory)?|us)\b")
PERSON_REACH = 400  # characters back to the antecedent of "he" / "she"


def _salience(p: Mention, people: list[Mention], pos: int) -> int:
    """How often the story named this person (full name, last word or family name) before ``pos``."""
    key = name_key(p.name)
    return sum(1 for q in people if q.start < pos and name_key(q.name) == key)


def _pronouns(text: str, actors: list[Mention], taken: list[Mention]) -> list[Mention]:
    """ "he", "she", "his", "her": the nearest earlier person (no gender data: nearest wins).
    "we", "our company" on a seller's page: the company named in its first line."""
    out: list[Mention] = []
    people = [m for m in actors if m.schema == "Person"]
    for match in _PERSONAL.finditer(text):
        before = [p for p in people if p.end <= match.start() and match.start() - p.end <= PERSON_REACH]
        if before:
            ante = max(reversed(before), key=lambda p: _salience(p, people, match.start()))
            out.append(ante.with_(start=match.start(), end=match.end(), text=match.group(0), source="coref",
                                  coref=True))  # fmt: skip
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
