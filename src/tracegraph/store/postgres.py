"""The shared backend: a PostgreSQL database (``postgresql://user@host/dbname``), through psycopg 3."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from tracegraph.errors import ConfigError, StoreError, missing_extra
from tracegraph.store.base import Store

#: batches at least this big are loaded with COPY
COPY_FROM = 1000
#: any constant: the advisory lock every tracegraph migration takes on a database
_MIGRATION_LOCK = 0x7472_6163


def engine_url(url: str) -> sa.URL:
    """A SQLAlchemy URL for psycopg 3 from ``postgresql://`` or ``postgres://``."""
    try:
        parsed = sa.make_url(url.replace("postgres://", "postgresql://", 1))
    except Exception as exc:
        raise ConfigError(f"not a database URL: {exc}", subject=url) from exc
    if parsed.get_backend_name() != "postgresql":
        raise ConfigError("not a PostgreSQL URL", subject=url)
    return parsed.set(drivername="postgresql+psycopg")


class PostgresStore(Store):
    """A store in a PostgreSQL database; several processes and machines can share it."""

    param = "%s"
    dialect = "postgresql"
    begin_sql = "BEGIN"

    def __init__(self, url: str, connect_timeout: int = 10) -> None:
        try:
            import psycopg  # noqa: F401
        except ImportError as exc:
            raise missing_extra("postgres", "psycopg") from exc
        parsed = engine_url(url)
        shown = parsed.set(drivername="postgresql").render_as_string(hide_password=True)
        engine = sa.create_engine(
            parsed,
            isolation_level="AUTOCOMMIT",
            poolclass=NullPool,
            connect_args={"connect_timeout": connect_timeout},
        )
        sa.event.listen(engine, "connect", _session_settings)
        super().__init__(engine, shown)

    def _lock_migrations(self) -> None:
        self.execute("SELECT pg_advisory_xact_lock(?)", (_MIGRATION_LOCK,))

    def insert_many(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]], conflict: str) -> None:
        """Big batches go through ``COPY`` into a temporary table, then one ``INSERT ... SELECT``."""
        if len(rows) < COPY_FROM:
            super().insert_many(table, columns, rows, conflict)
            return
        names = ", ".join(columns)
        temp = f"tracegraph_load_{table}"
        with self.transaction():
            self.execute(f"CREATE TEMP TABLE IF NOT EXISTS {temp} AS SELECT {names} FROM {table} WITH NO DATA")
            try:
                with self.conn.cursor() as cursor, cursor.copy(f"COPY {temp} ({names}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(self._params(row))
            except Exception as exc:
                raise self._wrap_error(exc) from exc
            self.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM {temp} {conflict}")
            self.execute(f"TRUNCATE {temp}")

    def _params(self, params: Sequence[Any]) -> tuple[Any, ...]:
        # PostgreSQL text cannot hold NUL characters; junk input must not stop a batch
        return tuple(p.replace("\x00", "\ufffd") if isinstance(p, str) and "\x00" in p else p for p in params)

    def _wrap_error(self, exc: Exception) -> StoreError:
        return StoreError(_reason(exc), subject=self.uri)


def _session_settings(dbapi_conn: Any, _record: Any) -> None:
    """No JIT compilation: the store asks short index reads, and a hub's row estimate makes the planner
    compile one (30 ms and more) for a query that then runs in a few milliseconds."""
    with dbapi_conn.cursor() as cursor:
        cursor.execute("SET jit = off")
    dbapi_conn.commit()


def _reason(exc: Exception) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    first = text.splitlines()[0] if text else type(exc).__name__
    lowered = text.lower()
    if "connection refused" in lowered or "could not connect" in lowered or "no such file or directory" in lowered:
        return f"cannot reach the PostgreSQL server ({first.split(':')[-1].strip() or 'refused'})"
    if "password authentication failed" in lowered or "authentication failed" in lowered:
        return "PostgreSQL refused the user name or password"
    if "does not exist" in lowered and "database" in lowered:
        return f"no such PostgreSQL database ({first})"
    if "timeout" in lowered:
        return "the PostgreSQL server did not answer in time"
    if "read-only" in lowered or "read only" in lowered:
        return "the database is read-only for this user"
    return first
