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
* ``price`` - a number, when the file has a price column (the brand, when there is no such column, is the
  title's first word, except for a record that names its people: a paper's first word is no brand);
* ``people`` - the family names of the people the record names (a publication's authors), sorted, and
  ``people_key``, the same as one string: "binto george , jayant r. haritsa" -> ``george haritsa``; a part in
  brackets ("( editor )") is left out; ``people_words``, every word of their names ("the access team": a group
  has no family name); ``year`` - the record's year, when the file has one;

plus the columns the party rows have (``name_key`` is the sorted words, ``tok1``/``tok2`` the rarest
words that another record has too), so blocking on keys and rare words works the same way.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
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
_ENTITY = re.compile(r"( ?)(&(?:#[0-9]{2,6}|#x[0-9a-fA-F]{2,6}|[a-zA-Z]{2,8});)( ?)")
_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_LETTERS = re.compile(r"[a-z]+")
_PERSON_SEP = re.compile(r";|&|\band\b|\bet\b|\bund\b")
_YEAR = re.compile(r"\b(1[5-9][0-9]{2}|2[0-9]{3})\b")
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
    #: the people it names, as written ("binto george , jayant r. haritsa"; "Smith, J.; Jones, K.")
    people: str | None = None
    year: str | None = None


def _unescape(found: re.Match[str]) -> str:
    """A character reference with the spaces a tokenised export put around it: a small letter is inside a word
    ("j &#246; rg" -> "jörg"), a capital starts one ("tamer &#214; zsu" -> "tamer Özsu"), anything else stands
    alone ("&amp;")."""
    char = html.unescape(found.group(2))
    if char.islower():
        return char
    if char.isalpha():
        return found.group(1) + char
    return f"{found.group(1)}{char}{found.group(3)}"


def fold_text(text: str) -> str:
    """Lower-case ASCII letters and digits with the punctuation that codes use; accents dropped; HTML character
    references read, with the spaces a tokenised export put around them ("j &#246; rg" -> "jorg")."""
    if "&" in text:
        text = _ENTITY.sub(_unescape, text)
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


def family_names(people: str | None) -> list[str]:
    """The family names of a list of people as a record writes it, sorted and distinct.

    People are parted by ``;``, ``&``, "and" or, where there is no ``;``, by commas; each person's family name is
    their last word of two letters or more ("jayant r. haritsa" -> ``haritsa``). A list written "Family, Given;
    Family, Given" (semicolons between people) takes each person's first word instead. Bracketed parts ("( editor
    )") are left out.
    """
    if not people:
        return []
    folded = _BRACKETED.sub(" ", fold_text(people))
    family_first = ";" in folded and "," in folded
    parts = _PERSON_SEP.split(folded) if family_first else _PERSON_SEP.split(folded.replace(",", ";"))
    found: set[str] = set()
    for part in parts:
        words = [w for w in _LETTERS.findall(part) if len(w) > 1]
        if words:
            found.add(words[0] if family_first else words[-1])
    return sorted(found)


def name_words(people: str | None) -> list[str]:
    """Every word of two letters or more of the people's names, sorted and distinct: what the family names miss where
    the family name is not the last word ("fernando berzal galiano") or the people are a group ("the access team")."""
    if not people:
        return []
    return sorted({w for w in _LETTERS.findall(_BRACKETED.sub(" ", fold_text(people))) if len(w) > 1})


def parse_year(value: str | None) -> int | None:
    """The first year (1500-2999) written in ``value``: "1997", "2001-05-03", "Spring 2004"."""
    found = _YEAR.search(value) if value else None
    return int(found.group(1)) if found else None


def text_rows(records: Iterable[TextRecord], source: str) -> list[dict[str, Any]]:
    """One row per record with the columns of :data:`tracegraph.link.records.TEXT_COLUMNS`."""
    rows: list[dict[str, Any]] = []
    for record in records:
        found = text_features(record.text)
        words = found["words"]
        if not words:
            continue
        brand_words = _WORD.findall(fold_text(record.brand)) if record.brand else []
        people = family_names(record.people)
        people_words = name_words(record.people) if people else []
        # a product's first word is usually its brand; a paper's ("a", "guest", "reminiscences") is not
        brand = brand_words[0] if brand_words else (None if people else words[0])
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
                "people": people or None,
                "n_people": len(people),
                "people_key": " ".join(people) or None,
                "people_words": people_words or None,
                "n_people_words": len(people_words),
                "year": parse_year(record.year),
                # what add_rare_tokens ranks: the words, with the codes counted as words too
                "tokens": list(dict.fromkeys(words + found["codes"])),
                # a record that names its people has a second field to compare: its title is compared once, by its
                # words, not again by its rarest words (the comparisons of one model must not count one field twice)
                "rare_compared": not people,
            }
        )
    return rows
