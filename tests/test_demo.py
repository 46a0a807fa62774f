"""The README's first command: `tracegraph demo` on the bundled fictional network."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from tracegraph.cli import cli


def _run(db: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_demo_tours_the_example_network_and_reruns_idempotently(tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite"
    first = _run(db, "demo")
    # the state-owned front company, its owner and its sanction, each with the sentence behind it
    assert "<--owns-- Qingshan Provincial Prison Administration Bureau" in first
    assert "wholly state-owned" in first
    assert "<--sanctions-- US Treasury" in first
    # the two seller sites tied by a shared phone line
    assert "--shares phone--> Bluepeak Trading Co., Ltd." in first
    # listings of controlled chemicals with their destinations
    assert "Protonitazene" in first
    before = json.loads(_run(db, "--json", "stats"))
    second = _run(db, "demo")
    after = json.loads(_run(db, "--json", "stats"))
    assert "skipped (unchanged): 12" in second
    assert before["statements"] == after["statements"]
    assert before["documents"] == after["documents"]
