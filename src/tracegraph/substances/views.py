"""Read-side views over the store: Listing entities with their seller and product resolved."""

from __future__ import annotations

from typing import Any

from tracegraph.errors import NotFoundError
from tracegraph.store import Store


def _caption(store: Store, entity_id: str) -> str:
    try:
        return store.entity(entity_id).caption
    except NotFoundError:
        return entity_id


def listing_rows(store: Store, controlled: bool = False, destination: str | None = None) -> list[dict[str, Any]]:
    """Listings in the store, optionally only controlled ones or those shipping to ``destination`` (ISO code)."""
    wanted = destination.lower() if destination else None
    rows = []
    for entity in store.entities("Listing"):
        props = entity.properties
        dests = sorted({d.lower() for d in props.get("destination", [])})
        controlled_in = sorted({c.lower() for c in props.get("controlledIn", [])})
        if wanted and wanted not in dests:
            continue
        if controlled and not (controlled_in if wanted is None else wanted in controlled_in):
            continue
        rows.append(
            {
                "id": entity.id,
                "name": entity.caption,
                "seller": [_caption(store, s) for s in props.get("seller", [])],
                "product": [_caption(store, p) for p in props.get("product", [])],
                "product_as_written": props.get("productName", []),
                "date": props.get("date", []),
                "destination": dests,
                "controlled_in": controlled_in,
                "controls": props.get("control", []),
                "price": props.get("price", []),
                "purity": props.get("purity", []),
                "minimum_quantity": props.get("minimumQuantity", []),
                "contacts": props.get("phone", []) + props.get("email", []) + props.get("messenger", []),
                "website": props.get("website", []),
                "wallet": props.get("wallet", []),
                "stealth": props.get("stealth", []),
                "documents": sorted({s.document_id for s in entity.statements if s.document_id}),
            }
        )
    rows.sort(key=lambda r: (r["seller"], r["product"], r["date"], r["id"]))
    return rows
