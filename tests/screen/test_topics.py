from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from tracegraph.cli import cli

from .conftest import FIXTURES


def test_ftm_import_keeps_referents_and_topics_and_hits_show_them(tmp_path: Path) -> None:
    db = str(tmp_path / "db.sqlite")
    runner = CliRunner()
    fixture = str(FIXTURES / "os_topics.ftm.json")
    loaded = runner.invoke(cli, ["--db", db, "lists", "load", "--list", "fict_os", fixture])
    assert loaded.exit_code == 0, loaded.output
    found = runner.invoke(cli, ["--db", db, "--json", "screen", "Tamsin Orrowby"])
    hit = json.loads(found.stdout)["results"][0]
    assert hit["topics"] == ["sanction", "debarment"]
    assert hit["referents"] == ["xx-sanc-101", "yy-debar-77"]
    text = runner.invoke(cli, ["--db", db, "screen", "Quillon Ferrous Works"])
    assert "topics: export.control" in text.output
    batch = tmp_path / "names.csv"
    batch.write_text("name\nTamsin Orrowby\n", encoding="utf-8")
    out = tmp_path / "hits.csv"
    runner.invoke(cli, ["--db", db, "screen", str(batch), "-o", str(out)])
    assert "sanction;debarment" in out.read_text(encoding="utf-8")
