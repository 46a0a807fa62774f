"""Structure classes: legal class definitions encoded as RDKit SMARTS rules.

``data/classes.yaml`` holds each class (jurisdiction, instrument, date of
effect, source, the legal definition in words) and its rules. A compound is a
member when one of its rules matches; the rule that fired is reported with
the membership, so a reader can check it against the definition.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from tracegraph.errors import ConfigError, InputError
from tracegraph.substances.registry import Control, read_data


@dataclass(frozen=True)
class Rule:
    name: str
    smarts: str
    description: str
    monocycle: tuple[int, ...]
    pattern: Any  # rdkit Mol


@dataclass(frozen=True)
class StructureClass:
    key: str
    label: str
    jurisdiction: str
    kind: str
    instrument: str
    since: str
    source: str
    legal: bool
    definition: str
    rules: tuple[Rule, ...]

    def control(self, rule: str) -> Control:
        return Control(self.jurisdiction, self.kind, self.instrument, self.since, self.source, basis="class", rule=rule)


@dataclass(frozen=True)
class ClassMatch:
    """A compound is a member of a class because ``rule`` matched."""

    class_key: str
    label: str
    jurisdiction: str
    since: str
    legal: bool
    rule: str
    rule_description: str
    instrument: str
    source: str

    def describe(self) -> str:
        if not self.legal:
            return f"related: {self.label} (screening rule {self.rule}; not a legal class)"
        return (
            f"controlled as a member of class {self.label} in {self.jurisdiction} since {self.since} (rule {self.rule})"
        )

    def to_dict(self) -> dict[str, Any]:
        data = {k: getattr(self, k) for k in self.__dataclass_fields__}
        data["summary"] = self.describe()
        return data


def rdkit_chem() -> Any:
    """RDKit's Chem module, with its console logging turned off."""
    from rdkit import Chem, RDLogger

    RDLogger.DisableLog("rdApp.*")  # type: ignore[attr-defined]  # errors are reported as InputError instead
    return Chem


@cache
def structure_classes() -> tuple[StructureClass, ...]:
    """The class definitions shipped with tracegraph, with their SMARTS compiled (once)."""
    chem = rdkit_chem()
    found = []
    for key, spec in read_data("classes.yaml")["classes"].items():
        rules = []
        for rule in spec.get("rules") or ():
            pattern = chem.MolFromSmarts(rule["smarts"])
            if pattern is None:
                raise ConfigError("bad SMARTS in classes.yaml", subject=rule["name"])
            rules.append(
                Rule(
                    rule["name"],
                    rule["smarts"],
                    str(rule.get("description", "")),
                    tuple(rule.get("monocycle") or ()),
                    pattern,
                )
            )
        found.append(
            StructureClass(
                key=str(key),
                label=str(spec["label"]),
                jurisdiction=str(spec.get("jurisdiction") or ""),
                kind=str(spec.get("kind") or ""),
                instrument=str(spec.get("instrument") or ""),
                since=str(spec.get("since") or ""),
                source=str(spec.get("source") or ""),
                legal=bool(spec.get("legal", True)),
                definition=" ".join(str(spec.get("definition") or "").split()),
                rules=tuple(rules),
            )
        )
    return tuple(found)


def parse_smiles(smiles: str) -> Any:
    """An RDKit molecule; an input error names a SMILES that does not parse."""
    text = smiles.strip()
    if not text or len(text) > 2000 or any(c.isspace() for c in text):
        raise InputError("not a SMILES string", subject=smiles[:80])
    mol = rdkit_chem().MolFromSmiles(text)
    if mol is None:
        raise InputError("invalid SMILES (RDKit cannot parse it)", subject=smiles[:80])
    return mol


def _monocycle(mol: Any, atom_idx: int) -> bool:
    """The atom sits in exactly one ring and that ring shares no atom with another ring."""
    rings = [set(r) for r in mol.GetRingInfo().AtomRings()]
    mine = [r for r in rings if atom_idx in r]
    if len(mine) != 1:
        return False
    return not any(other is not mine[0] and other & mine[0] for other in rings)


def _rule_matches(mol: Any, rule: Rule) -> bool:
    if not mol.HasSubstructMatch(rule.pattern):
        return False
    if not rule.monocycle:
        return True
    maps = {a.GetAtomMapNum(): a.GetIdx() for a in rule.pattern.GetAtoms() if a.GetAtomMapNum()}
    for match in mol.GetSubstructMatches(rule.pattern, uniquify=False, maxMatches=50):
        if all(_monocycle(mol, match[maps[n]]) for n in rule.monocycle if n in maps):
            return True
    return False


def classify_mol(mol: Any) -> list[ClassMatch]:
    """Every class whose rules match the molecule, with the first rule that fired."""
    out = []
    for cls in structure_classes():
        for rule in cls.rules:
            if _rule_matches(mol, rule):
                out.append(
                    ClassMatch(
                        cls.key,
                        cls.label,
                        cls.jurisdiction,
                        cls.since,
                        cls.legal,
                        rule.name,
                        rule.description,
                        cls.instrument,
                        cls.source,
                    )
                )
                break
    return out


def classify_smiles(smiles: str) -> list[ClassMatch]:
    """Class memberships of a compound given by SMILES; an invalid SMILES raises InputError."""
    return classify_mol(parse_smiles(smiles))


def inchikey(smiles: str) -> str:
    """The InChIKey of a SMILES (InputError when it does not parse)."""
    return str(rdkit_chem().MolToInchiKey(parse_smiles(smiles)))


def canonical_smiles(smiles: str) -> str:
    return str(rdkit_chem().MolToSmiles(parse_smiles(smiles)))
