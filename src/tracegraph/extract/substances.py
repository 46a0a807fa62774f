"""Substance mentions: the substance catalogue when present, else a fallback list and CAS numbers."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Any

from tracegraph.datafiles import load_yaml
from tracegraph.extract.identifiers import CAS
from tracegraph.extract.keys import name_key
from tracegraph.extract.mentions import Mention
from tracegraph.ids import make_id
from tracegraph.substances.cas import is_valid_cas as cas_valid


def substance_id(name: str, cas: str | None = None) -> str:
    return make_id("ent", "substance", cas or name_key(name))


@cache
def _fallback() -> re.Pattern[str]:
    data = load_yaml("tracegraph.extract", "data", "substances.yaml")
    terms = sorted((str(t) for t in data["terms"]), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(t) for t in terms) + r")(?![\w-])", re.I)


def _catalogue(text: str) -> list[Mention] | None:
    try:
        from tracegraph.substances import find_substances
    except ImportError:
        return None
    out: list[Mention] = []
    found: Iterable[Any] = find_substances(text)
    for item in found:
        get = item.get if isinstance(item, dict) else lambda k, i=item: getattr(i, k, None)
        start, end = get("start"), get("end")
        if start is None or end is None:
            continue
        name = str(get("name") or get("canonical") or text[start:end])
        cas = get("cas") or get("cas_number") or get("casNumber")
        sid = get("entity_id") or substance_id(name, cas)
        out.append(Mention(start, end, text[start:end], name, "Substance", str(sid), "substance", cas=cas))
    return out


@cache
def _trade_names() -> tuple[re.Pattern[str] | None, dict[str, str]]:
    data = load_yaml("tracegraph.extract", "data", "substances.yaml")
    names = {str(k): str(v) if v else str(k) for k, v in (data.get("trade_names") or {}).items()}
    if not names:
        return None, {}
    terms = sorted(names, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(t) for t in terms) + r")(?![\w-])", re.I)
    return pattern, {k.lower(): v for k, v in names.items()}


@cache
def _resolved(name: str) -> tuple[str, str, str | None]:
    """(name, entity id, CAS) of a trade name's target: the catalogue's entry when it reads the
    whole name, else the name itself as its own substance."""
    try:
        hits = _catalogue(name) or []
    except Exception:
        hits = []
    whole = [m for m in hits if m.start == 0 and m.end == len(name)]
    if whole:
        return whole[0].name, whole[0].entity_id, whole[0].cas
    return name, substance_id(name), None


def _with_trade_names(text: str, found: list[Mention]) -> list[Mention]:
    pattern, names = _trade_names()
    if pattern is None:
        return found
    extra: list[Mention] = []
    for hit in pattern.finditer(text):
        start, end = hit.span(1)
        if any(m.start <= start and end <= m.end and (m.start, m.end) != (start, end) for m in found):
            continue  # inside a longer catalogue name
        name, sid, cas = _resolved(names[hit.group(1).lower()])
        extra.append(Mention(start, end, hit.group(1), name, "Substance", sid, "substance", cas=cas))
    if not extra:
        return found
    kept = [m for m in found if not any(x.start <= m.start and m.end <= x.end for x in extra)]
    return sorted([*kept, *extra], key=lambda m: m.start)


def find_substance_mentions(text: str) -> list[Mention]:
    found = None
    try:
        found = _catalogue(text)
    except Exception:  # a broken catalogue must not stop extraction; use the fallback
        found = None
    if found is not None:
        found = _with_trade_names(text, found)
    if found is None:
        found = []
        for m in _fallback().finditer(text):
            name = m.group(1).lower()
            found.append(Mention(m.start(), m.end(), m.group(1), name, "Substance", substance_id(name), "substance"))
    taken = [(m.start, m.end) for m in found]
    for m in CAS.finditer(text):
        if cas_valid(m.group(0)) and not any(s <= m.start() < e for s, e in taken):
            cas = m.group(0)
            found.append(
                Mention(m.start(), m.end(), cas, cas, "Substance", substance_id(cas, cas), "substance", cas=cas)
            )
    return sorted(found, key=lambda m: m.start)
