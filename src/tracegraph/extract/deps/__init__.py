"""``rel.deps.v1``: relations and events from the dependency parse, driven by a predicate
lexicon kept as data (``data/predicates.yaml``, ``data/roles.yaml``).

Per sentence: verb predicates with voice and coordination (:mod:`.verbs`), nominal predicates
(:mod:`.nominal`), titles, appositions, copulas and owner nouns (:mod:`.titles`); per story:
defined short forms and other names (:mod:`.aliases`). Identifier ties, addresses and
renamings between two names reuse the pattern rules of ``rel.patterns.v1``.
Work per sentence is bounded: the parse rules skip sentences longer than
:data:`MAX_TOKENS` tokens (flattened tables, lists), the title rules look at a fixed window.
"""

from __future__ import annotations

from dataclasses import dataclass

from tracegraph.extract import rules_core
from tracegraph.extract.deps import agency, copulas, holders, nominal, records, seller, titles, verbs
from tracegraph.extract.deps.lexicon import lexicon
from tracegraph.extract.evidence import Emitter
from tracegraph.extract.mentions import Analysis
from tracegraph.extract.parse import Sentence
from tracegraph.store.model import Document, Statement

MAX_TOKENS = 250


def _sentence_bounds(analysis: Analysis, start: int, end: int) -> tuple[int, int]:
    """The sentence(s) holding a definition: the evidence a reader checks, not just the bracket."""
    first = analysis.sentences[analysis.sentence_of(start)] if analysis.sentences else (start, end)
    last = analysis.sentences[analysis.sentence_of(max(start, end - 1))] if analysis.sentences else (start, end)
    return min(first[0], start), max(last[1], end)


@dataclass
class DepsExtractor:
    """Typed relations and events from the dependency parse and the predicate lexicon."""

    name: str = "rel.deps.v1"
    # 1.1: stray conjuncts, spokespersons, trade names, alias evidence = sentence
    # 1.2: plural descriptions ("the defendants", "the chemicals"), titles after an age, seizures, a.k.a. in brackets
    version: str = "1.2"

    def __call__(self, document: Document, analysis: Analysis, dataset: str) -> list[Statement]:
        emitter = Emitter(document, analysis, self.name, self.version, dataset)
        lex = lexicon()
        company = seller.seller(analysis)
        records.read(analysis, emitter, lex)  # a company record's lines: owners, officers, former names
        records.designee_lines(analysis, emitter, lex)  # "LU, Qingfeng ...; DOB ...; (individual) [PROGRAM]."
        for d in analysis.definitions:
            if not d.stated:
                continue  # a person's own family name in brackets: a later reference, no other name
            emitter.entity(d.long, 0.85)
            prop = "previousName" if d.kind == "previous" else "alias"
            start, end = _sentence_bounds(analysis, d.start, d.end)
            emitter.stmt(d.long.entity_id, d.long.schema, prop, d.short, start, end, 0.85)
        for span in analysis.doc.sents:
            if not analysis.in_span(span.start_char, span.end_char) and "@" not in span.text:
                if company is not None and ":" in span.text:  # "Sales Manager: Cindy Wu", no name tagged
                    seller.lines(Sentence(analysis, span), emitter, lex, company)
                if len(span) <= MAX_TOKENS and (
                    span.text.rstrip().endswith(":") or verbs.PRONOUN_DESIGNEE.match(span.text)
                ):
                    # "the defendants are:" + a list; "It is being designated ..." after the company's sentence
                    verbs.verb_findings(Sentence(analysis, span), emitter, lex)
                continue
            s = Sentence(analysis, span)
            rules_core.identifiers(s, emitter)
            rules_core.addresses(s, emitter)
            rules_core.names(s, emitter)
            titles.names(s, emitter, lex)
            holders.possessive_titles(s, emitter, lex)
            holders.named_staff(s, emitter, lex)
            holders.own_firms(s, emitter)
            if company is not None:
                seller.lines(s, emitter, lex, company)
            if len(span) > MAX_TOKENS:
                continue
            verbs.verb_findings(s, emitter, lex)
            nominal.noun_findings(s, emitter, lex)
            holders.shares_held(s, emitter)
            copulas.role_nouns(s, emitter, lex)
            holders.whose_role(s, emitter, lex)
            holders.possessed_firms(s, emitter)
            holders.state_owned(s, emitter)
            agency.findings(s, emitter)  # acting for or on behalf of, fronts, agents, lawyers
        agency.legal_representatives(emitter)  # a legal representative also represents the firm
        return emitter.statements
