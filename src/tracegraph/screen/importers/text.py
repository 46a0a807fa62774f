"""Shared helpers of the importers: decoding files, dates and countries."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from charset_normalizer import from_bytes

from tracegraph.errors import InputError
from tracegraph.match.features import country_code

__all__ = ["country_code", "parse_date", "read_text", "tolerant_rows"]

T = TypeVar("T")

_MONTHS = {
    m: i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)
}
_DMY = re.compile(r"^(\d{1,2}) ([A-Za-z]{3})[a-z]* (\d{4})$")
_MY = re.compile(r"^([A-Za-z]{3})[a-z]* (\d{4})$")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def read_text(path: Path) -> tuple[str, str | None]:
    """Decode a list file: UTF-8 first, else the detected encoding (named in the second value)."""
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise InputError("looks like a binary file, not a list", subject=str(path))
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        if best is None:
            raise InputError("cannot decode the file as text", subject=str(path)) from None
        return str(best), best.encoding


def tolerant_rows(reader: Iterator[T]) -> Iterator[T | csv.Error]:
    """The rows of a CSV reader; a broken row comes as its ``csv.Error`` and reading goes on."""
    while True:
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield exc


def parse_date(text: str | None) -> str | None:
    """An ISO date, month or year from list spellings (``01 Jan 1960``, ``circa 1960``, ``1960-01-01``)."""
    if not text:
        return None
    value = text.strip().removeprefix("circa").strip()
    try:
        return datetime.strptime(value[:10], "%Y-%m-%d").strftime("%Y-%m-%d")
    except ValueError:
        pass
    if m := _DMY.match(value):
        month = _MONTHS.get(m.group(2).lower())
        if month:
            return f"{m.group(3)}-{month:02d}-{int(m.group(1)):02d}"
    if m := _MY.match(value):
        month = _MONTHS.get(m.group(1).lower())
        if month:
            return f"{m.group(2)}-{month:02d}"
    if m := _YEAR.search(value):
        return m.group(1)
    return None
