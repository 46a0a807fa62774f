"""What a caller may read: an :class:`Access` (readable and writable collections) and a store seen through it.

A :class:`ScopedStore` is the store as one caller may see it: statements of
collections it may not read are not there, merges only join members it can
see (the canonical id is the smallest visible one), and documents are found
only when a readable collection holds them. The graph, search, paths,
timeline, export and the rest run over it unchanged, so nothing downstream
needs to know about grants.
"""

from __future__ import annotations

import contextlib
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from tracegraph.errors import NotFoundError
from tracegraph.settings import Settings
from tracegraph.store import Document, Entity, Statement, Store, open_store
from tracegraph.store.queries import server_access as sql

#: datasets of documents no collection claims and no statement cites
DEFAULT_COLLECTION = "default"


@dataclass(frozen=True)
class Access:
    """Collections a caller may read and write; ``None`` means all (an admin)."""

    readable: frozenset[str] | None
    writable: frozenset[str] | None

    def can_read(self, dataset: str) -> bool:
        return self.readable is None or dataset in self.readable

    def can_write(self, dataset: str) -> bool:
        return self.writable is None or dataset in self.writable

    def only(self, datasets: Iterable[str]) -> set[str]:
        return {d for d in datasets if self.can_read(d)}

    @property
    def key(self) -> tuple[str, ...]:
        """A hashable key for caches: callers with the same key see the same data."""
        return ("*",) if self.readable is None else tuple(sorted(self.readable))


ALL = Access(None, None)


class StorePool:
    """One open store per thread (requests run on a thread pool).

    The pool's threads come and go (an idle one ends after a few seconds); a new thread takes over
    the store of one that ended instead of opening another, so a busy server does not pay a new
    connection on every new thread, nor keep one open for every thread it ever had. :meth:`warm`
    opens stores before any thread needs them (at server start, one per thread that may run at once),
    so the first burst of requests does not wait for connections to be set up.
    """

    def __init__(self, settings: Settings, opener: Callable[[Settings], Store] = open_store) -> None:
        self.settings = settings
        self._opener = opener
        self._local = threading.local()
        self._owners: dict[int, tuple[Store, threading.Thread | None]] = {}
        self._lock = threading.Lock()
        #: stores opened (the others were taken over from threads that ended)
        self.opened = 0

    def get(self) -> Store:
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            me = threading.current_thread()
            with self._lock:
                for key, (found, owner) in self._owners.items():
                    if owner is None or not owner.is_alive():  # unused, or its thread ended: no transaction open
                        store = found
                        self._owners[key] = (found, me)
                        break
            if store is None:
                store = self._opener(self.settings)
                with self._lock:
                    self._owners[id(store)] = (store, me)
                    self.opened += 1
            self._local.store = store
        return store

    def warm(self, count: int) -> int:
        """Open stores until the pool holds ``count``, for threads to take over later; returns how many it
        opened."""
        opened = 0
        while True:
            with self._lock:
                if len(self._owners) >= count:
                    return opened
            store = self._opener(self.settings)  # connects (and checks the schema) now
            with self._lock:
                self._owners[id(store)] = (store, None)
                self.opened += 1
            opened += 1

    def close(self) -> None:
        with self._lock:
            for store, _ in self._owners.values():
                with contextlib.suppress(Exception):  # a connection of another thread may refuse; it goes anyway
                    store.close()
            self._owners.clear()


class DocumentCache:
    """Documents with the collections claimed for them at upload, kept across requests until the store changes.

    Evidence names a document per relation; without this every entity page would read each
    document again.
    """

    def __init__(self, size: int = 1024) -> None:
        self.size = size
        self._found: OrderedDict[str, tuple[Document, frozenset[str]]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, doc_id: str) -> tuple[Document, frozenset[str]] | None:
        with self._lock:
            found = self._found.get(doc_id)
            if found is not None:
                self._found.move_to_end(doc_id)
            return found

    def put(self, doc: Document, collections: frozenset[str]) -> None:
        with self._lock:
            self._found[doc.id] = (doc, collections)
            while len(self._found) > self.size:
                self._found.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._found.clear()


class ScopedStore(sql.LentStore):
    """A read-only view of the store through an :class:`Access`, on the pool's store of the calling thread."""

    def __init__(self, pool: StorePool, access: Access, documents: DocumentCache | None = None) -> None:
        super().__init__(pool.get)
        self.pool = pool
        self.access = access
        self.known_documents = documents or DocumentCache(64)

    def statements(
        self,
        entity_ids: Iterable[str] | None = None,
        document_id: str | None = None,
        prop: str | None = None,
        value: str | None = None,
        include_retired: bool = False,
    ) -> Iterator[Statement]:
        found = super().statements(entity_ids, document_id, prop, value, include_retired)
        if self.access.readable is None:
            yield from found
            return
        for stmt in found:
            if stmt.dataset in self.access.readable:
                yield stmt

    def visible_ids(self, ids: Iterable[str]) -> set[str]:
        """Of these entity ids, those with at least one readable statement."""
        found = sql.entity_datasets(self, sorted(set(ids)))
        return {entity_id for entity_id, dataset in found if self.access.can_read(dataset)}

    def clusters(self) -> dict[str, str]:
        """Merges among visible members only; the canonical id is the smallest visible member."""
        base = super().clusters()
        if self.access.readable is None or not base:
            return base
        visible = self.visible_ids(base)
        groups: dict[str, list[str]] = defaultdict(list)
        for member, canonical in base.items():
            if member in visible:
                groups[canonical].append(member)
        return {m: min(members) for members in groups.values() for m in members}

    def entities(self, schema: str | None = None) -> Iterator[Entity]:
        clusters = self.clusters()
        for entity_id in self._entity_ids(schema, clusters):
            try:
                yield self._entity(entity_id, clusters)
            except NotFoundError:
                continue

    def _entity_ids(self, schema: str | None, clusters: dict[str, str]) -> list[str]:
        found = super()._entity_ids(schema, clusters)
        if self.access.readable is None:
            return found
        return sorted({clusters.get(i, i) for i in self.visible_ids(found)})

    def document_collections(self, doc_id: str) -> set[str]:
        """The collections a document is in: claimed at upload, or those of statements citing it."""
        return sql.claimed_collections(self, doc_id) or sql.citing_datasets(self, doc_id) or {DEFAULT_COLLECTION}

    def can_read_document(self, doc_id: str) -> bool:
        if self.access.readable is None:
            return True
        return bool(self.access.only(self.document_collections(doc_id)))

    def document(self, doc_id: str) -> Document:
        found = self.known_documents.get(doc_id)
        if found is None:
            doc = super().document(doc_id)  # an id prefix finds the one document it starts
            found = (doc, frozenset(sql.claimed_collections(self, doc.id)))
            self.known_documents.put(*found)
        doc, claimed = found
        if self.access.readable is not None and not self._may_read(doc.id, claimed):
            raise NotFoundError("no such document", subject=doc_id)
        return doc

    def documents_by_id(self, doc_ids: Iterable[str]) -> dict[str, Document]:
        """The documents with these ids that the caller may read (evidence reads them together)."""
        known: dict[str, tuple[Document, frozenset[str]]] = {}
        missing = []
        for doc_id in sorted(set(doc_ids)):
            found = self.known_documents.get(doc_id)
            if found is None:
                missing.append(doc_id)
            else:
                known[doc_id] = found
        if missing:  # the documents and the collections claimed for them, in one round trip
            rows, claims = sql.documents_with_claims(self, missing)
            for row in rows:
                doc = self._document(row)
                known[doc.id] = (doc, frozenset(claims.get(doc.id, ())))
                self.known_documents.put(*known[doc.id])
        readable = self.access.readable is None
        return {d: doc for d, (doc, claimed) in known.items() if readable or self._may_read(d, claimed)}

    def _may_read(self, doc_id: str, claimed: frozenset[str]) -> bool:
        """The rule of :meth:`document_collections`, with the claimed collections known."""
        return bool(self.access.only(claimed)) if claimed else self.can_read_document(doc_id)

    def documents(self, source_id: str | None = None, include_retired: bool = False) -> Iterator[Document]:
        for doc in super().documents(source_id, include_retired):
            if self.can_read_document(doc.id):
                yield doc

    def readable_documents(self, title: str | None, limit: int, offset: int) -> tuple[int, list[Document]]:
        """How many documents the caller may read (with ``title`` in their title), and one page of them.

        The rule of :meth:`can_read_document` in one query: a document's collections are those
        claimed at upload, else those of the statements citing it, else the default collection.
        """
        readable = self.access.readable
        default = readable is not None and DEFAULT_COLLECTION in readable
        total, rows = sql.readable_documents(self, readable, default, title, limit, offset)
        return total, [self._document(row) for row in rows]
