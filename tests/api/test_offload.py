"""Heavy processes: searches, paths and neighbourhoods answered outside the worker, the same as inside it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import TEST_LIMITS, auth
from tests.api.world import World
from tracegraph.api.app import create_app
from tracegraph.settings import Settings


@pytest.fixture
def clients(settings: Settings, world: World, tmp_path: Path) -> Iterator[tuple[TestClient, TestClient]]:
    """A server answering heavy questions on its own threads, and one answering them in a heavy process;
    neither keeps answers, so every question is asked again."""
    here = replace(TEST_LIMITS, upload_dir=str(tmp_path / "uploads"), answer_bytes=0)
    apart = replace(here, heavy_processes=1, refresh_seconds=3600.0)  # no looking for writes: the worker tells
    with (
        TestClient(create_app(settings, here, mount_web=False), raise_server_exceptions=False) as inside,
        TestClient(create_app(settings, apart, mount_web=False), raise_server_exceptions=False) as outside,
    ):
        yield inside, outside


def test_heavy_processes_answer_like_the_worker(clients: tuple[TestClient, TestClient], world: World) -> None:
    inside, outside = clients
    questions = [
        "/api/search?q=kestrelmoor",
        "/api/search?q=drosk",
        "/api/search?q=&limit=5",
        f"/api/entities/{world.kestrel}/neighbors?depth=2",
        f"/api/paths?source={world.kestrel}&target={world.quaymont}",
        f"/api/paths?source={world.kestrel_police}&target={world.quaymont}",  # police-only: hidden from ben
        "/api/entities/ent-nobody/neighbors",
    ]
    statuses = set()
    for user in ("ana", "ben", "cai", "root"):
        for url in questions:
            a, b = inside.get(url, headers=auth(world, user)), outside.get(url, headers=auth(world, user))
            assert (b.status_code, b.json()) == (a.status_code, a.json()), (user, url)
            statuses.add(a.status_code)
    assert statuses == {200, 404}  # answers and the not-found error alike
    seen = outside.get("/api/search?q=drosk", headers=auth(world, "cai")).json()["total"]
    assert seen == 1 and outside.get("/api/search?q=drosk", headers=auth(world, "ben")).json()["total"] == 0


def test_a_write_through_the_worker_reaches_the_heavy_process(
    clients: tuple[TestClient, TestClient], world: World
) -> None:
    _, http = clients
    headers = auth(world, "cai")
    around = f"/api/entities/{world.kestrel}/neighbors"
    phone = "+447700900461"  # the police alias's: a neighbour while the two are one company
    assert phone in http.get(around, headers=headers).text
    split = {"kind": "split", "ids": [world.kestrel], "reason": "two firms"}
    assert http.post("/api/judgements", json=split, headers=headers).status_code == 200
    assert phone not in http.get(around, headers=headers).text


def _nice_of(pid: int) -> int:
    import os

    return os.getpriority(os.PRIO_PROCESS, pid)


def test_the_heavy_process_database_backend_runs_at_a_lower_priority(settings: Settings) -> None:
    """On one host, with the right to do it, the heavy process's PostgreSQL backend is lowered; the
    worker's own backends keep their priority, so an entity page's queries go before a path search's."""
    import os

    from tracegraph.api import offload
    from tracegraph.api.access import StorePool

    if not settings.db.startswith("postgres"):
        pytest.skip("a PostgreSQL backend only")
    heavy = offload.HeavyProcesses(settings, 1, nice=0, db_nice=7)
    probe = StorePool(settings).get()
    try:
        if not offload.lower_backend(probe, 5):
            pytest.skip("the test database is not on this host, or its priority may not be changed")
        heavy.start()
        backends = [
            b
            for b in (int(p) for p in os.listdir("/proc") if p.isdigit())
            if _parent_is_postmaster_of(b, probe.conn.info.backend_pid) and _nice_of(b) == 7
        ]
        assert backends, "no backend at nice 7"
        assert _nice_of(probe.conn.info.backend_pid) == 5  # the one lowered by hand; a worker's stays at 0
    finally:
        heavy.close()
        probe.close()


def _parent_is_postmaster_of(pid: int, sibling: int) -> bool:
    """Whether ``pid`` is a backend of the same PostgreSQL server as ``sibling`` (the same parent)."""
    try:
        return _ppid(pid) == _ppid(sibling)
    except OSError:
        return False


def _ppid(pid: int) -> int:
    with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
        return int(fh.read().rsplit(")", 1)[1].split()[1])


def test_a_sqlite_store_has_no_backend_to_lower(tmp_path: Path) -> None:
    from tracegraph.api import offload
    from tracegraph.store import open_store

    with open_store(Settings(db=str(tmp_path / "x.sqlite"))) as store:
        assert offload.lower_backend(store, 10) is False
