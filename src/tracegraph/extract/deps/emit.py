"""Writing what the dependency rules found: typed edges, sanctions and events, each checked
against what its ends may be (a director is a person, an asset is not) and with its evidence."""

from __future__ import annotations

import itertools
import re
from typing import Any

from tracegraph.extract.evidence import Emitter
from tracegraph.extract.keys import action_id, relation_id
from tracegraph.extract.mentions import Mention
from tracegraph.extract.parse import Sentence
from tracegraph.extract.rules_core import _date, _gov, sides
from tracegraph.ids import make_id

#: edge schema the rules write -> (source must be a person, target must not be one); the sides come from the
#: schema (:func:`tracegraph.vocab.edge_sides`)
EDGES: dict[str, tuple[bool, bool]] = {
    "Ownership": (False, True),
    "Directorship": (True, True),
    "Employment": (True, True),
    "Representation": (False, False),  # a front company acts for its maker; a lawyer represents a person too
    "Membership": (False, True),
    "Succession": (False, False),
    "UnknownLink": (False, False),
}


def as_actor(m: Mention) -> Mention:
    """A nationality adjective acting ("Chinese officials") is its country's government."""
    return _gov(m) if m.kind == "norp" else m


def edge(
    s: Sentence, e: Emitter, schema: str, a: Mention, b: Mention, conf: float, near: int,
    hedge: str | None = None, span: tuple[int, int] | None = None, person_employer: bool = False, **extra: str,
) -> bool:  # fmt: skip
    a, b = as_actor(a), as_actor(b)
    if schema in ("Employment", "UnknownLink") and a.schema == "Person" and _criminal_group(b):
        schema = "Membership"  # "a Sinaloa Cartel logistics coordinator", "affiliated with the X Cartel"
        extra = {k: v for k, v in extra.items() if k == "role"}
    if schema == "Representation":  # "Trial Attorney X of the Criminal Division" works there
        from tracegraph.extract.deps.agency import retyped  # (agency builds on this module)

        retype = retyped(schema, a, b, extra.get("role"))
        if retype is None:
            return False
        schema = retype
    person_src, org_dst = EDGES[schema]
    src, dst = sides(schema)
    if not a.entity_id or not b.entity_id or a.entity_id == b.entity_id:
        return False
    if a.kind not in ("actor", "gov") or b.kind not in ("actor", "gov"):
        return False
    if person_src and a.schema != "Person":
        return False
    if org_dst and b.schema == "Person" and not (person_employer and schema == "Employment"):
        return False  # ("worked for Ravensworth as a courier": a verb may name a person as employer)
    if schema == "Ownership" and b.kind == "gov":
        return False  # "a Hong Kong account held by X": a country is no one's asset
    props: dict[str, str | list[str] | None] = {src: a.entity_id, dst: b.entity_id}
    props.update({k: v for k, v in extra.items() if v})
    date = _date(s, near)
    if date:
        props["date"] = date
    e.fact(relation_id(schema, a.entity_id, b.entity_id), schema, s.span, props, conf, [a, b], span, hedge)
    if schema == "Succession":
        e.stmt(b.entity_id, b.schema, "previousName", a.name, s.span.start_char, s.span.end_char, conf)
    return True


def _criminal_group(m: Mention) -> bool:
    """A cartel, gang or trafficking organisation: its people are members, not employees."""
    from tracegraph.extract.deps.lexicon import lexicon

    words = m.name.lower().replace(",", " ").split()
    return (
        m.schema == "Organization"
        and bool(words)
        and (
            words[-1] in lexicon().group_heads
            or words[0] == "cartel"
            or " ".join(words[-3:]) == "drug trafficking organization"
        )
    )


def sanction(
    s: Sentence, e: Emitter, target: Mention, authority: Mention | None, conf: float, near: int,
    hedge: str | None = None, program: str | None = None, span: tuple[int, int] | None = None,
) -> bool:  # fmt: skip
    target = as_actor(target)
    authority = as_actor(authority) if authority is not None else None
    if target.kind not in ("actor", "gov") or (authority is not None and authority.entity_id == target.entity_id):
        return False
    sid = make_id("rel", "Sanction", target.entity_id, authority.entity_id if authority else "")
    props: dict[str, str | list[str] | None] = {"entity": target.entity_id, "startDate": _date(s, near)}
    if authority is not None:
        props["authority"] = authority.name
        props["authorityId"] = authority.entity_id
        if authority.country:
            props["country"] = authority.country
    if program:
        props["program"] = program
    e.fact(sid, "Sanction", s.span, props, conf, [m for m in (target, authority) if m is not None], span, hedge)
    return True


def action(
    s: Sentence, e: Emitter, kind: str, actor: Mention | None, others: list[Mention], conf: float, near: int,
    target_prop: str = "target", hedge: str | None = None, recipients: list[Mention] = (),  # type: ignore[assignment]
    span: tuple[int, int] | None = None, **extra: str | None,
) -> bool:  # fmt: skip
    actor = as_actor(actor) if actor is not None else None
    others = [as_actor(o) for o in others]
    if target_prop == "object":
        others = listed_on(s, others)
    others = [o for o in dict.fromkeys(others) if actor is None or o.entity_id != actor.entity_id]
    if not others or (actor is not None and actor.kind not in ("actor", "gov")):
        return False
    date = _date(s, near)
    aid = action_id(kind, actor.entity_id if actor else "", [o.entity_id for o in others], date)
    props: dict[str, str | list[str] | None] = {"kind": kind, "date": date, target_prop: [o.entity_id for o in others]}
    receiving = [as_actor(r) for r in recipients if r.kind in ("actor", "gov", "norp")]
    if receiving and target_prop != "target":
        props["target"] = [r.entity_id for r in receiving]
    if actor is not None:
        props["actor"] = actor.entity_id
        if kind == "schedule" and actor.country:
            props["jurisdiction"] = actor.country
    props.update({k: v for k, v in extra.items() if v})
    mentions = [m for m in [actor, *others, *receiving] if m is not None]
    e.fact(aid, "Action", s.span, props, conf, mentions, span, hedge)
    return True


#: what may stand between two listed substances: a bracket ("(CAS 21409-26-7)"), then a comma, "and" or "or"
_LIST_GAP = re.compile(r"\s*(?:\([^()\n]{1,40}\)\s*)?(?:,\s*(?:and\s+|or\s+)?|(?:and|or|as well as)\s+)")


_CAS_ONLY = re.compile(r"\d{2,7}-\d{2}-\d")


def listed_on(s: Sentence, objects: list[Mention]) -> list[Mention]:
    """The substances listed right after those the parse gave ("4-ANPP (CAS 21409-26-7) and 1-boc-4-AP
    (CAS 125541-22-2)": the small parser hangs the second on the bracket)."""
    subs = sorted((m for m in s.mentions if m.kind == "substance" and not _CAS_ONLY.fullmatch(m.text)),
                  key=lambda m: m.start)  # fmt: skip
    if len(subs) < 2 or not any(o.kind == "substance" for o in objects):
        return objects
    text = s.analysis.text
    out = list(objects)
    have = {(o.start, o.end) for o in objects if o.kind == "substance"}
    for a, b in itertools.pairwise(subs):
        if (a.start, a.end) in have and (b.start, b.end) not in have:
            gap = _LIST_GAP.fullmatch(text, a.end, b.start)
            if gap is not None:
                out.append(b)
                have.add((b.start, b.end))
    return out


def first(items: list[Any]) -> Any | None:
    return items[0] if items else None
