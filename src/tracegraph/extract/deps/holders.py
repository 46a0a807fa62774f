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
from tracegraph.extract.entities import country_code
from tracegraph.extract.evidence import Emitter
from tracegraph.extract.keys import entity_id, relation_id
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
            for owner in listed_from(s, named):
                emit.edge(s, e, "Ownership", owner, org, 0.75, named.start, None, role=last)
            continue
        schema = next((lex.role_phrases[p] for p in lex.role_phrases if words.endswith(p)), None)
        schema = schema or lex.roles.get(last)
        if last in lex.bare_roles and words == last:
            schema = lex.bare_roles[last]  # "X's manager is Y": Y runs it
        if schema is None:
            continue
        for person in listed_from(s, named):
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
    r"|\bknown(?:\s+to\s+[^,;]{1,40}?)?(?:\s+only)?\s+as"
    r"|\b(?:a|an)\s+(?:[a-z-]+\s+)?(?:woman|man|person)\s+(?:whom\s+|who\s+|that\s+)?(?:he|she|they|we)\s+"
    r"(?:knew|know|only\s+knew)(?:\s+only)?\s+as)\s+[\"“]?"
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
#: "X LLC, a company he owned", "X, S.A. de C.V. (X), a currency exchange house in Guadalajara, Jalisco that
#: Y owns": an apposition naming a kind of firm, then a relative clause whose subject owns or runs it
_FIRM_APPOSED = re.compile(
    r"\)?\s*(?:\([^()]{1,40}\)\s*)?,\s+(?:a|an|the)\s+(?:[\w'’-]+\s+){0,4}?"
    r"(?:company|firm|business|consultancy|entity|shell|brokerage|house|agency|distributor|importer|exporter"
    r"|trader|maker|manufacturer|supplier|store|shop|pharmacy|laboratory|lab)"
    r"(?!\s+(?:company|firm|business|entity|house|agency))"  # ("a shell company", "a trading house")
    r"(?:\s+(?:in|based\s+in)\s+[A-Z][\w.'’-]*(?:,?\s+[A-Z][\w.'’-]*){0,3})?"
    r"\s+(?:(?:that|which)\s+)?"
)
_PRONOUN = re.compile(r"(?:he|she|they)\b")
_OWNING_VERB = re.compile(
    r"\s*(?:had\s+|has\s+|also\s+|jointly\s+|once\s+)?"
    r"(owned|owns|own|controlled|controls|control|ran|runs|run|operated|operates|operate|managed|manages|founded"
    r"|set\s+up|established|registered|incorporated)\b"
    r"(?:\s+(?:together\s+)?with\s+(?:his|her|their)\s+[a-z-]+,?\s+)?"
)
_RUNNING = {"ran": "operator", "runs": "operator", "run": "operator", "operated": "operator", "operates": "operator",
            "operate": "operator", "managed": "manager", "manages": "manager", "founded": "founder",
            "set up": "founder", "established": "founder"}  # fmt: skip
#: "X has a wholly-owned trading subsidiary in Hong Kong, Y": X owns Y
_HAS_UNIT = re.compile(
    r"\s+(?:also\s+)?(?:has|have|had|owns|owned|operates|operated|set\s+up|established|created|controls|controlled"
    r"|formed)\s+(?:a|an|another)\s+(?:[\w-]+\s+){0,3}?(?:subsidiary|affiliate|front\s+company|shell\s+company)"
    r"(?:\s+(?:in|based\s+in)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})?\s*,\s*(?:called\s+|named\s+)?$"
)


def own_firms(s: Sentence, e: Emitter) -> None:
    """A person's own company, by a possessive before its name or a clause after it; a company's
    unit it is said to have ("X has a subsidiary in Hong Kong, Y")."""
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
        parent = _unit_of(s, ordered, firm)
        if parent is not None:
            emit.edge(s, e, "Ownership", parent, firm, 0.7, firm.start, None, role="subsidiary")
        _clause_owners(s, e, ordered, firm)


def _unit_of(s: Sentence, ordered: list[Mention], firm: Mention) -> Mention | None:
    """The company right before "has a (wholly-owned) subsidiary (in Z), <firm>"."""
    text = s.analysis.text
    for m in reversed([m for m in ordered if m.end <= firm.start and m.kind == "actor" and m.schema == "Company"]):
        if firm.start - m.end > 120:
            return None
        if _HAS_UNIT.fullmatch(text, m.end, firm.start):
            return m
    return None


_BARE_OF_WHICH = re.compile(r"\)?\s*(?:\([^()]{1,40}\)\s*)?,\s+(?=(?:and\s+)?of\s+which\s)")
_OF_WHICH = re.compile(r"(?:and\s+)?of\s+which\s+")
_IS_TITLE = re.compile(r"\s+(?:is|was|has\s+been|remains|became)\s+(?:the\s+|a\s+|its\s+)?(\w)")


def _of_which(s: Sentence, e: Emitter, owner: Mention, firm: Mention, at: int) -> None:
    """ "of which he is the sole shareholder (and director)": the titles after the verb."""
    from tracegraph.extract.deps.lexicon import lexicon

    lex = lexicon()
    hit = _IS_TITLE.match(s.analysis.text, at, s.span.end_char)
    if hit is None:
        return
    words: list[str] = []
    for raw in s.analysis.text[hit.start(1) : hit.start(1) + 60].lower().split()[:6]:
        w = raw.strip(",.;:")
        if w not in lex.modifiers and w not in lex.roles and w not in lex.owner_nouns:
            break
        words.append(w)  # "the sole director and shareholder"
        if w != raw:
            break
    for i, w in enumerate(words):
        phrase = next((lex.role_phrases[p] for p in lex.role_phrases if " ".join(words[: i + 1]).endswith(p)), None)
        if w in lex.owner_nouns:
            emit.edge(s, e, "Ownership", owner, firm, 0.7, at, None, role=w)
        elif (phrase or lex.roles.get(w)) == "Directorship":
            emit.edge(s, e, "Directorship", owner, firm, 0.7, at, None, role=w)  # ("the legal representative")


def _clause_owners(s: Sentence, e: Emitter, ordered: list[Mention], firm: Mention) -> None:
    """ "<firm>, a company he owned", "<firm>, a brokerage in Y that Z owns (with his wife, W)"."""
    text = s.analysis.text
    apposed = _FIRM_APPOSED.match(text, firm.end, s.span.end_char) or _BARE_OF_WHICH.match(
        text, firm.end, s.span.end_char
    )  # ("X (Yintai Trading), of which he is the legal representative")
    if apposed is None:
        return
    at = apposed.end()
    whole = _OF_WHICH.match(text, at, s.span.end_char)  # "a holding company of which he is the sole shareholder"
    if whole is not None:
        at = whole.end()
    pronoun = _PRONOUN.match(text, at, s.span.end_char)
    if pronoun is not None:
        owner = _person_before(s, ordered, firm.start)
        at = pronoun.end()
    else:
        owner = next((m for m in ordered if m.start == at and m.kind == "actor" and m.schema == "Person"), None)
        at = owner.end if owner is not None else at
    if whole is not None and owner is not None:
        _of_which(s, e, owner, firm, at)
        return
    verb = _OWNING_VERB.match(text, at, s.span.end_char)
    if owner is None or verb is None:
        return
    owners = [owner]
    if verb.end() > verb.end(1):  # "that he owns with his wife, W"
        owners += [m for m in ordered if m.start == verb.end() and m.kind == "actor" and m.schema == "Person"]
    word = re.sub(r"\s+", " ", verb.group(1))
    for o in owners:
        if word in _RUNNING:
            emit.edge(s, e, "Directorship", o, firm, 0.7, firm.start, None, role=_RUNNING[word])
        else:
            emit.edge(s, e, "Ownership", o, firm, 0.7, firm.start, None, role="owner")


def _person_before(s: Sentence, ordered: list[Mention], at: int) -> Mention | None:
    """The one person named before ``at`` in the sentence that a "he"/"her" there can mean: the
    sentence's first person, when no other person stands between it and ``at``."""
    text = s.analysis.text
    people = [m for m in ordered if m.end <= at and m.kind == "actor" and m.schema == "Person"
              and not re.match(r"['’]s\b", text[m.end : m.end + 2])]  # fmt: skip
    # (a possessor is not the one a pronoun means: "Feng's associate Chu Wanting ... a shell company she set up")
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


_STATE = re.compile(r"\b(wholly[ -])?(?:state|government|provincially)-(?:owned|run|controlled|backed)\b", re.I)


_WHOSE = re.compile(
    r"(,?)\s+whose\s+((?:[\w-]+\s+){0,3}?([\w-]+))"
    r"(?:\s+(?:is|was|has been|are|were|include|includes|included)\s+|\s*,\s*)$"
)
#: an apposition between a company and "whose": "X Co., Ltd., a supplier in Jiangsu province whose ..."
_APPOSED = re.compile(r"\)?(?:\s*\([^()]{1,40}\))?,\s+(?:a|an|the)\s+[\w'’ ,-]{1,60}$")
#: "the only member of X LLC", "whose sole member is Y": a limited liability company's member owns it
_OWNING_MEMBER = re.compile(r"\b(?:sole|only|single|managing)\s+member\b")


def whose_role(s: Sentence, e: Emitter, lex: Lexicon) -> None:
    """ "X, whose general manager is Y," / "X, whose owner was Y": Y holds the role at X."""
    text = s.analysis.text
    for p in s.mentions:
        if p.kind != "actor" or p.schema != "Person":
            continue
        lead = _WHOSE.search(text[max(s.span.start_char, p.start - 60) : p.start])
        if lead is None:
            continue
        at = p.start - len(lead.group(0))
        org = next((m for m in s.mentions if m.end == at and titles._org(m) and m.kind == "actor"), None)
        if org is None or not lead.group(1):
            before = [m for m in s.mentions if m.end < at and titles._org(m) and m.kind == "actor"]
            org = before[-1] if before and _APPOSED.fullmatch(text[before[-1].end : at]) else None
        org = org or _whose_antecedent(s, at)
        if org is None:
            continue
        words, head = lead.group(2).lower(), lead.group(3).lower()
        member = bool(_OWNING_MEMBER.search(words)) and org.schema == "Company"
        named = [m for m in listed_from(s, p) if m.schema == "Person"]  # "whose members include A and B"
        if head in lex.owner_nouns or member:
            for q in named:
                emit.edge(s, e, "Ownership", q, org, 0.75, p.start, None, role="member" if member else head)
            if head in lex.owner_nouns or " and " not in words:
                continue  # ("whose only member and manager is Y": Y runs it too)
        schema = next((lex.role_phrases[r] for r in lex.role_phrases if words.endswith(r)), None) or lex.roles.get(head)
        if head in lex.bare_roles and (words == head or words.split()[-2:-1] == ["and"]):
            schema = lex.bare_roles[head]  # "whose manager, Y" / "whose owner and manager, Y": Y runs it
        if schema is not None:
            for q in named:
                emit.edge(s, e, schema, q, org, 0.75, p.start, None, role=words)


#: what may stand between two names of a list: "A and B", "A, B and C", "A, B, and C"
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|as\s+well\s+as\s+)[\"“]?(?:(?:Mr|Ms|Mrs|Dr)\.?\s+)?")


def listed_from(s: Sentence, first: Mention, limit: int = 12) -> list[Mention]:
    """``first`` and the names listed right after it ("A, B and C")."""
    text = s.analysis.text
    out = [first]
    later = sorted((m for m in s.mentions if m.start >= first.end and m.kind == "actor" and m.entity_id),
                   key=lambda m: m.start)  # fmt: skip
    for m in later:
        if len(out) >= limit:
            break
        if m.start < out[-1].end:
            continue
        if not _LIST_GAP.fullmatch(text, out[-1].end, m.start):
            break
        out.append(m)
    return out


#: "its parent company Y", "X's Hong Kong subsidiary, Z", "its front company Y" right before a name
_POSSESSED = re.compile(
    r"(?:\b(its|their)|(['’]s))\s+(?:(?:wholly[- ]owned|majority[- ]owned|[A-Z][\w-]*|[a-z]+)\s+){0,3}?"
    r"(parent(?:\s+(?:company|firm|entity|corporation))?|holding\s+company|subsidiary|affiliate|front(?:\s+company)?"
    r"|shell(?:\s+company)?)\s*,?\s*$"
)
_OWNING_NOUNS = ("parent", "holding")


def possessed_firms(s: Sentence, e: Emitter) -> None:
    """ "X and its parent company Y", "X's subsidiary Z", "through its subsidiary, Z": the company
    named after the noun owns X (a parent) or is owned by it (a subsidiary, an affiliate, a front)."""
    text = s.analysis.text
    for named in s.mentions:
        if not (titles._org(named) and named.kind == "actor" and named.schema != "PublicBody"):
            continue
        lead = _POSSESSED.search(text, max(s.span.start_char, named.start - 80), named.start)
        if lead is None:
            continue
        if lead.group(1):
            tok = next((t for t in s.span if t.idx == lead.start(1)), None)
            holder = s.at(tok) if tok is not None else None
        else:
            holder = next((m for m in s.mentions if m.end == lead.start(2)), None)
        if holder is None or not titles._org(holder) or holder.kind != "actor" or holder.entity_id == named.entity_id:
            continue
        noun = lead.group(3).split()[0].lower()
        owner, asset = (named, holder) if noun in _OWNING_NOUNS else (holder, named)
        rid = relation_id("Ownership", owner.entity_id, asset.entity_id)
        if not any(st.entity_id == rid and st.span_start == s.span.start_char for st in e.statements):
            emit.edge(s, e, "Ownership", owner, asset, 0.7, named.start, None, role=noun)  # (once per sentence)


def _whose_antecedent(s: Sentence, at: int) -> Mention | None:
    """The company "whose" is said of, through the parse: "X of Pooler, Georgia, is a company whose
    ...": the relative clause's noun, and through a copula its subject."""
    whose = next((t for t in s.span if t.idx >= at and t.lower_ == "whose"), None)
    clause = whose
    for _ in range(3):
        if clause is None or clause.dep_ == "relcl":
            break
        clause = clause.head if clause.head is not clause else None
    if clause is None or clause.dep_ != "relcl":
        return None
    return next((m for m in s.of(clause.head, ("actor",)) if titles._org(m)), None)


def state_owned(s: Sentence, e: Emitter) -> None:
    """ "X is wholly state-owned", "the state-run Kazakh Invest company": a government owns X."""
    for match in _STATE.finditer(s.span.text):
        at = s.span.start_char + match.start()
        after = [
            m for m in s.mentions if m.kind == "actor" and m.schema != "Person" and m.start >= at + len(match.group(0))
        ]
        before = [m for m in s.mentions if m.kind == "actor" and m.schema != "Person" and m.end <= at]
        gap = s.analysis.text[at + len(match.group(0)) : after[0].start] if after else ""
        if after and len(gap) <= 30 and "," not in gap:
            asset = after[0]
        elif before and re.search(r"\b(?:is|was|are|were|being)\s+[\"“']?$", s.analysis.text[before[-1].end : at]):
            asset = before[-1]
        else:
            continue
        govs = [m for m in s.mentions if m.kind in ("gov", "norp") and m.country]
        named = country_code(asset.name.split()[0])  # "Kazakh Invest"
        code = asset.country or named or (govs[0].country if govs else None) or _main_country(s)
        if code is None:
            continue
        owner = emit.as_actor(Mention(at, at, code, code, "PublicBody", "", "norp", code))
        pct = "100" if match.group(1) else ""
        emit.edge(s, e, "Ownership", owner, asset, 0.65, at, None, ownershipType="state-owned", percentage=pct)


def _main_country(s: Sentence) -> str | None:
    counts: dict[str, int] = {}
    for m in s.analysis.mentions:
        if m.kind in ("gov", "norp") and m.country:
            counts[m.country] = counts.get(m.country, 0) + 1
    return max(counts, key=lambda c: counts[c]) if counts else None
