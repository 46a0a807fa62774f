"""Turning findings into statements with evidence: spans, sentence, attribution, hedging."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from tracegraph.datafiles import load_yaml
from tracegraph.extract.mentions import Analysis, Mention
from tracegraph.store.model import Document, Statement


@cache
def rules() -> dict[str, Any]:
    return load_yaml("tracegraph.extract", "data", "relations.yaml")


@cache
def words(key: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in rules()[key])


_ACCORDING = re.compile(r"\b[Aa]ccording to ((?:the |a |an )?[^,.;:()\"“”]{2,80})")


def attribution(sent: Any) -> str | None:
    """Who the sentence says it comes from: "according to X", or the subject of "said"."""
    match = _ACCORDING.search(sent.text)
    if match:
        return str(match.group(1)).strip()
    return _speaker(sent)


_NOT_SPEAKERS = frozenset({"it", "he", "she", "they", "we", "i", "which", "that", "this", "you", "who"}) | frozenset(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"]
)  # fmt: skip


def _speaker(sent: Any) -> str | None:
    for tok in sent:
        if tok.lower_ in words("say_verbs") and tok.pos_ != "NOUN":
            for child in tok.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    subtree = list(child.subtree)
                    text = str(sent.doc[subtree[0].i : subtree[-1].i + 1].text)
                    if len(text) <= 80 and text.lower() not in _NOT_SPEAKERS and text[:1].isalpha():
                        return text
    return None


def hedge(sent: Any) -> str | None:
    for tok in sent:
        if tok.lower_ in words("hedges"):
            return str(tok.lower_)
    return None


@dataclass
class Emitter:
    """Collects statements for one document and one extractor."""

    document: Document
    analysis: Analysis
    extractor: str
    version: str
    dataset: str = "default"
    statements: list[Statement] = field(default_factory=list)
    _named: set[tuple[str, int]] = field(default_factory=set)
    _seen: set[tuple[str, str, str, int, int]] = field(default_factory=set)

    def stmt(
        self,
        entity_id: str,
        schema: str,
        prop: str,
        value: str,
        start: int,
        end: int,
        conf: float,
        hedge: str | None = None,
        attribution: str | None = None,
    ) -> None:
        if not value or (entity_id, prop, value, start, end) in self._seen:
            return
        self._seen.add((entity_id, prop, value, start, end))
        self.statements.append(
            Statement(
                entity_id=entity_id,
                schema=schema,
                prop=prop,
                value=value,
                dataset=self.dataset,
                document_id=self.document.id,
                span_start=start,
                span_end=end,
                extractor=self.extractor,
                extractor_version=self.version,
                confidence=round(conf, 3),
                hedge=hedge,
                attribution=attribution,
            )
        )

    def entity(self, m: Mention, conf: float = 0.8) -> None:
        """Name (and country) of a mentioned entity, once per mention span."""
        if not m.entity_id or (m.entity_id, m.start) in self._named:
            return
        self._named.add((m.entity_id, m.start))
        if m.coref:
            return  # the antecedent's own mention carries the name
        self.stmt(m.entity_id, m.schema, "name", m.name, m.start, m.end, conf)
        if m.country:
            self.stmt(m.entity_id, m.schema, "country", m.country, m.start, m.end, conf)
        if m.cas:
            self.stmt(m.entity_id, m.schema, "casNumber", m.cas, m.start, m.end, conf)

    def fact(
        self,
        entity_id: str,
        schema: str,
        sent: Any,
        props: dict[str, str | list[str] | None],
        conf: float,
        mentions: list[Mention] = (),  # type: ignore[assignment]
        span: tuple[int, int] | None = None,
        hedge_word: str | None = "",
    ) -> None:
        """A relation or event entity with its evidence sentence, attribution and hedge.

        ``hedge_word``: ``""`` looks for a hedge anywhere in the sentence; ``None`` means none;
        a word is kept as the hedge (``"not"`` marks a negated finding: much lower confidence).
        """
        start, end = span or (sent.start_char, sent.end_char)
        said = attribution(sent)
        hedged = hedge(sent) if hedge_word == "" else hedge_word
        if hedged == "not":
            conf -= 0.5
        elif hedged:
            conf -= 0.25
        if any(m.coref for m in mentions):
            conf -= 0.1
        if self.analysis.inferred_dates and any(props.get(p) for p in ("date", "startDate")):
            conf -= 0.1  # the story has no date of its own: the year was inferred
        conf = max(conf, 0.05)
        for m in mentions:
            self.entity(m)
        said_as = {"hedge": hedged or None, "attribution": said}  # on every statement of the fact too
        for prop, value in props.items():
            for item in [value] if isinstance(value, str) else value or []:
                self.stmt(entity_id, schema, prop, item, start, end, conf, **said_as)
        self.stmt(entity_id, schema, "summary", self.analysis.text[start:end].strip(), start, end, conf, **said_as)
        self.stmt(entity_id, schema, "proof", self.document.id, start, end, conf, **said_as)
        if self.document.url:
            self.stmt(entity_id, schema, "sourceUrl", self.document.url, start, end, conf, **said_as)
        self.stmt(entity_id, schema, "confidence", f"{conf:.2f}", start, end, conf, **said_as)
        if said:
            self.stmt(entity_id, schema, "attribution", said, start, end, conf, **said_as)
        if hedged:
            self.stmt(entity_id, schema, "hedge", hedged, start, end, conf, **said_as)
