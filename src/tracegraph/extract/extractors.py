"""The registered extractors: ``ner.spacy.v1`` (entities) and ``rel.patterns.v1`` (relations and
events). Each is a factory ``(settings) -> Extractor``; a model-based relation extractor can
register beside them under its own versioned name."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from typing import Protocol

from tracegraph.extract import rules_core, rules_events
from tracegraph.extract.evidence import Emitter
from tracegraph.extract.mentions import Analysis
from tracegraph.extract.nlp import model_name
from tracegraph.extract.parse import Sentence
from tracegraph.registry import register
from tracegraph.settings import Settings
from tracegraph.store.model import Document, Statement


class Extractor(Protocol):
    """Turns one analysed document into statements with evidence."""

    name: str
    version: str

    def __call__(self, document: Document, analysis: Analysis, dataset: str) -> list[Statement]: ...


def _model_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "unknown"


@dataclass
class NerExtractor:
    """Actors named in the story (people, companies, public bodies, organisations)."""

    model: str
    name: str = "ner.spacy.v1"
    version: str = ""

    def __post_init__(self) -> None:
        # 1.1: legal-form company names, short company names, family-name-first people (December 2026)
        # 1.2: surnames from earlier stories of the page and earlier windows, "the defendants", ages
        self.version = self.version or f"1.2+{self.model}-{_model_version(self.model)}"

    def __call__(self, document: Document, analysis: Analysis, dataset: str) -> list[Statement]:
        emitter = Emitter(document, analysis, self.name, self.version, dataset)
        for m in analysis.mentions:
            if m.kind == "actor":
                emitter.entity(m, 0.8 if m.source == "ner" else 0.9)
        return emitter.statements


Rule = Callable[[Sentence, Emitter], None]


@dataclass
class PatternExtractor:
    """Typed relations and events from dependency patterns and rules (``data/relations.yaml``)."""

    name: str = "rel.patterns.v1"
    version: str = "1.1"  # 1.1: deadlines ("by 2029") are no longer event dates
    rules: list[Rule] = field(
        default_factory=lambda: [
            rules_core.ownership,
            rules_core.roles,
            rules_core.names,
            rules_core.links,
            rules_core.identifiers,
            rules_core.addresses,
            rules_events.sanctions,
            rules_events.schedule,
            rules_events.legal,
            rules_events.tariffs,
            rules_events.trade,
            rules_events.meetings,
            rules_events.offers,
        ]
    )

    def __call__(self, document: Document, analysis: Analysis, dataset: str) -> list[Statement]:
        emitter = Emitter(document, analysis, self.name, self.version, dataset)
        for span in analysis.doc.sents:
            if not analysis.in_span(span.start_char, span.end_char) and "@" not in span.text:
                continue
            sentence = Sentence(analysis, span)
            for rule in self.rules:
                rule(sentence, emitter)
        return emitter.statements


def _factory(func: Callable[[Settings], Extractor]) -> Callable[[Settings], Extractor]:
    func.tracegraph_factory = True  # type: ignore[attr-defined]
    return func


@register("extractor", "ner.spacy.v1")
@_factory
def ner_spacy_v1(settings: Settings) -> Extractor:
    return NerExtractor(model=model_name(settings))


@register("extractor", "rel.patterns.v1")
@_factory
def rel_patterns_v1(settings: Settings) -> Extractor:
    return PatternExtractor()


@register("extractor", "rel.deps.v1")
@_factory
def rel_deps_v1(settings: Settings) -> Extractor:
    from tracegraph.extract.deps import DepsExtractor

    return DepsExtractor()


DEFAULT_EXTRACTORS = ("ner.spacy.v1", "rel.deps.v1")
#: registered but run only when named (``tracegraph build -e rel.patterns.v1``): kept for comparison
OPT_IN = frozenset({"rel.patterns.v1", "rel.pairs.v1"})


def default_extractors() -> list[str]:
    """What ``tracegraph build`` runs without ``-e``: every registered extractor but the opt-in ones."""
    from tracegraph import registry

    return [name for name in registry.names("extractor") if name not in OPT_IN]
