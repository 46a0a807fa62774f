"""Cleaning: boilerplate rules (data in ``boilerplate.yaml``) and character fixes that keep offsets.

:class:`Rules` compiles the YAML once; :func:`clean_line` normalises one line's
pieces (odd spaces, quotes, dashes, mangled ``&nbsp;``) and strips inline
furniture, keeping each piece's pointer into the raw text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from tracegraph.datafiles import load_yaml, parse_yaml
from tracegraph.errors import ConfigError
from tracegraph.ingest.textmap import Line, Piece

#: lines up to this long are checked against ``drop_short_if``
SHORT_LINE = 300
#: a title is at most this long
TITLE_CHARS = 300
#: patterns anchored at a line's end (story ends, teasers, title suffixes, credits)
#: are searched in this many last characters only; none of them is longer
TAIL_CHARS = 80


@dataclass(frozen=True)
class Check:
    """A pattern with optional literals, one of which must be in a line before the pattern is tried."""

    pattern: re.Pattern[str]
    literals: tuple[str, ...] = ()

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        if self.literals and not any(lit in text for lit in self.literals):
            return None
        return self.pattern.search(text, pos)

    @classmethod
    def build(cls, entry: str | dict[str, Any], outlets: str = "(?!x)x") -> Check:
        """From YAML: a pattern string, or ``{pattern: ..., contains: [...]}``."""
        if isinstance(entry, str):
            entry = {"pattern": entry}
        pattern = re.compile(entry["pattern"].replace("{outlets}", outlets))
        return cls(pattern, tuple(entry.get("contains", ())))


@dataclass(frozen=True)
class Rules:
    """The compiled boilerplate rules."""

    table: dict[int, str]
    replace: re.Pattern[str]
    replacements: dict[str, str]
    triggers: re.Pattern[str]
    ascii_triggers: tuple[str, ...]
    ascii_keys: str
    drop_exact: frozenset[str]
    drop: re.Pattern[str]
    drop_short_if: tuple[Check, ...]
    strip_inline: tuple[Check, ...]
    story_end: tuple[Check, ...]
    teaser_end: Check
    to_end: re.Pattern[str]
    teasers_to_end: re.Pattern[str]
    title_suffix: Check
    trailing_credit: Check
    datelines: tuple[re.Pattern[str], ...]
    date_formats: tuple[str, ...]

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Rules:
        outlets = "|".join(re.escape(o) for o in sorted(data.get("outlets", []), key=len, reverse=True))
        outlets = outlets or "(?!x)x"
        never = "(?!x)x"
        replace_rules = data.get("replace", [])
        replace = re.compile(
            "|".join(f"(?P<r{i}>{rule['pattern']})" for i, rule in enumerate(replace_rules)) or "(?!x)x"
        )
        return cls(
            table={ord(k): v for k, v in data.get("characters", {}).items()},
            replace=replace,
            replacements={f"r{i}": rule["with"] for i, rule in enumerate(replace_rules)},
            triggers=re.compile(
                "|".join(re.escape(lit) for lit in sorted({lit for r in replace_rules for lit in r["contains"]}))
                or "(?!x)x"
            ),
            ascii_triggers=tuple(sorted({lit for r in replace_rules for lit in r["contains"] if lit.isascii()})),
            ascii_keys="".join(sorted(c for c in data.get("characters", {}) if c.isascii())),
            drop_exact=frozenset(s.casefold() for s in data.get("drop_exact", [])),
            drop=_alternation(data.get("drop_patterns", [])),
            drop_short_if=tuple(Check.build(e) for e in data.get("drop_short_if", [])),
            strip_inline=tuple(Check.build(e) for e in data.get("strip_inline", [])),
            story_end=tuple(Check.build(e) for e in data.get("story_end", [])),
            teaser_end=Check.build(data.get("teaser_end", never)),
            to_end=_alternation(data.get("furniture_to_end", [])),
            teasers_to_end=_alternation(data.get("teasers_to_end", [])),
            title_suffix=Check.build(data.get("title_suffix", never), outlets),
            trailing_credit=Check.build(data.get("trailing_credit", never), outlets),
            datelines=tuple(re.compile(p.replace("{outlets}", outlets)) for p in data.get("datelines", [])),
            date_formats=tuple(data.get("date_formats", [])),
        )

    # -- questions the segmenter asks about one stripped line ------------
    def is_furniture(self, text: str) -> bool:
        if text.casefold() in self.drop_exact or self.drop.fullmatch(text) is not None:
            return True
        return len(text) <= SHORT_LINE and any(c.search(text) for c in self.drop_short_if)

    def is_teaser(self, text: str) -> bool:
        return self.teaser_end.search(text, max(0, len(text) - TAIL_CHARS)) is not None

    def teaser_cut(self, text: str) -> int:
        """Where the "Continue Reading" glued to a teaser's paragraph starts."""
        found = self.teaser_end.search(text, max(0, len(text) - TAIL_CHARS))
        return found.start() + 1 if found else len(text)

    def story_end_title(self, text: str) -> str | None:
        """``None`` if the line does not end a story, else the title it names ("" if none)."""
        for pattern in self.story_end:
            found = pattern.search(text, max(0, len(text) - TAIL_CHARS))
            if found and found.start() <= TITLE_CHARS:
                return text[: found.start()].strip()
        return None

    def title_suffix_at(self, text: str) -> tuple[int, str] | None:
        """Where a " – Outlet" suffix starts in a title line, and the outlet; ``None`` if it has none."""
        found = self.title_suffix.search(text, max(0, len(text) - TAIL_CHARS))
        if found and 8 <= found.start() <= TITLE_CHARS:
            return found.start(), found.group("outlet")
        return None

    def credit_at(self, text: str) -> tuple[int, str] | None:
        """Where a closing credit ("... said. REUTERS") starts, and the outlet it names."""
        found = self.trailing_credit.search(text, max(0, len(text) - TAIL_CHARS))
        if found is None:
            return None
        outlet = found.group("outlet")
        return found.start(), outlet.title() if outlet.isupper() and len(outlet) > 3 else outlet

    def dateline(self, text: str) -> dict[str, str] | None:
        """Outlet and/or date read from a header line, or ``None`` if it is not one."""
        for pattern in self.datelines:
            found = pattern.fullmatch(text)
            if found:
                values = {k: v for k, v in found.groupdict().items() if v}
                if "date" in values:
                    parsed = self.parse_date(values.pop("date"))
                    if parsed:
                        values["published"] = parsed
                return values
        return None

    def parse_date(self, text: str) -> str | None:
        for fmt in self.date_formats:
            try:
                return datetime.strptime(text.strip(), fmt).date().isoformat()
            except ValueError:
                continue
        return None


def _alternation(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns) or "(?!x)x")


@cache
def load_rules(path: str | None = None) -> Rules:
    """The rules in ``path``, or the bundled ``boilerplate.yaml``."""
    try:
        if path is None:
            data = load_yaml("tracegraph.ingest", "boilerplate.yaml")
        else:
            data = parse_yaml(Path(path).read_text("utf-8"), path)
        return Rules.from_data(data)
    except (OSError, re.error, KeyError) as exc:
        raise ConfigError(f"cannot load boilerplate rules: {exc}", subject=path or "boilerplate.yaml") from exc


def _normalise(piece: Piece, rules: Rules) -> list[Piece]:
    text = piece.text.translate(rules.table)
    if rules.triggers.search(text) is None:
        return [Piece(text, piece.raw_start)]
    if piece.raw_start is None:
        return [Piece(rules.replace.sub(lambda m: rules.replacements.get(m.lastgroup or "", ""), text), None)]
    out: list[Piece] = []
    pos = 0
    for found in rules.replace.finditer(text):
        if found.start() > pos:
            out.append(Piece(text[pos : found.start()], piece.raw_start + pos))
        swap = rules.replacements.get(found.lastgroup or "", "")
        if swap:
            out.append(Piece(swap, piece.raw_start + found.start()))
        pos = found.end()
    if pos < len(text):
        out.append(Piece(text[pos:], piece.raw_start + pos))
    return out


def _strip_inline(piece: Piece, pattern: re.Pattern[str]) -> list[Piece]:
    out: list[Piece] = []
    pos = 0
    for found in pattern.finditer(piece.text):
        if found.start() > pos:
            out.append(_sub(piece, pos, found.start()))
        pos = found.end()
    if pos < len(piece.text):
        out.append(_sub(piece, pos, len(piece.text)))
    return out


def _sub(piece: Piece, start: int, end: int) -> Piece:
    raw = None if piece.raw_start is None else piece.raw_start + start
    return Piece(piece.text[start:end], raw)


def _strip(pieces: list[Piece]) -> list[Piece]:
    """Drop leading and trailing whitespace across pieces."""
    while pieces and not pieces[0].text.lstrip():
        pieces.pop(0)
    while pieces and not pieces[-1].text.rstrip():
        pieces.pop()
    if not pieces:
        return pieces
    first = pieces[0]
    lead = len(first.text) - len(first.text.lstrip())
    if lead:
        pieces[0] = _sub(first, lead, len(first.text))
    last = pieces[-1]
    trail = len(last.text.rstrip())
    if trail < len(last.text):
        pieces[-1] = _sub(last, 0, trail)
    return pieces


def clean_line(line: Line, rules: Rules) -> Line:
    """The line with characters normalised, inline furniture cut and outer whitespace stripped."""
    raw_start = line.pieces[0].raw_start if len(line.pieces) == 1 else None
    if raw_start is not None:  # the common case (one piece of raw text), made fast
        only = line.pieces[0]
        text = only.text
        if text.isascii():  # ASCII needs only the ASCII rules: much faster on big files
            if any(key in text for key in rules.ascii_keys):
                text = text.translate(rules.table)
            plain = not any(lit in text for lit in rules.ascii_triggers)
        else:
            text = text.translate(rules.table)
            plain = rules.triggers.search(text) is None
        if plain and not any(c.search(text) for c in rules.strip_inline):
            body = text.strip()
            if not body:
                return line if not only.text else Line([], line.kind)
            if body is only.text:
                return line  # nothing to change: no copy
            return Line([Piece(body, raw_start + len(text) - len(text.lstrip()))], line.kind)
    pieces: list[Piece] = []
    for piece in line.pieces:
        pieces.extend(_normalise(piece, rules))
    for check in rules.strip_inline:
        if any(check.search(p.text) for p in pieces):
            cut: list[Piece] = []
            for piece in pieces:
                cut.extend(_strip_inline(piece, check.pattern))
            pieces = cut
    return Line(_strip(pieces), line.kind)
