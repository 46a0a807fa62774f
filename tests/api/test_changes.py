"""A running server notices writes by other processes (the CLI) on both backends, and only once they commit."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import auth
from tests.api.world import World
from tracegraph.api.access import StorePool
from tracegraph.api.cache import ServerCache
from tracegraph.settings import Settings
from tracegraph.store import Statement, open_store


def _alias(world: World, name: str) -> Statement:
    return Statement(world.ferndale, "Company", "alias", name, dataset="openrec", extractor="test.cli")


def test_a_write_by_another_process_shows_on_the_next_page(
    app_client: TestClient, world: World, settings: Settings
) -> None:
    http, headers = app_client, auth(world, "ana")
    page = f"/api/entities/{world.ferndale}"
    before = http.get(page, headers=headers)
    assert before.status_code == 200 and "Ferndale Chemists" not in before.text
    assert http.get(page, headers=headers).content == before.content  # nothing changed: the same page

    with open_store(settings) as cli:  # another process writes: the CLI adding a fact
        cli.add_statements([_alias(world, "Ferndale Chemists")])
    assert "Ferndale Chemists" in http.get(page, headers=headers).text

    with open_store(settings) as cli:  # and takes it back (an extraction run again finds less)
        cli.execute("DELETE FROM statements WHERE extractor = 'test.cli'")
    assert http.get(page, headers=headers).content == before.content


def test_reads_and_audit_records_leave_the_kept_answers(settings: Settings, world: World) -> None:
    cache = ServerCache(StorePool(settings), refresh_seconds=0.0)
    first = cache.current()
    with open_store(settings) as other:
        other.query("SELECT COUNT(*) FROM statements")
        other.execute(
            "INSERT INTO audit_log (id, seq, at, action, target, detail, outcome, prev_hash, hash) "
            "VALUES ('a-1', 999999, '2026-01-01T00:00:00', 'read', 'x', '{}', 'ok', '', '')"
        )
    assert cache.current() == first
    with open_store(settings) as other:
        other.add_judgement("jd-test", world.quaymont, world.pellworth, "merge", "same firm", "ana")
    assert cache.current() == first + 1
    cache.pool.close()


def test_a_change_counts_once_it_is_committed(settings: Settings, world: World, backend: str) -> None:
    if backend != "postgresql":
        pytest.skip("SQLite counts rows, which a transaction of another connection cannot show early")
    cache = ServerCache(StorePool(settings), refresh_seconds=0.0)
    first = cache.current()
    with open_store(settings) as cli:
        with cli.transaction():
            cli.add_statements([_alias(world, "Ferndale Uncommitted")])
            assert cache.current() == first  # not visible yet: a refresh now would read the old store
        assert cache.current() == first + 1
        with cli.transaction():  # a bulk load is a statement or two: still one change, seen once
            cli.add_statements([_alias(world, f"Ferndale {i}") for i in range(2500)])
        assert cache.current() == first + 2
        cli.execute("UPDATE documents SET retired_at = '2026-01-01T00:00:00' WHERE id = ?", (world.doc_open,))
        assert cache.current() == first + 3  # a retired document: no row count shows it, the log does
    cache.pool.close()


def test_the_change_log_is_pruned_without_a_refresh(settings: Settings, world: World, backend: str) -> None:
    """A server running for months would otherwise count a row per write every few seconds."""
    if backend != "postgresql":
        pytest.skip("only PostgreSQL keeps a change log")
    from tracegraph.store.queries import server_reads

    cache = ServerCache(StorePool(settings), refresh_seconds=0.0)
    with open_store(settings) as cli:
        for i in range(30):
            cli.add_statements([_alias(world, f"Ferndale Branch {i}")])
        first = cache.current()
        before = cache.fingerprint()
        gone = server_reads.prune_changes(cli, keep=5)
        assert gone >= 25 and cli.query("SELECT COUNT(*) FROM store_changes")[0][0] <= 5
        assert cache.fingerprint() == before and cache.current() == first  # nothing to refresh for
        assert server_reads.prune_changes(cli, keep=5) == 0
        cli.add_statements([_alias(world, "Ferndale After Pruning")])
    assert cache.current() == first + 1  # a write after pruning still shows
    cache.pool.close()
