"""The store's plumbing over SQLAlchemy Core: one connection, transactions, migrations.

Both backends run the driver in autocommit mode and open transactions
themselves (``BEGIN IMMEDIATE`` on SQLite, so a writer waits for the lock
instead of failing half-way; ``BEGIN`` on PostgreSQL). A read outside a
transaction sees the newest committed data and holds no lock.

Backends (``sqlite.py``, ``postgres.py``) supply the engine and a few hooks;
SQL in the rest of the store is written once, with ``?`` markers.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from tracegraph.errors import StoreError
from tracegraph.store.migrations import STORE_FORMAT, registered, translate


def now() -> str:
    """The current UTC time as an ISO-8601 string with seconds."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S")


class Database:
    """A connection with nested transactions and migrations; the base of :class:`~tracegraph.store.Store`."""

    #: the DB-API parameter marker of the backend
    param = "?"
    #: ``sqlite`` or ``postgresql``
    dialect = "sqlite"
    #: how a write transaction starts
    begin_sql = "BEGIN"

    def __init__(self, engine: sa.Engine, uri: str) -> None:
        self.engine = engine
        self.uri = uri
        self._depth = 0
        self._lock = threading.RLock()
        try:
            self.db = engine.connect()
        except Exception as exc:
            engine.dispose()
            raise self._wrap_error(exc) from exc
        #: the driver's own connection (for backend-specific tweaks in tests)
        self.conn: Any = self.db.connection.dbapi_connection
        try:
            self._prepare()
            self.migrate()
        except BaseException:
            self.close()
            raise

    # -- hooks --------------------------------------------------------------
    def _prepare(self) -> None:
        """Per-connection settings (pragmas, search path)."""

    def _lock_migrations(self) -> None:
        """Inside a transaction: wait until no other process is migrating."""

    def _wrap_error(self, exc: Exception) -> StoreError:
        return StoreError(str(exc).splitlines()[0] if str(exc) else type(exc).__name__, subject=self.uri)

    def _params(self, params: Sequence[Any]) -> tuple[Any, ...]:
        return tuple(params)

    # -- plumbing -------------------------------------------------------------
    def _sql(self, query: str, has_params: bool) -> str:
        if self.param == "?":
            return query
        if has_params:
            query = query.replace("%", "%%")
        return query.replace("?", self.param)

    def execute(self, query: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement; the result iterates rows and has ``fetchall`` and ``rowcount``."""
        values = self._params(params)
        try:
            if values:
                return self.db.exec_driver_sql(self._sql(query, True), values)
            return self.db.exec_driver_sql(self._sql(query, False))
        except StoreError:
            raise
        except Exception as exc:  # driver errors differ per backend
            raise self._wrap_error(exc) from exc

    def executemany(self, query: str, rows: Iterable[Sequence[Any]]) -> None:
        batch = [self._params(row) for row in rows]
        if not batch:
            return
        with self.transaction():
            try:
                self.db.exec_driver_sql(self._sql(query, True), batch)
            except Exception as exc:
                raise self._wrap_error(exc) from exc

    def insert_many(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]], conflict: str) -> None:
        """Insert rows (``conflict``: the ``ON CONFLICT`` clause); a backend may load big batches its own way."""
        marks_ = ", ".join("?" for _ in columns)
        self.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks_}) {conflict}", rows)

    def query(self, query: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return [tuple(row) for row in self.execute(query, params).fetchall()]

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        """All writes inside commit together or not at all; nesting joins the outer one."""
        with self._lock:
            outer = self._depth == 0
            if outer:
                self.execute(self.begin_sql)
            self._depth += 1
            try:
                yield self
            except BaseException:
                self._depth -= 1
                if outer:
                    self._end("ROLLBACK")
                raise
            self._depth -= 1
            if outer:
                self._end("COMMIT")

    def _end(self, verb: str) -> None:
        try:
            self.db.exec_driver_sql(verb)
        except Exception as exc:
            if verb == "COMMIT":
                raise self._wrap_error(exc) from exc

    def _autocommit(self) -> None:
        """Kept for callers of the first store; writes outside a transaction commit at once."""

    def close(self) -> None:
        try:
            self.db.close()
        finally:
            self.engine.dispose()

    def __enter__(self) -> Any:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- migrations -------------------------------------------------------------
    def _applied(self) -> set[str] | None:
        if not sa.inspect(self.db).has_table("migrations"):
            return None
        return {row[0] for row in self.query("SELECT name FROM migrations")}

    def migrate(self) -> list[str]:
        """Apply registered migrations this store has not seen, each in its own transaction.

        Safe when several processes open a new store at once (the first migrates,
        the others wait and find the work done) and after a kill mid-way (an
        unfinished migration was rolled back and runs again).
        """
        wanted = registered()
        done = self._applied()
        if done is not None and all(m.name in done for m in wanted):
            self._check_format()
            return []
        with self.transaction():
            self._lock_migrations()
            self.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            self.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        self._check_format()
        applied: list[str] = []
        for migration in wanted:
            with self.transaction():
                self._lock_migrations()
                if self.query("SELECT 1 FROM migrations WHERE name = ?", (migration.name,)):
                    continue
                for step in migration.statements:
                    if isinstance(step, str):
                        self.execute(translate(step, self.dialect))
                    else:
                        step(self)  # type: ignore[arg-type]
                self.execute("INSERT INTO migrations (name, applied_at) VALUES (?, ?)", (migration.name, now()))
                applied.append(migration.name)
        with self.transaction():
            self.execute(
                "INSERT INTO meta (key, value) VALUES ('format', ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (str(STORE_FORMAT),),
            )
        return applied

    def _check_format(self) -> None:
        found = self.query("SELECT value FROM meta WHERE key = 'format'")
        if found and int(found[0][0]) > STORE_FORMAT:
            raise StoreError(
                f"store format {found[0][0]} is newer than this tracegraph ({STORE_FORMAT}); upgrade tracegraph",
                subject=self.uri,
            )

    def migrations(self) -> list[str]:
        return [row[0] for row in self.query("SELECT name FROM migrations ORDER BY applied_at, name")]
