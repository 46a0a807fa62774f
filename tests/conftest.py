"""Shared fixtures: a fresh store per test (once per backend where it matters), and where ../shared lives.

Tests under the folders of :data:`PER_BACKEND` that use the ``settings`` or
``store`` fixture run once on SQLite and once on PostgreSQL. PostgreSQL runs
when ``TRACEGRAPH_TEST_PG_URL`` names a server (``scripts/test.sh`` starts a
throwaway one); each test gets its own schema, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.graph.network import Network, build
from tracegraph.graph import Graph
from tracegraph.resolve import resolve
from tracegraph.settings import Settings
from tracegraph.store import Store, open_store

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
PG_URL = os.environ.get("TRACEGRAPH_TEST_PG_URL", "")
#: test folders whose store-backed tests run on every backend
PER_BACKEND = ("store", "graph", "ingest", "extract", "api")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" not in metafunc.fixturenames:
        return
    folder = Path(str(metafunc.definition.fspath)).relative_to(REPO / "tests").parts[0]
    backends = ["sqlite", "postgresql"] if folder in PER_BACKEND else ["sqlite"]
    metafunc.parametrize("backend", backends, indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    name = str(getattr(request, "param", "sqlite"))
    if name == "postgresql" and not PG_URL:
        pytest.skip("no PostgreSQL server (set TRACEGRAPH_TEST_PG_URL; scripts/test.sh starts one)")
    return name


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A URL for a fresh, empty schema on the test server; dropped after the test."""
    if not PG_URL:
        pytest.skip("no PostgreSQL server (set TRACEGRAPH_TEST_PG_URL; scripts/test.sh starts one)")
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in PG_URL else "?"
    yield f"{PG_URL}{sep}options={quote(f'-csearch_path={schema}')}"
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


@pytest.fixture
def settings(tmp_path: Path, backend: str, request: pytest.FixtureRequest) -> Settings:
    if backend == "postgresql":
        return Settings(db=str(request.getfixturevalue("pg_url")))
    return Settings(db=str(tmp_path / "test.sqlite"))


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    with open_store(settings) as opened:
        yield opened


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the checkout")
    return SHARED


@pytest.fixture
def network(store: Store) -> Network:
    """The fictional network of tests/graph/network.py, resolved."""
    found = build(store)
    resolve(store)
    return found


@pytest.fixture
def graph(store: Store, network: Network) -> Graph:
    return Graph.load(store)
