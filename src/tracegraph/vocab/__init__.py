"""The vocabulary: FollowTheMoney schemata plus tracegraph's own YAML types.

FtM is imported lazily (it builds its model on import). Our own types
(``schema/*.yaml``) are written in FtM's style: ``extends``, ``label``,
``properties`` with ``type`` and, for relation-like types, an ``edge``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from tracegraph.datafiles import parse_yaml
from tracegraph.errors import ConfigError


@dataclass(frozen=True)
class PropertySpec:
    name: str
    label: str
    type: str = "string"
    range: str | None = None


@dataclass(frozen=True)
class SchemaSpec:
    """One of our own types, as read from YAML."""

    name: str
    label: str
    extends: tuple[str, ...] = ()
    description: str = ""
    properties: dict[str, PropertySpec] = field(default_factory=dict)
    edge: dict[str, str] | None = None
    export_as: str = "Thing"


@cache
def own_schemata() -> dict[str, SchemaSpec]:
    """tracegraph's own types, keyed by name."""
    found: dict[str, SchemaSpec] = {}
    folder = resources.files("tracegraph.vocab").joinpath("schema")
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if not item.name.endswith(".yaml"):
            continue
        data = parse_yaml(item.read_text(encoding="utf-8"), f"vocab/schema/{item.name}")
        for name, spec in data.items():
            props = {
                pname: PropertySpec(
                    name=pname,
                    label=str(pspec.get("label", pname)),
                    type=str(pspec.get("type", "string")),
                    range=pspec.get("range"),
                )
                for pname, pspec in (spec.get("properties") or {}).items()
            }
            extends = spec.get("extends") or []
            found[name] = SchemaSpec(
                name=name,
                label=str(spec.get("label", name)),
                extends=tuple([extends] if isinstance(extends, str) else extends),
                description=str(spec.get("description", "")),
                properties=props,
                edge=spec.get("edge"),
                export_as=str(spec.get("export_as", "Thing")),
            )
    return found


def ftm_model() -> Any:
    """The FollowTheMoney model (imported on first use)."""
    from followthemoney import model

    return model


def is_known(schema: str) -> bool:
    return schema in own_schemata() or ftm_model().get(schema) is not None


def require(schema: str) -> str:
    """Return ``schema`` if tracegraph or FtM knows it, else raise a config error."""
    if not is_known(schema):
        raise ConfigError(f"unknown schema {schema!r}")
    return schema


def common_schema(schemas: Iterable[str]) -> str:
    """The most specific schema covering all of ``schemas`` (FtM rules; ours win as given)."""
    names = list(dict.fromkeys(schemas))
    if not names:
        return "Thing"
    own = [n for n in names if n in own_schemata()]
    if own:
        return own[0]
    model = ftm_model()
    result = names[0]
    for name in names[1:]:
        try:
            result = model.common_schema(result, name).name
        except Exception:  # FtM raises InvalidData for unrelated schemata
            continue
    return result


@cache
def prop_type(schema: str, prop: str) -> str:
    """The FtM property type name of ``schema.prop`` (``entity``, ``name``, ``date``, ...); ``string`` if unknown."""
    own = own_schemata().get(schema)
    if own is not None:
        for parent in own.extends:  # a property FtM already defines keeps FtM's type
            found = prop_type(parent, prop)
            if found != "string":
                return found
        return own.properties[prop].type if prop in own.properties else "string"
    ftm = ftm_model().get(schema)
    if ftm is None:
        return "string"
    found = ftm.get(prop)
    return str(found.type.name) if found is not None else "string"
