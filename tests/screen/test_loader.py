from __future__ import annotations

from tracegraph.screen.loader import list_status, load_list
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


def test_truncated_file_delists_nothing(store: Store) -> None:
    load_list(store, [FIXTURES / "un_mini.xml"])
    report = load_list(store, [FIXTURES / "un_truncated.xml"], "un_sc")
    assert not report.complete and report.delisted == 0
    assert _status(store, "un_sc_sanctions:7101") == "active"
