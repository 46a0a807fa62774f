"""Arguments of a predicate in the dependency parse: subject, objects, agent, prepositional
objects, with voice, shared arguments of coordinated verbs, relative and participle clauses."""

from __future__ import annotations

from typing import Any

from tracegraph.extract.mentions import Mention
from tracegraph.extract.parse import Sentence

SAYING = frozenset(
    {
        "said",
        "says",
        "say",
        "stated",
        "states",
        "told",
        "tells",
        "reported",
        "reports",
        "alleged",
        "alleges",
        "claimed",
        "claims",
        "added",
        "wrote",
        "noted",
        "argued",
        "believe",
        "believes",
    }
)
RELATIVE = frozenset({"which", "who", "that", "whom", "whose"})
ACTORS = ("actor", "gov", "norp")
MAX_CLIMB = 4


def is_passive(tok: Any) -> bool:
    """ "was sanctioned by", "X, owned by Y", "was arrested and charged" (voice of the first verb)."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children):
        return True
    if tok.dep_ == "acl" and any(c.dep_ == "agent" for c in tok.children):
        return True  # "a Houston company run by X": a participle with its "by" phrase, whatever its ending
    if tok.dep_ == "acl" and tok.lower_.endswith(("ed", "en", "wn", "ld", "ght")):
        return not any(c.dep_ == "dobj" for c in tok.children)
    if tok.dep_ == "conj" and not any(c.dep_ in ("nsubj", "dobj") for c in tok.children):
        return is_passive(tok.head) if tok.head is not tok else False
    return False


#: prepositions whose gerund shares the subject of the clause it modifies ("said after meeting Y")
TEMPORAL = frozenset({"after", "before", "while", "when", "since", "upon", "following"})


def subject_token(tok: Any) -> Any | None:
    """The token that stands for the subject (the patient, in the passive)."""
    t = tok
    for _ in range(MAX_CLIMB):
        subjects = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            # two subjects are a misparse of an apposition ("Wang's co-defendant, Sun Lei, ... was
            # charged"): the one nearest the verb is the name
            c = subjects[-1] if all(x.i < t.i for x in subjects) else subjects[0]
            if c.lower_ in RELATIVE and t.dep_ == "relcl":
                return t.head
            if c.lower_ in RELATIVE and t.dep_ == "ccomp" and t.head.dep_ == "relcl":
                return t.head.head  # "X, who the Navy said was a cook for Y": X
            return c
        for c in t.children:  # "Also designated today is X": the subject hangs on the auxiliary
            if c.dep_ in ("auxpass", "aux") and c.lower_ in ("is", "are", "was", "were"):
                found = next((g for g in c.children if g.dep_ in ("nsubj", "nsubjpass", "attr")), None)
                if found is not None and found.lower_ in RELATIVE and t.dep_ in ("relcl", "acl"):
                    return t.head  # "a sister factory, X, which is 100% owned by Y": the factory
                if found is not None:
                    return found
        for c in t.children:  # "Zhao, a broker who for years arranged ..., was sanctioned": the parser
            if c.dep_ in ("csubj", "csubjpass") and c.i < t.i:  # hung the subject on a clause before the verb
                inner = [g for g in c.children if g.dep_ in ("nsubj", "nsubjpass") and g.lower_ not in RELATIVE]
                if inner:
                    return inner[0]
        if t.dep_ == "acl" and t.head.lower_ == "turn" and t.head.head.lower_ == "in" and t.head.head.head is not t:
            t = t.head.head.head  # "which is in turn controlled by X": the parse hangs the verb on "turn"
            continue
        if t.dep_ in ("relcl", "acl"):
            return t.head
        if t.dep_ == "ccomp" and t.head.lower_ in SAYING:
            return None  # "X stated that officers arrested him": X is not the one who arrested
        if t.dep_ == "pcomp" and t.head.lower_ in TEMPORAL and t.head.head is not t.head:
            t = t.head.head  # "X said after meeting Y": X met Y
            continue
        if t.dep_ in ("conj", "xcomp", "advcl", "ccomp", "csubj") and t.head is not t:
            t = t.head
            continue
        return None
    return None


def object_tokens(tok: Any) -> list[Any]:
    """Direct objects; a verb coordinated with another shares its object ("arrested and charged X")."""
    found = [c for c in tok.children if c.dep_ in ("dobj", "dative")]
    if found:
        tail = [
            t for t in _object_read_as_subject(tok) if t.left_edge.i > 0 and t.doc[t.left_edge.i - 1].lower_ == "and"
        ]
        return found + _stray_objects(tok, found[0]) + tail  # "designating A, B, and C pursuant to": C too
    for c in tok.children:
        if c.dep_ == "conj":
            found += [g for g in c.children if g.dep_ == "dobj"]
    if not found and tok.dep_ == "conj":
        found = [c for c in tok.head.children if c.dep_ == "dobj"]
    if not found:
        found = _object_read_as_subject(tok)
    return found


def _object_read_as_subject(tok: Any) -> list[Any]:
    """ "OFAC is designating A, B, and C pursuant to E.O. 14059": the small parser makes the list
    the subject of "pursuant". A clause below the verb whose head is no verb form and whose
    subject follows the verb gives the object."""
    for c in tok.children:
        if c.dep_ not in ("ccomp", "advcl") or c.i < tok.i or c.lower_.endswith(("ed", "ing", "s")):
            continue
        if any(g.dep_ in ("aux", "auxpass", "dobj") for g in c.children):
            continue
        subj = [g for g in c.children if g.dep_ in ("nsubj", "nsubjpass") and g.i > tok.i]
        if subj:
            return subj[:1]
    return []


#: verb children that mark a coordinated clause, not a noun phrase
_CLAUSE_DEPS = frozenset({"nsubj", "nsubjpass", "aux", "auxpass", "dobj", "neg", "xcomp", "ccomp", "advcl"})


def _stray_objects(tok: Any, obj: Any) -> list[Any]:
    """Noun phrases the small parser hung on the verb as a conjunct after its object: "charging
    X and two of its executives, A and B" (``two`` a conj of "charging"). Only conjuncts that are
    not verbs themselves (no subject, auxiliary or object of their own, no verb ending)."""
    out: list[Any] = []
    near = list(tok.children)
    if tok.dep_ == "acl" and tok.head.dep_ == "dobj" and tok.head.head is not tok.head:
        near += list(tok.head.head.children)  # "returned an indictment charging X and two of ..."
    for c in near:
        if c.dep_ != "conj" or c.i < obj.i or any(g.dep_ in _CLAUSE_DEPS for g in c.children):
            continue
        if c.lower_.endswith(("ed", "ing")) or c.lower_ in ("is", "was", "are", "were", "has", "had"):
            continue
        out.append(c)
    return out


def complement_tokens(tok: Any) -> list[Any]:
    return [c for c in tok.children if c.dep_ in ("oprd", "attr")]


def agent_tokens(tok: Any) -> list[Any]:
    out = [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if not out and tok.dep_ == "conj":
        out = [g for c in tok.head.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if not out:  # "is owned and operated by X": the agent hangs on the last verb
        out = [g for v in tok.children if v.dep_ == "conj" and v.i - tok.i <= 3 for c in v.children
               if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]  # fmt: skip
    return out


def prep_tokens(tok: Any, word: str) -> list[Any]:
    """Objects of ``word`` under the verb or under its direct object ("added X to the list")."""
    heads = [tok, *(c for c in tok.children if c.dep_ == "dobj")]
    if " " in word:  # "along with", "together with": the parse hangs "with" under "along", or "along" on it
        first, last = word.split(" ", 1)
        preps = [g for c in tok.children if c.dep_ in ("prep", "advmod") and c.lower_ == first
                 for g in c.children if g.dep_ == "prep" and g.lower_ == last]  # fmt: skip
        preps += [c for c in tok.children if c.dep_ == "prep" and c.lower_ == last and c.i > 0
                  and c.doc[c.i - 1].lower_ == first]  # fmt: skip
        return [g for c in preps for g in c.children if g.dep_ == "pobj"]
    found = [g for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == word
             for g in c.children if g.dep_ == "pobj"]  # fmt: skip
    # "X, in which Y holds a stake": the relative pronoun stands for the noun the clause is about
    return [tok.head if g.lower_ in ("which", "whom") and tok.dep_ == "relcl" else g for g in found]


#: nouns that stand for their owner ("Yafeng websites peddle", "the firm's sales representatives offered")
PROXY_NOUNS = frozenset(
    {
        "arm",
        "wing",
        "website",
        "websites",
        "site",
        "sites",
        "platform",
        "platforms",
        "ads",
        "advertisements",
        "listings",
        "listing",
        "store",
        "stores",
        "shop",
        "shops",
        "page",
        "pages",
        "representatives",
        "representative",
        "employees",
        "staff",
        "agents",
        "brokers",
        "accounts",
        "account",
    }
)
#: verbs whose subject keeps the proxy noun it governs ("ran an account", "operated a website")
OPERATING = frozenset({"ran", "runs", "run", "running", "operated", "operates", "operate", "operating", "owned",
                       "owns", "own", "managed", "manages", "maintained", "maintains", "controlled", "controls",
                       "created", "creates", "set", "used", "uses"})  # fmt: skip
#: nouns whose "in"/"of" phrase is what is owned or listed ("a stake in X", "control of X")
TRANSPARENT = frozenset(
    {
        "stake",
        "stakes",
        "share",
        "shares",
        "interest",
        "interests",
        "majority",
        "control",
        "ownership",
        "equity",
        "part",
        "parts",
        "all",
        "most",
        "each",
        "one",
        "two",
        "three",
        "finances",
        "operations",
        "affairs",
        "percent",
        "%",
        "percentage",
        "rest",
        "remainder",
        "behalf",
    }
)
#: prepositions that name members of a class ("suppliers in China, including X", "firms such as Y")
INCLUDING = frozenset({"including", "as"})
#: class nouns whose "including" phrase names the actors meant (trade and designation wording, not
#: "campaigners, including X", which a governing verb may not be about)
CLASS_NOUNS = frozenset({"suppliers", "supplier", "companies", "firms", "entities", "vendors", "manufacturers",
                         "sellers", "brokers", "exporters", "traders", "individuals", "persons", "businesses",
                         "networks", "organizations", "organisations", "affiliates", "subsidiaries", "customers",
                         "buyers", "distributors", "producers", "factories", "laboratories", "labs",
                         "people", "men", "women", "suspects", "defendants", "members"})  # fmt: skip
#: nouns describing a business that a name apposed after its place names ("a tire shop in Mesa, X LLC")
BUSINESS_NOUNS = frozenset({"shop", "store", "business", "company", "firm", "factory", "plant", "restaurant",
                            "warehouse", "pharmacy", "clinic", "laboratory", "lab", "garage",
                            "dealership"})  # fmt: skip
#: words the small parser reads as the head of a name before them ("designated the X Cartel pursuant to")
MISREAD_HEADS = frozenset({"pursuant"})
#: head nouns of a body named by its modifiers ("the US Treasury Department")
BODY_HEADS = frozenset(
    {
        "department",
        "ministry",
        "office",
        "bureau",
        "agency",
        "administration",
        "commission",
        "committee",
        "council",
        "service",
        "government",
        "authority",
        "court",
    }
)
GROUP_NOUNS = frozenset(
    {
        "officials",
        "authorities",
        "government",
        "police",
        "customs",
        "prosecutors",
        "officers",
        "agents",
        "investigators",
        "regulators",
        "lawmakers",
        "diplomats",
        "forces",
        "military",
    }
)
CALLED = frozenset({"called", "named", "known"})
#: nouns whose "of" phrase is a set of actors standing for the whole ("a group of companies")
COLLECTIVES = frozenset({"group", "network", "ring", "consortium", "family", "web", "cluster"})


def _titles() -> frozenset[str]:
    from tracegraph.extract.deps.lexicon import lexicon

    return frozenset(lexicon().roles)


def _members(s: Sentence, tok: Any, depth: int, seen: set[int]) -> list[Mention]:
    """The names an "including" phrase lists, also a member the parse joined to a place: in "including
    its leader, X, of Arcadia, California, and his bookkeeper, Y" the parse makes "bookkeeper" a
    conjunct of "California"."""
    out = mentions_of(s, tok, depth, seen)
    for k in tok.subtree:
        head = s.at(k.head) if k.dep_ == "conj" and k.i not in seen else None
        if head is not None and head.kind == "place" and s.at(k) is None:
            out += [x for x in mentions_of(s, k, depth, seen) if x.kind == "actor"]
    return out


def mentions_of(
    s: Sentence, tok: Any, depth: int = 0, seen: set[int] | None = None, groups: bool = False
) -> list[Mention]:
    """The names a noun phrase headed by ``tok`` stands for: its own mention, coordinated and
    apposed names, "a company called X", and the country of "Chinese officials". Coordination
    costs no depth (lists of any length); each token is visited once."""
    seen = set() if seen is None else seen
    if depth > 3 or tok.i in seen or len(seen) > 400:
        return []
    seen.add(tok.i)
    m = s.at(tok)
    out: list[Mention] = [x for x in s.every(tok) if x.kind in ACTORS]
    if m is None and tok.dep_ == "attr" and depth == 0:
        subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
        if subj is not None:
            out += mentions_of(s, subj, depth + 1, seen)  # "X is a company owned by Y"
    whose = any(c.dep_ == "poss" and c.lower_ == "whose" for c in tok.children)
    if m is None and tok.lower_ in PROXY_NOUNS and tok.head.dep_ == "relcl" and depth == 0 and whose:
        out += [
            x for x in mentions_of(s, tok.head.head, depth + 1, seen) if x.kind == "actor"
        ]  # "X, whose website offers Y": X
    if m is None and (tok.lower_ in PROXY_NOUNS or tok.lower_ in BODY_HEADS):
        for c in tok.children:
            n = s.at(c) if c.dep_ in ("compound", "poss", "amod") else None
            if n is not None and n.kind in ("actor", "gov") and n.schema != "Person":
                out.append(n)
    if m is None and tok.lower_ in _titles():  # "China's Minister of Public Security Wang Xiaohong"
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for g in c.children:
                    n = s.at(g) if g.dep_ == "pobj" else None
                    if n is not None and n.kind == "actor" and n.schema == "Person":
                        out.append(n)
    if m is None and tok.lower_ in TRANSPARENT:
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("in", "of"):
                for g in c.children:
                    if g.dep_ == "pobj":
                        out += mentions_of(s, g, depth + 1, seen)
            elif c.dep_ == "poss":  # "80 percent of its shares"
                out += [x for x in mentions_of(s, c, depth + 1, seen) if x.kind == "actor"]
    if m is None and tok.lower_ in BUSINESS_NOUNS:  # "ran a tire shop in Mesa, Arredondo Tire & Wheel LLC,"
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("in", "at", "near"):
                out += [n for g in c.children if g.dep_ == "pobj" for k in g.children if k.dep_ in ("conj", "appos")
                        if (n := s.at(k)) is not None and n.kind == "actor" and n.schema == "Company"]  # fmt: skip
    if m is None and tok.lower_ in MISREAD_HEADS:
        for c in tok.children:
            if c.dep_ in ("compound", "nmod"):
                out += mentions_of(s, c, depth + 1, seen)
    if m is None and tok.lower_ in CLASS_NOUNS:
        if tok.dep_ == "dobj":  # "detained four men at the site, including X": the parse hangs it on the verb
            out += [x for c in tok.head.children if c.dep_ == "prep" and c.lower_ == "including" and c.i > tok.i
                    for g in c.children if g.dep_ == "pobj" for x in _members(s, g, depth + 1, seen)]  # fmt: skip
        for c in tok.children:  # "suppliers in China, including X", "firms such as Y"
            such = c.i > 0 and c.doc[c.i - 1].lower_ == "such"
            if c.dep_ == "prep" and c.lower_ in INCLUDING and (c.lower_ != "as" or such):
                out += [x for g in c.children if g.dep_ == "pobj" for x in _members(s, g, depth + 1, seen)]
    if m is None:
        named = _named_after(s, tok)
        if named is not None:
            out.append(named)
    if m is None and tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ in COLLECTIVES:
        out += mentions_of(s, tok.head.head, depth, seen)  # "the X Network, a group of companies that sold Y"
    if m is None and tok.lower_ in ("percent", "%") and tok.dep_ == "appos" and depth == 0:
        tok = tok.head  # "X, a logistics company 100 percent owned by Y": the parse apposes the share
        out += [x for x in mentions_of(s, tok, depth, seen) if x.kind == "actor"]
    if m is None and tok.dep_ == "appos" and depth == 0 and tok.head is not tok:
        out += [x for x in mentions_of(s, tok.head, depth + 1, seen) if x.kind == "actor"][:1]
    if (
        m is None
        and tok.lower_ in PROXY_NOUNS
        and not any(c.dep_ in ("compound", "poss") and (c.dep_ == "poss" or s.at(c) is not None) for c in tok.children)
    ):  # ("a dark-web vendor account": no owner named in it)
        owner = doer(tok.head) if tok.dep_ in ("dobj", "pobj") and depth == 0 else None
        run = tok.dep_ == "dobj" and tok.head.lower_ in OPERATING  # "Y ran a vendor account that resold X": Y
        if owner is not None and owner.i not in seen:  # "X operated websites that marketed Y"
            out += [x for x in mentions_of(s, owner, depth + 1, seen)
                    if x.kind == "actor" and (x.schema != "Person" or run)]  # fmt: skip
    if m is None:
        for c in tok.children:
            if c.dep_ == "appos":
                out += mentions_of(s, c, depth + 1, seen)
            elif c.dep_ == "acl" and c.lower_ in CALLED:
                for g in c.children:
                    if g.dep_ in ("oprd", "dobj", "attr", "xcomp"):
                        out += mentions_of(s, g, depth + 1, seen)
                    elif g.dep_ == "prep":
                        out += [x for gg in g.children for x in mentions_of(s, gg, depth + 1, seen)]
            elif groups and c.dep_ in ("amod", "compound", "nmod") and tok.lower_ in GROUP_NOUNS:
                n = s.at(c)
                if n is not None and n.kind in ("norp", "gov", "actor") and n.schema != "Person":
                    out.append(n)
    elif m.kind == "actor":
        for c in tok.children:  # "X, its president Y, and its sales manager Z" (a list read as appositions)
            other = s.at(c) if c.dep_ == "appos" else None
            if other is m:  # "Tanghe Trading Co., Ltd., Wei Shuang, and ...": the list hangs on "Ltd."
                out += [x for g in c.children if g.dep_ == "conj" for x in mentions_of(s, g, depth, seen, groups)
                        if x not in out]  # fmt: skip
                continue
            if other is not None and other.kind == "actor" and (other.schema == "Person") != (m.schema == "Person"):
                out += [x for x in mentions_of(s, c, depth, seen, groups) if x not in out]  # "X Co., Ltd., Ma Hui"
                continue
            if other is not None and other.kind == "actor" and any(g.dep_ == "conj" for g in c.children):
                # "designated A, B, C, and D": the parse made B an apposition of A and the rest its conjuncts
                out += [x for x in mentions_of(s, c, depth, seen, groups) if x not in out]
                continue
            if c.dep_ == "appos" and s.at(c) is None:
                people = [p for g in c.children if g.dep_ == "appos" for p in mentions_of(s, g, depth + 1, seen)]
                people += [p for g in c.children if g.dep_ == "conj" for p in mentions_of(s, g, depth + 1, seen)]
                out += [p for p in people if p.schema == "Person"]
    for c in tok.children:
        if c.dep_ == "conj":
            out += [x for x in mentions_of(s, c, depth, seen, groups) if x not in out]
    return list(dict.fromkeys(out))


#: determiners of a relational noun ("his brother-in-law, Y", "its owner, Z")
_POSSESSIVE_DETS = frozenset({"his", "her", "its", "their"})


def _named_after(s: Sentence, tok: Any) -> Mention | None:
    """ "registered to Liang's niece, Cai Yan": the parser hangs the name elsewhere; a possessed noun
    followed by a comma and a person's name is that person."""
    if not any(c.dep_ == "poss" or c.lower_ in _POSSESSIVE_DETS for c in tok.children):
        return None
    doc = tok.doc
    if tok.i + 2 >= s.span.end or doc[tok.i + 1].text != ",":
        return None
    m = s.at(doc[tok.i + 2])
    return m if m is not None and m.kind == "actor" and m.schema == "Person" else None


def actors(s: Sentence, toks: list[Any], groups: bool = False) -> list[Mention]:
    """Mentions for argument tokens; ``groups``: "Chinese officials" stands for China (doers only)."""
    out: list[Mention] = []
    for t in toks:
        for m in mentions_of(s, t, groups=groups):
            if m not in out:
                out.append(m)
    return out


_NOUN_PHRASE = frozenset({"conj", "appos", "compound", "amod", "nmod", "prep", "pobj", "cc", "det", "nummod",
                          "punct", "npadvmod", "quantmod", "dep"})  # fmt: skip


def _phrase(tok: Any) -> list[Any]:
    """The noun phrase under ``tok`` without clauses ("a network serving fentanyl traffickers": no fentanyl)."""
    out: list[Any] = []
    todo = [tok]
    while todo and len(out) < 80:
        t = todo.pop()
        out.append(t)
        todo.extend(c for c in t.children if c.dep_ in _NOUN_PHRASE)
    return out


def substances(s: Sentence, toks: list[Any], clauses: bool = True) -> list[Mention]:
    """Substances named anywhere in the phrases ("fentanyl precursors and U-47700"); with
    ``clauses=False`` only in the noun phrase itself, not in clauses hanging on it."""
    out: list[Mention] = []
    for t in toks:
        sub = list(t.subtree) if clauses else sorted(_phrase(t), key=lambda x: x.i)
        if len(sub) > 60:
            continue
        for x in sub:
            if made_from(x):
                continue
            for m in s.every(x):
                if m.kind == "substance" and m not in out:
                    out.append(m)
    return out


#: nouns naming what a substance is made from or like, not the substance ("fentanyl precursors",
#: "the building blocks of fentanyl", "carfentanil analogues")
NOT_ITSELF = frozenset({"precursor", "precursors", "block", "blocks", "ingredient", "ingredients", "analogue",
                        "analogues", "analog", "analogs", "component", "components", "input", "inputs"})  # fmt: skip


def made_from(tok: Any) -> bool:
    if tok.dep_ in ("compound", "amod", "nmod") and tok.head.lower_ in NOT_ITSELF:
        return True
    between = tok.doc[tok.i + 1 : tok.head.i] if tok.i < tok.head.i else []
    if tok.dep_ in ("compound", "amod", "nmod") and any(t.lower_ in NOT_ITSELF for t in between):
        return True  # "fentanyl precursor chemicals"
    return tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ in NOT_ITSELF


def doer(tok: Any) -> Any | None:
    """The subject of the nearest verb above ``tok`` that has one ("cited X as justification for
    raising tariffs": Trump raised them)."""
    t = tok
    for _ in range(8):  # "Trump cited X as justification for raising tariffs": up to "cited"
        if is_passive(t):
            agents = agent_tokens(t)
            return agents[0] if agents else None
        subj = subject_token(t)
        if subj is not None:
            return subj
        if t.head is t:
            return None
        t = t.head
    return None


def negated(tok: Any, negations: frozenset[str]) -> bool:
    return any(c.dep_ == "neg" or (c.dep_ in ("advmod", "aux") and c.lower_ in negations) for c in tok.children)


def irrealis(tok: Any, verbs: frozenset[str]) -> bool:
    """Under "wants to", "urged ... to", "plans to": not something that happened."""
    t = tok
    for _ in range(3):
        if t.head is t or t.dep_ not in ("xcomp", "ccomp", "advcl", "conj", "pcomp", "pobj", "prep"):
            return False
        t = t.head
        if t.lower_ in verbs:
            return True
    return False


def governing_hedge(tok: Any, undoing: dict[str, str], hedges: frozenset[str]) -> str | None:
    """A hedge or an undoing verb above or beside the predicate ("denied selling", "may have sold")."""
    for c in tok.children:
        if c.dep_ in ("aux", "advmod") and c.lower_ in hedges:
            return str(c.lower_)
    t = tok
    for _ in range(MAX_CLIMB):
        if t.head is t:
            break
        t = t.head
        if t.lower_ in undoing:
            return undoing[t.lower_]
        if t.lower_ in hedges:
            return str(t.lower_)
        if t.dep_ in ("ROOT",):
            break
    return None
