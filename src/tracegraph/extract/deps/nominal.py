"""Events and relations named by a noun: "the designation of X", "X's indictment", "tariffs on
Chinese imports", "had a meeting with Y", "the acquisition of X by Y".

The noun's own prepositions give the target; the doer is its possessive or a name modifying it
("US sanctions"), the "by" phrase, or the subject of the verb that governs it ("Washington
imposed sanctions on Ankara", "Perdue had a rare meeting with Wang").
"""

from __future__ import annotations

from typing import Any

from tracegraph.extract.deps import args as A
from tracegraph.extract.deps import emit
from tracegraph.extract.deps.lexicon import Lexicon, NounPredicate
from tracegraph.extract.deps.verbs import listed_after, listed_before, not_in_clause
from tracegraph.extract.evidence import Emitter, words
from tracegraph.extract.mentions import Mention
from tracegraph.extract.parse import Sentence

KINDS = ("actor", "gov", "norp")
LEGAL_TYPES = frozenset({"Action:charge", "Action:arrest", "Action:convict", "Action:sentence", "Action:extradite"})
#: verbs whose subject bears a legal action named by their object ("faces charges", "received a sentence")
BORNE = frozenset({"face", "faces", "faced", "facing", "receive", "receives", "received", "receiving", "serve",
                   "serves", "served", "serving", "get", "gets", "got"})  # fmt: skip
#: verbs whose subject takes goods named by their object, from the seller in a "from" phrase
RECEIVING = frozenset({"receive", "receives", "received", "receiving", "obtain", "obtained", "obtains", "buy",
                       "bought", "buys", "import", "imported", "imports", "order", "ordered", "orders", "purchase",
                       "purchased", "purchases", "accept", "accepted", "accepts"})  # fmt: skip
THREATS = frozenset({"threat", "threats", "plan", "plans", "proposal", "possible", "potential", "prospect"})
#: words above a noun predicate that make it a wish, not an event ("information leading to the arrest
#: and/or conviction of X", "a reward for the capture of Y")
WISHES = frozenset({"leading", "lead", "leads", "reward", "rewards", "information", "wanted", "bounty"})


def _targets(s: Sentence, head: Any, preps: tuple[str, ...], wide: bool) -> list[Mention]:
    out: list[Mention] = []
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            for g in c.children:
                if g.dep_ != "pobj":
                    continue
                found = A.mentions_of(s, g)
                if not found and wide and sum(1 for _ in g.subtree) <= 25:
                    found = s.in_subtree(g, KINDS)[:1]  # "tariffs on all Chinese imports"
                    found += [m for t in g.subtree if (m := s.at(t)) is not None and m.kind == "norp"][:1]
                out.extend(m for m in found if m not in out)
    return out


def _governor(tok: Any) -> Any | None:
    """The verb above a noun, through "of" chains ("announced the imposition of sanctions")."""
    t = tok
    for _ in range(4):
        if t.dep_ in ("dobj", "nsubjpass", "attr", "oprd") and t.head is not t:
            return t.head
        if t.dep_ == "pobj" and t.head.dep_ == "prep":
            t = t.head.head
            if t.dep_ not in ("dobj", "pobj", "nsubjpass", "appos", "attr"):
                return t if t.head is not t or t.dep_ == "ROOT" else None
            continue
        return None
    return None


def _offer(s: Sentence, e: Emitter, lex: Lexicon, tok: Any, noun: NounPredicate) -> None:
    """ "X negotiated sales of 4-piperidone", "X's shipments of fentanyl": X offers the substance."""
    objs = A.substances(s, [g for c in tok.children if c.dep_ == "prep" and c.lower_ in noun.object
                            for g in c.children if g.dep_ == "pobj"])  # fmt: skip
    if not objs:
        return
    sellers = [m for c in tok.children if c.dep_ == "poss" for m in s.of(c, KINDS)]
    sellers += [m for c in tok.children if c.dep_ == "prep" and c.lower_ in ("by", "from")  # "the sale of 4-AP by X"
                for g in c.children if g.dep_ == "pobj" for m in A.mentions_of(s, g) if m.kind == "actor"]  # fmt: skip
    if tok.dep_ == "appos":  # "X, a notorious seller of fentanyl products"
        sellers += A.mentions_of(s, tok.head)
    elif tok.dep_ in ("attr", "oprd"):  # "X is a supplier of Y"
        subj = A.subject_token(tok.head)
        sellers += A.mentions_of(s, subj) if subj is not None else []
    verb = _governor(tok) if not sellers else None
    if not sellers and verb is not None and verb.lower_ in RECEIVING:  # "Y received shipments of X from Z": Z
        froms = [g for h in (tok, verb) for c in h.children if c.dep_ == "prep" and c.lower_ == "from"
                 for g in c.children if g.dep_ == "pobj"]  # fmt: skip
        sellers = [m for g in froms for m in A.mentions_of(s, g) if m.kind == "actor"]
        verb = None
    if not sellers and verb is not None and not A.is_passive(verb):
        subj = A.subject_token(verb)
        sellers = A.actors(s, [subj]) if subj is not None else []
    seller = emit.first([m for m in sellers if m.kind == "actor"])
    if seller is not None:
        emit.action(s, e, "offer", seller, objs, 0.65, tok.idx, "object", None)


def noun_findings(s: Sentence, e: Emitter, lex: Lexicon) -> None:
    for tok in s.span:
        noun = lex.nouns.get(tok.lower_)
        if noun is None or tok.dep_ in ("compound",) or A.irrealis(tok, lex.irrealis):
            continue
        if noun.type in LEGAL_TYPES and any(a.lower_ in WISHES for a in list(tok.ancestors)[:4]):
            continue
        _one(s, e, lex, tok, noun)


def _one(s: Sentence, e: Emitter, lex: Lexicon, tok: Any, noun: NounPredicate) -> None:
    if noun.object:
        _offer(s, e, lex, tok, noun)
        return
    wide = noun.type == "Action:tariff"
    verb = _governor(tok)
    targets = _targets(s, tok, noun.target, wide)
    if not targets and verb is not None:
        targets = _targets(s, verb, noun.target, wide)
    rel = next((c for c in tok.children if c.dep_ == "relcl" and c.lower_ in lex.light_verbs), None)
    if not targets and rel is not None:  # "sanctions the Department of State imposed on X"
        targets = _targets(s, rel, noun.target, wide)
    owners = [m for c in tok.children if c.dep_ in ("poss", "compound", "amod", "nmod") for m in s.of(c, KINDS)]
    doers = [m for c in tok.children if c.dep_ == "prep" and c.lower_ == "by"
             for g in c.children if g.dep_ == "pobj" for m in s.of(g, KINDS)]  # fmt: skip
    hedge: str | None = None
    if verb is not None:
        if verb.lower_ in lex.undoing:
            hedge = lex.undoing[verb.lower_]
        elif A.negated(verb, lex.negations):
            hedge = "not"
        else:
            hedge = A.governing_hedge(verb, lex.undoing, words("hedges"))
        if not doers:
            subj = A.doer(verb)
            doers = A.actors(s, [subj] if subj is not None and subj.i != tok.i else [], groups=True)
    if rel is not None and targets:
        subj = A.subject_token(rel)
        named = A.actors(s, [subj] if subj is not None and subj.i != tok.i else [], groups=True)
        doers = named or doers
    if any(t.lower_ in THREATS for t in tok.ancestors) or any(c.lower_ in THREATS for c in tok.children):
        hedge = hedge or "threat"
    if noun.type == "Action:sentence" and verb is not None and verb.lower_.startswith("fac"):
        return  # "faces a possible life sentence": not sentenced
    if noun.type in LEGAL_TYPES and verb is not None and verb.lower_ in BORNE and not A.is_passive(verb):
        subj = A.subject_token(verb)  # "X faces charges", "X received a sentence of 20 years"
        borne = A.actors(s, [subj]) if subj is not None else []
        if borne:
            targets, doers = not_in_clause(s, [m for m in borne if m.kind == "actor"]), []
    possessors = [m for c in tok.children if c.dep_ == "poss" for m in s.of(c, KINDS)]
    symmetric = noun.type in ("Action:meeting", "Action:trade")
    if symmetric and len(owners) == 1:  # "China-Russia bilateral trade": both sides of the hyphen
        pair = [m for c in tok.children if c.dep_ in ("compound", "nmod") for t in c.subtree
                if t.i < tok.i and (m := s.at(t)) is not None and m.kind in KINDS]  # fmt: skip
        owners = list(dict.fromkeys(pair)) if len(set(pair)) > 1 else owners
    if not targets and len(owners) > 1 and symmetric:
        targets, owners = owners[1:], owners[:1]  # "China-Russia trade"
    elif not targets and possessors and noun.type != "Action:tariff":
        targets, owners = possessors, []  # "X's indictment": X is the target
    if noun.money and not any(
        f.kind == "money" and s.span.start_char <= f.start < s.span.end_char for f in s.analysis.identifiers
    ):
        return
    if noun.type == "Sanction":
        targets = listed_before(s, [t for t in targets if t.kind != "norp"], tok.idx + len(tok.text))
        targets = listed_after(s, targets, "actor")  # "Sanctions were imposed on A and B", B hung elsewhere
    actor = emit.first(owners) or emit.first(doers)
    if actor is None and symmetric and len(targets) > 1:
        actor, targets = targets[0], targets[1:]  # "a summit between Xi and Biden"
    if actor is None and noun.type == "Sanction" and targets and all(t.kind == "actor" for t in targets):
        from tracegraph.extract.deps.verbs import release_authority

        actor = release_authority(s)  # "The sanctions against X" in a release: its designating body
    elif actor is None and noun.type not in LEGAL_TYPES:
        return
    if actor is not None and actor.kind == "norp" and actor in targets:
        return
    if noun.type == "Sanction" and actor is not None and actor.kind == "actor" and actor.schema == "Person":
        from tracegraph.extract.deps.verbs import office_or_release

        actor = office_or_release(s, verb)  # "Foreign Secretary Y announced sanctions on X": the office's body
    near = tok.idx
    if noun.type == "Sanction":
        # "The UK, the US and Canada coordinated sanctions against X": each government designates
        others = [m for m in doers[1:4] if m.kind in ("gov", "norp") or m.schema == "PublicBody"] if not owners else []
        for t in targets:
            emit.sanction(s, e, t, actor, 0.7, near, hedge)
            for other in others:
                emit.sanction(s, e, t, other, 0.7, near, hedge)
    elif noun.type == "Ownership":
        for t in targets:
            if actor is not None:
                emit.edge(s, e, "Ownership", actor, t, 0.7, near, hedge, role=noun.word)
    else:
        kind = noun.type.split(":", 1)[1]
        if kind in ("meeting", "cooperation") and actor is None and len(targets) > 1:
            actor, targets = targets[0], targets[1:]  # "a summit between Xi and Biden"
        rate = None
        if kind == "tariff":
            rates = [f for f in s.analysis.identifiers
                     if f.kind == "percent" and s.span.start_char <= f.start < s.span.end_char]  # fmt: skip
            if rates:
                rate = min(rates, key=lambda f: abs(f.start - near)).value
            if actor is None and rate is None:
                return
        emit.action(s, e, kind, actor, targets, 0.65, near, "target", hedge, rate=rate)
