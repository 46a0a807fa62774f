"""The substance registry: names, CAS numbers, structures and controls, generated from the official lists.

The data is ``substances/data/registry.json.gz``, written by
``scripts/build_registry.py`` from the sources (never by hand; see
:mod:`tracegraph.substances.build`). Every name, CAS number, structure and
control records the sources it came from. Every substance is a first-class
entity: :func:`registry_statements` turns an entry into ``Substance``
statements carrying ``record_id = "registry:<key>"``.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from tracegraph.datafiles import load_yaml
from tracegraph.errors import ConfigError
from tracegraph.ids import make_id
from tracegraph.match import fold
from tracegraph.store.model import Statement

DATASET = "substances"
EXTRACTOR = "substances.registry.v1"


@dataclass(frozen=True)
class Control:
    """One control of a substance (or a class) in one jurisdiction."""

    jurisdiction: str
    kind: str
    instrument: str
    since: str
    source: str
    note: str = ""
    #: how it applies: "listed" (by name), "class" (by structure rule), "convention" (UN party)
    basis: str = "listed"
    rule: str = ""
    #: the list or schedule ("Schedule II", "List I", "Table I", "Category 1", "Class A, Schedule 2")
    schedule: str = ""
    #: the legal reference of the listing (CFR paragraph, Federal Register notice, announcement)
    citation: str = ""
    #: last day in effect, for a temporary or removed control
    until: str = ""

    def in_effect(self, on: str | None) -> bool:
        """True when the control was in effect on ``on`` (ISO date, or any prefix of one)."""
        if on is None:
            return True
        if self.until and self.until[: len(on)] < on[: len(self.until)]:
            return False
        if not self.since:
            return True
        return self.since[: len(on)] <= on[: len(self.since)]

    def describe(self) -> str:
        since = f" since {self.since}" if self.since else ""
        until = f" until {self.until}" if self.until else ""
        how = {"class": "as a class member", "convention": "via the UN conventions"}.get(self.basis, "by name")
        rule = f" (rule {self.rule})" if self.rule else ""
        cite = f" [{self.citation}]" if self.citation else ""
        return f"{self.jurisdiction}: {self.instrument} {how}{since}{until}{rule}{cite}"

    def to_dict(self) -> dict[str, str]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


@dataclass(frozen=True)
class Substance:
    """One registry entry."""

    key: str
    name: str
    role: str = ""
    family: str = ""
    synonyms: tuple[str, ...] = ()
    street: tuple[str, ...] = ()
    cas: tuple[str, ...] = ()
    smiles: str = ""
    inchikey: str = ""
    controls: tuple[Control, ...] = ()
    note: str = ""
    group: bool = False
    #: for a group entry: the structure classes that define it
    classes: tuple[str, ...] = ()
    #: name -> language (en, zh, es, fr) for the names the sources give a language
    languages: dict[str, str] = field(default_factory=dict, compare=False)
    #: "name:<name>", "cas:<cas>", "structure" -> the source ids that state it
    provenance: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False)
    #: codes by scheme: dea, hs, cn (EU combined nomenclature), incb, pubchem
    codes: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False)
    #: names that count in running text only with drug context nearby (common words, short forms)
    context_names: frozenset[str] = field(default_factory=frozenset, compare=False)
    #: names for look-up only, never matched in running text (common words among PubChem's synonyms)
    lookup_names: frozenset[str] = field(default_factory=frozenset, compare=False)
    #: acronyms whose lower-case form is an ordinary word ("DOC", "SPA", "5-IT"): they count only in capitals
    capital_names: frozenset[str] = field(default_factory=frozenset, compare=False)

    @property
    def entity_id(self) -> str:
        return substance_entity_id(self.key)

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "entity_id": self.entity_id,
            "name": self.name,
            "role": self.role,
            "family": self.family,
            "synonyms": list(self.synonyms),
            "street": list(self.street),
            "cas": list(self.cas),
            "smiles": self.smiles,
            "inchikey": self.inchikey,
            "controls": [c.to_dict() for c in self.controls],
            "note": self.note,
            "group": self.group,
            "classes": list(self.classes),
            "languages": self.languages,
            "provenance": {k: list(v) for k, v in self.provenance.items()},
            "codes": {k: list(v) for k, v in self.codes.items()},
        }


@dataclass(frozen=True)
class Registry:
    """All substances, with look-ups by key, CAS number, InChIKey and exact name."""

    substances: dict[str, Substance]
    jurisdictions: dict[str, dict[str, Any]] = field(default_factory=dict)
    by_cas: dict[str, str] = field(default_factory=dict)
    by_inchikey: dict[str, str] = field(default_factory=dict)
    by_name: dict[str, str] = field(default_factory=dict)
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: names shared by several substances: not resolved to any of them
    ambiguous: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: CAS numbers the sources give to more than one substance (the build report lists them)
    shared_cas: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: words of names that are frequent in English: never the word a name is looked up by in text
    common_words: frozenset[str] = field(default_factory=frozenset)

    def get(self, key: str) -> Substance | None:
        return self.substances.get(key)

    def find_name(self, name: str) -> Substance | None:
        key = self.by_name.get(name_key(name))
        return self.substances[key] if key else None

    def is_un_party(self, jurisdiction: str) -> bool:
        return bool(self.jurisdictions.get(jurisdiction.upper(), {}).get("un_party"))


def substance_entity_id(key: str) -> str:
    """The deterministic entity id of a registry substance (or of ``novel:<InChIKey>``)."""
    return make_id("sub", key)


def name_key(name: str) -> str:
    """Case- and space-insensitive key of a name: the matching engine's fold, every other mark kept."""
    return fold(name, transliterate=False, punctuation=True)


_CONTROL_KEYS = {"jurisdiction", "kind", "instrument", "since", "source", "note"}


def _control(data: dict[str, Any]) -> Control:
    unknown = set(data) - _CONTROL_KEYS
    if unknown:  # a stray comma in a YAML flow mapping shows up here
        raise TypeError(f"unknown control fields {sorted(unknown)}")
    return Control(
        jurisdiction=str(data["jurisdiction"]),
        kind=str(data.get("kind", "")),
        instrument=str(data.get("instrument", "")),
        since=str(data.get("since", "")),
        source=str(data.get("source", "")),
        note=str(data.get("note", "")),
    )


def parse_registry(data: dict[str, Any]) -> Registry:
    """Build a :class:`Registry` from the YAML structure (``substances:``, ``jurisdictions:``)."""
    substances: dict[str, Substance] = {}
    by_cas: dict[str, str] = {}
    by_inchikey: dict[str, str] = {}
    by_name: dict[str, str] = {}
    for key, entry in (data.get("substances") or {}).items():
        try:
            sub = Substance(
                key=str(key),
                name=str(entry["name"]),
                role=str(entry.get("role", "")),
                family=str(entry.get("family", "")),
                synonyms=tuple(str(s) for s in entry.get("synonyms") or ()),
                street=tuple(str(s) for s in entry.get("street") or ()),
                cas=tuple(str(c) for c in entry.get("cas") or ()),
                smiles=str(entry.get("smiles") or ""),
                inchikey=str(entry.get("inchikey") or ""),
                controls=tuple(_control(c) for c in entry.get("controls") or ()),
                note=str(entry.get("note") or ""),
                group=bool(entry.get("group", False)),
                classes=tuple(str(c) for c in entry.get("classes") or ()),
            )
        except (KeyError, TypeError) as exc:
            raise ConfigError(f"bad registry entry: {exc}", subject=str(key)) from exc
        substances[sub.key] = sub
        for cas in sub.cas:
            by_cas.setdefault(cas, sub.key)
        if sub.inchikey:
            by_inchikey.setdefault(sub.inchikey, sub.key)
        for name in (sub.key, sub.name, *sub.synonyms, *sub.street):
            by_name.setdefault(name_key(name), sub.key)
    return Registry(substances, dict(data.get("jurisdictions") or {}), by_cas, by_inchikey, by_name)


def _generated_control(data: dict[str, Any], sources: dict[str, dict[str, Any]]) -> Control:
    names = [f"{s} ({sources[s]['version']})" if s in sources else s for s in data.get("sources") or ()]
    return Control(
        jurisdiction=str(data["jurisdiction"]),
        kind=str(data.get("kind", "")),
        instrument=str(data.get("instrument", "")),
        since=str(data.get("since", "")),
        source="; ".join(names),
        note=str(data.get("note", "")),
        schedule=str(data.get("schedule", "")),
        citation=str(data.get("citation", "")),
        until=str(data.get("until", "")),
    )


def parse_generated(data: dict[str, Any]) -> Registry:
    """Build a :class:`Registry` from the generated data (see :mod:`tracegraph.substances.build`)."""
    sources: dict[str, dict[str, Any]] = dict(data.get("sources") or {})
    substances: dict[str, Substance] = {}
    by_cas: dict[str, str] = {}
    by_inchikey: dict[str, str] = {}
    owners: dict[str, list[str]] = {}
    primary: dict[str, str] = {}
    shared: dict[str, tuple[str, ...]] = {}
    for key, entry in (data.get("substances") or {}).items():
        try:
            names = [(str(n), str(lang), tuple(src)) for n, lang, src in entry.get("names") or ()]
            provenance = {f"name:{n}": src for n, _, src in names}
            provenance.update({f"cas:{c}": tuple(src) for c, src in entry.get("cas") or ()})
            if entry.get("structure_source"):
                provenance["structure"] = (str(entry["structure_source"]),)
            sub = Substance(
                key=str(key),
                name=str(entry["name"]),
                role=str(entry.get("role", "")),
                family=str(entry.get("family", "")),
                synonyms=tuple(n for n, _, _ in names if n != entry["name"]),
                cas=tuple(str(c) for c, _ in entry.get("cas") or ()),
                smiles=str(entry.get("smiles") or ""),
                inchikey=str(entry.get("inchikey") or ""),
                controls=tuple(_generated_control(c, sources) for c in entry.get("controls") or ()),
                group=bool(entry.get("group", False)),
                classes=tuple(str(c) for c in entry.get("classes") or ()),
                languages={n: lang for n, lang, _ in names if lang != "en"},
                provenance=provenance,
                codes={k: tuple(v) for k, v in (entry.get("codes") or {}).items()},
                context_names=frozenset(entry.get("context") or ()),
                lookup_names=frozenset(entry.get("lookup_only") or ()),
                capital_names=frozenset(entry.get("capitals") or ()),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"bad registry entry: {exc}", subject=str(key)) from exc
        substances[sub.key] = sub
        for cas in sub.cas:
            if by_cas.setdefault(cas, sub.key) != sub.key:
                shared[cas] = (*shared.get(cas, (by_cas[cas],)), sub.key)
        if sub.inchikey:
            by_inchikey.setdefault(sub.inchikey, sub.key)
        primary.setdefault(name_key(sub.name), sub.key)
        for name in (sub.key, sub.name, *sub.synonyms):
            holders = owners.setdefault(name_key(name), [])
            if sub.key not in holders:
                holders.append(sub.key)
    by_name: dict[str, str] = {}
    ambiguous: dict[str, tuple[str, ...]] = {}
    for name, holders in owners.items():
        if name in primary:
            by_name[name] = primary[name]
        elif len(holders) == 1:
            by_name[name] = holders[0]
        else:
            ambiguous[name] = tuple(holders)
    jurisdictions = dict(data.get("jurisdictions") or {})
    common = frozenset(str(w) for w in data.get("common_words") or ())
    return Registry(substances, jurisdictions, by_cas, by_inchikey, by_name, sources, ambiguous, shared, common)


def read_generated(path: Path | None = None) -> dict[str, Any]:
    """The generated registry data: the shipped ``data/registry.json.gz``, or a file written by
    ``tracegraph substances import``."""
    if path is None:
        raw = resources.files("tracegraph.substances").joinpath("data", "registry.json.gz").read_bytes()
    else:
        raw = Path(path).read_bytes()
    try:
        data = json.loads(gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw)
    except (OSError, ValueError) as exc:
        raise ConfigError(f"not a registry file: {exc}", subject=str(path or "registry.json.gz")) from exc
    if not isinstance(data, dict) or "substances" not in data:
        raise ConfigError("not a registry file", subject=str(path or "registry.json.gz"))
    return data


def load_registry_file(path: Path) -> Registry:
    """A registry written by ``tracegraph substances import`` (or the build script)."""
    return parse_generated(read_generated(path))


def read_data(name: str) -> dict[str, Any]:
    """One YAML file of ``substances/data``."""
    return load_yaml("tracegraph.substances", "data", name)


@cache
def load_registry() -> Registry:
    """The registry shipped with tracegraph (read once)."""
    return parse_generated(read_generated())


def registry_statements(sub: Substance, dataset: str = DATASET) -> list[Statement]:
    """The ``Substance`` statements of one registry entry, with ``record_id = registry:<key>``."""
    record = f"registry:{sub.key}"
    values: list[tuple[str, str]] = [("name", sub.name)]
    values += [("alias", s) for s in (*sub.synonyms, *sub.street)]
    values += [("casNumber", c) for c in sub.cas]
    if sub.smiles:
        values.append(("smiles", sub.smiles))
    if sub.inchikey:
        values.append(("inchiKey", sub.inchikey))
    if sub.role:
        values.append(("role", sub.role))
    if sub.family:
        values.append(("substanceClass", sub.family))
    values += [("controlStatus", c.describe()) for c in sub.controls]
    return [
        Statement(
            entity_id=sub.entity_id,
            schema="Substance",
            prop=prop,
            value=value,
            dataset=dataset,
            record_id=record,
            extractor=EXTRACTOR,
        )
        for prop, value in values
    ]


def import_registry(store: Any, dataset: str = DATASET) -> int:
    """Write every registry substance into ``store`` as record statements; returns the count written.

    Idempotent: statement ids are deterministic, so a second import only bumps ``last_seen``.
    """
    registry = load_registry()
    statements = [s for sub in registry.substances.values() for s in registry_statements(sub, dataset)]
    with store.transaction():
        return int(store.add_statements(statements))
