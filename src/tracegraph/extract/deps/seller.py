"""A seller's own page speaks for the company named in its first line.

* product lines: "Hot products: A, B, C." or "Our products: ..." offer each substance named;
* catalogue lines: a line that begins with a substance's name ("Protonitazene CAS 119276-01-6",
  "- Xylazine HCl, 99%") offers it, when the line is short or carries a CAS number and no verb;
* contact lines: "Contact: Ms. Linda Gao, sales manager" make the person the seller's employee;
  "Sales Manager: Cindy Wu (Wu Lixia)" or "After-sales: Tom Lu - ..." too when the small NER tags
  no person on a line that short (a label, a colon, then two or three capitalised words).

Both only on a page whose first line names a company (the same test as "we" and "our company"
in :mod:`tracegraph.extract.coref`).
"""

from __future__ import annotations

import re

from tracegraph.extract.deps import emit
from tracegraph.extract.deps.lexicon import Lexicon
from tracegraph.extract.evidence import Emitter
from tracegraph.extract.keys import entity_id
from tracegraph.extract.mentions import Analysis, Mention
from tracegraph.extract.parse import Sentence

_PRODUCTS = re.compile(
    r"^\s*(?:(?:hot|main|our|featured|new|top|best[- ]selling)\s+)*(?:products?|items?|catalog(?:ue)?|"
    r"we (?:sell|supply|offer|export)|in stock|available)\s*[:：]",
    re.I,
)
_CONTACT = re.compile(r"^\s*(?:sales\s+)?contact(?:\s+person)?\s*[:：]", re.I)


def seller(analysis: Analysis) -> Mention | None:
    text = analysis.text
    first_line = text.lstrip().split("\n", 1)[0]
    end = len(text) - len(text.lstrip()) + len(first_line)
    return next((m for m in analysis.mentions if m.kind == "actor" and m.schema == "Company" and m.end <= end), None)


#: what may stand before a catalogue line's substance: a bullet, or a label ("Product name:", "Item:")
_BULLET = re.compile(r"^[\s\-*•·\d.)]*(?:(?:product|item|chemical)(?:\s+name)?\s*[:：]\s*|name\s*[:：]\s*)?$", re.I)
_CAS = re.compile(r"\b\d{2,7}-\d{2}-\d\b")


def _catalogue_line(s: Sentence, lex: Lexicon) -> bool:
    """A product line of a catalogue: it starts (after a bullet) with a substance's name."""
    text = s.analysis.text
    line_start = text.rfind("\n", 0, s.span.start_char) + 1
    subs = [m for m in s.mentions if m.kind == "substance"]
    if not subs or not _BULLET.match(text[line_start : subs[0].start]):
        return False
    if any(t.lower_ in lex.verbs or t.lower_ in ("is", "are", "was", "were") for t in s.span):
        return False  # a sentence about the substance, not a listing
    fields = "|" in s.span.text or bool(re.search(r"(?i)\b(?:purity|assay|stock|packing|moq)\b", s.span.text))
    return len(s.span.text.split()) <= 10 or bool(_CAS.search(s.span.text)) or fields


#: "Sales Manager: Ms. Helen Zhao": a title, a colon, then the name
_TITLE_FIRST = re.compile(r"^\s*((?:[\w-]+\s+){0,3}?([\w-]+))\s*[:：]\s*(?:(?:Mr|Ms|Mrs|Miss|Dr)\.?\s+)?$", re.I)


def _short_line(s: Sentence) -> bool:
    """A line of a few words naming a person: a contact block's line ("Ms. Vicky Liang (Sales Director)")."""
    text = s.analysis.text
    start = text.rfind("\n", max(0, s.span.start_char - LINE_REACH), s.span.start_char) + 1
    end = text.find("\n", s.span.start_char, s.span.start_char + LINE_REACH)
    if end < 0 and len(text) - s.span.start_char <= LINE_REACH:
        end = len(text)  # the page's last line
    if end < 0 or (start == 0 and s.span.start_char > LINE_REACH):
        return False  # no line break near: running text, not a contact block
    return len(text[start:end].split()) <= 8 and any(m.kind == "actor" and m.schema == "Person" for m in s.mentions)


LINE_REACH = 200  # characters a contact line may run
#: the title after a contact's name: "Ms. Linda Gao, sales manager", "Ms. Vicky Liang (Sales Director)",
#: "Mr. Fu Wen (Jack) - Export Sales Manager" (an English name in brackets, then a dash)
_ROLE_AFTER = re.compile(
    r"\s*(?:\([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\)\s*)?[,(\-–—:|]\s*((?:[\w-]+\s+){0,3}?([\w-]+))\s*\)?\s*[.;]?\s*$"
)


#: a contact block's labelled line: "Sales Manager: Cindy Wu (...)", "Contact person: Ms. Amy Geng - ...";
#: the label holds one of :data:`STAFF_LABELS`, the name is two or three capitalised words
_LABELLED = re.compile(
    r"^[ \t]*((?:[\w-]+[ \t]+){0,3}?[\w-]+)[ \t]*[:：][ \t]*(?:(?:Mr|Ms|Mrs|Miss|Dr)\.?[ \t]+)?"
    r"([A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+){1,2})[ \t]*(?=$|[(,\-–—|])",
    re.M,
)
STAFF_LABELS = frozenset(
    ["sales", "after-sales", "service", "support", "contact", "manager", "representative", "agent", "export",
     "purchasing", "customer", "director", "salesman", "saleswoman"]
)  # fmt: skip


#: words that make a labelled line's capitalised words something other than a person's name
NOT_NAMES = frozenset(
    ["branch", "office", "department", "team", "center", "centre", "service", "services", "support", "hotline",
     "line", "street", "road", "district", "city", "province", "group", "monday", "tuesday", "wednesday",
     "thursday", "friday", "saturday", "sunday", "to", "online", "china", "hong", "kong", "usa", "europe",
     "email", "whatsapp", "wechat", "telegram", "signal", "skype", "wickr", "phone", "tel", "mobile", "available"]
)  # fmt: skip


def _labelled_person(s: Sentence) -> Mention | None:
    """The person a labelled contact line names, where the NER found none on the line."""
    text = s.analysis.text
    line_start = text.rfind("\n", 0, s.span.start_char) + 1
    line_end = text.find("\n", s.span.start_char)
    line_end = len(text) if line_end < 0 else line_end
    if line_end - line_start > LINE_REACH:
        return None
    found = _LABELLED.match(text, line_start, line_end)
    if found is None or not STAFF_LABELS & set(found.group(1).lower().split()):
        return None
    start, end = found.span(2)
    if any(m.start < end and start < m.end and not (m.kind == "actor" and m.schema == "Person") for m in s.mentions):
        return None  # a company's or a place's name after the label
    name = found.group(2)
    if NOT_NAMES & set(name.lower().split()):
        return None  # "Sales Office: Hong Kong Branch", "Support: Monday To Friday"
    return Mention(start, end, name, name, "Person", entity_id("Person", name), "actor", source="contact")


#: a registry row's role field after the name: "Pan Wei | Executive Director, General Manager"
_ROW_ROLE = re.compile(r"\s*\|\s*((?:[\w-]+\s+){0,3}?([\w-]+))\s*(?:[,;/|]|$)")


def _row_company(s: Sentence, line_start: int, person: Mention) -> Mention | None:
    """The company a registry row is about: the one named in the row's first field ("Hefei X Logistics
    Co., Ltd. | Shareholding ratio 100% | Legal representative: Ge Wei", "Related company: Y Co., Ltd.
    | Legal representative: Z"); a row that begins with the person is about the page's company."""
    first_bar = s.analysis.text.find("|", line_start, person.start)
    for m in s.analysis.in_span(line_start, first_bar) if first_bar > line_start else []:
        if m.kind == "actor" and m.schema == "Company":
            return m
    return seller(s.analysis) if first_bar < 0 else None


def lines(s: Sentence, e: Emitter, lex: Lexicon, company: Mention) -> None:
    line = s.span.text
    if _catalogue_line(s, lex):
        first = next(m for m in s.mentions if m.kind == "substance")
        emit.action(s, e, "offer", company, [first], 0.65, s.span.start_char, "object")
    elif _PRODUCTS.match(line):
        objects = [m for m in s.mentions if m.kind == "substance"]
        if objects:
            emit.action(s, e, "offer", company, list(dict.fromkeys(objects)), 0.7, s.span.start_char, "object")
    elif _CONTACT.match(line) or _short_line(s) or "|" in line or _labelled_person(s) is not None:
        people = [m for m in s.mentions if m.kind == "actor" and m.schema == "Person"]
        labelled = None if people else _labelled_person(s)
        for m in [*s.mentions, *([labelled] if labelled is not None else [])]:
            if m.kind != "actor" or m.schema != "Person":
                continue
            after = s.analysis.text[m.end : s.span.end_char]
            role = _ROLE_AFTER.match(after) or (_ROW_ROLE.match(after) if "|" in line else None)
            line_start = s.analysis.text.rfind("\n", 0, m.start) + 1
            field_start = max(line_start, s.analysis.text.rfind("|", line_start, m.start) + 1)
            owner = _row_company(s, line_start, m) if field_start > line_start else company
            if owner is None:
                continue
            before = _TITLE_FIRST.match(s.analysis.text[field_start : m.start])
            if before is not None and (role is None or (m is labelled and role.group(2).lower() not in lex.roles)):
                role = before  # "Sales Manager: Ms. Helen Zhao"
            if role is None:
                continue
            words = role.group(1).lower()
            schema = next((lex.role_phrases[p] for p in lex.role_phrases if words.endswith(p)), None)
            schema = schema or lex.roles.get(role.group(2).lower())
            if schema is None and before is not None and role is not before:  # "Sales Manager: Cindy Xu (Xu Xinrong)"
                role = before
                words = role.group(1).lower()
                schema = next((lex.role_phrases[p] for p in lex.role_phrases if words.endswith(p)), None)
                schema = schema or lex.roles.get(role.group(2).lower())
            if schema is None and m is labelled:
                schema = "Employment"  # "After-sales: Tom Lu": the seller's own staff
            if schema is not None:  # the evidence is the whole line ("Ms." may end a parse sentence of its own)
                text = s.analysis.text
                end = text.find("\n", m.end)
                end = len(text) if end < 0 else end
                line = (min(line_start, s.span.start_char), max(end, s.span.end_char))
                emit.edge(s, e, schema, m, owner, 0.7, m.start, None, line, role=words)
