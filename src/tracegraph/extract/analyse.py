"""One pass over a parsed story: mentions, identifiers, dates, substances, coreference."""

from __future__ import annotations

from collections import Counter
from typing import Any

from tracegraph.extract import coref
from tracegraph.extract.dates import find_dates, reference_date
from tracegraph.extract.deps import aliases
from tracegraph.extract.entities import find_mentions
from tracegraph.extract.gazetteer import Gazetteer
from tracegraph.extract.identifiers import find_identifiers
from tracegraph.extract.mentions import Analysis
from tracegraph.extract.substances import find_substance_mentions
from tracegraph.store.model import Document


def analyse(
    document: Document,
    doc: Any,
    gazetteer: Gazetteer,
    page_people: list[tuple[str, str]] = (),  # type: ignore[assignment]
) -> Analysis:
    """``page_people``: (full name, entity id) of the people earlier stories of the page named."""
    text = document.text
    mentions = find_mentions(doc, gazetteer)
    substances = find_substance_mentions(text)
    taken = [(m.start, m.end) for m in substances]
    mentions = [m for m in mentions if not any(s < m.end and m.start < e for s, e in taken)]
    starts = [s.start_char for s in doc.sents]
    mentions = coref.resolve(text, sorted([*mentions, *substances], key=lambda m: m.start), starts)
    defined = aliases.definitions(text, mentions)
    subjects = coref.clause_subjects(doc)
    mentions = coref.definites(text, coref.short_names(text, aliases.apply(text, mentions, defined)), starts, subjects)
    mentions = coref.possessives_again(text, mentions, starts, subjects)
    if page_people:
        mentions = coref.page_surnames(mentions, page_people, text)
    countries = Counter(m.country for m in mentions if m.country)
    regions = [code for code, _ in countries.most_common(2)]
    ref, inferred = reference_date(document.published, text)
    sentences = [(s.start_char, s.end_char) for s in doc.sents]
    return Analysis(
        text=text,
        doc=doc,
        mentions=mentions,
        identifiers=find_identifiers(text, regions),
        dates=list(find_dates(text, ref, inferred)),
        sentences=sentences,
        inferred_dates=inferred,
        definitions=defined,
    )
