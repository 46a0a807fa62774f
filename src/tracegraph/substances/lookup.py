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

    def listed_in(self, jurisdiction: str) -> list[Control]:
        """The controls that list the substance by name (drug schedules) in ``jurisdiction``."""
        if self.substance is None:
            return []
        return [c for c in self.substance.controls if c.jurisdiction == jurisdiction and c.kind == "schedule"]

    def class_applies(self, match: ClassMatch) -> bool:
        """A legal class is the basis of control only where no listing by name exists in its jurisdiction.

        The US definition of fentanyl-related substances covers only substances "not otherwise listed
        under another Administration Controlled Substance Code Number" (21 CFR 1308.11(h)(30)), so fentanyl
        (Schedule II) is controlled by its listing, not by the class; a substance China lists by name is
        controlled by that listing, with the class as context.
        """
        return match.legal and not self.listed_in(match.jurisdiction) and not (self.substance and self.substance.group)

    def controls(self, jurisdiction: str | None = None, on: str | None = None) -> list[Control]:
        """Listed controls, and class controls where no listing applies, optionally in one place and date."""
        found: list[Control] = list(self.substance.controls) if self.substance else []
        for match in self.classes:
            if self.class_applies(match) or (match.legal and self.substance is not None and self.substance.group):
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
            "basis": self.explain(),
            "status": jurisdiction_status(self),
        }

    def explain(self) -> list[str]:
        """Per jurisdiction, which applies (a listing by name or a class) and why, in words."""
        out: list[str] = []
        if self.substance is not None and self.substance.group:
            return out  # a group entry is the class itself
        for match in self.classes:
            if not match.legal:
                continue
            listed = self.listed_in(match.jurisdiction)
            if listed:
                names = "; ".join(f"{c.schedule or c.instrument} ({c.citation or c.source})" for c in listed)
                why = (
                    "its definition covers only substances not otherwise listed in the schedules"
                    if match.class_key == "us_fentanyl_related"
                    else "a listing by name is the basis; the class is context"
                )
                out.append(
                    f"{match.jurisdiction}: listed by name: {names}. The class {match.label} (since {match.since}) "
                    f"also matches the structure but does not apply: {why}."
                )
            elif self.substance is None or not self.substance.group:
                out.append(
                    f"{match.jurisdiction}: not listed by name; controlled as a member of {match.label} since "
                    f"{match.since} (rule {match.rule})."
                )
        return out


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
        f"no source mentions it (not a name, CAS number or structure in any of the {len(reg.sources)} sources "
        "read): its status is unknown everywhere, which is not the same as not controlled",
        subject=query,
    )


def jurisdiction_status(report: SubstanceReport, registry: Registry | None = None) -> dict[str, str]:
    """For every jurisdiction: controlled, not listed (in the lists the sources cover), or unknown (no source).

    A jurisdiction's silence counts as "not listed" only for the kinds of list a source covers there
    (China's precursor categories, EU drug laws and Mexico's and Canada's lists are not among the
    sources, so they are "unknown", never "not controlled").
    """
    reg = registry or load_registry()
    out: dict[str, str] = {}
    for code, meta in reg.jurisdictions.items():
        controls = report.controls(code)
        covers: dict[str, list[str]] = meta.get("covers") or {}
        if controls:
            out[code] = "controlled: " + "; ".join(sorted({c.schedule or c.instrument for c in controls}))
            continue
        parts = []
        for kind, label in (("drug", "drug schedules"), ("precursor", "precursor lists")):
            sources = covers.get(kind) or []
            parts.append(f"not in its {label} ({', '.join(sources)})" if sources else f"{label}: unknown (no source)")
        if not any(covers.get(k) for k in ("drug", "precursor")):
            parts = ["unknown: no source for this jurisdiction"]
            if meta.get("un_party"):
                parts.append("party to the UN conventions (see UN)")
        out[code] = "; ".join(parts)
    return out


def controls_in(report: SubstanceReport, country: str, on: str | None = None) -> list[Control]:
    """Controls that apply in ``country`` (ISO code) on ``on``: its own, plus UN controls for a party."""
    reg = load_registry()
    code = country.upper()
    found = report.controls(code, on)
    if reg.is_un_party(code):
        for c in report.controls("UN", on):
            found.append(Control(code, c.kind, c.instrument, c.since, c.source, c.note, "convention", c.rule))
    return found
