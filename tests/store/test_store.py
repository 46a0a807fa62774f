from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from tracegraph.errors import NotFoundError, StoreError
from tracegraph.settings import Settings
from tracegraph.store import Document, Source, Statement, Store, open_store
from tracegraph.store.sqlite import SQLiteStore


def _fact(entity: str, prop: str, value: str, **kw: object) -> Statement:
    return Statement(entity_id=entity, schema=str(kw.pop("schema", "Company")), prop=prop, value=value, **kw)  # type: ignore[arg-type]


def test_statements_are_appended_once_and_entities_assembled(store: Store) -> None:
    facts = [_fact("co-1", "name", "Yafeng Biological Technology"), _fact("co-1", "country", "cn")]
    store.add_statements(facts)
    store.add_statements(facts)  # re-ingest: no duplicates
    assert store.stats()["statements"] == 2
    entity = store.entity("co-1")
    assert entity.schema == "Company"
    assert entity.get("name") == ["Yafeng Biological Technology"]


def test_entity_schema_is_the_most_specific(store: Store) -> None:
    store.add_statements([_fact("x", "name", "Acme", schema="LegalEntity"), _fact("x", "jurisdiction", "cn")])
    assert store.entity("x").schema == "Company"


def test_merge_mints_a_canonical_id_and_is_undoable(store: Store) -> None:
    store.add_statements([_fact("b-2", "name", "Netsun"), _fact("a-1", "name", "Zhejiang Netsun")])
    store.add_judgement("j1", "b-2", "a-1", "merge", "same registered name", "test")
    merged = store.entity("b-2")
    assert merged.id == "a-1"  # minted when the cluster forms: its smallest id
    assert store.entity("a-1").id == merged.id == store.entity(merged.id).id
    assert set(merged.get("name")) == {"Netsun", "Zhejiang Netsun"}
    assert store.undo_judgements("a-1") == 1
    assert store.entity("b-2").id == "b-2"
    assert len(store.judgements(include_undone=True)) == 1


def test_retired_documents_hide_their_statements(store: Store) -> None:
    store.put_source(Source(id="src-1", uri="a.txt", content_hash="h", size=1, format="text"))
    store.put_document(Document(id="doc-1", source_id="src-1", seq=0, text="Yafeng sold fentanyl."))
    store.add_statements([_fact("co-1", "name", "Yafeng", document_id="doc-1", span_start=0, span_end=6)])
    assert store.retire_documents("src-1", keep=[]) == 1
    with pytest.raises(NotFoundError):
        store.entity("co-1")
    assert list(store.documents()) == []
    store.put_document(Document(id="doc-1", source_id="src-1", seq=0, text="Yafeng sold fentanyl."))
    assert store.entity("co-1").get("name") == ["Yafeng"]


def test_document_offsets_map_back_to_raw_text() -> None:
    doc = Document(id="d", source_id="s", seq=0, text="abcXYZ", offsets=((0, 10, 3), (3, 20, 3)))
    assert doc.raw_offset(1) == 11
    assert doc.raw_span(3, 6) == (20, 23)
    assert doc.raw_offset(99) is None


def test_migrations_are_recorded_and_reopen_is_a_no_op(settings: Settings) -> None:
    with open_store(settings) as first:
        assert "core.1" in first.migrations()
    with open_store(settings) as second:
        assert second.migrate() == []


def test_newer_store_format_is_refused(settings: Settings) -> None:
    with open_store(settings) as store:
        store.execute("UPDATE meta SET value = '99' WHERE key = 'format'")
        store.conn.commit()
    with pytest.raises(StoreError, match="newer"):
        open_store(settings)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "ro.sqlite"
    SQLiteStore(path).close()
    path.chmod(stat.S_IRUSR)
    with pytest.raises(StoreError, match="read-only"):
        store = SQLiteStore(path)
        store.add_statements([_fact("x", "name", "y")])


def test_locked_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "locked.sqlite"
    SQLiteStore(path).close()
    holder = sqlite3.connect(path)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with SQLiteStore(path, timeout=0.1) as opened:
            assert opened.stats()["statements"] == 0  # readers do not wait for a writer
            with pytest.raises(StoreError, match="locked"):
                opened.add_statements([_fact("x", "name", "y")])
    finally:
        holder.rollback()
        holder.close()


def test_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "junk.sqlite"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="not a tracegraph"):
        SQLiteStore(path)
