"""Named actors in a parsed story, typed into FtM schemata.

Layers over the statistical NER: gazetteer names win over NER spans; spans are
extended over company and public-body words that NER left out ("Yafeng" +
"Biological Technology Co. Ltd.", "Shijiazhuang" + "prison"); coordinated names
are split ("Gazprom Neft and Surgutneftegaz"); keywords decide Company /
PublicBody / Organization; names typed as a company anywhere in the story are
companies everywhere in it (fixes Chinese company names tagged PERSON).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from tracegraph.extract.gazetteer import Gazetteer, actor_data, country_data
from tracegraph.extract.keys import entity_id, government_id, name_key
from tracegraph.extract.mentions import Mention

_SPLIT = re.compile(r"\s+(?:and|&)\s+")
_TRIM_LEFT = re.compile(r"^(?:the|The|THE)\s+")
_TRIM_RIGHT = re.compile(r"(?:['’]s|['’])$")
_CALLED = re.compile(r"(?:company|firm|manufacturer|supplier|business|plant|vendor)\s+(?:called|named)\s+$", re.I)


@cache
def _words(key: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in actor_data().get(key, []))


def _has_word(name: str, key: str) -> bool:
    low = name.lower()
    tokens = set(re.findall(r"[\w.]+", low)) | {t.rstrip(".") for t in re.findall(r"[\w.]+", low)}
    return any((w in tokens) if " " not in w else (w in low) for w in _words(key))


def org_schema(name: str, default: str = "Organization") -> str:
    """Company, PublicBody or Organization from the words of a name."""
    if _has_word(name, "company_words"):
        return "Company"
    if _has_word(name, "public_body_words"):
        return "PublicBody"
    if _has_word(name, "organization_words"):
        return "Organization"
    return default


@cache
def _country_names() -> dict[str, str]:
    from followthemoney.types import registry

    names = {name_key(label): code for code, label in registry.country.names.items()}
    for extra, code in {"us": "us", "u s": "us", "usa": "us", "america": "us", "uk": "gb", "britain": "gb"}.items():
        names[extra] = code
    names.update({k: v for k, v in country_data()["capitals"].items()})
    return names


def _country_label(code: str) -> str:
    from followthemoney.types import registry

    return str(registry.country.names.get(code, code.upper()))


def _norp_country(text: str) -> str | None:
    from followthemoney.types import registry

    code = registry.country.clean(text)
    return str(code) if code and len(code) == 2 else None


def country_code(name: str) -> str | None:
    """The country a name stands for, when it names a country or its capital."""
    return _country_names().get(name_key(name))


def _extend(doc: Any, start_tok: int, end_tok: int) -> tuple[int, str | None]:
    """Extend a span over following company / public-body words; returns (end token, schema)."""
    company, public = _words("company_followers") | _words("company_words"), _words("public_body_words")
    best, schema = end_tok, None
    last = doc[end_tok - 1].text.lower().rstrip(".") if end_tok > 0 else ""
    if last in company or last in public:
        return end_tok, None
    i = end_tok
    while i < len(doc) and i < end_tok + 7:
        tok = doc[i]
        if tok.is_sent_start or "\n" in tok.text:
            break
        low = tok.text.lower().rstrip(".")
        if low in company or tok.text.lower() in company:
            best, schema = i + 1, "Company"
        elif low in public:
            return i + 1, "PublicBody"
        elif not (tok.is_title or tok.text == "," or tok.is_upper or tok.like_num):
            break
        i += 1
    return best, schema


def _make(text: str, start: int, end: int, schema: str, source: str, country: str | None = None) -> Mention | None:
    raw = text[start:end]
    left = _TRIM_LEFT.match(raw)
    if left:
        start += left.end()
    raw = text[start:end]
    right = _TRIM_RIGHT.search(raw)
    if right:
        end -= len(right.group(0))
    raw = text[start:end].strip(" ,.")
    end = start + len(text[start:end].rstrip(" ,.")) if not text[start:end].endswith(".") else end
    if raw.lower().endswith((" co", " ltd", " inc", " corp")):
        end = start + len(text[start:end])
    name = text[start:end].strip()
    if len(name) < 2 or not any(ch.isupper() for ch in name) or name.lower() in _words("stop_names"):
        return None
    if "\n" in name:
        return None
    return Mention(start, end, name, name, schema, entity_id(schema, name), source=source, country=country)


def _split(text: str, m: Mention) -> list[Mention]:
    """'Gazprom Neft and Surgutneftegaz' -> two mentions; 'Ministry of X and Y' stays whole."""
    if m.kind != "actor" or " of " in m.text or not _SPLIT.search(m.text):
        return [m]
    parts: list[Mention] = []
    pos = m.start
    for piece in _SPLIT.split(m.text):
        offset = text.index(piece, pos)
        pos = offset + len(piece)
        if not piece[:1].isupper():
            return [m]
        schema = m.schema if m.schema != "Organization" else org_schema(piece)
        made = _make(text, offset, offset + len(piece), schema, m.source)
        if made:
            parts.append(made)
    return parts or [m]


def find_mentions(doc: Any, gazetteer: Gazetteer) -> list[Mention]:
    text: str = doc.text
    found: list[Mention] = []
    for start, end, entry in gazetteer.find(text):
        made = _make(text, start, end, entry.schema, "gazetteer", entry.country)
        if made:
            found.append(made)
    taken = [(m.start, m.end) for m in found]
    for ent in doc.ents:
        if any(s < ent.end_char and ent.start_char < e for s, e in taken):
            continue
        label = ent.label_
        if label == "GPE" or (label in ("LOC", "ORG") and country_code(ent.text)):
            code = country_code(ent.text)
            if code:
                name = _TRIM_LEFT.sub("", ent.text)
                s = ent.start_char + (len(ent.text) - len(name))
                label = _country_label(code)
                found.append(Mention(s, ent.end_char, name, label, "PublicBody", government_id(code), "gov", code))
                continue
            end_tok, schema = _extend(doc, ent.end, ent.end)
            if schema is None:
                found.append(Mention(ent.start_char, ent.end_char, ent.text, ent.text, "Address", "", "place"))
                continue
            label = "ORG"
        else:
            end_tok, schema = ent.end, None
        if label == "NORP":
            code = country_data()["adjectives"].get(ent.text.lower()) or _norp_country(ent.text)
            if code:
                found.append(Mention(ent.start_char, ent.end_char, ent.text, ent.text, "PublicBody", "", "norp", code))
            continue
        if label not in ("PERSON", "ORG", "FAC", "GPE"):
            continue
        if schema is None:
            end_tok, schema = _extend(doc, ent.start if label != "PERSON" else ent.end, ent.end)
            end_tok = max(end_tok, ent.end)
        end_char = doc[end_tok - 1].idx + len(doc[end_tok - 1].text)
        span_text = text[ent.start_char : end_char]
        if schema is None:
            if label == "PERSON":
                schema = "Company" if _CALLED.search(text[max(0, ent.start_char - 40) : ent.start_char]) else "Person"
            elif label == "FAC":
                schema = org_schema(span_text, default="")
                if not schema:
                    continue
            else:
                schema = org_schema(span_text)
        made = _make(text, ent.start_char, end_char, schema, "ner")
        if made:
            found.extend(_split(text, made))
    return _consistent(sorted(found, key=lambda m: m.start))


def _consistent(mentions: list[Mention]) -> list[Mention]:
    """One schema per name within a story: a company word anywhere beats a PERSON tag."""
    org_keys: dict[str, str] = {}
    first_words: dict[str, str] = {}
    for m in mentions:
        if m.kind == "actor" and m.schema != "Person":
            key = name_key(m.name)
            org_keys.setdefault(key, m.schema)
            first_words.setdefault(key.split(" ")[0], m.schema)
    out: list[Mention] = []
    for m in mentions:
        if m.kind == "actor" and m.schema == "Person":
            key = name_key(m.name)
            schema = org_keys.get(key) or (first_words.get(key) if " " not in key else None)
            if schema:
                m = m.with_(schema=schema, entity_id=entity_id(schema, m.name))
        out.append(m)
    return out
