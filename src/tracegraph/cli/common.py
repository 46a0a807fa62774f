"""Shared CLI plumbing: the context object, output in text or JSON lines, progress."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

import click
import orjson

from tracegraph.settings import Settings

if TYPE_CHECKING:  # opening a store imports SQLAlchemy and FtM's model: only commands that use it pay
    from tracegraph.store import Store

T = TypeVar("T")


@dataclass
class Context:
    """What every command gets: settings, output mode, and the store opened on first use."""

    settings: Settings
    as_json: bool = False
    _store: Store | None = field(default=None, repr=False)

    @property
    def store(self) -> Store:
        if self._store is None:
            from tracegraph.store import open_store

            self._store = open_store(self.settings)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def emit(self, data: Any, text: Callable[[Any], str] | str | None = None) -> None:
        """One JSON line in ``--json`` mode, else the human rendering."""
        if self.as_json:
            sys.stdout.buffer.write(orjson.dumps(data, default=str) + b"\n")
            sys.stdout.flush()
            return
        if text is None:
            click.echo(orjson.dumps(data, default=str, option=orjson.OPT_INDENT_2).decode())
        elif isinstance(text, str):
            click.echo(text)
        else:
            click.echo(text(data))


pass_context = click.make_pass_decorator(Context)


def progress(items: Iterable[T], length: int | None, label: str, enabled: bool | None = None) -> Iterator[T]:
    """A progress bar on a terminal (stderr), nothing in a pipe."""
    show = sys.stderr.isatty() if enabled is None else enabled
    if not show:
        yield from items
        return
    with click.progressbar(items, length=length, label=label, file=sys.stderr) as bar:
        yield from bar


def table(rows: list[list[str]], headers: list[str]) -> str:
    """A plain fixed-width table for terminal output."""
    cells = [headers, *rows]
    widths = [max(len(str(row[i])) for row in cells) for i in range(len(headers))]
    lines = ["  ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
