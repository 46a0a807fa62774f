"""China: the narcotic and psychotropic catalogues (2013 editions and later additions) and the
supplementary list of non-medical narcotic and psychotropic substances, batch by batch, with the
class-wide controls (fentanyl, synthetic cannabinoids, nitazenes)."""

from __future__ import annotations

import re
from pathlib import Path

from tracegraph.substances.sources.base import Fact, Harvest, Record, SourceInfo, read_csv

FOLDER = "china_controlled_catalogues_2025"
CATALOGUES = SourceInfo(
    "cn.catalogues",
    "China: Catalogue of Narcotic Drugs, Catalogue of Psychotropic Substances (2013 editions) and the "
    "Supplementary Catalogue of Non-medical Narcotic and Psychotropic Substances",
    "as of 2025-07-01",
    "CN",
    "official catalogues (not copyrightable); compilation unverified",
    "drug",
)
CLASSES = SourceInfo(
    "cn.class-controls",
    "China: class-wide controls in the supplementary catalogue",
    "as of 2025-07-01",
    "CN",
    "official announcements",
    "drug",
)

_INSTRUMENTS = {
    "麻醉药品": ("Narcotic drug", "Catalogue of Narcotic Drugs (麻醉药品品种目录, 2013 edition)"),
    "精神药品": ("Psychotropic substance", "Catalogue of Psychotropic Substances (精神药品品种目录, 2013 edition)"),
    "非药用类": (
        "Non-medical supplementary list",
        "Supplementary Catalogue of Non-medical Narcotic and Psychotropic Substances "
        "(非药用类麻醉药品和精神药品管制品种增补目录)",
    ),
}


def read_catalogues(root: Path) -> Harvest:
    harvest = Harvest(CATALOGUES)
    for row in read_csv(root / FOLDER / "china_controlled_catalogues.csv"):
        key = next(k for k in _INSTRUMENTS if row["catalogue"].startswith(k))
        schedule, instrument = _INSTRUMENTS[key]
        if key == "精神药品":
            if "第一类" in row["subsection"]:
                schedule = "Psychotropic substance, Class I (第一类)"
            elif "第二类" in row["subsection"]:
                schedule = "Psychotropic substance, Class II (第二类)"
        since = row["effective_date_from_heading"]
        note = ""
        if not since and key != "非药用类":
            since, note = "2014-01-01", "2013 edition in force from 2014-01-01; later additions to it are undated here"
        heading = re.sub(r"【.*?】", "", row["section_heading"]).strip()
        part = "I" if "第一类" in row["subsection"] else ("II" if "第二类" in row["subsection"] else "")
        ref = f"{key}{part} {heading[:40]} #{row['seq']}"  # the two psychotropic classes both count from 1
        zh = row["name_zh"].strip()
        if zh.endswith("*"):  # the catalogue's mark for varieties produced and used in China
            zh = zh.rstrip("*")
            note = "; ".join(x for x in (note, "marked * in the catalogue (produced and used in China)") if x)
        names = [(row["name_en"].strip(), "en"), (zh, "zh")]
        names += [(r.strip(), "en") for r in re.split(r"[;；,，]\s*", row["remark"]) if r.strip()]
        fact = Fact("CN", "schedule", schedule, instrument, since=since, citation=heading, note=note)
        smiles = row["smiles"].strip()
        harvest.records.append(
            Record(
                CATALOGUES.id,
                ref,
                [n for n in names if n[0]],
                cas=harvest.cas_numbers(ref, row["cas"]),
                smiles=smiles,
                facts=[fact],
                role="drug",
            )
        )
    return harvest


#: the registry group each class-wide control defines (English names; the Chinese name is the source's)
CLASS_GROUPS = {
    "芬太尼类物质": (["fentanyl-class substances (China)", "fentanyl analogues"], "cn_fentanyl_class"),
    "合成大麻素类物质": (
        ["synthetic cannabinoids (China class)", "synthetic cannabinoids"],
        "cn_synthetic_cannabinoid_class",
    ),
    "尼秦类物质": (["nitazenes (China class)", "nitazenes", "nitazene"], "cn_nitazene_class"),
}


def read_class_controls(root: Path) -> Harvest:
    harvest = Harvest(CLASSES)
    for row in read_csv(root / FOLDER / "china_class_wide_controls.csv"):
        zh = row["class_name_zh"].strip()
        english, class_key = CLASS_GROUPS.get(zh, ([zh], ""))
        heading = re.sub(r"【.*?】", "", row["section_heading"]).strip()
        fact = Fact(
            "CN",
            "schedule",
            "Non-medical supplementary list (class control)",
            _INSTRUMENTS["非药用类"][1],
            since=row["effective_date"],
            citation=heading,
            note="whole class, by structural definition",
        )
        harvest.records.append(
            Record(
                CLASSES.id,
                zh,
                [(english[0], "en"), (zh, "zh")] + [(e, "en") for e in english[1:]],
                facts=[fact],
                role="drug",
                group=True,
                codes={"class": class_key},
            )
        )
    return harvest
