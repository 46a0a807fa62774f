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
from bisect import bisect_left
from functools import cache
from typing import Any

from spacy.tokens import Span

from tracegraph.extract.argnames import missed_family_names, missed_names
from tracegraph.extract.gazetteer import Entry, Gazetteer, actor_data, country_data
from tracegraph.extract.keys import entity_id, government_id, name_key
from tracegraph.extract.mentions import Mention
from tracegraph.extract.people import given_name, person_shaped, rare_word, role_context
from tracegraph.extract.precision import east_asian_surnames, refine

_SPLIT = re.compile(r"\s+(?:and|&)\s+")
_TRIM_LEFT = re.compile(r"^(?:the|The|THE)\s+")
_TRIM_RIGHT = re.compile(r"(?:['’][sS]|['’])$")
_ABBREVIATION = re.compile(
    r"\b(?:Co|Ltd|Ltda|Inc|Corp|No|Bros|Mfg|Intl|S\.A|L\.P|Jr|Sr|C\.V|B\.V|N\.V|S\.L|A\.G|Bhd|S\.p\.A|Pvt|Pte|R\.L|S\.C)\.$",
    re.I,
)
_CALLED = re.compile(r"(?:company|firm|manufacturer|supplier|business|plant|vendor)\s+(?:called|named)\s+$", re.I)


@cache
def _words(key: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in actor_data().get(key, []))


def _has_word(name: str, key: str) -> bool:
    low = name.lower()
    tokens = set(re.findall(r"[\w.]+", low)) | {t.rstrip(".") for t in re.findall(r"[\w.]+", low)}
    return any((w in tokens) if " " not in w else (w in low) for w in _words(key))


@cache
def _stop_keys() -> frozenset[str]:
    return frozenset(name_key(w) for w in _words("stop_names"))


def org_schema(name: str, default: str = "Organization") -> str:
    """Company, PublicBody or Organization from the words of a name; a head noun before "of"
    decides first ("Office of Maritime Export Control" is a body, whatever "export" says)."""
    head = re.match(r"(?:the\s+)?([A-Za-z]+)\s+(?:of|for|on)\s", name, re.I)
    if head:
        for key, schema in (("public_body_words", "PublicBody"), ("organization_words", "Organization")):
            if head.group(1).lower() in _words(key):
                return schema
    if _has_word(name, "company_words"):
        return "Company"
    if _has_word(name, "public_body_words"):
        return "PublicBody"
    if _has_word(name, "organization_words"):
        return "Organization"
    return default


@cache
def _country_names() -> dict[str, str]:
    names = {name_key(str(label)): str(code) for label, code in country_data()["names"].items()}
    for extra, code in {"us": "us", "u s": "us", "usa": "us", "america": "us", "uk": "gb", "britain": "gb"}.items():
        names[extra] = code
    names.update({k: v for k, v in country_data()["capitals"].items()})
    return names


@cache
def _labels() -> dict[str, str]:
    labels: dict[str, str] = {}
    for name, code in country_data()["names"].items():
        labels.setdefault(str(code), str(name).title().replace(" And ", " and ").replace(" Of ", " of "))
    labels.update({"us": "United States", "gb": "United Kingdom", "cn": "China", "ru": "Russia", "kr": "South Korea"})
    return labels


def country_label(code: str) -> str:
    """A country's display name ("cn" -> "China")."""
    return _labels().get(code, code.upper())


def _norp_country(text: str) -> str | None:
    return _country_names().get(name_key(text))


def country_code(name: str) -> str | None:
    """The country a name stands for, when it names a country, its capital or its people."""
    return _country_names().get(name_key(name)) or country_data()["adjectives"].get(name_key(name))


def _extend(doc: Any, start_tok: int, end_tok: int) -> tuple[int, str | None]:
    """Extend a span over following company / public-body words; returns (end token, schema)."""
    company, public = _words("company_followers") | _words("company_words"), _words("public_body_words")
    best, schema = end_tok, None
    last = doc[end_tok - 1].text.lower().rstrip(".") if end_tok > 0 else ""
    forms = _legal_forms() | {"co", "company", "corp", "corporation", "s.a", "s"}  # what goes on after a comma
    listed = last == "," and not (end_tok < len(doc) and doc[end_tok].text.lower().rstrip(".") in forms)
    if last in company or last in public or last in ("'s", "’s", "c.v", "r.l") or listed:
        return end_tok, None  # "Gennady Volkov's company", "Karim Belov, Orion Fuel Trading": the name ended
    i = end_tok
    while i < len(doc) and i < end_tok + 7:
        tok = doc[i]
        if tok.is_sent_start or "\n" in tok.text:
            break
        low = tok.text.lower().rstrip(".")
        if tok.text == "," and i + 1 < len(doc) and doc[i + 1].text[:1].islower():
            break  # "Leo Zhang, export manager": the name ended
        if tok.text == "," and i + 1 < len(doc) and doc[i + 1].text.lower().rstrip(".") not in forms:
            break  # "Zhou Wenbin, Lu Hongmei, Corvid Trading Co.": a list, not one name ("Co., Ltd." goes on)
        if low in company or tok.text.lower() in company:
            best, schema = i + 1, "Company"
        elif low in public:
            return i + 1, "PublicBody"
        elif tok.text == "." and doc[i - 1].text in ("No", "Co", "Ltd", "Inc", "St"):
            pass  # "No. 3 Prison", split by the tokenizer
        elif not (tok.is_title or tok.text == "," or tok.is_upper or tok.like_num):
            break
        i += 1
    return best, schema


@cache
def _title_words() -> frozenset[str]:
    """Honorifics, role and modifier words that NER sometimes puts before a person's name."""
    from tracegraph.datafiles import load_yaml

    roles = load_yaml("tracegraph.extract", "data", "roles.yaml")
    found = {str(w).lower() for ws in roles["roles"].values() for w in ws} | {
        str(w).lower() for w in roles["modifiers"]
    }
    found |= {str(w).lower() for w in actor_data().get("honorifics", [])}
    found |= {str(k).lower() for k in country_data()["adjectives"]}
    return frozenset(found - {"of", "and", "the", "a", "an", "-", "&"})


def _strip_title(text: str, start: int, end: int) -> int:
    """Start of a person's name after leading titles ("Kazakh President Kassym-Jomart Tokayev"); modifier
    words alone are no title ("Gulfway Shipping FZCO" keeps "Gulfway Shipping")."""
    words = list(re.finditer(r"\S+", text[start:end]))
    i = 0
    if len(words) > 2 and words[1].group(0).lower() in _title_words() and words[0].group(0)[:1].isupper():
        i = 1  # "Kazakh President ...": a nationality word the data does not list
    while i < len(words) - 1 and words[i].group(0).lower().rstrip(".,") in _title_words():
        i += 1
    titled = any(w.group(0).lower().rstrip(".,") in _head_titles() for w in words[:i])
    if i and not titled and not (given_name(words[i].group(0)) or person_shaped(text[start + words[i].start() : end])):
        return start  # no role word and no name after the modifiers: one name ("Gulfway Shipping FZCO")
    return start + words[i].start() if words and i else start


@cache
def _head_titles() -> frozenset[str]:
    """Title words that head a title (roles and honorifics), not the modifiers before them."""
    from tracegraph.datafiles import load_yaml

    roles = load_yaml("tracegraph.extract", "data", "roles.yaml")
    found = {str(w).lower() for ws in roles["roles"].values() for w in ws}
    found |= {str(w).lower().rstrip(".") for w in actor_data().get("honorifics", [])}
    return frozenset(found | {"prince", "princess", "king", "queen", "sheikh", "emir", "general", "colonel"})


def _title_country(text: str, start: int, end: int) -> list[Mention]:
    """ "Russian President Vladimir Putin" read as one name: the country of its title, as a mention."""
    first = re.match(r"[A-Z][\w'’-]*", text[start:end])
    code = country_code(first.group(0)) if first else None
    if first is None or code is None:
        return []
    word = first.group(0)
    return [Mention(start, start + len(word), word, word, "PublicBody", "", "norp", code)]


def _titled_person(text: str, start: int, end: int) -> bool:
    """A role title followed by two to four capitalised words and no organisation word."""
    rest = _strip_title(text, start, end)
    if rest == start:
        return False
    name = text[rest:end]
    words = name.split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and org_schema(name, default="") == ""


#: last words of places that begin with a given name ("Alice Springs", "Victoria Falls")
_PLACE_TAILS = frozenset(
    {
        "springs",
        "falls",
        "city",
        "county",
        "heights",
        "beach",
        "island",
        "islands",
        "park",
        "bay",
        "valley",
        "lake",
        "township",
        "hills",
        "harbor",
        "harbour",
        "port",
        "river",
    }
)
_PARTICLES = frozenset(
    {"von", "van", "der", "den", "de", "da", "di", "du", "al", "el", "bin", "ibn", "le", "la", "dos", "del", "des"}
)


def _person_end(doc: Any, start: int, end: int) -> int:
    """Where a person's name really ends: "Han Duck" + "-soo", "Ursula von" + "der Leyen",
    "Donald" + "Im," (a one-word span followed by one capitalised word that ends the phrase)."""
    i = end
    while i + 1 < len(doc) and i < end + 4:
        tok, nxt = doc[i], doc[i + 1]
        if tok.text == "-" and not tok.whitespace_ and doc[i - 1].whitespace_ == "" and nxt.text[:1].islower():
            i += 2
        elif (tok.lower_ in _PARTICLES and (nxt.text[:1].isupper() or nxt.lower_ in _PARTICLES)) or (
            doc[i - 1].lower_ in _PARTICLES and tok.text[:1].isupper()
        ):
            i += 1
        else:
            break
    if i == end and end - start == 1 and end + 1 < len(doc):
        tok, nxt = doc[end], doc[end + 1]
        if tok.is_title and tok.is_alpha and nxt.text in (",", ".", ")", ";") and not tok.is_sent_start:
            i = end + 1
    return i


#: a seat or status before a name, in one hyphenated word: "Hong Kong-based", "U.S.-sanctioned"
_BASED = re.compile(
    r"(?:[\w.'’]+[ \t]+){0,2}?[\w.'’]+-(?:based|registered|headquartered|incorporated|sanctioned|designated|listed|"
    r"linked)[ \t]+(?=[A-Z])"
)
#: a body named after a person's name inside NER's span ("Dolores Kinnear of HSI New York")
_HOLDER_TAIL = re.compile(r"\s+(?:of|for|at|with)\s+(?:the\s+)?[A-Z]")


def _make(text: str, start: int, end: int, schema: str, source: str, country: str | None = None) -> Mention | None:
    paren = text.find("(", start, end)
    if paren > start:
        end = paren  # "Australian Institute of Police Management ( AIPM": the definition is read elsewhere
    while end > start and text[end - 1].isspace():
        end -= 1
    comma = re.search(r",\s+[a-z]", text[start:end])
    if comma:
        end = start + comma.start()  # "Leo Zhang, export": NER ran past the name
    if schema == "Person":
        start = _strip_title(text, start, end)
        body = _HOLDER_TAIL.search(text, start, end)
        if body is not None and sum(w[:1].isupper() for w in text[start : body.start()].split()) >= 2:
            end = body.start()  # "Dolores Kinnear of HSI New York": the name ends before its office
    owned = re.search(r"['’]s(?:\s+[a-z][\w-]*)+$", text[start:end])
    if owned:
        end = start + owned.start()  # "Lanxu Biochem's chemicals": the name ends at its possessive
    based = _BASED.match(text, start, end)
    if based and end - based.end() > 3:
        start = based.end()  # "Hong Kong-based Yuen Sang Trading Limited": the name starts after the seat
    raw = text[start:end]
    if re.match(r"an?\s", raw):
        return None  # "a Foreign Terrorist Organization": a kind of actor, no name
    left = _TRIM_LEFT.match(raw)
    if left:
        start += left.end()
    right = _TRIM_RIGHT.search(text[start:end])
    if right:
        end -= len(right.group(0))
    while end > start and text[end - 1] in " ,":
        end -= 1
    if text[start:end].endswith(".") and not _ABBREVIATION.search(text[start:end]):
        end -= 1  # a full stop, not "Co." or "Ltd."
    elif text[end : end + 1] == "." and _ABBREVIATION.search(text[start : end + 1]):
        end += 1  # "Comercial Andina Ltda" + ".": the tokenizer split the legal form's full stop
    name = text[start:end].strip()
    if len(name) < 2 or not any(ch.isupper() for ch in name) or name_key(name) in _stop_keys():
        return None
    if "\n" in name or "@" in name:
        return None
    return Mention(start, end, name, name, schema, entity_id(schema, name), source=source, country=country)


_POSSESSIVE = re.compile(r"['’]s\s+(?=[A-Z])")


def _split(text: str, m: Mention) -> list[Mention]:
    """'Gazprom Neft and Surgutneftegaz' -> two mentions; 'Ministry of X and Y' stays whole;
    "Royal Thai Police's Central Investigation Bureau" -> the police and its bureau."""
    poss = _POSSESSIVE.search(m.text) if m.kind == "actor" and m.schema != "Person" else None
    if poss is not None and (org_schema(m.text[: poss.start()], "") or country_code(m.text[: poss.start()])):
        left = _make(text, m.start, m.start + poss.start(), org_schema(m.text[: poss.start()], m.schema), m.source)
        right_start = m.start + poss.end()
        right = _make(text, right_start, m.end, org_schema(text[right_start : m.end], m.schema), m.source)
        return [x for part in (left, right) if part is not None for x in _split(text, part)]
    if m.kind != "actor" or " of " in m.text or " for " in m.text or not _SPLIT.search(m.text):
        return [m]
    pieces = _SPLIT.split(m.text)
    if not org_schema(pieces[0], "") and org_schema(pieces[-1], ""):
        return [m]  # "Immigration and Checkpoints Authority": one body
    if any(p.split()[0].lower() in _words("name_pairs") for p in pieces[1:] if p.split()):
        return [m]  # "Hengtong Import and Export Co., Ltd.", "Science and Technology"
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
    for start, end in _known_places(text):
        if not any(m.start < end and start < m.end for m in found):
            name = text[start:end]
            found.append(Mention(start, end, name, name, "Address", "", "place"))
    taken = [(m.start, m.end) for m in found]
    for ent in _joined(doc):
        if any(s < ent.end_char and ent.start_char < e for s, e in taken):
            rest = _after_possessive(text, ent, taken)  # "the Department of the Treasury's Office of X"
            if rest is not None:
                found.append(rest)
            continue
        label = ent.label_
        if ent.text in ("Us", "Our", "We"):
            continue  # "About Us": a page heading, not the United States
        if (
            label in ("GPE", "LOC")
            and _given_name_first(ent.text)
            and ent.text.split()[-1].lower() not in _PLACE_TAILS
            and not country_code(ent.text)
        ):
            label = "PERSON"  # "Tomas Grieve, an analyst" tagged GPE
        if label == "GPE" or (label in ("LOC", "ORG") and country_code(ent.text)):
            code = country_code(ent.text)
            if code:
                name = _TRIM_LEFT.sub("", ent.text)
                s = ent.start_char + (len(ent.text) - len(name))
                owner = _TRIM_RIGHT.search(name)  # "New Zealand's": the country, not its possessive
                name = name[: owner.start()] if owner else name
                label = country_label(code)
                found.append(Mention(s, s + len(name), name, label, "PublicBody", government_id(code), "gov", code))
                continue
            end_tok, schema = _extend(doc, ent.end, ent.end)
            if schema == "Company" and all(t.text.islower() for t in doc[ent.end : end_tok]):
                schema = None  # "a Houston company that sold ...": a description, not a name
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
        if label == "PRODUCT" and ent.text.split()[-1].lower() in _words("organization_words"):
            label = "ORG"  # "the Guo Network", "the Lopez Cartel" read as products
        if label not in ("PERSON", "ORG", "FAC", "GPE"):
            continue
        before = text[max(0, ent.start_char - 6) : ent.start_char]
        if label == "ORG" and (_titled_person(text, ent.start_char, ent.end_char) or _HONORIFIC.search(before)):
            label = "PERSON"  # "Kazakh President Kassym-Jomart Tokayev" tagged ORG
        elif label == "ORG" and _given_name_first(ent.text):
            label = "PERSON"  # "Marcus Hale" tagged ORG
        if label == "PERSON":
            end_tok = _person_end(doc, ent.start, ent.end)
            if end_tok > ent.end:
                end_tok, schema = end_tok, "Person"
                whole = text[ent.start_char : doc[end_tok - 1].idx + len(doc[end_tok - 1].text)]
                if _has_word(whole, "company_followers"):
                    schema = "Company"  # "Comercializadora Quimica" + "del Pacifico"
            given = ent.start - 1
            if (
                given >= 0
                and doc[given].is_title
                and doc[given].is_alpha
                and (not doc[given].is_sent_start or doc[given].lower_ not in _words("given_names_also_words"))
                and (given_name(doc[given].text) or (len(ent) >= 2 and rare_word(doc[given].text)))
                and not any(
                    doc[given].idx < m.end
                    and m.start < doc[given].idx + 1
                    and not (m.kind == "place" and m.text == doc[given].text and given_name(m.text))
                    for m in found
                )
            ):  # "Hector" + "Salvador Ibarra Luna": NER started the name one word late ("Yesenia" read as a place)
                found = [m for m in found if not (m.kind == "place" and m.start == doc[given].idx)]
                ent = Span(doc, given, ent.end, label="PERSON")
        if schema is None:
            end_tok, schema = _extend(doc, ent.start if label != "PERSON" else ent.end, ent.end)
            end_tok = max(end_tok, ent.end)
        end_char = doc[end_tok - 1].idx + len(doc[end_tok - 1].text)
        span_text = re.split(r",\s+[a-z]", text[ent.start_char : end_char])[0]
        if schema is None:
            if label == "PERSON":
                called = _CALLED.search(text[max(0, ent.start_char - 40) : ent.start_char])
                placed = len(span_text.split()) >= 2 and span_text.split()[0].lower() in _words(
                    "company_place_prefixes"
                )
                ends_firm = span_text.split()[-1].lower().rstrip(".") in _words("company_words") | _legal_forms()
                firm = called or placed or ends_firm or _has_word(span_text, "company_followers")
                schema = "Company" if firm else "Person"
            elif label == "FAC":
                schema = org_schema(span_text, default="")
                if not schema:
                    continue
            else:
                schema = org_schema(span_text)
        made = _make(text, ent.start_char, end_char, schema, "ner")
        if made:
            found.extend(_split(text, made))
            if made.schema == "Person" and made.start > ent.start_char:
                found.extend(_title_country(text, ent.start_char, made.start))
    found = _place_prefixed(text, found)
    found = _given_named(text, _honorific_people(text, _title_holders(text, _in_charge(text, found))))
    found = _pinyin_people(text, found)
    found = _bracketed_seat_names(text, _prefix_form_names(text, _legal_form_names(text, found)))
    found = _capital_names(text, found)
    found = missed_names(doc, text, found, _headline_lines(text), _firm_name)
    found = _precise(text, [m for m in found if not _dateline(text, m)])
    found = _contained(_repeats(text, found))
    found = _cartels(text, _group_names(text, _listed_places(text, sorted(found, key=lambda m: m.start))))
    found = _home_towns(text, _second_form(text, _person_and_company(text, found)))
    found = _inner_nicknames(text, found)
    found = _capital_family(
        text, _apposed_persons(text, _surnames(_consistent(_aged_names(text, _comma_led(text, found)))))
    )
    return refine(text, missed_family_names(doc, text, found, family_names))


#: criminal groups named with a capitalised head ("the Velarde Cartel", "Cartel de los Altos de Jalisco",
#: "the Rojas Drug Trafficking Organization")
_CARTEL = re.compile(
    r"(?<![\w-])(?:(?:[A-Z][\w'’-]+\s+){1,4}(?:Cartel|Drug\s+Trafficking\s+Organi[sz]ation|DTO|Gang|Clan)"
    r"|Cartel\s+(?:de[l]?\s+)(?:(?:[A-Z][\w'’-]+|de|del|la|las|los)\s+){0,5}[A-Z][\w'’-]+)(?![\w-])"
)
_CARTEL_LEAD = frozenset({"The", "A", "An", "In", "On", "For", "By", "From", "With", "Of", "And", "Today", "Mexican",
                          "Colombian", "Chinese"})  # fmt: skip


def _cartels(text: str, mentions: list[Mention]) -> list[Mention]:
    """Criminal groups NER missed or cut: a capitalised name ending in "Cartel", "DTO", "Gang"
    (or "Cartel de ..."), as one Organization; names inside it (a state, a family name) give way."""
    if "Cartel" not in text and "DTO" not in text and "Gang" not in text and "Clan" not in text:
        return mentions
    out = list(mentions)
    for hit in _CARTEL.finditer(text):
        start, end = hit.start(), hit.end()
        words = text[start:end].split()
        while len(words) > 1 and words[0] in _CARTEL_LEAD:
            start = text.index(words[1], start + len(words[0]))
            words = words[1:]
        if len(words) < 2 or "\n" in text[start:end]:
            continue
        over = [m for m in out if m.start < end and start < m.end]
        if any(m.start < start or (m.end > end and not text[end : m.end].islower()) for m in over):
            continue  # a longer or crossing name stands (not "Velarde Cartel logistics" coordinator)
        if any(m.kind == "actor" and (m.start, m.end) == (start, end) for m in over):
            continue
        made = _make(text, start, end, "Organization", "ner")
        if made is None:
            continue
        out = [m for m in out if m not in over] + [made]
    return sorted(out, key=lambda m: m.start)


_LIST_JOIN = re.compile(r"\s*(?:,|,?\s+and|,?\s+or)\s+$")


def _listed_places(text: str, mentions: list[Mention]) -> list[Mention]:
    """A one-word organisation NER found in a list of places is a place ("in Phoenix, Mesa and Las
    Vegas"), and so is every other use of that word alone in the story."""
    ordered = [m for m in mentions if m.kind in ("actor", "place", "gov")]
    places: set[str] = set()
    for i, m in enumerate(ordered):
        if m.kind != "actor" or m.source != "ner" or " " in m.name.strip() or m.schema == "Person":
            continue
        prev = ordered[i - 1] if i > 0 else None
        nxt = ordered[i + 1] if i + 1 < len(ordered) else None
        left = prev is not None and prev.kind == "place" and bool(_LIST_JOIN.fullmatch(text[prev.end : m.start]))
        right = nxt is not None and nxt.kind == "place" and bool(_LIST_JOIN.fullmatch(text[m.end : nxt.start] + " "))
        if left and right:  # "in Phoenix, Mesa and Las Vegas"
            places.add(m.name)
    if not places:
        return mentions
    return [Mention(m.start, m.end, m.text, m.name, "Address", "", "place")
            if m.kind == "actor" and m.source in ("ner", "repeat") and m.name in places and not m.coref else m
            for m in mentions]  # fmt: skip


#: lower-case nouns after a name that make it a criminal group ("the Los Salazar faction")
_GROUP_AFTER = re.compile(r"\s+(?:faction|gang|clan|cell|crew)\b")
#: after a name NER called a person, a lower-case group noun makes it the group's name ("the Frente
#: Norte cartel"); not after a place, which keeps its own sense ("the Sinaloa cartel")
_PERSON_GROUP_AFTER = re.compile(r"\s+(?:cartel|syndicate|militia|drug trafficking organi[sz]ation)\b")
#: what only an organisation has, after its possessive ("Ruibang's chief executive, Lin Haoran")
_ORG_POSSESSION = re.compile(
    r"[’']s\s+(?:(?:former|then|current|deputy|vice|acting)\s+)?(?:chairman|chairwoman|chief executive|ceo|cfo|"
    r"general manager|managing director|board of directors|shareholders?|shares|subsidiar(?:y|ies)|website|"
    r"factory|warehouse|headquarters|legal representative)\b",
    re.I,
)


def _person_and_company(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "sanctions against Ilya Varnavin and Karst Logistics Pty Ltd.": NER ran a person and a company
    into one name; a person's name (or a name the text gives a person) before "and", a company's
    name with a legal form after it."""
    # words of people's names in this text: "Mendivil and Importadora Mendivil S.A. de C.V." after
    # "Dalia Mendivil Osuna (Mendivil)" opens with a person's short name
    named = {w for m in mentions if m.schema == "Person" and m.kind == "actor" for w in m.name.split()[1:]}
    out: list[Mention] = []
    for m in mentions:
        cut = m.text.find(" and ") if m.kind == "actor" and m.schema != "Person" else -1
        left, right = (m.text[:cut], m.text[cut + 5 :]) if cut > 0 else ("", "")
        shaped = bool(left) and (person_shaped(left) or left in named)
        if shaped and len(right.split()) >= 2 and _has_word(right, "company_words"):
            person = _make(text, m.start, m.start + cut, "Person", m.source)
            company = _make(text, m.start + cut + 5, m.end, org_schema(right, "Company"), m.source)
            if person is not None and company is not None:
                out += [person, company]
                continue
        out.append(m)
    return out


def _group_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """A place or person name NER gave to a group: "the Sonora-based Los Salazar faction", "the
    Frente Norte cartel"; a person's name with a company's possessions: "Ruibang's chairman"."""
    out: list[Mention] = []
    for m in mentions:
        named = m.kind in ("place", "actor") and m.schema != "Organization" and m.source == "ner" and not m.coref
        person = named and m.kind == "actor" and m.schema == "Person"
        group = _GROUP_AFTER.match(text, m.end) or (person and _PERSON_GROUP_AFTER.match(text, m.end))
        if named and group and not country_code(m.name):
            m = Mention(m.start, m.end, m.text, m.name, "Organization", entity_id("Organization", m.name), source="ner")
        elif person and " " not in m.name.strip() and _ORG_POSSESSION.match(text, m.end):
            schema = org_schema(m.name, "Company")
            m = Mention(m.start, m.end, m.text, m.name, schema, entity_id(schema, m.name), source="ner")
        out.append(m)
    return out


def _given_name_first(name: str) -> bool:
    words = name.split()
    if not 2 <= len(words) <= 3 or not all(w[:1].isupper() and w.replace("-", "").isalpha() for w in words):
        return False
    org = _words("company_words") | _words("organization_words") | _words("public_body_words")
    if any(w.lower() in org for w in words):
        return False
    return words[0].lower() in _words("given_names") or person_shaped(name)


#: the capitalised words after "Agent in Charge" (a field office's head): a person's name
_IN_CHARGE = re.compile(r"\bAgent in Charge[ \t]+((?:[A-Z]\.[ \t]+|[A-Z][\w'’-]*[ \t]+){0,3}[A-Z][\w'’-]+)")


def _in_charge(text: str, found: list[Mention]) -> list[Mention]:
    """ "Special Agent in Charge Marco Villareal": NER took "Charge" into the name and called it an
    organisation (or a facility it drops); the name starts after the title."""
    out: list[Mention] = []
    for m in found:
        charge = m.text.startswith("Charge ") and text[max(0, m.start - 9) : m.start] == "Agent in "
        if m.kind in ("actor", "place") and charge:
            cut = re.search(r"\s+(?:of|for|at)\s+", text[m.start + 7 : m.end])  # "... Dolores Kinnear of HSI New York"
            made = _make(text, m.start + 7, m.start + 7 + cut.start() if cut else m.end, "Person", "ner")
            if made is None:
                continue
            m = made
        out.append(m)
    for hit in _IN_CHARGE.finditer(text):
        start, end = hit.span(1)
        if not any(m.start < end and start < m.end for m in out):
            made = _make(text, start, end, "Person", "ner")
            out += [made] if made is not None else []
    return out


_GIVEN_NAMED = re.compile(
    r"(?<![\w.’'-])([A-Z][a-z]+)\s+((?:[A-Z]\.\s+)?[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?)\b(?![ \t]+[A-Z])"
)


def _given_named(text: str, found: list[Mention]) -> list[Mention]:
    """ "... Financial Intelligence Rachel Adeyemi": a common given name and a capitalised word that NER
    left out (after a long title) is a person, when no name covers it and no capitalised word follows."""
    given = _words("given_names")
    org = _words("company_words") | _words("organization_words") | _words("public_body_words") | _title_words()
    out = list(found)
    headlines = _headline_lines(text)  # "Rose Garden Talks" in a title-case line is no name
    for hit in _GIVEN_NAMED.finditer(text):
        if hit.group(1).lower() not in given or hit.group(2).split()[-1].lower() in org:
            continue
        start, end = hit.span()
        if any(m.start < end and start < m.end for m in out) or any(a <= start < b for a, b in headlines):
            continue
        made = _make(text, start, end, "Person", "given")
        if made is not None:
            out.append(made)
    return out


_SYLLABLE = (
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|an|ao|ei|en|er|ia|ie|in"
    r"|iu|ou|ua|ue|ui|un|uo|a|e|i|o|u|v)"
)
_PINYIN_GIVEN = re.compile(rf"(?:{_SYLLABLE}){{1,2}}|{_SYLLABLE}-{_SYLLABLE}")
_TWO_WORDS = re.compile(r"(?<![\w.’'-])([A-Z][a-z]+)\s([A-Z][a-z]+(?:-[a-z]+)?)(?![\w-])(?![ \t]+[A-Z])")


def _pinyin_people(text: str, found: list[Mention]) -> list[Mention]:
    """ "Pan Ruolan", "Bai Shuncheng", "Ng Wai-lun" that NER left out: a Chinese family name and a
    given name of one or two pinyin syllables, not inside or next to another capitalised name."""
    surnames = east_asian_surnames()

    def shaped(name: str) -> bool:
        words = name.split()
        return len(words) == 2 and words[0].lower() in surnames and bool(_PINYIN_GIVEN.fullmatch(words[1].lower()))

    out = [
        Mention(m.start, m.end, m.text, m.name, "Person", entity_id("Person", m.name), source="ner")
        if (m.kind == "place" or (m.kind == "actor" and m.schema != "Person"))
        and m.source == "ner"
        and shaped(m.name)
        and not country_code(m.name)
        and name_key(m.name) not in _known_place_keys()
        else m
        for m in found
    ]  # "Pan Ruolan" tagged as a place
    headlines = _headline_lines(text)
    for hit in _TWO_WORDS.finditer(text):
        family, given = hit.group(1), hit.group(2)
        if family.lower() not in surnames or not _PINYIN_GIVEN.fullmatch(given.lower()):
            continue
        start, end = hit.span()
        if any(m.start < end and start < m.end for m in out) or any(a <= start < b for a, b in headlines):
            continue
        if country_code(f"{family} {given}") or name_key(f"{family} {given}") in _stop_keys():
            continue
        made = _make(text, start, end, "Person", "pinyin")
        if made is not None:
            out.append(made)
    return sorted(out, key=lambda m: m.start)


_TITLED_NAME = re.compile(r"\b(?:Mr|Ms|Mrs|Miss|Dr)\.?\s+([A-Z][a-z]+(?:[ -][A-Z][a-z]+){1,2})\b")


#: a title whose "for" phrase names a portfolio, then its holder ("Under Secretary of the Treasury for
#: Terrorism and Financial Intelligence Gideon Larrabee", "Assistant Secretary for Export Enforcement X")
_TITLE_FOR = re.compile(
    r"\b(?:Secretary|Director|Administrator|Commissioner|Coordinator|Counsel|Chief|Envoy)"
    r"(?:\s+(?:of|to)\s+(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3})?\s+for\s+"
    r"(?:(?:[A-Z][\w'’-]*|and|of|the|&),?\s+){1,8}?"
    r"([A-Z][a-z][\w'’-]*(?:\s+[A-Z]\.)?\s+[A-Z][a-z][\w'’-]+)(?=\s*[,.;)]|\s+[a-z])"
)


def _title_holders(text: str, found: list[Mention]) -> list[Mention]:
    """The person at the end of a title's portfolio phrase, which NER reads as part of an organisation
    or misses ("... for Industry and Security Preston Kittredge")."""
    if " for " not in text:
        return found
    out = list(found)
    for hit in _TITLE_FOR.finditer(text):
        start, end = hit.span(1)
        words = hit.group(1).split()
        if any(w.lower().rstrip(".") in _title_words() or org_schema(w, "") for w in words):
            continue  # "... for Arms Control and International Security": no name at the end
        over = [m for m in out if m.start < end and start < m.end]
        if any(m.kind == "actor" and m.schema == "Person" and (m.start, m.end) == (start, end) for m in over):
            continue
        made = _make(text, start, end, "Person", "title")
        if made is not None:
            out = [m for m in out if m not in over] + [made]
    return sorted(out, key=lambda m: m.start)


def _honorific_people(text: str, found: list[Mention]) -> list[Mention]:
    """ "Ms. Helen Zhao" NER left out: a name after an honorific is a person."""
    out = list(found)
    for hit in _TITLED_NAME.finditer(text):
        start, end = hit.span(1)
        if not any(m.start < end and start < m.end for m in out):
            made = _make(text, start, end, "Person", "honorific")
            if made is not None:
                out.append(made)  # kept on a short line too (a contact block is no headline)
    return out


_LEFT_WORDS = re.compile(r"((?:[A-Z][a-z]+\s){1,3})$")


def _place_prefixed(text: str, found: list[Mention]) -> list[Mention]:
    """ "Hebei Junda" + "Chemical Technology Co., Ltd.": NER started a Chinese company's name late;
    capitalised words before it that begin with a province or city belong to the name."""
    prefixes = _words("company_place_prefixes")
    out: list[Mention] = []
    grown: list[tuple[int, int]] = []
    for m in found:
        if m.kind == "actor" and m.schema == "Company" and m.source == "ner":
            run = _LEFT_WORDS.search(text[max(0, m.start - 40) : m.start])
            words = run.group(1).split() if run else []
            first = next((i for i, w in enumerate(words) if w.lower() in prefixes), None)
            if run and first is not None:
                start = m.start - len(run.group(1)) + run.group(1).index(words[first])
                made = _make(text, start, m.end, "Company", "ner")
                if made is not None:
                    m = made
                    grown.append((m.start, m.end))
        out.append(m)
    return [m for m in out if m.kind == "actor" or not any(s <= m.start and m.end <= e for s, e in grown)]


def _contained(found: list[Mention]) -> list[Mention]:
    """An organisation's name found again inside a longer one at the same place is one mention."""
    actors = sorted((m for m in found if m.kind == "actor" and not m.coref), key=lambda m: m.start)
    starts = [m.start for m in actors]
    inside: set[int] = set()
    for o in actors:
        if o.schema == "Person":
            continue
        for m in actors[bisect_left(starts, o.start) : bisect_left(starts, o.end)]:
            if m is not o and m.end <= o.end and (o.end - o.start) > (m.end - m.start):
                inside.add(id(m))
    return [m for m in found if id(m) not in inside]


def _after_possessive(text: str, ent: Any, taken: list[tuple[int, int]]) -> Mention | None:
    """The body after a known one's possessive inside one NER span."""
    ends = [e for s, e in taken if ent.start_char <= s < e < ent.end_char]
    if not ends:
        return None
    poss = re.match(r"['’]s\s+", text[max(ends) : ent.end_char])
    if poss is None:
        return None
    start = max(ends) + poss.end()
    name = text[start : ent.end_char]
    schema = org_schema(name, "")
    return _make(text, start, ent.end_char, schema, "ner") if schema and len(name.split()) > 1 else None


def _joined(doc: Any) -> list[Any]:
    """NER's entities, with a name cut in two put back together: "Comercializadora Quimica" (PERSON)
    + "del Pacifico S.A. de C.V." (ORG), "Li Wei" (PERSON) + "Pharmaceutical Co." (ORG)."""
    ents = list(doc.ents)
    out: list[Any] = []
    for ent in ents:
        prev = out[-1] if out else None
        if (
            prev is not None
            and ent.label_ == "ORG"
            and prev.label_ in ("PERSON", "ORG", "GPE")
            and ent.start - prev.end <= 2
            and all(doc[i].lower_ in _PARTICLES for i in range(prev.end, ent.start))
            and doc[prev.end - 1].whitespace_ == " "
            and (ent[0].lower_ in _PARTICLES or _has_word(ent.text, "company_words"))
            and not _has_word(prev.text, "company_words")
        ):
            out[-1] = Span(doc, prev.start, ent.end, label="ORG")
            continue
        if (
            prev is not None
            and prev.label_ in ("PERSON", "ORG")
            and ent.start == prev.end + 1
            and doc[prev.end].text == ","
            and _FORM_FIRST.match(ent.text)
        ):  # "Comercializadora Quimica Reyes" + "," + "S.A. de C.V.": one company
            out[-1] = Span(doc, prev.start, ent.end, label="ORG")
            continue
        if (
            prev is not None
            and prev.label_ == ent.label_ == "PERSON"
            and 1 <= ent.start - prev.end <= 2
            and all(doc[i].lower_ in _PARTICLES for i in range(prev.end, ent.start))
            and not any(t.is_sent_start for t in doc[prev.end : ent.end])
        ):  # "Maria Fernanda" + "dos" + "Santos Oliveira": one name
            out[-1] = Span(doc, prev.start, ent.end, label="PERSON")
            continue
        if (
            prev is not None
            and prev.label_ == "ORG"
            and ent.start == prev.end
            and prev.text.endswith(("Co.", "Corp.", "Inc."))
            and ent[0].text.rstrip(",") in _SECOND_FORMS
        ):  # "Ridgeway Supply Co." + "LLC": one company
            out[-1] = Span(doc, prev.start, ent.end, label="ORG")
            continue
        out.append(ent)
    return out


_SECOND_FORMS = frozenset({"LLC", "L.L.C.", "Ltd", "Ltd.", "Limited", "Inc", "Inc.", "LP", "LLP", "PLC", "GmbH"})


_HONORIFIC = re.compile(r"\b(?:Mr|Ms|Mrs|Dr|Mx|Shri|Smt)\.?\s+$")
_DATELINE = re.compile(r"\s*(?:,\s*[A-Z][A-Za-z.]*\s*)?[—–-]{1,2}\s")


def _dateline(text: str, m: Mention) -> bool:
    """ "WASHINGTON — Today, ...": a dateline at the start of a paragraph names where, not who."""
    line_start = text.rfind("\n", 0, m.start) + 1
    if text[line_start : m.start].strip() or not m.text.isupper() or m.kind not in ("gov", "place", "actor"):
        return False
    return bool(_DATELINE.match(text, m.end))


@cache
def _places_pattern() -> re.Pattern[str] | None:
    names = sorted((str(p) for p in actor_data().get("places", [])), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b") if names else None


def _known_places(text: str) -> list[tuple[int, int]]:
    pattern = _places_pattern()
    return [m.span() for m in pattern.finditer(text)] if pattern else []


_HEADLINES: dict[int, tuple[str, list[tuple[int, int]]]] = {}


def _headline_lines(text: str) -> list[tuple[int, int]]:
    """Lines written in title case or capitals (headlines, teaser titles, transcripts): NER reads
    their capitalised words as names. (The last text's answer is kept: several rules ask.)"""
    cached = _HEADLINES.get(0)
    if cached is not None and cached[0] is text:
        return cached[1]
    out = _find_headline_lines(text)
    _HEADLINES[0] = (text, out)
    return out


def _find_headline_lines(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", line) if len(w) > 3]
        if len(words) >= 3:
            capital = sum(w[0].isupper() for w in words) / len(words)
            shouting = sum(w.isupper() for w in words) / len(words)
            # a list item ("- Dwight Hale, 45, of Houston;", "... LLC, a Houston company; and") is no headline
            item = re.search(r"[;,]\s*(?:and|or)?\s*$", line) is not None
            # a table row ("X Co., Ltd. | Shareholding ratio 51% | Legal representative: Y", "Pan Wei | Supervisor")
            item = item or ("|" in line and (re.search(r"[:%\d]", line) is not None or _row_of_person(line)))
            item = item or _ROLE_LABEL.match(line) is not None  # "Sales Manager: Cindy Xu (Xu Xinrong)"
            titled = capital >= 0.75 and not item and not line.rstrip().endswith((".", "?", "!", '"', "”", ":"))
            if titled or shouting >= 0.6:
                out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


#: a contact or registry line that labels a person by role: "Sales Manager: X", "Legal representative: X"
_ROLE_LABEL = re.compile(
    r"(?i)^\s*(?:[A-Za-z-]+\s+){0,2}(?:manager|director|contact|representative|person|agent|officer|chairman|"
    r"chairwoman|ceo|president|supervisor|shareholders?)\s*[:：]\s*\S"
)


def _row_of_person(line: str) -> bool:
    fields = [f.strip() for f in line.split("|")]
    return len(fields) <= 4 and person_shaped(fields[0]) and all(len(f.split()) <= 5 for f in fields)


def _precise(text: str, found: list[Mention]) -> list[Mention]:
    """Drop what is not an actor: names only seen in headlines or capitals, laws and things,
    capitalised common words at the start of a sentence."""
    heads = _words("not_actor_heads")
    lines = _headline_lines(text)
    body = text
    for start, end in reversed(lines):
        body = body[:start] + " " * (end - start) + body[end:]
    out: list[Mention] = []
    actors = [m for m in found if m.kind == "actor"]
    for m in found:
        if m.kind in ("place", "gov") and any(a.start <= m.start and m.end <= a.end and a is not m for a in actors):
            continue  # "Leyen" inside "Ursula von der Leyen"
        if m.kind == "actor" and m.source != "gazetteer" and _not_actor(m.name, heads):
            continue
        if m.kind == "actor" and m.source == "ner":
            titled = m.schema == "Person" and _HONORIFIC.search(text[max(0, m.start - 6) : m.start])
            if (
                any(s <= m.start < e for s, e in lines)
                and not titled  # "Sales Manager: Ms. Helen Zhao" is a contact line, not a headline
                and not re.search(rf"(?<!\w){re.escape(m.name)}(?!\w)", body)
            ):
                continue  # a headline word run, never a name in the story's own sentences
            if m.name.isupper() and (len(m.name.split()) > 1 or len(m.name) > 6) and not org_schema(m.name, ""):
                continue
            if (
                m.schema != "Person"
                and " " not in m.name
                and not m.name.isupper()
                and _only_sentence_initial(text, m.name)
            ):
                continue
        out.append(m)
    return out


_TWO_NAMES = re.compile(
    r",\s(?!(?i:Ltd|Ltda|Inc|LLC|Co|Limited|SA|SAS|SARL|GmbH|Corp|Jr|Sr|L\.P|PLC|Pvt|Pte|Sdn|B\.V|N\.V|AG)\b|S\.)"
)
_NAME_LOWER_OK = frozenset(
    {
        "of",
        "and",
        "the",
        "for",
        "de",
        "du",
        "von",
        "der",
        "van",
        "al",
        "bin",
        "da",
        "di",
        "la",
        "le",
        "y",
        "del",
        "des",
        "dos",
        "das",
        "do",
        "los",
        "las",
    }
)


#: a list or register named by what it holds ("List of Blocked Persons", "the Register of Sanctioned Entities")
_LIST_OF = re.compile(r"(?:the\s+)?(?:list|register|registry|schedule|catalogue|roster)\s+of\b", re.I)


def _not_actor(name: str, heads: frozenset[str]) -> bool:
    """A law, treaty or thing ("... Act", "... Partnership"), two names run together ("Temu,
    Shein") or a phrase ("Georgescu on TikTok", "Trump 1.0")."""
    words = name.split()
    if words[-1].lower().strip(".,") in heads or _TWO_NAMES.search(name) or _LIST_OF.match(name):
        return True
    org_words = _words("public_body_words") | _words("company_words") | _words("organization_words")
    if any(w.islower() and w not in _NAME_LOWER_OK and w not in org_words for w in words[1:]):
        return True
    return len(words) > 1 and bool(re.fullmatch(r"[\d.]+", words[-1])) and not _has_word(name, "company_words")


def _only_sentence_initial(text: str, word: str) -> bool:
    """ "Digital", "Vendors": a single capitalised word that never appears inside a sentence."""
    starts = _word_index(text).get(word, ())
    return bool(starts) and all(re.search(r"(?:^|[\n.!?:\"“]\s*)$", text[max(0, s - 3) : s]) for s in starts)


_INDEXED: dict[int, tuple[str, dict[str, list[int]]]] = {}


def _word_index(text: str) -> dict[str, list[int]]:
    """Where each word of ``text`` starts (one pass; the last text's index is kept)."""
    cached = _INDEXED.get(0)
    if cached is not None and cached[0] is text:
        return cached[1]
    index: dict[str, list[int]] = {}
    for hit in re.finditer(r"\w+", text):
        index.setdefault(hit.group(0), []).append(hit.start())
    _INDEXED[0] = (text, index)
    return index


_LEGAL_FORM = re.compile(
    r"(?<![\w.])((?:[A-ZÁÉÍÓÚÑ][A-Za-zÁÉÍÓÚÑáéíóúñ'’\-]+[ \t]+){1,6}?"
    r"(?:(?:[A-ZÁÉÍÓÚÑ][A-Za-zÁÉÍÓÚÑáéíóúñ'’\-]+|and|de|del|la|los|y)[ \t]+){0,3}?"
    r"(?:Co\.,?[ \t]*Ltd\.?|Co\.,?[ \t]*Limited|Company[ \t]+Limited|Limited|Ltd\.|Inc\.|LLC|Corp\.|GmbH|"
    r"S\.A\.[ \t]+de[ \t]+C\.V\.|"
    # forms of free zones, Central Europe, the former Soviet Union and common-law registers
    r"(?:FZE|FZCO|FZ-LLC|LLP|PLC|JSC|OOO|SARL|B\.V\.|N\.V\.|S\.R\.L\.|Kft\.|Pte\.?[ \t]+Ltd\.?|"
    # Malaysia, India, Italy, the Nordic registers
    r"Sdn\.?[ \t]+Bhd\.?|Bhd\.|Pvt\.?[ \t]+Ltd\.?|S\.p\.A\.|SpA|A/S|ApS)(?![\w-])))"
    # Spanish names take a comma before the legal form and particles inside ("Distribuidora del Norte, S.A. de C.V.")
    r"|(?<![\w.])((?:[A-ZÁÉÍÓÚÑ][A-Za-zÁÉÍÓÚÑáéíóúñ'’\-]+[ \t]+(?:(?:de|del|la|los|y)[ \t]+)?){0,5}"
    r"[A-ZÁÉÍÓÚÑ][A-Za-zÁÉÍÓÚÑáéíóúñ'’\-]+,?[ \t]+"
    r"(?:S\.A\.[ \t]+de[ \t]+C\.V\.|S\.[ \t]*de[ \t]+R\.L\.(?:[ \t]+de[ \t]+C\.V\.)?|S\.C\.|Ltda\.?(?![\w-])))"
)
#: strings one of which a text holds when ``_LEGAL_FORM`` can match in it (a cheap test first)
_LEGAL_HINTS = ("Ltd", "Limited", "Inc.", "LLC", "Corp.", "GmbH", "C.V.", "R.L.", "S.C.", "FZ", "LLP", "PLC",
                "JSC", "OOO", "SARL", "B.V.", "N.V.", "S.R.L.", "Kft.", "Bhd", "Pvt", "S.p.A.", "SpA", "A/S",
                "ApS")  # fmt: skip
_LEGAL_LEAD = frozenset({"the", "a", "an", "and", "or", "of", "to", "by", "from", "with", "in", "on", "at",
                         "for", "today", "welcome", "also", "defendant", "defendants", "company", "firm",
                         "entity"})  # fmt: skip


#: legal forms written before the name (Russian and Central Asian registers): "OOO Severtekh", "JSC Volga"
_PREFIX_FORM = re.compile(
    r"(?<![\w.])(?:OOO|ZAO|OAO|PAO|PJSC|JSC|TOO)[ \t]+[\"«“]?[A-Z][\w-]+(?:[ \t]+[A-Z][\w-]+){0,3}[\"»”]?"
)


def _prefix_form_names(text: str, found: list[Mention]) -> list[Mention]:
    """Companies named after a legal form that opens the name ("OOO Severtekhsintez"), where NER
    found nothing or only the part after the form."""
    if not any(x in text for x in ("OOO", "ZAO", "OAO", "PAO", "JSC", "TOO")):
        return found
    out = list(found)
    for hit in _PREFIX_FORM.finditer(text):
        start, end = hit.span()
        end -= 1 if text[end - 1] in '"»”' else 0
        over = [m for m in out if m.start < end and start < m.end]
        if any(m.start < start or m.end > end for m in over if m.kind == "actor"):
            continue  # a longer or crossing name stands
        made = _make(text, start, end, "Company", "legal")
        if made is not None:
            out = [m for m in out if m not in over] + [made]
    return sorted(out, key=lambda m: m.start)


#: a company name with its seat in brackets, ending in a legal form: "Hongda (Hong Kong) Trading Limited",
#: "Fortune Sea Shipping (HK) Co., Limited", "Sinochem (Shenzhen) Pharmaceutical Co., Ltd."
_BRACKETED_SEAT = re.compile(
    r"(?<![\w.])((?:[A-Z][\w'’&-]*[ \t]+){0,5}?[A-Z][\w'’&-]*)[ \t]*\(([A-Z][A-Za-z. ]{1,24})\)"
    r"((?:[ \t]+[A-Z][\w'’&-]*){0,5}?,?[ \t]+(?:Co\.,?[ \t]*Ltd\.?|Co\.,?[ \t]*Limited|Company[ \t]+Limited|Limited|"
    r"Ltd\.|Inc\.|LLC|Corp\.|Pte\.?[ \t]+Ltd\.?|Co\.|Company))(?![\w-])"
)
_SEATS = frozenset({"hk", "h.k.", "hongkong", "asia", "asia pacific", "international", "intl", "intl.", "group", "usa",
                    "global", "china", "prc", "mexico", "india", "international trade"})  # fmt: skip


def _bracketed_seat_names(text: str, found: list[Mention]) -> list[Mention]:
    """Companies whose name holds a place in brackets ("Hongda (Hong Kong) Trading Limited"), which
    NER cuts into a person, a place and a piece ending in the legal form."""
    if "(" not in text:
        return found
    out = list(found)
    for hit in _BRACKETED_SEAT.finditer(text):
        seat = hit.group(2).strip()
        if not (seat.lower() in _SEATS or seat.lower() in _words("company_place_prefixes") or country_code(seat)):
            continue
        start, end = hit.start(1), hit.end(3)
        for word in re.finditer(r"\S+", hit.group(1)):
            if word.group(0).lower() not in _LEGAL_LEAD:
                start = hit.start(1) + word.start()  # "and Fortune Sea Shipping (HK) ...": the name starts here
                break
        over = [m for m in out if m.start < end and start < m.end]
        if any(m.kind == "actor" and (m.start < start or m.end > end) for m in over):
            continue  # a longer or crossing name stands
        name = text[start:end]
        out = [m for m in out if m not in over]
        out.append(Mention(start, end, name, name, "Company", entity_id("Company", name), source="legal"))
    return sorted(out, key=lambda m: m.start)


_CAPS_WORD = r"(?:[A-Z][A-Z0-9&'’\-]*|&)"
_CAPS_FORM = (
    r"CO\.,?[ \t]*LTD\.?|CO\.,?[ \t]*LIMITED|COMPANY[ \t]+LIMITED|LIMITED|LTD\.?|INC\.?|LLC|L\.L\.C\.|CORP\.?|"
    r"CORPORATION|GMBH|FZE|FZCO|FZ-LLC|PTE\.?[ \t]+LTD\.?|PVT\.?[ \t]+LTD\.?|SDN\.?[ \t]+BHD\.?|"
    r"S\.A\.[ \t]+DE[ \t]+C\.V\.|S\.[ \t]*DE[ \t]+R\.L\.(?:[ \t]+DE[ \t]+C\.V\.)?|S\.C\.|LTDA\.?"
)
#: a company named in capitals, as sanctions lists and releases write designees: "ZHUZHOU X PHARMACEUTICAL
#: TECHNOLOGY CO., LTD.", "DIVISAS MONTE AZUL, S.A. DE C.V."
_CAPS_COMPANY = re.compile(
    rf"(?<![\w.’'-])((?:{_CAPS_WORD}[ \t]+){{0,8}}{_CAPS_WORD}),?[ \t]+(?:{_CAPS_FORM})(?![\w-])"
)
#: a person named in capitals at the start of a paragraph, before a bracket or a comma: "ANSELMO X Y (a.k.a. ...)"
_CAPS_PERSON = re.compile(r"(?m)^[ \t]*((?:[A-Z][A-Z'’\-]+[ \t]+){1,3}[A-Z][A-Z'’\-]+)(?=[ \t]*\(|,[ \t]+[a-z])")
_CAPS_SURNAME_FIRST = re.compile(r"(?<![\w.’'-])([A-Z]{2,})[ \t]+([A-Z][a-z]+(?:-[a-z]+)?)(?![\w-])(?![ \t]+[A-Z])")
_CAPS_LEAD = frozenset({"THE", "AND", "OF", "TO", "BY", "FROM", "WITH", "IN", "ON", "AT", "FOR", "A", "AN"})


def _capital_names(text: str, found: list[Mention]) -> list[Mention]:
    """Companies and people named in capitals (a designation's own style), which NER cuts or misses."""
    if not re.search(r"[A-Z]{3,}", text):
        return found
    headlines = _headline_lines(text)
    out = list(found)

    def put(start: int, end: int, schema: str) -> None:
        nonlocal out
        if any(a <= start < b for a, b in headlines):
            return
        over = [m for m in out if m.start < end and start < m.end]
        if any(m.kind == "actor" and (m.start < start or m.end > end) for m in over):
            return  # a longer or crossing name stands
        name = text[start:end]
        out = [m for m in out if m not in over]
        out.append(Mention(start, end, name, name, schema, entity_id(schema, name), source="legal"))

    for hit in _CAPS_COMPANY.finditer(text):
        start = hit.start(1)
        for word in re.finditer(r"\S+", hit.group(1)):
            if word.group(0) not in _CAPS_LEAD:
                start = hit.start(1) + word.start()
                break
        if hit.group(0).rstrip().endswith("S.C.") and not _has_word(text[start : hit.end()], "company_words"):
            continue  # "COLUMBIA, S.C.": South Carolina
        put(start, hit.end(), "Company")
    surnames = east_asian_surnames()
    for hit in _CAPS_SURNAME_FIRST.finditer(text):  # "LI Xiaoyan", "WANG Haoyu" NER read as a people's word
        shaped = hit.group(1).lower() in surnames and _PINYIN_GIVEN.fullmatch(hit.group(2).lower().replace("-", ""))
        if shaped and not any(m.kind == "actor" and m.start < hit.end() and hit.start() < m.end for m in out):
            put(hit.start(), hit.end(), "Person")
    for hit in _CAPS_PERSON.finditer(text):
        name = hit.group(1)
        words = name.split()
        if any(len(w) < 3 for w in words) or not person_shaped(name.title()):
            continue
        if any(w.lower() in _words("company_words") or w.lower() in _title_words() for w in words):
            continue
        put(hit.start(1), hit.end(1), "Person")
    return sorted(out, key=lambda m: m.start)


def _legal_form_names(text: str, found: list[Mention]) -> list[Mention]:
    """Company names that end in a legal form ("Hebei Ruolin Trading Co., Ltd.", "... Limited")
    where NER gave no name or only a piece of one: the whole run of capitalised words before the
    legal form is the company (leading function words and headline words left out)."""
    if not any(x in text for x in _LEGAL_HINTS):
        return found
    out = list(found)
    for hit in _LEGAL_FORM.finditer(text):
        g = 1 if hit.group(1) else 2
        start, end = hit.start(g), hit.end(g)
        if hit.group(g).endswith("S.C.") and not _has_word(hit.group(g)[:-4], "company_words"):
            continue  # "Charleston, S.C.": South Carolina, not a civil company
        if hit.group(g).split()[-1] in ("OOO", "JSC") and re.match(r"[ \t]+[\"«“]?[A-Z]", text[end:]):
            continue  # "... and JSC Volga Metals": the form opens the next name
        words = hit.group(g).split()
        while words and words[0].lower() in _LEGAL_LEAD:
            start = text.index(words[1], start + len(words[0])) if len(words) > 1 else end
            words = words[1:]
        pair = re.search(r"\s+and\s+(\S+)\s", text[start:end])
        if pair and pair.group(1).lower().rstrip(".,") not in _words("company_words"):
            start += pair.start(1)  # "Kai Ren and Huatai Chemical Co., Ltd." (but "Import and Export Co.")
        people = [m for m in out if m.kind == "actor" and m.schema == "Person" and start <= m.start < end
                  and not _FORM_FIRST.match(m.text)]  # fmt: skip  # "S. de R.L." read as a person
        rest = text[people[0].end : end] if people else ""
        if (
            people
            and people[0].start == start
            and (
                re.fullmatch(r"[,.]?\s*", rest.split(",")[0])
                or re.fullmatch(r"(?:[,.]?\s*[A-Z][A-Za-z]{0,4}\.?)+", rest)
            )
        ):  # "Mutiara Kimia Sdn" + ". Bhd."
            people = []  # "Transportes y Logistica Ulloa, S.A. de C.V.": NER read the firm's own name as a person
        firm_first = [m for m in out if m.kind == "actor" and m.schema == "Company" and m.start == start]
        if people and firm_first and not text[firm_first[0].end : people[0].start].strip():
            people = []  # "Agencia Aduanal" + "Quetzal Norte" + ", S.C.": NER cut one firm's name in two
        if people and people[-1].end >= end:
            continue  # a person's name ends where the legal form does: NER's reading is checked elsewhere
        if people:
            start = text.find(" ", people[-1].end) + 1  # a company name holds no person's name
            start += len(text[start:end]) - len(text[start:end].lstrip())
            start += 4 if text[start:end].startswith("and ") else 0
        if len(text[start:end].split()) < 2:
            continue
        over = [m for m in out if m.start < end and start < m.end]
        ragged = [m for m in over if m.start == start and m.end > end and re.search(r"[|\n]|\s-\s", text[end : m.end])]
        ragged += [m for m in over if m.kind == "place"]  # "Karim Saleh, Arktika Trade LLC" read as one place
        # "Gulfway Shipping FZCO" read by NER as one person: a name ending in a legal form is a company
        ragged += [m for m in over if m.schema == "Person" and m.start == start and m.end == end]
        if any(m.start <= start and end <= m.end for m in over if m not in ragged):
            continue  # already covered by a name as long (not "X Co., Ltd. - Home | Products")
        if any(m.start < start or m.end > end for m in over if m.kind == "actor" and m not in ragged):
            continue  # a longer or crossing name: NER's reading stands
        made = _make(text, start, end, "Company", "legal")  # kept in headlines: a legal form is no headline word
        if made is None:
            continue
        out = [m for m in out if m not in over]
        out.append(made)
    return sorted(out, key=lambda m: m.start)


#: a span that opens with a legal form, which no person's name does
_FORM_FIRST = re.compile(r"(?:S\.[ \t]*(?:A\.|de\b|L\.|R\.L\.)|S\.p\.A\.|C\.V\.|Ltda?\b|LLC\b|Inc\b|Co\.|Pvt\b)")


def _firm_name(name: str) -> bool:
    """A name ending in a company word or a legal form ("Sunrise Pharma Exports", "Baraka Imports")."""
    return name.split()[-1].lower().rstrip(".") in _words("company_words") | _legal_forms()


@cache
def _legal_forms() -> frozenset[str]:
    """Legal forms that end a company's name, lower case without the final full stop."""
    return frozenset(h.lower().rstrip(".") for h in _LEGAL_HINTS) | {"fze", "fzco", "fz-llc", "ag", "sa", "srl"}


def _repeats(text: str, found: list[Mention]) -> list[Mention]:
    """A name recognised once in a story is a mention wherever else it appears in that story."""
    local = {m.name: m for m in found if m.kind == "actor" and len(m.name) >= 4 and m.name == m.text}
    if not local:
        return found
    # "Nuctech" tagged ORG once and GPE elsewhere: the place reading loses
    found = [
        local[m.text].with_(start=m.start, end=m.end) if m.kind == "place" and m.text in local else m for m in found
    ]
    taken = [(m.start, m.end) for m in found]
    extra: list[Mention] = []
    for start, end, entry in Gazetteer([Entry(name, m.schema) for name, m in local.items()], known=False).find(text):
        if not any(s < end and start < e for s, e in taken):
            m = local[entry.name]
            extra.append(m.with_(start=start, end=end, source="repeat"))
    return found + extra


def _consistent(mentions: list[Mention]) -> list[Mention]:
    """One schema per name within a story: a company word anywhere beats a PERSON tag."""
    org_keys: dict[str, str] = {}
    first_words: dict[str, str] = {}
    for m in mentions:
        if m.kind == "actor" and m.schema != "Person":
            key = name_key(m.name)
            org_keys.setdefault(key, m.schema)
            first_words.setdefault(key.split(" ")[0], m.schema)
    heads: dict[str, str] = {}  # "Mutiara Kimia" of "Mutiara Kimia Sdn. Bhd.": the name before its legal form
    for m in mentions:
        words = m.name.split()
        if m.kind == "actor" and m.schema == "Company" and len(words) > 2 and _firm_name(m.name):
            while len(words) > 2 and (_firm_name(words[-1]) or len(words[-1].rstrip(".")) <= 4):
                words = words[:-1]
            if not person_shaped(" ".join(words)):
                heads.setdefault(name_key(" ".join(words)), "Company")
    out: list[Mention] = []
    for m in mentions:
        if m.kind == "actor" and m.schema == "Person":
            key = name_key(m.name)
            schema = org_keys.get(key) or (first_words.get(key) if " " not in key else None) or heads.get(key)
            if schema:
                m = m.with_(schema=schema, entity_id=entity_id(schema, m.name))
        out.append(m)
    return out


def without_suffix(words: list[str]) -> list[str]:
    """A name's words without a generational suffix ("Frank Montoya Jr." -> Frank Montoya)."""
    while len(words) > 2 and name_key(words[-1]) in ("jr", "sr", "ii", "iii"):
        words = words[:-1]
    return words


def family_names(people: list[Mention]) -> dict[str, Mention]:
    """The word a story may use alone for each named person: the last word of the name, and the
    first for East Asian name order ("Wang" for "Wang Haoyu") when no other person shares it."""
    out: dict[str, Mention] = {}
    first: dict[str, list[Mention]] = {}
    for m in people:
        raw = without_suffix(m.name.split())  # "Frank Montoya Jr.": Montoya
        if len(raw) < 2:
            continue
        out.setdefault(name_key(raw[-1]), m)  # "Felbab-Brown" for "Vanda Felbab-Brown"
        given = _words("given_names")
        if len(raw) == 4 and raw[-2].lower() not in _PARTICLES and raw[0].lower() in given:
            out.setdefault(name_key(raw[-2]), m)  # two surnames: "Ibarra" for "Hector Salvador Ibarra Luna"
        opens = raw[0].lower() in given or rare_word(raw[0])  # "Eustaquio Zamudio Carranza": Zamudio
        if len(raw) == 3 and opens and raw[1].lower() not in given | _PARTICLES:
            out.setdefault(name_key(raw[1]), m)  # given name and two surnames: "Ulloa" for "Javier Ulloa Medrano"
        words = [name_key(w) for w in raw]
        if len(words) <= 3 and words[0] in east_asian_surnames():
            first.setdefault(words[0], [])
            if all(name_key(x.name) != name_key(m.name) for x in first[words[0]]):
                first[words[0]].append(m)
    for key, found in first.items():
        if len(found) == 1:
            out.setdefault(key, found[0])
    return out


#: nouns an apposition after a single name uses only for people ("Cronin, the former federal prosecutor")
_PERSON_NOUNS = (
    "prosecutor|lawyer|attorney|judge|agent|officer|official|spokes(?:person|man|woman)|businessman|"
    "businesswoman|national|citizen|resident|professor|fellow|senator|congressman|congresswoman|minister|"
    "journalist|reporter|analyst|researcher|economist|founder|chairman|chairwoman|ceo|president|director|"
    "defendant|fugitive|broker|chemist|diplomat|ambassador|activist|tycoon|leader|man|woman"
)
_PERSON_APPOSITION = re.compile(rf",\s+(?:\d{{1,3}},|(?:the|a|an)\s+(?:[\w-]+\s+){{0,3}}?(?:{_PERSON_NOUNS})\b)", re.I)

_AGE = re.compile(r",\s+\d{1,3},\s+(?:the|a|an|who|of|[a-z]+\s+(?:of|at|for))\b")


def _apposed_persons(text: str, mentions: list[Mention]) -> list[Mention]:
    """A single name NER typed as an organisation is a person when an age or a person's noun is
    apposed to it ("Lai, 77, has pleaded", "Cronin, the former federal prosecutor, ..."); a name of
    up to four words when it holds a role only people hold ("X is Y's sole administrator")."""
    out: list[Mention] = []
    for m in mentions:
        if (
            m.kind == "actor"
            and m.schema != "Person"
            and m.source == "ner"
            and not m.name.isupper()
            and not org_schema(m.name, "")
            and (
                ((" " not in m.name.strip() or _AGE.match(text, m.end)) and _PERSON_APPOSITION.match(text, m.end))
                or (len(m.name.split()) <= 4 and role_context(text, m.start, m.end))  # "its general director, X"
            )
        ):
            m = m.with_(schema="Person", entity_id=entity_id("Person", m.name))
        out.append(m)
    return out


@cache
def _known_place_keys() -> frozenset[str]:
    return frozenset(name_key(str(p)) for p in actor_data().get("places", []))


def _surnames(mentions: list[Mention]) -> list[Mention]:
    """ "Trump", "Navarro" tagged as organisations after "Donald Trump", "Peter Navarro" in the
    same story: the person, by coreference."""
    full = [m for m in mentions if m.kind == "actor" and m.schema == "Person" and not m.coref]
    people = family_names(full)
    pairs = _surname_pairs(full)
    ends = {name_key(w) for m in full if " " in m.name.strip() for w in (m.name.split()[0], m.name.split()[-1])}
    out: list[Mention] = []
    for m in mentions:
        key = name_key(m.name)
        owner = pairs.get(key)
        if m.kind == "actor" and not m.coref and owner is not None and not org_schema(m.name, ""):
            m = owner.with_(start=m.start, end=m.end, text=m.text, source="coref", coref=True)  # "Vela Montes"
        elif (
            (m.kind == "actor" or (m.kind == "place" and m.source != "gazetteer" and key not in _known_place_keys()))
            and m.schema != "Person"
            and " " not in m.name.strip()
            and not m.name.isupper()
            and (key in people or (key in ends and m.kind == "actor"))
            and not org_schema(m.name, "")
        ):  # "Liang" tagged GPE after "Liang Zhiwei"
            if key in people:
                p = people[key]
                m = p.with_(start=m.start, end=m.end, text=m.text, source="coref", coref=True)
            else:  # a family name two people share ("Pan" after "Pan Lei" and "Pan Xiu"): coreference decides
                m = m.with_(schema="Person", entity_id=entity_id("Person", m.name))
        out.append(m)
    return out


def _surname_pairs(people: list[Mention]) -> dict[str, Mention]:
    """The two family names a story may use alone for a person named with a given name before them
    ("Vela Montes" for "Ricardo Vela Montes", "Ibarra Luna" for "Hector Salvador Ibarra Luna"), when
    no other person of the story ends in the same two."""
    found: dict[str, list[Mention]] = {}
    for m in people:
        raw = m.name.split()
        while len(raw) > 3 and name_key(raw[-1]) in ("jr", "sr", "ii", "iii"):
            raw = raw[:-1]
        if len(raw) < 3 or raw[-2].lower() in _PARTICLES or name_key(raw[0]) in east_asian_surnames():
            continue
        key = name_key(" ".join(raw[-2:]))
        if all(name_key(x.name) != name_key(m.name) for x in found.get(key, [])):
            found.setdefault(key, []).append(m)
    return {key: ms[0] for key, ms in found.items() if len(ms) == 1}


#: "Foreign, Commonwealth and Development Office": the first of a body's listed portfolios, cut off at its comma
_COMMA_LED = re.compile(r"(?<![\w’'-])([A-Z][a-z]{2,}),[ \t]+$")
_NOT_PORTFOLIO = frozenset({"the", "today", "yesterday", "meanwhile", "however", "separately", "also", "and", "but",
                            "in", "on", "by", "with", "said", "says", "added", "britain", "london"})  # fmt: skip


def _comma_led(text: str, found: list[Mention]) -> list[Mention]:
    """A body whose name lists its portfolios ("Foreign, Commonwealth and Development Office",
    "Department for Environment, Food and Rural Affairs") where NER began after the first comma."""
    bodies = _words("public_body_words") | _words("organization_words")
    out: list[Mention] = []
    for m in found:
        words = m.name.split()
        if m.kind == "actor" and m.schema != "Person" and " and " in m.name and words[-1].lower() in bodies:
            lead = _COMMA_LED.search(text[max(0, m.start - 30) : m.start])
            if lead is not None and lead.group(1).lower() not in _NOT_PORTFOLIO and country_code(lead.group(1)) is None:
                start = m.start - len(lead.group(0))
                if not any(o is not m and o.start < m.start and start < o.end for o in found):
                    made = _make(text, start, m.end, m.schema, m.source, m.country)
                    m = made if made is not None else m
        out.append(m)
    return out


#: "Dwight Ravensworth, 45, of Houston": a name with an age apposed is a person's, also where NER saw none
_AGED_WORD = r"(?:[A-Z][a-z’']+(?:-[A-Z]?[a-z’']+)*|[A-Z]{2,})"
_AGED_ALIAS = r"(?:also[ \t]+known[ \t]+as|known[ \t]+as|a/k/a|a\.k\.a\.|alias)[ \t]+[\"“][^\"”\n]{1,40}[\"”],?[ \t]+"
_AGED = re.compile(
    rf"(?<![\w’'.-])({_AGED_WORD}(?:[ \t]+(?:(?:de|del|la|los|van|von|bin|al|el|y)[ \t]+)?{_AGED_WORD}){{1,3}})"
    rf"(?=,[ \t]+(?:{_AGED_ALIAS})?\d{{1,2}},[ \t]+(?:the|a|an|who|of|from|his|her|its|[a-z]+[ \t]+(?:of|at|for))\b)"
)


def _aged_names(text: str, found: list[Mention]) -> list[Mention]:
    """Names of two to four words followed by an age ("- Shuying Rao, 47, of Hefei, China, ...", a
    defendants list) are people; a shorter person mention NER gave inside the name gives way."""
    org = _words("company_words") | _words("organization_words") | _words("public_body_words") | _title_words()
    headlines = _headline_lines(text)
    out = list(found)
    for hit in _AGED.finditer(text):
        made = _make(text, hit.start(1), hit.end(1), "Person", "shape")
        if made is None or len(made.name.split()) < 2 or any(w.lower().strip(".") in org for w in made.name.split()):
            continue
        if country_code(made.name) is not None or any(a <= made.start < b for a, b in headlines):
            continue
        over = [m for m in out if m.start < made.end and made.start < m.end]
        if any(m.kind in ("actor", "gov") and (m.start < made.start or m.end > made.end) for m in over):
            continue
        firm = [m for m in over if m.source not in ("ner", "repeat") and m.schema != "Person"]
        if firm or any(m.kind == "actor" and (m.start, m.end) == (made.start, made.end) for m in over):
            continue  # a name found on firmer ground, or NER's own; only its cut pieces ("Rourke" as a firm) give way
        out = [m for m in out if m not in over] + [made]
    return sorted(out, key=lambda m: m.start)


_CAPITAL_BEFORE = re.compile(r"(?<![\w’'-])([A-Z]{2,})[ \t]+$")


def _capital_family(text: str, found: list[Mention]) -> list[Mention]:
    """A family name in capitals before the given name ("LAM Chi-keung", "PAN Jingrui" in a
    designation notice) belongs to the person NER found after it."""
    surnames = east_asian_surnames()
    out: list[Mention] = []
    for m in found:
        if m.kind == "actor" and m.schema == "Person" and not m.coref and " " not in m.name:
            cap = _CAPITAL_BEFORE.search(text[max(0, m.start - 12) : m.start])
            if cap is not None and cap.group(1).lower() in surnames:
                start = m.start - len(cap.group(0))
                made = _make(text, start, m.end, "Person", m.source)
                m = made if made is not None else m
        out.append(m)
    return out


#: a nickname in quotes inside a person's name: 'Jorge Luis "El Flaco" Pereira Santos'
_INNER_NICKNAME = re.compile(
    r"(?<![\w.’'-])([A-Z][a-z’'-]+(?:[ \t]+[A-Z][a-z’'-]+){0,2})[ \t]+[\"“]([A-Z][^\"”\n]{1,30}?)[,.]?[\"”][ \t]+"
    r"((?:(?:de|del|la|los|dos|da)[ \t]+)?[A-Z][a-z’'-]+"
    r"(?:[ \t]+(?:(?:de|del|la|los|dos|da)[ \t]+)?[A-Z][a-z’'-]+){0,2})(?![\w-])"
)


def _inner_nicknames(text: str, found: list[Mention]) -> list[Mention]:
    """'Jorge Luis "El Flaco" Pereira Santos': one person, named without the nickname (which the
    alias reader takes from the mention's text); NER's pieces of it give way."""
    if '"' not in text and "“" not in text:
        return found
    out = list(found)
    for hit in _INNER_NICKNAME.finditer(text):
        name = f"{hit.group(1)} {hit.group(3)}"
        if not (given_name(hit.group(1).split()[0]) or person_shaped(name)) or org_schema(name, ""):
            continue
        start, end = hit.span()
        over = [m for m in out if m.start < end and start < m.end]
        if any(m.kind == "actor" and (m.start < start or m.end > end) for m in over):
            continue
        out = [m for m in out if m not in over]
        out.append(Mention(start, end, text[start:end], name, "Person", entity_id("Person", name), source="shape"))
    return sorted(out, key=lambda m: m.start)


_AGED_OF = re.compile(r",[ \t]+\d{1,3},[ \t]+of[ \t]+$")


def _home_towns(text: str, found: list[Mention]) -> list[Mention]:
    """ "Callum Verity, 38, of Dartford, Kent": the words after a person's age and "of" name where the
    person lives, not more people (NER often reads "Dartford" and "Kent" as names)."""
    out: list[Mention] = []
    place_end = -1
    for m in sorted(found, key=lambda x: x.start):
        after_age = bool(_AGED_OF.search(text[max(0, m.start - 16) : m.start]))
        listed = place_end >= 0 and re.fullmatch(r",[ \t]+", text[place_end : m.start]) is not None
        one_word = m.kind == "actor" and m.schema == "Person" and " " not in m.name.strip()
        if (after_age or listed) and one_word and m.source == "ner" and not m.coref:
            m = Mention(m.start, m.end, m.text, m.text, "Address", "", "place")
        place_end = m.end if m.kind in ("place", "gov") and (after_age or listed) else -1
        out.append(m)
    return out


_SECOND_FORM = re.compile(r"[ \t]+(LLC|L\.L\.C\.|Inc\.|Ltd\.|Limited|LLP|GmbH)(?![\w.])")


def _second_form(text: str, found: list[Mention]) -> list[Mention]:
    """ "Ridgeway Supply Co. LLC": a legal form after a company name that already ends in one."""
    out: list[Mention] = []
    dropped: set[int] = set()
    for m in found:
        if m.kind == "actor" and m.schema == "Company" and m.name.endswith(("Co.", "Company", "Corp.")):
            more = _SECOND_FORM.match(text, m.end)
            over = [o for o in found if o is not m and o.start < (more.end() if more else 0) and m.end < o.end]
            if more is not None and all(m.end <= o.start and o.end <= more.end() for o in over):
                made = _make(text, m.start, more.end(), "Company", m.source, m.country)
                if made is not None:
                    m, dropped = made, dropped | {id(o) for o in over}  # "LLC" read as a name of its own
        out.append(m)
    return [m for m in out if id(m) not in dropped]
