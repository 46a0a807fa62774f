"""What a command costs to start: only its own module is imported, and FtM's model is read right."""

from __future__ import annotations

import importlib
import subprocess
import sys

import click
import pytest
import yaml
from click.testing import CliRunner
from followthemoney import model
from followthemoney.model import Model

from tracegraph._ftm import c_safe_load
from tracegraph.cli import COMMANDS, cli, main


def test_each_module_adds_exactly_the_commands_listed_for_it() -> None:
    for module, names in COMMANDS.items():
        group = click.Group()
        importlib.import_module(module).register(group)
        assert sorted(group.commands) == sorted(names), module


def test_help_lists_every_command() -> None:
    out = CliRunner().invoke(cli, ["--help"]).output
    listed = {line.split()[0] for line in out.split("Commands:")[1].splitlines() if line.startswith("  ")}
    assert listed == {name for names in COMMANDS.values() for name in names}


def test_a_screening_command_does_not_import_ingest_graph_server_or_linking() -> None:
    code = (
        "import sys\n"
        "from tracegraph.cli import main\n"
        "sys.argv = ['tracegraph', '--db', ':memory:', 'lists', 'status']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = ['tracegraph.ingest.pipeline', 'tracegraph.graph', 'tracegraph.api.app', 'tracegraph.link',"
        " 'splink', 'fastapi', 'spacy']\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stderr


def test_an_unknown_command_is_still_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    try:
        main(["no-such-command"])
    except SystemExit as exc:
        assert exc.code == 2
    err = capsys.readouterr().err
    assert "no-such-command" in err


def test_ftm_model_read_through_libyaml_equals_the_pure_python_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    assert yaml.safe_load.__module__ == "yaml"  # the C loader was swapped in only while FtM was imported
    pure = Model(model.path).to_dict()
    monkeypatch.setattr(yaml, "safe_load", c_safe_load)
    assert Model(model.path).to_dict() == pure
