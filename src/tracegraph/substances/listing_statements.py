"""Listing offers as statements: the Listing entity, its seller, and its product, with evidence.

Every statement from a page carries the document id and the span of the value
it states. Control flags (``control``, ``controlledIn``) carry the span of the
product on the page and the ``record_id`` of the registry entry or class rule
they come from.
"""

from __future__ import annotations

from tracegraph.ids import make_id, text_hash
from tracegraph.store.model import Document, Statement
from tracegraph.substances.finders import Found
from tracegraph.substances.listings import OFFER_FIELDS, PAGE_FIELDS, Offer, extract_offers
from tracegraph.substances.registry import registry_statements

NAME = "substances.listings.v1"
VERSION = "1"
#: listing props that also describe the seller (ties between seller sites)
SELLER_PROPS = ("phone", "email", "website")


def seller_id(name: str) -> str:
    """The seller's entity id, by the extraction scheme for organisations named in text."""
    from tracegraph.extract.keys import entity_id

    return entity_id("Company", name)


def listing_id(doc_key: str, offer: Offer) -> str:
    return make_id("lst", doc_key, offer.product.key, offer.start)


def offer_statements(offer: Offer, document_id: str | None, doc_key: str, lang: str | None = None) -> list[Statement]:
    """Statements for one offer; with ``document_id`` None (raw text) spans are still recorded."""
    out: list[Statement] = []
    lid = listing_id(doc_key, offer)

    def add(
        entity: str,
        schema: str,
        prop: str,
        value: str,
        where: Found | None,
        record: str | None = None,
        confidence: float = 0.8,
    ) -> None:
        out.append(
            Statement(
                entity_id=entity,
                schema=schema,
                prop=prop,
                value=value,
                document_id=document_id,
                record_id=record,
                span_start=where.start if where and where.start >= 0 else None,
                span_end=where.end if where and where.start >= 0 else None,
                extractor=NAME,
                extractor_version=VERSION,
                confidence=confidence,
                lang=lang,
            )
        )

    product = offer.product
    seller = offer.seller
    caption = f"{product.name} offered by {seller.value}" if seller else f"{product.name} offered for sale"
    add(lid, "Listing", "name", caption, offer.anchor)
    add(lid, "Listing", "product", product.entity_id, offer.anchor)
    add(lid, "Listing", "productName", offer.anchor.value, offer.anchor)
    if offer.date_value:
        add(lid, "Listing", "date", offer.date_value, offer.date or offer.anchor)
    for prop in PAGE_FIELDS + OFFER_FIELDS:
        for found in offer.fields.get(prop, []):
            value = found.value.lower() if prop == "destination" else found.value
            add(lid, "Listing", prop, value, found)
    if seller is not None:
        sid = seller_id(seller.value)
        add(lid, "Listing", "seller", sid, seller)
        add(sid, "Company", "name", seller.value, seller)
        for alias in offer.seller_aliases:
            if alias.value != seller.value:
                add(sid, "Company", "alias", alias.value, alias)
        for prop in SELLER_PROPS:
            for found in offer.fields.get(prop, []):
                add(sid, "Company", prop, found.value, found)
    record = f"registry:{product.key}" if product.substance else None
    for country, controls in offer.controls.items():
        for control in controls:
            source = f"class:{control.rule}" if control.basis == "class" else record
            add(lid, "Listing", "control", control.describe(), offer.anchor, source, 0.9)
            add(lid, "Listing", "controlledIn", country.lower(), offer.anchor, source, 0.9)
    out.extend(_product_statements(offer, document_id, lang))
    return out


def _product_statements(offer: Offer, document_id: str | None, lang: str | None) -> list[Statement]:
    """The product as an entity: registry statements, or a novel Substance known by its structure."""
    product = offer.product
    if product.substance is not None:
        return registry_statements(product.substance)
    values = [("name", product.name), ("smiles", product.smiles), ("inchiKey", product.inchikey)]
    values += [("substanceClass", m.label) for m in product.classes]
    values += [("classRule", m.rule) for m in product.classes]
    values += [("controlStatus", m.describe()) for m in product.classes if m.legal]
    return [
        Statement(
            entity_id=product.entity_id,
            schema="Substance",
            prop=prop,
            value=value,
            document_id=document_id,
            span_start=offer.anchor.start,
            span_end=offer.anchor.end,
            extractor=NAME,
            extractor_version=VERSION,
            confidence=0.9,
            lang=lang,
        )
        for prop, value in values
        if value
    ]


def listing_statements_for_text(text: str, date: str | None = None) -> list[Statement]:
    """Statements for the offers in raw text or HTML (no document id; spans refer to the visible text)."""
    key = text_hash(text)
    return [s for offer in extract_offers(text, date) for s in offer_statements(offer, None, key)]


def listing_statements_for_document(doc: Document) -> list[Statement]:
    """Statements for the offers in a stored document, with evidence (document id + spans)."""
    offers = extract_offers(doc.text, (doc.published or "")[:10] or None, html=False, seller_hint=doc.outlet)
    out: list[Statement] = []
    for offer in offers:
        out.extend(offer_statements(offer, doc.id, doc.id, doc.language))
        if doc.url:
            out.append(
                Statement(
                    entity_id=listing_id(doc.id, offer),
                    schema="Listing",
                    prop="sourceUrl",
                    value=doc.url,
                    document_id=doc.id,
                    span_start=offer.anchor.start,
                    span_end=offer.anchor.end,
                    extractor=NAME,
                    extractor_version=VERSION,
                )
            )
    return out
