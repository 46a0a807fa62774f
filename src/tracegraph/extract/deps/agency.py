"""Representation (FtM: agent -> client): who acts for whom.

Three readings, each from the parse and the words in ``data/agency.yaml``:

- "on behalf of Y" under a verb: the verb's doer acts for Y ("X receives payments on behalf of Y",
  "the container was booked by X on behalf of Y", "designated for having acted for or on behalf of Y");
- an agent noun said of someone: "Y's payment front", "a freight forwarder for Y", "X, counsel to Y",
  "the cartel's lawyer, X", "which the indictment describes as Y's front";
- a legal representative: the title rules write him as the firm's head (Directorship); he also
  represents it (:func:`legal_representatives`, once per document).

Verbs whose "for" phrase names the client ("collects payments for Y") are predicates in
``data/predicates.yaml``. A government or public body is no one's client here ("on behalf of the
United States" is an official's duty) and no one's agent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from tracegraph.datafiles import load_yaml
from tracegraph.extract.deps import args as A
from tracegraph.extract.deps import emit
from tracegraph.extract.deps.lexicon import inflect
from tracegraph.extract.evidence import Emitter
from tracegraph.extract.keys import relation_id
from tracegraph.extract.mentions import Mention
from tracegraph.extract.parse import Sentence

#: most agents or clients one phrase may give (a list of 200 names stays linear)
MAX_ARGS = 12
#: most verbs a chain of conjuncts climbs ("owned, controlled, or directed by, or having acted or purported to act")
MAX_CHAIN = 8
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
#: "owned, controlled, or directed by, or having acted ... for or on behalf of": either may hold
_DISJUNCTIVE_BASIS = frozenset({"owned", "controlled", "directed"})
#: dependency labels a preposition chain climbs through ("acted for or on behalf of Y")
_PREP_CHAIN = frozenset({"prep", "conj", "cc"})
#: noun slots whose verb is the one that acts ("payments on behalf of Y": the verb receiving them)
_NOUN_SLOTS = frozenset({"dobj", "nsubjpass", "obj"})


@dataclass(frozen=True)
class Words:
    agent_nouns: dict[str, frozenset[str]]
    public_agent_words: frozenset[str]
    agent_modifiers: frozenset[str]
    staff_words: frozenset[str]
    agent_compounds: dict[str, frozenset[str]]
    legal_roles: frozenset[str]
    service_verbs: frozenset[str]
    goods_verbs: frozenset[str]
    service_objects: frozenset[str]
    use_verbs: frozenset[str]
    use_purposes: frozenset[str]
    staff_counsel: frozenset[str]


@cache
def words() -> Words:
    data: dict[str, Any] = load_yaml("tracegraph.extract", "data", "agency.yaml")
    return Words(
        agent_nouns={str(k).lower(): frozenset(str(p) for p in v) for k, v in data["agent_nouns"].items()},
        public_agent_words=frozenset(str(w).lower() for w in data["public_agent_words"]),
        agent_modifiers=frozenset(str(w).lower() for w in data["agent_modifiers"]),
        staff_words=frozenset(str(w).lower() for w in data["staff_words"]),
        agent_compounds={str(k).lower(): frozenset(str(n) for n in v) for k, v in data["agent_compounds"].items()},
        legal_roles=frozenset(str(w).lower() for w in data["legal_representative_roles"]),
        service_verbs=_forms(data["service_verbs"]),
        goods_verbs=_forms(data["goods_verbs"]),
        service_objects=frozenset(str(w).lower() for w in data["service_objects"]),
        use_verbs=_forms(data["use_verbs"]),
        use_purposes=_forms(data["use_purposes"]) | _forms(data["service_verbs"]),
        staff_counsel=frozenset(str(w).lower() for w in data["staff_counsel_roles"]),
    )


def _forms(lemmas: list[Any]) -> frozenset[str]:
    return frozenset(f for lemma in lemmas for f in inflect(str(lemma).lower()))


def retyped(schema: str, agent: Mention, client: Mention, role: str | None) -> str | None:
    """An attorney or prosecutor "of" a public body works there ("Trial Attorney X of the Criminal
    Division"): Employment; a person shipping goods for a cartel is its member; a government or public body
    acts for no client (``None``: no edge); any other edge keeps its type."""
    if schema != "Representation":
        return schema
    if not _party(agent):
        return None  # "OFAC is designating companies that transport chemicals for the CSA": not OFAC
    if client.schema == "PublicBody" and (role or "").lower() in words().staff_counsel:
        return "Employment"
    if role == "shipper" and agent.schema == "Person" and emit._criminal_group(client):
        return "Membership"
    return schema


def findings(s: Sentence, e: Emitter) -> None:
    """Representation facts of one sentence."""
    w = words()
    for tok in s.span:
        if tok.lower_ == "behalf" and (on := _behalf_on(tok)) is not None:
            _behalf(s, e, tok, on)
        elif tok.lower_ in w.agent_nouns and s.at(tok) is None:
            _agent_noun(s, e, tok, tok, w)
        elif tok.lower_ in w.use_verbs and tok.dep_ not in ("amod", "compound", "pobj", "nsubj", "dobj"):
            _used(s, e, tok, w)
        elif tok.lower_ in w.goods_verbs:
            _their_goods(s, e, tok, w)
        elif any(tok.lower_ in w.agent_compounds.get(c.lower_, ()) for c in tok.children
                 if c.dep_ in ("amod", "compound")):  # fmt: skip
            _agent_noun(s, e, tok, tok, w, preps=frozenset({"for"}))  # "a front company for Y", "nominee shareholder"


def _write(s: Sentence, e: Emitter, agents: list[Mention], clients: list[Mention], near: int) -> None:
    for a in agents[:MAX_ARGS]:
        for c in clients[:MAX_ARGS]:
            if _party(a) and _party(c):
                emit.edge(s, e, "Representation", a, c, 0.7, near)


def _party(m: Mention) -> bool:
    """A person, company or organisation; a government or public body acts for the public, not a client."""
    return m.kind == "actor" and m.schema != "PublicBody"


def _behalf_on(behalf: Any) -> Any | None:
    """The "on" of "on behalf of Y" or "on Y's behalf" (which the parse may hang on Y as an apposition)."""
    if behalf.dep_ == "pobj" and behalf.head.lower_ in ("on", "in"):
        return behalf.head
    if behalf.dep_ == "appos" and behalf.head.dep_ == "pobj" and behalf.head.head.lower_ in ("on", "in"):
        return behalf.head.head
    return None


def _behalf(s: Sentence, e: Emitter, behalf: Any, on: Any) -> None:
    """ "X ... on behalf of Y": Y is the client; the doer of the verb the phrase hangs on is the agent."""
    of = [c for c in behalf.children if c.dep_ == "prep" and c.lower_ == "of"]
    clients = _named(s, [g for c in of for g in c.children if g.dep_ == "pobj"])
    clients += _named(s, [c for c in behalf.children if c.dep_ == "poss"])  # "on Y's behalf", "on its behalf"
    if not clients and of:
        clients = _next_name(s, of[0])  # "on behalf of, directly or indirectly, Y": the parse lost Y
    if not clients:
        return
    head = on.head  # what "on" hangs on
    for _ in range(4):  # "acted for or on behalf of": up the chain of prepositions to the verb
        if head.dep_ in _PREP_CHAIN and head.lower_ in ("for", "or", "and", "on") and head.head is not head:
            head = head.head
        else:
            break
    if head.dep_ in _NOUN_SLOTS and s.at(head) is None:
        head = head.head  # "receives payments on behalf of Y"
    own = s.at(head)
    agents = [own] if own is not None else _agents(s, _doers(head))
    if own is None and not agents and head.dep_ == "dep":
        found = A.doer(head)  # "a forwarder that imports chemicals on behalf of Y", read as a stray phrase
        agents = A.actors(s, [found]) if found is not None else []
    _write(s, e, [a for a in agents if a not in clients], clients, behalf.idx)


def _named(s: Sentence, toks: list[Any]) -> list[Mention]:
    """The names phrases stand for; a description with a name apposed ("the manufacturer, Y") is that name,
    whatever an earlier sentence made of the description."""
    out: list[Mention] = []
    for t in toks:
        m = s.at(t)
        apposed = [x for c in t.children if c.dep_ == "appos" for x in A.actors(s, [c]) if not x.coref]
        out += apposed if m is not None and m.coref and apposed else A.actors(s, [t])
    return list(dict.fromkeys(out))


#: what may stand between "of" and the client it lost: ", directly or indirectly,"
_INSERTED = re.compile(r"[\s,]*(?:(?:directly|indirectly)(?:\s+or\s+(?:directly|indirectly))?)?[\s,]*")


def _next_name(s: Sentence, of: Any) -> list[Mention]:
    after = of.idx + len(of.text)
    nxt = min((m for m in s.mentions if m.start >= after and m.kind == "actor"), key=lambda m: m.start, default=None)
    if nxt is None or not _INSERTED.fullmatch(s.analysis.text, after, nxt.start):
        return []
    return [nxt]


#: what may stand between a name and the description apposed to it: a bracketed short form, a comma
_APPOSED_GAP = re.compile(r"\s*(?:\([^()\n]{1,60}\)|\))?\s*,\s*")


def _agents(s: Sentence, toks: list[Any]) -> list[Mention]:
    """The names doer tokens stand for; a description apposed after a name ("X Co., Ltd. (X), the freight
    forwarder that books Y's shipments") is that name, wherever the parse hung the description."""
    out: list[Mention] = []
    for t in toks:
        before = _preceding_name(s, t) if s.at(t) is None and t.dep_ == "appos" else None
        out += [before] if before is not None else A.actors(s, [t])
    return list(dict.fromkeys(out))


def _preceding_name(s: Sentence, noun: Any) -> Mention | None:
    start = noun.left_edge.idx
    prior = max((m for m in s.mentions if m.end <= start and m.kind == "actor"), key=lambda m: m.end, default=None)
    if prior is None or not _APPOSED_GAP.fullmatch(s.analysis.text, prior.end, start):
        return None
    return prior


def _doers(verb: Any) -> list[Any]:
    """Who does what ``verb`` says: its "by" agent in the passive, else its subject; a verb in a chain of
    conjuncts ("having acted or purported to act for Y") takes the first one's, and a gerund after "for"
    ("designated for having acted for Y") the subject of the verb it explains. A chain that also holds
    "owned, controlled, or directed by" is OFAC's disjunctive basis, which asserts neither: no one."""
    t = verb
    for _ in range(MAX_CHAIN):
        if t.lower_ in _DISJUNCTIVE_BASIS:
            return []
        if t.dep_ == "pcomp" and t.head.lower_ in ("for", "by") and t.head.head is not t.head:
            found = A.subject_token(t.head.head)
            return [found] if found is not None else []
        if t.dep_ not in ("conj", "xcomp") or t.head is t or any(c.dep_ in _SUBJECTS for c in t.children):
            break
        t = t.head
    if A.is_passive(verb):
        return A.agent_tokens(verb)
    found = A.subject_token(verb)
    return [found] if found is not None else []


def _used(s: Sentence, e: Emitter, verb: Any, w: Words) -> None:
    """ "Y used X to receive payments", "Y used X as a front", "X was used by Y to ship the drums": X acts
    for Y when the purpose is a service or the role an agent noun."""
    purpose = [c for c in verb.children if c.dep_ in ("xcomp", "advcl") and c.lower_ in w.use_purposes]
    role = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children
            if g.dep_ == "pobj" and (g.lower_ in w.agent_nouns or g.lower_ in ("company", "firm"))]  # fmt: skip
    if not purpose and not role:
        return
    if A.is_passive(verb):
        subject = A.subject_token(verb)
        agents = A.actors(s, [subject]) if subject is not None else []
        clients = A.actors(s, A.agent_tokens(verb))
    else:
        agents = A.actors(s, [c for c in verb.children if c.dep_ in ("dobj", "obj")])
        subject = A.subject_token(verb)
        clients = A.actors(s, [subject]) if subject is not None else []
    _write(s, e, [a for a in agents if a not in clients], clients, verb.idx)


def _their_goods(s: Sentence, e: Emitter, verb: Any, w: Words) -> None:
    """ "X handled Y's payments", "X cleared Y's shipments": the possessor of the money or goods is the client."""
    objs = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    objs += [c for o in objs for c in o.children if c.dep_ == "appos"]  # "Y Co., Ltd.'s payments" split by the parse
    goods = [o for o in objs if o.lower_ in w.service_objects]
    owners = [
        p
        for g in goods
        for c in g.children
        if c.dep_ == "compound" and c.lower_ in w.service_objects
        for p in c.children
        if p.dep_ == "poss"
    ]  # fmt: skip  ("Y's payment transfers")
    owners += [c for g in goods for c in g.children if c.dep_ == "poss"]
    clients = _named(s, owners)
    if not clients:
        return
    _write(s, e, _agents(s, _doers(verb)), clients, verb.idx)


def _agent_noun(
    s: Sentence, e: Emitter, noun: Any, at: Any, w: Words, preps: frozenset[str] | None = None, depth: int = 0
) -> None:
    """ "Y's payment front", "a freight forwarder for Y", "X, counsel to Y": the one the noun describes acts
    for the noun's possessor or the object of its preposition."""
    word = noun.lower_
    preps = preps if preps is not None else w.agent_nouns.get(word, frozenset())
    if word in ("agent", "agents") and not _private_agent(noun, w):
        return
    if {c.lower_ for c in noun.children if c.dep_ in ("amod", "compound", "nmod")} & w.staff_words:
        return  # "a sales representative of Y" sells for it: Employment
    client_toks = [c for c in noun.children if c.dep_ == "poss"]
    client_toks += [g for c in noun.children if c.dep_ == "prep" and c.lower_ in preps
                    for g in c.children if g.dep_ == "pobj"]  # fmt: skip
    clients = _named(s, client_toks)
    if not clients and (whose := _of_which(noun)) is not None:
        _of_which_clause(s, e, noun, whose)  # "the company Y, of which he is the legal representative"
        return
    if not clients:
        return
    agents = _described(s, at, clients)
    if not agents and at.dep_ == "appos" and depth == 0 and any(m in clients for m in s.every(at.head)):
        # "Y Co., Ltd.'s payment front" hung on its own possessor: the noun phrase is about what Y's is about
        _agent_noun(s, e, noun, at.head, w, preps, depth + 1)
        return
    _write(s, e, agents, clients, noun.idx)


def _of_which(noun: Any) -> Any | None:
    """The relative clause "of which X is the <noun>" the noun is the complement of, if any."""
    clause = noun.head
    if noun.dep_ != "attr" or clause.dep_ != "relcl":
        return None
    of = [c for c in clause.children if c.dep_ == "prep" and c.lower_ == "of"
          and any(g.lower_ in ("which", "whom") for g in c.children)]  # fmt: skip
    return clause if of else None


def _of_which_clause(s: Sentence, e: Emitter, noun: Any, clause: Any) -> None:
    """ "X uses the company Y, of which he is the legal representative": Y is the client; the clause's
    subject, or for "he"/"she" the person the sentence is about, is the agent."""
    clients = _named(s, [clause.head])
    subj = next((c for c in clause.children if c.dep_ == "nsubj"), None)
    if subj is None or not clients:
        return
    agents = A.actors(s, [subj])
    if not agents and subj.lower_ in ("he", "she"):
        main = A.subject_token(clause.head.head) if clause.head.dep_ in ("dobj", "obj") else None
        agents = [m for m in A.actors(s, [main]) if m.schema == "Person"] if main is not None else []
    _write(s, e, [a for a in agents if a not in clients], clients, noun.idx)


def _private_agent(noun: Any, w: Words) -> bool:
    """An "agent" for a client: a registered or procurement agent, or one "for" someone, never a
    special, undercover or federal agent."""
    mods = {c.lower_ for c in noun.children if c.dep_ in ("amod", "compound", "nmod")}
    if mods & w.public_agent_words:
        return False
    return bool(mods & w.agent_modifiers) or any(
        (c.dep_ == "prep" and c.lower_ == "for") or c.dep_ == "poss" for c in noun.children
    )  # "an agent for Y", "the cartel's agent in Shanghai"


def _described(s: Sentence, noun: Any, clients: list[Mention]) -> list[Mention]:
    """The names a role noun is said of: "X, a lawyer for Y" (apposition), "X is a front for Y" (copula),
    "the cartel's lawyer, X" (the name apposed to it), "describes X as Y's front", "acted as Y's agent"."""
    out = [m for c in noun.children if c.dep_ == "appos" for m in A.actors(s, [c])]
    if noun.dep_ == "appos":
        before = _preceding_name(s, noun)
        out += [before] if before is not None else A.actors(s, [noun.head])
    elif noun.dep_ == "attr":
        subj = A.subject_token(noun.head)
        out += A.actors(s, [subj]) if subj is not None else []
    elif noun.dep_ == "pobj" and noun.head.lower_ == "as" and noun.head.head is not noun.head:
        verb = noun.head.head
        objs = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
        if objs and objs[0].lower_ in ("which", "that", "whom", "who") and verb.dep_ == "relcl":
            out += A.actors(s, [verb.head])  # "a company which the indictment describes as Y's front"
        else:  # "describes X as Y's front"; "X acted as Y's agent", "X held the shares as a nominee for Y"
            out += A.actors(s, objs) or A.actors(s, _doers(verb))
    return [m for m in dict.fromkeys(out) if m not in clients]


def legal_representatives(e: Emitter) -> None:
    """A firm's legal representative (a Directorship with that role) also represents it: the same
    evidence, written again as Representation."""
    roles = words().legal_roles
    heads = {
        st.entity_id
        for st in e.statements
        if st.schema == "Directorship" and st.prop == "role" and st.value.lower().strip() in roles
    }
    if not heads:
        return
    mapped = {"director": "agent", "organization": "client"}
    facts: dict[str, list[Any]] = {}
    for st in e.statements:
        if st.entity_id in heads:
            facts.setdefault(st.entity_id, []).append(st)
    for stmts in facts.values():
        ends = {st.prop: st.value for st in stmts if st.prop in mapped}
        if len(ends) < 2:
            continue
        rid = relation_id("Representation", ends["director"], ends["organization"])
        for st in stmts:
            e.stmt(rid, "Representation", mapped.get(st.prop, st.prop), st.value, st.span_start, st.span_end,
                   st.confidence, hedge=st.hedge, attribution=st.attribution)  # fmt: skip
