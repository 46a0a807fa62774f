"""Company records laid out as lines, not sentences: a registry profile or a company-register page.

A parse of such a page gives nothing (no verbs, names in capitals, "SURNAME, Given"), yet it states
who owns and runs the company plainly, in a few layouts:

- key and value: ``Legal representative: Pan Jingrui``, ``Former names: A (2016-2020); B``,
  ``Shareholders: Rao Shujie 100%``;
- a section of rows, cells split by ``|``: ``Shareholders (3)`` then ``Rao Shuying | Shareholding
  ratio 62.00% | ...``; ``Key personnel`` then ``Rao Shuying | Chairwoman``; ``Outbound
  investment`` then ``<company> | Shareholding ratio 100% | Legal representative: X``;
- a section of blocks, a name line then its fields: ``Officers`` then ``OKONJO, Adaeze Chinwe`` /
  ``Role: Director``; ``Persons with significant control`` then ``Mr Viktor Belov`` / ``Nature of
  control: Ownership of shares - 75% or more`` (a key may stand on its own line, its value on the next);
- a section of officer lines, ``TEO KAH WAI, director``.

The page's company is the first company named in its first lines. Names the model did not tag are
typed from their words (a legal form makes a company, else a person); ``SURNAME, Given`` is read
as ``Given Surname``. Every fact's evidence is its own line (or row).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from tracegraph.extract.deps import emit
from tracegraph.extract.deps.lexicon import Lexicon
from tracegraph.extract.deps.verbs import _authorities
from tracegraph.extract.evidence import Emitter
from tracegraph.extract.keys import entity_id, name_key, relation_id
from tracegraph.extract.mentions import Analysis, Mention
from tracegraph.extract.parse import Sentence
from tracegraph.extract.precision import east_asian_surnames

#: a page needs this many record lines (keys, sections, rows) before it is read as a record
MIN_RECORD_LINES = 3

_KEY = re.compile(r"^\s*(?P<key>[A-Z][A-Za-z ()/'-]{1,48}?)\s*[:：]\s*(?P<value>\S.*?)\s*$")
_SECTION = re.compile(
    r"^\s*(?P<name>shareholders?|shareholding|key personnel|main personnel|directors?|officers?|management|"
    r"persons? with significant control|beneficial owners?|outbound investments?|investments?|subsidiar(?:y|ies)|"
    r"branches)\b(?:\s*/\s*officers)?(?:[^:|]{0,30}|:\s*\d+ [a-z0-9 /]+)$",
    re.I,
)
_OWNERS = re.compile(r"^(?:shareholders?|shareholding|persons? with significant control|beneficial owners?)", re.I)
_OFFICERS = re.compile(r"^(?:key personnel|main personnel|directors?|officers?|management)", re.I)
_HOLDINGS = re.compile(r"^(?:outbound investments?|investments?|subsidiar(?:y|ies)|branches)", re.I)
_PERCENT = re.compile(r"(\d{1,3}(?:\.\d+)?)\s*%")
_PERCENT_RANGE = re.compile(r"(more than \d{1,3}% but (?:not more|less) than \d{1,3}%|\d{1,3}% or more)", re.I)
_FORMER_KEYS = re.compile(r"^(?:former|previous|prior|old)(?: company)? names?$|^formerly(?: known as)?$", re.I)
_REPRESENTATIVE_KEYS = re.compile(r"^(?:legal representative|legal person|statutory representative)$", re.I)
_OWNER_KEYS = re.compile(r"^(?:shareholders?|owners?|beneficial owners?|ultimate beneficial owners?)$", re.I)
_ROLE_KEYS = re.compile(r"^(?:role|position|title|capacity)$", re.I)
_CONTROL_KEYS = re.compile(r"^nature of control$", re.I)
_DATES = re.compile(r"\s*\((?:[^()]*\d{4}[^()]*)\)\s*$")
_NUMBERED = re.compile(r"^\(?\d{1,3}[.)]\s+")
_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr|Sir)\.?\s+")
_LEGAL_FORM = re.compile(
    r"\b(?:Co\.?,? Ltd\.?|Company|Limited|Ltd\.?|LLC|L\.L\.C\.|Inc\.?|Corp(?:oration)?\.?|GmbH|AG|S\.A\.|SA de CV|"
    r"S\.A\. de C\.V\.|PLC|LLP|LP|Pty|Pte|B\.V\.|N\.V\.|FZE|FZCO|FZ-LLC|JSC|OOO|Holdings?|Group|Trading|Investment)\b",
    re.I,
)


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str


def _lines(text: str) -> Iterator[Line]:
    at = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = raw.index(stripped[0])
            yield Line(at + lead, at + lead + len(stripped), stripped)
        at += len(raw) + 1


def _cells(line: Line) -> list[Line]:
    out: list[Line] = []
    at = line.start
    for part in line.text.split("|"):
        stripped = part.strip()
        if stripped:
            lead = part.index(stripped[0])
            out.append(Line(at + lead, at + lead + len(stripped), stripped))
        at += len(part) + 1
    return out


#: keys a register page prints on a line of their own, the value on the next ("Role Active" / "Director")
_BARE_KEY = re.compile(
    r"^(?P<key>role(?: active| resigned)?|position|nature of control|legal representative|shareholders?|"
    r"directors?|former names?|previous (?:company )?names?)$",
    re.I,
)


def _joined(lines: list[Line]) -> list[Line]:
    """Each bare key line joined to the value line after it, as ``key: value``; other lines as they are."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        ln = lines[i]
        if _BARE_KEY.match(ln.text) and i + 1 < len(lines) and ":" not in lines[i + 1].text:
            value = lines[i + 1]
            key = re.sub(r"\s+(?:active|resigned)$", "", ln.text, flags=re.I)
            # the value keeps its own offsets: ``_KEY`` reads it back from "key: value"
            out.append(Line(value.start - len(key) - 2, value.end, f"{key}: {value.text}"))
            i += 2
            continue
        out.append(ln)
        i += 1
    return out


#: a register's own fields, with or without a colon ("Company Number 201934512K")
_REGISTER_FIELD = re.compile(
    r"^(?:company (?:number|status|type)|status|incorporat\w+(?: date)?|registered (?:office|address)|"
    r"date of (?:incorporation|establishment)|unified social credit code|registration number|jurisdiction)\b",
    re.I,
)


def _is_record(lines: list[Line]) -> bool:
    keyed = sum(1 for ln in lines if (_KEY.match(ln.text) or _REGISTER_FIELD.match(ln.text)) and len(ln.text) < 200)
    rows = sum(1 for ln in lines if "|" in ln.text)
    sections = sum(1 for ln in lines if _SECTION.match(ln.text))
    return sections >= 1 and keyed + rows + sections >= MIN_RECORD_LINES


class _Page:
    def __init__(self, analysis: Analysis, emitter: Emitter, lex: Lexicon) -> None:
        self.analysis = analysis
        self.e = emitter
        self.lex = lex
        self.actors = [m for m in analysis.mentions if m.kind == "actor" and not m.coref]
        self.phrases = sorted(lex.role_phrases.items(), key=lambda kv: -len(kv[0]))

    def name_at(self, start: int, end: int, text: str) -> Mention | None:
        """The actor named by the cell ``text`` at ``start``: the model's mention when it covers the
        name, else one made from the words."""
        name = _DATES.sub("", _PERCENT.split(text)[0]).strip(" ,;-(")
        name = _HONORIFIC.sub("", _NUMBERED.sub("", name)).rstrip(" ,;-")
        if not name or len(name) > 120 or not name[:1].isalpha():
            return None
        end = start + text.find(name) + len(name) if name in text else end
        start = start + max(0, text.find(name))
        for m in self.actors:
            if m.start <= start + 1 and m.end >= end - 1:
                return m
        surname = re.match(r"^([A-Z][A-Z'’-]+),\s+([A-Z][a-z].*)$", name)
        if surname:  # "OKONJO, Adaeze Chinwe" as a register writes it
            name = f"{surname.group(2)} {surname.group(1).title()}"
        words = name.split()
        if _LEGAL_FORM.search(name) or len(words) > 5:
            schema = "Company"
        elif 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words):
            schema = "Person"
        else:
            return None
        return Mention(start, end, text, name, schema, entity_id(schema, name), source="record")

    def role_schema(self, title: str) -> str | None:
        low = " ".join(title.lower().replace(",", " , ").split())
        for phrase, schema in self.phrases:
            if re.search(rf"\b{re.escape(phrase)}\b", low):
                return schema
        for word in re.findall(r"[a-z-]+", low):
            if word in self.lex.bare_roles:
                return self.lex.bare_roles[word]
            if word in self.lex.roles:
                return self.lex.roles[word]
        return None

    def edge(self, schema: str, a: Mention, b: Mention, where: Line, **extra: str | None) -> None:
        if a.entity_id == b.entity_id or (schema in ("Directorship", "Employment") and a.schema != "Person"):
            return
        if b.schema == "Person":
            return
        src, dst = {
            "Ownership": ("owner", "asset"),
            "Directorship": ("director", "organization"),
            "Employment": ("employee", "employer"),
            "Representation": ("agent", "client"),
        }[schema]
        props: dict[str, str | list[str] | None] = {src: a.entity_id, dst: b.entity_id}
        props.update({k: v for k, v in extra.items() if v})
        sent = self.analysis.doc.char_span(where.start, where.end, alignment_mode="expand")
        if sent is None:
            return
        self.e.fact(relation_id(schema, a.entity_id, b.entity_id), schema, sent, props, 0.8, [a, b],
                    (where.start, where.end), None)  # fmt: skip

    def former_names(self, company: Mention, value: Line) -> None:
        for part in re.split(r"\s*;\s*", value.text):
            name = _DATES.sub("", part).strip(" ,;")
            if name and name != company.name and len(name) <= 120:
                self.e.entity(company, 0.8)
                self.e.stmt(company.entity_id, company.schema, "previousName", name, value.start, value.end, 0.8)


def _subject(page: _Page, lines: list[Line]) -> Mention | None:
    """The company the page is about: the first company named in its first lines."""
    first = lines[: min(len(lines), 6)]
    end = first[-1].end if first else 0
    for m in page.actors:
        if m.start <= end and m.schema in ("Company", "Organization", "LegalEntity"):
            return m
    for ln in first:
        made = page.name_at(ln.start, ln.end, ln.text)
        if made is not None and made.schema == "Company":
            return made
    return None


def read(analysis: Analysis, emitter: Emitter, lex: Lexicon) -> None:
    """Ownership, directorships and former names stated by a company record's lines."""
    lines = _joined(list(_lines(analysis.text)))
    if not _is_record(lines):
        return
    page = _Page(analysis, emitter, lex)
    subject = _subject(page, lines)
    if subject is None:
        return
    section = ""
    block: Mention | None = None  # the person or company of a name line in a section of blocks
    for ln in lines:
        head = _SECTION.match(ln.text)
        if head:
            section, block = head.group("name"), None
            continue
        key = _KEY.match(ln.text)
        if "|" in ln.text:
            _row(page, subject, section, ln)
            block = None
        elif key:
            block = _keyed(page, subject, section, block, ln, key)
        elif section and _OFFICERS.match(section) and _officer_line(page, subject, ln):
            block = None
        elif section and (_OWNERS.match(section) or _OFFICERS.match(section)):
            block = page.name_at(ln.start, ln.end, ln.text) or block  # a name line, or a field without a colon
        else:
            section, block = "", None


def _keyed(
    page: _Page, subject: Mention, section: str, block: Mention | None, ln: Line, key: re.Match[str]
) -> Mention | None:
    name, value = key.group("key").strip(), key.group("value")
    at = Line(ln.start + key.start("value"), ln.start + key.end("value"), value)
    if _FORMER_KEYS.match(name):
        page.former_names(subject, at)
    elif _REPRESENTATIVE_KEYS.match(name):
        person = page.name_at(at.start, at.end, value)
        if person is not None:
            page.edge("Directorship", person, subject, ln, role=name.lower())
    elif _OWNER_KEYS.match(name):
        for part in _split_list(at):
            owner = page.name_at(part.start, part.end, part.text)
            if owner is not None:
                share = _PERCENT.search(part.text)
                page.edge("Ownership", owner, subject, ln, percentage=share.group(1) if share else None)
    elif page.role_schema(name) in ("Directorship", "Employment") and not _ROLE_KEYS.match(name):
        for part in _split_list(at):  # "Directors: A; B"
            person = page.name_at(part.start, part.end, part.text.strip())
            if person is not None and person.schema == "Person":
                page.edge(page.role_schema(name) or "Directorship", person, subject, ln, role=name.lower())
    elif block is not None and _ROLE_KEYS.match(name):
        schema = page.role_schema(value) or "Directorship"
        page.edge(schema, block, subject, Line(ln.start, ln.end, ln.text), role=value)
    elif block is not None and _CONTROL_KEYS.match(name) and re.search(r"shares|voting", value, re.I):
        share = _PERCENT_RANGE.search(value) or _PERCENT.search(value)
        page.edge("Ownership", block, subject, ln, percentage=share.group(1) if share else None)
    return block


def _officer_line(page: _Page, subject: Mention, ln: Line) -> bool:
    """ "CHUA WEI LIANG, director, 12 Feb 2019-": a name, then its role."""
    parts = _split_list(ln)
    if len(parts) < 2 or re.match(r"^[A-Z][A-Z'’-]+$", parts[0].text.strip()):
        return False  # "SURNAME, Given" is one name
    schema = page.role_schema(parts[1].text)
    if schema not in ("Directorship", "Employment", "Representation"):
        return False
    who = page.name_at(parts[0].start, parts[0].end, parts[0].text.strip())
    if who is None:
        return False
    page.edge(schema, who, subject, ln, role=parts[1].text.strip())
    return True


def _split_list(value: Line) -> list[Line]:
    out: list[Line] = []
    at = value.start
    for part in re.split(r"(\s*[;,]\s*)", value.text):
        if part.strip(" ;,"):
            out.append(Line(at, at + len(part), part))
        at += len(part)
    return out


def _row(page: _Page, subject: Mention, section: str, ln: Line) -> None:
    cells = _cells(ln)
    if len(cells) < 2:
        return
    lead = _KEY.match(cells[0].text)  # "Related company: <name> | ...": only its own fields count
    if lead is not None:
        cells[0] = Line(cells[0].start + lead.start("value"), cells[0].start + lead.end("value"), lead.group("value"))
        section = "related"
    who = page.name_at(cells[0].start, cells[0].end, cells[0].text)
    rest = " | ".join(c.text for c in cells[1:] if not _KEY.match(c.text))
    if who is None:
        return
    share = _PERCENT.search(rest)
    if section == "related":
        pass
    elif _OWNERS.match(section) or (not section and re.search(r"sharehold|stake|ownership", rest, re.I)):
        page.edge("Ownership", who, subject, ln, percentage=share.group(1) if share else None)
    elif _OFFICERS.match(section):
        schema = page.role_schema(rest)
        if schema in ("Directorship", "Employment", "Representation"):
            page.edge(schema, who, subject, ln, role=cells[1].text)
    elif _HOLDINGS.match(section) or re.search(r"sharehold", rest, re.I):
        page.edge("Ownership", subject, who, ln, percentage=share.group(1) if share else None)
    # a held or related company's own fields: "| Legal representative: X | Shareholders: Y 100%"
    for cell in cells[1:]:
        key = _KEY.match(cell.text)
        if key is None:
            continue
        value = Line(cell.start + key.start("value"), cell.start + key.end("value"), key.group("value"))
        if _REPRESENTATIVE_KEYS.match(key.group("key").strip()):
            person = page.name_at(value.start, value.end, value.text)
            if person is not None:
                page.edge("Directorship", person, who, ln, role=key.group("key").strip().lower())
        elif _OWNER_KEYS.match(key.group("key").strip()):
            for part in _split_list(value):
                owner = page.name_at(part.start, part.end, part.text)
                if owner is not None:
                    pct = _PERCENT.search(part.text)
                    page.edge("Ownership", owner, who, ln, percentage=pct.group(1) if pct else None)


#: a designee's line in a release's "identifying information": ends in its programme tags
#: ("... (individual) [ILLICIT-DRUGS-EO14059]." or "... [SDNTK] (Linked To: X).")
_PROGRAM = re.compile(r"\[([A-Z][A-Z0-9-]{2,})\]")
_INDIVIDUAL = re.compile(r"^(?P<family>[A-Z](?:[A-Z'’ -]*[A-Z])?),\s+(?P<given>[A-Z][A-Za-z'’ -]+?)(?=\s*[(,;])")
_ENTITY = re.compile(r"^(?P<name>[A-Z0-9][A-Z0-9&'’.,/ -]+?[A-Z0-9.)])(?=\s*\(|,\s+[A-Z]?[a-z0-9]|;|\s*$)")
_AKA = re.compile(r"\b[af]\.k\.a\.,?\s+[\"“]?([^;\")”]+?)[\"”]?(?=;|\)|$)")
_DOB = re.compile(r"\bDOB\s+(\d{1,2})\s+([A-Z][a-z]{2})\s+(\d{4})")
_NATIONALITY = re.compile(r"\bnationality\s+([A-Z][a-z]+(?: [A-Z][a-z]+)?)")
_MONTHS = {
    m: i for i, m in enumerate(("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), 1)
}


def designee_lines(analysis: Analysis, emitter: Emitter, lex: Lexicon) -> None:
    """Each line of a release's identifying information that ends in programme tags: the person or
    entity is designated (by the release's sanctioning body), with its other names, birth date,
    nationality and programme; the line is the evidence."""
    if "[" not in analysis.text:
        return
    page = _Page(analysis, emitter, lex)
    for ln in _lines(analysis.text):
        tags = _PROGRAM.findall(ln.text)
        if not tags or len(ln.text) > 1200:
            continue
        who = _designee(page, ln)
        if who is None:
            continue
        sent = analysis.doc.char_span(ln.start, ln.end, alignment_mode="expand")
        if sent is None:
            continue
        s = Sentence(analysis, sent)
        authority = _designating_body(analysis, ln.start)
        emit.sanction(s, emitter, who, authority, 0.85, ln.start, None, ", ".join(tags), (ln.start, ln.end))
        for alias in _AKA.findall(ln.text):
            alias = alias.strip(" ,.")
            if alias and alias.lower() != who.name.lower():
                emitter.stmt(who.entity_id, who.schema, "alias", alias, ln.start, ln.end, 0.85)
        if who.schema == "Person":
            dob = _DOB.search(ln.text)
            if dob and dob.group(2) in _MONTHS:
                born = f"{dob.group(3)}-{_MONTHS[dob.group(2)]:02d}-{int(dob.group(1)):02d}"
                emitter.stmt(who.entity_id, who.schema, "birthDate", born, ln.start, ln.end, 0.85)
            nationality = _NATIONALITY.search(ln.text)
            if nationality:
                emitter.stmt(who.entity_id, who.schema, "nationality", nationality.group(1), ln.start, ln.end, 0.85)


def _designee(page: _Page, ln: Line) -> Mention | None:
    """The person ("LU, Qingfeng (Chinese: ...), China; DOB ...; (individual)") or the entity
    ("FUJIAN LUXIN CHEMICAL CO., LTD. (a.k.a. ...), Room 801, ...") a designee line names; an
    actor the text names elsewhere in either order keeps its own id."""
    if "(individual)" in ln.text:
        person = _INDIVIDUAL.match(ln.text)
        if person is None:
            return None
        family, given = person.group("family").title(), person.group("given").strip()
        for name in (f"{family} {given}", f"{given} {family}"):
            for m in page.actors:
                if m.schema == "Person" and m.name.lower() == name.lower():
                    return m.with_(start=ln.start, end=ln.start + person.end(), coref=False)
        east_asian = len(family.split()) == 1 and family.lower() in east_asian_surnames()
        name = f"{family} {given}" if east_asian else f"{given} {family}"
        return Mention(ln.start, ln.start + person.end(), ln.text[: person.end()], name, "Person",
                       entity_id("Person", name), source="record")  # fmt: skip
    found = _ENTITY.match(ln.text)
    if found is None:
        return None
    raw = found.group("name").rstrip(" ,")
    for m in page.actors:
        if m.schema != "Person" and m.name.lower().rstrip(".") == raw.lower().rstrip("."):
            return m.with_(start=ln.start, end=ln.start + len(raw), coref=False)
    schema = "Company" if _LEGAL_FORM.search(raw) else "Organization"
    return Mention(ln.start, ln.start + len(raw), raw, raw, schema, entity_id(schema, raw), source="record")


def _designating_body(analysis: Analysis, at: int) -> Mention | None:
    """The body that designates the people listed at ``at``: the one the release named as
    designating, else the last sanctioning body named before, else the first named after."""
    if analysis.designator is not None:
        return analysis.designator
    bodies = [m for m in analysis.mentions if m.kind == "actor" and name_key(m.name) in _authorities()]
    before = [m for m in bodies if m.end <= at]
    return before[-1] if before else (bodies[0] if bodies else None)
