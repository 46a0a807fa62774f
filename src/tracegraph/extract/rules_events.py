"""Event rules (our ``Action`` type, plus FtM ``Sanction``): sanctions and designations,
scheduling of substances, legal actions, tariffs, trade and investment figures, meetings and
cooperation, offers to sell."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from tracegraph.extract.evidence import Emitter, rules, words
from tracegraph.extract.keys import action_id
from tracegraph.extract.mentions import Mention
from tracegraph.extract.parse import Sentence, agent, nearest, objects, passive, preps, subject
from tracegraph.extract.rules_core import _date, _gov
from tracegraph.ids import make_id

ACTORS = ("actor", "gov")
COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "several": 10}


def _action(
    s: Sentence,
    e: Emitter,
    kind: str,
    actor: Mention | None,
    others: list[Mention],
    conf: float,
    span: tuple[int, int] | None = None,
    target_prop: str = "target",
    near: int | None = None,
    **extra: str | None,
) -> None:
    actor = _gov(actor) if actor is not None and actor.kind == "norp" else actor
    others = [_gov(o) if o.kind == "norp" else o for o in others]
    if actor is None and not others:
        return
    date = extra.pop("date", None) or _date(s, near)
    aid = action_id(kind, actor.entity_id if actor else "", [o.entity_id for o in others], date)
    props: dict[str, str | list[str] | None] = {"kind": kind, "date": date}
    if actor is not None:
        props["actor"] = actor.entity_id
    props[target_prop] = [o.entity_id for o in others]
    props.update({k: v for k, v in extra.items() if v})
    mentions = [m for m in [actor, *others] if m is not None]
    e.fact(aid, "Action", s.span, props, conf, mentions, span=span)


def _actor_of(s: Sentence, tok: object) -> Mention | None:
    if passive(tok):
        a = agent(tok)
        found = s.of(a, ACTORS) if a is not None else []
    else:
        subj = subject(tok)
        found = s.of(subj, (*ACTORS, "norp")) if subj is not None else []
    found.sort(key=lambda m: m.kind != "actor")  # "US Ambassador David Perdue" is Perdue
    return found[0] if found else None


@cache
def _lists() -> re.Pattern[str]:
    return re.compile("|".join(rules()["sanction_lists"]))


def sanctions(s: Sentence, e: Emitter) -> None:
    listed = _lists().search(s.span.text)
    for tok in s.span:
        verb = tok.lower_ in words("sanction_verbs") or (tok.lower_ in words("list_verbs") and listed)
        if not verb or tok.dep_ in ("amod", "compound"):
            continue
        noun = tok.lower_ in ("sanctions", "sanction") and tok.dep_ in ("dobj", "nsubjpass")
        if noun:  # "X imposed sanctions on Y"
            targets = [m for p in preps(tok, ("on", "against")) for m in s.of(p)]
        else:
            targets = [m for c in tok.children if c.dep_ == ("nsubjpass" if passive(tok) else "dobj") for m in s.of(c)]
        targets = [t for t in targets if t.kind == "actor"]
        if not targets:
            continue
        authority = _actor_of(s, tok.head if noun else tok)
        for target in targets:
            sid = make_id("rel", "Sanction", target.entity_id, authority.entity_id if authority else "")
            props: dict[str, str | list[str] | None] = {"entity": target.entity_id, "startDate": _date(s, tok.idx)}
            if authority is not None:
                props["authority"] = authority.name
                props["authorityId"] = authority.entity_id
                if authority.country:
                    props["country"] = authority.country
            if listed:
                props["program"] = listed.group(0)
            props["reason"] = _reason(s, tok)
            e.fact(sid, "Sanction", s.span, props, 0.75, [t for t in (target, authority) if t is not None])


def _substances(s: Sentence, tok: object) -> list[Mention]:
    found: list[Mention] = []
    for c in [*objects(tok), *preps(tok), *[c for c in tok.children if c.dep_ in ("nsubjpass",)]]:  # type: ignore[attr-defined]
        found.extend(s.in_subtree(c, ("substance",)))
    return list(dict.fromkeys(found))


def schedule(s: Sentence, e: Emitter) -> None:
    low = s.span.text.lower()
    if not any(w in low for w in words("schedule_context")):
        return
    for tok in s.span:
        if tok.lower_ not in words("schedule_verbs") or tok.dep_ in ("amod", "compound", "pobj", "dobj"):
            continue
        if tok.lower_.endswith("ing") and not any(c.dep_ == "nsubj" for c in tok.children):
            continue  # "when it comes to controlling fentanyl" is no act of scheduling
        subs = _substances(s, tok)
        span = None
        counts = [COUNTS[c.lower_] for o in objects(tok) for c in o.children if c.lower_ in COUNTS]
        if not subs and counts:
            # "added two precursors to ... . The chemicals, A and B, ..." (names in the next sentence)
            following = s.span.doc[s.span.end :].sents if s.span.end < len(s.span.doc) else iter(())
            nxt = next(following, None)
            if nxt is not None:
                named = Sentence(s.analysis, nxt).in_subtree(nxt.root, ("substance",))
                subs = named if len(named) == counts[0] else []
                span = (s.span.start_char, nxt.end_char) if subs else None
        if not subs:
            continue
        actor = _actor_of(s, tok)
        if actor is None:
            govs = [m for m in s.mentions if m.kind == "gov"]
            actor = govs[0] if govs else None
        if actor is None or (actor.kind == "actor" and actor.schema == "Person"):
            continue
        listed = re.search(
            r"(?:list|schedule|category|class)(?:(?! on | in | from | by | after | since )[^,.;–—(]){0,40}", s.span.text
        )
        conf = 0.8 if tok.lower_ not in ("list", "listed", "designate", "designated", "designating") else 0.65
        _action(s, e, "schedule", actor, subs, conf, span=span, target_prop="object", near=tok.idx,
                jurisdiction=actor.country, programme=listed.group(0).strip() if listed else None)  # fmt: skip
        return


def _reason(s: Sentence, tok: Any) -> str | None:
    """For what: the "for ..."/"with ..."/"on suspicion of ..." phrase under the verb."""
    heads = [tok, *(c for c in tok.children if c.dep_ == "dobj")]  # "arrested 262 suspects for smuggling"
    for c in (child for head in heads for child in head.children):
        if c.dep_ == "prep" and c.lower_ in ("with", "for", "over", "on"):
            sub = list(c.subtree)
            text = str(s.span.doc[sub[0].i : sub[-1].i + 1].text)
            if c.lower_ != "on" or "suspicion" in text:
                return text[:160]
    return None


def legal(s: Sentence, e: Emitter) -> None:
    table: dict[str, list[str]] = rules()["legal_verbs"]
    kinds = {w: k for k, ws in table.items() for w in ws}
    for tok in s.span:
        kind = kinds.get(tok.lower_)
        if kind is None or tok.dep_ in ("amod", "compound", "pobj"):
            continue
        acting = any(c.dep_ in ("nsubj", "nsubjpass", "dobj", "agent", "auxpass") for c in tok.children)
        if not acting and tok.dep_ not in ("acl", "relcl"):
            continue  # a noun ("arrests of ..."), not an act with a doer or a target
        low = s.span.text.lower()
        if tok.lower_ in ("pleaded", "found") and ("guilty" not in low or "not guilty" in low):
            continue
        if passive(tok):
            targets = [m for c in tok.children if c.dep_ == "nsubjpass" for m in s.of(c, ("actor",))]
            if tok.dep_ == "acl":
                targets = s.of(tok.head, ("actor",))
        else:
            targets = [m for c in tok.children if c.dep_ == "dobj" for m in s.of(c, ("actor",))]
            if tok.lower_ in ("pleaded", "found"):
                subj = subject(tok)
                targets = s.of(subj, ("actor",)) if subj is not None else []
        actor = _actor_of(s, tok) if tok.lower_ not in ("pleaded", "found") else None
        if actor is not None and actor in targets:
            actor = None
        if not targets and actor is None:
            continue
        reason = _reason(s, tok)
        if not targets and not reason:
            continue
        places = [m.text for p in preps(tok, ("in", "at")) if (m := s.at(p)) is not None and m.kind in ("place", "gov")]
        _action(s, e, kind, actor, targets, 0.75, near=tok.idx, reason=reason, location=places[0] if places else None)


def tariffs(s: Sentence, e: Emitter) -> None:
    for tok in s.span:
        if tok.lower_ not in words("tariff_nouns"):
            continue
        verb = tok.head if tok.dep_ in ("dobj", "nsubjpass", "nsubj") else None
        imposer = None
        poss = [m for c in tok.children if c.dep_ == "poss" for m in s.of(c, (*ACTORS, "norp"))]
        if poss:
            imposer = poss[0]
        elif verb is not None and verb.lower_ in words("tariff_verbs"):
            imposer = _actor_of(s, verb)
        targets: list[Mention] = []
        for p in [*preps(tok, ("on", "against")), *(preps(verb, ("on", "against")) if verb else [])]:
            targets.extend(s.in_subtree(p, (*ACTORS, "norp")))
            targets.extend(m for t in p.subtree if (m := s.at(t)) is not None and m.kind == "norp")
        targets = list(dict.fromkeys(t for t in targets if t is not imposer))
        rates = [
            f for f in s.analysis.identifiers if f.kind == "percent" and s.span.start_char <= f.start < s.span.end_char
        ]
        rate = nearest(rates, tok.idx)
        if imposer is None and not targets:
            continue
        if rate is None and imposer is None:
            continue
        _action(s, e, "tariff", imposer, targets, 0.7, near=tok.idx, rate=rate.value if rate else None)
        return


def trade(s: Sentence, e: Emitter) -> None:
    table: dict[str, list[str]] = rules()["trade_nouns"]
    low = {t.lower_ for t in s.span}
    kind = next((k for k, ws in table.items() if low & set(ws)), None)
    money = [f for f in s.analysis.identifiers if f.kind == "money" and s.span.start_char <= f.start < s.span.end_char]
    if kind is None or not money:
        return
    parties = list({m.entity_id: m for m in s.mentions if m.kind in ("gov", "norp") or
                    (kind == "investment" and m.kind == "actor")}.values())  # fmt: skip
    parties = [_gov(p) if p.kind == "norp" else p for p in parties]
    parties = list({p.entity_id: p for p in parties}.values())
    if not parties:
        return
    years = [d.value for d in s.analysis.dates if s.span.start_char <= d.start < s.span.end_char and len(d.value) == 4]
    _action(s, e, kind, parties[0], parties[1:3], 0.6, amount=money[0].value,
            currency=money[0].extra.get("currency"), period=years[0] if years else None)  # fmt: skip


def meetings(s: Sentence, e: Emitter) -> None:
    for tok in s.span:
        coop = tok.lower_ in words("cooperation_words")
        if tok.lower_ not in words("meeting_verbs") and not coop:
            continue
        actor = None
        if not coop:
            actor = _actor_of(s, tok.head if tok.dep_ in ("dobj", "pobj") else tok)
        others = [m for o in [*objects(tok), *preps(tok, ("with", "to"))] for m in s.of(o, ACTORS)]
        if coop:
            others = [m for o in preps(tok, ("with", "between")) for m in s.of(o, ACTORS)]
            verb = tok.head if tok.dep_ in ("dobj", "pobj", "nsubj") else tok
            actor = _actor_of(s, verb) if others else None
        others = [o for o in others if actor is None or o.entity_id != actor.entity_id]
        if actor is None or not others:
            continue
        _action(s, e, "cooperation" if coop else "meeting", actor, others, 0.6)
        return


def offers(s: Sentence, e: Emitter) -> None:
    for tok in s.span:
        if tok.lower_ not in words("offer_verbs") or tok.dep_ in ("amod", "compound"):
            continue
        actor = _actor_of(s, tok)
        if actor is None or actor.kind != "actor" or actor.schema == "Person":
            continue
        subs = _substances(s, tok)
        if subs:
            _action(s, e, "offer", actor, subs, 0.7, target_prop="object")
