from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracegraph.cli import cli

from .conftest import FIXTURES, SDN_V1, SDN_V2


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "cli.sqlite")
    runner = CliRunner()
    for files in (SDN_V1, [FIXTURES / "un_mini.xml"], [FIXTURES / "csl_mini.csv"]):
        result = runner.invoke(cli, ["--db", path, "lists", "load", *map(str, files)])
        assert result.exit_code == 0, result.output
    return path


def test_load_reports_and_reload_delists(db: str) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["--db", db, "--json", "lists", "load", "--list", "ofac_sdn", *map(str, SDN_V2)])
    assert result.exit_code == 0
    report = json.loads(result.stdout.splitlines()[-1])
    assert report["delisted"] == 1
    status = runner.invoke(cli, ["--db", db, "lists", "status"])
    assert "us_ofac_sdn" in status.output and "1" in status.output


def test_load_bad_rows_are_reported_and_rest_loads(db: str) -> None:
    result = CliRunner().invoke(cli, ["--db", db, "lists", "load", *map(str, SDN_V1)])
    assert "sdn.csv:5" in result.output and "4 records" in result.output


def test_screen_a_name_explains(db: str) -> None:
    result = CliRunner().invoke(
        cli, ["--db", db, "screen", "Orlan Quillfeather", "--schema", "Person", "--birth-date", "1971"]
    )
    assert result.exit_code == 0, result.output
    assert result.output.startswith("MATCH") and "QUILLFEATHER" in result.output and "name:" in result.output


def test_screen_bad_name_is_one_line_error(db: str) -> None:
    result = CliRunner().invoke(cli, ["--db", db, "screen", "\u200f"])
    assert result.exit_code != 0 and "no usable name" in str(result.exception or result.output)


def test_screen_batch_goes_past_bad_rows(db: str, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(cli, ["--db", db, "screen", str(FIXTURES / "batch.csv"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open()))
    assert len(rows) == 6
    assert rows[0]["matched"] == "True" and "QUILLFEATHER" in rows[0]["caption"]
    assert rows[1]["matched"] == "True"
    assert rows[2]["error"] and rows[3]["error"]  # empty and one-character names
    assert rows[4]["matched"] == "False" and rows[5]["matched"] == "False"
    jsonl = tmp_path / "out.jsonl"
    CliRunner().invoke(cli, ["--db", db, "screen", str(FIXTURES / "batch.csv"), "-o", str(jsonl)])
    lines = [json.loads(line) for line in jsonl.read_text().splitlines()]
    assert len(lines) == 6 and lines[0]["results"][0]["reasons"]["name"]


def test_screen_csv_with_wrong_columns_is_a_clear_error(db: str) -> None:
    result = CliRunner().invoke(cli, ["--db", db, "screen", str(FIXTURES / "wrong_columns.csv")])
    assert result.exit_code != 0 and "no name column" in str(result.exception)


def test_flags_command(db: str) -> None:
    result = CliRunner().invoke(cli, ["--db", db, "flags"])
    assert result.exit_code == 0 and "no flags" in result.output


def test_screen_only_some_lists(db: str) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["--db", db, "--json", "screen", "Orlan Quillfeather", "--list", "un_sc_sanctions"])
    data = json.loads(result.stdout)
    assert not data["matched"] and all(r["datasets"] == ["un_sc_sanctions"] for r in data["results"])


def _batch(db: str, tmp_path: Path, data: bytes) -> list[list[str]]:
    source, out = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_bytes(data)
    result = CliRunner().invoke(cli, ["--db", db, "screen", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))[1:]


def test_batch_reads_huge_fields_bare_carriage_returns_and_utf16(db: str, tmp_path: Path) -> None:
    huge = b"name\n" + b"A" * 131_072 + b"\nOrlan Quillfeather\n"
    rows = _batch(db, tmp_path, huge)
    assert len(rows) == 2 and rows[1][2] == "True"
    rows = _batch(db, tmp_path, b"name\rOrlan Quillfeather\rMeadowlark Bakery\r")
    assert [r[1] for r in rows] == ["Orlan Quillfeather", "Meadowlark Bakery"]
    rows = _batch(db, tmp_path, "name\nOrlan Quillfeather\n".encode("utf-16"))
    assert rows[0][2] == "True"
    rows = _batch(db, tmp_path, "name\nMüller Quillfeather\n".encode("latin-1"))
    assert rows[0][1] == "Müller Quillfeather"


def test_batch_output_escapes_spreadsheet_formulas(db: str, tmp_path: Path) -> None:
    rows = _batch(db, tmp_path, b'name\n=HYPERLINK("http://x")\n+1 Orlan\n-Orlan\n@SUM(A1)\n')
    assert [r[1] for r in rows] == ['\'=HYPERLINK("http://x")', "'+1 Orlan", "'-Orlan", "'@SUM(A1)"]


@pytest.mark.parametrize("name", ["missing.csv", "notes.txt", "folder.csv"])
def test_a_path_that_is_not_a_readable_csv_is_an_error_not_a_name(db: str, tmp_path: Path, name: str) -> None:
    target = tmp_path / name
    if name == "notes.txt":
        target.write_text("Orlan Quillfeather\n", encoding="utf-8")
    if name == "folder.csv":
        target.mkdir()
    result = CliRunner().invoke(cli, ["--db", db, "screen", str(target)])
    assert result.exit_code != 0
    assert name in str(result.exception) or name in result.output


def test_lists_diff_shows_what_a_reload_changed(db: str) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", db, "lists", "load", *map(str, SDN_V2)]).exit_code == 0
    result = runner.invoke(cli, ["--db", db, "--json", "lists", "diff", "--list", "us_ofac_sdn"])
    changes = [json.loads(line) for line in result.stdout.splitlines()]
    assert {"change": "delisted", "record_id": "us_ofac_sdn:9004"}.items() <= next(
        c for c in changes if c["change"] == "delisted"
    ).items()
