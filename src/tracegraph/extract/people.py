"""Is a capitalised name a person's? Evidence from the name itself, not from the NER label.

The small spaCy model reads "Pavel Orlov" as a company and "Marta Quiroga" as a place. A name
is person-shaped when it holds no organisation, role, place or calendar word and its words look
like name parts:

* a given name first: one of ``given_names`` in ``data/actors.yaml`` or ``data/names.yaml``
  (Russian, Arabic, Persian, Turkish, South Asian, African, East Asian, European, Hispanic), or a
  word rare in English (wordfreq) when the last word has a family-name ending;
* a family name last: a word not common in English, a family-name ending (Slavic "-ov", "-enko",
  "-skaya"; Georgian "-shvili"; Turkish "-oglu"; Persian "-zadeh"; Spanish "-ez"), or "al-X";
* or an East Asian order: a family name the data lists, then a pinyin or hyphenated given name
  ("Zhou Xiaoming", "Park Ji-hoon") or short words rare in English ("Teo Boon Keat"), or a
  hyphenated given name then the family name ("Ji-hoon Park").

rigour's person-name tagger was tried for the given-name test: it knows most of these names, but
loading it costs about 10 s and 250 MB per process, too much for one extraction rule.
Every look-up is per word and cached, so a long list of names costs one look-up per new word.
"""

from __future__ import annotations

import re
from functools import cache

from tracegraph.extract.gazetteer import actor_data, country_data
from tracegraph.extract.keys import name_key
from tracegraph.extract.precision import east_asian_surnames

#: lower-case particles inside Arabic, Spanish, Dutch and German names
PARTICLES = frozenset(
    {"al", "el", "bin", "ibn", "bint", "abu", "de", "del", "der", "den", "van", "von", "da", "di", "du", "dos",
     "das", "la", "le", "y", "ben"}
)  # fmt: skip
#: first words of place names that also start given names or look like them ("San Pedro", "Santa Ana")
_PLACE_STARTS = frozenset(
    {"san", "santa", "santo", "sao", "são", "saint", "st", "st.", "port", "fort", "mount", "mt", "lake", "new",
     "north", "south", "east", "west", "upper", "lower", "greater", "little", "cape", "point", "puerto", "porto",
     "ciudad", "villa", "nueva", "nuevo", "bay", "isla", "las", "los", "el", "la", "le", "les", "al", "gulf",
     "royal", "camp", "glen"}
)  # fmt: skip
#: words that open Arabic names before a second given name ("Abu Bakr Nasser", "Abd al-Karim")
_OPENERS = frozenset({"abu", "abd", "abdul", "abdel", "umm"})
#: family-name endings English words do not have
_SURNAME_END = re.compile(
    r"(?:[^aeiou](?:ov|ova|ev|eva|yov|yova|ina|sky|skiy|ski|yan|dze|ovic|evic|ez)|skaya|enko|chuk|vich|vych|ovna|"
    r"evna|shvili|oglu|zadeh|escu)$"
)
_WORD = re.compile(r"[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’]+(?:-[A-Za-zà-öø-ÿ][a-zà-öø-ÿ]+)?")
_PREFIXED = re.compile(r"(?:al|el|Al|El|Abd|abd)-([A-Z][a-z]+)")
_PINYIN = re.compile(
    r"(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|an|ao|ei|en|er|"
    r"ia|ie|in|iu|ou|ua|ue|ui|un|uo|a|e|i|o|u|v)){1,2}"
)
#: how rare in English an unlisted first word must be to start a name ending in a family-name shape
_RARE_ZIPF = 2.5
#: how common an English word may be and still end a name
_FAMILY_ZIPF = 4.5


@cache
def _blocking_words() -> frozenset[str]:
    """Words that make a name an organisation's, a body's, a place's or a title, never a person's."""
    from tracegraph.datafiles import load_yaml

    data = actor_data()
    keys = ("company_words", "company_followers", "public_body_words", "organization_words", "not_actor_heads",
            "generic_heads", "name_pairs")  # fmt: skip
    words = {str(w).lower().rstrip(".") for k in keys for w in data.get(k, [])}
    roles = load_yaml("tracegraph.extract", "data", "roles.yaml")
    words |= {str(w).lower() for ws in roles["roles"].values() for w in ws}
    words |= {str(k).lower() for k in country_data()["adjectives"]}
    words |= {str(k).lower() for k in country_data()["names"]}
    words |= {"exchange", "finance", "capital", "services", "service", "solutions", "systems", "partners",
              "ventures", "fund", "foundation", "hospital", "school", "church", "mosque", "temple", "street",
              "avenue", "road", "river", "port", "airport", "station", "bridge", "square", "district",
              "province", "region", "county", "city", "state", "island", "islands", "republic", "kingdom",
              "emirates", "federation", "marine", "maritime", "shipping", "freight", "transport", "cargo",
              "fuel", "fuels", "petrochemical", "steel", "textiles", "electronics", "supply", "supplies",
              "international", "global", "general", "national", "united", "limited", "investment",
              "investments", "construction", "consulting", "agro", "foods", "food", "pharmacy", "clinic",
              "today", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
              "january", "february", "march", "april", "june", "july", "august", "september", "october",
              "november", "december"}  # fmt: skip
    return frozenset(words - {"and", "of", "the"})


@cache
def _given_list() -> frozenset[str]:
    from tracegraph.datafiles import load_yaml

    listed = {str(w).lower() for w in actor_data().get("given_names", [])}
    for names in load_yaml("tracegraph.extract", "data", "names.yaml")["given_names"].values():
        listed |= {str(w).lower() for w in names}
    return frozenset(listed)


@cache
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "en"))


def given_name(word: str) -> bool:
    """A listed given name ("Pavel", "Yelena", "Karim"; "Ji-hoon" by its hyphenated shape)."""
    return word.lower() in _given_list()


def rare_word(word: str) -> bool:
    """A capitalised word rare in English that is no organisation, place or role word ("Anselmo")."""
    low = word.lower()
    if len(low) < 3 or low in _blocking_words() or low in _PLACE_STARTS or _place(word):
        return False  # "Hubei", a province that opens company names, is no given name
    return _zipf(low) < _RARE_ZIPF


def _family_name(word: str) -> bool:
    prefixed = _PREFIXED.fullmatch(word)
    low = (prefixed.group(1) if prefixed else word).lower()
    if low in _blocking_words() or len(low) < 2:
        return False
    if prefixed or low in east_asian_surnames():
        return True
    return _zipf(low) < _FAMILY_ZIPF


def _east_asian(words: list[str]) -> bool:
    """ "Zhou Xiaoming", "Park Ji-hoon" (family name first) or "Ji-hoon Park" (given name first)."""
    if len(words) not in (2, 3):
        return False
    surnames = east_asian_surnames()
    first, rest = words[0].lower(), [w.lower() for w in words[1:]]
    if first in surnames and all(_PINYIN.fullmatch(w.replace("-", "")) or "-" in w for w in rest):
        return True
    if first in surnames and all(2 <= len(w) <= 5 and w not in _blocking_words() and _zipf(w) < 4.0 for w in rest):
        return True  # other romanisations: "Teo Boon Keat", "Ng Kok Wah"
    return len(words) == 2 and "-" in words[0] and rest[0] in surnames


@cache
def _place_keys() -> frozenset[str]:
    data = country_data()
    keys = {name_key(str(k)) for k in data["names"]} | {name_key(str(k)) for k in data["capitals"]}
    keys |= {name_key(str(p)) for k in ("places", "company_place_prefixes") for p in actor_data().get(k, [])}
    return frozenset(keys)


def _place(name: str) -> bool:
    return name_key(name) in _place_keys()


def person_shaped(name: str) -> bool:
    """``name`` (two to five capitalised words, particles allowed inside) reads as a person's name
    and holds no organisation, role, place or calendar word."""
    words = name.split()
    if not 2 <= len(words) <= 5 or words[0].lower() in _PLACE_STARTS:
        return False
    core = [w for w in words if w.lower() not in PARTICLES]
    if len(core) < 2 or words[-1].lower() in PARTICLES:
        return False
    if not all(_WORD.fullmatch(w) or _PREFIXED.fullmatch(w) for w in core):
        return False
    if any(w.lower().rstrip(".") in _blocking_words() for w in words) or _place(name):
        return False
    if _east_asian(core) or (words[0].lower() in _OPENERS and _family_name(core[-1])):
        return True
    if not (_family_name(core[-1]) and all(_family_name(w) or given_name(w) for w in core[1:-1])):
        return False
    if given_name(core[0]) or (rare_word(core[0]) and bool(_SURNAME_END.search(core[-1].lower()))):
        return True
    # a given name and two family names, each rare in English and none a pinyin syllable run: "Fulgencio
    # Navarrete Oliva" (a Chinese firm's name, "Tianrun Xinda Huagong", reads as pinyin)
    return (
        3 <= len(core) <= 4
        and rare_word(core[0])
        and all(_zipf(w.lower()) < _RARE_ZIPF for w in core[1:])
        and not any(_PINYIN.fullmatch(w.lower()) for w in core)
    )


#: role nouns only a person holds (a company may own, represent or be a partner; it is no chairman)
_PERSON_ROLES = (
    r"director|administrator|manager|chairman|chairwoman|chairperson|president|founder|co-founder|ceo|cfo|"
    r"chief\s+executive|accountant|chemist|bookkeeper|employee|saleswoman|salesman|cashier|courier|lieutenant|"
    r"national|citizen|resident|businessman|businesswoman|husband|wife|son|daughter|brother|sister|nephew|niece|"
    r"cousin|father|mother|associate|defendant|fugitive|leader|boss|kingpin"
)
_ROLE_AFTER = re.compile(
    rf"\s+(?:is|was|has\s+been|serves\s+as|served\s+as|acts\s+as|acted\s+as|became)\s+"
    rf"(?:the|a|an|its|his|her|their|[A-Z][\w'’. -]{{0,60}}?['’]s)\s+(?:[\w-]+\s+){{0,3}}?(?:{_PERSON_ROLES})\b"
)
_ROLE_BEFORE = re.compile(
    rf"(?:\b(?:its|his|her|their|whose)|['’]s)\s+(?:[\w-]+\s+){{0,3}}?(?:{_PERSON_ROLES})(?:,|\s+(?:is|was))?\s+$",
    re.I,
)


def role_context(text: str, start: int, end: int) -> bool:
    """The name at ``text[start:end]`` holds a role only people hold: "X is Y's sole administrator",
    "its general director, X"."""
    return bool(_ROLE_AFTER.match(text, end)) or bool(_ROLE_BEFORE.search(text[max(0, start - 80) : start]))
