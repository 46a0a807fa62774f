"""Backends behind one small interface: DuckDB in-process (the default) or Spark (local mode or a cluster).

Each backend turns lists of rows into Splink tables; everything else is
Splink's. The packages import lazily, and a missing one raises an error
naming the extra to install.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any

from tracegraph.errors import InputError, missing_extra
from tracegraph.link.records import COLUMN_TYPES, COLUMNS, TEXT_COLUMNS
from tracegraph.store.queries.link import configure_duckdb

ENGINES = ("duckdb", "spark")


def _arrow(rows: list[dict[str, Any]]) -> Any:
    """Party rows (all strings) or text rows (word lists, a count, a price), by what the first row holds."""
    import pyarrow as pa

    kinds = {"list": pa.list_(pa.string()), "int": pa.int64(), "float": pa.float64(), "str": pa.string()}
    if rows and "words" in rows[0]:
        schema = pa.schema([(c, kinds[t]) for c, t in TEXT_COLUMNS])
    else:
        schema = pa.schema([(c, kinds[COLUMN_TYPES.get(c, "str")]) for c in COLUMNS])
    names = schema.names
    return pa.Table.from_pylist([{c: row.get(c) for c in names} for row in rows], schema=schema)


class Engine:
    """Registers the sides of a link with one Splink database API."""

    name = "engine"
    #: chunks Splink's u sampling runs in (each a query; it stops early once every level has 100 pairs)
    u_chunks = 10

    def __init__(self) -> None:
        self.db_api: Any = None

    def register(self, rows: list[dict[str, Any]], table: str) -> Any:
        raise NotImplementedError

    def close(self) -> None:
        """Release what the backend holds."""


class DuckDBEngine(Engine):
    name = "duckdb"

    def __init__(self, memory_limit: str | None = None) -> None:
        super().__init__()
        try:
            import duckdb
            from splink import DuckDBAPI
        except ImportError:
            raise missing_extra("link", "splink / duckdb") from None
        con = duckdb.connect(":memory:")
        # spills go to a folder of our own, removed on close (DuckDB's default is ./.tmp in the working directory)
        self._tmp = tempfile.TemporaryDirectory(prefix="tracegraph-link-duckdb-")
        configure_duckdb(con, self._tmp.name, memory_limit)
        self.db_api = DuckDBAPI(connection=con)

    def register(self, rows: list[dict[str, Any]], table: str) -> Any:
        return self.db_api.register(_arrow(rows), dataset_display_name=table)

    def close(self) -> None:
        self._tmp.cleanup()


def local_cores(master: str) -> int:
    """The cores a ``local[N]`` (or ``local[*]``, ``local``) master runs on."""
    found = re.fullmatch(r"local(?:\[(\*|[0-9]+)(?:,[0-9]+)?\])?", master.strip())
    if not found or found.group(1) is None:
        return 1
    return os.cpu_count() or 1 if found.group(1) == "*" else int(found.group(1))


class SparkEngine(Engine):
    """PySpark; a local session (``local[N]``) unless one is given. Rows travel as Parquet files.

    A local session gets two shuffle partitions per core (Spark's default of 200 makes hundreds of tiny tasks per
    step on a laptop), no broadcast joins, and Splink writes each intermediate table to Parquet and reads it back
    (its ``parquet`` lineage break): with ``persist`` instead, nothing is computed until the pairs are read, every
    step's plan grows with the steps before it, and clustering, which iterates, took ten times as long."""

    name = "spark"
    #: one query for u: each of Splink's ten chunks per comparison is a Spark job of its own, and with six comparisons
    #: and rare levels that never reach 100 pairs (so no early stop) the jobs' own overhead was most of the training
    u_chunks = 1

    def __init__(
        self, session: Any = None, master: str = "local[2]", driver_memory: str = "4g", partitions: int | None = None
    ) -> None:
        super().__init__()
        try:
            from pyspark.sql import SparkSession
            from splink import SparkAPI
            from splink.backends.spark import similarity_jar_location
        except ImportError:
            raise missing_extra("spark", "pyspark") from None
        self._tmp = tempfile.TemporaryDirectory(prefix="tracegraph-link-")
        self._own = session is None
        parts = partitions or 2 * local_cores(master)
        if session is None:
            session = (
                SparkSession.builder.master(master)
                .appName("tracegraph-link")
                .config("spark.driver.memory", driver_memory)
                .config("spark.jars", similarity_jar_location())  # Splink's Jaro-Winkler and friends
                .config("spark.sql.shuffle.partitions", str(parts))
                # no broadcast joins: in local mode the "workers" are the driver, and at 100k records Splink's
                # blocked-pair tables outgrew the driver's memory as broadcasts
                .config("spark.sql.autoBroadcastJoinThreshold", "-1")
                .config("spark.default.parallelism", str(parts))
                .config("spark.ui.enabled", "false")
                .config("spark.sql.session.timeZone", "UTC")
                .getOrCreate()
            )
            session.sparkContext.setLogLevel("ERROR")
            session.sparkContext.setCheckpointDir(str(Path(self._tmp.name) / "checkpoints"))
        self.session = session
        # a session of the caller's without a checkpoint folder has nowhere to write Parquet: Splink's cache then
        lineage = "parquet" if self._own or session.sparkContext.getCheckpointDir() else "persist"
        self.db_api = SparkAPI(  # type: ignore[no-untyped-call]
            spark_session=session,
            break_lineage_method=lineage,
            **({"num_partitions_on_repartition": parts} if self._own else {}),
        )

    def register(self, rows: list[dict[str, Any]], table: str) -> Any:
        import pyarrow.parquet as pq

        path = Path(self._tmp.name) / f"{table}.parquet"
        pq.write_table(_arrow(rows), path)
        frame = self.session.read.parquet(str(path))
        return self.db_api.register(frame, dataset_display_name=table)

    def close(self) -> None:
        if self._own:
            self.session.stop()
        self._tmp.cleanup()


def make_engine(name: str) -> Engine:
    if name == "duckdb":
        return DuckDBEngine()
    if name == "spark":
        return SparkEngine()
    raise InputError(f"unknown engine {name!r} (one of {', '.join(ENGINES)})")
