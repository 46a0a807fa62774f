"""What a command costs to start: only its own module is imported, and FtM's model is read right."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import click
import orjson
import pytest
import yaml
from click.testing import CliRunner
from followthemoney import model
from followthemoney.model import Model

from tracegraph._ftm import c_safe_load
from tracegraph.cli import COMMANDS, cli, main
from tracegraph.match import Query
from tracegraph.screen.build import matcher_from_store
from tracegraph.screen.loader import load_list
from tracegraph.settings import Settings
from tracegraph.store import open_store

FIXTURES = Path(__file__).parents[1] / "screen" / "fixtures"
#: what a cold ``tracegraph screen NAME`` must not import: together about 0.8 s of a 0.3 s budget
HEAVY = ("followthemoney", "sqlalchemy", "pydantic", "numpy", "babel")


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


def test_importing_tracegraph_leaves_ftm_for_later_and_its_first_import_reads_through_libyaml() -> None:
    code = (
        "import sys\n"
        "import tracegraph\n"
        "import tracegraph._ftm as ftm\n"
        "print('followthemoney' in sys.modules)\n"
        "calls = []\n"
        "real = ftm.c_safe_load\n"
        "ftm.c_safe_load = lambda stream: calls.append(1) or real(stream)\n"
        "from tracegraph.vocab import model\n"
        "own = 'Substance' in model().schemata\n"
        "print(len(calls) > 10, own, type(sys.modules['followthemoney'].__loader__).__name__)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.split() == ["False", "True", "True", "SourceFileLoader"], done.stderr


def _screen_cold(db: Path, *args: str) -> tuple[str, list[str]]:
    code = (
        "import sys\n"
        "from tracegraph.cli import main\n"
        f"sys.argv = ['tracegraph', '--db', {str(db)!r}, *{list(args)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    *out, modules = done.stdout.strip().splitlines()
    return "\n".join(out), eval(modules)  # our own print of a list of names


def test_a_cold_screen_reads_the_index_without_ftm_sqlalchemy_pydantic_or_numpy(tmp_path: Path) -> None:
    settings = Settings(db=str(tmp_path / "lists.sqlite"))
    with open_store(settings) as store:
        load_list(store, sorted((FIXTURES / "sdn_v1").glob("*.csv")))
        load_list(store, [FIXTURES / "csl_mini.csv"])
        matcher = matcher_from_store(store)  # writes the index file, as ``lists load`` does
        full = matcher.match(Query(["Orlan Pettigrew Quillfeather"], "Person"))
    out, heavy = _screen_cold(
        settings.db_path or Path(), "--json", "screen", "Orlan Pettigrew Quillfeather", "--schema", "Person"
    )
    assert heavy == []
    assert orjson.loads(out)["results"] == [r.to_dict() for r in full]
    out, heavy = _screen_cold(settings.db_path or Path(), "screen", "Moonwort Trading LLC")
    assert heavy == [] and out.startswith("MATCH")
