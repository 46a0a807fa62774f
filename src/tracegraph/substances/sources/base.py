"""What every source importer yields: records (one row of an official list) and problems found on the way.

A :class:`Record` is one row of one source, as the source states it: names (with
language), CAS numbers (check digit verified), a structure, codes, and the
controls the row establishes. :mod:`tracegraph.substances.build` merges records
of all sources into registry substances.
"""

from __future__ import annotations

import csv
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tracegraph.substances.cas import is_valid_cas, normalise_cas


@dataclass(frozen=True)
class SourceInfo:
    """One source: what it is, which version was read, and under which terms."""

    id: str
    title: str
    version: str
    jurisdiction: str
    licence: str
    #: what the source covers: "drug", "precursor", "both" or "identity" (no controls)
    covers: str
    #: True when its controls are the authority for its jurisdiction (else a cross-check)
    authority: bool = True


@dataclass
class Fact:
    """A control as one source states it."""

    jurisdiction: str
    kind: str  # schedule | precursor
    schedule: str  # "Schedule II", "List I", "Table I", "Category 1", "Class A", ...
    instrument: str
    since: str = ""
    until: str = ""
    citation: str = ""
    note: str = ""


@dataclass
class Record:
    """One row of one source."""

    source: str
    ref: str
    names: list[tuple[str, str]]  # (name, language); the first is the row's own name
    cas: list[str] = field(default_factory=list)
    smiles: str = ""
    inchikey: str = ""
    inchi: str = ""
    facts: list[Fact] = field(default_factory=list)
    codes: dict[str, str] = field(default_factory=dict)
    role: str = ""  # drug | precursor | ""
    group: bool = False
    #: keys in this record that may merge it with others ("dea-chem:8330", ...)
    merge_keys: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Problem:
    """Something wrong in a source row: reported by the build, never silently fixed or stored."""

    source: str
    ref: str
    kind: str
    detail: str


@dataclass
class Harvest:
    """The records and problems of one source."""

    info: SourceInfo
    records: list[Record] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def problem(self, ref: str, kind: str, detail: str) -> None:
        self.problems.append(Problem(self.info.id, ref, kind, detail))

    def cas_numbers(self, ref: str, value: str) -> list[str]:
        """The valid CAS numbers in a cell; a CAS-shaped value with a wrong check digit is reported, not kept."""
        found: list[str] = []
        for raw in re.findall(r"\d{2,7}-\d{2}-\d", value or ""):
            if is_valid_cas(raw):
                cas = normalise_cas(raw)
                if cas not in found:
                    found.append(cas)
            else:
                self.problem(ref, "cas-check-digit", f"{raw} fails the CAS check digit; not stored")
        return found


def read_csv(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


_TAG = re.compile(r"<[^>]+>")


def clean_text(value: str) -> str:
    """Markup removed, entities decoded, whitespace collapsed."""
    return " ".join(html.unescape(_TAG.sub("", value)).split())


def fix_mojibake(text: str) -> str:
    """UTF-8 text that was decoded as Latin-1 and encoded again ("Â§" for "§"), put right; other text unchanged."""
    if "Â" not in text and "â" not in text and "Ã" not in text:
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


#: the tail of an official name that extends it to salts, isomers, esters... ("and its salts")
_EXTENSION = re.compile(
    r"(,\s*(its|their|salts|esters|optical|and its|including)\b.*$)|(\s+(and|including) (its|their|the) "
    r"(salts|esters|optical|amides|carbamates|isomers|acetals)\b.*$)|(\s+and salts\b.*$)|(,\s*salts\b.*$)",
    re.IGNORECASE,
)


def split_official_name(text: str) -> tuple[str, list[str]]:
    """An official list's entry split into its name and the other names it gives in parentheses.

    ``"4-piperidone (piperidin-4-one), its acetals, ..."`` gives
    ``("4-piperidone", ["piperidin-4-one"])``.
    """
    text = " ".join(text.split())
    aliases: list[str] = []
    main = text
    depth = 0
    outer: list[tuple[int, int]] = []
    start = -1
    for i, ch in enumerate(text):
        if ch == "(":
            if depth == 0:
                start = i
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
            if depth == 0 and start > 0 and text[start - 1] == " ":
                outer.append((start, i))
    for s, e in outer:
        inner = text[s + 1 : e]
        inner = re.sub(
            r"^(other names?( include)?|also (known|referred to) as|including)\s*:?\s*", "", inner, flags=re.I
        )
        for part in re.split(r";\s*|\s+or\s+|,\s+also known as\s+|;\s*also known as\s+", inner):
            part = re.sub(r"^(also known as|or)\s+", "", part.strip(), flags=re.I).strip(" ,")
            if part and len(part) < 120:
                aliases.append(part)
    if outer:
        main = text[: outer[0][0]] + " " + text[outer[0][1] + 1 :]
        for s, e in outer[1:]:
            main = main.replace(text[s : e + 1], " ")
    main = _EXTENSION.sub("", " ".join(main.split())).strip(" ,;")
    return main, aliases
