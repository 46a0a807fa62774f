"""Defined short forms and other names: "the Office of Foreign Assets Control (OFAC)",
"Interpol (International Criminal Police Organization)", "X Co., Ltd. (X)", "(collectively, the
Zheng DTO)", "(hereinafter “Acme”)", "also known as", "a.k.a.", "formerly known as", "d/b/a".

:func:`definitions` finds them once per story; the analysis then points every later use of the
short form at the long form's entity, and ``rel.deps.v1`` writes an ``alias`` (or
``previousName``) statement with the definition as evidence, which resolution uses across stories.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from tracegraph.extract.entities import country_code, org_schema
from tracegraph.extract.gazetteer import actor_data
from tracegraph.extract.keys import entity_id, name_key
from tracegraph.extract.mentions import Mention

_PAREN = re.compile(
    r"\s*\(\s*(?:(collectively|together|hereinafter|hereafter)[,:]?\s+)?(?:(?:the|as)\s+)?[\"“'‘]?"
    r"([^()\"“”‘’\n]{1,80}?)[\"”'’]?\s*\)"
)
_NAME = r"[A-Z0-9][\w.&'’\-]*(?:\s+(?:[A-Z0-9][\w.&'’\-]*|of|and|&|de|for|the))*"
_OTHER = re.compile(
    r"\s*,?\s*(?:\d{1,3},\s*)?\(?\s*(also known as|a\.k\.a\.?|a/k/a|aka|f/k/a|f\.k\.a\.?|fka|formerly known as|"
    r"formerly|"
    r"(?:which|that)\s+(?:until|before|prior\s+to)\s+\d{4}\s+(?:traded|operated|did\s+business|"
    r"was\s+(?:known|registered|named|called))\s+as|"
    r"previously known as|n/k/a|n\.k\.a\.?|now known as|"
    r"(?:formerly|previously)\s+(?:named|called|registered\s+as)|"
    r"d/b/a|doing business as|trading as|also called|(?:also\s+|better\s+|widely\s+)?known\s+as|"
    r"(?:also\s+|better\s+|widely\s+)?known\s+to\s+(?:[a-z]+\s+){1,3}?as|nicknamed|alias(?=\s+[\"“A-Z])|"
    r"(?:who|which|that)\s+(?:also\s+)?(?:used|uses|went\s+by|goes\s+by)\s+(?:the\s+)?"
    r"(?:name|names|alias|aliases|nickname|nicknames)|"
    r"(?:who|that)\s+(?:also\s+)?(?:went|goes|go)\s+by(?=\s+[\"“])|"
    r"(?:which|that|who)\s+(?:also\s+)?(?:operates|operated|does business|did business|trades|traded|sells|sold)"
    r"\s+(?:under\s+the\s+(?:name|names|brand|brand\s+name|trade\s+name)|as)|"
    r"(?:also\s+)?(?:operating|trading|doing business)\s+(?:under\s+the\s+(?:name|names|brand)|as))"
    rf"\s+(?:the\s+)?[\"“]?({_NAME})"
)
_QUOTED = re.compile(r"\s[\"“]([A-Z][^\"”\n]{1,30}?)[\"”]\s")
#: a full stop that ends a sentence inside a captured name (not after an initial or "Co", "Ltd", "Inc")
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<!\bCo)(?<!\bLtd)(?<!\bInc)(?<!\bCorp)(?<!\bJr)(?<!\bSr)\.\s+(?=[A-Z])")
#: a name written in Chinese characters, in a bracket after its romanised form: "Xu Hongwei (徐宏伟)"
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff（）()·]{2,40}")
#: a bracket that gives a name in another language, then the short form: "(Unidad de Inteligencia Financiera, or UIF)"
_EITHER = re.compile(r"([A-Z][^,]{2,70}?),\s+or\s+([A-Z][A-Za-z]{1,10})$")
#: a person's description between the name and "who used the name": "Pan Lei, 31, a broker who used ..."
_DESCRIBED = re.compile(r",\s*(?:\d{1,3},\s*)?(?:a|an|the)\s+[a-z][a-z\- ]{1,40}?(?=\s+who\s)")
#: a second name after the first: '... used the names "Lucy" and "Lucy Pan"'
_MORE = re.compile(rf"[\"”']?\s*(?:,|and|or)\s+(?:and\s+)?[\"“]({_NAME})")
_LONG_BEFORE = re.compile(
    r"((?:[A-Z][\w&'’\-.]*\s+(?:(?:of|and|for|the|on|&|de|del|la|las|los|y|des|du|et|[-–])\s+)*){1,8}"
    r"[A-Z][\w&'’\-.]*)\s*$"
)
_LISTED_BEFORE = re.compile(r"((?:[A-Z][\w&'’\-.]*,?\s+(?:(?:of|and|for|the|on|&)\s+)*){1,8}[A-Z][\w&'’\-.]*)\s*$")
_STOP = frozenset({"of", "and", "the", "for", "on", "&", "de", "in", "to", "del", "la", "las", "los", "y", "des", "du",
                   "et"})  # fmt: skip


#: heads of laws and programmes whose short forms a release defines ("Narcotics Rewards Program (NRP)")
_THING_HEADS = frozenset({"act", "program", "programme", "initiative", "convention", "treaty", "agreement"})


@dataclass(frozen=True)
class Definition:
    long: Mention
    short: str
    start: int
    end: int
    kind: str = "alias"  # or "previous"
    paren: bool = True  # a parenthetical definition, not "also known as"
    stated: bool = True  # written as an alias; "QIN Baohua (Qin)" only tells how the story names him later
    thing: bool = False  # a law or programme ("National Defense Authorization Act (NDAA)"): no actor to follow


def _named_again(m: Mention) -> bool:
    """A person named again by part of the name ("Barraza, also known as ..." after "Fulgencio
    Barraza Oliva"), not by a pronoun."""
    return (
        m.schema == "Person"
        and bool(m.text[:1].isupper())
        and set(name_key(m.text).split()) <= set(name_key(m.name).split())
    )


def _cut_acronym(short: str, long: str) -> bool:
    """ "Criminal Investigation (IRS-CI)": a joined acronym whose letters the name covers only in part
    (the name began earlier: "Internal Revenue Service - Criminal Investigation")."""
    return _acronymish(short) and bool(re.search(r"[-/]", short)) and not _subsequence(_letters(short), _initials(long))


def _letters(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _initials(text: str) -> str:
    parts = [w for w in re.split(r"[\s\-]+", text) if w and w[0].isalnum() and w.casefold() not in _STOP]
    return "".join(p[0] for p in parts).casefold()


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def _subsequence_list(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(w in it for w in short)


def compatible(short: str, long: str) -> bool:
    """Could ``short`` abbreviate ``long``? Acronyms, leading words, syllable abbreviations."""
    s, full = _letters(short), _letters(long)
    if not s or s == full or len(s) > len(full):
        return False
    if any(_initials(long).startswith(_letters(p)) or _subsequence(_letters(p), _initials(long))
           for p in re.split(r"[-/]", short) if len(_letters(p)) >= 2):  # fmt: skip
        return True
    long_words = [w.casefold().strip(".,") for w in long.split()]
    short_words = [w.casefold().strip(".,") for w in short.split()]
    if len(short_words) > 1 and _subsequence_list(short_words, long_words):
        return True  # "Meiyuan Chemical" for "Guangdong Meiyuan Chemical Co., Ltd."
    expanded = "".join(w if w.isupper() and len(w) <= 3 else w[:1] for w in re.split(r"[\s\-]+", long)
                       if w and w.casefold() not in _STOP).casefold()  # fmt: skip
    if len(s) >= 3 and sorted(s) == sorted(expanded):
        return True  # "CFIUS" for "US Foreign Investment Committee" (letters in another order)
    if s.rstrip("0123456789") != s and _initials(long).startswith(s.rstrip("0123456789")):
        return True  # "JPC3" for "Joint Policing Cybercrime Coordination Centre"
    if len(short_words) > 1 and _prefix_words(short_words, long_words):
        return True  # "Junda Chem" for "Hebei Junda Chemical Technology Co., Ltd."
    generic = _generic_words()
    if (
        len(short_words) > 1
        and short_words[0] in long_words
        and short_words[0] not in generic
        and all(w in generic for w in short_words[1:])
    ):
        return True  # "Ruiyang Trading" for "Taizhou Ruiyang Import and Export Co., Ltd."
    first = long_words[0]
    if short.split()[0].casefold() == first:
        return True  # "Yafeng" for "Yafeng Biological Technology Co. Ltd."
    one = len(short_words) == 1 and len(s) >= 4 and short[:1].isupper()
    if one and short_words[0] in long_words[1:] and short_words[0] not in _generic_words():
        return True  # "Kangyuan" for "Zhejiang Kangyuan New Material Co., Ltd."
    return s[0] == full[0] and _subsequence(s, full) and (short.isupper() or len(short.split()) == 1)


def _generic_words() -> frozenset[str]:
    """Words of company names that never stand for the company alone ("Chemical", "Trading")."""
    data = actor_data()
    words = [*data.get("company_words", []), *data.get("company_followers", []), *data.get("name_pairs", [])]
    return frozenset(str(w).lower().rstrip(".") for w in words)


def _prefix_words(short: list[str], long: list[str]) -> bool:
    """Each short word begins a long word, in order, the first one a whole word."""
    it = iter(long)
    first = short[0]
    if first not in long:
        return False
    return all(any(w.startswith(s) and len(s) >= 3 for w in it) for s in short)


def _acronymish(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 2 and len(text) <= 12


def definitions(text: str, mentions: list[Mention]) -> list[Definition]:
    out: list[Definition] = []
    by_end = {m.end: m for m in mentions if m.kind == "actor" and (not m.coref or _named_again(m))}
    starts = {m.start: m for m in mentions if m.kind == "actor" and not m.coref}
    other_of: dict[int, Mention] = {}  # an other name's start -> the entity it names ("X, f/k/a Y, d/b/a Z")
    for m in by_end.values():
        tail = text[m.end : m.end + 160]
        paren = _PAREN.match(tail)
        if paren and _OTHER.match(tail):
            paren = None  # "Guo Hao (a.k.a. Kevin Guo)": the bracket holds another name, read below
        if paren:
            label, short = paren.group(1), paren.group(2).strip().strip(",")
            either = _EITHER.match(short)
            if either is not None and not label:  # "(Unidad de Inteligencia Financiera, or UIF)"
                other_name, acronym = either.group(1).strip(), either.group(2)
                end = m.end + paren.end()
                if len(other_name.split()) >= 2 and name_key(other_name) != name_key(m.name):
                    out.append(Definition(m, other_name, m.start, end))
                if _acronymish(acronym) and (
                    compatible(acronym, other_name) or compatible(acronym, m.name) or _foreign_acronym(acronym, m.name)
                ):
                    out.append(Definition(m, acronym, m.start, end))
            elif label in ("collectively", "together"):
                out.append(Definition(m, short, m.start, m.end + paren.end(), "alias"))
            elif _HAN.fullmatch(short) and not label:
                out.append(Definition(m, short, m.start, m.end + paren.end()))  # "Xu Hongwei (徐宏伟)"
            elif m.schema == "Person" and _english_name(short, m.name):
                out.append(Definition(m, short, m.start, m.end + paren.end()))  # "Mr. Fu Wen (Jack)"
            elif m.schema == "Person" and _same_family(short, m.name):
                out.append(Definition(m, short, m.start, m.end + paren.end()))  # "Cindy Xu (Xu Xinrong)"
            elif (
                short[:1].isupper()
                and not (_cut_acronym(short, m.name) and re.search(r"\s[-–]\s*$", text[max(0, m.start - 4) : m.start]))
                and country_code(short) is None
                and not short[:4].isdigit()
                and (compatible(short, m.name) or compatible(m.name, short))
            ):
                own = m.schema == "Person" and set(name_key(short).split()) < set(name_key(m.name).split())
                out.append(Definition(m, short, m.start, m.end + paren.end(), stated=not own))
            # "X Co., Ltd. (X), also known as Y": a second name after the bracket
            other, base = _OTHER.match(tail[paren.end() :]), paren.end()
        else:
            other, base = _OTHER.match(tail), 0
            described = _DESCRIBED.match(tail) if other is None and m.schema == "Person" else None
            if described is not None:  # "Pan Lei, 31, a broker who used the name "Lee""
                other = _OTHER.match(tail, described.end())
                other = other if other is not None and other.group(1).lower().startswith("who") else None
        if other:
            word = other.group(1).lower()
            name = _SENTENCE_END.split(other.group(2))[0].strip().rstrip(".,")  # not "Maggie. Kong was ..."
            at = m.end + base + other.start(2)
            named = starts.get(at)
            if named is not None and named.end > at + len(name) and named.schema != "Person":
                name = named.name  # "f/k/a Tengfei Import and Export Co., Ltd.": the whole name NER found
            end = max(m.end + base + other.end(), named.end if named is not None else 0)
            earlier = word.startswith(("formerly", "f/k/a", "f.k.a", "fka", "previously")) or " until " in word
            kind = "previous" if earlier or " before " in word or " prior " in word else "alias"
            owner = other_of.get(m.start, m) if base == 0 else m
            if re.match(r",[ \t]+[A-Z]", text[at + len(name) :]) and name.isupper():
                name = ""  # "GENG, Yaqin (a.k.a. GENG, Amy)": a designee line's inverted names, read by records
            if name and name_key(name) != name_key(owner.name):
                out.append(Definition(owner, name, owner.start, end, kind, paren=False))
                if named is not None:
                    other_of[named.start] = owner
            if word.startswith(("who", "which", "that")) and "name" in word:
                more = _MORE.match(tail, base + other.end())
                if more is not None and name_key(more.group(1)) != name_key(m.name):
                    second = more.group(1).strip()
                    out.append(Definition(m, second, m.start, m.end + base + more.end(), kind, paren=False))
    for m in mentions:  # 'Jorge Luis "El Flaco" Pereira Santos': the nickname inside the name
        inner = _QUOTED.search(m.text) if m.kind == "actor" and m.schema == "Person" and not m.coref else None
        if inner is not None:
            out.append(Definition(m, inner.group(1).rstrip(",."), m.start, m.end, paren=False))
    heads = frozenset(str(w).lower() for w in actor_data().get("not_actor_heads", []))
    # laws, treaties and programmes are no actors: their short forms are written, never followed
    out = [replace(d, thing=True) if d.long.name.split()[-1].lower() in _THING_HEADS else d
           for d in out if d.long.name.split()[-1].lower() not in heads - _THING_HEADS]  # fmt: skip
    taken = {(d.long.start, d.long.end) for d in out}
    for paren in re.finditer(r"\(\s*([A-Z][A-Za-z0-9&\-]{1,11})\s*\)", text):
        short = paren.group(1)
        if not _acronymish(short):
            continue
        window = text[max(0, paren.start() - 140) : paren.start()]
        listed = _LISTED_BEFORE.search(window)  # "the Foreign, Commonwealth and Development Office (FCDO)"
        listed_long = _fitting_tail(listed.group(1).strip(), short) if listed is not None else ""
        fits = bool(listed_long) and (
            _initials(listed_long) == _letters(short) or listed_long.split()[0].lower() in _body_heads()
        )
        before = listed if listed is not None and "," in listed_long and fits else None
        before = before or _LONG_BEFORE.search(window)
        if before is None:
            continue
        long = re.sub(r"(?:'s|’s|')$", "", before.group(1).strip())  # "the Drug Enforcement Administration's (DEA)"
        long = _fitting_tail(re.sub(r"^(?:The|A|An)\s+", "", long), short)
        start = paren.start() - len(text[max(0, paren.start() - 140) : paren.start()]) + before.start(1)
        start = text.index(long, start)
        end = start + len(long)
        people = [m for m in mentions if m.kind == "actor" and m.schema == "Person" and start < m.end and m.start < end]
        if people:  # "Special Agent in Charge X of the Drug Enforcement Administration's (DEA)": after the name
            lead = re.match(r"\s*(?:(?:of|for|at|the)\s+)*", text[people[-1].end : end])
            start = people[-1].end + (lead.end() if lead else 0)
        if text[start:end].endswith(("'s", "’s")):
            end -= 2
        long = text[start:end]
        named = next((m for m in mentions if m.kind == "actor" and m.start == start and m.end == end), None)
        if named is not None and (start, end) not in taken and not any(d.start <= start < d.end for d in out):
            if compatible(short, long) or _foreign_acronym(short, long):
                out.append(Definition(named, short, start, paren.end()))  # a possessive between name and bracket
            continue
        if (
            not long
            or (start, end) in taken
            or any(d.start <= start < d.end or d.end == paren.end() for d in out)
            or not (compatible(short, long) or _foreign_acronym(short, long))
        ):
            continue
        if any(m.start <= start and end <= m.end for m in mentions if m.kind == "actor"):
            continue  # handled above with the mention's own span
        if any(m.start < end and start < m.end for m in mentions if m.kind == "substance"):
            continue  # "4-ANPP and N-phenethyl-4-piperidone (NPP)": chemicals, not an actor
        if re.search(r"(?<![\w-])(?:a|an|A|An)\s+$", text[max(0, start - 4) : start]):
            continue  # "designating the CSA as a Foreign Terrorist Organization (FTO)": a kind, not a name
        schema = org_schema(long, default="Organization")
        thing = long.split()[-1].lower() in heads
        if thing and (long.split()[-1].lower() not in _THING_HEADS or not long.split()[0][:1].isupper()):
            continue
        made = Mention(start, end, long, long, schema, entity_id(schema, long), source="definition")
        out.append(Definition(made, short, start, paren.end(), thing=thing))  # "Narcotics Rewards Program (NRP)"
    out += _former_names(text, mentions)
    for rev in _REVERSE.finditer(text):
        short, long = rev.group(1), rev.group(2).strip()
        start = rev.start(2) + (len(rev.group(2)) - len(rev.group(2).lstrip()))
        end = start + len(long)
        if any(d.start <= rev.start() < d.end for d in out) or not compatible(short, long) or len(long.split()) < 2:
            continue
        if re.search(r"[A-Z][\w’'-]*[ \t]+$", text[max(0, rev.start(1) - 30) : rev.start(1)]):
            continue  # "Sales Manager: Cindy Xu (Xu Xinrong)": the word ends a name NER missed
        if any(m.start < rev.start(1) < m.end for m in mentions if m.kind == "actor"):
            continue  # "Cindy Xu (Xu Xinrong)": the word is the end of a name, not a short form
        at_short = next((m for m in mentions if m.start == rev.start(1) and m.kind == "actor"), None)
        schema = at_short.schema if at_short else org_schema(long, default="Organization")
        made = Mention(start, end, long, long, schema, entity_id(schema, long), source="definition")
        out.append(Definition(made, short, rev.start(), rev.end()))
    return out


#: a registry profile's line of earlier names: "Former names: A Co., Ltd. (2016-2020); B Co., Ltd. (2020-2022)"
_FORMER_LINE = re.compile(
    r"(?im)^[ \t]*(?:former|previous|prior|historical|old)[ \t]+(?:company[ \t]+|registered[ \t]+)?names?[ \t]*"
    r"(?:\([^()\n]{0,20}\))?[ \t]*[:：][ \t]*(.+)$"
)
_FORMER_ITEM = re.compile(r"[^;；/|\n]+")
_YEARS = re.compile(r"\s*[(（][^()（）]{0,30}[)）]\s*$")


def _former_names(text: str, mentions: list[Mention]) -> list[Definition]:
    """ "Former names: ..." on a registry page: each earlier name of the company the page is about
    (the company named on a line of its own above, else the first company of the page)."""
    out: list[Definition] = []
    for line in _FORMER_LINE.finditer(text):
        firms = [m for m in mentions if m.kind == "actor" and m.schema == "Company" and not m.coref
                 and m.end <= line.start()]  # fmt: skip
        if not firms:
            continue
        alone = [m for m in firms if text[text.rfind("\n", 0, m.start) + 1 : m.start].strip() == ""
                 and text[m.end : (text.find("\n", m.end) + 1 or len(text) + 1) - 1].strip() == ""]  # fmt: skip
        long = alone[-1] if alone else firms[0]
        for item in _FORMER_ITEM.finditer(line.group(1)):
            name = _YEARS.sub("", item.group(0)).strip().rstrip(",")
            if len(name.split()) >= 2 and name[:1].isupper() and name_key(name) != name_key(long.name):
                out.append(Definition(long, name, line.start(), line.end(), "previous", paren=False))
    return out


def _body_heads() -> frozenset[str]:
    return frozenset(str(w).lower() for w in actor_data().get("public_body_words", []))


def _fitting_tail(long: str, short: str) -> str:
    """The longest tail of ``long`` whose initials are exactly the acronym ``short``: "Special Agent in
    Charge Ana Ruiz of the Drug Enforcement Administration (DEA)" defines the administration only.
    ``long`` itself when no tail fits that well."""
    target = _letters(short)
    if _initials(long) == target:
        return long
    words = long.split()
    for k in range(1, len(words) - 1):
        tail = " ".join(words[k:])
        if words[k][:1].isupper() and _initials(tail) == target:
            return tail
    heads = _body_heads()
    for k in range(len(words) - 1):  # "Bureau of Alcohol, Tobacco, Firearms and Explosives (ATF)"
        tail = " ".join(words[k:])
        if words[k].lower() in heads and _subsequence(target, _initials(tail)) and len(target) >= 3:
            return tail
    return long


def _same_family(short: str, long: str) -> bool:
    """ "Cindy Xu (Xu Xinrong)", "Xu Xinrong (Cindy Xu)": a person's English and Chinese names, the
    family name at the end of the one and at the start of the other."""
    from tracegraph.extract.precision import east_asian_surnames

    a, b = long.split(), short.split()
    if not (2 <= len(a) <= 3 and 2 <= len(b) <= 3) or not all(
        re.fullmatch(r"[A-Z][a-z]+(?:-[a-z]+)?", w) for w in a + b
    ):
        return False
    surnames = east_asian_surnames()
    return (a[-1] == b[0] and b[0].lower() in surnames) or (b[-1] == a[0] and a[0].lower() in surnames)


def _english_name(short: str, long: str) -> bool:
    """ "Fu Wen (Jack)": the English given name a Chinese seller or broker uses, in brackets after a
    name read family name first."""
    from tracegraph.extract.precision import east_asian_surnames

    words = long.split()
    return (
        bool(re.fullmatch(r"[A-Z][a-z]{2,11}", short))
        and 2 <= len(words) <= 3
        and words[0].lower() in east_asian_surnames()
        and short.lower() not in {w.lower() for w in words}
        and country_code(short) is None
    )


def _foreign_acronym(short: str, long: str) -> bool:
    """ "Mexico's Navy (SEMAR)", "the Attorney General's Office (FGR)": a public body's acronym in its
    own language, whose letters need not match the English name; only capitals, and only after a
    name that ends in a public body's word."""
    words = frozenset(str(w).lower() for w in actor_data().get("public_body_words", []))
    last = long.split()[-1].lower().strip(".,")
    return short.isupper() and short.isalpha() and 3 <= len(short) <= 8 and last in words


_REVERSE = re.compile(r"\b([A-Z][A-Za-z0-9]{1,11})\s*\(\s*([A-Z][\w&'’\- ]{5,80}?)\s*\)")


def apply(text: str, mentions: list[Mention], found: list[Definition]) -> list[Mention]:
    """Later uses of a defined short form take the long form's entity (coreference)."""
    if not found:
        return mentions
    out = list(mentions)
    moved: dict[str, Mention] = {}  # the short form's own entity -> the long form's
    found = [d for d in found if not d.thing]
    longs = {d.long for d in found}
    made = [m for m in longs if m not in mentions]
    # a long form only the definition found holds NER's piece of it ("General's Office" of "the Attorney
    # General's Office (FGR)"): the piece gives way
    out = [m for m in out if not any(n.start <= m.start and m.end <= n.end and m.kind == "actor" and
                                     (m.start, m.end) != (n.start, n.end) for n in made)]  # fmt: skip
    out += made
    for d in found:
        if d.kind != "alias" or len(d.short) < 2:
            continue
        key = name_key(d.short)
        ante = d.long
        for i, m in enumerate(out):
            if not d.paren and m is not ante and ante.end <= m.start and m.end <= d.end and m.kind == "actor":
                # "Guo Tianyou (a.k.a. "Tony Guo")": the other name is the same person, so a later
                # "Guo" that coreference gave to "Tony Guo" is Guo Tianyou
                # a person's nickname ("El Quimico") that NER read as a body is the person too
                same = ante.schema == "Person" and (m.schema == "Person" or name_key(m.text) == key)
                if m.entity_id and m.entity_id != ante.entity_id and same:
                    moved[m.entity_id] = ante
                    out[i] = ante.with_(start=m.start, end=m.end, text=m.text, source="definition", coref=True)
                continue
            inside = d.paren and ante.end <= m.start and m.end <= d.end
            if inside and m.kind == "actor" and m.schema != ante.schema and name_key(m.text) == key:
                # "Agencia Aduanal X, S.C. (X)": the bracket's short form NER read as a person is the firm
                out[i] = ante.with_(start=m.start, end=m.end, text=m.text, source="definition", coref=True)
                continue
            if m is ante or (m.start < d.end and not inside) or m.kind not in ("actor", "place", "gov"):
                continue
            if name_key(m.text) == key:
                out[i] = ante.with_(start=m.start, end=m.end, text=m.text, source="definition", coref=True)
                if m.entity_id and m.entity_id != ante.entity_id:
                    moved[m.entity_id] = ante
        if ante.source == "definition" and len(ante.name.split()) >= 3:
            # a long form no mention held ("the Foreign, Commonwealth and Development Office") said again later
            for hit in re.finditer(rf"(?<![\w-]){re.escape(ante.name)}(?![\w-])", text[d.end :]):
                start, end = d.end + hit.start(), d.end + hit.end()
                over = [m for m in out if m.start < end and start < m.end]
                if all(m.kind in ("actor", "place") and start <= m.start and m.end <= end for m in over):
                    out = [m for m in out if m not in over]  # NER's piece ("Commonwealth and Development Office")
                    out.append(ante.with_(start=start, end=end, text=hit.group(0), source="definition", coref=True))
        # an acronym names its long form in the whole story, also in a caption or lead above the
        # definition ("CIB Commissioner" before "Central Investigation Bureau (CIB)")
        reach = 0 if _acronymish(d.short) and d.short.isupper() else d.end
        for hit in re.finditer(rf"(?<![\w-]){re.escape(d.short)}(?![\w-])", text[reach:]):
            start, end = reach + hit.start(), reach + hit.end()
            if d.start <= start < d.end:
                continue
            if start < d.start:
                for i, m in enumerate(out):
                    if m.start == start and m.end == end and m.kind in ("actor", "place", "gov") and m is not ante:
                        out[i] = ante.with_(start=start, end=end, text=d.short, source="definition", coref=True)
            if not any(m.start < end and start < m.end for m in out):
                out.append(ante.with_(start=start, end=end, text=d.short, source="definition", coref=True))
    out = [moved[m.entity_id].with_(start=m.start, end=m.end, text=m.text, source=m.source, coref=True)
           if m.coref and m.entity_id in moved else m for m in out]  # fmt: skip
    return sorted(out, key=lambda m: m.start)
