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
from tracegraph.ingest.plausible import judge, letter_score

#: bytes looked at to tell binary from text, and to detect the encoding of large files
SNIFF_BYTES = 65_536
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_UTF8_MULTI = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
# UTF-32's marks first: FF FE 00 00 also starts with UTF-16's little-endian mark
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


_UNICODE = frozenset({"utf-8", "utf-8-sig", "utf-16", "utf-32", "pdf-text"})


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
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)):
        return  # NULs belong to these encodings; the decoded text is judged instead
    controls = len(_CONTROL.findall(sample))
    if b"\x00" in sample or controls > max(8, len(sample) // 100):
        raise InputError(f"binary data, not text ({controls} control bytes in the first {len(sample)})", subject=uri)


def detect(sample: bytes, uri: str, *, complete: bool = True) -> Encoding:
    """The encoding of ``sample`` (the whole file when ``complete``, else its first bytes)."""
    check_text(sample, uri)
    for bom, name in _BOMS:
        if sample.startswith(bom):
            # an odd length (a cut file) or a broken pair is replaced, then judged with the rest
            return Encoding(name, "replace" if name != "utf-8-sig" else "strict")
    try:
        sample.decode("utf-8")
        return Encoding("utf-8")
    except UnicodeDecodeError as exc:
        if not complete and exc.start >= len(sample) - 4:
            return Encoding("utf-8")  # a character cut at the end of the sample
    multi = len(_UTF8_MULTI.findall(sample))
    broken = sample.decode("utf-8", errors="replace").count("\ufffd")
    if multi and multi * 3 >= max(broken, 1) and broken <= max(2, len(sample) // 100):
        return Encoding("utf-8", "replace")
    return Encoding(_code_page(sample), "replace")


def _code_page(sample: bytes) -> str:
    """The 8-bit code page that reads ``sample`` best.

    charset-normalizer's candidates and Windows-1252 compete on how many non-ASCII
    characters come out as letters: Latin-1 "Müller" is cp1252 "Müller", not cp775
    "M³ller", though both decode without error. Windows-1252 wins ties (the usual
    Western code page); random bytes get it too, and are then refused as garbage.
    """
    names = ["cp1252"]
    for match in from_bytes(sample):
        if match.encoding in ("utf_8", "ascii"):
            continue
        name = codecs.lookup(match.encoding).name
        if name not in names:
            names.append(name)
    scored = [(letter_score(sample.decode(name, errors="replace")), -rank, name) for rank, name in enumerate(names)]
    return max(scored)[2]


def decode(data: bytes, uri: str, *, check: bool = True) -> tuple[str, Encoding]:
    """The whole of a small file as text, and how it was decoded.

    With ``check`` the text must read as text (:func:`ensure_text`); HTML is judged
    after its markup is gone instead.
    """
    encoding = detect(data, uri)
    if encoding.name in ("utf-16", "utf-32"):
        width = 2 if encoding.name == "utf-16" else 4
        data = data[: len(data) - len(data) % width]  # a cut file: drop the half character at its end
    text = data.decode(encoding.name, errors=encoding.errors)
    if check:
        ensure_text(text, uri, encoding)
    return text, encoding


def ensure_text(text: str, uri: str, encoding: Encoding | None = None) -> None:
    """Refuse decoded text that is garbage (see :mod:`tracegraph.ingest.plausible`)."""
    code_page = encoding.name if encoding is not None and encoding.name not in _UNICODE else None
    verdict = judge(text, code_page)
    if not verdict.ok:
        read_as = f" (read as {encoding.name})" if encoding is not None else ""
        raise InputError(f"not plausible text{read_as}: {verdict.reason}", subject=uri)
