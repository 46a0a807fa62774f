"""CAS registry numbers: the check digit, and finding them in text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracegraph.errors import InputError

#: 2-7 digits, 2 digits, 1 check digit; not glued to other digits or hyphens
CAS_PATTERN = re.compile(r"(?<![\d-])(\d{2,7})[-‐‑–](\d{2})[-‐‑–](\d)(?![\d-])")
_EXACT = re.compile(r"^\s*(\d{2,7})-(\d{2})-(\d)\s*$")


def check_digit(body: str) -> int:
    """The CAS check digit of the digits before it (weights 1, 2, 3... from the right)."""
    return sum(i * int(d) for i, d in enumerate(reversed(body), start=1)) % 10


def is_valid_cas(value: str) -> bool:
    """True for a well-formed CAS number whose check digit is right."""
    match = _EXACT.match(value)
    if not match:
        return False
    return check_digit(match.group(1) + match.group(2)) == int(match.group(3))


def looks_like_cas(value: str) -> bool:
    """True when ``value`` has the shape of a CAS number (whatever its check digit)."""
    return _EXACT.match(value) is not None


def normalise_cas(value: str) -> str:
    """The canonical form of a CAS number; an input error names a bad shape or check digit."""
    match = _EXACT.match(value.replace("‐", "-").replace("‑", "-").replace("–", "-"))
    if not match:
        raise InputError("not a CAS number (expected digits-digits-digit, e.g. 437-38-7)", subject=value)
    body = match.group(1).lstrip("0") or "0"
    expected = check_digit(match.group(1) + match.group(2))
    if expected != int(match.group(3)):
        raise InputError(f"wrong CAS check digit (expected {expected})", subject=value)
    return f"{body}-{match.group(2)}-{match.group(3)}"


@dataclass(frozen=True)
class CasMatch:
    start: int
    end: int
    cas: str
    valid: bool


def find_cas(text: str) -> list[CasMatch]:
    """Every CAS-shaped number in ``text``, with whether its check digit is right."""
    found = []
    for m in CAS_PATTERN.finditer(text):
        cas = f"{m.group(1).lstrip('0') or '0'}-{m.group(2)}-{m.group(3)}"
        valid = check_digit(m.group(1) + m.group(2)) == int(m.group(3))
        found.append(CasMatch(m.start(), m.end(), cas, valid))
    return found
