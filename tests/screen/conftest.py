"""Fixtures of the screening tests: the fictional list files and a store with them loaded."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracegraph.screen.build import matcher_from_store
from tracegraph.screen.loader import load_list
from tracegraph.screen.matcher import Matcher
from tracegraph.store import Store

FIXTURES = Path(__file__).parent / "fixtures"
SDN_V1 = sorted((FIXTURES / "sdn_v1").glob("*.csv"))
SDN_V2 = sorted((FIXTURES / "sdn_v2").glob("*.csv"))


@pytest.fixture
def loaded(store: Store) -> Store:
    load_list(store, SDN_V1)
    load_list(store, [FIXTURES / "un_mini.xml"])
    load_list(store, [FIXTURES / "csl_mini.csv"])
    return store


@pytest.fixture
def matcher(loaded: Store) -> Matcher:
    return matcher_from_store(loaded)
