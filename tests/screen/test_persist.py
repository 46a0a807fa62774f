"""The screening index on disk: written once per load, opened instead of rebuilt, stale after another load."""

from __future__ import annotations

from tracegraph.match import Query
from tracegraph.screen.build import matcher_from_store
from tracegraph.screen.loader import load_list
from tracegraph.screen.persist import fingerprint, index_path, open_index, stored_index
from tracegraph.store import Store

from .conftest import SDN_V1, SDN_V2


def test_index_is_saved_beside_the_store_and_reopened(loaded: Store) -> None:
    built = stored_index(loaded)
    path = index_path(loaded)
    assert path is not None and path.is_file()
    opened = open_index(path, fingerprint(loaded))
    assert opened is not None and len(opened) == len(built)
    query = Query(["Orlan Petigrew Quilfeather"], "Person")
    fresh = matcher_from_store(loaded, persistent=False).match(query)
    from_file = matcher_from_store(loaded).match(query)
    assert [(r.entity.id, r.score, r.reasons) for r in from_file] == [(r.entity.id, r.score, r.reasons) for r in fresh]


def test_a_new_load_makes_the_index_stale(store: Store) -> None:
    load_list(store, SDN_V1)
    stored_index(store)
    path = index_path(store)
    assert path is not None
    old = fingerprint(store)
    load_list(store, SDN_V2)
    assert open_index(path, fingerprint(store)) is None
    assert open_index(path, old) is not None
    stored_index(store)
    assert open_index(path, fingerprint(store)) is not None


def test_a_damaged_index_file_is_rebuilt(loaded: Store) -> None:
    stored_index(loaded)
    path = index_path(loaded)
    assert path is not None
    path.write_bytes(b"not an index")
    assert open_index(path) is None
    assert len(stored_index(loaded)) > 0
