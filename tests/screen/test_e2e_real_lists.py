"""End to end on the real lists in ../shared/data/sanctions."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracegraph.screen.build import index_from_files, matcher_from_store
from tracegraph.screen.features import Query
from tracegraph.screen.loader import load_list
from tracegraph.screen.matcher import Matcher
from tracegraph.store import Store

pytestmark = pytest.mark.slow


def test_un_list_loads_and_screens(store: Store, shared: Path) -> None:
    report = load_list(store, [shared / "data/sanctions/un_consolidated_2026-02-27/UN_consolidated.xml"])
    assert report.records > 900 and report.malformed == 0
    matcher = matcher_from_store(store)
    top = matcher.match(Query(["SALEK, ABDULHAI"], "Person", birth_dates=["1965"]))[0]
    assert top.match and top.entity.caption == "ABDULHAI SALEK"


def test_sdn_and_csl_screen_known_names(shared: Path) -> None:
    base = shared / "data/sanctions"
    index = index_from_files(
        [([base / "ofac_sdn_2024-05-03/sdn.csv"], "us_ofac_sdn"), ([base / "us_csl_2023-11/csl.csv"], "us_csl")]
    )
    matcher = Matcher(index)
    hebei = matcher.match(Query(["Hebei Atun Trading Company"], "Company"))[0]
    assert hebei.match and "HEBEI ATUN" in hebei.entity.caption.upper()
    yip = matcher.match(Query(["Chuen Fat Yip"], "Person", countries=["China"]))[0]
    assert yip.match and yip.entity.caption == "YIP, Chuen Fat"
    assert not any(r.match for r in matcher.match(Query(["Meadowlark Family Bakery"], "Company")))


def test_sdn_2021_then_2024_delists_what_was_removed(store: Store, shared: Path) -> None:
    import csv

    old = shared / "data/sanctions/ofac_sdn_2021-07/sdn.csv"
    new = shared / "data/sanctions/ofac_sdn_2024-05-03/sdn.csv"

    def ids(path: Path) -> set[str]:
        with path.open(encoding="utf-8") as fh:
            return {row[0] for row in csv.reader(fh) if row and row[0].isdigit()}

    load_list(store, [old], "us_ofac_sdn")
    report = load_list(store, [new], "us_ofac_sdn")
    assert report.delisted == len(ids(old) - ids(new)) > 0
    gone = sorted(ids(old) - ids(new))[0]
    rows = store.query("SELECT status FROM list_entries WHERE record_id = ?", (f"us_ofac_sdn:{gone}",))
    assert rows[0][0] == "delisted"
    assert any(s.record_id == f"us_ofac_sdn:{gone}" for s in store.statements(prop="name"))
