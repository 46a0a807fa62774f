"""Seller listings: recognise pages that offer chemicals for sale and extract one offer per product.

A page is a listing page when it names a product (a registry substance, a CAS
number the registry knows, or a structure given as SMILES), uses offer
language or sale terms (price, purity, minimum order), and gives a way to
reach the seller (phone, e-mail, messenger, wallet). Anything else is a clean
non-match: news about listings, a page in another language, a catalogue with
no contact, return no offers.

Page-wide facts (seller, contacts, destinations, payment, stealth claims)
apply to every offer of the page; CAS, purity, price and minimum quantity
are read from the block of text that belongs to each product.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from tracegraph.errors import InputError
from tracegraph.substances import finders as fd
from tracegraph.substances.cas import find_cas
from tracegraph.substances.finders import Found
from tracegraph.substances.lookup import SubstanceReport, controls_in, from_smiles, lookup
from tracegraph.substances.recognise import find_substances
from tracegraph.substances.registry import Control, load_registry

_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "li",
        "tr",
        "br",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "article",
        "table",
        "ul",
        "ol",
        "footer",
        "header",
        "nav",
        "main",
        "td",
        "th",
        "dt",
        "dd",
    ]
)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def html_to_text(html: str) -> str:
    """Visible text of an HTML page, one line per block, without head, scripts and styles."""
    import lxml.html

    clean = _CONTROL.sub(" ", html)  # lxml refuses NUL and other control characters
    try:
        root = lxml.html.document_fromstring(clean)
        for bad in root.xpath("//head|//script|//style|//noscript|//comment()"):
            bad.drop_tree()
    except Exception:  # lxml raises several types on junk
        return ""
    parts: list[str] = []
    for el in root.iter():
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _BLOCK_TAGS:
            parts.append("\n")
        if el.text and tag:
            parts.append(el.text)
        if tag in ("td", "th"):
            parts.append(" ")
        if el.tail:
            parts.append(el.tail)
    lines = (" ".join(line.split()) for line in "".join(parts).splitlines())
    return "\n".join(line for line in lines if line)


def looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<body" in head or "<!doctype html" in head


@dataclass
class Offer:
    """One product offered on a page, with the page's seller, contacts and claims."""

    product: SubstanceReport
    anchor: Found  # where the product is named on the page
    start: int
    end: int
    seller: Found | None = None
    seller_aliases: list[Found] = field(default_factory=list)
    fields: dict[str, list[Found]] = field(default_factory=dict)
    date: Found | None = None
    date_value: str | None = None
    controls: dict[str, list[Control]] = field(default_factory=dict)

    def values(self, prop: str) -> list[str]:
        return list(dict.fromkeys(f.value for f in self.fields.get(prop, [])))

    @property
    def controlled(self) -> bool:
        return any(self.controls.values())

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "product": self.product.name,
            "product_as_written": self.anchor.value,
            "substance_id": self.product.key,
            "novel": self.product.novel,
            "seller": self.seller.value if self.seller else None,
            "date": self.date_value,
        }
        for prop in PAGE_FIELDS + OFFER_FIELDS:
            data[prop] = self.values(prop)
        data["controls"] = {c: [x.describe() for x in cs] for c, cs in self.controls.items()}
        data["classes"] = [m.describe() for m in self.product.classes]
        return data


PAGE_FIELDS = ["phone", "email", "website", "messenger", "wallet", "paymentMethod", "destination", "stealth"]
OFFER_FIELDS = ["casNumber", "purity", "price", "minimumQuantity"]


def _page_fields(text: str) -> dict[str, list[Found]]:
    return {
        "phone": fd.find_phones(text),
        "email": fd.find_emails(text),
        "website": fd.find_websites(text),
        "messenger": fd.find_messengers(text),
        "wallet": fd.find_wallets(text),
        "paymentMethod": fd.find_payment_methods(text),
        "destination": fd.find_destinations(text),
        "stealth": fd.find_stealth(text),
    }


def _offer_fields(text: str, start: int, end: int) -> dict[str, list[Found]]:
    block = text[start:end]

    def shift(items: list[Found]) -> list[Found]:
        return [Found(f.value, f.start + start, f.end + start, f.kind) for f in items]

    cas = [Found(c.cas, c.start, c.end) for c in find_cas(block) if c.valid]
    return {
        "casNumber": shift(cas),
        "purity": shift(fd.find_purity(block)),
        "price": shift(fd.find_prices(block)),
        "minimumQuantity": shift(fd.find_moq(block)),
    }


def _products(text: str) -> list[tuple[SubstanceReport, Found]]:
    """Each distinct product with its first anchor on the page, in page order."""
    reg = load_registry()
    found: dict[str, tuple[SubstanceReport, Found]] = {}
    groups: dict[str, tuple[SubstanceReport, Found]] = {}
    best: dict[str, tuple[int, Found]] = {}
    mentions = [m for m in find_substances(text) if reg.get(m.substance_id) is not None]
    for i, m in enumerate(mentions):
        sub = reg.substances[m.substance_id]
        anchor = Found(m.text, m.start, m.end, m.how)
        stop = next((n.start for n in mentions[i + 1 :] if n.substance_id != m.substance_id), len(text))
        score = _terms_after(text, m.start, stop)
        if sub.key not in best or score > best[sub.key][0]:
            best[sub.key] = (score, anchor)
    for key, (_, anchor) in best.items():
        target = groups if reg.substances[key].group else found
        target[key] = (lookup(key, reg, systematic=False), anchor)
    previous_end = 0
    for label in fd.find_smiles_labels(text):
        window_start, previous_end = previous_end, label.end
        try:
            report = from_smiles(label.value, registry=reg)
        except InputError:
            continue  # an unparsable structure is no product; the rest of the page goes on
        if report.key not in found:
            name = _nearest_label(text, label.start, window_start)
            if report.novel:
                report.name = name.value if name is not None else f"unnamed structure {report.inchikey[:14]}"
            found[report.key] = (report, Found(label.value, label.start, label.end, "structure"))
    chosen = found or groups
    return sorted(chosen.values(), key=lambda pair: pair[1].start)


def _terms_after(text: str, pos: int, stop: int, reach: int = 300) -> int:
    """How many kinds of sale terms (CAS, purity, price, minimum order) follow ``pos`` before ``stop``.

    A product named in a page's introduction and again above its terms is anchored at the
    second mention, so its block holds its own terms.
    """
    window = text[pos : min(stop, pos + reach)]
    return sum(
        1 for found in (find_cas(window), fd.find_purity(window), fd.find_prices(window), fd.find_moq(window)) if found
    )


def _nearest_label(text: str, pos: int, floor: int = 0) -> Found | None:
    """The closest 'Product: ...' label before ``pos``, within 400 characters and after ``floor``."""
    offset = max(floor, pos - 400)
    labels = fd.find_product_labels(text[offset:pos])
    if not labels:
        return None
    last = labels[-1]
    value = re.split(r"\s[(\-–—]", last.value)[0].strip() or last.value
    return Found(value, last.start + offset, last.start + offset + len(value))


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _seller(text: str) -> tuple[Found | None, list[Found]]:
    found = fd.find_sellers(text)
    latin = [f for f in found if f.kind != "zh"]
    aliases = [f for f in found if f.kind == "zh"]
    if not latin:
        return (aliases[0] if aliases else None), aliases[1:]
    counts: dict[str, int] = {}
    for f in latin:
        counts[f.value] = counts.get(f.value, 0) + 1
    best = max(latin, key=lambda f: (counts[f.value], -f.start))
    return best, list({f.value: f for f in aliases}.values())


def is_listing_page(text: str) -> bool:
    """True when ``text`` offers a product for sale and gives a way to reach the seller."""
    return bool(extract_offers(text))


def extract_offers(
    text: str, date: str | None = None, html: bool | None = None, seller_hint: str | None = None
) -> list[Offer]:
    """The offers on a page (plain text, or HTML which is reduced to its visible text first).

    ``html`` None detects HTML; False keeps offsets into ``text`` as given (stored documents).
    ``seller_hint`` (e.g. the site name of a stored document) names the seller when the text
    gives no company name in Latin script. ``date`` is used when the page states none; controls
    are checked on the offer's date (every recorded control counts when there is no date at all).
    """
    if not text or not text.strip():
        return []
    if html or (html is None and looks_like_html(text)):
        text = html_to_text(text)
    products = _products(text)
    if not products:
        return []
    page = _page_fields(text)
    reachable = any(page[k] for k in ("phone", "email", "messenger", "wallet"))
    terms = fd.find_prices(text) or fd.find_moq(text) or fd.find_purity(text)
    if not reachable or not (terms or fd.has_offer_cue(text)):
        return []
    seller, aliases = _seller(text)
    if seller_hint and (seller is None or seller.kind == "zh") and fd.COMPANY.search(seller_hint):
        aliases = [a for a in [seller, *aliases] if a is not None]
        seller = Found(seller_hint.strip(), -1, -1, "meta")  # from the page's metadata, not its text
    dates = fd.find_dates(text)
    when = dates[0].value if dates else date
    starts = [_line_start(text, anchor.start) for _, anchor in products]
    offers = []
    for i, (report, anchor) in enumerate(products):
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        offer = Offer(
            report, anchor, starts[i], end, seller, aliases, date=dates[0] if dates else None, date_value=when
        )
        offer.fields = {**page, **_offer_fields(text, starts[i], end)}
        for country in offer.values("destination"):
            offer.controls[country] = controls_in(report, country, when)
        offers.append(offer)
    return offers
