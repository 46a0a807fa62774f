"""Verb predicates: a lexicon entry, the verb's voice and its arguments give typed findings.

"Treasury sanctioned A, B and C" gives three sanctions; "X was blacklisted by Y", "X, which
is managed by Y", "Z, owned by Y" are read through voice and clause type; a verb coordinated
with another shares its subject and object ("was arrested and charged").
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from tracegraph.extract.coref import group_count
from tracegraph.extract.deps import args as A
from tracegraph.extract.deps import emit
from tracegraph.extract.deps.lexicon import Lexicon, Predicate, lexicon
from tracegraph.extract.evidence import Emitter, words
from tracegraph.extract.keys import entity_id, name_key
from tracegraph.extract.mentions import Mention
from tracegraph.extract.parse import Sentence
from tracegraph.extract.rules_core import sides

NOUN_DEPS = frozenset({"compound", "amod", "nmod", "pobj", "nsubj", "nsubjpass", "dobj", "attr", "poss", "appos"})
LEGAL = frozenset({"charge", "arrest", "convict", "sentence", "extradite", "sue"})
MAX_ARGS = 60  # at most this many mentions per role: lists of 200 names cost linear work


def _clause_antecedent(subj: Any, verb: Any) -> Any:
    """ "X, whose general manager is Y, sold NPP": the small parser makes Y the seller; a subject
    inside a ", whose/who/which ... ," clause that closes before the verb stands for X."""
    doc = subj.doc
    if subj.i >= verb.i:
        return subj
    lo = max(subj.sent.start, subj.i - 12)
    rel = next((k for k in range(subj.i - 1, lo, -1) if doc[k].lower_ in ("whose", "who", "which")), None)
    if rel is None or rel < 2 or doc[rel - 1].text != ",":
        return subj
    if not any(doc[k].text == "," for k in range(subj.i + 1, verb.i)):
        return subj  # the clause has not closed: "X, who is Y's partner" is no antecedent case
    return doc[rel - 2]


def _slots(tok: Any, passive: bool, s: Sentence | None = None) -> dict[str, list[Any]]:
    subj = A.subject_token(tok)
    if subj is not None and not passive and tok.dep_ in ("acl", "ROOT", "conj"):
        subj = _clause_antecedent(subj, tok)
    if subj is not None and subj.i == tok.head.i and tok.dep_ in ("relcl", "acl"):
        subj = _Clipped(subj, tok.i)  # "A, which is controlled by X, and B": not B
    if (
        subj is not None
        and subj.dep_ == "appos"
        and tok.dep_ == "relcl"
        and subj.head.i < subj.i
        and any(c.lower_ == "who" and c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
    ):
        subj = _apposed_person(subj)  # "X, a Russian national who worked as a chemist at Y": X
    if (
        s is not None
        and subj is not None
        and subj.dep_ == "pobj"
        and tok.dep_ == "relcl"
        and any(c.lower_ == "who" and c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
        and (m := s.at(subj)) is not None
        and m.schema not in ("Person", "LegalEntity")
    ):
        person = _apposed_person(subj.head)  # "Qin, the chairman of Xiangyun, who was designated": Qin
        subj = person if (p := s.at(person)) is not None and p.schema == "Person" else subj
    if (
        s is not None
        and subj is not None
        and tok.dep_ == "relcl"
        and subj.dep_ == "pobj"
        and any(c.lower_ == "who" and c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
    ):
        subj = _person_above(s, subj)  # "X, 29, of Chula Vista, who was arrested": X, not the town
    slots: dict[str, list[Any]] = {"subj": [], "obj": [], "attr": A.complement_tokens(tok)}
    if passive:
        slots["obj"] = [subj] if subj is not None else []
        slots["subj"] = A.agent_tokens(tok) or _through_as(tok, "by")
    else:
        slots["subj"] = [subj] if subj is not None else []
        slots["obj"] = A.object_tokens(tok)
        if tok.dep_ == "relcl":  # "the X Cartel, which the Department of State designated": the cartel
            slots["obj"] = [tok.head if o.lower_ in A.RELATIVE and o.lower_ != "whose" else o for o in slots["obj"]]
            if (
                not slots["obj"]
                and subj is not None
                and subj.lower_ not in A.RELATIVE
                and not any(
                    c.lower_ in A.RELATIVE or c.dep_ in ("dobj", "prep", "ccomp", "xcomp") for c in tok.children
                )
            ):
                slots["obj"] = [tok.head]  # a contact clause: "X LLC, a company he owned": the company
    return slots


def _object_conj_preps(tok: Any, word: str) -> list[Any]:
    """ "purchased NPP and 4-ANPP from X": the parser hangs "from X" on the last of the objects."""
    return [g for d in tok.children if d.dep_ == "dobj" for c in d.children if c.dep_ == "conj"
            for p in c.children if p.dep_ == "prep" and p.lower_ == word
            for g in p.children if g.dep_ == "pobj"]  # fmt: skip


def _person_above(s: Sentence, tok: Any) -> Any:
    """The person a "who" clause hung on a phrase's object is about ("Sheng, a national residing in Mexico
    City, who was arrested", "Peralta, 29, of Chula Vista, who ..."): the nearest person up the tree who is
    no prepositional object; else ``tok``."""
    t = tok
    for _ in range(8):
        if t.head.i == t.i:
            break
        t = t.head
        m = s.at(t)
        if m is not None and m.kind == "actor" and m.schema == "Person" and t.dep_ != "pobj":
            return t
    return tok


def _prep_conjuncts(tok: Any, word: str, anywhere: bool = False) -> list[Any]:
    """ "restrict visas for X, ..., and for Y": the small parser hangs the second "for" on a verb above;
    ``anywhere``: or on a phrase under the verb ("designated by OFAC pursuant to the Act and by State")."""
    if anywhere:
        return [g for t in list(tok.subtree)[:60] if t.dep_ == "conj" and t.lower_ == word and t.i > tok.i
                for g in t.children if g.dep_ == "pobj"]  # fmt: skip
    out: list[Any] = []
    t = tok
    for _ in range(3):
        if t.head is t:
            break
        t = t.head
        out += [g for c in t.children if c.dep_ == "conj" and c.lower_ == word and c.i > tok.i
                for g in c.children if g.dep_ == "pobj"]  # fmt: skip
    return out


def _apposed_person(tok: Any) -> Any:
    """The name a description is apposed to, through "of <place>" ("X, 51, of Southfield, a Russian national
    who ..."): the first head up the chain that is a person's name; else the description's own head."""
    t = tok.head
    for _ in range(4):
        if t.ent_type_ == "PERSON" or t.dep_ not in ("appos", "pobj", "prep") or t.head is t:
            break
        t = t.head
    return t if t.ent_type_ == "PERSON" else tok.head


def _through_as(tok: Any, word: str) -> list[Any]:
    """ "was employed as a driver by X", "worked as a chemist at X": the parser hangs the phrase on
    the role noun after "as", not on the verb."""
    return [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "as" for n in c.children
            if n.dep_ == "pobj" for p in n.children if p.dep_ == "prep" and p.lower_ == word
            for g in p.children if g.dep_ == "pobj"]  # fmt: skip


class _Clipped:
    """A clause's head noun without the names coordinated with it after the clause."""

    def __init__(self, tok: Any, clause_at: int) -> None:
        self.tok, self.clause_at = tok, clause_at

    def __getattr__(self, name: str) -> Any:
        if name == "children":
            return [c for c in self.tok.children if not (c.dep_ == "conj" and c.i > self.clause_at)]
        return getattr(self.tok, name)


#: modifiers of "list" that make it a sanctions or export-control list ("the Entity List", "the SDN List")
#: words after "list" that make it a sanctions list ("its list of persons subject to restrictive measures")
_SANCTION_LIST_WORDS = frozenset(["sanctions", "sanctioned", "restrictive", "blocked", "designated", "terrorists"])
LIST_WORDS = frozenset(
    [
        "entity",
        "sdn",
        "sanctions",
        "sanction",
        "unverified",
        "unreliable",
        "control",
        "blacklist",
        "watch",
        "military",
        "end-user",
        "specially",
        "designated",
        "restricted",
        "consolidated",
        "blocked",
        "terrorist",
        "denied",
    ]
)


def _needs(tok: Any, word: str) -> bool:
    low = word.lower()
    if " " in low:  # a phrase: its words in a row under the verb ("pleaded not guilty")
        seq = low.split()
        return any([x.lower_ for x in t.doc[t.i : t.i + len(seq)]] == seq for t in tok.subtree)
    if low == "list":
        lists = [t for t in (*tok.subtree, *(t for t in tok.head.subtree if t.i > tok.i)) if t.lower_ == "list"]
        if any(
            t.text == "List"
            or any(w.lower_ in LIST_WORDS for c in t.lefts for w in c.subtree)  # "its blocked persons list"
            or any(r.lower_ in _SANCTION_LIST_WORDS for r in t.rights for r in r.subtree)
            for t in lists
        ):
            return True
        # "was also added to the list" after "the List of Blocked Persons" a sentence before
        before = tok.doc.text[max(0, tok.sent.start_char - 600) : tok.sent.start_char]
        return any(t.i > tok.i for t in lists) and "List" in before
    if low == "guilty" and any(t.lower_ == "not" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "guilty"
                               for t in tok.head.subtree):  # fmt: skip
        return False  # "pleaded not guilty"
    return any(t.lower_.startswith(low) for t in tok.subtree) or any(
        t.lower_.startswith(low) for t in tok.head.subtree if t.i > tok.i
    )


def _roles(s: Sentence, tok: Any, pred: Predicate, passive: bool) -> dict[str, list[Mention]] | None:
    slots = _slots(tok, passive, s)
    roles: dict[str, list[Mention]] = {}
    for slot, role in pred.args.items():
        if slot.startswith("prep:"):
            toks = A.prep_tokens(tok, slot[5:]) or _through_as(tok, slot[5:]) or _object_conj_preps(tok, slot[5:])
            toks = toks + _prep_conjuncts(tok, slot[5:]) if toks else toks
        elif slot == "subj" and passive and pred.type == "Sanction":
            toks = slots.get(slot, [])
            toks = toks + _prep_conjuncts(tok, "by", anywhere=True) if toks else toks
        else:
            toks = slots.get(slot, [])
        if slot != "obj" and role == "object" and pred.is_action:  # "supplied Y with 4-AP", "trafficked in X"
            found = A.substances(s, toks, clauses=False)
        elif slot == "obj" and pred.object == "substance":
            found = A.substances(s, toks, clauses=pred.kind != "schedule") or _including(s, tok) or _named_next(s, toks)
            if not found:
                found = _following_substances(s, tok)
            found = listed_after(s, found)
        else:
            found = A.actors(s, toks, groups=role in ("actor", "authority", "owner", "employer"))
            if slot == "prep:from" and pred.object == "substance":
                found = [m for m in found if m.kind == "actor"]  # "imported X from China": a place of origin
            if slot == "obj" and not found:
                found = _described(s, toks)  # "sanctioned two individuals, A and B", "arrested three men: A, B, C"
            if slot == "obj" and not found:
                found = _named_group(s, toks, tok)  # "designated the Frente Norte cartel as an FTO"
            if slot == "obj" and not found and pred.type == "Sanction":
                found = _colon_list(s, tok, toks)  # "designated the following persons:" and one a line
            if slot == "obj" and not found and pred.type == "Sanction":
                found = _holders(s, toks)  # "froze X's assets", "assets belonging to X were frozen"
            if slot == "obj" and not found and pred.type == "Sanction" and passive:
                found = _previous_subject(s, toks)  # "X is a broker in Wuhan. It is being designated ..."
            if slot == "obj" and pred.object == "actor":  # "designating A, B, C, and D pursuant to ..."
                found = listed_after(s, found, "actor", past_clauses=pred.type == "Sanction" and not passive)
            if pred.type == "Sanction" and slot != "subj" and not passive:
                found = listed_before(s, found, tok.idx + len(tok.text))  # "designated A and B", A read as a modifier
        if role in ("authority", "actor") and slot in ("subj", "obj"):
            found = _most_specific(s, toks, found)
        roles.setdefault(role, []).extend(m for m in found[:MAX_ARGS] if m not in roles.get(role, []))
    obj_role = pred.args.get("obj")
    if pred.object and obj_role and not roles.get(obj_role):
        return None
    if pred.object == "actor" and obj_role and not any(m.kind in ("actor", "gov", "norp") for m in roles[obj_role]):
        return None
    if pred.subject_word:
        subj = slots["subj"]
        if not subj or not subj[0].lower_.startswith(pred.subject_word):
            return None
        if pred.subject_word == "action":  # "Today's action targets X": only a sanctioning body's action
            body = release_authority(s)
            if body is None:
                return None
            roles[pred.args["subj"]] = [body]
        else:  # "The sanctions announced today by OFAC target X", "Britain's sanctions target X"
            own = [m for t in list(subj[0].subtree)[:30] if (m := s.at(t)) is not None and _is_body(m)]
            roles[pred.args["subj"]] = own[:1] or _authority_nearby(s)
    return roles


def _is_body(m: Mention) -> bool:
    """A government or a sanctioning body (a public body, or one roles.yaml names)."""
    return m.kind in ("gov", "norp") or (
        m.kind == "actor" and (m.schema == "PublicBody" or name_key(m.name) in _authorities())
    )


_LIST_GAP = re.compile(r"\s*(?:,|,?\s+and|,?\s+or)\s+$")
#: after a colon a list may be cut by semicolons ("the Entity List: A; B; and C")
_COLON_LIST_GAP = re.compile(r"\s*(?:,|;|[,;]?\s+and|[,;]?\s+or)\s+$")


#: a relative clause on a listed name, still open or closed by ", and" before the next name
_OPEN_CLAUSE = re.compile(r"\s*,\s+(?:which|who|whose)\b[^,;]{0,100}")
_CLOSED_CLAUSE = re.compile(r"\s*,\s+(?:which|who|whose)\b[^;]{0,120}?,\s+and\s+")


def listed_after(
    s: Sentence, found: list[Mention], kind: str = "substance", colon: bool = False, past_clauses: bool = False
) -> list[Mention]:
    """Names the text lists right after the last one found ("sold A, B and C", "designating A, B,
    and C pursuant to" where the small parser hung B and C elsewhere): the list goes on while only
    a comma or "and" stands between (or a semicolon, in a list after a colon; ``past_clauses``: or a
    relative clause on a listed name, for the object of a designation), never into a possessive ("C's owner")."""
    if not found:
        return found
    out = list(found)
    end = max(f.end for f in found)
    text = s.analysis.text
    gap = _COLON_LIST_GAP if colon or ":" in text[s.span.start_char : min(f.start for f in found)] else _LIST_GAP
    passable = ("place",) if gap is _COLON_LIST_GAP and kind == "actor" else ()
    subs = [m for m in s.mentions if m.kind in (kind, *passable) and m.start >= end and not m.coref]
    for m in subs:
        between = text[end : m.start]
        if past_clauses and _OPEN_CLAUSE.fullmatch(between):
            continue  # "designated A, which is owned by X, and B": X is the clause's
        if past_clauses and _CLOSED_CLAUSE.fullmatch(between):
            pass  # "designated A, which is based in Hong Kong, and B, which ..."
        elif not gap.fullmatch(between + " ") or text[m.end : m.end + 2] in ("'s", "’s"):
            break
        if m not in out and m.kind == kind:  # (a name NER took for a place keeps a colon list going)
            out.append(m)
        end = m.end
    return out


def listed_before(s: Sentence, found: list[Mention], after: int) -> list[Mention]:
    """Names the text lists right before the first one found, back to ``after`` ("sanctions on A and B"
    where the small parser hung A on B as a modifier): only a comma or "and" between."""
    if not found:
        return found
    first = min(found, key=lambda f: f.start)
    text = s.analysis.text
    before = [m for m in s.mentions if m.kind == "actor" and after <= m.start and m.end <= first.start and not m.coref]
    out = list(found)
    for m in reversed(before[-MAX_ARGS:]):
        if not _LIST_GAP.fullmatch(text[m.end : first.start] + " ") or m in out:
            break
        out.insert(0, m)
        first = m
    return out


#: plural nouns that describe the people or companies a list right after them names
DESCRIBED = frozenset(
    ["individuals", "entities", "companies", "persons", "people", "firms", "nationals", "men", "women", "businesses",
     "defendants", "suppliers", "brokers", "associates", "members", "officials", "executives", "leaders",
     "citizens", "residents", "fugitives", "traffickers", "entries", "parties", "designees", "targets"]
)  # fmt: skip


def _described(s: Sentence, toks: list[Any]) -> list[Mention]:
    """ "sanctioned two Mexico-based individuals, A and B, who ...": a plural description, then a comma or
    colon, then the names; as many as the description counts when it gives a number. "three individuals
    involved in the trade, including A and B": the names after "including" wherever the parse hung it."""
    for tok in toks:
        if tok.lower_ in DESCRIBED and tok.dep_ == "pobj" and tok.head.lower_ == "among":
            subj = A.subject_token(tok.head.head)  # "X was among the entities designated by OFAC": X
            if subj is not None and tok.head.head.lower_ in ("is", "was", "are", "were", "be", "been"):
                return [m for m in A.actors(s, [subj]) if m.kind == "actor"]
        if tok.lower_ in DESCRIBED and s.at(tok) is None:
            sub = list(tok.subtree)[:40]
            incl = [m for t in sub if t.lower_ == "including" for g in t.children if g.dep_ == "pobj"
                    for m in A.mentions_of(s, g) if m.kind == "actor"]  # fmt: skip
            if incl:
                return incl
            among = _AMONG_THEM.search(s.analysis.text, tok.idx, s.span.end_char)
            first = next((m for m in s.mentions if among and m.start == among.end() and m.kind == "actor"), None)
            if first is not None:  # "added 14 people and 6 companies to its list, among them A and B"
                return listed_after(s, [first], "actor")
        if tok.lower_ not in DESCRIBED or s.at(tok) is not None or tok.i + 2 >= s.span.end:
            continue
        if tok.doc[tok.i + 1].text not in (",", ":"):
            continue
        first = s.at(tok.doc[tok.i + 2])
        if first is None or first.kind != "actor" or first.start != tok.doc[tok.i + 2].idx:
            continue
        inside = [t for t in s.span if s.at(t) is first]
        if any(t.dep_ in ("nsubj", "nsubjpass") and t.head not in inside for t in inside):
            continue  # "arrested two men, Zhang said": the speaker
        listed = listed_after(s, [first], "actor")
        count = next((COUNTS.get(c.lower_) or (int(c.text) if c.text.isdigit() else 0)
                      for c in tok.children if c.dep_ == "nummod"), 0)  # fmt: skip
        return listed[:count] if count else listed
    return []


_AMONG_THEM = re.compile(r",\s+(?:among\s+them|among\s+whom|namely)\s+")
#: a sentence whose designee is only a pronoun ("It is being designated", "Both were also sanctioned")
PRONOUN_DESIGNEE = re.compile(
    r"\s*(?:It|Both)\s+(?:is|are|was|were|has\s+been|have\s+been)\s+(?:also\s+)?(?:being\s+)?"
    r"(?:designated|sanctioned|listed)\b"
)


def _previous_subject(s: Sentence, toks: list[Any]) -> list[Mention]:
    """ "Hengli is a broker in Wuhan. It is being designated ...", "A and B run X. Both are being designated":
    a pronoun the coreference step left alone stands for the subject of the sentence before (a company for
    "it", the two names for "both")."""
    if len(toks) != 1 or toks[0].lower_ not in ("it", "both") or s.span.start == 0:
        return []
    before = s.span.doc[s.span.start - 1].sent
    subj = next((t for t in before if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"), None)
    prev = Sentence(s.analysis, before)
    named = [m for m in A.actors(prev, [subj]) if m.kind == "actor"] if subj is not None else []
    pron = toks[0]
    named = [m.with_(start=pron.idx, end=pron.idx + len(pron.text), text=pron.text, coref=True) for m in named]
    if pron.lower_ == "it":
        return [m for m in named if m.schema != "Person"][:1] if len(named) == 1 else []
    return named if len(named) == 2 else []


#: what a freeze or a block falls on, named with its holder ("X's assets", "accounts belonging to X")
HOLDINGS = frozenset(["assets", "asset", "accounts", "account", "funds", "property", "properties"])


def _holders(s: Sentence, toks: list[Any]) -> list[Mention]:
    """ "The UK has frozen X's assets", "froze assets belonging to X", "X's assets were frozen": the holder."""
    out: list[Mention] = []
    for tok in toks:
        if tok.lower_ not in HOLDINGS:
            continue
        heads = [c for c in tok.children if c.dep_ == "poss"]
        heads += [g for c in tok.children if c.dep_ == "acl" and c.lower_ in ("belonging", "held", "owned")
                  for p in c.children if p.dep_ in ("prep", "agent")
                  for g in p.children if g.dep_ == "pobj"]  # fmt: skip
        out += [m for m in A.actors(s, heads) if m.kind == "actor" and m not in out]
    return out


#: words of an object that announce the names a colon then lists ("the following persons:")
_ANNOUNCING = frozenset(["following", "entries", "designations", "listings", "additions"])


def _colon_list(s: Sentence, verb: Any, toks: list[Any]) -> list[Mention]:
    """ "added three individuals and two entities to the list ...: A, B and C", "the following three
    entities to the Entity List: A; B; and C": the object only counts or announces the names, which come
    after the colon in the same sentence."""
    sub = [t for x in toks for t in list(x.subtree)[:20]]
    if not any(t.lower_ in DESCRIBED or t.lower_ in _ANNOUNCING for t in sub):
        return []
    text = s.analysis.text
    colon = text.find(":", verb.idx, s.span.end_char)
    first = next((m for m in s.mentions if colon >= 0 and m.start > colon and m.kind == "actor"), None)
    if first is None or not re.fullmatch(r"\s*(?:\(?\w\)|\d{1,2}[.)])?\s*", text[colon + 1 : first.start]):
        return []
    return listed_after(s, [first], "actor", colon=True)


#: common nouns a group's name modifies ("the Frente Norte cartel", "the Valle network")
GROUP_NOUNS = frozenset(["cartel", "gang", "clan", "faction", "cell", "mafia", "syndicate", "dto", "network",
                         "organization", "organisation", "group", "militia"])  # fmt: skip
#: what "designated X as a ..." makes X: an organisation, whatever NER took the name for
_ORG_ROLES = frozenset(["organization", "organisation", "group", "cartel", "entity", "terrorist", "terrorists"])


def _named_group(s: Sentence, toks: list[Any], verb: Any) -> list[Mention]:
    """ "the Frente Norte cartel": the name modifying a group noun is the group; a name NER read as a
    place is an organisation when the verb says what it is ("designated Los Tigres del Valle as a Foreign
    Terrorist Organization")."""
    out: list[Mention] = []
    for tok in toks:
        m = s.at(tok)
        if m is None and tok.lower_ in GROUP_NOUNS:
            names = [n for c in tok.children if c.dep_ in ("compound", "nmod", "amod") for t in c.subtree
                     if (n := s.at(t)) is not None and n.kind in ("actor", "place")
                     and n.schema != "Person"]  # fmt: skip
            m = names[0] if names else None
        if m is not None and m.kind == "place":
            role = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.subtree]
            if not any(g.lower_ in _ORG_ROLES for g in role):
                continue
            m = m.with_(schema="Organization", kind="actor", entity_id=entity_id("Organization", m.name))
        if m is not None and m.kind == "actor" and m not in out:
            out.append(m)
    return out


COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def _named_next(s: Sentence, toks: list[Any]) -> list[Mention]:
    """ "added two precursors to ... . The chemicals, A and B, ...": the names in the next sentence."""
    counts = [COUNTS[c.lower_] for t in toks for c in t.children if c.lower_ in COUNTS]
    if not counts or s.span.end >= len(s.span.doc):
        return []
    nxt = next(iter(s.span.doc[s.span.end :].sents), None)
    if nxt is None:
        return []
    named = [m for m in s.analysis.in_span(nxt.start_char, nxt.end_char, ("substance",))]
    named = list(dict.fromkeys(named))
    return named if len(named) == counts[0] else []


def _including(s: Sentence, verb: Any) -> list[Mention]:
    """ "has sold fentanyl precursors, including 4-AP and 1-boc-4-piperidone, to ...": the parser hangs the
    examples on the verb; they are what was sold."""
    return A.substances(s, [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "including"
                            for g in c.children if g.dep_ == "pobj"])  # fmt: skip


#: words of an amount that may stand between a verb and the substance it takes ("more than a tonne of NPP")
QUANTITY_WORDS = frozenset(
    ["more", "than", "over", "about", "nearly", "almost", "approximately", "some", "a", "an", "of", "tonne",
     "tonnes", "ton", "tons", "kilogram", "kilograms", "kilo", "kilos", "kg", "pounds", "grams", "liters", "litres",
     "gallons", "barrels", "drums", "shipment", "shipments"]
)  # fmt: skip


def _following_substances(s: Sentence, tok: Any) -> list[Mention]:
    """ "X sold ANPP and NPP to buyers": substances right after a verb the parser gave no object
    (it read "ANPP" as an adverb), up to the first preposition, verb or clause break."""
    out: list[Mention] = []
    amount = False
    for t in s.span.doc[tok.i + 1 : min(s.span.end, tok.i + 15)]:
        m = s.at(t)
        if m is not None and m.kind == "substance" and amount and A.made_from(t):
            break  # "seized 1,320 kilograms of fentanyl precursor chemicals": not fentanyl
        if m is not None and m.kind == "substance":
            if m not in out:
                out.append(m)
            continue
        if (
            (t.dep_ == "prep" and t.lower_ not in QUANTITY_WORDS)
            or t.text in (".", ";", ":")
            or (m is not None and m.kind != "substance")
        ):
            break
        if t.lower_ in QUANTITY_WORDS:
            amount = True
            continue  # "seizes more than a tonne of NPP"
        if t.lower_ not in (",", "and", "or", "&") and not t.is_punct and t.dep_ not in ("compound", "amod", "nummod"):
            break
    return out


def _most_specific(s: Sentence, toks: list[Any], found: list[Mention]) -> list[Mention]:
    """ "The Department of the Treasury's Office of Foreign Assets Control": the office acts."""
    if not toks or len(found) > 3:
        return found
    sub = [t for t in toks[0].subtree if t.dep_ not in ("relcl", "acl")][:40]
    owned = [s.at(t) for i, t in enumerate(sub) if i and sub[i - 1].lower_ in ("'s", "’s") and s.at(t) is not None]
    bodies = [m for m in owned if m is not None and m.kind == "actor" and m.schema == "PublicBody"]
    return [bodies[-1]] if bodies else found


def _authority_nearby(s: Sentence) -> list[Mention]:
    """ "The sanctions target X": the body named in this or the previous sentence."""
    before = [m for m in s.analysis.mentions if m.end <= s.span.start_char and m.kind in ("actor", "gov")]
    bodies = [m for m in before[-6:] if m.kind == "gov" or m.schema == "PublicBody"]
    return bodies[-1:] if bodies else []


SKIPPED = frozenset({"also", "has", "have", "had", "allegedly", "openly", "then", "later", "still", "now"})


def _surface_offer(s: Sentence, e: Emitter, tok: Any, lex: Lexicon) -> bool:
    """The small parser reads "Hubei X Co. advertises A, B and C" with the verb as a noun: a
    company right before the verb and the substances after it, up to the clause's end."""
    doc = tok.doc
    j = tok.i - 1
    while j > s.span.start and doc[j].lower_ in SKIPPED:
        j -= 1
    actor = s.at(doc[j]) if j >= s.span.start else None
    if actor is None and j - 1 >= s.span.start and doc[j].lower_ in ("that", "which", "who"):
        # "ran a vendor account that resold X" (the verb read as a noun): the relative's antecedent
        actor = next((m for m in A.actors(s, [doc[j - 1]]) if m.kind == "actor"), None)
    if actor is None or actor.kind != "actor":
        return False
    objects: list[Mention] = []
    for t in doc[tok.i + 1 : min(s.span.end, tok.i + 30)]:
        if t.text in (".", ";", ":") or (t.lower_ in lex.verbs and t.i > tok.i + 1 and not s.at(t)):
            break
        m = s.at(t)
        if m is not None and m.kind == "substance" and m not in objects:
            objects.append(m)
    return bool(objects) and emit.action(s, e, "offer", actor, objects, 0.6, tok.idx, "object", None)


def _remember_designator(s: Sentence, tok: Any) -> None:
    """ "OFAC designated four entities ...": later "X is being designated" means by OFAC."""
    subj = A.subject_token(tok)
    if subj is None:
        return
    toks = [subj]
    bodies = [m for m in _most_specific(s, toks, A.actors(s, toks)) if m.kind == "actor"
              and (m.schema == "PublicBody" or name_key(m.name) in _authorities())]  # fmt: skip
    if not bodies and not A.actors(s, toks):
        office = _office(s, tok, False)  # "The Secretary of State designated ..."
        bodies = [office] if office is not None and office.kind == "actor" else []
    if bodies:
        s.analysis.designator = bodies[0]


def _list_owner(s: Sentence, tok: Any) -> Mention | None:
    """ "was added to the Department of Commerce's Entity List": the list's owner designates."""
    lists = [g for g in A.prep_tokens(tok, "to") if g.lower_ == "list"]
    owners = [m for g in lists for c in g.children if c.dep_ == "poss" for m in s.of(c, ("actor",))]
    return next((m for m in owners if m.schema == "PublicBody"), None)


def release_authority(s: Sentence) -> Mention | None:
    """ "X is being designated", "Y was also designated today": in a release the body that
    designates is the one the release last named as designating, else the last sanctioning
    body named before."""
    if s.analysis.designator is not None:
        return s.analysis.designator
    bodies = [m for m in s.analysis.mentions if m.end <= s.span.end_char and m.kind == "actor"
              and m.schema in ("PublicBody", "Organization") and name_key(m.name) in _authorities()]  # fmt: skip
    before = [m for m in bodies if m.end <= s.span.start_char]
    # else a body named earlier in the same sentence ("FinCEN issued an order that identifies X")
    return before[-1] if before else (bodies[0] if bodies else _office_named(s))


def _office_named(s: Sentence) -> Mention | None:
    """The last sanctioning office the text names up to this sentence ("The Council adopted the listings.
    A and B are now subject to an asset freeze"), as its body; not one a name goes before ("City Council")."""
    text = s.analysis.text[max(0, s.span.start_char - 3000) : s.span.end_char]
    base = max(0, s.span.start_char - 3000)
    hits = [(m.start(), office) for office in _offices() for m in _office_pattern(office).finditer(text)
            if not _NAMED_BEFORE.search(text, max(0, m.start() - 30), m.start())]  # fmt: skip
    if not hits:
        return None
    at, office = max(hits)
    return _office_body(s, office, base + at, base + at + len(office))


_NAMED_BEFORE = re.compile(r"\b(?!The\b)[A-Z][\w.-]*\s+$")


@cache
def _office_pattern(office: str) -> re.Pattern[str]:
    """An office as a text names it, capitalised ("the Council", "the Secretary of State")."""
    words = [w if w in ("of", "for", "the") else w[:1].upper() + w[1:] for w in office.split()]
    return re.compile(r"\b" + r"\s+".join(re.escape(w) for w in words) + r"\b")


def _office(s: Sentence, tok: Any, passive: bool) -> Mention | None:
    """ "The Secretary of State designated X", "Foreign Secretary Y announced sanctions on X", "X was listed
    by the Council": the body the office acts for (``sanctioning_offices`` in roles.yaml), the one of its
    bodies the text names first, else its first; an office named with a country is that country's."""
    holders = A.agent_tokens(tok) if passive else [t for t in [A.subject_token(tok)] if t is not None]
    for holder in holders[:1]:
        phrase = [t for t in holder.subtree if t.dep_ not in ("relcl", "acl", "appos", "conj")][:14]
        if not phrase:
            return None
        words_ = " ".join(t.lower_ for t in phrase if not t.is_punct)
        office = next((o for o in _offices() if re.search(rf"\b{re.escape(o)}\b", words_)), None)
        if office is None:
            return None
        country = next((m for t in phrase if (m := s.at(t)) is not None and m.kind in ("gov", "norp")), None)
        if country is not None:
            return country  # "New Zealand's Foreign Minister", "the Australian Minister for Foreign Affairs"
        return _office_body(s, office, phrase[0].idx, phrase[-1].idx + len(phrase[-1].text))
    return None


def _office_body(s: Sentence, office: str, at: int, end: int) -> Mention:
    """The body ``office`` acts for: the first of its bodies the text names, else its first."""
    bodies = _offices()[office]
    named = {name_key(m.name): m for m in s.analysis.mentions if m.kind == "actor" and m.schema != "Person"}
    hit = next((named[name_key(b)] for b in bodies if name_key(b) in named), None)
    if hit is not None:
        return hit
    return Mention(at, end, s.analysis.text[at:end], bodies[0], "PublicBody", entity_id("PublicBody", bodies[0]),
                   source="title")  # fmt: skip


def _acting_for(s: Sentence, m: Mention | None) -> Mention | None:
    """A committee that decides for a body ("the End-User Review Committee added X"): that body."""
    if m is None or m.kind != "actor":
        return m
    office = next((o for o in _offices() if name_key(o) == name_key(m.name)), None)
    return _office_body(s, office, m.start, m.end) if office is not None else m


def office_or_release(s: Sentence, verb: Any | None) -> Mention | None:
    """The body a person designates for: their office's ("Foreign Secretary Y"), else the release's."""
    office = _office(s, verb, A.is_passive(verb)) if verb is not None else None
    return office or release_authority(s)


@cache
def _offices() -> dict[str, tuple[str, ...]]:
    """Office -> the bodies it acts for, longest office first ("minister for foreign affairs" before "council")."""
    from tracegraph.datafiles import load_yaml

    data = load_yaml("tracegraph.extract", "data", "roles.yaml")
    offices = {str(k).lower(): tuple(str(n) for n in v) for k, v in (data.get("sanctioning_offices") or {}).items()}
    return dict(sorted(offices.items(), key=lambda kv: -len(kv[0])))


@cache
def _authorities() -> frozenset[str]:
    from tracegraph.datafiles import load_yaml

    data = load_yaml("tracegraph.extract", "data", "roles.yaml")
    return frozenset(name_key(str(n)) for n in data.get("sanction_authorities", []))


def _hedge(tok: Any, lex: Lexicon) -> str | None:
    if A.negated(tok, lex.negations):
        return "not"
    return A.governing_hedge(tok, lex.undoing, words("hedges"))


#: subjects of a copula that list who is charged ("The defendants are A; B, 40, ...; and C")
CHARGED_NOUNS = frozenset({"defendants", "defendant", "co-defendants", "co-conspirators"})
LISTING = frozenset({"are", "is", "were", "was", "include", "includes", "included", "including"})


_RELATIVE_CLAUSE = re.compile(r",\s+(?:who|whom|which|that|whose)\b")
_HOLDER_LEAD = re.compile(r"\b(?:of|at|for|with|by|to|from)\s+(?:the\s+)?$")


#: a sentence that opens by saying who is charged or designated, then lists them ("Charged in the
#: indictment are A, 44; B ...", "The entities added today include X, Y and Z", "Among those designated are")
_CHARGED_LEAD = re.compile(r"(?:Also\s+)?(?:Charged|Indicted)\b[^,;]{0,60}?\s(?:are|were)\s*$")
_DESIGNATED_LEAD = re.compile(
    r"(?:The|Those|Among(?:\s+(?:the|those))?)\s+(?:(?:\w+|\d+)\s+){0,2}?(?:(?:entities|individuals|companies|"
    r"persons|people|firms|designees)\s+)?(?:added|designated|sanctioned|listed|targeted)\b[^;:]{0,40}?\s"
    r"(?:are|were|include|includes|included)\s*$"
    r"|Also\s+(?:added|designated|sanctioned|listed|targeted)\b[^;:]{0,40}?\s(?:are|were|is|was)\s*$"
    r"|(?:Designated|Sanctioned|Listed)\s+(?:today\s+)?(?:pursuant\s+to|under)\b[^;:]{0,60}?\s(?:are|were|is|was)\s*$"
    r"|(?:Among\s+)?(?:today['’]s|the\s+new|the|this\s+week['’]s)\s+designees\s+(?:\w+\s+)?(?:are|were|is|was|include|includes)\s*$"
    r"|The\s+(?:\w+\s+)?(?:listings|designations|designees)\s+(?:\w+\s+)?(?:are|were|include|includes|included)\s*$"
    r"|(?:Newly\s+)?(?:Sanctioned|Designated|Listed)\s+(?:entities|individuals|persons|companies|parties)"
    r"(?:\s+and\s+(?:entities|individuals|persons|companies))?\s+(?:\w+\s+)?(?:are|were|include|includes|included)\s*$"
)


#: "Among those arrested in Atlanta was X", "Also extradited were A and B", "The men sentenced today are ..."
_LEGAL_LEAD = re.compile(
    r"(?:Among\s+(?:the\s+|those\s+)?(?:\w+\s+){0,2}?|Also\s+|Those\s+|The\s+(?:\w+\s+){0,2}?)"
    r"(arrested|detained|sentenced|extradited|convicted|charged|indicted)\b[^;:]{0,60}?\s(?:are|were|was|is|included?)\s*$"
)
LEGAL_KINDS = {"arrested": "arrest", "detained": "arrest", "sentenced": "sentence", "extradited": "extradite",
               "convicted": "convict", "charged": "charge", "indicted": "charge"}  # fmt: skip


def _defendants(s: Sentence, e: Emitter, tok: Any) -> None:
    text = s.analysis.text
    lead = text[s.span.start_char : tok.idx + len(tok.text)]
    legal = _LEGAL_LEAD.match(lead)
    if legal is not None:
        kind = LEGAL_KINDS[legal.group(1)]
        people = [m for m in _listed(s, tok, []) if m.schema == "Person" or kind == "charge"]
        if people:
            emit.action(s, e, kind, None, people[:MAX_ARGS], 0.7, tok.idx, "target", None, span=_evidence(s))
        return
    if _DESIGNATED_LEAD.match(lead):
        listed = _listed(s, tok, [])
        authority = release_authority(s)
        span = _evidence(s)
        for m in listed[:MAX_ARGS]:
            emit.sanction(s, e, m, authority, 0.7, tok.idx, None, span=span)
        return
    subj = A.subject_token(tok)
    charged = _CHARGED_LEAD.match(lead) is not None
    if not charged and (
        subj is None or subj.lower_ not in CHARGED_NOUNS or not any(c.lower_ == "the" for c in subj.children)
    ):
        return
    if subj is not None and any(c.lower_ in ("other", "remaining") for c in subj.children):
        return  # "The other defendants remain at large"
    named = [c for c in tok.children if c.dep_ in ("attr", "dobj", "acomp", "oprd") and c.i > tok.i]
    people = _listed(s, tok, [m for m in A.actors(s, named) if m.kind == "actor"])
    if people and not A.negated(tok, frozenset({"not", "n't", "never"})):
        emit.action(s, e, "charge", None, people[:MAX_ARGS], 0.7, tok.idx, "target", None, span=_evidence(s))


#: a list item's line: a dash, bullet or number, then the item ("- Jiahao Fu, 31, of Hefei;", "2. RAO Shuying, ...")
_ITEM = re.compile(r"[ \t]*(?:[-*•·–]|\(?\d{1,3}[.)]|\(?[a-z]\))[ \t]+(?:the[ \t]+)?")
#: a person's name leading an item the small NER left untagged: capitalised words (particles inside) before a comma
_ITEM_NAME = re.compile(
    r"(?:[A-Z][\w'’-]*)(?:[ \t]+(?:[A-Z][\w'’-]*|de|del|la|los|las|y|van|von|bin|al|da|dos)){1,4}(?=[ \t]*[,;(])"
)
MAX_ITEMS = 60
#: words that make an item's leading capitalised words a count, an offence or a place, not a person's name
ITEM_STOPS = frozenset(
    ["to", "of", "and", "the", "for", "with", "conspiracy", "count", "counts", "money", "laundering", "possession",
     "distribution", "import", "export", "trafficking", "intent", "attempt", "city", "province", "state", "county"]
)  # fmt: skip
#: the end of a lead that names what the lines after it list: "are:", "include:", "as follows:", and a
#: predicate whose object or subject is the list ("the following defendants are charged:", "OFAC designated
#: the following individuals today:"); "charged with:" lists counts, not names
_LIST_OPENS = re.compile(
    r"\b(?:are|were|is|was|include|includes|included|including|follows|following)\s*:\s*$"
    r"|\bfollowing\b[^:]*(?<!\bwith)(?<!\bfor)(?<!\bof)\s*:\s*$"
)


def _evidence(s: Sentence) -> tuple[int, int] | None:
    """The lead sentence and the item lines after it, when a list of lines follows: the evidence of each item."""
    return _items_span(s, _items(s))


def _items_span(s: Sentence, items: list[Mention] | None) -> tuple[int, int] | None:
    """From the lead sentence to the end of the last item's line."""
    if not items:
        return None
    text = s.analysis.text
    end = text.find("\n", max(m.end for m in items))
    return s.span.start_char, (len(text) if end < 0 else end)


def _items(s: Sentence, any_lead: bool = False) -> list[Mention] | None:
    """ "the defendants are:" or "Those designated are:" and then one item a line: the name that
    leads each item (a title or a holder later in the line is not listed); None when no such list follows.
    ``any_lead``: the caller has checked that the lead's predicate takes the list ("OFAC today designated:")."""
    text = s.analysis.text
    if not any_lead and not _LIST_OPENS.search(text[s.span.start_char : s.span.end_char]):
        return None  # ("The defendants are charged with:" lists counts, not names)
    pos = text.find("\n", s.span.start_char, s.span.end_char + 1)
    out: list[Mention] = []
    bare_ok = True  # lines without a bullet (a scraped page drops them) are items while each ends with ";"
    for _ in range(MAX_ITEMS):
        while pos >= 0 and text.startswith("\n", pos + 1):
            pos += 1  # blank lines between the lead and its items, or between items
        if pos < 0 or pos + 1 >= len(text):
            break
        line_end = text.find("\n", pos + 1)
        line_end = len(text) if line_end < 0 else line_end
        item = _ITEM.match(text, pos + 1, line_end)
        if item is None and bare_ok and (out or _ITEM_GOES_ON.search(text, pos + 1, line_end)):
            item = _bare_item(text, pos + 1, line_end)  # a lone line ending in "." is a paragraph, not a list
        if item is None:
            break
        bare_ok = bare_ok and _ITEM_GOES_ON.search(text, pos + 1, line_end) is not None
        lead = next((m for m in s.analysis.in_span(item.end(), line_end, ("actor", "gov", "place"))), None)
        if lead is not None and lead.start == item.end() and lead.kind == "actor":
            out.append(lead)
        else:
            name = _ITEM_NAME.match(text, item.end(), line_end)
            clash = (  # a company or a place the name is ("- Hong Kong, China"), not one NER cut from it
                lead is not None and name is not None and lead.start <= name.start()
                and ((lead.kind == "actor" and lead.schema != "Person") or lead.end >= name.end())
            )  # fmt: skip
            if name is not None and not clash and not ITEM_STOPS & set(name.group(0).lower().split()):
                out.append(Mention(name.start(), name.end(), name.group(0), name.group(0), "Person",
                                   entity_id("Person", name.group(0)), "actor", source="list"))  # fmt: skip
        pos = line_end
    return out or None


#: a bare item that is not the last: it ends with ";" (or "; and", or ", and")
_ITEM_GOES_ON = re.compile(r"(?:;|;\s*and|,\s*and)\s*$")
_BARE_ITEM_END = re.compile(r"(?:[;.]|;\s*and|,\s*and)$")
_BARE_ITEM_START = re.compile(r"[ \t]*")
_BARE_ITEM_CHARS = 400


def _bare_item(text: str, start: int, end: int) -> re.Match[str] | None:
    """A line with no bullet that still reads as a list item: short, opening with a capital, ending
    with ";" / "; and" or, for the last one, a full stop ("Qin Baohua, 58, of Changsha, China;")."""
    line = text[start:end].rstrip()
    if not line[:1].isupper() or len(line) > _BARE_ITEM_CHARS or not _BARE_ITEM_END.search(line):
        return None
    return _BARE_ITEM_START.match(text, start, end)


def _listed(s: Sentence, tok: Any, people: list[Mention]) -> list[Mention]:
    """The people and companies a list after ``tok`` names (a list cut by semicolons goes on in the
    parse's next sentences), holders named after a title left out."""
    items = _items(s)
    if items is not None:
        return people + [m for m in items if m not in people]
    text = s.analysis.text
    end, k = s.span.end_char, s.analysis.sentence_of(s.span.start_char)
    while text[:end].rstrip().endswith(";") and k + 1 < len(s.analysis.sentences):
        k += 1  # the parse cut the list at a semicolon: the list goes on in the next "sentence"
        end = s.analysis.sentences[k][1]
    clauses = [(c.start(), text.find(";", c.start(), end) if ";" in text[c.start() : end] else end)
               for c in _RELATIVE_CLAUSE.finditer(text, tok.idx, end)]  # fmt: skip
    for m in s.analysis.in_span(tok.idx, end, ("actor",)):  # a list cut by semicolons and ages defeats
        # the parse: every name in it, except a holder named after a title ("the owner of X", "X's daughter")
        if m.start <= tok.idx or m.schema not in ("Person", "Company") or m in people:
            continue
        lead = text[max(s.span.start_char, m.start - 6) : m.start]
        if _HOLDER_LEAD.search(lead) or text[m.end : m.end + 2] in ("'s", "’s"):
            continue
        if any(a <= m.start < b for a, b in clauses):
            continue  # "..., which imports X's chemicals": a name in a relative clause is not listed
        if any(p.entity_id == m.entity_id for p in people):
            continue
        people.append(m)
    return people


#: what a lead's predicate does to each line of the list after it
_LIST_KINDS = frozenset({"Sanction", "Action:charge", "Action:arrest", "Action:extradite", "Action:convict",
                         "Action:sentence"})  # fmt: skip


def _list_lead(s: Sentence, e: Emitter, lex: Lexicon) -> bool:
    """ "The following defendants are charged:", "OFAC designated the following individuals today:" and one
    name a line after it: the predicate holds for each line's name, the lead and the lines its evidence."""
    if not s.span.text.rstrip().endswith(":"):
        return False
    items = _items(s, any_lead=True)
    if not items:
        return False
    if _participle_lead(s, e, items):
        return True
    for tok in s.span:
        if tok.dep_ in NOUN_DEPS or A.irrealis(tok, lex.irrealis):
            continue
        subj = A.subject_token(tok)
        passive = A.is_passive(tok)
        by = s.at(subj) if subj is not None and not passive else None
        by_body = by is not None and _is_body(by)  # "BIS is adding the following entities:" needs no list
        pred = next((p for p in lex.verbs.get(tok.lower_, ()) if p.type in _LIST_KINDS
                     and (not p.needs or _needs(tok, p.needs) or (by_body and p.type == "Sanction"))
                     and (not p.subject_word or (subj is not None and subj.lower_.startswith(p.subject_word)))),
                    None)  # fmt: skip  # "Today's action targets:" is a sanction; "The smugglers targeted:" is not
        if pred is None:
            continue
        if A.negated(tok, frozenset({"not", "n't", "never"})):
            return False
        patient = subj if passive else next((c for c in tok.children if c.dep_ == "dobj"), None)
        if patient is not None and s.at(patient) is not None:
            return False  # the predicate names its own patient: the lines are something else
        span = _items_span(s, items)
        if pred.type == "Sanction":
            authority = by if by_body and by is not None and by.kind in ("actor", "gov") else release_authority(s)
            for m in items[:MAX_ARGS]:
                emit.sanction(s, e, m, authority, 0.7, tok.idx, None, span=span)
            return True
        kind = pred.type.split(":", 1)[1]
        actor = by if by is not None and by.kind in ("actor", "gov") else None
        targets = [m for m in items if m.schema == "Person" or kind == "charge"]
        return emit.action(s, e, kind, actor, targets[:MAX_ARGS], 0.7, tok.idx, "target", None, span=span)
    return False


#: a lead that names its list by what was done to it, whatever the parse makes of it: "The entities added
#: today are:", "Added today are the following:", "Today's additions are:", "The final rule adds the following:"
_PARTICIPLE_LEAD = re.compile(
    r"(?i)^(?:also\s+)?(?P<first>added|designated|sanctioned|listed|charged|indicted|arrested|extradited|sentenced"
    r"|convicted)\b"
    r"|^(?:(?:the|these)\s+(?:following\s+)?(?:[\w-]+\s+){0,2}?(?:entities|individuals|persons|people|companies|firms"
    r"|parties|defendants|men|women|nationals|targets)\s+(?:[\w-]+\s+){0,2}?|those\s+|(?:persons|individuals"
    r"|entities|companies)\s+)(?P<after>added|designated|sanctioned|listed|targeted|charged|indicted|arrested"
    r"|extradited|sentenced|convicted)\b"
    r"|\b(?P<noun>additions|designations|designees|listings)\b(?:\s+[\w-]+){0,6}?\s+(?:are|were|include|includes)\s*$"
    r"|\b(?:rule|action|notice|order|decision|regulation)\s+(?P<verb>adds|designates|lists|targets|sanctions)\b"
)


def _participle_lead(s: Sentence, e: Emitter, items: list[Mention]) -> bool:
    """Each line of a list whose lead says what was done to it with a participle or a noun, however the
    parser reads the lead ("The entities added today are:" hangs "are" under "added")."""
    lead = s.span.text.rstrip().rstrip(":").strip()
    match = _PARTICIPLE_LEAD.search(lead)
    if match is None or re.search(r"(?i)\b(?:not|never)\b", lead):
        return False
    word = (match.group("first") or match.group("after") or "").lower()
    span = _items_span(s, items)
    near = s.span.start_char + match.start()
    if word in LEGAL_KINDS:
        kind = LEGAL_KINDS[word]
        targets = [m for m in items if m.schema == "Person" or kind == "charge"]
        return emit.action(s, e, kind, None, targets[:MAX_ARGS], 0.7, near, "target", None, span=span)
    authority = release_authority(s)
    done = False
    for m in items[:MAX_ARGS]:
        done |= emit.sanction(s, e, m, authority, 0.7, near, None, span=span)
    return done


def verb_findings(s: Sentence, e: Emitter, lex: Lexicon) -> None:
    if _list_lead(s, e, lex):
        return
    for tok in s.span:
        if tok.lower_ in LISTING and (
            tok.dep_ == "ROOT" or (tok.dep_ in ("aux", "auxpass") and tok.head.dep_ == "ROOT")
        ):
            _defendants(s, e, tok)  # ("Charged in the indictment are A, B and C": "are" hangs on "Charged")
        if tok.lower_ == "subject" and tok.dep_ == "acomp":
            _subject_to(s, e, tok)  # "A and B are now subject to an asset freeze"
            continue
        preds = lex.verbs.get(tok.lower_)
        if not preds:
            continue
        if tok.lower_ in ("designated", "sanctioned") and _hyphenated_designation(s, e, tok):
            continue
        if tok.lower_ in ("designated", "sanctioned") and tok.dep_ == "amod" and _designated_description(s, e, tok):
            continue
        if tok.dep_ in NOUN_DEPS:  # "X advertises A, B and C" parsed with the verb as a noun
            offer = next((p for p in preds if p.type == "Action:offer"), None)
            if offer is not None and not A.irrealis(tok, lex.irrealis):
                _surface_offer(s, e, tok, lex)
            continue
        if A.irrealis(tok, lex.irrealis):
            continue
        passive = A.is_passive(tok) or _headline_passive(s, tok, preds)
        if not passive and any(p.type == "Sanction" for p in preds):
            _remember_designator(s, tok)
        for pred in preds:
            if pred.needs and not _needs(tok, pred.needs):
                continue
            roles = _roles(s, tok, pred, passive)
            if roles is None:
                if pred.type == "Directorship" and not passive and _department(s, e, tok, pred):
                    break
                continue
            if _emit(s, e, tok, pred, roles, _hedge(tok, lex), passive):
                break


def _hyphenated_designation(s: Sentence, e: Emitter, tok: Any) -> bool:
    """ "OFAC-designated Polar Star LLC", "Polar Star LLC, a U.S.-sanctioned company,": the body before the
    hyphen designated the name the adjective modifies (or the name a description so modified is apposed to)."""
    doc = tok.doc
    if tok.i < s.span.start + 2 or doc[tok.i - 1].text != "-" or doc[tok.i - 1].whitespace_:
        return False
    body = s.at(doc[tok.i - 2])
    if body is None or body.kind not in ("actor", "gov", "norp"):
        return False
    if body.kind == "actor" and body.schema not in ("PublicBody", "Organization"):
        return False
    noun = tok.head
    while noun.dep_ == "compound" and noun.head is not noun:
        noun = noun.head
    target = s.at(noun)
    if target is None and noun.dep_ == "appos":
        target = s.at(noun.head)  # "X, an OFAC-designated company,"
    if target is None:
        target = next((m for c in noun.children if c.dep_ == "appos" for m in [s.at(c)] if m is not None), None)
    if target is None or target.kind != "actor" or target is body:
        return False
    return emit.sanction(s, e, target, body, 0.7, tok.idx, None)


#: words that make "a designated <noun>" another body's designation (State's terrorist lists), not the release's
_OTHER_LISTS = frozenset(["terrorist", "terrorists", "fto", "sdgt", "organization", "organisation"])


def _designated_description(s: Sentence, e: Emitter, tok: Any) -> bool:
    """ "Ironbridge Harvest Trading Limited, a previously designated Hong Kong company,": the name the
    description is apposed to is designated, by the release's body."""
    noun = tok.head
    if noun.dep_ != "appos" or s.at(noun) is not None or any(t.lower_ in _OTHER_LISTS for t in noun.subtree):
        return False
    target = s.at(noun.head)
    if target is None or target.kind != "actor":
        return False
    return emit.sanction(s, e, target, release_authority(s), 0.65, tok.idx, None)


#: what makes "X is subject to ..." a designation ("an asset freeze", "sanctions", "restrictive measures")
_MEASURES = frozenset(["freeze", "freezes", "sanctions", "measures", "designation"])


def _subject_to(s: Sentence, e: Emitter, tok: Any) -> bool:
    """ "A and B are now subject to an asset freeze and a travel ban": a designation by the release's body
    (not "subject to the court's review", and not a wish: "should be subject to sanctions")."""
    measures = [g for p in tok.children if p.dep_ == "prep" and p.lower_ == "to" for g in p.children
                if g.dep_ == "pobj"]  # fmt: skip
    if not any(g.lower_ in _MEASURES for g in measures) or any(c.dep_ == "aux" for c in tok.head.children):
        return False
    subj = A.subject_token(tok.head)
    targets = [m for m in A.actors(s, [subj] if subj is not None else []) if m.kind == "actor"]
    authority = release_authority(s)
    done = False
    for target in targets[:MAX_ARGS]:
        done |= emit.sanction(s, e, target, authority, 0.65, tok.idx, _hedge(tok.head, lexicon()))
    return done


def not_in_clause(s: Sentence, targets: list[Mention]) -> list[Mention]:
    """ "Y, who laundered payments through her consultancy, Z Ltd, pleaded guilty": the parser hangs Z on Y
    as an apposition; a name after a relative clause that opens after an earlier target is the clause's."""
    text = s.analysis.text
    out: list[Mention] = []
    for m in targets:
        if any(p.end <= m.start and _RELATIVE_CLAUSE.search(text, p.end, m.start) for p in out):
            continue
        out.append(m)
    # "police detained its legal representative, Y": the possessive names Y's firm, not a second detainee
    owners = [m for m in out if m.coref and m.text.lower() in ("its", "his", "her", "their")]
    return [m for m in out if m not in owners] if len(owners) < len(out) else out


def _headline_passive(s: Sentence, tok: Any, preds: list[Predicate]) -> bool:
    """ "Freight boss X jailed for 14 years", "Two men charged in fentanyl plot": a headline drops the
    auxiliary; a legal verb's past form with a person or company as subject, no object and no auxiliary
    is passive."""
    if not tok.lower_.endswith("ed") or not any(
        p.is_action and p.kind in LEGAL and p.args.get("obj") == "target" for p in preds
    ):  # ("pleaded guilty" is active: its subject is the one who pleads)
        return False
    if any(c.dep_ in ("aux", "auxpass", "dobj", "dative") for c in tok.children) or A.object_tokens(tok):
        return False
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return False
    found = A.actors(s, [subj])
    return bool(found) and all(m.kind == "actor" and m.schema in ("Person", "Company") for m in found)


def _department(s: Sentence, e: Emitter, tok: Any, pred: Predicate) -> bool:
    """ "Ma manages the firm's overseas sales", "X heads the company's export department": running a
    part of an organisation named by its possessive makes the person its employee."""
    subj = A.subject_token(tok)
    if subj is None:
        return False
    people = [m for m in A.actors(s, [subj]) if m.kind == "actor" and m.schema == "Person"]
    owners = [m for o in A.object_tokens(tok) if s.at(o) is None for c in o.children if c.dep_ == "poss"
              for m in s.of(c, ("actor",)) if m.schema != "Person"]  # fmt: skip
    done = False
    for p in people[:MAX_ARGS]:
        for o in owners[:1]:
            done |= emit.edge(s, e, "Employment", p, o, 0.7, tok.idx, None, role=pred.role or pred.lemma)
    return done


def _joined_subjects(s: Sentence, verb: Any) -> list[Mention]:
    """ "Mr Trump and Chinese President Xi Jinping discussed ...", which the small parser reads as
    one name modifying the other: every person or government named in the subject phrase when
    the phrase holds "and"."""
    subj = A.subject_token(verb)
    if subj is None or A.is_passive(verb):
        return []
    toks = [t for t in subj.subtree if t.i <= subj.i]
    if not any(t.lower_ in ("and", "&") for t in toks) or len(toks) > 20:
        return []
    out: list[Mention] = []
    for t in toks:
        m = s.at(t)
        if m is not None and m.kind in ("actor", "gov") and m not in out:
            out.append(m)
    return out if 1 < len(out) <= 4 else []


_GAP_AND = re.compile(r",?\s+and\s+$")
_GAP_REASON = re.compile(r"\s+(?:for\s+(?:having|being)|pursuant\s+to|under)\b")


#: what follows a name whose verb "was sentenced" is left out ("and Y to eight years")
_GAP_TERM = re.compile(r"\s+to\s+(?:life\b|\S+\s+(?:years?|months?)\b)")


def _gapped(s: Sentence, verb: Any, targets: list[Mention], reason: re.Pattern[str] = _GAP_REASON) -> list[Mention]:
    """ "X is being designated pursuant to E.O. 14059 for ..., and Y for having acted for X", "X was
    sentenced to 10 years and Y to eight": the verb left out before Y, whose own reason or term follows."""
    text = s.analysis.text
    return [m for m in s.mentions if m.start > verb.idx and m.kind == "actor" and m not in targets
            and _GAP_AND.search(text[max(0, m.start - 8) : m.start]) and reason.match(text, m.end)]  # fmt: skip


_AND = re.compile(r"\band\b")


def _co_actors(s: Sentence, first: Mention, actors: list[Mention], verb: Any) -> list[Mention]:
    """The doers coordinated with ``first`` before the verb ("A and B sold", "A, and its employees B and C,
    sold"): actors after ``first`` with an "and" between, not a name inside a clause."""
    text = s.analysis.text
    out: list[Mention] = []
    for m in actors[1:MAX_ARGS]:
        if m.kind != "actor" or m.coref or m.entity_id == first.entity_id or not first.end <= m.start < verb.idx:
            continue
        between = text[first.end : m.start]
        if _AND.search(between) and not _RELATIVE_CLAUSE.search(between):
            out.append(m)
    return out


#: verbs that designate only when a sanctioning body is their subject ("OFAC took action against X")
AUTHORITY_ONLY = frozenset({"take", "freeze", "block"})
_LOCATIVE = re.compile(r"\b(?:in|from|across|based)\b")


def _emit(
    s: Sentence, e: Emitter, tok: Any, pred: Predicate, roles: dict[str, list[Mention]], hedge: str | None,
    passive: bool = False,
) -> bool:  # fmt: skip
    near = tok.idx
    if pred.type == "Sanction":
        authority = emit.first(roles.get("authority", []))
        if authority is None or (authority.kind == "actor" and authority.schema == "Person"):
            # "the Secretary of State designated", "Foreign Secretary Y announced sanctions": the office's body
            office = _office(s, tok, passive)
            authority = office or (None if authority is not None else _list_owner(s, tok)) or release_authority(s)
        authority = _acting_for(s, authority)
        known = authority is not None and (authority.kind == "gov" or name_key(authority.name) in _authorities())
        if pred.lemma in AUTHORITY_ONLY and not known:  # a sanctioning body or a government ("Britain froze")
            return False  # "police took action against X" is no designation
        done = False
        text = s.analysis.text
        for target in roles.get("target", []):
            if target.kind == "norp" or (target.source == "group" and group_count(target.text) is None):
                continue  # ("Today's action targets the suppliers": a group noun names no one in particular;
                # "all three men", "both companies" count the ones they name)
            if target.kind == "gov" and target.start > tok.idx and _LOCATIVE.search(text[tok.idx : target.start]):
                continue  # "sanctioned six individuals and four entities in the PRC and Mexico": a place
            done |= emit.sanction(s, e, target, authority, 0.75, near, hedge)
            for other in roles.get("authority", [])[1:4]:  # "sanctioned by Britain and the European Union"
                if other.kind in ("actor", "gov") and other.schema != "Person":
                    done |= emit.sanction(s, e, target, other, 0.75, near, hedge)
        if done and passive:
            for other in _gapped(s, tok, roles.get("target", [])):
                done |= emit.sanction(s, e, other, authority, 0.7, near, hedge)
        return done
    if pred.is_action:
        actor = emit.first([m for m in roles.get("actor", []) if m.kind != "place"])
        targets = roles.get("target", [])
        objects = roles.get("object", [])
        if pred.kind in ("meeting", "cooperation", "agreement") and actor is not None:
            group = roles.get("actor", [])
            if not targets and len(group) == 1:
                group = _joined_subjects(s, tok) or group
            if not targets and len(group) > 1:  # "X and Y met"
                actor, targets = group[0], group[1:]
        if pred.kind in ("offer", "schedule", "seize"):
            if not objects:
                return False
            if actor is None and pred.kind == "seize":  # "Agents seized 3 kilograms of X": a seizure all the same
                return emit.action(s, e, pred.kind, None, objects, 0.7, near, "object", hedge)
            if actor is None or (pred.kind == "schedule" and actor.schema == "Person" and actor.kind == "actor"):
                return False
            if actor.source == "group":  # "the defendants sold X": the companies among them, else each one
                group = [m for m in roles.get("actor", []) if m.source == "group"]
                sellers = [m for m in group if m.schema != "Person"] or group
                done = False
                for one in sellers[:MAX_ARGS]:
                    done |= emit.action(s, e, pred.kind, one, objects, 0.7, near, "object", hedge, recipients=targets)
                return done
            done = emit.action(s, e, pred.kind, actor, objects, 0.75, near, "object", hedge, recipients=targets)
            if pred.kind == "offer":  # "Yan and her company, Lixin Chemical, sold X": each of them
                for other in _co_actors(s, actor, roles.get("actor", []), tok):
                    done |= emit.action(s, e, pred.kind, other, objects, 0.7, near, "object", hedge, recipients=targets)
            return done
        if pred.lemma == "get" and not any(
            c.dep_ == "dobj" and c.lower_ in ("years", "months") and any(n.dep_ == "nummod" for n in c.children)
            for c in tok.children
        ):
            return False  # "X gets 14 years" is a sentence; "got his start years ago" is not
        if pred.kind in LEGAL:  # (only people and companies are charged or arrested: not "in Mexico")
            targets = not_in_clause(s, [m for m in targets if m.kind == "actor"])
            if pred.kind == "sentence" and targets and (passive or pred.lemma == "get"):
                targets += _gapped(s, tok, targets, _GAP_TERM)  # "X was sentenced to 10 years and Y to eight"
        if not targets or (actor is None and pred.kind not in LEGAL):
            return False
        return emit.action(s, e, pred.kind, actor, targets, 0.75, near, "target", hedge)
    ends = sides(pred.type)
    done = False
    for a in roles.get(ends[0], [])[:MAX_ARGS]:
        for b in roles.get(ends[1], [])[:MAX_ARGS]:
            if pred.lemma == "join" and b.schema != "Company" and not emit._criminal_group(b):
                continue  # "joined the Party", "joined the army": no employer
            done |= emit.edge(s, e, pred.type, a, b, 0.75, near, hedge, role=pred.role or "",
                              person_employer=pred.lemma in ("work", "employ", "hire"))  # fmt: skip
    return done
