"""Under ``--json`` every graph command's error is one JSON object (type, message, subject) and an exit
status; a store that cannot be reached is one clear line and leaves nothing half-written."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from tests.cli.run import run_cli
from tests.graph.network import Network
from tracegraph.settings import Settings

#: every graph command, asked about an entity that does not exist
QUESTIONS = [
    ["show", "ent-no-such-thing-here"],
    ["neighbors", "ent-no-such-thing-here", "--depth", "2"],
    ["path", "ent-no-such-thing-here", "Zheng Fujing"],
    ["path", "Zheng Fujing", "Nobody At All Whatsoever"],
    ["timeline", "ent-no-such-thing-here"],
    ["export", "--entity", "ent-no-such-thing-here"],
    ["merge", "ent-no-such-thing-here", "Zheng Fujing", "--reason", "test"],
    ["split", "ent-no-such-thing-here"],
]
#: every graph command, on a store that cannot be opened
ALL = [*QUESTIONS, ["search", "Lanfeng"], ["resolve"]]


@pytest.mark.parametrize("args", QUESTIONS, ids=lambda a: " ".join(a[:2]))
def test_an_unknown_entity_is_one_json_error(
    settings: Settings, network: Network, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    code, out, err = run_cli(capsys, "--db", settings.db, "--json", *args)
    assert code == 1
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    error = orjson.loads(lines[0])
    assert error["error"] in ("not_found", "bad_input")
    assert error["message"] and error["subject"]
    code, out, err = run_cli(capsys, "--db", settings.db, *args)  # the same as one line of text
    assert code == 1 and len(err.strip().splitlines()) == 1 and err.startswith("tracegraph: error:")


@pytest.mark.parametrize("args", ALL, ids=lambda a: " ".join(a[:2]))
def test_a_server_that_is_down_is_one_json_error_for_every_command(
    capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    code, out, err = run_cli(capsys, "--json", "--db", "postgresql://someone:secret@127.0.0.1:9/nothing", *args)
    assert code == 1 and out == ""
    error = orjson.loads(err.strip())
    assert error["error"] == "store_error"
    assert "cannot reach the PostgreSQL server" in error["message"]
    assert "secret" not in err


def test_a_wrong_url_or_folder_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "--json", "--db", "mysql://x@y/z", "show", "Zheng Fujing")
    assert code == 1 and orjson.loads(err)["error"] == "config_error"
    missing = tmp_path / "no" / "such" / "folder" / "store.sqlite"
    code, _, err = run_cli(capsys, "--json", "--db", str(missing), "resolve")
    assert code == 1 and orjson.loads(err)["error"] == "store_error"
    assert not (tmp_path / "no").exists()


def test_an_error_mid_way_through_a_merge_leaves_the_store_as_it_was(
    settings: Settings, network: Network, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(capsys, "--db", settings.db, "--json", "resolve", "--list")
    before = out
    code, _, err = run_cli(
        capsys, "--db", settings.db, "--json", "merge", network.reed, network.reed_ltd, "--reason", "x"
    )
    assert code == 1 and orjson.loads(err)["error"] == "bad_input"
    _, after, _ = run_cli(capsys, "--db", settings.db, "--json", "resolve", "--list")
    assert after == before
