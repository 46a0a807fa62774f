"""The screening matcher, answers and whole-graph projections, kept until the store changes.

Questions (entity, neighbours, paths, timeline, search, documents) read the
store per request through a :class:`~tracegraph.api.reader.Reader`; the
answers of entity pages, searches and paths are kept (:class:`Answers`) for
callers who may read the same collections; only a full export projects the
whole graph a caller may see, and callers with the same readable collections
share that projection. A cheap fingerprint of
the store (row counts) is checked every few seconds so writes by another
process (the CLI) are picked up; the server's own writes call
:meth:`ServerCache.invalidate`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from tracegraph.api.access import Access, DocumentCache, ScopedStore, StorePool
from tracegraph.api.reader import Reader
from tracegraph.graph import Graph
from tracegraph.screen.matcher import Matcher
from tracegraph.store.queries import server_reads

log = logging.getLogger("tracegraph.api")

#: how many differently scoped whole graphs are kept (each is the size of the store in memory)
KEEP = 2


#: the most bytes of answers one worker keeps, and how long it keeps one (a bound on what a write the
#: fingerprint cannot see, such as a retired document, leaves stale)
ANSWER_BYTES = 64_000_000
ANSWER_SECONDS = 60.0


class Answers:
    """Response bodies of read-only questions, by the caller's readable collections and the question.

    Two callers share an answer only when they may read exactly the same collections, so nothing a
    caller may not read is ever served from here. Cleared on every write the server makes or notices.
    """

    def __init__(self, max_bytes: int = ANSWER_BYTES, seconds: float = ANSWER_SECONDS) -> None:
        self.max_bytes = max_bytes
        self.seconds = seconds
        self._found: OrderedDict[tuple[Any, ...], tuple[bytes, Any, float]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: tuple[Any, ...]) -> tuple[bytes, Any] | None:
        with self._lock:
            found = self._found.get(key)
            if found is None or time.monotonic() - found[2] > self.seconds:
                self.misses += 1
                return None
            self._found.move_to_end(key)
            self.hits += 1
            return found[0], found[1]

    def put(self, key: tuple[Any, ...], body: bytes, detail: Any) -> None:
        if len(body) > self.max_bytes // 16:  # one huge answer may not push out everything else
            return
        with self._lock:
            old = self._found.pop(key, None)
            if old is not None:
                self._bytes -= len(old[0])
            self._found[key] = (body, detail, time.monotonic())
            self._bytes += len(body)
            while self._bytes > self.max_bytes:
                _, (dropped, _, _) = self._found.popitem(last=False)
                self._bytes -= len(dropped)

    def clear(self) -> None:
        with self._lock:
            self._found.clear()
            self._bytes = 0


class ServerCache:
    def __init__(
        self,
        pool: StorePool,
        refresh_seconds: float = 2.0,
        on_change: Callable[[], None] | None = None,
        answer_bytes: int = ANSWER_BYTES,
        watch: bool = True,
    ) -> None:
        self.pool = pool
        self.refresh_seconds = refresh_seconds
        #: look for writes by other processes (off in a heavy process: its worker tells it)
        self.watch = watch
        #: called on every invalidation (the server clears its verified tokens: grants may have changed)
        self.on_change = on_change
        self.documents = DocumentCache()
        self.answers = Answers(answer_bytes)
        self._lock = threading.Lock()
        self._graphs: OrderedDict[tuple[str, ...], Graph] = OrderedDict()
        self._building: dict[tuple[str, ...], threading.Lock] = {}
        self._matcher_build = threading.Lock()
        self._matcher: Matcher | None = None
        self._list_names: frozenset[str] | None = None
        self._fingerprint: tuple[Any, ...] | None = None
        self._watcher: threading.Thread | None = None
        self.generation = 0

    def fingerprint(self) -> tuple[Any, ...]:
        return server_reads.fingerprint(self.pool.get())

    def invalidate(self) -> None:
        with self._lock:
            self._graphs.clear()
            self.documents.clear()
            self.answers.clear()
            self._matcher = None
            self._list_names = None
            self._fingerprint = None
            self.generation += 1
        if self.on_change is not None:
            self.on_change()

    def _check(self) -> None:
        """Notice writes by other processes: every ``refresh_seconds`` on one background thread (requests never
        wait for it); with ``refresh_seconds <= 0`` (tests) on every call, in the caller's thread."""
        if not self.watch:
            return
        if self.refresh_seconds <= 0:
            self._compare()
            return
        with self._lock:
            if self._watcher is not None:
                return
            self._watcher = threading.Thread(target=self._watch, name="tracegraph-refresh", daemon=True)
        self._compare()
        self._watcher.start()

    def _watch(self) -> None:
        while True:
            time.sleep(self.refresh_seconds)
            try:
                self._compare()
            except Exception:  # the store may be briefly unavailable; look again next time
                continue

    def _compare(self) -> None:
        found = self.fingerprint()
        if self._fingerprint is not None and found != self._fingerprint:
            self.invalidate()
        self._fingerprint = found
        if self.refresh_seconds > 0:  # the watcher thread keeps the change log small; requests never do
            server_reads.prune_changes(self.pool.get())

    def current(self) -> int:
        """The generation of what is kept, after looking for writes: it changes whenever the store did."""
        self._check()
        return self.generation

    def scoped(self, access: Access) -> ScopedStore:
        return ScopedStore(self.pool, access, self.documents)

    def reader(self, access: Access) -> Reader:
        """The questions of one request, read from the store through ``access``."""
        self._check()
        return Reader(self.pool, access, self.list_names(), self.documents)

    def answer(
        self, access: Access, question: tuple[Any, ...], build: Callable[[], tuple[bytes, Any]]
    ) -> tuple[bytes, Any]:
        """The answer ``build`` gives (a response body and what the audit record needs), kept for callers
        who may read the same collections and ask the same question, until the store changes."""
        self._check()
        if self.answers.max_bytes <= 0:
            return build()
        key = (access.key, *question)
        found = self.answers.get(key)
        if found is not None:
            return found
        generation = self.generation
        body, detail = build()
        if generation == self.generation:  # not if a write came in meanwhile: it may have changed the answer
            self.answers.put(key, body, detail)
        return body, detail

    def graph(self, access: Access) -> Graph:
        """The whole graph as ``access`` may see it, built on first use (full exports only)."""
        self._check()
        key = access.key
        with self._lock:
            found = self._graphs.get(key)
            if found is not None:
                self._graphs.move_to_end(key)
                return found
            building = self._building.setdefault(key, threading.Lock())
        with building:  # one build per scope at a time; the others wait for it
            with self._lock:
                found = self._graphs.get(key)
            if found is not None:
                return found
            generation = self.generation
            graph = Graph.load(self.scoped(access))
            with self._lock:
                if generation == self.generation:
                    self._graphs[key] = graph
                    while len(self._graphs) > KEEP:
                        self._graphs.popitem(last=False)
            return graph

    def matcher(self) -> Matcher:
        """One matcher over every loaded list; requests filter it to the lists they may read.

        Built once: requests that arrive while it is being built wait for that build instead of each
        starting their own."""
        self._check()
        with self._lock:
            if self._matcher is not None:
                return self._matcher
        from tracegraph.screen.build import matcher_from_store

        with self._matcher_build:
            with self._lock:
                if self._matcher is not None:
                    return self._matcher
                generation = self.generation
            matcher = matcher_from_store(self.pool.get())
            with self._lock:
                if generation == self.generation:
                    self._matcher = matcher
            return matcher

    def warm(self) -> None:
        """Build the matcher now (on a thread at start), so the first screening request does not wait for it."""
        try:
            self.matcher()
        except Exception:  # the store may not be ready; the first request builds it then
            log.warning("could not build the screening matcher at start", exc_info=True)

    def list_names(self) -> frozenset[str]:
        """Datasets that are screening lists."""
        with self._lock:
            if self._list_names is not None:
                return self._list_names
        names = server_reads.list_names(self.pool.get())
        with self._lock:
            self._list_names = names
        return names
