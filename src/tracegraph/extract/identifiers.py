"""Identifiers and quantities found by pattern: e-mails, phones, URLs and domains, CAS numbers,
money, percentages. Each comes back as a :class:`Found` with its span and normalised value."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import phonenumbers

# the check digit lives with the substance registry; extraction checks CAS numbers the same way
from tracegraph.substances.cas import is_valid_cas as cas_valid

EMAIL = re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,24}\b")
URL = re.compile(r"\bhttps?://[^\s<>\"'()\[\]]+|\bwww\.[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+[^\s<>\"'()\[\],]*")
DOMAIN = re.compile(r"(?<![@\w.-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,18}\b(?![@\w-])")
CAS = re.compile(r"\b(\d{2,7})-(\d{2})-(\d)\b")

_NUMBER = r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_MAGNITUDE = r"(trillion|billion|million|thousand|bn|tn|mn|m|k)\b"
_SYMBOLS = {
    "us$": "USD", "$": "USD", "usd": "USD", "a$": "AUD", "au$": "AUD", "c$": "CAD", "hk$": "HKD",
    "s$": "SGD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP", "¥": "CNY", "rmb": "CNY", "cny": "CNY",
    "₽": "RUB", "rub": "RUB", "₹": "INR",
}  # fmt: skip
_WORDS = {
    "yuan": "CNY", "renminbi": "CNY", "dollars": "USD", "dollar": "USD", "euros": "EUR", "euro": "EUR",
    "pounds": "GBP", "roubles": "RUB", "rubles": "RUB", "rupees": "INR", "yen": "JPY", "pesos": "MXN",
}  # fmt: skip
_SYMBOL_RE = "|".join(re.escape(s) for s in sorted(_SYMBOLS, key=len, reverse=True))
MONEY_PREFIX = re.compile(rf"(?<![\w$])({_SYMBOL_RE})\s?{_NUMBER}(?:\s?{_MAGNITUDE})?", re.IGNORECASE)
MONEY_SUFFIX = re.compile(rf"\b{_NUMBER}\s?(?:{_MAGNITUDE}\s)?({'|'.join(_WORDS)})\b", re.IGNORECASE)
PERCENT = re.compile(rf"\b{_NUMBER}\s?(%|per\s?cent|percent)", re.IGNORECASE)
SCALE = {"trillion": 1e12, "tn": 1e12, "billion": 1e9, "bn": 1e9, "million": 1e6, "mn": 1e6, "m": 1e6}
SCALE |= {"thousand": 1e3, "k": 1e3}
# Web furniture and file names that look like domains
_NOT_DOMAINS = {"e.g", "i.e", "u.s", "a.m", "p.m", "st.louis"}
_FILE_TLDS = {"jpg", "png", "gif", "pdf", "html", "htm", "php", "js", "css", "txt", "doc", "docx", "xlsx", "csv"}


@dataclass(frozen=True)
class Found:
    kind: str  # email, phone, url, domain, cas, money, percent
    start: int
    end: int
    text: str
    value: str
    extra: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)


@cache
def _tld() -> Any:
    import tldextract

    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def registrable_domain(host: str) -> str | None:
    """``shop.example.co.uk`` -> ``example.co.uk``; ``None`` without a public suffix."""
    parts = _tld()(host.lower())
    if not parts.suffix or not parts.domain:
        return None
    return f"{parts.domain}.{parts.suffix}"


def _amount(number: str, magnitude: str | None) -> float:
    value = float(number.replace(",", ""))
    return value * SCALE.get((magnitude or "").lower(), 1.0)


def _fmt(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:.4f}".rstrip("0")


def find_money(text: str) -> Iterator[Found]:
    taken: list[tuple[int, int]] = []
    for m in MONEY_PREFIX.finditer(text):
        symbol, number, mag = m.group(1).lower(), m.group(2), m.group(3)
        if symbol in {"m", "k"}:
            continue
        taken.append(m.span())
        value = _amount(number, mag)
        currency = _SYMBOLS[symbol]
        yield Found("money", m.start(), m.end(), m.group(0), _fmt(value), {"currency": currency})
    for m in MONEY_SUFFIX.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        value = _amount(m.group(1), m.group(2))
        currency = _WORDS[m.group(3).lower()]
        yield Found("money", m.start(), m.end(), m.group(0), _fmt(value), {"currency": currency})


def find_phones(text: str, regions: list[str]) -> Iterator[Found]:
    seen: set[tuple[int, int]] = set()
    for region in [*regions, "ZZ"]:
        try:
            matcher = phonenumbers.PhoneNumberMatcher(text, region.upper(), leniency=phonenumbers.Leniency.VALID)
        except Exception:  # unknown region code
            continue
        for match in matcher:
            if (match.start, match.end) in seen or any(s <= match.start < e for s, e in seen):
                continue
            seen.add((match.start, match.end))
            value = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
            yield Found("phone", match.start, match.end, match.raw_string, value, {"region": region})


def find_identifiers(text: str, regions: list[str] | None = None) -> list[Found]:
    """All identifiers and quantities in ``text``, ordered by position, without overlaps."""
    found: list[Found] = []
    for m in EMAIL.finditer(text):
        found.append(Found("email", m.start(), m.end(), m.group(0), m.group(0).lower()))
    for m in URL.finditer(text):
        raw = m.group(0).rstrip(".,;:")
        url = raw if raw.lower().startswith("http") else f"http://{raw}"
        host = re.sub(r"^https?://", "", url, flags=re.I).split("/")[0].split(":")[0]
        domain = registrable_domain(host)
        found.append(Found("url", m.start(), m.start() + len(raw), raw, url, {"domain": domain}))
    for m in DOMAIN.finditer(text):
        host = m.group(0)
        if host.lower() in _NOT_DOMAINS or host.rsplit(".", 1)[-1].lower() in _FILE_TLDS:
            continue
        if host.rsplit(".", 1)[-1].isupper() and not host.isupper():
            continue  # "Inc.The" style sentence joins
        domain = registrable_domain(host)
        if domain:
            found.append(Found("domain", m.start(), m.end(), host, domain))
    for m in CAS.finditer(text):
        if cas_valid(m.group(0)):
            found.append(Found("cas", m.start(), m.end(), m.group(0), m.group(0)))
    found.extend(find_money(text))
    for m in PERCENT.finditer(text):
        found.append(Found("percent", m.start(), m.end(), m.group(0), _fmt(float(m.group(1).replace(",", "")))))
    found.extend(find_phones(text, regions or []))
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    kept: list[Found] = []
    for item in found:
        if kept and item.start < kept[-1].end:
            continue
        kept.append(item)
    return kept
