"""FollowTheMoney JSON lines (OpenSanctions exports, yente fixtures), plain or as deltas (``{"op", "entity"}``).

OpenSanctions' ``referents`` (the ids of the source records an entity was merged
from) are kept as values of a ``referents`` property, and its ``topics``
(``sanction``, ``poi``, ``role.pep``, ...) as the FtM ``topics`` property, so
screening hits say what a party is listed for.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import orjson

from tracegraph.screen.records import BadRow, Item, ListRecord, list_entity


def read_ftm(paths: Sequence[Path], list_name: str) -> Iterator[Item]:
    for path in paths:
        with path.open("rb") as fh:
            for line_no, raw in enumerate(fh, 1):
                if not raw.strip():
                    continue
                try:
                    data = orjson.loads(raw)
                except orjson.JSONDecodeError as exc:
                    yield BadRow(str(path), line_no, f"not JSON: {exc}")
                    continue
                if isinstance(data, dict) and "entity" in data and "op" in data:
                    if data["op"] == "DEL":
                        continue
                    data = data["entity"]
                if not isinstance(data, dict) or not data.get("id") or not data.get("schema"):
                    yield BadRow(str(path), line_no, "not an FtM entity (needs id and schema)")
                    continue
                entity = list_entity(str(data["id"]), str(data["schema"]))
                props = data.get("properties") or {}
                if not isinstance(props, dict):
                    yield BadRow(str(path), line_no, "properties is not an object")
                    continue
                for prop, values in props.items():
                    for value in values if isinstance(values, list) else [values]:
                        if isinstance(value, dict):  # nested entity in some exports
                            value = value.get("id")
                        entity.add(str(prop), None if value is None else str(value))
                # OpenSanctions: the source records merged into this entity, and what it is listed for
                for key in ("referents", "topics"):
                    extra = data.get(key)
                    for value in extra if isinstance(extra, list) else []:
                        entity.add(key, str(value))
                yield ListRecord(list_name, entity.id, [entity], line_no)
