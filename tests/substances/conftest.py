"""Fixtures for the substances tests: the fictional listing pages shipped with tracegraph."""

from __future__ import annotations

from pathlib import Path

import pytest

import tracegraph

HERE = Path(__file__).parent / "fixtures"
LISTINGS = Path(tracegraph.__file__).parent / "examples" / "corpus" / "listings"


def listing_page(name: str) -> str:
    return (LISTINGS / name).read_text(encoding="utf-8")


def fixture_text(name: str) -> str:
    return (HERE / name).read_text(encoding="utf-8")


@pytest.fixture
def pages() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(LISTINGS.iterdir()) if p.suffix in (".html", ".txt")}
