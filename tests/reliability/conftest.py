"""Reliability fixtures: the spaCy pipeline once per session (as the extraction tests use it)."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(scope="session")
def nlp() -> Any:
    from tracegraph.extract.nlp import load_pipeline

    return load_pipeline()
