"""UN (INCB Yellow, Green and Red lists; the MIT Red List table with HS codes and years), EU precursor
categories and the UK controlled-drug list."""

from __future__ import annotations

import re
from pathlib import Path

from tracegraph.substances.sources.base import Fact, Harvest, Record, SourceInfo, read_csv, split_official_name
from tracegraph.substances.sources.us import FOLDER

YELLOW = SourceInfo(
    "un.incb-yellow",
    "INCB Yellow List (narcotic drugs, 1961 Convention)",
    "64th edition (2025)",
    "UN",
    "UN document (facts)",
    "drug",
)
GREEN = SourceInfo(
    "un.incb-green",
    "INCB Green List (psychotropic substances, 1971 Convention)",
    "36th edition (2025)",
    "UN",
    "UN document (facts)",
    "drug",
)
RED = SourceInfo(
    "un.incb-red",
    "INCB Red List (precursors, 1988 Convention Tables I and II)",
    "23rd edition (2025)",
    "UN",
    "UN document (facts)",
    "precursor",
)
RED_TABLE = SourceInfo(
    "un.red-table",
    "1988 Convention precursor table with HS codes and years of control (LE-OSINT Framework, MIT)",
    "2026-10",
    "UN",
    "MIT",
    "precursor",
    authority=False,
)
EU = SourceInfo(
    "eu.precursors",
    "EU drug precursor regulations 273/2004 and 111/2005 (categories)",
    "EUR-Lex consolidated 2022-01-01",
    "EU",
    "EU reuse policy",
    "precursor",
)
UK = SourceInfo(
    "uk.controlled-drugs",
    "UK list of most commonly encountered controlled drugs (MDA class, MDR schedule)",
    "gov.uk, fetched 2026-04-24",
    "UK",
    "Open Government Licence v3",
    "drug",
)

CSV = Path(FOLDER) / "csv"
_CAS = re.compile(r"^\d{2,7}-\d\d-\d$")


def _names(cell: str) -> list[str]:
    return [p.strip() for p in re.split(r";\s*", cell) if p.strip() and not _CAS.match(p.strip())]


def read_yellow(root: Path) -> Harvest:
    harvest = Harvest(YELLOW)
    for row in read_csv(root / CSV / "incb_yellow_list.csv"):
        code = " ".join(row["raw_text"].split()[:2])
        ref = f"{code} {row['drug_name']}"
        schedule = row["convention_schedule"]
        name = row["drug_name"].strip()
        if name.startswith("N/A "):
            name = name[4:]
        facts = []
        m = re.match(r"Schedule (I|II|III|IV) \(1961\)", schedule)
        if m:
            facts.append(
                Fact(
                    "UN",
                    "schedule",
                    f"Schedule {m.group(1)} (1961)",
                    f"Single Convention on Narcotic Drugs, 1961, Schedule {m.group(1)}",
                    citation=f"INCB Yellow List, {code}",
                )
            )
        elif schedule:
            harvest.problem(ref, "not-scheduled", f"listed as '{schedule}', not a 1961 Convention schedule")
        names = [(name, "en")] + [(s, "en") for s in _names(row["synonyms"])]
        harvest.records.append(
            Record(
                YELLOW.id,
                ref,
                names,
                cas=harvest.cas_numbers(ref, row["cas_number"]),
                facts=facts,
                codes={"incb": code},
                role="drug",
            )
        )
    return harvest


def read_green(root: Path) -> Harvest:
    harvest = Harvest(GREEN)
    for row in read_csv(root / CSV / "incb_green_list.csv"):
        raw = row["raw_text"]
        code_m = re.match(r"(P[A-Z] ?\d{3})", raw)
        code = code_m.group(1) if code_m else ""
        name = row["substance_name"].strip()
        synonyms = _names(row["synonyms"])
        if _CAS.match(name):  # a row split across the CAS column: rebuild the name from the upper-case run
            rest = row["synonyms"].replace(name, "").strip()
            run = re.match(r"([A-Z0-9][A-Z0-9\-,]*(?: [A-Z0-9][A-Z0-9\-,]*)*)", rest)
            more = re.match(r"\d{4}-\d\d-\d\d ([A-Z]+)\b", row["notes"])
            rebuilt = (run.group(1) if run else "") + (more.group(1) if more else "")
            parts = [p.strip() for p in rebuilt.split(",") if p.strip()]
            if not parts:
                harvest.problem(code or name, "unparsed-row", f"no name recoverable: {raw[:60]}")
                continue
            harvest.problem(code or name, "repaired-row", f"name rebuilt from the wrapped row: {parts[0]}")
            name, synonyms = parts[0], parts[1:]
        ref = f"{code} {name}"
        m = re.match(r"Schedule (I|II|III|IV) \(1971\)", row["convention_schedule"])
        facts = []
        if m:
            facts.append(
                Fact(
                    "UN",
                    "schedule",
                    f"Schedule {m.group(1)} (1971)",
                    f"Convention on Psychotropic Substances, 1971, Schedule {m.group(1)}",
                    citation=f"INCB Green List, {code}",
                )
            )
        names = [(name, "en")] + [(s, "en") for s in synonyms if len(s) < 100]
        harvest.records.append(
            Record(
                GREEN.id,
                ref,
                names,
                cas=harvest.cas_numbers(ref, row["cas_number"]),
                facts=facts,
                codes={"incb": code},
                role="drug",
            )
        )
    return harvest


def read_red(root: Path) -> Harvest:
    """Red List Tables I and II. Names the PDF wrapped are repaired or reported; the Spanish name of a
    row is the first line of the next row's raw text (the PDF's columns shift by one line)."""
    harvest = Harvest(RED)
    rows = list(read_csv(root / CSV / "incb_red_list.csv"))
    for i, row in enumerate(rows):
        name = row["chemical_name"].strip()
        ref = f"Table {row['table']}: {name}"
        if name.endswith("-"):
            harvest.problem(ref, "truncated-name", "name cut by the PDF wrap; not used as a name")
            name = ""
        elif re.search(r"\([^)]*\)-\w*-?$", name):
            harvest.problem(ref, "truncated-name", f"name cut by the PDF wrap; kept '{name.split(' (')[0]}'")
            name = name.split(" (")[0]
        main, aliases = split_official_name(name) if name else ("", [])
        names: list[tuple[str, str]] = [(main, "en")] if main else []
        names += [(a, "en") for a in aliases]
        if row["international_nonproprietary_name"]:
            names.append((row["international_nonproprietary_name"].strip(), "en"))
        for other in _names(row["other_names"]):
            lang = "fr" if re.search(r"[éèàç]|^Acide |^Anhydride |ine$", other) and other != main else "en"
            if lang == "fr" and not other.endswith("-"):
                names.append((other, "fr"))
        spanish = _spanish(rows, i)
        if spanish:
            names.append((spanish, "es"))
        if not names:
            harvest.problem(ref, "no-name", "no usable name")
            continue
        hs = re.search(r"HS code: ([\d.]+)", row["raw_text"])
        fact = Fact(
            "UN",
            "precursor",
            f"Table {row['table']}",
            f"1988 Convention, Table {row['table']}",
            citation="INCB Red List",
        )
        harvest.records.append(
            Record(
                RED.id,
                ref,
                names,
                cas=harvest.cas_numbers(ref, row["cas_number"]),
                facts=[fact],
                codes={"hs": hs.group(1)} if hs else {},
                role="precursor",
            )
        )
    return harvest


def _spanish(rows: list[dict[str, str]], i: int) -> str:
    if i + 1 >= len(rows):
        return ""
    lines = rows[i + 1]["raw_text"].split("\n")
    english = rows[i + 1]["chemical_name"].strip()[:12]
    before: list[str] = []
    for line in lines:
        if english and line.startswith(english):
            break
        before.append(line.strip())
    if len(before) == 1 and 2 < len(before[0]) < 80 and not before[0].endswith("-"):
        return before[0]
    return ""


def read_red_table(root: Path) -> Harvest:
    """The MIT Red List table: HS code and year under control for each 1988 Convention precursor."""
    harvest = Harvest(RED_TABLE)
    folder = root / "un_red_list_precursors_le_osint"
    for row in read_csv(folder / "precursors.csv"):
        ref = row["name"]
        names = [(row["name"], "en")] + [(n, "en") for n in _names(row["other_names"])]
        facts = []
        if row["table"] in ("I", "II"):
            year = re.match(r"(\d{4})", row["year_under_control"])
            note = row["year_under_control"] if year and row["year_under_control"] != year.group(1) else ""
            if "moved to Table I in" in note and row["table"] == "I":
                year = re.search(r"moved to Table I in (\d{4})", note)
            facts.append(
                Fact(
                    "UN",
                    "precursor",
                    f"Table {row['table']}",
                    f"1988 Convention, Table {row['table']}",
                    since=year.group(1) if year else "",
                    citation="year of control per the LE-OSINT table",
                    note=note,
                )
            )
        harvest.records.append(
            Record(
                RED_TABLE.id,
                ref,
                names,
                cas=harvest.cas_numbers(ref, row["cas"]),
                facts=facts,
                codes={"hs": row["hs_2022"]} if row["hs_2022"] else {},
                role="precursor",
            )
        )
    return harvest


def read_eu(root: Path) -> Harvest:
    harvest = Harvest(EU)
    for row in read_csv(root / CSV / "eu_uk_eu_precursors.csv"):
        name = row["chemical_name"].strip()
        ref = f"{row['regulation']} cat. {row['category']}: {name}"
        main, aliases = split_official_name(name)
        names = [(main, "en")] + [(a, "en") for a in aliases]
        if row["notes"] and row["notes"] != "nan" and len(row["notes"]) < 60:
            names.append((row["notes"], "en"))
        scope = "intra-EU trade" if row["regulation"] == "273/2004" else "trade with third countries"
        fact = Fact(
            "EU",
            "precursor",
            f"Category {row['category']}",
            f"Regulation (EC) No {row['regulation']} ({scope}), Category {row['category']}",
            citation=f"Regulation (EC) No {row['regulation']}, Annex I",
        )
        cn = re.sub(r"[^\d ]", "", row["cn_code"]).strip()
        harvest.records.append(
            Record(
                EU.id,
                ref,
                names,
                cas=harvest.cas_numbers(ref, row["cas_number"]),
                facts=[fact],
                codes={"cn": cn} if cn else {},
                role="precursor",
            )
        )
    return harvest


def read_uk(root: Path) -> Harvest:
    harvest = Harvest(UK)
    for row in read_csv(root / CSV / "eu_uk_uk_controlled_drugs.csv"):
        name = row["drug_name"].strip()
        ref = name
        klass = row["class"].strip()
        schedule = re.sub(r"\s+", " ", row["schedule"]).replace("4Pt2", "4 Pt2").strip()
        if not name or name.casefold() in ("name", "drug name", "substance"):
            continue  # blank rows and repeated table headers
        if not klass and "legislation.gov.uk" in row["source_url"]:
            harvest.problem(ref, "not-a-drug-row", "text of the regulations page without a class; left out")
            continue
        parts = []
        if klass:
            parts.append(f"Class {klass}")
        if schedule:
            parts.append(f"Schedule {schedule}")
        if not parts:
            harvest.problem(ref, "no-control", "row gives neither class nor schedule")
            continue
        fact = Fact(
            "UK",
            "schedule",
            ", ".join(parts),
            "Misuse of Drugs Act 1971"
            + (f" Class {klass}" if klass else "")
            + (f"; Misuse of Drugs Regulations 2001 Schedule {schedule}" if schedule else ""),
            citation="gov.uk list of most commonly encountered controlled drugs",
        )
        main, aliases = split_official_name(name)
        names = [(main, "en")] + [(a, "en") for a in aliases] + [(a, "en") for a in _names(row["aliases"])]
        harvest.records.append(
            Record(UK.id, ref, names, cas=harvest.cas_numbers(ref, row["cas_number"]), facts=[fact], role="drug")
        )
    return harvest
