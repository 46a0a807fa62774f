"""Records whose key column is text rather than a party's name: product titles, item descriptions, part lists.

A party name goes through the one normaliser (legal forms set aside, transliterated); a product title
must not: "sony np-fh100 battery" lives by its model number, which the name normaliser would cut in two.
Here a title becomes

* ``words`` - its distinct lower-case words (letters and digits; "4.0" is kept as one word "4"), less a
  few connecting words ("for", "with"...), and ``n_words``, their count, for the Jaccard levels;
* ``codes`` - its model numbers and part codes: words with letters *and* digits of four characters or
  more, or numbers of six digits or more (a UPC), each also glued across ``-``, ``/`` and ``.``
  ("dav-is50" -> ``davis50``, "rp-sdv04gu1k" -> ``rpsdv04gu1k``);
* ``models`` - the codes with letters (a model number, where a long number may be a shop's own article
  number): two records whose model numbers all differ are two products;
* ``stems`` - the codes less a trailing letter suffix (a colour or a pack: "psw110bk" -> ``psw110``),
  so two variants of one model meet;
* ``numbers`` - the short numbers (versions, sizes: "photoshop elements 4.0" -> ``4``), sorted, as one
  string; ``brand`` - the manufacturer column's first word, else the title's;
* ``price`` - a number, when the file has a price column;

plus the columns the party rows have (``name_key`` is the sorted words, ``tok1``/``tok2`` the rarest
words that another record has too), so blocking on keys and rare words works the same way.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

#: words that join a title's parts and say nothing about which product it is
STOP_WORDS = frozenset(
    {"a", "an", "and", "the", "for", "with", "of", "in", "on", "to", "by", "from", "at", "or", "w", "inc", "ltd"}
    | {"co", "corp", "edition", "version"}
)
_CHUNK = re.compile(r"[a-z0-9]+(?:[-./][a-z0-9]+)*")
_WORD = re.compile(r"[a-z0-9]+(?:\.[0-9]+)?")
_HAS_DIGIT = re.compile(r"[0-9]")
_HAS_LETTER = re.compile(r"[a-z]")
_GLUE = re.compile(r"[-./]")
_TRAILING_LETTERS = re.compile(r"[a-z]{1,3}$")
#: a number with a unit ("16gb", "18v", "1080p", "55mm"): a size, not a model
_MEASURE = re.compile(r"[0-9]{1,4}[a-z]{1,3}")
_PRICE = re.compile(r"[0-9]+(?:[.,][0-9]+)?")
#: the shortest code: "cs3" or "x64" are versions and editions, "f8n065blk" is a model
CODE_MIN = 4
#: a number this long is an article number (UPC, EAN, part number), not a size or a version
LONG_NUMBER = 6


@dataclass
class TextRecord:
    """A record of a text table: an id on its side, the key text, and what else the row has."""

    record_id: str
    text: str
    brand: str | None = None
    price: str | None = None
    extra: list[str] = field(default_factory=list)


def fold_text(text: str) -> str:
    """Lower-case ASCII letters and digits with the punctuation that codes use; accents dropped."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _is_code(token: str) -> bool:
    if len(token) < CODE_MIN:
        return False
    if not _HAS_DIGIT.search(token) or _MEASURE.fullmatch(token):
        return False
    return bool(_HAS_LETTER.search(token)) or len(token) >= LONG_NUMBER


def _number(word: str) -> str:
    """A number word as compared: "4.0" and "4" are one version."""
    return word[:-2] if word.endswith(".0") else word


def text_features(text: str) -> dict[str, Any]:
    """The compared columns of one text (see the module's doc); empty lists where there is nothing."""
    folded = fold_text(text)
    words: list[str] = []
    for w in _WORD.findall(folded):
        w = _number(w)
        if w not in STOP_WORDS and w not in words:
            words.append(w)
    codes: list[str] = []
    for chunk in _CHUNK.findall(folded):
        for candidate in (_GLUE.sub("", chunk), *_GLUE.split(chunk)):
            if _is_code(candidate) and candidate not in codes:
                codes.append(candidate)
    stems: list[str] = []
    for code in codes:
        stem = _TRAILING_LETTERS.sub("", code) if _HAS_LETTER.search(code[-1]) else code
        stem = stem if _is_code(stem) else code
        if stem not in stems:
            stems.append(stem)
    numbers = sorted({w for w in words if w.replace(".", "").isdigit() and len(w.replace(".", "")) < LONG_NUMBER})
    models = [c for c in codes if _HAS_LETTER.search(c)]
    return {"words": words, "codes": codes, "stems": stems, "models": models, "numbers": " ".join(numbers) or None}


def parse_price(value: str | None) -> float | None:
    if not value:
        return None
    found = _PRICE.search(value.replace(",", "") if value.count(",") and value.count(".") else value)
    if not found:
        return None
    try:
        price = float(found.group(0).replace(",", "."))
    except ValueError:
        return None
    return price if price > 0 else None


def text_rows(records: Iterable[TextRecord], source: str) -> list[dict[str, Any]]:
    """One row per record with the columns of :data:`tracegraph.link.records.TEXT_COLUMNS`."""
    rows: list[dict[str, Any]] = []
    for record in records:
        found = text_features(record.text)
        words = found["words"]
        if not words:
            continue
        brand_words = _WORD.findall(fold_text(record.brand)) if record.brand else []
        brand = brand_words[0] if brand_words else words[0]
        rows.append(
            {
                "unique_id": f"{source}:{record.record_id}",
                "source": source,
                "party": record.record_id,
                "name": record.text,
                "name_key": " ".join(sorted(words)),
                "name_glued": "".join(words),
                "kind": "any",
                "words": words,
                "n_words": len(words),
                "codes": found["codes"] or None,
                "stems": found["stems"] or None,
                "models": found["models"] or None,
                "numbers": found["numbers"],
                "nums": found["numbers"].split() if found["numbers"] else None,
                "brand": brand,
                "price": parse_price(record.price),
                # what add_rare_tokens ranks: the words, with the codes counted as words too
                "tokens": list(dict.fromkeys(words + found["codes"])),
            }
        )
    return rows
