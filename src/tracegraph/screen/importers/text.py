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

__all__ = ["FIELD_LIMIT", "country_code", "csv_field_limit", "parse_date", "read_text", "tolerant_rows"]

T = TypeVar("T")

_MONTHS = {
    m: i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)
}
_DMY = re.compile(r"^(\d{1,2}) ([A-Za-z]{3})[a-z]* (\d{4})$")
_MY = re.compile(r"^([A-Za-z]{3})[a-z]* (\d{4})$")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


#: byte-order marks and the encodings they announce (UTF-32 first: its BOM starts like UTF-16's)
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
#: the largest CSV field read (a name column of a few MB is still read, then cut by the normaliser)
FIELD_LIMIT = 16 * 1024 * 1024


def read_text(path: Path) -> tuple[str, str | None]:
    """Decode a list file: a byte-order mark's encoding, UTF-8, else the detected encoding (named in the second value).

    Line ends come back as ``\\n`` whatever the file used (``\\r\\n``, or a bare ``\\r``).
    """
    if not path.is_file():
        raise InputError("no such file (or not a regular file)", subject=str(path))
    csv_field_limit()
    data = path.read_bytes()
    text: str | None = None
    encoding: str | None = None
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                text, encoding = data.decode(name), (None if name == "utf-8-sig" else name)
            except UnicodeDecodeError:
                raise InputError(f"starts like {name} but is not valid {name}", subject=str(path)) from None
            break
    if text is None:
        if b"\x00" in data[:4096]:
            raise InputError("looks like a binary file, not a list", subject=str(path))
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            best = from_bytes(data).best()
            if best is None:
                raise InputError("cannot decode the file as text", subject=str(path)) from None
            text, encoding = str(best), best.encoding
    if "\x00" in text:
        raise InputError(f"NUL characters after decoding as {encoding or 'utf-8'}: not a text list", subject=str(path))
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding


def csv_field_limit() -> None:
    """Let the csv module read long fields (its default stops at 131,072 characters)."""
    if csv.field_size_limit() < FIELD_LIMIT:
        csv.field_size_limit(FIELD_LIMIT)


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
