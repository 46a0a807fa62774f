"""Registered extractors of this part: substance mentions and seller listings.

``substances.dict.v1`` turns each mention found by :func:`find_substances` into
a ``Substance`` statement with its evidence span, and adds the registry
statements (``record_id = registry:<key>``) of every substance it links, so the
substance is a full entity in the store. ``substances.listings.v1`` extracts
``Listing`` entities from pages that offer chemicals for sale.

Both are plain callables ``(doc: Document) -> list[Statement]``.
"""

from __future__ import annotations

from tracegraph.registry import register
from tracegraph.store.model import Document, Statement
from tracegraph.substances.recognise import find_substances
from tracegraph.substances.registry import load_registry, registry_statements

NAME = "substances.dict.v1"
VERSION = "1"


@register("extractor", NAME)
def extract_substances(doc: Document) -> list[Statement]:
    """Substance mentions in ``doc.text`` with spans, plus registry statements of each substance named."""
    registry = load_registry()
    out: list[Statement] = []
    linked: dict[str, None] = {}
    for mention in find_substances(doc.text):
        sub = registry.get(mention.substance_id)
        if sub is None:
            continue
        linked[sub.key] = None
        prop, value = ("casNumber", mention.cas or mention.text) if mention.how == "cas" else ("name", sub.name)
        out.append(
            Statement(
                entity_id=sub.entity_id,
                schema="Substance",
                prop=prop,
                value=value,
                document_id=doc.id,
                span_start=mention.start,
                span_end=mention.end,
                extractor=NAME,
                extractor_version=VERSION,
                confidence=mention.confidence,
                lang=doc.language,
            )
        )
    for key in linked:
        out.extend(registry_statements(registry.substances[key]))
    return out


@register("extractor", "substances.listings.v1")
def extract_listing_statements(doc: Document) -> list[Statement]:
    """Listing entities (with seller, contacts, product and controls) from a seller page."""
    from tracegraph.substances.listing_statements import listing_statements_for_document

    return listing_statements_for_document(doc)
