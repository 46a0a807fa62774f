"""The SQL of record linkage: settings of the DuckDB connection Splink runs on."""

from __future__ import annotations

from typing import Any


def configure_duckdb(con: Any, temp_directory: str, memory_limit: str | None = None) -> None:
    """Point a DuckDB connection's spills at ``temp_directory`` and cap its memory (``'4GB'``) when asked."""
    con.execute(f"SET temp_directory = '{temp_directory}'")
    if memory_limit:
        con.execute(f"SET memory_limit = '{memory_limit}'")
