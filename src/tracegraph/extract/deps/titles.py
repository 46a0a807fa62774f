"""Roles and ownership stated by nouns rather than verbs.

* titles before a name: "JPMorgan CEO Jamie Dimon", "China's Minister of Public Security Wang
  Xiaohong", "former FBI agent Holden Triplett", "the director of the prison, Liu Jianhua";
* appositions after a name: "Michael Every, global strategist at Rabobank", "Liu Jianhua, a
  veteran Chinese Communist Party official";
* copulas and "serve as": "X is the sole director of Y", "retired as the DEA's chief of operations";
* subsidiaries and owners: "X is a subsidiary of Y", "X, a unit of Y", "its sole owner was Y".

Titles and appositions are read off the token sequence around a person's name (robust where
the small parser attaches a long title oddly); copulas and owner nouns off the parse.
"""

from __future__ import annotations

import re
from typing import Any

from tracegraph.extract.coref import own_page
from tracegraph.extract.deps import emit
from tracegraph.extract.deps.lexicon import Lexicon
from tracegraph.extract.entities import country_code, org_schema
from tracegraph.extract.evidence import Emitter
from tracegraph.extract.keys import entity_id, name_key
from tracegraph.extract.mentions import Mention
from tracegraph.extract.parse import Sentence

WINDOW = 12  # tokens looked at on each side of a name
DETERMINERS = frozenset({"the", "a", "an", "its", "his", "her", "their"})
HOLDER_PREPS = frozenset({"of", "at", "for", "with"})
ORG_KINDS = ("actor", "gov", "norp")
STOPS = frozenset({",", ";", ".", "(", ")", "who", "which", "that"})
POSSESSIVE = frozenset({"'s", "’s"})
HONORIFICS = frozenset({"mr", "ms", "mrs", "dr", "miss", "madam", "prof"})


def _tokens(s: Sentence, m: Mention) -> list[Any]:
    return [t for t in s.span if s.at(t) is m]


def _org(m: Mention | None) -> bool:
    return m is not None and m.kind in ORG_KINDS and not (m.kind == "actor" and m.schema == "Person")


def _based(s: Sentence, m: Mention) -> bool:
    """ "Moscow-based X": the place is not the holder."""
    toks = _tokens(s, m)
    doc = s.span.doc
    return (
        bool(toks)
        and toks[-1].i + 2 < len(doc)
        and doc[toks[-1].i + 1].text == "-"
        and doc[toks[-1].i + 2].lower_ == "based"
    )


def _write(s: Sentence, e: Emitter, lex: Lexicon, person: Mention, org: Mention, role_toks: list[Any]) -> None:
    head = role_toks[-1].lower_
    group = {w.lower().strip(",.") for w in org.name.split()} & {"holding", "holdings", "group"}
    if head in ("member", "members") and person.schema == "Company" and org.schema == "Company" and group:
        # "X Co., Ltd. is a member of Y Holding Co., Ltd.": a company of the group, which owns it
        emit.edge(s, e, "Ownership", org, person, 0.7, role_toks[-1].idx, None, role=head)
        return
    if head in lex.owner_nouns and org.kind == "actor" and org.schema != "Person":
        # "X, 52, the owner and chairman of Y": X owns Y
        emit.edge(s, e, "Ownership", person, org, 0.75, role_toks[-1].idx, None, role=head)
        return
    schema = lex.roles.get(head)
    doc = role_toks[-1].doc
    lead = " ".join(t.lower_ for t in doc[max(s.span.start, role_toks[-1].i - 2) : role_toks[-1].i + 1])
    if role_toks[-1].i + 1 < s.span.end and doc[role_toks[-1].i + 1].lower_ == "general":
        lead += " general"  # "Attorney General", "Inspector General": the title's head comes last
    phrase = next((lex.role_phrases[p] for p in lex.role_phrases if lead.endswith(p)), None)
    schema = phrase or schema  # "chief executive officer", "general manager", "legal representative"
    before = doc[role_toks[0].i - 1] if role_toks[0].i > s.span.start else None
    if (
        len(role_toks) == 1
        and head in lex.bare_roles
        and (before is None or before.lower_ not in lex.modifiers or before.lower_ in DETERMINERS | POSSESSIVE)
    ):
        schema = lex.bare_roles[head]  # "the company's manager" runs it; a "sales manager" works there
    after = doc[role_toks[-1].i + 1 : role_toks[-1].i + 3]
    if head == "agent" and phrase is None and org.schema == "Company" and schema == "Employment":
        schema = "Representation"  # "its agent in Mexico", "the registered agent of X LLC": it acts for the firm
    in_charge = head == "agent" and " ".join(t.lower_ for t in after) == "in charge"
    if in_charge:
        schema = "Directorship"  # "(Special|Resident) Agent in Charge X": X heads the field office
    if schema is None or _based(s, org):
        return
    if org.kind == "actor" and org.name.split()[-1].lower() in lex.roles:
        return  # "U.S. Magistrate Judge X": NER's "U.S. Magistrate" is a title, not a court
    title = next((p for p in lex.office_titles if lead.endswith(p)), None)
    if title is not None:  # "United States Attorney X" heads the U.S. Attorney's Office the release names
        office = lex.office_titles[title]
        named = next((m for m in s.analysis.mentions if m.kind == "actor" and name_key(m.name) in office), None)
        at, till = role_toks[0].idx, role_toks[-1].idx + len(role_toks[-1].text)
        if named is None and title.endswith("attorney") and _holder_after_text(s, person):
            # "U.S. Attorney X for the Southern District of Texas": the office of that district
            office_id = entity_id("PublicBody", US_ATTORNEYS_OFFICE)
            named = Mention(at, till, s.analysis.text[at:till], US_ATTORNEYS_OFFICE, "PublicBody", office_id,
                            source="title", country="us")  # fmt: skip
        elif named is None and title == "attorney general" and _federal_story(s, role_toks[0]):
            named = Mention(at, till, s.analysis.text[at:till], JUSTICE, "PublicBody", entity_id("PublicBody", JUSTICE),
                            source="title", country="us")  # fmt: skip
        if named is None:
            return  # (never the release's issuer: "Deputy Attorney General X" in a Treasury release)
        org, schema = named, "Directorship"
    part = doc[max(s.span.start, role_toks[0].i - 1)].lower_
    if schema == "Directorship" and part in PART_HEADS and org.schema == "Organization":
        schema = "Membership"  # "the CCC's plaza boss": a regional boss is a member, not the group's head
    if schema in ("Employment", "Membership") and org.kind == "norp":
        return  # "an Australian journalist" is a nationality, not an employer
    role = " ".join(t.lower_ for t in role_toks) + (" in charge" if in_charge else "")
    emit.edge(s, e, schema, person, org, 0.75, role_toks[-1].idx, None, role=role)


#: words before a boss's title that make him the head of a part of a criminal group only
PART_HEADS = frozenset({"plaza", "regional", "local", "cell", "area", "zone", "municipal", "state"})


#: staff words that, after a person's possessive, make that person the employer ("Keough's office manager, Y")
PERSONAL_STAFF = frozenset(
    ["manager", "accountant", "bookkeeper", "assistant", "secretary", "driver", "courier", "lieutenant", "employee",
     "worker", "clerk", "chemist", "bodyguard", "dispatcher", "broker", "cook"]
)  # fmt: skip


def _staff_of_person(s: Sentence, lex: Lexicon, m: Mention, roles: list[Any]) -> bool:
    """ "Keough's office manager, Latisha Pruitt", "His accountant, Y": a person's possessive before a staff
    word (no owner, partner or associate: those are no employment)."""
    if m.kind != "actor" or m.schema != "Person" or not roles or roles[-1].lower_ not in PERSONAL_STAFF:
        return False
    toks = _tokens(s, m)
    last = toks[-1] if toks else None
    if last is None:
        return False
    if last.lower_ in ("his", "her"):
        return True
    doc = last.doc
    return last.i + 1 < len(doc) and doc[last.i + 1].lower_ in POSSESSIVE


def before_name(s: Sentence, e: Emitter, lex: Lexicon, person: Mention, first: Any) -> tuple[list[Any], Mention] | None:
    """Title words left of a name, with the holder left of them or after "of"; returns the title
    and its holder when one was written."""
    doc = s.span.doc
    j = first.i - 1
    if j >= s.span.start and doc[j].lower_.rstrip(".") in HONORIFICS:
        j -= 1  # "Our general manager, Mr. Zhao Kaiwen"
    comma = j >= s.span.start and doc[j].text == ","
    if comma:
        j -= 1  # "the director of the prison, Liu Jianhua"
    base = max(s.span.start_char, first.idx - 120)
    if _department_head(s, e, lex, person, s.analysis.text[base : first.idx], base):
        return None
    portfolio = _PORTFOLIO.search(s.analysis.text[base : first.idx])
    if portfolio is not None and not comma:  # "Under Secretary for Terrorism and Financial Intelligence X"
        at = base + portfolio.start(1)
        role = next((t for t in s.span if t.idx == at), None)
        if role is not None:
            j = role.i
    roles: list[Any] = []
    of_org: Mention | None = None
    holder: Mention | None = None
    boss: Mention | None = None
    steps = 0
    while j >= s.span.start and steps < WINDOW:
        steps += 1
        t = doc[j]
        m = s.at(t)
        if m is not None and m is not person:
            toks = _tokens(s, m)
            b = toks[0].i - 1 if toks else -1
            while b > s.span.start and doc[b].lower_ in ("the", "a", "an"):
                b -= 1  # "Secretary of the Treasury"
            before = doc[b] if b >= s.span.start else None
            hired = before is not None and before.lower_ == "by" and b > s.span.start and doc[b - 1].lower_ in HIRED
            if not roles and hired and _org(m) and m.kind == "actor":
                of_org = of_org or m  # "A shipping clerk employed by X, Tom Ashby,": X employs him
                j = b - 2
                continue
            if not roles and before is not None and before.lower_ in ("of", "at", "for", "to"):
                if (
                    before.lower_ != "to"
                    and _org(m)
                    and (len(m.name.split()) > 1 or m.name.isupper() or m.coref or m.schema == "PublicBody")
                ):
                    of_org = of_org or m
                if before.lower_ in ("for", "of") and m.kind == "actor" and m.schema == "Person" and not of_org:
                    boss = boss or m  # "A lawyer for Almazan, Miriam Escobedo,"
                j = before.i - 1
                continue
            if not roles:
                return None
            if m.kind == "actor" and m.schema == "Person" and j + 1 < s.span.end and doc[j + 1].lower_ in ("and", ","):
                holder = _list_holder(s, lex, j)  # "its executives, chief operating officer A and sales director B"
                break
            if m.kind == "place" and roles:  # "DEA Los Angeles Special Agent in Charge X": the field office's city
                toks = _tokens(s, m)
                j = (toks[0].i if toks else j) - 1
                continue
            holder = m if _org(m) and name_key(m.name) not in FACILITIES else None
            holder = _portfolio_of(holder) if holder is not None else None
            if holder is None and _staff_of_person(s, lex, m, roles):
                emit.edge(s, e, "Employment", person, m, 0.7, roles[-1].idx, None, person_employer=True,
                          role=" ".join(t.lower_ for t in roles))  # fmt: skip
                return None
            break
        low = t.lower_
        if low in ("'s", "’s", "'"):
            j -= 1
            continue
        if roles and m is None and t.is_title and t.is_alpha and j - 1 >= s.span.start and _org(s.at(doc[j - 1])):
            j -= 1  # "DEA Phoenix Special Agent in Charge X": the field office's city, NER left untagged
            continue
        if (
            roles
            and m is None
            and low not in lex.roles
            and low not in lex.modifiers
            and low not in lex.owner_nouns
            and roles[-1].lower_ in FIRM_ROLES
        ):
            holder = _named_holder(s, lex, j)  # "Citadel CEO and founder Ken Griffin"
            break
        joined = j + 1 < s.span.end and doc[j + 1].lower_ in ("and", "&")
        if low in lex.roles or (low in lex.owner_nouns and (not roles or joined)):
            roles.insert(0, t)  # "its owner, Sun Guoqiang", "its owner and chairman Tao Guangming"
        elif low == "charge" and j - 2 >= s.span.start and doc[j - 1].lower_ == "in" and doc[j - 2].lower_ == "agent":
            roles.insert(0, doc[j - 2])  # "Special Agent in Charge X": the head of a field division
            j -= 2
        elif low not in lex.modifiers and low not in DETERMINERS and low not in ("and", "&", "-", "of", "to"):
            break
        if low in DETERMINERS:
            break
        j -= 1
    if roles and _as_title_then_and(s, lex, roles[0], first):
        return None  # "show A as its legal representative and B as its supervisor": the title is A's
    staff = bool(roles) and roles[-1].lower_ in PERSONAL_STAFF | COUNSEL
    if staff and boss is not None and of_org is None and holder is None:
        schema = "Representation" if roles[-1].lower_ in COUNSEL else "Employment"
        emit.edge(s, e, schema, person, boss, 0.7, roles[-1].idx, None, person_employer=True,
                  role=" ".join(t.lower_ for t in roles))  # fmt: skip
        return None
    org = of_org or holder
    if roles and org is None:
        org = _holder_after(s, person)  # "Special Agent in Charge Marco Villareal of the DEA Houston Division"
    if roles and org is None and roles[-1].lower_ in SPEAKERS:
        org = _spoken_for(s, roles[0])  # "a defence ministry spokesperson said ... spokesperson Zhang told"
    if roles and org is None and portfolio is not None:
        org = _issuer(s)  # a portfolio title with no department named: the release's own body
    if roles and org is None and j >= s.span.start and doc[j].lower_ in (",", "and"):
        org = _list_holder(s, lex, j)  # "X Co., its vice president A, 44, and sales agents B and C"
    if roles and org is None and j >= s.span.start and doc[j].lower_ == "under":
        org = _led_unit(s, doc[j])  # "the DEA Chicago Field Division, under Special Agent in Charge X"
    if roles and org is None and _speaks(s, roles[0], person):
        org = _release_body(s)  # a CBP release: "said Port Director X" speaks for CBP
    if roles and org is None:
        org = _page_owner(s)  # "a team headed by general manager Ms. X" on a company's own page
    if roles and org is None:
        org = _justice(s, lex, roles)  # "Attorney General X announced ..." in a story of U.S. federal bodies
    if roles and org is not None and comma and _introductory(roles[-1], first):
        return None  # "In messages to an agent of HSI, Kong described ...": Kong is no agent
    if roles and org is not None:
        for phrase in _joined_titles(roles):  # "its owner and chairman X": both
            _write(s, e, lex, person, org, phrase)
        return roles, org
    return None


def _as_title_then_and(s: Sentence, lex: Lexicon, role: Any, first: Any) -> bool:
    """ "as <title> and <name>": the title says what the name before "as" is, not the name after "and"."""
    doc = s.span.doc
    k = role.i - 1
    while (
        k >= s.span.start
        and role.i - k < 8
        and (doc[k].lower_ in lex.modifiers or doc[k].lower_ in POSSESSIVE or s.at(doc[k]) is not None)
    ):
        k -= 1  # "as its", "as the company's", "as X's"
    return bool(k >= s.span.start and doc[k].lower_ == "as" and first.i > 0 and doc[first.i - 1].lower_ == "and")


def _joined_titles(roles: list[Any]) -> list[list[Any]]:
    """Title words before a name split where "and" joins two titles ("owner and chairman"); words with
    modifiers between them stay one title ("Chief Security Officer")."""
    out: list[list[Any]] = []
    for t in roles:
        between = t.doc[out[-1][-1].i + 1 : t.i] if out else []
        if out and not any(w.lower_ in ("and", "&") for w in between):
            out[-1].append(t)
        else:
            out.append([t])
    return out


_SECRETARY_OF = re.compile(
    r"\b(?:([A-Z][\w.]*)\s+)?Secretary\s+of\s+((?:the\s+)?[A-Z][a-z]+(?:\s+(?:and\s+)?[A-Z][a-z]+){0,3})"
    r"(?:\s+for\s+(?:[A-Z][\w'’-]*|and|of|the|&)(?:\s+(?:[A-Z][\w'’-]*|and|of|the|&)){0,7})?\s+$"
)  # "Under Secretary of Commerce for Industry and Security X": a portfolio inside the department


def _department_head(s: Sentence, e: Emitter, lex: Lexicon, person: Mention, lead: str, base: int) -> bool:
    """ "U.S. Secretary of Homeland Security X": the head of the department of that portfolio (a
    United States cabinet title; the departments are data)."""
    hit = _SECRETARY_OF.search(lead)
    if hit is None:
        return False
    country = country_code(hit.group(1).rstrip(".")) if hit.group(1) else None
    names = lex.departments.get(name_key(hit.group(2)))
    if names is None or (country is not None and country != "us"):
        return False
    start = base + hit.start(2)
    keys = {name_key(n) for n in names}
    inside = [m for m in s.mentions if m.start < base + hit.end(2) and start < m.end and m.kind == "actor"]
    if any(name_key(m.name) in keys for m in inside):
        return False  # "Secretary of the Treasury X": the portfolio names the body already, read as the title's holder
    named = next((m for m in reversed(s.analysis.mentions) if m.kind == "actor" and m.end <= start
                  and name_key(m.name) in keys), None)  # fmt: skip
    department = names[0]
    body = named or Mention(start, base + hit.end(2), hit.group(2), department, "PublicBody",
                            entity_id("PublicBody", department), source="title", country="us")  # fmt: skip
    role = s.span.doc.char_span(base + hit.start(0), base + hit.end(0), alignment_mode="expand")
    toks = [t for t in role if t.lower_ == "secretary"] if role is not None else []
    if not toks:
        return False
    emit.edge(s, e, "Directorship", person, body, 0.75, toks[0].idx, None, role="secretary")
    return True


#: a title with its portfolio after "for" ("Assistant Secretary for Border Security and Immigration")
_PORTFOLIO = re.compile(
    r"\b(Secretary|Director|Administrator|Commissioner|Coordinator)\s+for\s+"
    r"(?:(?:[A-Z][\w'’-]*|and|of|the|&),?\s+){1,8}$"
)


def _issuer(s: Sentence) -> Mention | None:
    """The body a release speaks for: the first public body it names (headline or opening line)."""
    return next((m for m in s.analysis.mentions if m.kind == "actor" and m.schema == "PublicBody"), None)


#: capitalised words before a title that name a post's place, not an organisation ("Port Director")
FACILITIES = frozenset({"port", "field", "sector", "station", "area", "district", "region", "post", "airport"})
_SAID_BEFORE = re.compile(r"\b(?:said|says|added|stated)\s+(?:[A-Z][\w.'’/-]*\s+|in\s+|of\s+){1,8}$")
_SAID_AFTER = re.compile(r",?\s+(?:said|says|added|stated)\b")


def _led_unit(s: Sentence, under: Any) -> Mention | None:
    """The body named right before ", under <title> <name>": the first public body of that run of names."""
    text = s.analysis.text
    before = [m for m in s.mentions if m.end <= under.idx and m.kind == "actor" and m.schema != "Person"]
    if not before or not re.fullmatch(r"(?:\s+[A-Z][\w.'’-]*){0,4}\s*,?\s*", text[before[-1].end : under.idx]):
        return None  # ("the DEA Denver Field Division, under ...": the unit's own words NER left out)
    run = [before[-1]]
    for m in reversed(before[:-1]):
        if not re.fullmatch(r"\s*", text[m.end : run[0].start]):
            break
        run.insert(0, m)
    return next((m for m in run if m.schema == "PublicBody"), run[0])


def _portfolio_of(m: Mention) -> Mention:
    """ "Mexican Security Secretary X": NER's "Mexican Security" is a nationality and a portfolio, the
    holder is the country."""
    words = m.name.split()
    code = country_code(words[0]) if m.kind == "actor" and len(words) == 2 and not m.coref else None
    if code is None or org_schema(m.name, "") or name_key(words[0]) == name_key(m.name):
        return m
    return Mention(m.start, m.start + len(words[0]), words[0], words[0], "PublicBody", "", "norp", code)


def _speaks(s: Sentence, title: Any, person: Mention) -> bool:
    """ "..., said Port Director X" / "Port Director X said": a quoted official."""
    text = s.analysis.text
    lead = text[max(s.span.start_char, person.start - 80) : person.start]
    return bool(_SAID_BEFORE.search(lead) or _SAID_AFTER.match(text, person.end))


def _release_body(s: Sentence) -> Mention | None:
    """The public body a release is from: the first name of the document, in its header lines."""
    first = next((m for m in s.analysis.mentions if m.kind in ("actor", "gov")), None)
    head = s.analysis.text[: first.start] if first is not None else ""
    if first is None or first.schema != "PublicBody" or first.kind != "actor" or len(head) > 200 or ". " in head:
        return None
    return first


def _introductory(role: Any, name: Any) -> bool:
    """A title inside an opening prepositional phrase, then a comma and the clause's subject."""
    head = role
    while head.dep_ in ("compound", "amod") and head.head is not head:
        head = head.head
    subject = name.dep_ in ("nsubj", "nsubjpass") or (
        name.dep_ == "compound" and name.head.dep_ in ("nsubj", "nsubjpass")
    )
    return head.dep_ == "pobj" and head.head.lower_ != "of" and subject


def _list_holder(s: Sentence, lex: Lexicon, j: int) -> Mention | None:
    """The holder of titles in a list that began with it: "X Co., Ltd. (X), its vice president A, 44,
    and sales agents B": left over names, ages, titles, commas and "and" to "its" or the company."""
    doc = s.span.doc
    k = j
    while k >= s.span.start and j - k < 30:
        t = doc[k]
        m = s.at(t)
        if m is not None and m.kind == "actor" and m.schema == "Person" and not m.coref:
            toks = _tokens(s, m)
            k = (toks[0].i if toks else k) - 1
            continue
        if m is not None and _org(m) and m.kind == "actor":
            if t.lower_ in ("its", "their") or (k + 1 < s.span.end and doc[k + 1].text in (",", ")")):
                return m
            return None
        if not (t.text in (",", "and", "(", ")") or t.like_num or t.lower_ in lex.roles or t.lower_ in lex.modifiers):
            return None
        k -= 1
    return None


US_ATTORNEYS_OFFICE = "U.S. Attorney's Office"
JUSTICE = "Department of Justice"


def _justice(s: Sentence, lex: Lexicon, roles: list[Any]) -> Mention | None:
    """The Department of Justice for "Attorney General X" where the story names no office of the title:
    the one it names, else (in a story of U.S. federal bodies) the department itself."""
    doc = s.span.doc
    last = roles[-1]
    if last.lower_ != "attorney" or last.i + 1 >= s.span.end or doc[last.i + 1].lower_ != "general":
        return None
    office = lex.office_titles.get("attorney general", frozenset())
    named = next((m for m in s.analysis.mentions if m.kind == "actor" and name_key(m.name) in office), None)
    if named is not None or not _federal_story(s, roles[0]):
        return named
    at, till = roles[0].idx, last.idx + len(last.text)
    return Mention(at, till, s.analysis.text[at:till], JUSTICE, "PublicBody", entity_id("PublicBody", JUSTICE),
                   source="title", country="us")  # fmt: skip


def _federal_story(s: Sentence, title: Any) -> bool:
    """A story of United States federal bodies (it names one) where no other country qualifies the
    title ("Mexico's Attorney General", "the Mexican attorney general")."""
    doc = s.span.doc
    before = [s.at(doc[k]) for k in range(max(s.span.start, title.i - 3), title.i)]
    if any(m is not None and m.kind in ("gov", "norp") and m.country != "us" for m in before):
        return False
    return any(m.kind == "actor" and m.schema == "PublicBody" and m.country == "us" for m in s.analysis.mentions)


def _holder_after_text(s: Sentence, person: Mention) -> bool:
    """ "X for the Southern District of Texas": a district named right after a U.S. Attorney's name."""
    return bool(_DISTRICT_AFTER.match(s.analysis.text, person.end))


_DISTRICT_AFTER = re.compile(r",?\s+(?:for|of)\s+the\s+(?:[A-Z][a-z]+\s+)?District\s+of\s+[A-Z]")


def _holder_after(s: Sentence, person: Mention) -> Mention | None:
    """The body named right after a titled name: "Attorney X for the District of Y", "X of the DEA"."""
    text = s.analysis.text
    after = re.match(r",?\s+(?:of|for|at|with)\s+(?:the\s+)?", text[person.end : s.span.end_char])
    if after is None:
        return None
    at = person.end + after.end()
    return next((m for m in s.mentions if m.start == at and _org(m) and m.kind == "actor"), None)


#: titles that speak for the body the text has just named
SPEAKERS = frozenset({"spokesperson", "spokesman", "spokeswoman"})


def _spoken_for(s: Sentence, title: Any) -> Mention | None:
    """The organisation or government named last before a holderless spokesperson's title, in
    this sentence or the one before it."""
    doc = s.span.doc
    prev_start = doc[s.span.start - 1].sent.start_char if s.span.start > 0 else s.span.start_char
    before = [m for m in s.analysis.mentions if prev_start <= m.start and m.end <= title.idx and _org(m)]
    text = s.analysis.text

    def fits(m: Mention) -> bool:
        if m.kind == "actor" and m.schema == "Person":
            return False
        line = text.rfind("\n", 0, m.start) + 1
        if sum(text[line : m.start].count(q) for q in '"“”') % 2 == 1:
            return False  # inside a quotation: what was said, not who said it
        lead = text[max(0, m.start - 12) : m.start]
        return not re.search(r"\b(?:in|to|at|from|with|on|against)\s+(?:the\s+)?$", lead)

    before = [m for m in before if fits(m)]
    for said in re.finditer(r"\bspokes(?:person|man|woman)\b", text[prev_start : title.idx]):
        at = prev_start + said.start()  # "a Chinese defence ministry spokesperson said ...": that body
        named = [m for m in before if m.end <= at and at - m.end <= 30]
        after = re.match(r"\s+(?:for|of|at)\s+(?:the\s+)?", text[prev_start + said.end() :])
        if after:  # "the spokesperson for China's embassy"
            start = prev_start + said.end() + after.end()
            named = [m for m in s.analysis.mentions if m.start == start and _org(m)] or named
        if named:
            return named[-1]
    here = [m for m in before if m.start >= s.span.start_char]  # else only this sentence's own body
    return here[-1] if here else None


def _named_holder(s: Sentence, lex: Lexicon, j: int) -> Mention | None:
    """A capitalised name NER left out, right before a title: an organisation of that name."""
    doc = s.span.doc
    run: list[Any] = []
    k = j
    while k > s.span.start and len(run) < 3:
        t = doc[k]
        if not (t.is_alpha and (t.is_title or t.is_upper)) or t.is_sent_start or s.at(t) is not None:
            break
        if t.lower_ in lex.roles or t.lower_ in lex.modifiers or t.lower_ in NOT_NAMES:
            break
        run.insert(0, t)
        k -= 1
    if not run or (k >= s.span.start and doc[k].is_alpha and doc[k].is_title and not doc[k].is_sent_start):
        return None  # part of a longer capitalised run we cannot delimit
    start, end = run[0].idx, run[-1].idx + len(run[-1].text)
    name = s.span.doc.text[start:end]
    schema = org_schema(name, "Organization")
    if schema == "PublicBody" or len(name) < 3:
        return None
    return Mention(start, end, name, name, schema, entity_id(schema, name), source="title")


#: titles whose holder may be a firm NER did not name ("Citadel CEO", "Wedbush analyst"); a minister's
#: or a secretary's capitalised word is a portfolio ("Transport Minister"), not an organisation
FIRM_ROLES = frozenset({"ceo", "cfo", "coo", "cto", "founder", "co-founder", "chairman", "chairwoman",
                        "analyst", "strategist", "economist", "trader", "partner"})  # fmt: skip
NOT_NAMES = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "then",
                       "now", "former", "new", "old", "top", "said", "says", "by", "and", "the"})  # fmt: skip


def after_name(s: Sentence, e: Emitter, lex: Lexicon, person: Mention, last: Any) -> None:
    """ ", (a) [holder's] title (of|at|for ORG)" right after a name."""
    doc = s.span.doc
    k = last.i + 1
    if k < s.span.end and doc[k].lower_ in SUFFIXES:
        k += 1  # "Raymond Castellano Jr., 41, the owner of ..."
    if k >= s.span.end or doc[k].text != ",":
        return
    k += 1
    k = _past_alias(s, k)  # "Kong Meixuan, also known as "Maggie Kong," 34, of Zhuzhou, China, a sales manager"
    if k + 1 < s.span.end and doc[k].like_num and doc[k + 1].text == ",":
        k += 2  # an age between the name and the title: "Xie Zhenhua, 52, the owner of ..."
    k = _residence(s, k)  # "Shuying Rao, 47, of Hefei, China, the company's chairwoman"
    roles: list[Any] = []
    holder: Mention | None = None
    end = min(s.span.end, k + WINDOW)
    while k < end:
        t = doc[k]
        m = s.at(t)
        low = t.lower_
        if m is not None:
            if m.kind == "actor" and m.schema == "Person":
                _personal_staff(s, e, lex, person, m, roles, k)  # "X, a courier for Y", "X, Y's accountant"
                return
            if roles:
                break
            holder = m if _org(m) else holder
            k = _tokens(s, m)[-1].i + 1
            continue
        if low in lex.roles or low in lex.owner_nouns:
            roles.append(t)
        elif roles and low == "in" and roles[-1].lower_ == "agent" and k + 1 < end and doc[k + 1].lower_ == "charge":
            k += 2  # "X, Special Agent in Charge of the DEA Los Angeles Field Division"
            continue
        elif roles and low == "of" and roles[-1].lower_ == "secretary":
            at = roles[0].idx
            till = max((tok.idx + len(tok.text) for tok in doc[k + 1 : min(end, k + 8)] if tok.is_title), default=0)
            if till and _department_head(s, e, lex, person, s.analysis.text[at:till] + " ", at):
                return  # "X, Secretary of State": the head of the department of that portfolio
            found = _prep_holder(s, t)
            holder = holder or found
            break
        elif roles and low in HOLDER_PREPS:
            found = _prep_holder(s, t)
            if found is not None and holder is None:  # "X, CBP's Director of Field Operations": CBP's
                holder = found
            boss = s.at(doc[k + 1]) if k + 1 < s.span.end else None
            if holder is None and boss is not None and boss.kind == "actor" and boss.schema == "Person":
                _personal_staff(s, e, lex, person, boss, roles, k + 1)  # "X, a courier for Y"
            break
        elif low in STOPS or t.is_punct or low not in lex.modifiers | DETERMINERS | POSSESSIVE:
            if roles and holder is None and t.text == ",":
                holder = _comma_holder(s, k)  # "Shri X, Director General, NCB, said"
            break  # "Cindy Wu, offered to ship ... to an undercover DEA agent": no title of hers
        k += 1
    if roles and holder is None and (k >= end or doc[k].text in (";", ".") or doc[k].lower_ == "who"):
        holder = inherited_holder(s, roles[0].idx)  # "...; B, its general manager; and C, a saleswoman;"
    if roles and holder is None:
        holder = _page_owner(s)  # "Mo Haoran, Director of International Business" on a company's own page
    if roles and holder is not None:
        for phrase in _phrases(roles):  # "the owner and chairman of Y": both
            _write(s, e, lex, person, holder, phrase)


def _personal_staff(s: Sentence, e: Emitter, lex: Lexicon, person: Mention, boss: Mention, roles: list[Any],
                    k: int) -> None:  # fmt: skip
    """A person employed by a person, in an apposition: "X, a courier for Y" (a staff word, then "for"
    and the employer) or "X, Y's accountant" (the employer's possessive, then a staff word)."""
    doc = s.span.doc
    toks = _tokens(s, boss)
    if not toks:
        return
    if roles and roles[-1].lower_ in PERSONAL_STAFF | COUNSEL and doc[k - 1].lower_ in ("for", "of"):
        staff = roles
    elif not roles and toks[-1].i + 2 < s.span.end and doc[toks[-1].i + 1].lower_ in POSSESSIVE:
        j = toks[-1].i + 2
        staff = []
        while j < s.span.end and len(staff) < 4 and doc[j].lower_ in lex.modifiers | PERSONAL_STAFF | COUNSEL:
            staff.append(doc[j])
            j += 1
        last = staff[-1].lower_ if staff else ""
        if last not in PERSONAL_STAFF | COUNSEL or (j < s.span.end and doc[j].lower_ in HOLDER_PREPS):
            return
    else:
        return
    schema = "Representation" if staff[-1].lower_ in COUNSEL else "Employment"
    emit.edge(s, e, schema, person, boss, 0.7, staff[-1].idx, None, person_employer=True,
              role=" ".join(t.lower_ for t in staff))  # fmt: skip


#: participles between a title and its employer ("a clerk employed by X")
HIRED = frozenset({"employed", "hired", "engaged", "retained", "contracted", "recruited"})
#: a person's lawyers: they represent the person
COUNSEL = frozenset({"lawyer", "attorney", "solicitor", "barrister", "counsel"})


def _page_owner(s: Sentence) -> Mention | None:
    """The company whose own page this is (it names itself on the first line and says "we"/"our"):
    the holder of a title that names no organisation."""
    return own_page(s.analysis.text, [m for m in s.analysis.mentions if m.kind == "actor" and not m.coref])


def write_title(s: Sentence, e: Emitter, lex: Lexicon, person: Mention, org: Mention, roles: list[Any]) -> None:
    """The facts a run of title words ("owner and general manager") makes between ``person`` and ``org``."""
    for phrase in _phrases(roles):
        _write(s, e, lex, person, org, phrase)


_ITEM_HOLDER = re.compile(r"\s*['’]s\b")
#: a sentence's end between two items (not an abbreviation's point: "Co., Ltd.", "Mr.")
_SENTENCE_END = re.compile(
    r"(?<!\bCo)(?<!\bLtd)(?<!\bInc)(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bNo)(?<!\bSt)[.!?][\"”]?\s+[A-Z]"
)


def inherited_holder(s: Sentence, at: int, items: int = 3) -> Mention | None:
    """The company the earlier items of a list of people name as their employer, for a title with no
    company of its own in a later item: "A, the company's chairman; B, its general manager; and C, a
    sales agent" (items end with ";", one a line in a bulleted list)."""
    text = s.analysis.text
    end = at
    for _ in range(items):
        cut = text.rfind(";", max(0, end - 300), end)
        if cut < 0 or _SENTENCE_END.search(text, cut, end):
            return None
        begin = max(text.rfind(";", max(0, cut - 300), cut), text.rfind(":", max(0, cut - 300), cut)) + 1
        if begin <= 0:
            return None
        inside = [m for m in s.analysis.mentions if begin <= m.start and m.end <= cut and _org(m) and m.kind == "actor"]
        for m in reversed(inside):
            if m.text.lower() in ("its", "their") or _ITEM_HOLDER.match(text, m.end):
                return m
            if re.search(r"\b(?:of|at|for)\s+(?:the\s+)?$", text[max(begin, m.start - 12) : m.start]):
                return m
        end = begin - 1
    return None


SUFFIXES = frozenset({"jr.", "jr", "sr.", "sr", "ii", "iii"})
_ALIAS_CLAUSE = re.compile(r"\s*(?:also\s+known\s+as|a\.k\.a\.?|aka|alias)\s+[\"“][^\"”]{1,40}[\"”]\s*,?\s*")


def _past_alias(s: Sentence, k: int) -> int:
    """The token after an "also known as "X"," clause at ``k``, else ``k``."""
    doc = s.span.doc
    if k >= s.span.end:
        return k
    hit = _ALIAS_CLAUSE.match(s.analysis.text, doc[k].idx - 1 if doc[k].idx else 0, s.span.end_char)
    if hit is None:
        return k
    return next((t.i for t in doc[k : s.span.end] if t.idx >= hit.end()), k)


def _residence(s: Sentence, k: int) -> int:
    """The token after "of <place>, <place>," at ``k`` (where someone lives), else ``k``."""
    doc = s.span.doc
    if k >= s.span.end or doc[k].lower_ != "of":
        return k
    j = k + 1
    named = False
    while j < s.span.end:
        m = s.at(doc[j])
        if _place(m) and m is not None:
            named, j = True, _tokens(s, m)[-1].i + 1
        elif doc[j].text == "," and named and j + 1 < s.span.end and _place(s.at(doc[j + 1])):
            j += 1
        else:
            break
    return j + 1 if named and j < s.span.end and doc[j].text == "," else k


def _place(m: Mention | None) -> bool:
    return m is not None and m.kind in ("place", "gov")


def _comma_holder(s: Sentence, k: int) -> Mention | None:
    """An organisation alone between commas right after a title: "X, Director General, NCB, said"."""
    doc = s.span.doc
    m = s.at(doc[k + 1]) if k + 1 < s.span.end else None
    if m is None or not _org(m) or m.kind != "actor":
        return None
    after = _tokens(s, m)[-1].i + 1
    return m if after >= s.span.end or doc[after].text in (",", ".", ";") else None


def _phrases(roles: list[Any]) -> list[list[Any]]:
    """Role words split into the titles they make: adjacent words are one title ("chief executive
    officer"), words with "and" between them two ("owner and operator")."""
    out: list[list[Any]] = []
    for t in roles:
        if out and t.i == out[-1][-1].i + 1:
            out[-1].append(t)
        else:
            out.append([t])
    return out


def _prep_holder(s: Sentence, prep: Any, depth: int = 0) -> Mention | None:
    """The organisation named by a preposition's object, through "the X program at Y"."""
    for g in prep.children:
        if g.dep_ != "pobj":
            continue
        m = s.at(g)
        if _org(m):
            return m
        for c in g.children:  # "the leader of a Guangzhou-based organization (the Xu Organization)"
            n = s.at(c) if c.dep_ == "appos" else None
            if _org(n):
                return n
        if m is None and depth == 0:
            named = _parenthesised(s, g)
            if named is not None:
                return named
        if m is None and (depth > 0 or g.lower_ in GROUP_HEADS | UNIT_HEADS):  # "the China program at the
            # Stimson Center think tank", "a cook for the Sonora-based Los Salazar faction", "the DEA ... Division"
            named = next((n for c in g.children if c.dep_ == "compound" and (n := s.at(c)) is not None
                          and n.kind == "actor" and n.schema != "Person"), None)  # fmt: skip
            if named is not None:
                return named
        if depth < 2:
            for c in g.children:
                if c.dep_ == "prep" and c.lower_ in (*HOLDER_PREPS, "on"):
                    found = _prep_holder(s, c, depth + 1)
                    if found is not None:
                        return found
    return None


#: heads of a body's unit named by the words before them ("the DEA Los Angeles Field Division": the DEA's)
UNIT_HEADS = frozenset({"division", "office", "unit", "directorate"})
#: lower-case heads of a group named by the words before them
GROUP_HEADS = frozenset({"faction", "gang", "clan", "cell", "crew", "cartel", "network", "organization", "ring"})


def _parenthesised(s: Sentence, noun: Any) -> Mention | None:
    """An organisation named in brackets right after the noun phrase: "a money laundering
    organization (the Xu Organization)"."""
    doc = s.span.doc
    k = noun.i + 1
    if k + 1 < s.span.end and doc[k].text == "(":
        k += 1
        if doc[k].lower_ == "the" and k + 1 < s.span.end:
            k += 1
        m = s.at(doc[k])
        if _org(m) and m is not None and m.kind == "actor":
            return m
    return None


def names(s: Sentence, e: Emitter, lex: Lexicon) -> None:
    seen: set[int] = set()
    for m in s.mentions:
        if m.kind != "actor" or m.schema != "Person" or id(m) in seen:
            continue
        seen.add(id(m))
        toks = _tokens(s, m)
        if not toks:
            continue
        titled = before_name(s, e, lex, m, toks[0])
        after_name(s, e, lex, m, toks[-1])
        if titled is not None and titled[0][-1].lower_.endswith("s"):
            for other in _untitled_conjuncts(s, lex, toks[-1]):  # "sales agents B, 31, and C, 27": C too
                _write(s, e, lex, other, titled[1], titled[0])
                seen.add(id(other))


def _untitled_conjuncts(s: Sentence, lex: Lexicon, last: Any) -> list[Mention]:
    """People coordinated after a name that carry no title of their own."""
    out: list[Mention] = []
    todo = [c for c in last.children if c.dep_ == "conj"]
    while todo and len(out) < 12:
        c = todo.pop(0)
        m = s.at(c)
        if m is None or m.kind != "actor" or m.schema != "Person":
            continue
        first = _tokens(s, m)[0]
        if first.i > s.span.start and (first.doc[first.i - 1].lower_ in lex.roles):
            continue  # "and sales manager D": a title of its own
        out.append(m)
        todo += [g for g in c.children if g.dep_ == "conj"]
    return out
