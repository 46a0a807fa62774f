"""Pattern finders for seller pages: contacts, wallets, payment, stealth claims, destinations, terms.

Each finder returns :class:`Found` values with character spans into the text
it was given. The words and phrases come from ``data/listing_terms.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

import phonenumbers

from tracegraph.substances.registry import read_data


@dataclass(frozen=True)
class Found:
    """A value found in text, normalised, with the span it came from."""

    value: str
    start: int
    end: int
    kind: str = ""


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class Patterns:
    terms: dict[str, Any]
    offer: re.Pattern[str]
    dest_cue: re.Pattern[str]
    country: re.Pattern[str]
    country_cs: re.Pattern[str]
    stealth: re.Pattern[str]
    payment: re.Pattern[str]
    messenger: re.Pattern[str]
    seller_label: re.Pattern[str]
    product_label: re.Pattern[str]
    website: re.Pattern[str]


def _word(alt: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """Whole words for Latin script; names in Chinese script need no boundary."""
    return re.compile(rf"(?<![A-Za-z0-9@.])(?:{alt})(?![A-Za-z0-9])", flags)


@cache
def patterns() -> Patterns:
    t = read_data("listing_terms.yaml")
    tlds = _alternation(t["website_tlds"])
    # a handle may carry Markdown escapes ("novachem\_amy") left by HTML-to-text conversion
    handle = r"(\+?\d[\d \-().]{5,20}\d|@?[A-Za-z](?:\\?[\w.\-]){2,31})"
    return Patterns(
        terms=t,
        offer=re.compile(rf"(?:{_alternation(t['offer_cues'])})", re.IGNORECASE),
        dest_cue=re.compile(rf"(?:{_alternation(t['destination_cues'])})", re.IGNORECASE),
        country=_word(_alternation(t["countries"])),
        country_cs=_word(_alternation(t["case_sensitive"]), 0),
        stealth=re.compile(rf"(?:{_alternation(t['stealth'])})", re.IGNORECASE),
        payment=_word(_alternation(t["payment_methods"])),
        messenger=re.compile(
            rf"(?<![\w])({_alternation(t['messengers'])})(?:\s*(?:id|number|no\.?|账号|号))?"
            rf"(?:\s*/\s*[A-Za-z]+)?\s*(?:[:：]\s*|\s+(?=[+@\d])){handle}",
            re.IGNORECASE,
        ),
        seller_label=re.compile(
            rf"^[ \t]*(?:{_alternation(t['seller_labels'])})[ \t]*[:：][ \t]*(.+?)[ \t]*$", re.IGNORECASE | re.M
        ),
        product_label=re.compile(
            rf"^[ \t]*(?:\d+\)\s*)?(?:{_alternation(t['product_labels'])})[ \t]*[:：][ \t]*(.+?)[ \t]*$",
            re.IGNORECASE | re.M,
        ),
        website=re.compile(
            rf"(?<![\w@.\-/])(?:https?://[^\s<>\"')]+|www\.[\w\-]+(?:\.[\w\-]+)+|[a-z0-9][\w\-]*(?:\.[\w\-]+)*\.(?:{tlds}))"
            rf"(?![\w@\-])",
            re.IGNORECASE,
        ),
    )


EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
WALLETS = (
    ("btc", re.compile(r"(?<![\w])bc1[ac-hj-np-z02-9]{25,59}(?![\w])")),
    ("eth", re.compile(r"(?<![\w])0x[a-fA-F0-9]{40}(?![\w])")),
    ("trx", re.compile(r"(?<![\w])T[1-9A-HJ-NP-Za-km-z]{33}(?![\w])")),
    ("btc", re.compile(r"(?<=[:：\s])[13][a-km-zA-HJ-NP-Z1-9]{25,34}(?![\w])")),
)
PURITY = re.compile(
    r"(?:purity|pureza|assay|纯度|含量)\s*[:：]?\s*(?:≥|>=|>|min\.?)?\s*(\d{2,3}(?:\.\d+)?\s*%)"
    r"|(\d{2,3}(?:\.\d+)?\s*%)\s*(?:purity|pure|min)",
    re.IGNORECASE,
)
_UNIT = r"(?:kg|kilos?|kilograms?|g|grams?|gramos?|tons?|mt|公斤|千克|克)"
PRICE = re.compile(
    r"(?:US\$|USD|\$|€|EUR|¥|RMB|CNY)\s?\d[\d,.]*(?:\s*(?:-|~|to)\s*\d[\d,.]*)?\s*(?:USD|EUR)?"
    rf"\s*(?:/|per\s+|por\s+)\s*{_UNIT}(?![\w])",
    re.IGNORECASE,
)
MOQ = re.compile(
    r"(?:MOQ|min(?:imum)?\.?\s*order(?:\s*quantity)?|minimum\s+quantity|pedido\s+m[ií]nimo|cantidad\s+m[ií]nima"
    rf"|最小起订量|起订量)\s*[:：]?\s*(\d[\d.,]*\s*{_UNIT})(?![\w])",
    re.IGNORECASE,
)
DATE_LABEL = re.compile(
    r"(?:updated|posted|last update|published|publicado|actualizado|更新时间|发布时间|更新|发布|日期)"
    r"\s*(?:on|el)?\s*[:：]?\s*(\d{4}-\d{2}-\d{2})",
    re.IGNORECASE,
)
SMILES_LABEL = re.compile(r"SMILES\s*[:：]\s*([^\s<>]+)")
COMPANY = re.compile(
    r"(?:[A-ZÀ-Ý][\w&'’\-]*\.?[ \t]+(?:(?:de|del|la|y|and|of|&)[ \t]+)?){1,6}"
    r"(?:Co\.,?[ \t]?Ltd\.?|Co\.,?[ \t]?Limited|Company[ \t]Limited|Limited|Ltd\.?|Inc\.|LLC|GmbH"
    r"|S\.A\.[ \t]de[ \t]C\.V\.)"
)
COMPANY_ZH = re.compile(r"[\u4e00-\u9fff]{4,30}有限公司")


def _spans(pattern: re.Pattern[str], text: str, group: int = 0) -> list[Found]:
    out = []
    for m in pattern.finditer(text):
        g = group if m.group(group) is not None else next(i for i in range(1, (m.lastindex or 0) + 1) if m.group(i))
        out.append(Found(" ".join(m.group(g).split()), m.start(g), m.end(g)))
    return out


def find_emails(text: str) -> list[Found]:
    return [Found(m.group(0).lower(), m.start(), m.end()) for m in EMAIL.finditer(text)]


def find_websites(text: str) -> list[Found]:
    emails = [(e.start, e.end) for e in find_emails(text)]
    out = []
    for m in patterns().website.finditer(text):
        if any(s <= m.start() < e for s, e in emails):
            continue
        out.append(Found(m.group(0).rstrip(".,;").lower(), m.start(), m.end()))
    return out


def find_phones(text: str) -> list[Found]:
    """International numbers (with a leading +), as E.164."""
    out = []
    for match in phonenumbers.PhoneNumberMatcher(text, None, leniency=phonenumbers.Leniency.VALID):
        value = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
        out.append(Found(value, match.start, match.end))
    return out


def find_messengers(text: str) -> list[Found]:
    """Handles as ``service:handle`` (phones in E.164 for WhatsApp and Signal)."""
    services: dict[str, str] = {k.lower(): v for k, v in patterns().terms["messengers"].items()}
    out = []
    for m in patterns().messenger.finditer(text):
        service = services.get(m.group(1).lower(), m.group(1))
        handle = m.group(2).strip().replace("\\", "")
        if handle[0] in "+0123456789":
            try:
                number = phonenumbers.parse(handle, None)
            except phonenumbers.NumberParseException:
                continue
            if not phonenumbers.is_valid_number(number):
                continue
            handle = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        elif service == "Telegram" and not handle.startswith("@"):
            handle = "@" + handle
        out.append(Found(f"{service.lower()}:{handle}", m.start(2), m.end(2), service))
    return out


def find_wallets(text: str) -> list[Found]:
    out: list[Found] = []
    for chain, pattern in WALLETS:
        for m in pattern.finditer(text):
            if not any(f.start <= m.start() < f.end for f in out):
                out.append(Found(f"{chain}:{m.group(0)}", m.start(), m.end(), chain))
    return out


def find_payment_methods(text: str) -> list[Found]:
    labels: dict[str, str] = {k.lower(): v for k, v in patterns().terms["payment_methods"].items()}
    return [Found(labels[m.group(0).lower()], m.start(), m.end()) for m in patterns().payment.finditer(text)]


def find_stealth(text: str) -> list[Found]:
    return [Found(m.group(0).lower(), m.start(), m.end()) for m in patterns().stealth.finditer(text)]


_SENTENCE = re.compile(r"[^.!?。！\n]+")


def find_destinations(text: str) -> list[Found]:
    """Countries named in sentences about shipping or sale, as ISO codes."""
    p = patterns()
    names = {k.lower(): v for k, v in p.terms["countries"].items()}
    out = []
    for sent in _SENTENCE.finditer(text):
        chunk = sent.group(0)
        if not p.dest_cue.search(chunk):
            continue
        for m in p.country.finditer(chunk):
            out.append(Found(names[m.group(0).lower()], sent.start() + m.start(), sent.start() + m.end()))
        for m in p.country_cs.finditer(chunk):
            out.append(Found(p.terms["case_sensitive"][m.group(0)], sent.start() + m.start(), sent.start() + m.end()))
    return sorted(out, key=lambda f: f.start)


def find_sellers(text: str) -> list[Found]:
    """Company names: labelled ones first, then names with a legal form (English, Spanish, Chinese)."""
    out = _spans(patterns().seller_label, text, 1)
    out += [Found(" ".join(m.group(0).split()), m.start(), m.end()) for m in COMPANY.finditer(text)]
    out += [Found(m.group(0), m.start(), m.end(), "zh") for m in COMPANY_ZH.finditer(text)]
    return out


def find_purity(text: str) -> list[Found]:
    return [Found(f.value.replace(" ", ""), f.start, f.end) for f in _spans(PURITY, text, 1)]


def find_prices(text: str) -> list[Found]:
    return [Found(" ".join(m.group(0).split()), m.start(), m.end()) for m in PRICE.finditer(text)]


def find_moq(text: str) -> list[Found]:
    return _spans(MOQ, text, 1)


def find_dates(text: str) -> list[Found]:
    return _spans(DATE_LABEL, text, 1)


def find_product_labels(text: str) -> list[Found]:
    return _spans(patterns().product_label, text, 1)


def find_smiles_labels(text: str) -> list[Found]:
    return _spans(SMILES_LABEL, text, 1)


def has_offer_cue(text: str) -> bool:
    return patterns().offer.search(text) is not None
