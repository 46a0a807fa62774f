"""What graph queries read from the store: who points at whom, who shares an identifier, by index.

An entity points at another through an entity-typed statement (``prop_type =
'entity'``, indexed by value) or through a property the caller names (an
identifier holding an id, such as ``Sanction.authorityId``). Every id given
and returned is canonical; datasets, when given, limit which statements count.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from tracegraph.store.model import Statement
from tracegraph.store.records import NOT_RETIRED, RecordsPart, chunks, marks, statement_columns, statement_from_row


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
        from sqlalchemy import inspect

        if not inspect(self.db).has_table("list_loads"):
            return []
        return sorted(row[0] for row in self.query("SELECT DISTINCT list_name FROM list_loads"))

    def case_datasets(self) -> list[str]:
        """Every dataset that is not a loaded list: the case material."""
        lists = set(self.list_datasets())
        return sorted(row[0] for row in self.query("SELECT DISTINCT dataset FROM statements") if row[0] not in lists)
