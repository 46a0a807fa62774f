"""Run ``tracegraph ARGS`` in the test's own process and read what it printed."""

from __future__ import annotations

import pytest

from tracegraph.cli import main


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """``tracegraph ARGS`` in this process: its exit status, stdout and stderr."""
    code = 0
    try:
        main(list(args))
    except SystemExit as stopped:
        code = int(stopped.code or 0)
    out, err = capsys.readouterr()
    return code, out, err
