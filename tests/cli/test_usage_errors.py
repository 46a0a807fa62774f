"""Under ``--json`` a command line that does not parse is one JSON error (errors.py's shape), exit status 2;
without ``--json`` it stays one line of text."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from tests.cli.run import run_cli

#: (arguments, the error's subject, words of its message)
CASES = [
    (["show"], "ENTITY", "Missing argument"),
    (["search", "Lanfeng", "--bogus"], "--bogus", "No such option"),
    (["neighbors", "Zheng", "--depth", "9"], "--depth", "not in the range"),
    (["export", "--format", "xml"], "--format", "'xml' is not one of"),
    (["screen", "Someone", "--limit", "many"], "--limit", "not a valid integer"),
    (["shwo", "Zheng"], "shwo", "No such command"),
    (["resolve", "--review", "--low", "x"], "--low", "not a valid float"),
]


@pytest.mark.parametrize(("args", "subject", "words"), CASES, ids=lambda c: " ".join(c) if isinstance(c, list) else "")
def test_a_usage_error_is_one_json_object(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], subject: str, words: str
) -> None:
    db = str(tmp_path / "none.sqlite")
    code, out, err = run_cli(capsys, "--db", db, "--json", *args)
    assert code == 2 and out == ""
    (line,) = err.strip().splitlines()
    error = orjson.loads(line)
    assert error == {"error": "usage_error", "message": error["message"], "subject": subject, "status": 400}
    assert words in error["message"]
    assert not Path(db).exists()  # nothing was opened, let alone written

    code, out, err = run_cli(capsys, "--db", db, *args)  # without --json: click's message as one line of text
    assert code == 2 and out == ""
    assert err.startswith("tracegraph: ") and words in err and len(err.strip().splitlines()) == 1
    assert not err.removeprefix("tracegraph: ").startswith("{")
