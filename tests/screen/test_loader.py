from __future__ import annotations

from pathlib import Path

import pytest

from tracegraph.errors import InputError
from tracegraph.screen.loader import list_changes, list_status, load_list
from tracegraph.store import Store

from .conftest import FIXTURES, SDN_V1, SDN_V2


def _status(store: Store, record_id: str) -> str:
    return str(store.query("SELECT status FROM list_entries WHERE record_id = ?", (record_id,))[0][0])


def test_load_writes_statements_with_record_provenance(store: Store) -> None:
    report = load_list(store, SDN_V1)
    assert report.records == 4 and report.malformed == 1
    stmts = [s for s in store.statements(prop="name") if s.record_id == "us_ofac_sdn:9001"]
    assert stmts and stmts[0].dataset == "us_ofac_sdn"
    assert any("sdn.csv:5" in f["uri"] for f in store.failures())


def test_reload_newer_version_delists_and_keeps_history(store: Store) -> None:
    load_list(store, SDN_V1)
    before = store.query("SELECT last_seen FROM statements WHERE record_id = 'us_ofac_sdn:9001' LIMIT 1")[0][0]
    report = load_list(store, SDN_V2)
    assert report.delisted == 1  # 9004 is gone from the newer file
    assert _status(store, "us_ofac_sdn:9004") == "delisted"
    assert _status(store, "us_ofac_sdn:9001") == "active"
    assert _status(store, "us_ofac_sdn:9005") == "active"
    # history kept: the delisted entry's statements are still there
    assert any(s.record_id == "us_ofac_sdn:9004" for s in store.statements(prop="name"))
    after = store.query("SELECT last_seen FROM statements WHERE record_id = 'us_ofac_sdn:9001' LIMIT 1")[0][0]
    assert after >= before
    status = {row["list"]: row for row in list_status(store)}
    assert status["us_ofac_sdn"]["delisted"] == 1
    # relisting brings an entry back
    load_list(store, SDN_V1)
    assert _status(store, "us_ofac_sdn:9004") == "active"


def test_reload_same_file_duplicates_nothing(store: Store) -> None:
    load_list(store, SDN_V1)
    count = store.stats()["statements"]
    load_list(store, SDN_V1)
    assert store.stats()["statements"] == count


def test_truncated_file_is_refused_and_changes_nothing(store: Store) -> None:
    load_list(store, [FIXTURES / "un_mini.xml"])
    count = store.stats()["statements"]
    with pytest.raises(InputError, match="incomplete"):
        load_list(store, [FIXTURES / "un_truncated.xml"], "un_sc")
    assert _status(store, "un_sc_sanctions:7101") == "active"
    assert store.stats()["statements"] == count
    assert store.query("SELECT COUNT(*) FROM list_loads")[0][0] == 1


def test_sdn_cut_mid_row_is_refused(store: Store, tmp_path: Path) -> None:
    load_list(store, SDN_V1)
    text = (FIXTURES / "sdn_v1" / "sdn.csv").read_text(encoding="utf-8")
    cut = tmp_path / "sdn.csv"
    cut.write_text(text[: text.index("9004") + 30], encoding="utf-8")
    with pytest.raises(InputError, match="truncated"):
        load_list(store, [cut])
    assert _status(store, "us_ofac_sdn:9004") == "active"


def test_empty_sdn_is_an_error(store: Store, tmp_path: Path) -> None:
    empty = tmp_path / "sdn.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(InputError, match="no records"):
        load_list(store, [empty])
    assert list_status(store) == []


def test_a_version_that_drops_most_entries_needs_allow_shrink(store: Store, tmp_path: Path) -> None:
    rows = [
        f'{9100 + i},"PARTY NUMBER {i} TRADING",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ' for i in range(30)
    ]
    full, small = tmp_path / "full" / "sdn.csv", tmp_path / "small" / "sdn.csv"
    for path, lines in ((full, rows), (small, rows[:5])):
        path.parent.mkdir()
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    load_list(store, [full])
    with pytest.raises(InputError, match="would delist 25 of 30") as refused:
        load_list(store, [small])
    assert "PARTY NUMBER 5 TRADING" in str(refused.value)
    assert list_status(store)[0]["active"] == 30
    report = load_list(store, [small], allow_shrink=True)
    assert report.delisted == 25 and list_status(store)[0]["active"] == 5


def test_reload_records_changes_with_dates(store: Store) -> None:
    first = load_list(store, SDN_V1)
    assert first.added == 4
    assert {c["change"] for c in list_changes(store)} == {"added"}
    second = load_list(store, SDN_V2)
    changes = list_changes(store, "us_ofac_sdn")
    assert second.delisted == 1 and ("delisted", "us_ofac_sdn:9004") in {(c["change"], c["record_id"]) for c in changes}
    assert all(c["date"] for c in changes)
    assert second.added + second.changed == len([c for c in changes if c["change"] in ("added", "changed")])
