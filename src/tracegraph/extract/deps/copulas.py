"""Roles and ownership said over the parse: copulas, appositions and "as" phrases headed by a role,
subsidiary or owner noun ("X is the sole director of Y", "served as its general manager", "X, a unit
of Y", "the founder and controlling shareholder of Y", "X is Y's accountant")."""

from __future__ import annotations

from typing import Any

from tracegraph.extract.deps import emit
from tracegraph.extract.deps.args import subject_token
from tracegraph.extract.deps.lexicon import Lexicon
from tracegraph.extract.deps.titles import COUNSEL, HOLDER_PREPS, ORG_KINDS, PERSONAL_STAFF, _org, _prep_holder, _write
from tracegraph.extract.evidence import Emitter
from tracegraph.extract.mentions import Mention
from tracegraph.extract.parse import Sentence


def _boss_of(s: Sentence, e: Emitter, tok: Any, persons: list[Mention]) -> None:
    """A staff word whose possessive is a person: "X is Y's accountant", "X served as Y's lawyer"."""
    if tok.lower_ not in PERSONAL_STAFF | COUNSEL:
        return
    bosses = [m for c in tok.children if c.dep_ == "poss" for m in s.of(c, ("actor",)) if m.schema == "Person"]
    schema = "Representation" if tok.lower_ in COUNSEL else "Employment"
    for boss in bosses[:1]:
        for p in persons:
            emit.edge(s, e, schema, p, boss, 0.7, tok.idx, None, person_employer=True, role=tok.lower_)


def _holders(s: Sentence, tok: Any) -> list[Mention]:
    """The role's organisation: its possessive ("CBP's Director of Field Operations": CBP), else its
    preposition's object, else its modifier."""
    out = [m for c in tok.children if c.dep_ == "poss" for m in s.of(c, ORG_KINDS) if _org(m) and m.kind == "actor"]
    out = out or [m for c in tok.children if c.dep_ == "prep" and c.lower_ in HOLDER_PREPS
                  if (m := _prep_holder(s, c)) is not None]  # fmt: skip
    if out:
        return out[:1]
    for c in tok.children:
        if c.dep_ in ("poss", "compound", "amod"):
            out += [m for m in s.of(c, ORG_KINDS) if _org(m)]
    return out[:1]


def _persons_for(s: Sentence, tok: Any, lex: Lexicon, firms: bool = False) -> list[Mention]:
    """The people a role noun is said of (with ``firms``, companies too: "X Co. is a member of Y")."""
    found: list[Mention] = []
    while (
        tok.dep_ == "conj"
        and tok.head is not tok
        and (tok.head.lower_ in lex.roles or tok.head.lower_ in lex.owner_nouns)
        and not any(c.dep_ == "appos" for c in tok.children)
    ):
        tok = tok.head  # "served as legal attache ... and director of ..."
    first = tok
    while first.dep_ == "conj" and first.head is not first:
        first = first.head
    if first is not tok and first.dep_ == "pobj" and first.head.head.dep_ in ("attr", "oprd"):
        first = first.head.head  # "X is an enterprise in Wuhan, Hubei, China, and a member of Y": the parse
        # joined the second predicate to the place list
    if first is not tok and first.dep_ in ("attr", "oprd") and first.head.lower_ in lex.copulas:
        tok = first  # "X is a manufacturer in Wuhan and a member of Y"
    if tok.dep_ == "appos" and tok.head.dep_ == "pobj" and tok.head.head.lower_ == "as" and s.at(tok.head) is not None:
        holder = s.at(tok.head)  # "who serves as X Co., Ltd.'s general manager": the parse apposes the title
        if holder is not None and holder.schema != "Person":
            tok = tok.head
    if tok.dep_ == "nsubj" and tok.head.lower_ in ("is", "was", "are", "were"):  # "our chairman is Mr. X"
        found = [m for c in tok.head.children if c.dep_ == "attr" for m in s.of(c, ("actor",))]
    elif tok.dep_ in ("attr", "oprd") or (tok.dep_ == "pobj" and tok.head.lower_ == "as"):
        verb = tok.head if tok.dep_ != "pobj" else tok.head.head
        said_of = _described(verb) if verb.lower_ in DESCRIBING else None
        if said_of is not None:
            found = s.of(said_of, ("actor",))  # "X, whom investigators describe as the CCC's plaza boss"
        elif verb.lower_ in lex.copulas or tok.dep_ == "pobj":
            subj = subject_token(verb)
            if subj is not None:
                found = s.of(subj, ("actor",))
    elif tok.dep_ == "appos":
        own = _apposed_to(s, tok) or s.at(tok.head)  # "Ma Hui, 40, the company's president; and Zhu Kang": Ma
        # Hui only; "A, B and C, the company's general manager": C (the parse hangs the title on A)
        found = [own] if own is not None and own.kind == "actor" else s.of(tok.head, ("actor",))
    for c in tok.children:  # the apposed name, not names coordinated with it that carry titles of their own
        if c.dep_ == "appos":
            own = s.at(c)
            found += [own] if own is not None and own.kind == "actor" else s.of(c, ("actor",))
    return [m for m in found if m.schema == "Person" or (firms and m.kind == "actor" and m.schema == "Company")]


def _titles_then_of(s: Sentence, lex: Lexicon, tok: Any) -> tuple[list[Mention], list[Any]]:
    """ "the chairman and controlling shareholder of Y" read off the words: Y, and the titles after
    the first (the parser may read "controlling" as a verb and lose the phrase)."""
    doc = tok.doc
    later: list[Any] = []
    k = tok.i + 1
    while k < s.span.end and k - tok.i <= 5:
        low = doc[k].lower_
        if low == "of":
            break
        if low in lex.roles or low in lex.owner_nouns:
            later.append(doc[k])
        elif low not in lex.modifiers and low not in ("and", "&"):
            break
        k += 1
    if not later or k >= s.span.end or doc[k].lower_ != "of":
        return [], []
    found = _prep_holder(s, doc[k])
    return ([found], later) if found is not None else ([], [])


def _apposed_to(s: Sentence, tok: Any) -> Mention | None:
    """The person named right before the comma that opens an apposition headed by ``tok``, when the
    name the parse hangs it on is another one, earlier in a list."""
    start = tok.left_edge
    text = s.analysis.text
    comma = text.rfind(",", s.span.start_char, start.idx)
    if comma < 0 or text[comma + 1 : start.idx].strip():
        return None
    near = next((m for m in s.mentions if m.kind == "actor" and m.schema == "Person" and m.end == comma), None)
    own = s.at(tok.head)
    return near if near is not None and own is not None and near.entity_id != own.entity_id else None


#: verbs that say what someone is ("prosecutors describe X as the leader of Y", "X was identified as ...")
DESCRIBING = frozenset({"describe", "describes", "described", "describing", "identify", "identifies", "identified",
                        "identifying", "consider", "considers", "considered", "call", "calls", "called", "label",
                        "labels", "labeled", "labelled", "name", "names", "named", "list", "lists", "listed",
                        "listing", "register", "registers", "registered", "show", "shows", "showed", "shown",
                        "showing", "appoint", "appoints", "appointed", "hire", "hires", "hired", "employ", "employs",
                        "employed", "retain", "retains", "retained", "engage", "engages", "engaged"})  # fmt: skip


def _described(verb: Any) -> Any | None:
    """Who a describing verb describes: its object ("describe X as"; "whom ... describe as": the relative
    clause's noun), else in the passive its subject ("X was identified as")."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is not None and obj.lower_ in ("whom", "who", "that") and verb.dep_ == "relcl":
        return verb.head
    if obj is not None:
        return obj
    if any(c.dep_ == "nsubjpass" for c in verb.children) or verb.dep_ == "acl":
        return subject_token(verb)
    return None


_FIRM_NOUNS = frozenset({"company", "firm", "entity", "group", "corporation"})
#: words before "controller" that make it an owner ("the actual controller of X", a company's de facto owner
#: in Chinese filings); a "financial controller" is an employee
CONTROLLERS = frozenset({"actual", "ultimate", "facto", "beneficial", "real"})


def _possessed_firm(s: Sentence, e: Emitter, tok: Any, noun: str, owner: bool) -> None:
    """ "X controls Y through its subsidiary, Z": the possessor owns the company named after the
    comma; "X's parent company, Y": the company named owns the possessor."""
    poss = [m for c in tok.children if c.dep_ == "poss" for m in s.of(c, ORG_KINDS) if _org(m)]
    if poss and tok.dep_ == "pobj" and any(c.lower_ in ("its", "their") for c in tok.children):
        subj = subject_token(tok.head.head)  # "X controls Y through its subsidiary": "its" is X
        doers = [m for m in s.of(subj, ORG_KINDS) if _org(m)] if subj is not None else []
        poss = doers[:1] or poss
    doc = tok.doc
    if not poss or tok.i + 2 >= s.span.end or doc[tok.i + 1].text != ",":
        return
    named = s.at(doc[tok.i + 2])
    if named is not None and named.kind == "actor" and named.schema != "Person":
        a, b = (named, poss[0]) if owner else (poss[0], named)
        emit.edge(s, e, "Ownership", a, b, 0.7, tok.idx, None, role=noun)


def _owner_after_role(s: Sentence, e: Emitter, lex: Lexicon, tok: Any, low: str) -> None:
    """An owner noun coordinated after a role: the role's "of" phrase is the asset, its subject
    (or the name it is apposed to) the owner."""
    head = tok.head
    if head.lower_ not in lex.roles and head.lower_ not in lex.owner_nouns:
        return
    assets = [m for h in (tok, head) for c in h.children if c.dep_ == "prep" and c.lower_ == "of"
              for g in c.children if g.dep_ == "pobj" for m in s.of(g, ("actor",))]  # fmt: skip
    if head.dep_ == "appos":
        owners = s.of(head.head, ("actor",))
    else:
        subj = subject_token(head.head)
        owners = s.of(subj, ("actor",)) if subj is not None else []
    for o in owners[:1]:
        for a in assets[:1]:
            if a.schema != "Person":
                emit.edge(s, e, "Ownership", o, a, 0.75, tok.idx, None, role=low)


def role_nouns(s: Sentence, e: Emitter, lex: Lexicon) -> None:
    """Copulas, appositions and "as" phrases headed by a role, subsidiary or owner noun."""
    for tok in s.span:
        low = tok.lower_
        kind = (
            next((c.lower_ for c in tok.children if c.dep_ in ("compound", "amod")), "") if low in _FIRM_NOUNS else ""
        )
        if kind in lex.owner_nouns or kind in lex.subsidiary_nouns:
            low = kind  # "the parent company of Y", "a subsidiary company of Z"
        if (low in lex.subsidiary_nouns or low in lex.owner_nouns) and tok.dep_ in ("pobj", "dobj", "nsubj", "conj"):
            _possessed_firm(s, e, tok, low, low in lex.owner_nouns)  # "through its subsidiary, X", "its parent, Y"
        if low in lex.roles and tok.dep_ in ("attr", "oprd", "appos", "pobj", "conj", "nsubj"):
            persons = _persons_for(s, tok, lex, firms=low in ("member", "members"))
            if persons:
                holders = _holders(s, tok)
                if not holders and tok.dep_ == "conj" and tok.head.lower_ in lex.owner_nouns | lex.roles.keys():
                    holders = _holders(s, tok.head)  # "the owner and general manager of Y": Y for both
                titles = lex.owner_nouns | lex.roles.keys()
                titled = [c for c in tok.children if c.dep_ == "conj" and c.lower_ in titles]
                own_prep = any(c.dep_ == "prep" and c.lower_ in HOLDER_PREPS for c in tok.children)
                if not holders and titled and not own_prep:
                    holders = _holders(s, titled[0])  # "the chairman and controlling shareholder of Y": Y for both
                    # (not "the sole director of X and a former accountant of Y": X is the director's, unnamed)
                later: list[Any] = []
                if not holders:
                    holders, later = _titles_then_of(s, lex, tok)  # the same, parsed as a verb "controlling"
                if not holders:
                    _boss_of(s, e, tok, persons)  # "Lena Osei is Victor Adebayo's accountant"
                for org in holders:
                    for p in persons:
                        _write(s, e, lex, p, org, [tok])
                        for other in later:
                            _write(s, e, lex, p, org, [other])
        elif low in lex.subsidiary_nouns and tok.dep_ in ("attr", "appos"):
            owners = [m for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "to")
                      for g in c.children if g.dep_ == "pobj" for m in s.of(g, ORG_KINDS)]  # fmt: skip
            if tok.dep_ == "appos":
                assets = s.of(tok.head, ("actor",))
            else:
                subj = subject_token(tok.head)
                assets = s.of(subj, ("actor",)) if subj is not None else []
            for o in owners:
                for a in assets:
                    if a.schema != "Person":
                        emit.edge(s, e, "Ownership", o, a, 0.75, tok.idx, None, role=low)
        elif low in lex.owner_nouns and tok.dep_ == "conj" and tok.head.dep_ in ("attr", "appos"):
            _owner_after_role(s, e, lex, tok, low)  # "the founder and controlling shareholder of Y"
        elif low == "controller" and tok.i > s.span.start and tok.doc[tok.i - 1].lower_ in CONTROLLERS:
            for org in _holders(s, tok):  # "Rao Shuying, the actual controller of the company": she owns it
                for p in _persons_for(s, tok, lex, firms=True):
                    emit.edge(s, e, "Ownership", p, org, 0.75, tok.idx, None, role="actual controller")
        elif low in lex.owner_nouns and (
            tok.dep_ in ("attr", "appos", "nsubj") or (tok.dep_ == "pobj" and tok.head.lower_ == "as")
        ):  # ("she is identified as the sole shareholder of Y")
            assets = [m for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                      for g in c.children if g.dep_ == "pobj" for m in s.of(g, ("actor",))]  # fmt: skip
            assets += [m for c in tok.children if c.dep_ == "poss" for m in s.of(c, ("actor",))]
            if tok.dep_ == "appos":
                owners = s.of(tok.head, (*ORG_KINDS, "actor"))
            elif tok.dep_ == "nsubj":
                owners = [m for c in tok.head.children if c.dep_ in ("attr", "acomp") for m in s.of(c, ORG_KINDS)]
            else:
                subj = subject_token(tok.head if tok.dep_ != "pobj" else tok.head.head)
                owners = s.of(subj, ORG_KINDS) if subj is not None else []
            for o in owners:
                for a in assets:
                    if a.schema != "Person":
                        emit.edge(s, e, "Ownership", o, a, 0.75, tok.idx, None, role=low)
