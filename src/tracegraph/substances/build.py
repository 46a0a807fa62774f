"""Build the substance registry from the official sources: read, merge across sources, report.

:func:`build_registry` reads every source under a folder laid out like
``../shared/data/controlled_substances`` (or a user's own copies of the same
files), merges rows that are the same substance (same InChIKey, same CAS
number, same DEA chemical code, or the same normalised name when that joins no
two different structures and no two rows of one source), and returns the
registry data (what ``scripts/build_registry.py`` writes as package data) and
a report: problems in the sources, merges refused, and disagreements between
sources (schedules, dates, CAS numbers).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from tracegraph.errors import InputError
from tracegraph.substances.registry import name_key
from tracegraph.substances.sources import china, intl, us
from tracegraph.substances.sources.base import Fact, Harvest, Problem, Record, SourceInfo

FORMAT = 2
READERS: tuple[Callable[[Path], Harvest], ...] = (
    us.read_ecfr,
    us.read_chemlist,
    intl.read_red,
    intl.read_yellow,
    intl.read_green,
    china.read_catalogues,
    china.read_class_controls,
    intl.read_uk,
    intl.read_eu,
    intl.read_red_table,
    us.read_orange_book,
    us.read_pubchem,
)

#: jurisdictions, whether they are parties to the UN conventions, and what each kind of list covers
JURISDICTIONS: dict[str, dict[str, Any]] = {
    "US": {"name": "United States (federal)", "un_party": True},
    "UN": {"name": "UN drug conventions (1961, 1971, 1988)", "un_party": False},
    "CN": {"name": "China", "un_party": True},
    "EU": {"name": "European Union", "un_party": True},
    "UK": {"name": "United Kingdom", "un_party": True},
    "MX": {"name": "Mexico", "un_party": True},
    "CA": {"name": "Canada", "un_party": True},
}


@dataclass
class Report:
    sources: list[SourceInfo] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    disagreements: list[dict[str, str]] = field(default_factory=list)
    #: source id -> [(record ref, registry key)]
    members: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    records: dict[str, list[Record]] = field(default_factory=dict)


def read_sources(root: Path) -> list[Harvest]:
    """Every source under ``root``; a missing source folder is a clear input error."""
    if not root.is_dir():
        raise InputError("not a folder of source files", subject=str(root))
    harvests = []
    missing = []
    for reader in READERS:
        try:
            harvests.append(reader(root))
        except FileNotFoundError as exc:  # a user's copies may hold only some of the sources
            missing.append(Path(str(exc.filename)).name)
    if not harvests:
        raise InputError("none of the source files is there (see docs/substances.md for the layout)", subject=str(root))
    if missing:
        harvests[0].problems.extend(
            Problem("build", name, "source-missing", "not in the folder; its lists are left out") for name in missing
        )
    return harvests


class _Groups:
    """Union-find over records that refuses unions joining different structures or two rows of one source."""

    def __init__(self, records: list[Record], skeletons: list[set[str]]) -> None:
        self.parent = list(range(len(records)))
        self.skeletons = [set(s) for s in skeletons]
        self.rows: list[dict[str, set[str]]] = [
            {r.source: {chem_key(r.names[0][0]) if r.names else r.ref}} for r in records
        ]
        self.records = records

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def conflict(self, a: int, b: int, strict: bool) -> str:
        ra, rb = self.find(a), self.find(b)
        sa, sb = self.skeletons[ra], self.skeletons[rb]
        if sa and sb and not sa & sb:
            return "different structures"
        for source, names in self.rows[ra].items():
            other = self.rows[rb].get(source)
            if other is None or source == us.PUBCHEM.id:
                continue
            if (strict and names != other) or not names & other:
                return f"two rows of {source}"
        return ""

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        self.parent[rb] = ra
        self.skeletons[ra] |= self.skeletons[rb]
        for source, refs in self.rows[rb].items():
            self.rows[ra].setdefault(source, set()).update(refs)


def _structure(record: Record, chem: Any) -> tuple[str, str]:
    """(InChIKey, SMILES) of a record from its SMILES or InChI; empty when it has neither or they do not parse."""
    mol = None
    if record.smiles:
        mol = chem.MolFromSmiles(record.smiles)
    elif record.inchi:
        mol = chem.MolFromInchi(record.inchi)
    if mol is None:
        return record.inchikey, ""
    return str(chem.MolToInchiKey(mol)), str(chem.MolToSmiles(mol))


def chem_key(name: str) -> str:
    """A chemical name compared without case, spaces, hyphens or Greek-letter spelling."""
    key = name_key(name)
    for greek, latin in (("α", "alpha"), ("β", "beta"), ("γ", "gamma"), ("δ", "delta"), ("Δ", "delta")):
        key = key.replace(greek, latin)
    return re.sub(r"[\s\-‐‑–,'′]", "", key)


def merge(harvests: list[Harvest]) -> tuple[dict[str, Any], Report]:
    from tracegraph.substances.classes import rdkit_chem

    chem = rdkit_chem()
    report = Report(sources=[h.info for h in harvests])
    info = {h.info.id: h.info for h in harvests}
    records = [r for h in harvests for r in h.records]
    for h in harvests:
        report.problems.extend(h.problems)
        report.records[h.info.id] = h.records
    structures = [_structure(r, chem) for r in records]
    for r, (key, _) in zip(records, structures, strict=True):
        if r.smiles and not key:
            report.problems.append(Problem(r.source, r.ref, "bad-smiles", f"SMILES does not parse: {r.smiles[:60]}"))
    groups = _Groups(records, [{k[:14]} if k else set() for k, _ in structures])
    index: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(records):
        if r.group:
            continue
        if structures[i][0]:
            index["ik:" + structures[i][0]].append(i)
        for cas in r.cas:
            index["cas:" + cas].append(i)
        for key in r.merge_keys:
            index["key:" + key].append(i)
    _unite(groups, index, report, strict=False)
    names: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(records):
        if not r.group:
            for n, _ in r.names[:1]:
                names["name:" + chem_key(n)].append(i)
    _unite(groups, names, report)
    names = defaultdict(list)
    for i, r in enumerate(records):
        if not r.group:
            for n, _ in r.names[1:]:
                if len(chem_key(n)) >= 3:
                    names["name:" + chem_key(n)].append(i)
    _unite(groups, names, report)
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(records)):
        members[groups.find(i)].append(i)
    substances: dict[str, Any] = {}
    for root in sorted(members, key=lambda g: _sort_name(records, members[g])):
        entry = _substance(records, structures, members[root], info, report)
        key = _unique_key(entry["name"], substances)
        substances[key] = entry
        for i in members[root]:
            report.members.setdefault(records[i].source, []).append((records[i].ref, key))
    holders: dict[str, list[str]] = defaultdict(list)
    for key, entry in substances.items():
        for cas, _ in entry["cas"]:
            holders[cas].append(key)
    for cas, keys in sorted(holders.items()):
        if len(keys) > 1:
            report.disagreements.append(
                {
                    "substance": ", ".join(keys),
                    "what": "CAS on several substances",
                    "detail": f"{cas} is given to {len(keys)} substances the build keeps apart",
                }
            )
    jurisdictions = {code: dict(meta, covers={"drug": [], "precursor": []}) for code, meta in JURISDICTIONS.items()}
    for s in report.sources:
        if s.authority and s.jurisdiction in jurisdictions and report.records.get(s.id):
            for kind in ("drug", "precursor"):
                if s.covers in (kind, "both"):
                    jurisdictions[s.jurisdiction]["covers"][kind].append(s.id)
    data = {
        "format": FORMAT,
        "generated_by": "scripts/build_registry.py",
        "sources": {s.id: asdict(s) for s in report.sources},
        "jurisdictions": jurisdictions,
        "substances": substances,
    }
    return data, report


def _unite(groups: _Groups, index: dict[str, list[int]], report: Report, strict: bool = True) -> None:
    """Join the records sharing each key; ``strict`` (names) also refuses to join two rows of one source."""
    for key, items in index.items():
        first = items[0]
        for other in items[1:]:
            why = groups.conflict(first, other, strict)
            if why:
                if groups.find(first) != groups.find(other):
                    a, b = groups.records[first], groups.records[other]
                    report.refused.append(f"{key}: {a.source} '{a.ref}' / {b.source} '{b.ref}': {why}")
                continue
            groups.union(first, other)


_PRIORITY = [
    us.ECFR.id,
    us.CHEMLIST.id,
    intl.RED.id,
    intl.YELLOW.id,
    intl.GREEN.id,
    china.CATALOGUES.id,
    china.CLASSES.id,
    intl.UK.id,
    intl.EU.id,
    intl.RED_TABLE.id,
    us.ORANGE.id,
    us.PUBCHEM.id,
]


def _rank(record: Record) -> int:
    return _PRIORITY.index(record.source) if record.source in _PRIORITY else len(_PRIORITY)


_PREFIXES = {"tert", "alpha", "beta", "gamma", "delta", "sec", "iso", "cis", "trans", "meta", "para", "ortho"}


def _display(name: str) -> str:
    """A name as shown: upper-case list entries in sentence case, a plain lower-case word capitalised
    ("protonitazene" -> "Protonitazene"); chemical prefixes ("tert-", "alpha-", "N-") left alone."""
    if name == name.upper() and any(c.isalpha() for c in name) and len(re.sub(r"[^A-Za-z]", "", name)) > 5:
        return name[0] + name[1:].lower()
    first = re.split(r"[-\s(,]", name, maxsplit=1)[0]
    if name[:1].isascii() and name[:1].islower() and len(first) > 3 and first.isalpha() and first not in _PREFIXES:
        return name[0].upper() + name[1:]
    return name


def _preferred(record: Record) -> str:
    """The record's own name, or a short common name it gives in place of a long systematic one."""
    first = record.names[0][0] if record.names else ""
    if len(first) > 30 and re.search(r"\d", first):
        for alt, lang in record.names[1:]:
            if lang == "en" and 4 < len(alt) <= 25 and alt != alt.upper() and " " not in alt:
                return alt
    return first


def _sort_name(records: list[Record], items: list[int]) -> tuple[str, str]:
    best = min((records[i] for i in items), key=_rank)
    return (_preferred(best).casefold(), best.ref)


def _unique_key(name: str, taken: dict[str, Any]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", chem_slug(name)).strip("-")[:60].strip("-") or "substance"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


def chem_slug(name: str) -> str:
    return name.casefold().replace("α", "alpha").replace("β", "beta").replace("γ", "gamma")


def _fact_dict(fact: Fact, sources: list[str]) -> dict[str, Any]:
    data = {k: v for k, v in asdict(fact).items() if v}
    data["sources"] = sources
    return data


def _substance(
    records: list[Record],
    structures: list[tuple[str, str]],
    items: list[int],
    info: dict[str, SourceInfo],
    report: Report,
) -> dict[str, Any]:
    rows = sorted((records[i] for i in items), key=_rank)
    best = rows[0]
    name = _display(_preferred(best))
    names: dict[str, dict[str, Any]] = {}
    for r in rows:
        for n, lang in r.names:
            n = " ".join(n.split())
            if not n or len(n) > 150:
                continue
            entry = names.setdefault(name_key(n), {"text": _display(n), "lang": lang, "sources": []})
            if r.source not in entry["sources"]:
                entry["sources"].append(r.source)
    cas: dict[str, list[str]] = {}
    for r in rows:
        for c in r.cas:
            cas.setdefault(c, [])
            if r.source not in cas[c]:
                cas[c].append(r.source)
    struct = sorted(
        ((structures[i], records[i].source) for i in items if structures[i][1]),
        key=lambda s: (s[1] != us.PUBCHEM.id, s[1]),
    )
    inchikey, smiles = struct[0][0] if struct else ("", "")
    structure_source = struct[0][1] if struct else ""
    controls = _controls(rows, info, report, name)
    codes: dict[str, list[str]] = {}
    for r in rows:
        for k, v in r.codes.items():
            if v and v not in codes.setdefault(k, []):
                codes[k].append(v)
    kinds = {c["kind"] for c in controls}
    role = "precursor" if "precursor" in kinds else ("drug" if kinds else "")
    if len(cas) > 1:
        by_source = {s: [c for c, ss in cas.items() if s in ss] for r in rows for s in [r.source]}
        if len({tuple(v) for v in by_source.values() if v}) > 1:
            report.disagreements.append(
                {
                    "substance": name,
                    "what": "CAS",
                    "detail": "; ".join(f"{s}: {', '.join(v)}" for s, v in by_source.items() if v),
                }
            )
    out: dict[str, Any] = {
        "name": name,
        "names": [[e["text"], e["lang"], e["sources"]] for e in names.values()],
        "cas": [[c, s] for c, s in cas.items()],
        "smiles": smiles,
        "inchikey": inchikey,
        "structure_source": structure_source,
        "controls": controls,
        "codes": codes,
        "role": role,
        "rows": sorted({f"{r.source}|{r.ref}" for r in rows}),
    }
    if best.group:
        out["group"] = True
        out["classes"] = [v for r in rows for v in [r.codes.get("class", "")] if v]
    return out


def _controls(rows: list[Record], info: dict[str, SourceInfo], report: Report, name: str) -> list[dict[str, Any]]:
    """The controls of one substance: each authority's facts; cross-check sources only where no authority speaks,
    and every disagreement between them recorded."""
    authority: dict[tuple[str, str, str], tuple[Fact, list[str]]] = {}
    checks: list[tuple[Fact, str]] = []
    for r in rows:
        for fact in r.facts:
            if info[r.source].authority:
                key = (fact.jurisdiction, fact.kind, fact.schedule)
                if key in authority:
                    old, sources = authority[key]
                    if r.source not in sources:
                        sources.append(r.source)
                    if fact.since and not old.since:
                        old.since = fact.since
                    elif fact.since and old.since and fact.since != old.since:
                        report.disagreements.append(
                            {
                                "substance": name,
                                "what": f"{fact.jurisdiction} date",
                                "detail": f"{old.since} vs {fact.since} ({r.source})",
                            }
                        )
                    if fact.citation and fact.citation not in old.citation:
                        old.citation = f"{old.citation}; {fact.citation}" if old.citation else fact.citation
                    old.note = old.note or fact.note
                else:
                    authority[key] = (Fact(**asdict(fact)), [r.source])
            else:
                checks.append((fact, r.source))
    spoken = {(j, k) for j, k, _ in authority}
    out = [_fact_dict(f, s) for f, s in authority.values()]
    for fact, source in checks:
        same = [f for (j, k, _), (f, _) in authority.items() if (j, k) == (fact.jurisdiction, fact.kind)]
        if (fact.jurisdiction, fact.kind) not in spoken:
            key = (fact.jurisdiction, fact.kind, fact.schedule)
            if not any(c["jurisdiction"] == key[0] and c["schedule"] == key[2] for c in out):
                out.append(_fact_dict(fact, [source]))
            continue
        match = [f for f in same if f.schedule == fact.schedule]
        if not match:
            report.disagreements.append(
                {
                    "substance": name,
                    "what": f"{fact.jurisdiction} schedule",
                    "detail": f"{source} says {fact.schedule}; {', '.join(sorted(f.schedule for f in same))} per the "
                    "authority",
                }
            )
        elif fact.since:
            target = match[0]
            if not target.since or (len(target.since) == 4 and target.since != fact.since):
                if target.since and target.since != fact.since:
                    report.disagreements.append(
                        {
                            "substance": name,
                            "what": f"{fact.jurisdiction} date",
                            "detail": f"{target.since} vs {fact.since} ({source})",
                        }
                    )
                for c in out:
                    if c["jurisdiction"] == fact.jurisdiction and c["schedule"] == fact.schedule and not c.get("since"):
                        c["since"] = fact.since
                        c["note"] = "; ".join(x for x in (c.get("note", ""), f"year per {source}") if x)
                        c["sources"].append(source)
    return sorted(out, key=lambda c: (c["jurisdiction"], c["kind"], c["schedule"]))


#: a single word this frequent in English (Zipf scale) is a common word: as a synonym it needs context
COMMON_ZIPF = 3.3
#: a synonym only PubChem gives, this frequent, is kept for look-up but not matched in text
#: (PubChem's depositor synonyms include words and names such as "program", "Terrell", "Aquarius")
PUBCHEM_ZIPF = 1.5


#: an acronym ("DOC", "SPA") whose lower-case form is this frequent in English counts only in capitals
ACRONYM_ZIPF = 3.5


def _common_word_test(threshold: float = COMMON_ZIPF) -> Callable[[str], bool]:
    """Whether a name is an ordinary English word or phrase (wordfreq when installed, else never)."""
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # the shipped registry was built with it; a user's import without it marks less
        return lambda name: False

    def common(name: str) -> bool:
        words = re.split(r"[\s\-]+", name.casefold().strip())
        return all(zipf_frequency(w, "en") >= threshold for w in words if w)

    return common


#: a "name" that is a list's qualifier or description, not a name: kept on record, never matched in
#: text ("of any kind", "and concentrate", "its salts", "Except dronabinol", "Effective 06/09/2021",
#: "for human ingestion", "Constituent of \"Khat\" plant", "Cocaine precursor, in Coca leaves")
_DESCRIPTION = re.compile(
    r"^(?:&|(?:of|and|or|for|its|their|any|except|excluding|including|containing|also|effective|non)\b)"
    r"|\b(?:precursor|precusor|constituent)s?\b",
    re.IGNORECASE,
)


def is_description(name: str) -> bool:
    """Whether a list's "other name" is a qualifier or a description rather than a name."""
    return _DESCRIPTION.search(name.strip()) is not None


def mark_context_names(substances: dict[str, Any]) -> None:
    """Mark the names that count in running text only with drug context nearby: synonyms that are
    common words ("ice", "crystal", "speed", "china white"), and any name of three characters or fewer
    ("H", "ICE", "PCP"). A substance's own name counts without context unless it is that short.
    Qualifiers and descriptions that lists give as other names are kept for look-up only; an
    acronym whose lower-case form is an everyday word ("DOC", "SPA") counts only in capitals."""
    common = _common_word_test()
    known = _common_word_test(PUBCHEM_ZIPF)
    very_common = _common_word_test(4.3)
    everyday = _common_word_test(ACRONYM_ZIPF)
    for entry in substances.values():
        lookup_only = [
            text
            for text, lang, sources in entry["names"]
            if sources == [us.PUBCHEM.id]
            and text != entry["name"]
            and lang != "zh"
            and (known(text) or len(re.sub(r"[^0-9A-Za-z]", "", text)) <= 4)
        ]
        lookup_only += [text for text, _, _ in entry["names"] if text != entry["name"] and is_description(text)]
        if lookup_only:
            entry["lookup_only"] = list(dict.fromkeys(lookup_only))
        marked = []
        for text, lang, _ in entry["names"]:
            letters = re.sub(r"[^0-9A-Za-z]", "", text)
            if lang == "zh":
                continue
            short = len(letters) <= 3 or (len(letters) <= 4 and text == text.upper() and letters.isalpha())
            bare = not entry["cas"] and not entry["smiles"]  # e.g. the UK list's stray row "Raw"
            if bare and very_common(text) and " " not in text:
                entry.setdefault("lookup_only", []).append(text)
            elif short or (text != entry["name"] and common(text)):
                marked.append(text)
        if marked:
            entry["context"] = marked
        capitals = [text for text in marked if len(text) >= 3 and text.isalpha() and text.isupper() and everyday(text)]
        if capitals:
            entry["capitals"] = capitals


def build_registry(root: Path) -> tuple[dict[str, Any], Report]:
    """The registry data and the build report for the sources under ``root``."""
    data, report = merge(read_sources(root))
    mark_context_names(data["substances"])
    data["common_words"] = common_name_words(data["substances"])
    return data, report


def common_name_words(substances: dict[str, Any]) -> list[str]:
    """Words of multi-word names that are frequent in English ("acid", "white", "number"): the text
    matcher anchors a name on a rarer word of it, so ordinary prose wakes it up less often."""
    common = _common_word_test(4.0)
    words = {w for e in substances.values() for n, _, _ in e["names"] for w in n.casefold().split() if len(w) > 2}
    return sorted(w for w in words if w.isalpha() and common(w))


def write_registry(data: dict[str, Any], path: Path) -> int:
    """Write the registry as compact gzipped JSON (fixed timestamp: same data, same bytes); returns the size."""
    import gzip
    import json

    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    packed = gzip.compress(raw, compresslevel=9, mtime=0)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(packed)
    return len(packed)


def render_report(data: dict[str, Any], report: Report) -> str:
    """The build report as Markdown: sources, size per jurisdiction, problems, refused merges, disagreements."""
    subs = data["substances"]
    lines = [
        "# Substance registry build report (scripts/build_registry.py)",
        "",
        "Generated with the registry; do not edit. Rerun `.venv/bin/python scripts/build_registry.py`.",
        "",
        "| source | version | rows read | problems |",
        "| --- | --- | ---: | ---: |",
    ]
    for s in report.sources:
        problems = sum(1 for p in report.problems if p.source == s.id)
        lines.append(f"| {s.id}: {s.title} | {s.version} | {len(report.records.get(s.id, []))} | {problems} |")
    lines += [
        "",
        f"Substances: {len(subs)}; names: {sum(len(e['names']) for e in subs.values())}; "
        f"with CAS: {sum(1 for e in subs.values() if e['cas'])}; with structure: "
        f"{sum(1 for e in subs.values() if e['smiles'])}.",
        "",
    ]
    lines += ["## Problems in the sources (reported, not stored)", ""]
    for p in report.problems:
        lines.append(f"- {p.source} `{p.ref[:80]}`: {p.kind}: {p.detail}")
    lines += ["", "## Merges refused", ""]
    lines += [f"- {r}" for r in report.refused]
    lines += ["", "## Disagreements between sources", "", "| substance | what | detail |", "| --- | --- | --- |"]
    for d in report.disagreements:
        lines.append(f"| {d['substance'][:60]} | {d['what']} | {d['detail']} |")
    return "\n".join(lines) + "\n"
