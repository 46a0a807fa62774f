"""Identifier values as comparable keys, and whether a value is generic (shared without meaning).

A key is ``(kind, value)``: ``("phone", "+862155501234")``, ``("domain", "bluepeak-trade.com")``.
The generic lists (free mail, platforms, registered agents, placeholder phones) are data in
``data/analyse.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from tracegraph.analyse.common import config

Key = tuple[str, str]
_SPACES = re.compile(r"[\s,.;:#/\\-]+")


_SUFFIX_LABELS: dict[str, int] = {}


def _registrable(host: str) -> str:
    """The registrable domain of a host (``shop.example.co.uk`` -> ``example.co.uk``); the host itself without
    a public suffix. The public-suffix length is looked up once per last two labels, which keeps millions of
    hosts fast."""
    labels = host.split(".")
    if len(labels) <= 2:
        return host
    tail = ".".join(labels[-2:])
    size = _SUFFIX_LABELS.get(tail)
    if size is None:
        from tracegraph.extract.identifiers import registrable_domain

        found = registrable_domain(host)
        size = len(found.split(".")) - 1 if found else 0
        _SUFFIX_LABELS[tail] = size
    return ".".join(labels[-(size + 1) :]) if size else host


def domain(value: str) -> str | None:
    """The registrable domain of a URL, host or e-mail address."""
    text = value.strip().lower()
    if "@" in text and "/" not in text:
        text = text.rsplit("@", 1)[1]
    if "://" not in text:
        text = "//" + text
    host = (urlsplit(text).hostname or "").removeprefix("www.")
    return _registrable(host) if host else None


def keys(prop: str, value: str) -> Iterator[Key]:
    """The identifier keys a property value gives (an e-mail gives its address and its domain)."""
    kind = config()["identifiers"]["props"].get(prop)
    if kind is None or not value.strip():
        return
    text = value.strip()
    if kind == "phone":
        digits = re.sub(r"\D", "", text)
        if len(digits) >= 6:
            yield ("phone", "+" + digits)
    elif kind == "email":
        yield ("email", text.lower())
        found = domain(text)
        if found and config()["identifiers"]["email_domain_ties"]:
            yield ("domain", found)
    elif kind == "domain":
        found = domain(text)
        if found:
            yield ("domain", found)
    elif kind == "address":
        yield ("address", _SPACES.sub(" ", text.lower()).strip())
    elif kind == "registration":
        yield ("registration", re.sub(r"[\s./-]", "", text.upper()))
    elif kind == "wallet":
        address = text.rsplit(":", 1)[-1].strip()  # "btc:bc1q..." and "bc1q..." are one wallet
        yield ("wallet", address.lower() if address.lower().startswith(("bc1", "0x", "ltc1")) else address)
    elif kind == "messenger":
        yield ("messenger", text.lower().replace("@", ""))
    else:
        yield (kind, text)


@cache
def _generic() -> dict[str, Any]:
    data = config()["generic"]
    return {
        "free_mail": frozenset(data["domains"]["free_mail"]),
        "platform": frozenset(data["domains"]["platform"]),
        "agents": tuple(a.lower() for a in data["agent_addresses"]),
        "phones": tuple(re.compile(p) for p in data["placeholder_phones"]),
    }


def generic_reason(key: Key) -> str | None:
    """Why a value ties nothing by itself (a free-mail domain, an agent's address...), or ``None``."""
    kind, value = key
    found = _generic()
    if kind == "domain":
        if value in found["free_mail"]:
            return "free e-mail provider"
        if value in found["platform"]:
            return "marketplace or hosting platform"
    elif kind == "email":
        local, _, host = value.partition("@")
        if host in found["platform"] or local in ("info", "admin", "support", "noreply", "no-reply", "webmaster"):
            return "generic mailbox" if host not in found["platform"] else "marketplace mailbox"
    elif kind == "address":
        for agent in found["agents"]:
            if agent in value:
                return f"registered-agent address ({agent})"
    elif kind == "phone":
        digits = value.lstrip("+")
        if any(p.search(digits) for p in found["phones"]):
            return "placeholder phone number"
    return None


def weight(key: Key, holders: int) -> tuple[float, str | None]:
    """How much a value shared by ``holders`` entities says, and why it says less (or nothing)."""
    reason = generic_reason(key)
    if reason:
        return 0.0, reason
    limits = config()["generic"]
    if holders > int(limits["max_holders"]):
        return 0.0, f"shared by {holders} entities (more than {limits['max_holders']})"
    base = float(config()["identifiers"]["weights"].get(key[0], 0.5))
    if holders >= int(limits["soft_holders"]):
        import math

        return base / math.log2(holders), f"shared by {holders} entities: weight divided by log2({holders})"
    return base, None
