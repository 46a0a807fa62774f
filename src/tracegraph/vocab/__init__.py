"""The vocabulary: FollowTheMoney's model with tracegraph's own schemata in it.

Our types (``schema/*.yaml``: ``Substance``, ``Listing``, ``Action``) are FtM
schema YAML. :func:`model` loads them into FtM's own :class:`Model` (once, on
first use: FtM builds its model on import, so nothing here imports it early),
so ``schema.is_a()``, ``edge_source``/``edge_target``, ``matchable`` and the
property types answer for our types exactly as for FtM's, and FtM's
``StatementEntity`` and ``Statement`` know them. One extra key FtM ignores,
``export_as``, names the FtM type an entity is written as in an FtM export.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from tracegraph.datafiles import parse_yaml
from tracegraph.errors import ConfigError

if TYPE_CHECKING:
    from followthemoney.model import Model
    from followthemoney.schema import Schema


@cache
def own_specs() -> dict[str, dict[str, Any]]:
    """The YAML of our own schemata, keyed by name, as written."""
    found: dict[str, dict[str, Any]] = {}
    folder = resources.files("tracegraph.vocab").joinpath("schema")
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if item.name.endswith(".yaml"):
            found.update(parse_yaml(item.read_text(encoding="utf-8"), f"vocab/schema/{item.name}"))
    return found


@cache
def model() -> Model:
    """FtM's model with our schemata loaded into it (the one model every part uses).

    Our schemata go into FtM's singleton (``Model.instance()``) rather than a
    copy, so FtM's own code (``StatementEntity``, ``Statement``, the proxies)
    and tracegraph's see one model.
    """
    from followthemoney.model import Model
    from followthemoney.schema import Schema

    ftm = Model.instance()
    added = [name for name in own_specs() if name not in ftm.schemata]
    for name in added:
        ftm.schemata[name] = Schema(ftm, name, own_specs()[name])  # type: ignore[arg-type]
    if added:
        ftm.generate()
        for schema in ftm:  # parents cached the schemata they may match before ours existed
            schema._matchable_schemata = None
    return ftm


def get_schema(name: str) -> Schema | None:
    """The schema called ``name`` (ours or FtM's), or ``None``."""
    return model().get(name)


def schema(name: str) -> Schema:
    """The schema called ``name``; a config error names an unknown one."""
    found = model().get(name)
    if found is None:
        raise ConfigError(f"unknown schema {name!r}", subject=name)
    return found


def own_names() -> tuple[str, ...]:
    """The names of tracegraph's own schemata."""
    return tuple(own_specs())


def is_own(name: str) -> bool:
    return name in own_specs()


def export_as(name: str) -> str | None:
    """The FtM type one of our schemata is written as (``export_as``); ``None`` for FtM's own."""
    spec = own_specs().get(name)
    return str(spec.get("export_as", "Thing")) if spec is not None else None


def is_known(name: str) -> bool:
    return model().get(name) is not None


def require(name: str) -> str:
    """Return ``name`` if the model knows it, else raise a config error."""
    return schema(name).name


@lru_cache(maxsize=4096)
def is_a(name: str, parent: str) -> bool:
    """Whether schema ``name`` is ``parent`` or descends from it (``False`` for unknown names)."""
    found = model().get(name)
    return found is not None and model().get(parent) is not None and bool(found.is_a(parent))


def descendants(*parents: str) -> frozenset[str]:
    """The names of every schema that is one of ``parents`` or descends from one (ours included)."""
    return frozenset(s.name for s in model() if any(s.is_a(p) for p in parents if p in model().schemata))


#: the roots of what screening and resolution treat as a party: any legal entity, and the craft lists name
PARTY_ROOTS = ("LegalEntity", "Vessel", "Airplane")


def is_party(name: str) -> bool:
    """Whether entities of schema ``name`` are parties a list may name (a legal entity, a vessel, an aircraft)."""
    return any(is_a(name, root) for root in PARTY_ROOTS)


def edge_sides(name: str) -> tuple[str, str] | None:
    """``(source property, target property)`` of an edge schema (``Ownership``: owner, asset); ``None`` if no edge."""
    found = model().get(name)
    if found is None or not found.edge or not found.edge_source or not found.edge_target:
        return None
    return found.edge_source, found.edge_target


def common_schema(schemas: Iterable[str]) -> str:
    """The most specific schema covering all of ``schemas`` (FtM's rule).

    Unrelated schemata do not fail a read: the first stays, except that one of
    our own types wins over an FtM type it is unrelated to.
    """
    from followthemoney.exc import InvalidData

    names = [n for n in dict.fromkeys(schemas) if model().get(n) is not None]
    if not names:
        return "Thing"
    result = names[0]
    for name in names[1:]:
        try:
            result = model().common_schema(result, name).name
        except InvalidData:
            if is_own(name) and not is_own(result):
                result = name
    return result


@cache
def prop_type(schema_name: str, prop: str) -> str:
    """The FtM property type name of ``schema.prop`` (``entity``, ``name``, ``date``, ...); ``string`` if unknown."""
    found = model().get(schema_name)
    found_prop = found.get(prop) if found is not None else None
    return str(found_prop.type.name) if found_prop is not None else "string"


def ftm_model() -> Model:
    """The model (kept for callers written before our schemata were in it): same as :func:`model`."""
    return model()


# -- kept for callers of the first release's SchemaSpec reader -----------------
@dataclass(frozen=True)
class PropertySpec:
    name: str
    label: str
    type: str = "string"
    range: str | None = None


@dataclass(frozen=True)
class SchemaSpec:
    """One of our own types as plain data, read off the model (deprecated: use :func:`schema`)."""

    name: str
    label: str
    extends: tuple[str, ...] = ()
    description: str = ""
    properties: dict[str, PropertySpec] = field(default_factory=dict)
    edge: dict[str, str] | None = None
    export_as: str = "Thing"


@cache
def own_schemata() -> dict[str, SchemaSpec]:
    """Our own types as :class:`SchemaSpec` (deprecated: use :func:`schema`; the model answers)."""
    found: dict[str, SchemaSpec] = {}
    for name in own_names():
        obj = schema(name)
        props = {
            p.name: PropertySpec(p.name, p.label, p.type.name, p.range.name if p.range is not None else None)
            for p in obj.properties.values()
            if p.schema is obj  # declared here, as the first release's reader saw it
        }
        edge = None
        if obj.edge and obj.edge_source and obj.edge_target:
            edge = {"source": obj.edge_source, "target": obj.edge_target, "label": str(obj.edge_label)}
        found[name] = SchemaSpec(
            name=name,
            label=obj.label,
            extends=tuple(sorted(p.name for p in obj.extends)),
            description=obj.description or "",
            properties=props,
            edge=edge,
            export_as=export_as(name) or "Thing",
        )
    return found
