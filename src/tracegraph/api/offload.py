"""Heavy questions in processes of their own, so entity pages never share an interpreter with them.

A worker process runs one Python thread at a time. With searches and path
searches in its own heavy lane, an entity page that costs a few milliseconds
waits for the interpreter behind whatever a search is computing. Here each
worker hands searches, path searches and neighbourhoods to
``TRACEGRAPH_API_HEAVY_PROCESSES`` processes of its own (started with the
worker, at a lower CPU priority: ``TRACEGRAPH_API_HEAVY_NICE``), and its heavy
lane's threads only wait for their answers. The worker keeps the answers
(:class:`~tracegraph.api.cache.Answers`) and writes the audit record; a heavy
process only reads the store.

Each question carries the worker's cache generation: when the worker has seen
a write (its own or another process's), the heavy process drops what it kept
(list names, documents) before it answers.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracegraph.api.access import Access, StorePool
from tracegraph.api.cache import ServerCache
from tracegraph.api.questions import QUESTIONS
from tracegraph.errors import StoreError
from tracegraph.settings import Settings
from tracegraph.store import Store

if TYPE_CHECKING:
    from tracegraph.api.state import ServerState

log = logging.getLogger("tracegraph.api")

# -- inside a heavy process ------------------------------------------------------------
_cache: ServerCache | None = None
_generation: list[int] = [-1]
#: how much lower the priority of this process's PostgreSQL backend is to be (0: left as it is)
_db_nice: list[int] = [0]
#: id of the store whose backend was lowered -> that backend's pid (a reconnect gets a new backend)
_lowered: dict[int, int] = {}


def lower_backend(store: Store, nice: int) -> bool:
    """Lower the CPU priority of the PostgreSQL backend serving ``store`` to ``nice``, where that can apply:
    the server runs on the database's host (a Unix socket or a loopback address), the backend is a local
    ``postgres`` process, and this process may change its priority (the same user, or CAP_SYS_NICE).
    Anything else: ``False``, nothing changed.

    A backend lives as long as its connection, and a heavy process keeps its connection, so only that
    process's questions run at the lower priority. Do not use it behind a connection pooler on the same
    host, where one backend serves other clients in turn."""
    if nice <= 0 or store.dialect != "postgresql":
        return False
    info = getattr(store.conn, "info", None)
    host = str(getattr(info, "host", "") or "")
    pid = int(getattr(info, "backend_pid", 0) or 0)
    if not pid or not (host.startswith("/") or host in ("localhost", "127.0.0.1", "::1")):
        return False
    try:
        if not Path(f"/proc/{pid}/cmdline").read_bytes().startswith(b"postgres"):
            return False  # not a backend of this host (another machine, or another process namespace)
        os.setpriority(os.PRIO_PROCESS, pid, max(nice, os.getpriority(os.PRIO_PROCESS, pid)))
    except OSError:  # no /proc, the process is gone, or not allowed
        return False
    return True


def _lower_own_backend() -> None:
    """Lower this heavy process's backend once per connection (see :func:`lower_backend`)."""
    assert _cache is not None
    store = _cache.pool.get()
    pid = int(getattr(getattr(store.conn, "info", None), "backend_pid", 0) or 0)
    if _lowered.get(id(store)) == pid:
        return
    _lowered[id(store)] = pid
    if not lower_backend(store, _db_nice[0]):
        log.info("the heavy process's database backend keeps its priority (not on this host, or not allowed)")
        _db_nice[0] = 0  # it will not apply to a new connection either


def _begin(settings: Settings, nice: int, parent: int, db_nice: int = 0) -> None:
    """Set up a heavy process: lower priority, a store pool, the vocabulary; end when the worker ends."""
    global _cache
    if nice > 0:
        try:
            os.nice(nice)
        except OSError:  # not allowed here: run at the worker's priority
            log.warning("could not lower the priority of a heavy process")
    threading.Thread(target=_end_with, args=(parent,), name="tracegraph-orphan", daemon=True).start()
    from tracegraph.vocab import ftm_model

    ftm_model()
    _cache = ServerCache(StorePool(settings), watch=False)
    _db_nice[0] = db_nice
    if db_nice > 0:
        _lower_own_backend()
    gc.freeze()  # what is loaded now lives as long as the process: keep it out of full collections


def _end_with(parent: int) -> None:
    """Leave when the worker that started this process is gone (killed without a chance to stop it)."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(0)


def _ready() -> int:
    return os.getpid()


def _answer(kind: str, access: Access, generation: int, args: tuple[Any, ...]) -> tuple[bytes, Any]:
    assert _cache is not None, "a heavy process answers only after _begin"
    if generation != _generation[0]:
        _cache.invalidate()
        _generation[0] = generation
    if _db_nice[0] > 0:
        _lower_own_backend()
    return QUESTIONS[kind](_cache.reader(access), *args)


# -- in the worker ----------------------------------------------------------------------
class HeavyProcesses:
    """The heavy processes of one worker; :meth:`ask` blocks its (heavy-lane) thread until the answer comes."""

    def __init__(self, settings: Settings, count: int, nice: int = 0, db_nice: int = 0) -> None:
        self.settings = settings
        self.count = max(1, count)
        self.nice = nice
        self.db_nice = db_nice
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def _executor(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    max_workers=self.count,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_begin,
                    initargs=(self.settings, self.nice, os.getpid(), self.db_nice),
                )
            return self._pool

    def start(self) -> list[int]:
        """Start every process now and wait until each is ready (its pid), so no question waits for a start."""
        pool = self._executor()
        return sorted({f.result() for f in [pool.submit(_ready) for _ in range(self.count)]})

    def ask(self, kind: str, access: Access, generation: int, args: tuple[Any, ...]) -> tuple[bytes, Any]:
        """The answer of a heavy process; a process that died is replaced and the question asked once more."""
        for attempt in (1, 2):
            pool = self._executor()
            try:
                return pool.submit(_answer, kind, access, generation, args).result()
            except BrokenProcessPool:
                log.error("a heavy process ended while answering %s; starting new ones", kind)
                with self._lock:
                    if self._pool is pool:
                        self._pool = None
                pool.shutdown(wait=False, cancel_futures=True)
                if attempt == 2:
                    raise StoreError("the question ended its process; try a smaller one") from None
        raise AssertionError("unreachable")

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def ask(server: ServerState, access: Access, kind: str, *args: Any) -> tuple[bytes, Any]:
    """A heavy question's answer (body, audit detail): from the worker's heavy processes when it has them,
    else computed on the calling thread."""
    generation = server.cache.current()
    if server.heavy is None:
        return QUESTIONS[kind](server.cache.reader(access), *args)
    return server.heavy.ask(kind, access, generation, args)
