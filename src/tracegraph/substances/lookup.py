"""Identify a substance from a name, a CAS number or a SMILES, and say where it is controlled.

:func:`lookup` is what ``tracegraph substance QUERY`` prints: identity,
synonyms, the controls that list it by name, and the structure classes it
belongs to (with the rule that fired). :func:`controls_in` answers "is it
controlled in this country on this date", used to flag seller listings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tracegraph.errors import InputError, NotFoundError
from tracegraph.substances.cas import looks_like_cas, normalise_cas
from tracegraph.substances.classes import ClassMatch, classify_mol, parse_smiles, rdkit_chem, structure_classes
from tracegraph.substances.registry import Control, Registry, Substance, load_registry, substance_entity_id


@dataclass
class SubstanceReport:
    """What is known about one substance: who it is, and where and since when it is controlled."""

    query: str
    how: str  # name | cas | smiles | systematic-name
    key: str
    name: str
    substance: Substance | None = None
    smiles: str = ""
    inchikey: str = ""
    classes: list[ClassMatch] = field(default_factory=list)

    @property
    def entity_id(self) -> str:
        return substance_entity_id(self.key)

    @property
    def novel(self) -> bool:
        return self.substance is None

    def controls(self, jurisdiction: str | None = None, on: str | None = None) -> list[Control]:
        """Listed controls and class controls (legal classes only), optionally in one place and date."""
        found: list[Control] = list(self.substance.controls) if self.substance else []
        for match in self.classes:
            if match.legal:
                cls = next(c for c in structure_classes() if c.key == match.class_key)
                found.append(cls.control(match.rule))
        if jurisdiction is not None:
            found = [c for c in found if c.jurisdiction.upper() == jurisdiction.upper()]
        return [c for c in found if c.in_effect(on)]

    def to_dict(self) -> dict[str, Any]:
        sub = self.substance
        return {
            "query": self.query,
            "how": self.how,
            "key": self.key,
            "entity_id": self.entity_id,
            "name": self.name,
            "novel": self.novel,
            "role": sub.role if sub else "",
            "synonyms": list(sub.synonyms + sub.street) if sub else [],
            "cas": list(sub.cas) if sub else [],
            "smiles": self.smiles,
            "inchikey": self.inchikey,
            "note": sub.note if sub else "",
            "controls": [c.to_dict() for c in self.controls()],
            "classes": [m.to_dict() for m in self.classes],
        }


def _from_registry(query: str, how: str, sub: Substance) -> SubstanceReport:
    report = SubstanceReport(query, how, sub.key, sub.name, sub, sub.smiles, sub.inchikey)
    if sub.smiles:
        report.classes = classify_mol(parse_smiles(sub.smiles))
    elif sub.classes:
        report.classes = [
            ClassMatch(
                c.key,
                c.label,
                c.jurisdiction,
                c.since,
                c.legal,
                "(class by definition)",
                c.definition,
                c.instrument,
                c.source,
            )
            for c in structure_classes()
            if c.key in sub.classes
        ]
    return report


def from_smiles(
    smiles: str, query: str | None = None, how: str = "smiles", registry: Registry | None = None
) -> SubstanceReport:
    """Report on a structure: the registry entry with the same InChIKey, else a novel substance."""
    chem = rdkit_chem()
    reg = registry or load_registry()
    mol = parse_smiles(smiles)
    key = str(chem.MolToInchiKey(mol))
    known = reg.by_inchikey.get(key)
    if known:
        return _from_registry(query or smiles, how, reg.substances[known])
    canonical = str(chem.MolToSmiles(mol))
    report = SubstanceReport(query or smiles, how, f"novel:{key}", canonical, None, canonical, key)
    report.classes = classify_mol(mol)
    return report


def _systematic(query: str) -> str | None:
    from tracegraph.substances.opsin import names_to_smiles, opsin_status

    if not opsin_status()[0]:
        return None
    return names_to_smiles([query]).get(query.strip())


def lookup(query: str, registry: Registry | None = None, systematic: bool = True) -> SubstanceReport:
    """Resolve a name, synonym, CAS number or SMILES (and, with OPSIN, a systematic name).

    A CAS number with a wrong check digit or an invalid SMILES raises
    :class:`InputError`; something that is none of these raises :class:`NotFoundError`.
    """
    reg = registry or load_registry()
    text = query.strip()
    if not text:
        raise InputError("empty substance query")
    if looks_like_cas(text):
        cas = normalise_cas(text)  # raises on a wrong check digit
        key = reg.by_cas.get(cas)
        if key is None:
            raise NotFoundError("valid CAS number, but not in the substance registry", subject=cas)
        return _from_registry(query, "cas", reg.substances[key])
    sub = reg.find_name(text)
    if sub is not None:
        return _from_registry(query, "name", sub)
    smiles_error: InputError | None = None
    try:
        return from_smiles(text, query, "smiles", reg)
    except InputError as exc:
        smiles_error = exc
    if systematic:
        converted = _systematic(text)
        if converted:
            return from_smiles(converted, query, "systematic-name", reg)
    if any(c in text for c in "=#()[]@") and not any(c.isspace() for c in text):
        raise smiles_error
    raise NotFoundError(
        "not a registry name, a CAS number, a valid SMILES or a convertible systematic name", subject=query
    )


def controls_in(report: SubstanceReport, country: str, on: str | None = None) -> list[Control]:
    """Controls that apply in ``country`` (ISO code) on ``on``: its own, plus UN controls for a party."""
    reg = load_registry()
    code = country.upper()
    found = report.controls(code, on)
    if reg.is_un_party(code):
        for c in report.controls("UN", on):
            found.append(Control(code, c.kind, c.instrument, c.since, c.source, c.note, "convention", c.rule))
    return found
