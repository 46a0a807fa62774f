"""Last checks on the actors a story names, after NER, the gazetteer and span repairs.

* fragments and non-names are dropped: names made only of titles ("Lt", "Transport Minister"),
  generic heads alone ("Commission", "Party", "State"), nationality words typed as actors
  ("Kazakh"), names ending in a function word ("Group of"), two-letter capitals nobody defined
  ("ST"), the start of a law's name ("Hong Kong Human Rights" + "and Democracy Act"), and words
  the data lists as never naming an actor (``not_names`` in ``data/actors.yaml``);
* names cut by NER are put back: "Guanghua and Fujing Zheng" gives Guanghua Zheng, "Poo" + "Tze
  Chiang" is one Chinese name, "Donald" + "Im," one name;
* public figures the data lists (``people`` in ``data/actors.yaml``) are the same person under
  their short name in any story ("Xi", "Putin", "Trump" typed as an organisation).
"""

from __future__ import annotations

import itertools
import re
from functools import cache

from tracegraph.datafiles import load_yaml
from tracegraph.extract.gazetteer import actor_data, country_data
from tracegraph.extract.keys import entity_id, name_key
from tracegraph.extract.mentions import Mention

_FUNCTION_END = frozenset({"of", "for", "and", "the", "&", "on", "in", "to", "de"})
_LAW_AFTER = re.compile(r"\s+(?:and|&)\s+(?:[A-Z][\w'’-]*\s+){0,3}(?:Act|Law|Agreement|Treaty|Bill)\b")
_CUT_NAME = re.compile(r" ([A-Z][a-z]{1,11})(?=[,.;)])")
_NOT_A_NAME_WORD = frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
     "said", "says", "told", "the", "and", "but", "on", "in", "at", "by", "for", "as", "after", "before",
     "last", "this", "next", "since", "until", "during", "when", "while", "meanwhile", "however"}
)  # fmt: skip


@cache
def _lists() -> dict[str, frozenset[str]]:
    roles = load_yaml("tracegraph.extract", "data", "roles.yaml")
    data = actor_data()
    role_words = {str(w).lower() for ws in roles["roles"].values() for w in ws}
    honorifics = {str(w).lower().rstrip(".") for w in data["honorifics"]}
    modifiers = {str(w).lower() for w in roles["modifiers"]}
    return {
        "roles": frozenset(role_words | honorifics),
        "titles": frozenset(role_words | honorifics | modifiers),
        "heads": frozenset(str(w).lower() for w in data.get("generic_heads", [])),
        "company": frozenset(str(w).lower().rstrip(".") for w in data["company_words"]),
        "not_names": frozenset(name_key(str(w)) for w in data.get("not_names", [])),
        "field_labels": frozenset(name_key(str(w)) for w in data.get("field_labels", [])),
        "adjectives": frozenset(str(k).lower() for k in country_data()["adjectives"]),
    }


@cache
def _people() -> dict[str, tuple[str, str]]:
    """Short name key -> (full name, entity id) of the public figures in the data."""
    out: dict[str, tuple[str, str]] = {}
    for item in actor_data().get("people", []):
        name = str(item["name"])
        for short in item.get("short", []):
            out[name_key(str(short))] = (name, entity_id("Person", name))
    return out


@cache
def east_asian_surnames() -> frozenset[str]:
    """East Asian family names, from the matching engine's name data (it moved there from
    resolution's; both places are read so a move does not silently empty the list)."""
    extra = frozenset(str(s).lower() for s in actor_data().get("east_asian_surnames", []))
    for package in ("tracegraph.match", "tracegraph.resolve"):
        try:
            data = load_yaml(package, "data", "names.yaml")
        except (OSError, ModuleNotFoundError, KeyError):
            continue
        found = frozenset(str(s).lower() for s in data.get("east_asian_surnames", []))
        if found:
            return found | extra
    return extra


def _junk(text: str, m: Mention) -> bool:
    lists = _lists()
    words = m.name.split()
    low = [w.lower().strip(".,") for w in words]
    if name_key(m.name) in lists["not_names"]:
        return True
    key = name_key(m.name)
    labelled = key in lists["field_labels"] or any(key.startswith(label + " ") for label in lists["field_labels"])
    if labelled and m.source != "gazetteer" and not any(w in lists["heads"] or w in lists["company"] for w in low):
        return True  # "Gender Male", "DOB": a designee's field read as a name (not "the Passport Office")
    if m.source in ("gazetteer", "definition"):
        return False
    if all(w in lists["titles"] for w in low) and any(w in lists["roles"] for w in low):
        return True  # "Lt", "Deputy Minister"
    if m.schema != "Person" and len(words) > 1 and low[-1] in lists["roles"] and low[-1] not in lists["company"]:
        return True  # "Transport Minister" typed as a body
    if len(words) == 1 and m.schema != "Person" and (low[0] in lists["heads"] or low[0] in lists["adjectives"]):
        return True  # "Commission", "Party", "Kazakh"
    if low[-1] in _FUNCTION_END:
        return True  # "Group of"
    if len(words) > 1 and low[0] in ("operation", "project") and m.schema != "Person":
        return True  # "Operation Iron Cauldron": an investigation's code name, not an actor
    if m.schema != "Person" and m.name.isupper() and m.name.isalpha() and len(m.name) <= 2:
        return True  # "ST": two capitals nobody defined
    return bool(_LAW_AFTER.match(text, m.end))  # "Hong Kong Human Rights" and Democracy Act


def _repair(text: str, m: Mention, nxt: Mention | None) -> Mention:
    from tracegraph.extract.people import given_name  # people reads this module's lists

    if m.kind != "actor" or m.schema != "Person" or m.coref or " " in m.name:
        return m
    pair = nxt is not None and nxt.schema == "Person" and not nxt.coref
    if (
        pair
        and nxt is not None
        and len(nxt.name.split()) == 2
        and nxt.name.split()[0].lower() not in east_asian_surnames()  # "Tao and Bai Yichen": two people
        and re.fullmatch(r"\s+and\s+", text[m.end : nxt.start])
    ):
        name = f"{m.name} {nxt.name.split()[-1]}"  # "Guanghua and Fujing Zheng"
        return m.with_(name=name, entity_id=entity_id("Person", name))
    if (
        pair
        and nxt is not None
        and text[m.end : nxt.start] == " "
        and (m.name.lower() in east_asian_surnames() or (given_name(m.name) and len(nxt.name.split()) <= 3))
    ):
        name = f"{m.name} {nxt.name}"  # "Poo" + "Tze Chiang", "Farid" + "Haddad Mansour"
        return m.with_(end=nxt.end, text=text[m.start : nxt.end], name=name, entity_id=entity_id("Person", name))
    cut = _CUT_NAME.match(text, m.end)
    if cut and cut.group(1).lower() not in _NOT_A_NAME_WORD and (nxt is None or nxt.start > m.end + 1):
        name = f"{m.name} {cut.group(1)}"  # "Donald" + "Im,": the tokenizer split the surname
        return m.with_(end=cut.end(1), text=text[m.start : cut.end(1)], name=name, entity_id=entity_id("Person", name))
    return m


_NAMED_AFTER = re.compile(
    r"(?:\s+[A-Z][\w.'’-]*){0,3}\s+(Center|Centre|Institute|Foundation|School|College|University|Library|"
    r"Prize|Award|Program|Programme|Doctrine|Act)\b"
)


def _named_after(text: str, m: Mention) -> Mention | None:
    """ "the John L. Thornton China Center": an institution named after a person, not the person."""
    if m.kind != "actor" or m.schema != "Person":
        return m
    hit = _NAMED_AFTER.match(text, m.end)
    if hit is None:
        return m
    if hit.group(1) in ("Prize", "Award", "Program", "Programme", "Doctrine", "Act"):
        return None
    name = text[m.start : hit.end()]
    return m.with_(end=hit.end(), text=name, name=name, schema="Organization",
                   entity_id=entity_id("Organization", name))  # fmt: skip


def _public_figure(m: Mention, named: set[str]) -> Mention:
    if m.kind != "actor" or m.coref or " " in m.name.strip():
        return m
    found = _people().get(name_key(m.name))
    if found is None or any(k.split()[-1:] == [name_key(m.name)] and k != name_key(found[0]) for k in named):
        return m  # another person of that name in this story: leave it to the story's own rules
    return m.with_(name=found[0], entity_id=found[1], schema="Person", source="coref", coref=True)


def _surname_first(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "Poo Tze Chiang" at a line's start, NER taking only "Tze Chiang": the word before is a
    name the story uses alone for a person elsewhere ("Poo said")."""
    alone = {m.name for m in mentions if m.kind == "actor" and m.schema == "Person" and " " not in m.name}
    out: list[Mention] = []
    for m in mentions:
        before = re.search(r"(?:^|\n)([A-Z][a-z]+) $", text[max(0, m.start - 20) : m.start])
        if (
            m.kind == "actor"
            and m.schema == "Person"
            and len(m.name.split()) == 2
            and before
            and before.group(1) in alone
        ):
            start = m.start - len(before.group(1)) - 1
            name = f"{before.group(1)} {m.name}"
            m = m.with_(start=start, text=text[start : m.end], name=name, entity_id=entity_id("Person", name))
        out.append(m)
    return out


@cache
def _titled_apposition() -> re.Pattern[str]:
    roles = load_yaml("tracegraph.extract", "data", "roles.yaml")
    words = sorted({str(w).lower() for ws in roles["roles"].values() for w in ws}, key=len, reverse=True)
    return re.compile(
        r"(?<![\w.,;:])((?:[A-Z]\.? ){1,2}[A-Z][a-z'’]+|[A-Z][a-z'’]+(?:[ -][A-Z][a-z'’]+){1,2}), (?:the |a |an |its )?"
        r"(?i:(?:(?:former|deputy|acting|senior|chief|global|vice) )*(?:"
        + "|".join(re.escape(w) for w in words)
        + r"))\b",
    )


def _apposed_people(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "Elon Musk, the CEO of Tesla": a name NER missed, followed by a role in apposition."""
    lists = _lists()
    out: list[Mention] = []
    for hit in _titled_apposition().finditer(text):
        start, end = hit.span(1)
        name = hit.group(1)
        if any(m.start < end and start < m.end for m in mentions):
            continue
        words = [w.lower() for w in name.replace("-", " ").split()]
        if any(w in lists["titles"] or w in lists["company"] or w in lists["heads"] or w in _NOT_A_NAME_WORD
               for w in words):  # fmt: skip
            continue
        out.append(Mention(start, end, name, name, "Person", entity_id("Person", name), source="apposition"))
    return out


def refine(text: str, mentions: list[Mention]) -> list[Mention]:
    """Drop fragments and non-names, repair cut names, resolve public figures' short names."""
    mentions = sorted([*mentions, *_apposed_people(text, mentions)], key=lambda m: m.start)
    mentions = _surname_first(text, mentions)
    actors = [m for m in mentions if m.kind == "actor"]
    nexts = {id(a): b for a, b in itertools.pairwise(actors)}
    named = {name_key(m.name) for m in actors if m.schema == "Person" and " " in m.name}
    out: list[Mention] = []
    swallowed: set[int] = set()
    for m in mentions:
        if id(m) in swallowed:
            continue
        if m.kind == "actor":
            if _junk(text, m):
                continue
            after = _named_after(text, m)
            if after is None:
                continue
            fixed = _repair(text, after, nexts.get(id(m)))
            if fixed.end != m.end:
                swallowed |= {id(x) for x in mentions if x is not m and fixed.start <= x.start < fixed.end}
            m = _public_figure(fixed, named)
        out.append(m)
    return out
