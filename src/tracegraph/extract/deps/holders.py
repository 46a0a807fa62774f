"""Roles and owners read off the words around a company's name where the small parser loses them.

* a company's possessive (or a bracket), a title and a verb of being before the names: "X Co., Ltd.'s
  legal representative is Y", "X's shareholders include A and B", "X (legal representative: Y)";
* someone known only by the name they gave: "a saleswoman for X, who gave her name as Lily",
  "X's sales agent, who used the name "Vivian"", "whose sales representative, known to him only as
  "Sunny"";
* a person's own company: "Huang's company, X Ltd.", "her own consultancy, X Ltd.", "X LLC, a
  company he owned".

Each rule looks at a bounded run of characters beside a name, so a sentence costs time linear in
its names.
"""

from __future__ import annotations

import re
from typing import Any

from tracegraph.extract.deps import emit, titles
from tracegraph.extract.deps.lexicon import Lexicon
from tracegraph.extract.evidence import Emitter
from tracegraph.extract.keys import entity_id
from tracegraph.extract.mentions import Mention
from tracegraph.extract.parse import Sentence

#: "X's legal representative is", "X's shareholders include", "X's general manager:", "X (legal representative:"
_POSS_TITLE = re.compile(
    r"(?:\s*['’]s\s+|\s*[(（]\s*)((?:[\w-]+\s+){0,3}?([\w-]+))"
    r"(?:\s+(?:is|was|are|were|has\s+been|have\s+been|remains|include|includes|included)"
    r"(?:\s+(?:listed|named|registered|identified|given|recorded|shown)\s+as)?\s+|\s*:\s*)[\"“]?"
    r"(?:(?:Mr|Ms|Mrs|Dr)\.?\s+)?$"
)


def possessive_titles(s: Sentence, e: Emitter, lex: Lexicon) -> None:
    """ "X's legal representative is Y", "X's shareholders include A and B": the names after the
    verb hold the title at (or own) the company before the possessive."""
    text = s.analysis.text
    ordered = sorted(s.mentions, key=lambda m: m.start)
    for org in ordered:
        if not (titles._org(org) and org.kind == "actor"):
            continue
        head = text[org.end : min(s.span.end_char, org.end + 80)]
        named = next((m for m in ordered if org.end < m.start <= org.end + 80 and m.kind == "actor" and m.entity_id),
                     None)  # fmt: skip
        if named is None or not head:
            continue
        lead = _POSS_TITLE.fullmatch(text, org.end, named.start)
        if lead is None:
            continue
        words, last = lead.group(1).lower(), lead.group(2).lower()
        if last in lex.owner_nouns:
            for owner in titles.listed_from(s, named):
                emit.edge(s, e, "Ownership", owner, org, 0.75, named.start, None, role=last)
            continue
        schema = next((lex.role_phrases[p] for p in lex.role_phrases if words.endswith(p)), None)
        schema = schema or lex.roles.get(last)
        if last in lex.bare_roles and words == last:
            schema = lex.bare_roles[last]  # "X's manager is Y": Y runs it
        if schema is None:
            continue
        for person in titles.listed_from(s, named):
            if person.schema == "Person":
                emit.edge(s, e, schema, person, org, 0.75, named.start, None, role=words)


#: a clause that gives the only name a seller's staff member is known by
_NAMED_BY = re.compile(
    r"(?:\b(?:who|that)\s+(?:(?:has\s+)?(?:used|uses|use|using)\s+the\s+(?:names?|alias(?:es)?|nicknames?|pseudonyms?)"
    r"|went\s+by(?:\s+the\s+names?)?|goes\s+by(?:\s+the\s+names?)?"
    r"|(?:identified|introduced|called|identifies|introduces|calls|described|signed)\s+(?:herself|himself|themselves)"
    r"(?:\s+as)?"
    r"|gave\s+(?:her|his|their)\s+(?:first\s+)?name(?:\s+only)?\s+as|(?:was|is)\s+known(?:\s+to\s+[^,;]{1,40}?)?"
    r"(?:\s+only)?\s+as)"
    r"|\bknown(?:\s+to\s+[^,;]{1,40}?)?(?:\s+only)?\s+as)\s+[\"“]?"
)
_GIVEN = re.compile(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}")


def _given_name(s: Sentence, at: int) -> Mention | None:
    """The name written at ``at``: a tagged mention (retyped a person), else a capitalised run."""
    tagged = next((m for m in s.mentions if m.start == at and m.kind == "actor"), None)
    if tagged is not None and tagged.schema == "Person":
        return tagged
    hit = _GIVEN.match(s.analysis.text, at, s.span.end_char)
    if hit is None:
        return None
    name = hit.group(0)
    if tagged is not None:
        name = tagged.name
    return Mention(at, at + len(name), name, name, "Person", entity_id("Person", name), source="title")


def named_staff(s: Sentence, e: Emitter, lex: Lexicon) -> None:
    """ "a saleswoman for X, who gave her name only as Lily", "X's sales agent, who used the name
    Vivian", "whose sales representative, known only as Sunny": the name holds the title at X."""
    text = s.analysis.text
    for hit in _NAMED_BY.finditer(text, s.span.start_char, s.span.end_char):
        person = _given_name(s, hit.end())
        anchor = next((t for t in s.span if t.idx == hit.start()), None)
        if person is None or anchor is None:
            continue
        if titles.before_name(s, e, lex, person, anchor) is not None:
            continue
        roles, stop = _title_left(s, lex, anchor)
        if not roles:
            continue
        holder = _whose_holder(s, stop) if stop is not None and stop.lower_ == "whose" else None
        holder = holder or titles.inherited_holder(s, roles[0].idx) or _seller_before(s, roles[0].idx, roles)
        if holder is not None:
            titles.write_title(s, e, lex, person, holder, roles)


#: titles of a seller's staff: with no company named, the company the story has just named employs them
_SELLING = frozenset({"saleswoman", "salesman", "salesperson", "agent", "representative", "rep", "manager",
                      "employee", "staffer", "seller", "vendor", "clerk"})  # fmt: skip


def _title_left(s: Sentence, lex: Lexicon, anchor: Any) -> tuple[list[Any], Any | None]:
    """Title words right before ``anchor`` (over a comma) and the token where they stop."""
    doc = s.span.doc
    j = anchor.i - 1
    if j >= s.span.start and doc[j].text == ",":
        j -= 1
    roles: list[Any] = []
    while j >= s.span.start and anchor.i - j <= 6:
        low = doc[j].lower_
        if low in lex.roles and s.at(doc[j]) is None:
            roles.insert(0, doc[j])
        elif low not in lex.modifiers or low in ("the", "a", "an", "its", "his", "her", "their"):
            break
        elif roles:
            roles.insert(0, doc[j])
        j -= 1
    roles = [t for t in roles if t.lower_ in lex.roles or t.i > roles[0].i]
    while roles and roles[0].lower_ not in lex.roles and roles[0].lower_ in ("and", "&"):
        roles.pop(0)
    return roles, doc[j] if j >= s.span.start else None


def _whose_holder(s: Sentence, whose: Any) -> Mention | None:
    """The company "whose" is said of: named right before it (over a bracketed short name)."""
    text = s.analysis.text
    before = [m for m in s.mentions if m.end <= whose.idx and titles._org(m) and m.kind == "actor"]
    for m in reversed(before):
        if re.fullmatch(r"\s*(?:\([^()]{1,40}\))?\s*,?\s*", text[m.end : whose.idx]):
            return m
        break
    return None


def _seller_before(s: Sentence, at: int, roles: list[Any]) -> Mention | None:
    """For a seller's staff title with no company: the last company named in this sentence or the one
    before it ("The reporter wrote to X Co., Ltd. A saleswoman who called herself Lily replied")."""
    if roles[-1].lower_ not in _SELLING:
        return None
    doc = s.span.doc
    prev = doc[s.span.start - 1].sent.start_char if s.span.start > 0 else s.span.start_char
    firms = [m for m in s.analysis.mentions if prev <= m.start and m.end <= at and m.kind == "actor"
             and m.schema == "Company"]  # fmt: skip
    return firms[-1] if firms else None


#: "Huang's company, X", "her own consultancy, X": the possessor owns the company named
_OWN_FIRM = re.compile(
    r"(?:(['’]s)|\b(his|her|their))\s+(?:own\s+)?(?:[a-z-]+\s+){0,2}?"
    r"(company|companies|firm|business|consultancy|venture|enterprise|outfit|shell\s+company)\s*,\s*$"
)
#: "X LLC, a company he owned": the pronoun is the person the clause is about
_HE_OWNED = re.compile(
    r"\s*,\s+(?:a|an|the)\s+(?:[a-z-]+\s+){0,2}?(?:company|firm|business|consultancy|entity|shell)\s+"
    r"(?:(?:that|which)\s+)?(?:he|she|they)\s+(?:had\s+|has\s+|also\s+)?"
    r"(owned|owns|controlled|controls|ran|runs|operated|operates|managed|manages|founded|set\s+up|established"
    r"|registered|incorporated)\b"
)
_RUNNING = {"ran": "operator", "runs": "operator", "operated": "operator", "operates": "operator",
            "managed": "manager", "manages": "manager", "founded": "founder", "set up": "founder",
            "established": "founder"}  # fmt: skip


def own_firms(s: Sentence, e: Emitter) -> None:
    """A person's own company, by a possessive before its name or a clause after it."""
    text = s.analysis.text
    ordered = sorted(s.mentions, key=lambda m: m.start)
    for firm in ordered:
        if not (firm.kind == "actor" and firm.schema == "Company" and not firm.coref):
            continue
        lead = _OWN_FIRM.search(text, max(s.span.start_char, firm.start - 60), firm.start)
        owner: Mention | None = None
        if lead is not None and lead.group(1):
            owner = next((m for m in ordered if m.end == lead.start(1) and m.schema == "Person"), None)
        elif lead is not None:
            owner = _person_before(s, ordered, lead.start(2))
        if owner is not None:
            emit.edge(s, e, "Ownership", owner, firm, 0.7, firm.start, None, role=lead.group(3) if lead else "")
            continue
        after = _HE_OWNED.match(text, firm.end, s.span.end_char)
        owner = _person_before(s, ordered, firm.start) if after is not None else None
        if after is None or owner is None:
            continue
        verb = re.sub(r"\s+", " ", after.group(1))
        if verb in _RUNNING:
            emit.edge(s, e, "Directorship", owner, firm, 0.7, firm.start, None, role=_RUNNING[verb])
        else:
            emit.edge(s, e, "Ownership", owner, firm, 0.7, firm.start, None, role="owner")


def _person_before(s: Sentence, ordered: list[Mention], at: int) -> Mention | None:
    """The one person named before ``at`` in the sentence that a "he"/"her" there can mean: the
    sentence's first person, when no other person stands between it and ``at``."""
    people = [m for m in ordered if m.end <= at and m.kind == "actor" and m.schema == "Person"]
    if not people or len({m.entity_id for m in people}) > 1:
        return None
    return people[0]


_SHARE = (
    r"(?:(?:about|almost|nearly|roughly|some|over|more\s+than|just\s+under|a\s+further|another)\s+)?"
    r"(?:\d+(?:\.\d+)?\s*(?:percent|per\s+cent|%)|(?:a|one|two)[\s-](?:third|quarter|half|fifth)s?|half)"
)
#: "A holds almost a third of X", "B owns the remaining 40 percent"
_HOLDS = re.compile(
    rf"\s*(?:,\s*(?:which|who)\s+)?(?:\s*(?:also|in\s+turn|still|now)\s+)?\s*(?:owns|owned|holds|held|controls|controlled)"
    rf"\s+(?:the\s+)?(?:(?P<rest>rest|remainder|remaining(?:\s+{_SHARE})?(?:\s+(?:shares|stake|equity|interest))?)"
    rf"|(?P<share>{_SHARE}))(?P<of>\s+(?:of|in)\s+(?:the\s+)?)?"
)
#: "the remaining shares are owned by B", "the rest is held by B"
_REST_BY = re.compile(
    rf"\b(?:the\s+)?(?:rest|remainder|remaining(?:\s+{_SHARE})?(?:\s+(?:shares|stake|equity|interest))?)"
    r"(?:\s+of\s+(?:the|its)\s+(?:shares|equity|stock))?\s+(?:is|are|was|were)\s+(?:owned|held|controlled)\s+by\s+$"
)


def shares_held(s: Sentence, e: Emitter) -> None:
    """Shares stated as a part: "A holds almost a third of X" (the part's company named after "of"),
    "B owns the remaining 40 percent", "the remaining shares are owned by B" (the company whose
    other shares the sentence or the one before it just gave to someone)."""
    text = s.analysis.text
    ordered = sorted((m for m in s.mentions if m.kind == "actor" and m.entity_id), key=lambda m: m.start)
    for i, owner in enumerate(ordered):
        after = _HOLDS.match(text, owner.end, s.span.end_char)
        asset: Mention | None = None
        if after is not None and after.group("of"):
            asset = next((m for m in ordered[i + 1 :] if after.start("of") < m.start <= after.end()), None)
            if asset is None or asset.schema == "Person":
                continue
        elif after is not None and (after.group("rest") or not text[after.end() : after.end() + 1].isalnum()):
            asset = _last_asset(s, e, owner.start)
        else:
            before = _REST_BY.search(text, max(s.span.start_char, owner.start - 90), owner.start)
            asset = _last_asset(s, e, owner.start) if before is not None else None
        if asset is not None and asset.entity_id != owner.entity_id:
            emit.edge(s, e, "Ownership", owner, asset, 0.7, owner.start, None, role="shareholder")


def _last_asset(s: Sentence, e: Emitter, before: int) -> Mention | None:
    """The company the latest ownership written in this sentence or the one before it is of."""
    doc = s.span.doc
    prev = doc[s.span.start - 1].sent.start_char if s.span.start > 0 else s.span.start_char
    assets = [
        st.value
        for st in e.statements
        if st.schema == "Ownership" and st.prop == "asset" and prev <= (st.span_start or 0) <= before
    ]
    if not assets:
        return None
    return next((m for m in reversed(s.analysis.mentions) if m.entity_id == assets[-1] and m.start < before), None)
