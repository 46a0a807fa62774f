"""What graph queries read from the store: who points at whom, who shares an identifier, by index.

An entity points at another through an entity-typed statement (``prop_type =
'entity'``, indexed by value) or through a property the caller names (an
identifier holding an id, such as ``Sanction.authorityId``). Every id given
and returned is canonical; datasets, when given, limit which statements count.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any, NamedTuple

from tracegraph.store.model import Statement
from tracegraph.store.records import NOT_RETIRED, RecordsPart, chunks, marks, statement_columns, statement_from_row


class Referrers(NamedTuple):
    """An entity's first referrers, and how many there are: exactly, or (``exact`` false) more than ``total``."""

    ids: list[str]
    total: int
    exact: bool


class AdjacencyPart(RecordsPart):
    """Adjacency and scoped reads for the graph queries."""

    def _members_of(self, canonical_ids: Collection[str]) -> list[str]:
        ids = sorted(canonical_ids)
        found = set(ids)
        for part in chunks(ids):
            found.update(
                row[0]
                for row in self.query(f"SELECT entity_id FROM clusters WHERE canonical_id IN ({marks(part)})", part)
            )
        return sorted(found)

    def canonical_map(self, ids: Collection[str]) -> dict[str, str]:
        """Member id to canonical id for those of ``ids`` that are merged (others stand for themselves)."""
        return self._canonical_of(sorted(ids))

    @staticmethod
    def _in_datasets(datasets: Sequence[str] | None, column: str = "s.dataset") -> tuple[str, list[Any]]:
        if not datasets:
            return "", []
        return f" AND {column} IN ({marks(datasets)})", list(datasets)

    def referencing(
        self,
        canonical_ids: Collection[str],
        ref_props: Sequence[str] = (),
        datasets: Sequence[str] | None = None,
        limit: int = 5000,
    ) -> set[str]:
        """Canonical ids of entities with a statement whose value is one of these entities."""
        members = self._members_of(canonical_ids)
        where, extra = self._in_datasets(datasets)
        found: set[str] = set()
        for part in chunks(members):
            rows = self.query(
                f"SELECT DISTINCT s.canonical_id FROM statements s WHERE s.prop_type = 'entity' "
                f"AND s.value IN ({marks(part)}){where} LIMIT ?",
                [*part, *extra, limit],
            )
            found.update(row[0] for row in rows)
            if ref_props:
                rows = self.query(
                    f"SELECT DISTINCT s.canonical_id FROM statements s WHERE s.prop IN ({marks(ref_props)}) "
                    f"AND s.value IN ({marks(part)}){where} LIMIT ?",
                    [*ref_props, *part, *extra, limit],
                )
                found.update(row[0] for row in rows)
        return found - set(canonical_ids)

    def _pointing(
        self,
        members: Sequence[str],
        ref_props: Sequence[str],
        skip_props: Sequence[str],
        datasets: Sequence[str] | None,
    ) -> list[tuple[str, list[Any]]]:
        """SELECTs of the canonical ids whose statements point at ``members``: entity-typed values by the
        adjacency index, and the named reference properties by the (prop, value) index."""
        where, extra = self._in_datasets(datasets)
        skip = f" AND s.prop NOT IN ({marks(skip_props)})" if skip_props else ""
        found = [
            (
                f"SELECT DISTINCT s.canonical_id FROM statements s WHERE s.prop_type = 'entity' "
                f"AND s.value IN ({marks(members)}){where}{skip}",
                [*members, *extra, *skip_props],
            )
        ]
        if ref_props:
            found.append(
                (
                    f"SELECT DISTINCT s.canonical_id FROM statements s WHERE s.prop IN ({marks(ref_props)}) "
                    f"AND s.value IN ({marks(members)}){where}",
                    [*ref_props, *members, *extra],
                )
            )
        return found

    def referrers(
        self,
        canonical_id: str,
        ref_props: Sequence[str] = (),
        skip_props: Sequence[str] = (),
        datasets: Sequence[str] | None = None,
        limit: int = 100,
        count_to: int | None = None,
    ) -> Referrers:
        """The first ``limit`` entities (by id) whose statements point at this one, and how many there are.

        Both are index range reads, so a hub with a hundred thousand referrers
        costs its first ``limit`` ids and one count, not a hundred thousand rows.
        With ``count_to`` the count stops there: a hub with more referrers reads
        ``count_to + 1`` ids of each index range and answers "more than
        ``count_to``" (``exact`` false), never a count of all of them.
        """
        members = self._members_of([canonical_id])
        reach = limit if count_to is None else max(limit, count_to)
        found: set[str] = set()
        over = False
        selects = self._pointing(members, ref_props, skip_props, datasets)
        for sql, params in selects:
            rows = self.query(
                f"{sql} AND s.canonical_id <> ? ORDER BY s.canonical_id LIMIT ?", [*params, canonical_id, reach + 1]
            )
            found.update(row[0] for row in rows)
            over = over or len(rows) > reach
        ordered = sorted(found)
        if not over:
            return Referrers(ordered[:limit], len(ordered), True)
        if count_to is not None:
            return Referrers(ordered[:limit], reach, False)
        union = " UNION ".join(f"{sql} AND s.canonical_id <> ?" for sql, _ in selects)
        params = [p for _, ps in selects for p in [*ps, canonical_id]]
        total = int(self.query(f"SELECT COUNT(*) FROM ({union}) AS x", params)[0][0])
        return Referrers(ordered[:limit], total, True)

    def referrers_of(
        self,
        canonical_ids: Collection[str],
        ref_props: Sequence[str] = (),
        skip_props: Sequence[str] = (),
        datasets: Sequence[str] | None = None,
        limit: int = 100,
        count_to: int = 1000,
    ) -> dict[str, Referrers]:
        """:meth:`referrers` of many entities at once (a layer of a walk), counted up to ``count_to``.

        On PostgreSQL each kind of pointing statement is one query for the whole layer (a ``LATERAL``
        index range of each entity, cut at ``count_to + 1``), not a round trip per entity; SQLite, in
        the same process, asks entity by entity."""
        ids = sorted(set(canonical_ids))
        if self.dialect != "postgresql":
            return {c: self.referrers(c, ref_props, skip_props, datasets, limit, count_to) for c in ids}
        reach = max(limit, count_to)
        where, extra = self._in_datasets(datasets)
        skip = f" AND s.prop NOT IN ({marks(skip_props)})" if skip_props else ""
        kinds = [(f"s.prop_type = 'entity'{skip}", list(skip_props))]
        if ref_props:
            kinds.append((f"s.prop IN ({marks(ref_props)})", list(ref_props)))
        found: dict[str, set[str]] = {c: set() for c in ids}
        over: set[str] = set()
        for part in chunks(ids, 400):
            # one round trip per part: the members of each id (merged ones from the clusters), then each
            # kind of pointing statement as an index range of each member, cut at ``reach + 1``
            listed = ", ".join("(?)" for _ in part)
            ranges = " UNION ALL ".join(
                f"SELECT {k}, m.v, m.c, r.canonical_id FROM m CROSS JOIN LATERAL (SELECT DISTINCT s.canonical_id "
                f"FROM statements s WHERE {test} AND s.value = m.v{where} AND s.canonical_id <> m.c "
                f"ORDER BY s.canonical_id LIMIT ?) AS r"
                for k, (test, _) in enumerate(kinds)
            )
            rows = self.query(
                f"WITH ids(c) AS (VALUES {listed}), m(v, c) AS (SELECT c, c FROM ids UNION ALL "
                "SELECT k.entity_id, k.canonical_id FROM clusters k JOIN ids ON k.canonical_id = ids.c "
                f"WHERE k.entity_id <> k.canonical_id) {ranges}",
                [*part, *(p for _, test_params in kinds for p in [*test_params, *extra, reach + 1])],
            )
            per_value: dict[tuple[int, str], int] = {}
            for kind, value, owner, referrer in rows:
                found[owner].add(referrer)
                per_value[kind, value] = per_value.get((kind, value), 0) + 1
                if per_value[kind, value] > reach:
                    over.add(owner)
        answer: dict[str, Referrers] = {}
        for c in ids:
            ordered = sorted(found[c])
            exact = c not in over
            answer[c] = Referrers(ordered[:limit], len(ordered) if exact else reach, exact)
        return answer

    def _members_map(self, canonical_ids: Sequence[str]) -> dict[str, list[str]]:
        """Each canonical id with the ids merged into it (itself first)."""
        found = {c: [c] for c in canonical_ids}
        for part in chunks(list(canonical_ids)):
            rows = self.query(
                f"SELECT entity_id, canonical_id FROM clusters WHERE canonical_id IN ({marks(part)})", part
            )
            for member, canonical in rows:
                if member != canonical:
                    found[canonical].append(member)
        return found

    def degrees(
        self,
        canonical_ids: Collection[str],
        ref_props: Sequence[str] = (),
        skip_props: Sequence[str] = (),
        datasets: Sequence[str] | None = None,
        cap: int | None = None,
    ) -> dict[str, int]:
        """How many statements point at each entity (an upper bound of its relations), by index counts.

        With ``cap`` each id's count stops past ``cap`` (a count over ``cap`` means "a hub"), so
        telling a hub from the rest costs at most ``cap`` index entries however big the hub is."""
        ids = sorted(canonical_ids)
        members = self._members_of(ids)
        to_canonical = self._canonical_of(members)
        where, extra = self._in_datasets(datasets)
        skip = f" AND s.prop NOT IN ({marks(skip_props)})" if skip_props else ""
        counts = dict.fromkeys(ids, 0)
        for part in chunks(members):
            if cap is None:
                rows = self.query(
                    f"SELECT s.value, COUNT(*) FROM statements s WHERE s.prop_type = 'entity' "
                    f"AND s.value IN ({marks(part)}){where}{skip} GROUP BY s.value",
                    [*part, *extra, *skip_props],
                )
                if ref_props:
                    rows += self.query(
                        f"SELECT s.value, COUNT(*) FROM statements s WHERE s.prop IN ({marks(ref_props)}) "
                        f"AND s.value IN ({marks(part)}){where} GROUP BY s.value",
                        [*ref_props, *part, *extra],
                    )
            else:
                kinds: list[tuple[str, list[str], str, list[str]]] = [
                    ("s.prop_type = 'entity'", [], skip, list(skip_props))
                ]
                if ref_props:
                    kinds.append((f"s.prop IN ({marks(ref_props)})", list(ref_props), "", []))
                rows = []
                for test, test_params, skipping, skip_params in kinds:
                    each = (
                        f"SELECT COUNT(*) FROM (SELECT 1 FROM statements s WHERE {test} AND s.value = m.v"
                        f"{where}{skipping} LIMIT ?) AS x"
                    )
                    listed = ", ".join("(?)" for _ in part)  # VALUES: planned at once, not as 500 SELECTs
                    rows += self.query(
                        f"WITH m(v) AS (VALUES {listed}) SELECT m.v, ({each}) FROM m",
                        [*part, *test_params, *extra, *skip_params, cap + 1],
                    )
            for value, count in rows:
                owner = to_canonical.get(value, value)
                if owner in counts:
                    counts[owner] += int(count)
        return counts

    def ends(
        self, canonical_ids: Collection[str], ref_props: Sequence[str] = (), skip_props: Sequence[str] = ()
    ) -> dict[str, tuple[list[str], set[str]]]:
        """For each entity, the schemata of its pointing statements and the canonical ids they point at."""
        ids = sorted(canonical_ids)
        props = f" OR s.prop IN ({marks(ref_props)})" if ref_props else ""
        skip = f" AND s.prop NOT IN ({marks(skip_props)})" if skip_props else ""
        found: dict[str, tuple[list[str], set[str]]] = {}
        for part in chunks(ids):
            # with the canonical id of each value that is an entity (one id's statements share one), in the
            # same round trip; a value that is no entity's id stays NULL and ties nothing
            rows = self.query(
                "SELECT e.canonical_id, e.schema, (SELECT t.canonical_id FROM statements t "
                "WHERE t.entity_id = e.value LIMIT 1) FROM (SELECT DISTINCT s.canonical_id, s.schema, s.value "
                f"FROM statements s WHERE s.canonical_id IN ({marks(part)}) AND (s.prop_type = 'entity'{props}){skip} "
                f"AND {NOT_RETIRED}) AS e",
                [*part, *ref_props, *skip_props],
            )
            for owner, schema, target in rows:
                schemata, targets = found.setdefault(owner, ([], set()))
                if schema not in schemata:
                    schemata.append(schema)
                if target is not None and target != owner:
                    targets.add(target)
        return found

    def referenced(self, canonical_ids: Collection[str], ref_props: Sequence[str] = ()) -> set[str]:
        """Canonical ids of the entities these entities' statements point at (only ids that exist)."""
        values: set[str] = set()
        ids = sorted(canonical_ids)
        props = f" OR s.prop IN ({marks(ref_props)})" if ref_props else ""
        for part in chunks(ids):
            rows = self.query(
                f"SELECT DISTINCT s.value FROM statements s WHERE s.canonical_id IN ({marks(part)}) "
                f"AND (s.prop_type = 'entity'{props}) AND {NOT_RETIRED}",
                [*part, *ref_props],
            )
            values.update(row[0] for row in rows)
        existing: set[str] = set()
        ordered = sorted(values)
        for part in chunks(ordered):
            rows = self.query(f"SELECT DISTINCT canonical_id FROM statements WHERE entity_id IN ({marks(part)})", part)
            existing.update(row[0] for row in rows)
        return existing - set(canonical_ids)

    def sharing(
        self,
        canonical_ids: Collection[str],
        props: Sequence[str],
        limit: int,
        datasets: Sequence[str] | None = None,
    ) -> tuple[set[str], set[tuple[str, str]]]:
        """Entities holding the same identifier values as these, and the values too common to count.

        A value held by more than ``limit`` entities (a switchboard, a free-mail
        domain) ties nobody; it is returned so a projection can skip it too.
        """
        ids = sorted(canonical_ids)
        where, extra = self._in_datasets(datasets)
        values: set[tuple[str, str]] = set()
        for part in chunks(ids):
            rows = self.query(
                f"SELECT DISTINCT s.prop, s.value FROM statements s WHERE s.canonical_id IN ({marks(part)}) "
                f"AND s.prop IN ({marks(props)}){where}",
                [*part, *props, *extra],
            )
            values.update((row[0], row[1]) for row in rows)
        holders: set[str] = set()
        common: set[tuple[str, str]] = set()
        for prop, value in sorted(values):
            rows = self.query(
                f"SELECT DISTINCT s.canonical_id FROM statements s WHERE s.prop = ? AND s.value = ?{where} LIMIT ?",
                [prop, value, *extra, limit + 1],
            )
            if len(rows) > limit:
                common.add((prop, value.strip().lower()))
            else:
                holders.update(row[0] for row in rows)
        return holders - set(canonical_ids), common

    def schemata_of(self, canonical_ids: Collection[str]) -> dict[str, list[str]]:
        """The schemata each entity's statements were written with."""
        found: dict[str, list[str]] = {}
        ids = sorted(canonical_ids)
        for part in chunks(ids):
            rows = self.query(
                f"SELECT DISTINCT canonical_id, schema FROM statements WHERE canonical_id IN ({marks(part)})", part
            )
            for canonical_id, schema in rows:
                found.setdefault(canonical_id, []).append(schema)
        return found

    def statements_of(self, canonical_ids: Collection[str]) -> dict[str, list[Statement]]:
        """The visible statements of these entities, grouped by canonical id, first seen first."""
        grouped: dict[str, list[Statement]] = {}
        ids = sorted(canonical_ids)
        for part in chunks(ids):
            rows = self.query(
                f"SELECT s.canonical_id, {statement_columns()} FROM statements s "
                f"WHERE s.canonical_id IN ({marks(part)}) AND {NOT_RETIRED} ORDER BY s.first_seen, s.id",
                part,
            )
            for row in rows:
                grouped.setdefault(row[0], []).append(statement_from_row(row[1:]))
        return grouped

    def with_props(
        self, props: Sequence[str], schemata: Sequence[str], datasets: Sequence[str] | None = None
    ) -> set[str]:
        """Canonical ids of entities of these schemata with a statement of one of these properties."""
        where, extra = self._in_datasets(datasets)
        rows = self.query(
            f"SELECT DISTINCT s.canonical_id FROM statements s WHERE s.prop IN ({marks(props)}) "
            f"AND s.schema IN ({marks(schemata)}){where}",
            [*props, *schemata, *extra],
        )
        return {row[0] for row in rows}

    def list_datasets(self) -> list[str]:
        """Datasets loaded as lists (the screening part's ``list_loads``), which graph queries leave out by default."""
        if getattr(self, "_has_list_loads", None) is None:
            from sqlalchemy import inspect

            self._has_list_loads = bool(inspect(self.db).has_table("list_loads"))
        if not self._has_list_loads:
            return []
        return sorted(row[0] for row in self.query("SELECT DISTINCT list_name FROM list_loads"))

    def case_datasets(self) -> list[str]:
        """Every dataset that is not a loaded list: the case material."""
        lists = set(self.list_datasets())
        return sorted(row[0] for row in self.query("SELECT name FROM datasets") if row[0] not in lists)

    def links(
        self,
        canonical_ids: Collection[str],
        ref_props: Sequence[str] = (),
        skip_props: Sequence[str] = (),
        datasets: Sequence[str] | None = None,
    ) -> list[tuple[str, str]]:
        """(entity, entity) pairs one statement apart: each entity here with whom its statements point at,
        and with whoever points at it. A path search turns these into hops (through relation entities)."""
        ids = sorted(canonical_ids)
        members = self._members_of(ids)
        to_canonical = self._canonical_of(members)
        where, extra = self._in_datasets(datasets)
        skip = f" AND s.prop NOT IN ({marks(skip_props)})" if skip_props else ""
        props = f" OR s.prop IN ({marks(ref_props)})" if ref_props else ""
        pairs: set[tuple[str, str]] = set()
        # apart, so the adjacency index alone answers the entity-typed ones
        kinds: list[tuple[str, list[str]]] = [("s.prop_type = 'entity'", [])]
        if ref_props:
            kinds.append((f"s.prop IN ({marks(ref_props)})", list(ref_props)))
        for part in chunks(members):
            for test, test_params in kinds:
                rows = self.query(
                    f"SELECT DISTINCT s.canonical_id, s.value FROM statements s WHERE {test} "
                    f"AND s.value IN ({marks(part)}){where}{skip}",
                    [*test_params, *part, *extra, *skip_props],
                )
                pairs.update((to_canonical.get(value, value), referrer) for referrer, value in rows)
        values: set[tuple[str, str]] = set()
        for part in chunks(ids):
            rows = self.query(
                f"SELECT DISTINCT s.canonical_id, s.value FROM statements s WHERE s.canonical_id IN ({marks(part)}) "
                f"AND (s.prop_type = 'entity'{props}){skip} AND {NOT_RETIRED}",
                [*part, *ref_props, *skip_props],
            )
            values.update((row[0], row[1]) for row in rows)
        existing = self._canonical_existing(sorted({v for _, v in values}))
        pairs.update((owner, existing[v]) for owner, v in values if v in existing)
        return sorted((a, b) for a, b in pairs if a != b)

    def _canonical_existing(self, ids: Sequence[str]) -> dict[str, str]:
        """Of these ids, those that are entities, with their canonical id."""
        found: dict[str, str] = {}
        for part in chunks(list(ids)):
            rows = self.query(
                f"SELECT DISTINCT entity_id, canonical_id FROM statements WHERE entity_id IN ({marks(part)})", part
            )
            found.update((row[0], row[1]) for row in rows)
        return found

    def shared_pairs(
        self,
        canonical_ids: Collection[str],
        props: Sequence[str],
        limit: int,
        datasets: Sequence[str] | None = None,
    ) -> tuple[list[tuple[str, str]], set[tuple[str, str]]]:
        """(entity, other holder) pairs of the same identifier value, and the values too common to count."""
        ids = sorted(canonical_ids)
        where, extra = self._in_datasets(datasets)
        if self.dialect == "postgresql" and len(ids) <= 500:
            return self._shared_pairs_at_once(ids, props, limit, where, extra)
        owners: dict[tuple[str, str], set[str]] = {}
        for part in chunks(ids):
            rows = self.query(
                f"SELECT DISTINCT s.canonical_id, s.prop, s.value FROM statements s "
                f"WHERE s.canonical_id IN ({marks(part)}) AND s.prop IN ({marks(props)}){where}",
                [*part, *props, *extra],
            )
            for owner, prop, value in rows:
                owners.setdefault((prop, value), set()).add(owner)
        pairs: list[tuple[str, str]] = []
        common: set[tuple[str, str]] = set()
        for (prop, value), held_by in sorted(owners.items()):
            rows = self.query(
                f"SELECT DISTINCT s.canonical_id FROM statements s WHERE s.prop = ? AND s.value = ?{where} LIMIT ?",
                [prop, value, *extra, limit + 1],
            )
            if len(rows) > limit:
                common.add((prop, value.strip().lower()))
                continue
            pairs.extend((owner, row[0]) for owner in held_by for row in rows if row[0] != owner)
        return pairs, common

    def _shared_pairs_at_once(
        self, ids: Sequence[str], props: Sequence[str], limit: int, where: str, extra: Sequence[str]
    ) -> tuple[list[tuple[str, str]], set[tuple[str, str]]]:
        """:meth:`shared_pairs` in one round trip (PostgreSQL): the identifiers these entities hold (rows
        marked 1), and the first ``limit + 1`` holders of each (marked 0: a ``LATERAL`` index range, so a
        common value costs its cap, not its holders)."""
        rows = self.query(
            "WITH held AS (SELECT DISTINCT s.canonical_id AS owner, s.prop, s.value FROM statements s "
            f"WHERE s.canonical_id IN ({marks(ids)}) AND s.prop IN ({marks(props)}){where}) "
            "SELECT 0, k.prop, k.value, r.canonical_id FROM (SELECT DISTINCT prop, value FROM held) AS k "
            "CROSS JOIN LATERAL (SELECT DISTINCT s.canonical_id FROM statements s WHERE s.prop = k.prop "
            f"AND s.value = k.value{where} LIMIT ?) AS r "
            "UNION ALL SELECT 1, h.prop, h.value, h.owner FROM held AS h",
            [*ids, *props, *extra, *extra, limit + 1],
        )
        holders: dict[tuple[str, str], list[str]] = {}
        owners: dict[tuple[str, str], set[str]] = {}
        for mark, prop, value, entity_id in rows:
            if mark:
                owners.setdefault((prop, value), set()).add(entity_id)
            else:
                holders.setdefault((prop, value), []).append(entity_id)
        pairs: list[tuple[str, str]] = []
        common: set[tuple[str, str]] = set()
        for (prop, value), held_by in sorted(owners.items()):
            found = holders.get((prop, value), [])
            if len(found) > limit:
                common.add((prop, value.strip().lower()))
                continue
            pairs.extend((owner, other) for owner in held_by for other in found if other != owner)
        return pairs, common

    def ties_between(
        self,
        left: str,
        right: str,
        ref_props: Sequence[str] = (),
        skip_props: Sequence[str] = (),
        datasets: Sequence[str] | None = None,
        limit: int | None = None,
    ) -> list[tuple[str, str]]:
        """What ties two entities directly: ``(id, schema)`` of each entity whose statements point at both
        (a relation between them, when its schema is an edge), and ``(left or right, "")`` when one
        points at the other. With ``limit`` at most that many entities pointing at both are read: a
        path needs the first ties, not all of them.

        Read from ``left`` (pass the side with fewer referrers): its referrers by the adjacency index,
        each kept if the other side's index range holds it too. Both are index-only reads of the same
        index, in id order, so two hubs cost their index ranges, not a row read per referrer."""
        lefts, rights = self._members_of([left]), self._members_of([right])
        where, extra = self._in_datasets(datasets, "a.dataset")
        skip_a = f" AND a.prop NOT IN ({marks(skip_props)})" if skip_props else ""
        skip_b = f" AND b.prop NOT IN ({marks(skip_props)})" if skip_props else ""
        capped = " LIMIT ?" if limit is not None else ""
        rows = self.query(
            f"SELECT DISTINCT a.canonical_id FROM statements a WHERE a.prop_type = 'entity' "
            f"AND a.value IN ({marks(lefts)}){where}{skip_a} AND EXISTS (SELECT 1 FROM statements b "
            f"WHERE b.prop_type = 'entity' AND b.value IN ({marks(rights)}) AND b.canonical_id = a.canonical_id"
            f"{skip_b}) ORDER BY a.canonical_id{capped}",
            [*lefts, *extra, *skip_props, *rights, *skip_props, *([limit] if limit is not None else [])],
        )
        both = {row[0] for row in rows}
        if ref_props:  # ends held in identifier properties (``Sanction.authorityId``): few, read by (prop, value)
            both |= self._ref_ties(lefts, rights, ref_props, skip_props, datasets)
            both |= self._ref_ties(rights, lefts, ref_props, skip_props, datasets)
        both -= {left, right}
        found = [(owner, schema) for owner, schemata in sorted(self.schemata_of(both).items()) for schema in schemata]
        for owner, members in ((left, rights), (right, lefts)):
            rows = self.query(
                f"SELECT 1 FROM statements s WHERE s.canonical_id = ? AND (s.prop_type = 'entity'"
                f"{' OR s.prop IN (' + marks(ref_props) + ')' if ref_props else ''}) "
                f"AND s.value IN ({marks(members)}) AND {NOT_RETIRED} LIMIT 1",
                [owner, *ref_props, *members],
            )
            if rows:
                found.append((owner, ""))
        return found

    def _ref_ties(
        self,
        ones: Sequence[str],
        others: Sequence[str],
        ref_props: Sequence[str],
        skip_props: Sequence[str],
        datasets: Sequence[str] | None,
    ) -> set[str]:
        """Entities pointing at ``ones`` through a reference property and at ``others`` by any property."""
        where, extra = self._in_datasets(datasets)
        pointing = [
            row[0]
            for row in self.query(
                f"SELECT DISTINCT s.canonical_id FROM statements s WHERE s.prop IN ({marks(ref_props)}) "
                f"AND s.value IN ({marks(ones)}){where}",
                [*ref_props, *ones, *extra],
            )
        ]
        skip = f" AND s.prop NOT IN ({marks(skip_props)})" if skip_props else ""
        props = f"(s.prop_type = 'entity' OR s.prop IN ({marks(ref_props)}))"
        found: set[str] = set()
        for part in chunks(pointing):
            rows = self.query(
                f"SELECT DISTINCT s.canonical_id FROM statements s WHERE s.canonical_id IN ({marks(part)}) "
                f"AND {props} AND s.value IN ({marks(others)}){skip}",
                [*part, *ref_props, *others, *skip_props],
            )
            found.update(row[0] for row in rows)
        return found
