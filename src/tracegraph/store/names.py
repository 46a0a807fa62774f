"""The name index: every name-typed value once per entity, for exact look-ups and full-text search.

SQLite searches it with FTS5, PostgreSQL with a GIN full-text index
(``simple`` configuration); both match whole words and word prefixes of the
normalised name. Callers rescore the candidates (see ``graph.queries``).

The key (``norm``) is the one matching normaliser's :func:`tracegraph.match.fold`:
screening, resolution and search read a name alike ("O'Brien" is ``obrien``
everywhere). Stores keyed by the earlier normaliser are re-keyed by migration
``model.2`` (:func:`rekey_name_index`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from tracegraph.match.normalise import fold
from tracegraph.store.records import RecordsPart, chunks, marks


def norm_name(text: str) -> str:
    """The form the index keeps: the matching engine's :func:`~tracegraph.match.fold` (lower-case ASCII words)."""
    return fold(text)


def _tokens(text: str) -> list[str]:
    return [t for t in norm_name(text).split() if t][:12]


class NamesPart(RecordsPart):
    """Write and search the name index."""

    def _index_names(self, rows: Iterable[tuple[str, str, str, str]]) -> None:
        """Rows of (entity_id, dataset, prop, name) for name-typed statements."""
        batch = [(e, d, p, n, norm_name(n)) for e, d, p, n in rows]
        batch = [row for row in batch if row[4]]
        if not batch:
            return
        with self.transaction():
            last = self.query("SELECT COALESCE(MAX(id), 0) FROM name_index")[0][0] if self.dialect == "sqlite" else 0
            self.insert_many(
                "name_index",
                ["entity_id", "dataset", "prop", "name", "norm"],
                batch,
                "ON CONFLICT (entity_id, prop, name) DO NOTHING",
            )
            if self.dialect == "sqlite":  # the full-text table follows in one statement, not a trigger per row
                self.execute("INSERT INTO name_fts (rowid, norm) SELECT id, norm FROM name_index WHERE id > ?", (last,))

    def _dataset_clause(self, datasets: Sequence[str] | None, column: str = "n.dataset") -> tuple[str, list[Any]]:
        if not datasets:
            return "", []
        return f" AND {column} IN ({marks(datasets)})", list(datasets)

    def name_candidates(
        self, text: str, limit: int = 200, datasets: Sequence[str] | None = None
    ) -> list[tuple[str, str]]:
        """(entity_id, name) pairs whose normalised name shares a word or word prefix with ``text``."""
        tokens = _tokens(text)
        if not tokens:
            return []
        found: dict[tuple[str, str], None] = {}
        # every word first (selective and quick), then any word to fill up
        for joiner in ("all", "any"):
            for row in self._match(tokens, joiner, limit, datasets):
                found.setdefault((row[0], row[1]), None)
            if len(found) >= limit or len(tokens) == 1:
                break
        return list(found)[:limit]

    def _match(self, tokens: list[str], joiner: str, limit: int, datasets: Sequence[str] | None) -> list[Any]:
        where, params = self._dataset_clause(datasets)
        if self.dialect == "postgresql":
            query = (" & " if joiner == "all" else " | ").join(f"{t}:*" for t in tokens)
            return self.query(
                "SELECT n.entity_id, n.name FROM name_index n "
                "WHERE to_tsvector('simple', n.norm) @@ to_tsquery('simple', ?)"
                f"{where} ORDER BY length(n.norm), n.id LIMIT ?",
                [query, *params, limit],
            )
        query = (" AND " if joiner == "all" else " OR ").join(f'"{t}"*' for t in tokens)
        return self.query(
            "SELECT n.entity_id, n.name FROM name_fts f JOIN name_index n ON n.id = f.rowid "
            f"WHERE name_fts MATCH ?{where} ORDER BY f.rank, n.id LIMIT ?",
            [query, *params, limit],
        )

    def entities_named(self, name: str, datasets: Sequence[str] | None = None) -> list[str]:
        """Entity ids (as written, not canonical) with exactly this name, after normalisation."""
        key = norm_name(name)
        if not key:
            return []
        where, params = self._dataset_clause(datasets)
        rows = self.query(f"SELECT DISTINCT n.entity_id FROM name_index n WHERE n.norm = ?{where}", [key, *params])
        return sorted(row[0] for row in rows)

    def names_of(self, entity_ids: Sequence[str]) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for part in chunks(list(entity_ids)):
            rows = self.query(f"SELECT entity_id, name FROM name_index WHERE entity_id IN ({marks(part)})", part)
            for entity_id, name in rows:
                found.setdefault(entity_id, []).append(name)
        return found


def fill_name_index(store: Any) -> None:
    """Index the names of an existing store (migration ``core.4``)."""
    cur = store.query("SELECT entity_id, dataset, prop, value FROM statements WHERE prop_type = 'name'")
    store._index_names(cur)


def rekey_name_index(store: Any) -> None:
    """Re-key an existing name index with :func:`norm_name` (migration ``model.2``); full text follows."""
    last, changed = 0, 0
    while True:  # in pages of ids, so a large index is never read whole
        rows = store.query("SELECT id, name, norm FROM name_index WHERE id > ? ORDER BY id LIMIT 10000", (last,))
        if not rows:
            break
        last = rows[-1][0]
        rekeyed = [(key, row_id) for row_id, name, norm in rows if (key := norm_name(name)) != norm]
        store.executemany("UPDATE name_index SET norm = ? WHERE id = ?", rekeyed)
        changed += len(rekeyed)
    if store.dialect == "sqlite" and changed:  # the FTS5 table keeps its own copy of the words
        store.execute("INSERT INTO name_fts (name_fts) VALUES ('rebuild')")


def create_name_index(store: Any) -> None:
    if store.dialect == "postgresql":
        store.execute(
            "CREATE INDEX IF NOT EXISTS ix_name_index_fts ON name_index USING GIN (to_tsvector('simple', norm))"
        )
        return
    store.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS name_fts USING fts5(norm, content='name_index', content_rowid='id')"
    )
    store.execute(
        "CREATE TRIGGER IF NOT EXISTS name_index_ad AFTER DELETE ON name_index "
        "BEGIN INSERT INTO name_fts(name_fts, rowid, norm) VALUES ('delete', old.id, old.norm); END"
    )
