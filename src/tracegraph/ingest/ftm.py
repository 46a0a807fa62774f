"""FollowTheMoney JSON lines: entities loaded as they are, one statement per property value.

Each line is an entity (``{"id", "schema", "properties"}``) or a delta
(``{"op": "ADD"|"MOD", "entity": {...}}``). Every valid value becomes a
:class:`~tracegraph.store.Statement` with ``record_id`` ``"<dataset>:<entity id>"``.

Nothing is dropped in silence. Per line, the reader reports (with the line number):
a line that is not JSON or not an entity; a ``DEL`` delta (statements are
append-only, so a deletion is refused rather than ignored: load a full export
instead); a property the schema does not have; a value its type rejects (a date
that is no date, a country that is no country). The good values of the line still
load. Values are checked one by one with a set for repeats, so an entity with
100,000 values costs linear time, not quadratic.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import orjson

from tracegraph.errors import InputError
from tracegraph.store.model import Statement

EXTRACTOR = "ingest.ftm"
EXTRACTOR_VERSION = "1"
#: the longest JSON line read; a longer one is reported and skipped
MAX_LINE_BYTES = 64 << 20
#: invalid values named in one line's report (the rest are counted)
NAMED_PROBLEMS = 3
_DATASET_NAME = re.compile(r"^(?P<name>[A-Za-z0-9][\w-]*?)(__|\.ftm|\.entities|\.jsonl|\.ndjson|\.ijson|\.json|$)")


def dataset_name(path: Path, default: str) -> str:
    """The dataset a file belongs to, from its name (``us_ofac_sdn.ftm.json`` -> ``us_ofac_sdn``)."""
    found = _DATASET_NAME.match(path.name)
    name = found.group("name") if found else ""
    return name.lower().replace("-", "_") if name else default


@dataclass
class BadLine:
    """A line that could not be read as an entity, or whose entity lost values."""

    number: int
    reason: str


@dataclass
class Refused:
    """Values of a loaded line that were refused (unknown properties, invalid values): a warning."""

    number: int
    reason: str


@dataclass
class Record:
    """The statements of one entity line, and what of it was refused."""

    statements: list[Statement]
    problems: list[str] = field(default_factory=list)


def _problem_text(problems: list[str]) -> str:
    named = "; ".join(problems[:NAMED_PROBLEMS])
    more = len(problems) - NAMED_PROBLEMS
    return named + (f"; and {more} more" if more > 0 else "")


def entity_record(data: dict[str, Any], dataset: str) -> Record:
    """The statements of one FtM entity; raises :class:`InputError` if it is not one."""
    from followthemoney import model

    if "entity" in data and "schema" not in data:
        op = str(data.get("op", "ADD")).upper()
        if op == "DEL":
            raise InputError(
                "a DEL delta is refused: statements are append-only, so deletions are not applied; "
                "load a full export of the dataset instead"
            )
        if op not in ("ADD", "MOD"):
            raise InputError(f"unknown delta operation {op!r} (expected ADD, MOD or DEL)")
        if not isinstance(data["entity"], dict):
            raise InputError("the delta's 'entity' is not an object")
        data = data["entity"]
    schema = model.get(str(data.get("schema") or ""))
    if schema is None:
        raise InputError(f"not a FollowTheMoney entity (unknown schema {data.get('schema')!r})")
    if schema.abstract:
        raise InputError(f"schema {schema.name} is abstract; an entity needs a concrete one")
    entity_id = str(data.get("id") or "").strip()
    if not entity_id:
        raise InputError("the entity has no id")
    properties = data.get("properties", {})
    if not isinstance(properties, dict):
        raise InputError("'properties' is not an object")
    record = f"{dataset}:{entity_id}"

    def stmt(prop: str, value: str) -> Statement:
        return Statement(
            entity_id=entity_id,
            schema=schema.name,
            prop=prop,
            value=value,
            dataset=dataset,
            record_id=record,
            extractor=EXTRACTOR,
            extractor_version=EXTRACTOR_VERSION,
        )

    out = Record([])
    for name, raw_values in properties.items():
        prop = schema.get(name)
        if prop is None:
            out.problems.append(f"{schema.name} has no property {name!r}")
            continue
        if prop.stub:
            out.problems.append(f"{name!r} is a reverse property; set it on the other entity")
            continue
        values = raw_values if isinstance(raw_values, list) else [raw_values]
        seen: set[str] = set()
        bad = 0
        first_bad = ""
        for raw in values:
            if raw is None or isinstance(raw, (dict, list)):
                cleaned = None
            else:
                cleaned = prop.type.clean(str(raw) if not isinstance(raw, str) else raw)
            if cleaned is None:
                if raw is not None and str(raw).strip():
                    bad += 1
                    first_bad = first_bad or str(raw)[:60]
                continue
            if cleaned not in seen:
                seen.add(cleaned)
                out.statements.append(stmt(prop.name, cleaned))
        if bad:
            out.problems.append(f"{bad} invalid {prop.type.name} value(s) for {name!r} (e.g. {first_bad!r})")
    if not out.statements:
        out.statements.append(stmt("id", entity_id))
    return out


def entity_statements(data: dict[str, Any], dataset: str) -> list[Statement]:
    """The statements of one FtM entity (what :func:`entity_record` keeps)."""
    return entity_record(data, dataset).statements


def _lines(handle: IO[bytes]) -> Iterator[tuple[int, bytes | None]]:
    """Numbered lines; ``None`` for a line over :data:`MAX_LINE_BYTES` (skipped to its end)."""
    number = 0
    while True:
        line = handle.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            while (rest := handle.readline(MAX_LINE_BYTES)) and not rest.endswith(b"\n"):
                pass
            yield number, None
            continue
        yield number, line


def iter_entities(
    source: Path | IO[bytes], dataset: str, *, refused: bool = False
) -> Iterator[list[Statement] | BadLine | Refused]:
    """Statements per entity line of a JSON lines file, or a :class:`BadLine`; streamed.

    With ``refused``, a line that loads with some values refused yields its
    statements, then a :class:`Refused` naming what was left out.
    """
    if isinstance(source, Path):
        with source.open("rb") as handle:
            yield from iter_entities(handle, dataset, refused=refused)
        return
    for number, line in _lines(source):
        if line is None:
            yield BadLine(number, f"line longer than {MAX_LINE_BYTES:,} bytes; skipped")
            continue
        if not line.strip():
            continue
        try:
            data = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            yield BadLine(number, f"not JSON ({str(exc).split(':')[0]})")
            continue
        if not isinstance(data, dict):
            yield BadLine(number, f"a JSON {type(data).__name__}, not an entity object")
            continue
        try:
            found = entity_record(data, dataset)
        except InputError as exc:
            yield BadLine(number, exc.message)
            continue
        yield found.statements
        if refused and found.problems:
            yield Refused(number, _problem_text(found.problems))
