"""End to end on the bundled fictional corpus: ingest, build, resolve, then query and export."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

from tracegraph.cli import cli
from tracegraph.settings import Settings
from tracegraph.vocab import ftm_model

CORPUS = Path(__file__).resolve().parents[2] / "src" / "tracegraph" / "examples" / "corpus"


@pytest.mark.slow
def test_example_corpus_end_to_end(settings: Settings) -> None:
    runner = CliRunner()

    def run(*args: str) -> str:
        result = runner.invoke(cli, ["--db", settings.db, *args], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.output

    run("ingest", str(CORPUS))
    run("build")  # extraction, then automatic resolution
    assert [orjson.loads(line) for line in run("--json", "resolve").splitlines()] == []  # nothing left to merge
    merges = [orjson.loads(line) for line in run("--json", "resolve", "--list").splitlines()]
    # the watchlist's renamed company joins the company named in the stories
    assert any("Harborlight Chemical" in m["reason"] for m in merges)

    shown = orjson.loads(run("--json", "show", "Silverkite Biotech"))
    assert "Harborlight Chemical Co., Ltd." in shown["names"]
    assert any(r["label"] == "owns" and r["direction"] == "in" for r in shown["relations"])
    for relation in shown["relations"]:
        assert relation["evidence"], relation
        assert relation["evidence"][0].get("sentence") or relation["evidence"][0].get("record_id")
    # any member id shows the same entity
    for member in shown["members"]:
        assert orjson.loads(run("--json", "show", member))["id"] == shown["id"]

    events = [orjson.loads(line) for line in run("--json", "timeline").splitlines()]
    assert events and [e["date"] for e in events] == sorted(e["date"] for e in events)

    model = ftm_model()
    lines = run("export", "--format", "ftm").splitlines()
    assert lines
    for line in lines:
        data = orjson.loads(line)
        proxy = model.get_proxy(data, cleaned=False)
        assert not proxy.schema.abstract
        assert all(proxy.get(p) for p in proxy.schema.required), data
        if proxy.schema.edge:
            assert proxy.get("proof") or proxy.get("recordId"), data
