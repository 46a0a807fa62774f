"""Bytes to text: encoding detection, and the refusal of empty or binary input.

UTF-8 is tried first (it is strict, so a clean decode is proof enough). Text
that is mostly valid UTF-8 with a few broken bytes is decoded as UTF-8 with
those bytes replaced; anything else goes to charset-normalizer, with
Windows-1252 as the fallback for 8-bit text it will not name.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from tracegraph.errors import InputError

#: bytes looked at to tell binary from text, and to detect the encoding of large files
SNIFF_BYTES = 65_536
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_UTF8_MULTI = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


@dataclass(frozen=True)
class Encoding:
    """How a file's bytes become text; ``errors`` is ``"replace"`` when broken bytes were replaced."""

    name: str
    errors: str = "strict"

    @property
    def label(self) -> str:
        lossy = self.errors == "replace" and self.name == "utf-8"
        return f"{self.name} (invalid bytes replaced)" if lossy else self.name


def check_text(sample: bytes, uri: str) -> None:
    """Refuse empty input and binary junk, with a reason a person understands."""
    if not sample.strip():
        raise InputError("the file is empty" if not sample else "the file holds only whitespace", subject=uri)
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return
    controls = len(_CONTROL.findall(sample))
    if b"\x00" in sample or controls > max(8, len(sample) // 100):
        raise InputError(f"binary data, not text ({controls} control bytes in the first {len(sample)})", subject=uri)


def detect(sample: bytes, uri: str, *, complete: bool = True) -> Encoding:
    """The encoding of ``sample`` (the whole file when ``complete``, else its first bytes)."""
    check_text(sample, uri)
    for bom, name in _BOMS:
        if sample.startswith(bom):
            return Encoding(name)
    try:
        sample.decode("utf-8")
        return Encoding("utf-8")
    except UnicodeDecodeError as exc:
        if not complete and exc.start >= len(sample) - 4:
            return Encoding("utf-8")  # a character cut at the end of the sample
    multi = len(_UTF8_MULTI.findall(sample))
    broken = sample.decode("utf-8", errors="replace").count("\ufffd")
    if multi and multi * 3 >= max(broken, 1):
        return Encoding("utf-8", "replace")
    best = from_bytes(sample).best()
    if best is not None and best.encoding not in ("utf_8", "ascii"):
        name = codecs.lookup(best.encoding).name
        if name != "cp1252" and sample.decode("cp1252", errors="replace") == str(best):
            name = "cp1252"  # the usual Western code page when it reads the same
        return Encoding(name, "replace")
    return Encoding("cp1252", "replace")


def decode(data: bytes, uri: str) -> tuple[str, Encoding]:
    """The whole of a small file as text, and how it was decoded."""
    encoding = detect(data, uri)
    return data.decode(encoding.name, errors=encoding.errors), encoding
