"""The name index keys names with the one matching normaliser, and an older store is re-keyed."""

from __future__ import annotations

import shutil
from pathlib import Path

from tracegraph.graph import scoped
from tracegraph.match import fold
from tracegraph.settings import Settings
from tracegraph.store import Statement, Store, open_store
from tracegraph.store.names import norm_name

#: written by the code before ``model.2`` (name index keyed "o brien shipping ltd")
OLD_STORE = Path(__file__).parent / "fixtures" / "names_v6.sqlite"


def test_the_index_key_is_the_matching_engines() -> None:
    for name in ("O'Brien Shipping Ltd", "Luca D’Amato", "ПАО Газпром", "Bluepeak_Trading"):
        assert norm_name(name) == fold(name)


def test_names_with_apostrophes_are_found_however_written(store: Store) -> None:
    store.add_statements([Statement("co-1", "Company", "name", "O'Brien Shipping Ltd", record_id="r:1")])
    for written in ("O'Brien Shipping Ltd", "O’Brien Shipping Ltd", "OBrien Shipping Ltd"):
        assert store.entities_named(written) == ["co-1"], written
    assert ("co-1", "O'Brien Shipping Ltd") in store.name_candidates("OBrien")


def test_an_old_store_is_rekeyed_and_finds_its_names(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite"
    shutil.copy(OLD_STORE, db)
    with open_store(Settings(db=str(db))) as store:
        assert "model.2" in store.migrations()
        keys = dict(store.query("SELECT name, norm FROM name_index"))
        assert keys["O'Brien Shipping Ltd"] == "obrien shipping ltd"
        assert keys["Luca D’Amato"] == "luca damato"
        assert store.entities_named("O'Brien Shipping Ltd") == ["co-obrien"]
        assert ("co-obrien", "O'Brien Shipping Ltd") in store.name_candidates("OBrien")
        assert ("p-damato", "Luca D’Amato") in store.name_candidates("damato")
        assert scoped.show(store, "O'Brien Shipping Ltd")["id"] == "co-obrien"
        assert scoped.show(store, "Bluepeak Trading Co., Ltd.")["id"] == "co-bluepeak"  # unchanged keys still work
