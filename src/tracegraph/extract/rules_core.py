"""Relation rules: ownership and control, roles, aliases and renamings, identifier ties."""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise

from tracegraph.extract.evidence import Emitter, rules, words
from tracegraph.extract.keys import name_key, relation_id
from tracegraph.extract.mentions import Mention
from tracegraph.extract.parse import Sentence, agent, objects, passive, preps, subject
from tracegraph.vocab import edge_sides

ACTORS = ("actor", "gov")


def sides(schema: str) -> tuple[str, str]:
    """The (source, target) properties of an edge schema, as the schema says (``Ownership``: owner, asset)."""
    found = edge_sides(schema)
    if found is None:
        raise ValueError(f"{schema} is not an edge schema")
    return found


def _edge(s: Sentence, e: Emitter, schema: str, a: Mention, b: Mention, conf: float, **extra: str) -> None:
    if a.entity_id == b.entity_id or not a.entity_id or not b.entity_id:
        return
    rid = relation_id(schema, a.entity_id, b.entity_id)
    src, dst = sides(schema)
    props: dict[str, str | list[str] | None] = {src: a.entity_id, dst: b.entity_id}
    props.update({k: v for k, v in extra.items() if v})
    date = _date(s)
    if date:
        props["date"] = date
    e.fact(rid, schema, s.span, props, conf, [a, b])


def _date(s: Sentence, near: int | None = None) -> str | None:
    """The sentence's date; with ``near``, the one closest to that position (the trigger word)."""
    found = [d for d in s.analysis.dates if s.span.start_char <= d.start < s.span.end_char]
    if near is not None and found:
        found.sort(key=lambda d: min(abs(d.start - near), abs(d.end - near)))
    return found[0].value if found else None


@cache
def _state_owned() -> re.Pattern[str]:
    return re.compile("|".join(rules()["state_owned"]), re.I)


def ownership(s: Sentence, e: Emitter) -> None:
    state = _state_owned().search(s.span.text)
    kind = "state-owned" if state else None
    pct = "100" if state and state.group(0).lower().startswith("wholly") else None
    found = False
    for tok in s.span:
        if tok.lower_ in words("ownership_verbs") and tok.dep_ not in ("amod", "compound"):
            if passive(tok):
                owner_tok = agent(tok)
                assets = (
                    s.of(tok.head)
                    if tok.dep_ == "acl"
                    else [m for c in tok.children if c.dep_ == "nsubjpass" for m in s.of(c)]
                )
                owners = s.of(owner_tok) if owner_tok is not None else []
            else:
                subj = subject(tok)
                owners = (
                    [_gov(m) if m.kind == "norp" else m for m in s.of(subj, (*ACTORS, "norp"))]
                    if subj is not None
                    else []
                )
                assets = []
                for obj in objects(tok):
                    if obj.lower_ in words("stake_nouns"):
                        for p in preps(obj, ("in", "of")):
                            assets.extend(s.of(p))
                    else:
                        assets.extend(s.of(obj))
            for owner in owners:
                for asset in assets:
                    if asset.kind == "actor" and asset.schema != "Person":
                        _edge(s, e, "Ownership", owner, asset, 0.8, ownershipType=kind or "",
                              percentage=pct or "")  # fmt: skip
                        found = True
        elif tok.lower_ in words("owner_nouns") and tok.dep_ in ("attr", "nsubj", "appos"):
            assets = [m for p in preps(tok, ("of",)) for m in s.of(p)]
            assets += [m for c in tok.children if c.dep_ == "poss" for m in s.of(c)]
            if tok.dep_ == "appos":
                owners = s.of(tok.head)
            elif tok.dep_ == "nsubj":
                owners = [m for c in tok.head.children if c.dep_ in ("attr", "acomp") for m in s.of(c)]
            else:
                subj = subject(tok.head)
                owners = s.of(subj) if subj is not None else []
            for owner in owners:
                for asset in assets:
                    if asset.kind == "actor" and asset.schema != "Person":
                        _edge(s, e, "Ownership", owner, asset, 0.75, ownershipType=kind or "")
                        found = True
        elif tok.lower_ in words("subsidiary_nouns") and tok.dep_ in ("attr", "appos"):
            owners = [m for p in preps(tok, ("of",)) for m in s.of(p)]
            if tok.dep_ == "appos":
                assets = s.of(tok.head)
            else:
                subj = subject(tok.head)
                assets = s.of(subj) if subj is not None else []
            for owner in owners:
                for asset in assets:
                    _edge(s, e, "Ownership", owner, asset, 0.75, ownershipType=kind or "")
                    found = True
    if state and not found:
        # "Chinese state-owned firm X": the country's government owns X
        after = [m for m in s.mentions if m.kind == "actor" and m.schema == "Company" and m.start >= state.end()]
        govs = [m for m in s.mentions if m.kind in ("gov", "norp") and m.country]
        if after and govs:
            gov = govs[0]
            owner = gov if gov.kind == "gov" else _gov(gov)
            _edge(s, e, "Ownership", owner, after[0], 0.6, ownershipType="state-owned",
                  percentage=pct or "")  # fmt: skip


def _gov(m: Mention) -> Mention:
    from tracegraph.extract.entities import country_label
    from tracegraph.extract.keys import government_id

    code = m.country or ""
    name = country_label(code)
    return m.with_(kind="gov", name=name, entity_id=government_id(code), coref=False)


def roles(s: Sentence, e: Emitter) -> None:
    table: dict[str, str] = rules()["roles"]
    for tok in s.span:
        if tok.lower_ in ("work", "works", "worked", "working"):
            _works(s, e, tok)
            continue
        schema = table.get(tok.lower_)
        if schema is None:
            continue
        role = tok.lower_
        if tok.i > 0 and tok.nbor(-1).lower_ in ("general", "managing", "deputy", "executive", "vice", "foreign"):
            role = f"{tok.nbor(-1).lower_} {role}"
        people: list[Mention] = []
        here = s.at(tok)
        if tok.dep_ == "appos" or (tok.dep_ == "compound" and s.at(tok.head)):
            people = s.of(tok.head, ("actor",))
        people += [m for c in tok.children if c.dep_ == "appos" for m in s.of(c, ("actor",))]
        if tok.dep_ in ("attr", "pobj", "oprd") and not people:
            verb = tok.head.head if tok.dep_ == "pobj" else tok.head
            subj = subject(verb)
            if subj is not None:
                people = s.of(subj, ("actor",))
        if here is not None and here.schema == "Person":
            people.append(here)
        people = [p for p in people if p.schema == "Person"]
        orgs = [m for p in preps(tok, ("of", "for", "at", "with")) for m in s.of(p) if m.kind != "gov" or s.at(p) is m]
        people += [m for p in preps(tok, ("of",)) for m in s.of(p, ("actor",)) if m.schema == "Person"]
        orgs += [m for c in tok.children if c.dep_ in ("poss", "compound") for m in s.of(c)]
        orgs = [o for o in orgs if o.schema != "Person" and name_key(o.name).split()[-1:] != [tok.lower_]]
        for person in dict.fromkeys(people):
            for org in dict.fromkeys(orgs):
                _edge(s, e, schema, person, org, 0.75, role=role)


def _works(s: Sentence, e: Emitter, tok: object) -> None:
    """ "X worked for Y", "X, who works at Y"."""
    subj = subject(tok)
    people = [m for m in (s.of(subj, ("actor",)) if subj is not None else []) if m.schema == "Person"]
    orgs = [m for p in preps(tok, ("for", "at")) for m in s.of(p) if m.schema != "Person"]
    for person in people:
        for org in orgs:
            _edge(s, e, "Employment", person, org, 0.7)


def _between(name: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in rules()[name]), re.I)


def names(s: Sentence, e: Emitter) -> None:
    """Aliases ("also known as") and renamings ("formerly", "renamed", "changed its name to")."""
    text = s.analysis.text
    actors = [m for m in s.mentions if m.kind == "actor" and m.schema != "Person"]
    for a, b in pairwise(actors):
        gap = text[a.end : b.start]
        if len(gap) > 60:
            continue
        if _between("alias_between").fullmatch(gap):
            e.entity(a)
            e.stmt(a.entity_id, a.schema, "alias", b.name, a.start, b.end, 0.8)
        elif _between("formerly_between").fullmatch(gap):
            _succession(s, e, b, a)
        elif _between("renamed_between").fullmatch(gap):
            _succession(s, e, a, b)


def _succession(s: Sentence, e: Emitter, old: Mention, new: Mention) -> None:
    _edge(s, e, "Succession", old, new, 0.75)
    e.stmt(new.entity_id, new.schema, "previousName", old.name, old.start, new.end, 0.75)


def identifiers(s: Sentence, e: Emitter) -> None:
    """Phones, e-mails and websites in a sentence belong to its company (subject first)."""
    found = [f for f in s.analysis.identifiers if s.span.start_char <= f.start < s.span.end_char]
    found = [f for f in found if f.kind in ("phone", "email", "url", "domain")]
    if not found:
        return
    owners = [m for m in s.mentions if m.kind == "actor" and m.schema in ("Company", "Organization", "LegalEntity")]
    if not owners:
        prev = [
            m for m in s.analysis.mentions if m.kind == "actor" and m.schema == "Company" and m.end <= s.span.start_char
        ]
        if not prev or s.analysis.sentence_of(prev[-1].start) < s.analysis.sentence_of(s.span.start_char) - 1:
            return
        owners = [prev[-1]]
    root = s.span.root
    subj = subject(root)
    subj_m = s.of(subj, ("actor",)) if subj is not None else []
    for f in found:
        before = [m for m in owners if m.end <= f.start]
        owner = (subj_m[0] if subj_m and subj_m[0] in owners else None) or (before[-1] if before else owners[0])
        e.entity(owner)
        prop, value = {"phone": ("phone", f.value), "email": ("email", f.value)}.get(f.kind, ("website", ""))
        conf = 0.7 if owner.start < s.span.start_char else 0.8
        if prop == "website":
            value = f.value if f.kind == "url" else f"http://{f.value}"
            domain = f.extra.get("domain") if f.kind == "url" else f.value
            if domain:
                e.stmt(owner.entity_id, owner.schema, "domain", str(domain), f.start, f.end, conf)
        e.stmt(owner.entity_id, owner.schema, prop, value, f.start, f.end, conf)


def links(s: Sentence, e: Emitter) -> None:
    """ "X is linked to Y", "X has ties to Y", "X, affiliated with Y": an UnknownLink."""
    for tok in s.span:
        if tok.lower_ not in words("link_words") or tok.dep_ in ("compound",):
            continue
        targets = [m for p in preps(tok, ("to", "with")) for m in s.of(p)]
        if not targets:
            continue
        if tok.dep_ in ("dobj", "attr"):  # "X has ties to Y"
            subj = subject(tok.head)
        elif tok.dep_ in ("acl", "amod", "appos"):  # "X, affiliated with Y"
            subj = tok.head
        else:
            subj = next((c for c in tok.children if c.dep_ in ("nsubjpass", "nsubj")), None) or subject(tok)
        sources = s.of(subj) if subj is not None else []
        for a in sources:
            for b in targets:
                if a.kind == "actor" or b.kind == "actor":
                    _edge(s, e, "UnknownLink", a, b, 0.6, role=str(tok.lower_))


@cache
def _address_lead() -> re.Pattern[str]:
    return re.compile(str(rules()["address_lead"]), re.I)


def addresses(s: Sentence, e: Emitter) -> None:
    """ "X is registered at No. 88 Jinqiao Road, Pudong District, Shanghai": an ``address`` on X."""
    text = s.span.text
    for lead in _address_lead().finditer(text):
        tail = re.split(r"(?<![Nn]o)\.\s|;|\.$|\s\(", text[lead.end() :], maxsplit=1)[0].strip(" ,.")
        parts = tail.split()
        while parts and parts[-1].islower() and parts[-1].rstrip(",.") not in words("address_words"):
            parts.pop()  # "..., Shanghai as well"
        tail = " ".join(parts).strip(" ,.")
        words_in = {w.lower().rstrip(",") for w in tail.split()}
        if not (8 <= len(tail) <= 160) or not (words_in & words("address_words")) or not any(c.isdigit() for c in tail):
            continue
        start = s.span.start_char + lead.end() + text[lead.end() :].index(tail)
        before = [m for m in s.mentions if m.kind == "actor" and m.schema != "Person" and m.end <= start]
        if not before:
            continue
        owner = before[-1]
        e.entity(owner)
        e.stmt(owner.entity_id, owner.schema, "address", tail, start, start + len(tail), 0.7)
