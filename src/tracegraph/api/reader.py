"""The caller's graph questions answered from the store, one neighbourhood at a time.

A :class:`Reader` is made per request. It asks the store's scoped queries
(:mod:`tracegraph.graph.scoped`) for what a question needs, over the datasets
the caller may read only: walks, name look-ups and shared identifiers carry
the caller's collections into their SQL, and :class:`GrantedStore` hands the
projection only statements of readable collections. So an entity shows its
visible half, an edge exists only when its statements are visible, and a path
is found on a projection of visible statements alone: it never runs through
what the caller cannot see.

Ids: a merged entity keeps the store's canonical id when the caller can see
that member, and otherwise shows as its smallest visible member, so no hidden
id is ever named. A request may name an entity only by an id it can see.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import Any

from tracegraph.api.access import Access, DocumentCache, ScopedStore, StorePool
from tracegraph.errors import NotFoundError
from tracegraph.graph import Graph, hops
from tracegraph.graph.projection import config
from tracegraph.graph.queries import brief
from tracegraph.graph.scoped import Scope, ref_props, relation_schemata
from tracegraph.store import Entity, Statement
from tracegraph.store.queries import server_reads
from tracegraph.store.records import chunks
from tracegraph.vocab import common_schema, prop_type

#: the most name-index candidates one search rescores
MAX_CANDIDATES = 2000
#: the most dated relations one timeline without an entity reads
MAX_TIMELINE = 2000


@lru_cache(maxsize=4096)
def _is_date(schema: str, prop: str) -> bool:
    return prop_type(schema, prop) == "date"


def year_of(value: str | None) -> str | None:
    head = (value or "")[:4]
    return head if len(head) == 4 and head.isdigit() else None


class GrantedStore(ScopedStore):
    """The store as one request reads it: statements of readable collections only, visible ids only."""

    def __init__(
        self, pool: StorePool, access: Access, lists: Collection[str], documents: DocumentCache | None = None
    ) -> None:
        super().__init__(pool, access, documents)
        self.dialect = pool.get().dialect
        self._lists = sorted(access.only(lists))
        #: store canonical id -> the id the caller sees; member ids the caller can see
        self.shown: dict[str, str] = {}
        self.visible_members: set[str] = set()
        self._grouped: dict[str, list[Statement]] = {}
        #: (reference properties, skipped properties) -> canonical id -> its ends (``None``: points at nothing)
        self._ends: dict[tuple[tuple[str, ...], tuple[str, ...]], dict[str, tuple[list[str], set[str]] | None]] = {}

    def list_datasets(self) -> list[str]:
        return list(self._lists)

    def _may_read(self, doc_id: str, claimed: frozenset[str]) -> bool:
        """Documents are read here only as evidence of readable statements: unless collections were claimed
        for it at upload, a document cited by a readable statement is readable (it is in that collection)."""
        return bool(self.access.only(claimed)) if claimed else True

    def _readable(self, stmt: Statement) -> bool:
        return self.access.readable is None or stmt.dataset in self.access.readable

    def statements_of(self, canonical_ids: Collection[str]) -> dict[str, list[Statement]]:
        """Readable statements by the id the caller sees (the same read is not repeated within a request)."""
        todo = sorted(set(canonical_ids) - set(self._grouped))
        if todo:
            found = ScopedStore.statements_of(self, todo)
            for canonical in todo:
                self._keep(canonical, found.get(canonical, ()))
        return {self.shown[c]: self._grouped[c] for c in canonical_ids if self._grouped.get(c)}

    def _keep(self, canonical: str, stmts: Iterable[Statement]) -> None:
        kept = [s for s in stmts if self._readable(s)]
        self._grouped[canonical] = kept
        if kept:
            members = {s.entity_id for s in kept}
            self.visible_members |= members
            self.shown[canonical] = canonical if canonical in members else min(members)

    def canonical_with_statements(self, entity_id: str) -> str:
        """The store's canonical id of an entity, with its statements read in the same round trip.

        An id that is a merged member or its own canonical id (nearly every id a client sends) costs one
        query; a retired id, or one without statements, is looked up as the store does (:meth:`canonical`),
        then read."""
        found = server_reads.statements_by_id(self, entity_id)
        if found is None:
            canonical = self.pool.get().canonical(entity_id)
            self.statements_of([canonical])
            return canonical
        canonical, stmts = found
        if canonical not in self._grouped:
            self._keep(canonical, stmts)
        return canonical

    def ends(
        self, canonical_ids: Collection[str], ref_props: Sequence[str] = (), skip_props: Sequence[str] = ()
    ) -> dict[str, tuple[list[str], set[str]]]:
        """The store's ends, each entity's read once per request (a walk asks again for the ones it started at)."""
        known = self._ends.setdefault((tuple(ref_props), tuple(skip_props)), {})
        todo = sorted(set(canonical_ids) - set(known))
        if todo:
            found = ScopedStore.ends(self, todo, ref_props, skip_props)
            known.update((i, found.get(i)) for i in todo)
        return {i: (list(e[0]), set(e[1])) for i in canonical_ids if (e := known[i]) is not None}

    def canonical_map(self, ids: Collection[str]) -> dict[str, str]:
        """Visible members to the id the caller sees; hidden members stand for themselves (and match nothing)."""
        found = ScopedStore.canonical_map(self, ids)
        return {
            member: self.shown[canonical]
            for member, canonical in found.items()
            if member in self.visible_members and canonical in self.shown
        }

    def store_canonical(self, ids: Collection[str]) -> dict[str, str]:
        """The store's own canonical ids of merged members (to walk the store with)."""
        return ScopedStore.canonical_map(self, ids)

    def entity_of(self, canonical: str) -> Entity | None:
        grouped = self.statements_of([canonical])
        if not grouped:
            return None
        shown, stmts = next(iter(grouped.items()))
        return Entity.assemble(shown, stmts, common_schema(s.schema for s in stmts))


class Reader:
    """Questions of one caller, each read from the store as a neighbourhood."""

    def __init__(
        self, pool: StorePool, access: Access, lists: Collection[str], documents: DocumentCache | None = None
    ) -> None:
        self.store = GrantedStore(pool, access, lists, documents)
        self.access = access
        readable = access.readable
        datasets: list[str] = ["*"] if readable is None else sorted(readable)
        self.empty = readable is not None and not readable
        self.scope = Scope(self.store, datasets or ["*"])

    # -- ids ------------------------------------------------------------------
    def resolve(self, entity_id: str) -> tuple[str, str]:
        """(store canonical id, id the caller sees) of an entity the caller can see; the same error if hidden."""
        if self.empty:
            raise NotFoundError("no such entity", subject=entity_id)
        canonical = self.store.canonical_with_statements(entity_id)
        grouped = self.store.statements_of([canonical])  # already read: no query
        if not grouped or (entity_id not in self.store.visible_members and self.access.readable is not None):
            raise NotFoundError("no such entity", subject=entity_id)
        return canonical, next(iter(grouped))

    def entity(self, entity_id: str) -> Entity:
        canonical, _ = self.resolve(entity_id)
        found = self.store.entity_of(canonical)
        assert found is not None  # resolve() saw its statements
        return found

    def shown_ids(self, visible_ids: Collection[str]) -> dict[str, str]:
        """Ids of entities with a readable statement -> the id the caller sees their entity by."""
        merged = self.store.store_canonical(visible_ids)
        if merged:
            self.store.statements_of(set(merged.values()))
        return {m: self.store.shown.get(merged[m], m) if m in merged else m for m in visible_ids}

    def visible(self, ids: Iterable[str]) -> set[str]:
        """Of these ids, those with a statement the caller may read."""
        return self.store.visible_ids(ids)

    # -- graphs ---------------------------------------------------------------
    def around(
        self, entity_ids: Iterable[str], depth: int, fanout: int | None = hops.FANOUT, budget: int = hops.BUDGET
    ) -> tuple[Graph, list[str]]:
        """The projection within ``depth`` hops of these entities (the store's bounded walk: at most
        ``fanout`` relations of each entity, ``budget`` entities in all), and their ids as the caller sees them."""
        resolved = [self.resolve(i) for i in entity_ids]
        graph = self.scope.around([c for c, _ in resolved], depth, fanout, budget)
        return graph, [shown for _, shown in resolved]

    def between(self, source: str, target: str, max_hops: int) -> tuple[Graph, str, str]:
        """A projection holding the shortest paths of at most ``max_hops`` hops between two entities."""
        (a, shown_a), (b, shown_b) = self.resolve(source), self.resolve(target)
        if a == b:
            return Graph(self.store), shown_a, shown_b
        relations, _ = self.scope._split([a, b])
        if not relations:  # the store's two-ended search over ids, then a projection of what lies on the paths
            found = hops.shortest(self.scope, a, b, max_hops)
            self.scope.walk = found.walk
            graph = self.scope.build(found.ids or {a, b}, found.walk.common)
            shortest = graph.shortest_paths(shown_a, shown_b, 1)
            # the walk may have stepped on hidden statements: then the projection must agree on the length
            if found.length is None or (shortest and len(shortest[0]) == found.length):
                return graph, shown_a, shown_b
        # a relation asked for by id, or a walk through hidden statements: both ends' bounded neighbourhoods
        first = hops.neighbourhood(self.scope, [a], (max_hops + 1) // 2)
        second = hops.neighbourhood(self.scope, [b], max_hops // 2)
        for cut in second.cuts.values():
            first.cut(cut.id, cut.followed, cut.more)
        self.scope.walk = first
        ids = first.nodes | first.relations | second.nodes | second.relations
        return self.scope.build(ids, first.common | second.common), shown_a, shown_b

    def report(self, graph: Graph, data: dict[str, Any]) -> dict[str, Any]:
        """Add ``truncated`` when the last walk was cut: relations not followed at entities the caller sees."""
        walk = self.scope.walk
        if walk is None:
            return data
        at = []
        for cut in sorted(walk.cuts.values(), key=lambda c: (-c.more, c.id)):
            shown = self.store.shown.get(cut.id)
            if shown is None or shown not in graph.entities:  # a cut at what the caller cannot see is not told
                continue
            at.append(hops.cut_entry(replace(cut, id=shown), {shown: brief(graph, shown)["caption"]}))
        if at or walk.stopped:
            data["truncated"] = {"more": sum(c["more"] for c in at), "at": at}
            if any(c.get("exact") is False for c in at):  # a hub counted up to a cap: "more than"
                data["truncated"]["exact"] = False
            if walk.stopped:
                data["truncated"]["reason"] = walk.stopped
        return data

    def dated(self) -> tuple[Graph, bool]:
        """Dated relations the caller may read with the entities they join (at most :data:`MAX_TIMELINE`)."""
        if self.empty:
            return Graph(self.store), False
        found = sorted(self.store.with_props(config()["dates"], relation_schemata(), self.scope.datasets))
        cut = len(found) > MAX_TIMELINE
        found = found[:MAX_TIMELINE]
        ends = self.store.referenced(found, ref_props()) if found else set()
        return self.scope.build(set(found) | ends), cut

    def named(self, text: str, wanted: int, datasets: Collection[str] | None = None) -> tuple[Graph, bool]:
        """The entities whose names share a word or word prefix with ``text``, as nodes without edges.

        Without ``text``: entities in name order (a browse). The flag says the candidates were cut.
        """
        if self.empty:
            return Graph(self.store), False
        limit = max(50, min(MAX_CANDIDATES, wanted * 5))
        scope = list(datasets) if datasets is not None else self.scope.datasets
        if datasets is not None and not scope:  # asked among no readable dataset: nothing
            return Graph(self.store), False
        if text.strip():
            rows = self.store.name_candidates(text, limit=limit, datasets=scope)
        else:
            rows = server_reads.browse_names(self.store, limit, scope)
            if datasets is not None and scope:  # a browse of some collections: their entities without names too
                rows += [(entity_id, "") for entity_id in server_reads.dataset_entities(self.store, scope, limit)]
        members = {entity_id for entity_id, _ in rows}
        merged = self.store.store_canonical(members)
        _, nodes = self.scope._split({merged.get(m, m) for m in members})
        # a result list shows names, captions, countries and collections: no edges, no evidence to read
        return self.scope.listing(nodes), len(rows) >= limit

    def years(self, graph: Graph) -> dict[str, list[str]]:
        """Years of each node's dated statements and of the dated relations that point at it.

        The relations' years are gathered by the database (distinct pairs of the id pointed at and a
        year), so a hub with thousands of relations costs one query and a few rows, not its relations'
        statements."""
        found: dict[str, set[str]] = {}
        for entity in graph.nodes():
            found[entity.id] = {y for s in entity.statements if _is_date(s.schema, s.prop) and (y := year_of(s.value))}
        if not found:
            return {}
        members = self.store._members_of(set(self._store_ids(found).values()))
        ends: list[tuple[str, str]] = []
        for part in chunks(members):  # readable dated relations whose readable statements point at them
            ends += server_reads.relation_years(self.store, part, relation_schemata(), ref_props(), self.scope.datasets)
        shown = self.store.canonical_map({value for value, _ in ends})
        for value, year in ends:
            target = shown.get(value, value)
            if target in found and year_of(year):
                found[target].add(year)
        return {k: sorted(v) for k, v in found.items()}

    def _store_ids(self, shown: Iterable[str]) -> dict[str, str]:
        """Id the caller sees -> the store's canonical id, for entities this request loaded."""
        back = {v: k for k, v in self.store.shown.items()}
        return {s: back.get(s, s) for s in shown}
