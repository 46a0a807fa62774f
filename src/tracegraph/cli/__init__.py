"""The ``tracegraph`` command: a thin layer over importable functions.

Each command group lives in its own module with a ``register(group)``
function. Library errors become one line on stderr and a non-zero exit.
"""

from __future__ import annotations

import importlib
import os
import sys

import click
import orjson

from tracegraph.cli.common import Context
from tracegraph.errors import TracegraphError, UsageError
from tracegraph.settings import Settings

#: the commands each module under ``tracegraph.cli`` adds (its ``register(group)``), by module;
#: a module is imported only when one of its commands runs or help lists them all
COMMANDS: dict[str, tuple[str, ...]] = {
    "tracegraph.cli.screen": ("flags", "lists", "screen"),
    "tracegraph.cli.substances": ("listings", "substance", "substances"),
    "tracegraph.cli.ingest": ("doc", "docs", "ingest", "stats"),
    "tracegraph.cli.graph": ("export", "neighbors", "path", "search", "show", "timeline"),
    "tracegraph.cli.resolve": ("distinct", "merge", "resolve", "split"),
    "tracegraph.cli.extract": ("build",),
    "tracegraph.cli.demo": ("demo",),
    "tracegraph.cli.analyse": ("analyse",),
    "tracegraph.cli.watch": ("watch",),
    # server (issue 13)
    "tracegraph.cli.serve": ("serve",),
    "tracegraph.cli.admin": ("admin",),
    # record linkage on Splink (issue 10)
    "tracegraph.cli.link": ("link",),
}


class LazyGroup(click.Group):
    """The top-level group: a command's module is imported when the command is asked for.

    A cold ``tracegraph screen NAME`` then imports screening, not ingest, graph, server and linking.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *(name for names in COMMANDS.values() for name in names)})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands:
            module = next((m for m, names in COMMANDS.items() if cmd_name in names), None)
            if module is not None:
                importlib.import_module(module).register(self)
        return self.commands.get(cmd_name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db", envvar="TRACEGRAPH_DB", default=None, help="SQLite file (default: tracegraph.sqlite) or postgresql:// URL."
)
@click.option("--json", "as_json", is_flag=True, help="Write JSON lines instead of text.")
@click.version_option(package_name="tracegraph")
@click.pass_context
def cli(ctx: click.Context, db: str | None, as_json: bool) -> None:
    """tracegraph: an evidence-backed graph of illicit trade networks."""
    ctx.obj = Context(settings=Settings.from_env(db=db), as_json=as_json)
    ctx.call_on_close(ctx.obj.close)


def _as_json(argv: list[str] | None) -> bool:
    return "--json" in (sys.argv[1:] if argv is None else argv)


def usage_error(exc: click.ClickException) -> UsageError:
    """Click's error as ours: its message, and as subject the option, argument or command it is about."""
    subject: str | None = None
    if isinstance(exc, click.exceptions.NoSuchOption | click.exceptions.BadOptionUsage):
        subject = exc.option_name
    elif isinstance(exc, click.exceptions.NoSuchCommand):
        subject = exc.command_name
    elif isinstance(exc, click.BadParameter) and exc.param is not None:
        param = exc.param
        subject = max(param.opts, key=len) if isinstance(param, click.Option) else param.human_readable_name
    elif isinstance(exc, click.UsageError) and exc.ctx is not None:
        subject = exc.ctx.command_path
    return UsageError(exc.format_message(), subject=subject)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI, turning errors into one line and an exit status."""
    try:
        cli.main(args=argv, prog_name="tracegraph", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("tracegraph: aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        if _as_json(argv) and not isinstance(exc, click.exceptions.NoArgsIsHelpError):
            # under --json a usage error is one JSON object like every other error; click's exit status stays
            click.echo(orjson.dumps(usage_error(exc).to_dict()).decode(), err=True)
        else:
            click.echo(f"tracegraph: {exc.format_message()}", err=True)
        sys.exit(exc.exit_code)
    except TracegraphError as exc:
        if _as_json(argv):
            # under --json an error is one JSON object on stderr (errors.py's shape)
            click.echo(orjson.dumps(exc.to_dict()).decode(), err=True)
        else:
            click.echo(f"tracegraph: error: {exc}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("tracegraph: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(0)
    except Exception as exc:
        if os.environ.get("TRACEGRAPH_DEBUG"):
            raise
        first = str(exc).splitlines()[0] if str(exc) else ""
        click.echo(f"tracegraph: internal error: {type(exc).__name__}: {first}", err=True)
        sys.exit(2)
