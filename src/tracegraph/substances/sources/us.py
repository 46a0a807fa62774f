"""US sources: the eCFR schedules (21 CFR 1308.11-.15) and listed chemicals (1310.02), the DEA's
List I/II table with effective dates and citations, the DEA Orange Book (other names), and PubChem's
DEA classification (structures, CAS numbers, synonyms)."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import datetime
from pathlib import Path

from tracegraph.substances.sources.base import (
    Fact,
    Harvest,
    Record,
    SourceInfo,
    clean_text,
    fix_mojibake,
    read_csv,
    split_official_name,
)

FOLDER = "us_un_registries_chemnet_2026"
ECFR_DATE = "2026-04-22"
SCHEDULES = {"1308.11": "I", "1308.12": "II", "1308.13": "III", "1308.14": "IV", "1308.15": "V"}

ECFR = SourceInfo(
    "us.ecfr",
    "21 CFR 1308.11-1308.15 and 1310.02 (eCFR XML)",
    f"eCFR {ECFR_DATE}",
    "US",
    "US government work (public domain)",
    "both",
)
CHEMLIST = SourceInfo(
    "us.dea-chemlist",
    "DEA List I and II Regulated Chemicals, alphabetical (Orange Book)",
    "DEA 2026-04-08",
    "US",
    "US government work (public domain)",
    "precursor",
)
ORANGE = SourceInfo(
    "us.dea-orange-book",
    "DEA Controlled Substances, alphabetical (Orange Book), parsed",
    "DEA 2026-04-08",
    "US",
    "US government work (public domain); parsing unverified",
    "drug",
    authority=False,
)
PUBCHEM = SourceInfo(
    "pubchem.dea",
    "PubChem classification: DEA Controlled Substances, DEA Listed Chemicals, DEA NFLIS",
    "PubChem 2026-04-24",
    "US",
    "PubChem (NLM) data",
    "identity",
    authority=False,
)

_ROW = re.compile(r'<TD class="left">(.*?)</TD>\s*<TD class="right">(.*?)</TD>', re.S)
_P = re.compile(r"<P>(.*?)</P>", re.S)
_NUM = re.compile(r"^\(([0-9]+|[ivxl]+)\)\s*")
_PARA = re.compile(r"^\(([a-z])\)\s")
_MONTH = r"(Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)\.? (\d{1,2}), (\d{4})"


def _date(month: str, day: str, year: str) -> str:
    return datetime.strptime(f"{month[:3]} {day} {year}", "%b %d %Y").strftime("%Y-%m-%d")


def _temporary_dates(text: str) -> dict[str, tuple[str, str, str]]:
    """Paragraph (h)(n) of 1308.11 -> (effective, until, citation) from the section's editorial notes."""
    out: dict[str, tuple[str, str, str]] = {}
    for note in _P.findall(text):
        note = clean_text(note)
        m = re.match(r"\d+\.\s*At (\d+ FR(?: \d+)?)", note)
        if not m:
            continue
        paras = re.search(r"paragraphs? \(h\)\((\d+)\)(?: through (?:\(h\))?\((\d+)\))?", note)
        eff = re.search(r"effective (?:from )?" + _MONTH, note)
        if not paras or not eff:
            continue
        until = ""
        dates = re.findall(r"(?:through|until) " + _MONTH, note)
        if dates:
            until = _date(*dates[-1])
        first = int(paras.group(1))
        last = int(paras.group(2) or first)
        for n in range(first, last + 1):
            out[str(n)] = (_date(*eff.groups()), until, m.group(1))
    return out


def read_ecfr(root: Path) -> Harvest:
    """Every substance row of 21 CFR 1308.11-.15 and every chemical of 1310.02(a)/(b)."""
    harvest = Harvest(ECFR)
    folder = root / FOLDER / "raw_dea"
    for path in sorted(folder.glob("ecfr_13*.xml")):
        text = fix_mojibake(path.read_text(encoding="utf-8"))
        section = re.search(r'N="(13\d\d\.\d\d)"', text)
        if not section:
            harvest.problem(path.name, "format", "no section number")
            continue
        sec = section.group(1)
        temporary = _temporary_dates(text) if sec == "1308.11" else {}
        para = sub = ""
        # walk paragraphs and table rows in document order
        for m in re.finditer(r"<P>(.*?)</P>|" + _ROW.pattern, text, re.S):
            if m.group(1) is not None:
                ptext = clean_text(m.group(1))
                pm = _PARA.match(ptext)
                if pm:
                    para, sub = pm.group(1), ""
                elif re.match(r"^\((\d+)\)\s", ptext):
                    sub = ptext[1 : ptext.index(")")]  # e.g. 1308.12(g)(3): "Immediate precursor to fentanyl"
                if sec == "1308.12" and para == "b":
                    _inline_codes(harvest, sec, para, ptext)
                continue
            cell, code = clean_text(m.group(2)), clean_text(m.group(3)).strip("(). ")
            nm = _NUM.match(cell)
            num = nm.group(1) if nm else ""
            entry = cell[nm.end() :] if nm else cell
            inner = f"({sub})" if sub and num and not num.isdigit() else ""  # (g)(3)(i), not (g)(i)
            ref = f"21 CFR {sec}({para}){inner}({num})" if num else f"21 CFR {sec}({para})"
            _ecfr_row(harvest, sec, para, num, ref, entry, code, temporary)
    return harvest


def _inline_codes(harvest: Harvest, sec: str, para: str, ptext: str) -> None:
    """Substances named with their code inside paragraph text (1308.12(b): coca leaves (9040), cocaine (9041))."""
    for m in re.finditer(r"((?:[A-Z][a-z]+ )?[a-z][a-z-]+) \((\d{4})\)", ptext):
        ref = f"21 CFR {sec}({para})"
        fact = Fact("US", "schedule", "Schedule II", "Controlled Substances Act, Schedule II", citation=ref)
        harvest.records.append(
            Record(
                ECFR.id,
                f"{ref}:{m.group(2)}",
                [(m.group(1), "en")],
                facts=[fact],
                codes={"dea": m.group(2)},
                role="drug",
            )
        )


def _ecfr_row(
    harvest: Harvest,
    sec: str,
    para: str,
    num: str,
    ref: str,
    entry: str,
    code: str,
    temporary: dict[str, tuple[str, str, str]],
) -> None:
    if not entry or not code.isdigit():
        if entry:
            harvest.problem(ref, "no-code", f"row without a code number: {entry[:80]}")
        return
    name, aliases = split_official_name(entry)
    if sec == "1310.02":
        listed = "List I" if para == "a" else "List II"
        fact = Fact("US", "precursor", listed, f"Controlled Substances Act, {listed} chemical", citation=ref)
        role = "precursor"
        keys = [f"dea-chem:{code}"]
    else:
        schedule = f"Schedule {SCHEDULES[sec]}"
        since = until = note = ""
        citation = ref
        if sec == "1308.11" and para == "h" and num in temporary:
            since, until, fr = temporary[num]
            citation = f"{ref}; {fr}"
            note = "temporary (emergency) scheduling order"
        fact = Fact("US", "schedule", schedule, f"Controlled Substances Act, {schedule}", since, until, citation, note)
        role = "precursor" if (sec == "1308.12" and para == "g") else "drug"
        keys = []
    group = "fentanyl-related substances" in name.lower()
    codes = {"dea": code, "class": "us_fentanyl_related"} if group else {"dea": code}
    if group:
        name = "Fentanyl-related substances"
    harvest.records.append(
        Record(
            ECFR.id,
            ref,
            [(name, "en")] + [(a, "en") for a in aliases],
            facts=[fact],
            codes=codes,
            role=role,
            group=group,
            merge_keys=keys,
        )
    )


# --- DEA List I / II table with effective dates ------------------------------------------------

_CHEM_LINE = re.compile(
    r"^(?P<name>.+?)\s+(?P<list>I|II|REMOVED)\s+(?:(?P<code>\d{4})\s+)?(?P<cite>Pub\. L\. [\d-]+|\d+ FR \d+)\s+"
    r"(?P<date>\d{1,2}/\d{1,2}/\d{4})$"
)
_CHEM_REMOVED = re.compile(
    r"^(?P<name>.+?)\s+REMOVED\s+(?:(?P<code>\d{4})\s+)?(?P<cite>Pub\. L\. [\d-]+|\d+ FR \d+)\s+"
    r"(?P<date>\d{1,2}/\d{1,2}/\d{4})$"
)
_SKIP = (
    "List I and II",
    "- Alphabetical",
    "DEA",
    "CHEMICAL",
    "LIST EFFECTIVE",
    "CODE",
    "REGULATED CHEMICAL",
    "* Remain",
    "Page ",
    "08-Apr",
)


def read_chemlist(root: Path) -> Harvest:
    """The DEA's List I/II table: chemical, list, code, citation and effective date per action.

    Lines of the PDF text wrap; a row starts on the line that carries the list, code, citation
    and date, and the lines after it (up to the next row) continue its name or add a note.
    """
    harvest = Harvest(CHEMLIST)
    path = root / FOLDER / "raw_dea" / "dea_f_chemlist_alpha.txt"
    rows: list[dict[str, str]] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith(_SKIP) or re.fullmatch(r"\d\d-\w{3}-\d\d", line):
            continue
        m = _CHEM_REMOVED.match(line) or _CHEM_LINE.match(line)
        if m:
            row = {k: v or "" for k, v in m.groupdict().items()}
            row.setdefault("list", "REMOVED")
            row["more"] = ""
            rows.append(row)
        elif rows:
            rows[-1]["more"] += " " + line
        else:
            harvest.problem(line[:40], "format", "text before the first row")
    for row in rows:
        full = " ".join((row["name"] + row["more"]).split())
        if (
            "REMOVED" in line_list(row)
            or "superseded" in row["name"].lower()
            or " - remove exemption" in full.lower()
            or "-remove exemption" in full.lower()
        ):
            continue  # history rows: the current row of the same chemical carries the listing
        m_date = re.match(r"(\d{1,2})/(\d{1,2})/(\d{4})", row["date"])
        assert m_date
        since = f"{m_date.group(3)}-{int(m_date.group(1)):02d}-{int(m_date.group(2)):02d}"
        name, aliases = split_official_name(row["name"] + " " + _name_tail(row["more"]))
        name = name.split(" - ")[0].strip()
        listed = f"List {row['list']}"
        note = ""
        prior = re.search(r"\(Prior to [^)]*?effective date of (\d\d)/(\d\d)/(\d{4})\)", full)
        if prior:
            note = (
                f"listed earlier as a derivative of another List I chemical from {prior.group(3)}-{prior.group(1)}-"
                f"{prior.group(2)}"
            )
        halides = re.search(r"Halides designation specifically has an effective date of (\d\d)/(\d\d)/(\d{4})", full)
        if halides:
            note = f"halides included from {halides.group(3)}-{halides.group(1)}-{halides.group(2)} (88 FR 74352)"
        fact = Fact(
            "US",
            "precursor",
            listed,
            f"Controlled Substances Act, {listed} chemical",
            since,
            citation=f"21 CFR 1310.02; {row['cite']}",
            note=note,
        )
        keys = [f"dea-chem:{row['code']}"] if row["code"] else []
        harvest.records.append(
            Record(
                CHEMLIST.id,
                f"{name} ({row['code']})",
                [(_title(name), "en")] + [(a, "en") for a in aliases],
                facts=[fact],
                codes={"dea": row["code"]},
                role="precursor",
                merge_keys=keys,
            )
        )
    return harvest


def line_list(row: dict[str, str]) -> str:
    return row.get("list", "")


def _name_tail(more: str) -> str:
    """The part of a wrapped row's continuation that still belongs to its name (before a note)."""
    tail = more.split("(Prior to")[0].split("^Halides")[0].split("(Effective")[0]
    return tail if len(tail) < 200 else ""


def _title(name: str) -> str:
    """DEA's upper-case names in lower case, keeping abbreviations (AP, BOC, NPP, MAPA) as written."""
    if name != name.upper():
        return name
    words = re.split(r"(\W+)", name)
    keep = {"AP", "BOC", "NPP", "MAPA", "PMK", "MDP", "APAA", "APAAN", "MEK", "MIBK", "GBL", "ANPP"}
    return "".join(w if w in keep else w.lower() for w in words)


# --- Orange Book (other names) -------------------------------------------------------------------


def read_orange_book(root: Path) -> Harvest:
    """Controlled substances with their other names, from the parsed Orange Book; rows whose name is
    not in the raw text beside it are reported and left out."""
    harvest = Harvest(ORANGE)
    folder = root / FOLDER
    raw = " ".join((folder / "raw_dea" / "dea_c_cs_alpha.txt").read_text(encoding="utf-8").split())
    squeezed = re.sub(r"[\s\-–]", "", raw).lower()
    for i, row in enumerate(read_csv(folder / "csv" / "dea_orange_book.csv")):
        name = row["name"].strip()
        ref = f"row {i + 1} ({row['dea_code']})"
        if not name or re.sub(r"[\s\-–]", "", name).lower() not in squeezed:
            harvest.problem(ref, "not-in-raw-text", f"parsed name not found in the raw Orange Book text: {name[:60]}")
            continue
        others = [o.strip(" ()") for o in re.split(r";\s*", row["other_names"]) if o.strip(" ()")]
        fact = Fact(
            "US",
            "schedule",
            f"Schedule {row['schedule']}",
            f"Controlled Substances Act, Schedule {row['schedule']}",
            citation="DEA Orange Book (controlled substances, alphabetical)",
        )
        harvest.records.append(
            Record(
                ORANGE.id,
                ref,
                [(name, "en")] + [(o, "en") for o in others],
                facts=[fact],
                codes={"dea": row["dea_code"]},
                role="drug",
            )
        )
    return harvest


# --- PubChem DEA classification --------------------------------------------------------------------

_JUNK_SYNONYM = re.compile(
    r"^(UNII-|DTXSID|DTXCID|CHEMBL|SCHEMBL|ZINC|NSC|HSDB|EINECS|CCRIS|BRN|AKOS|MFCD|CAS-|EC |DEA No|"
    r"Q\d|BDBM|HY-|CS-|NCGC|BIDD|GTPL|LS-|SR-|SY\d|AS-|DB\d|C\d{5}$|D\d{5}$|InChI|WLN)|^\d[\d-]*$",
    re.I,
)


def _is_identifier(synonym: str) -> bool:
    return (
        bool(_JUNK_SYNONYM.search(synonym))
        or bool(re.fullmatch(r"[A-Z0-9]{8,}", synonym))
        or bool(re.fullmatch(r"[A-Za-z]{14}-[A-Za-z]{10}-[A-Za-z]", synonym))
        or synonym.startswith(("RefChem:", "NCI", "CID "))
    )


def read_pubchem(root: Path) -> Harvest:
    """One record per PubChem compound classified by the DEA (schedules, listed chemicals, NFLIS)."""
    harvest = Harvest(PUBCHEM)
    folder = root / FOLDER / "csv"
    classes: dict[str, set[str]] = defaultdict(set)
    for row in read_csv(folder / "pubchem_classifications.csv"):
        if row["classification_system"].startswith("DEA"):
            classes[row["cid"]].add(row["category"])
    synonyms: dict[str, list[str]] = defaultdict(list)
    for row in read_csv(folder / "pubchem_synonyms.csv"):
        if row["cid"] in classes:
            synonyms[row["cid"]].append(row["synonym"].strip())
    for row in read_csv(folder / "pubchem_compounds.csv"):
        cid = row["cid"]
        if cid not in classes:
            continue
        ref = f"CID {cid}"
        names = [s for s in synonyms.get(cid, []) if s and not _is_identifier(s) and len(s) <= 100]
        if not names and row["iupac_name"]:
            names = [row["iupac_name"]]
        if not names:
            harvest.problem(ref, "no-name", "compound without a usable name")
            continue
        facts = []
        for cat in sorted(classes[cid]):
            if cat.startswith("Schedule "):
                facts.append(
                    Fact(
                        "US",
                        "schedule",
                        cat,
                        f"Controlled Substances Act, {cat}",
                        citation=f"PubChem DEA classification, {ref}",
                    )
                )
            elif cat in ("List I", "List II"):
                facts.append(
                    Fact(
                        "US",
                        "precursor",
                        cat,
                        f"Controlled Substances Act, {cat} chemical",
                        citation=f"PubChem DEA classification, {ref}",
                    )
                )
        role = "precursor" if any(f.kind == "precursor" for f in facts) else ("drug" if facts else "")
        rec = Record(
            PUBCHEM.id,
            ref,
            [(n, "en") for n in dict.fromkeys(names)],
            cas=harvest.cas_numbers(ref, row["cas_primary"]),
            inchi=row["inchi"],
            inchikey=row["inchi_key"],
            facts=facts,
            codes={"pubchem": cid},
            role=role,
        )
        harvest.records.append(rec)
    return harvest
