"""Commands over the store itself: ``stats`` (ingest commands join here)."""

from __future__ import annotations

from typing import Any

import click

from tracegraph.cli.common import Context, pass_context


def _render_stats(data: dict[str, Any]) -> str:
    lines = [f"{key}: {value}" for key, value in data.items() if key != "entities_by_schema"]
    for schema, count in data["entities_by_schema"].items():
        lines.append(f"  {schema}: {count}")
    return "\n".join(lines)


@click.command()
@pass_context
def stats(ctx: Context) -> None:
    """Counts of sources, documents, statements and entities in the store."""
    ctx.emit(ctx.store.stats(), _render_stats)


def register(group: click.Group) -> None:
    group.add_command(stats)
