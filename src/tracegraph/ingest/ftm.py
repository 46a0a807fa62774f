"""FollowTheMoney JSON lines: entities loaded as they are, one statement per property value.

Each line is an entity (``{"id", "schema", "properties"}``) or a delta
(``{"op": "ADD", "entity": {...}}``). Every value becomes a
:class:`~tracegraph.store.Statement` with ``record_id`` ``"<dataset>:<entity id>"``.
A bad line is reported with its line number; the good lines still load.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from tracegraph.errors import InputError
from tracegraph.store.model import Statement

EXTRACTOR = "ingest.ftm"
EXTRACTOR_VERSION = "1"
_DATASET_NAME = re.compile(r"^(?P<name>[A-Za-z0-9][\w-]*?)(__|\.ftm|\.entities|\.jsonl|\.ndjson|\.ijson|\.json|$)")


def dataset_name(path: Path, default: str) -> str:
    """The dataset a file belongs to, from its name (``us_ofac_sdn.ftm.json`` -> ``us_ofac_sdn``)."""
    found = _DATASET_NAME.match(path.name)
    name = found.group("name") if found else ""
    return name.lower().replace("-", "_") if name else default


@dataclass
class BadLine:
    """A line that could not be read as an entity."""

    number: int
    reason: str


def entity_statements(data: dict[str, Any], dataset: str) -> list[Statement]:
    """The statements of one FtM entity; raises :class:`InputError` if it is not one."""
    from followthemoney import model
    from followthemoney.exc import FollowTheMoneyException

    if "entity" in data and isinstance(data["entity"], dict) and "schema" not in data:
        if data.get("op", "ADD") not in ("ADD", "MOD"):
            return []
        data = data["entity"]
    if not isinstance(data.get("properties", {}), dict):
        raise InputError("'properties' is not an object")
    try:
        proxy = model.get_proxy(data, cleaned=False)
    except (FollowTheMoneyException, TypeError, ValueError, AttributeError) as exc:
        raise InputError(f"not a FollowTheMoney entity ({exc})") from exc
    if not proxy.id:
        raise InputError("the entity has no id")
    record = f"{dataset}:{proxy.id}"

    def stmt(prop: str, value: str) -> Statement:
        return Statement(
            entity_id=proxy.id or "",
            schema=proxy.schema.name,
            prop=prop,
            value=value,
            dataset=dataset,
            record_id=record,
            extractor=EXTRACTOR,
            extractor_version=EXTRACTOR_VERSION,
        )

    statements = [stmt(prop.name, str(value)) for prop, value in proxy.itervalues()]
    return statements or [stmt("id", proxy.id)]


def iter_entities(path: Path, dataset: str) -> Iterator[list[Statement] | BadLine]:
    """Statements per entity line of a JSON lines file, or a :class:`BadLine`; streamed."""
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
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
                yield entity_statements(data, dataset)
            except InputError as exc:
                yield BadLine(number, exc.message)
