"""Judgements as an append-only log, and clusters with canonical ids that stay put.

Every merge, distinct or undo is a new row of ``judgement_log`` (who, when,
why); nothing is updated or deleted. The state of a pair of ids is its newest
row. Clusters are the connected groups of active merges; ``clusters`` maps
each member to the cluster's canonical id and ``statements.canonical_id``
follows it.

A canonical id is minted when a cluster forms (the smallest id of the two
entities joined) and then stays with the cluster as it grows, even when a
smaller id joins: a URL or a case note citing it keeps working. When two
clusters merge, the larger keeps its id (the other id is a member of it and
still resolves to it). When a split breaks a cluster up, the id stays with
the part holding the member it names; the other parts mint their own. A
store carried over from the first release keeps its clusters' ids.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tracegraph.store.engine import Database, now
from tracegraph.store.records import chunks, marks

_KEYS = ("id", "left_id", "right_id", "kind", "reason", "author", "created_at", "undone_at")
_LOG_COLUMNS = "seq, id, left_id, right_id, kind, reason, author, created_at"


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def _components(nodes: Iterable[str], merges: Iterable[tuple[str, str]]) -> list[set[str]]:
    parent = {n: n for n in nodes}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in merges:
        if a in parent and b in parent:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, set[str]] = {}
    for node in parent:
        groups.setdefault(find(node), set()).add(node)
    return list(groups.values())


def _latest(rows: Iterable[tuple[Any, ...]]) -> dict[tuple[str, str], tuple[Any, ...]]:
    """The newest log row per pair (rows as ``_LOG_COLUMNS``)."""
    latest: dict[tuple[str, str], tuple[Any, ...]] = {}
    for row in sorted(rows, key=lambda r: r[0]):
        latest[_pair(row[2], row[3])] = row
    return latest


class ResolverPart(Database):
    """The judgement log and the clusters it makes."""

    # -- the log ----------------------------------------------------------
    def add_judgement(self, judgement_id: str, left: str, right: str, kind: str, reason: str, author: str) -> None:
        """Append a judgement (``merge``, ``distinct``, ``undo``) and update the clusters it touches."""
        with self.transaction():
            self._log(judgement_id, left, right, kind, reason, author)
            self._recluster({left, right})

    def _log(self, judgement_id: str, left: str, right: str, kind: str, reason: str, author: str) -> None:
        self.execute(
            f"INSERT INTO judgement_log ({_LOG_COLUMNS[5:]}) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (judgement_id, left, right, kind, reason, author, now()),
        )

    def undo_judgements(self, entity_id: str, kind: str = "merge", reason: str = "undone", author: str = "user") -> int:
        """Undo the active judgements of ``kind`` touching ``entity_id``: one ``undo`` row each."""
        rows = self.query(
            f"SELECT {_LOG_COLUMNS} FROM judgement_log WHERE left_id = ? OR right_id = ?", (entity_id, entity_id)
        )
        active = [row for row in _latest(rows).values() if row[4] == kind]
        if not active:
            return 0
        with self.transaction():
            for row in active:
                self._log(row[1], row[2], row[3], "undo", reason, author)
            self._recluster({entity_id})
        return len(active)

    def judgements(self, include_undone: bool = False) -> list[dict[str, Any]]:
        """Judgement rows as dicts; ``undone_at`` is when a newer row for the same pair replaced one."""
        rows = self.query(f"SELECT {_LOG_COLUMNS} FROM judgement_log ORDER BY seq")
        if not include_undone:
            found = [row for row in _latest(rows).values() if row[4] != "undo"]
            found.sort(key=lambda r: r[0])
            return [{**dict(zip(_KEYS, (*row[1:], None), strict=True)), "seq": row[0]} for row in found]
        replaced: dict[int, str] = {}
        last: dict[tuple[str, str], tuple[Any, ...]] = {}
        for row in rows:
            key = _pair(row[2], row[3])
            if key in last:
                replaced[last[key][0]] = row[7]
            last[key] = row
        return [
            {**dict(zip(_KEYS, (*row[1:], replaced.get(row[0])), strict=True)), "seq": row[0]}
            for row in rows
            if row[4] != "undo"
        ]

    # -- clusters -----------------------------------------------------------
    def clusters(self) -> dict[str, str]:
        """Member id to canonical id for every entity merged with another."""
        return {row[0]: row[1] for row in self.query("SELECT entity_id, canonical_id FROM clusters")}

    def canonical(self, entity_id: str) -> str:
        """The canonical id for a member id, a canonical id or a retired canonical id."""
        # one round trip: the member's cluster, else whether it is a canonical id, else where a retired one went
        member, retired = self.query(
            "SELECT (SELECT canonical_id FROM clusters WHERE entity_id = ?), "
            "CASE WHEN EXISTS (SELECT 1 FROM clusters WHERE canonical_id = ?) THEN NULL "
            "ELSE (SELECT member_id FROM retired_ids WHERE old_id = ?) END",
            (entity_id, entity_id, entity_id),
        )[0]
        if member is not None:
            return str(member)
        if retired is not None and retired != entity_id:
            return self.canonical(str(retired))
        return entity_id

    def members(self, canonical_id: str) -> list[str]:
        rows = self.query("SELECT entity_id FROM clusters WHERE canonical_id = ? ORDER BY entity_id", (canonical_id,))
        return [row[0] for row in rows] or [canonical_id]

    def _cluster_of(self, entity_id: str) -> tuple[str | None, set[str]]:
        rows = self.query("SELECT canonical_id FROM clusters WHERE entity_id = ?", (entity_id,))
        if not rows:
            return None, {entity_id}
        return str(rows[0][0]), set(self.members(str(rows[0][0])))

    def _recluster(self, seeds: set[str]) -> None:
        """Recompute the clusters holding ``seeds`` from the log; keep, retire or mint their ids."""
        old: dict[str, set[str]] = {}
        nodes: set[str] = set()
        for seed in seeds:
            canonical_id, members = self._cluster_of(seed)
            nodes |= members
            if canonical_id is not None:
                old[canonical_id] = members
        rows: list[tuple[Any, ...]] = []
        ordered = sorted(nodes)
        for part in chunks(ordered):
            rows.extend(
                self.query(
                    f"SELECT {_LOG_COLUMNS} FROM judgement_log WHERE left_id IN ({marks(part)}) "
                    f"OR right_id IN ({marks(part)})",
                    [*part, *part],
                )
            )
        merges = [k for k, row in _latest(rows).items() if row[4] == "merge"]
        nodes |= {x for pair in merges for x in pair}
        groups = [g for g in _components(nodes, merges) if len(g) > 1]
        self._assign(groups, old, nodes)

    def _assign(self, groups: list[set[str]], old: dict[str, set[str]], nodes: set[str]) -> None:
        owner: dict[int, str] = {}
        # older clusters first claim the group holding most of their members; the larger wins a tie-break
        for canonical_id, members in sorted(old.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            scored = [(len(g & members), i) for i, g in enumerate(groups) if i not in owner]
            if canonical_id in members:  # an id carried over from the first release stays with its member
                scored = [(n, i) for n, i in scored if canonical_id in groups[i]]
            scored = [s for s in scored if s[0] > 0]
            if scored:
                owner[max(scored)[1]] = canonical_id
            elif canonical_id not in members:  # a member id stays that member's own id
                self._retire(canonical_id, min(members))
        live = {c for c in owner.values()}
        for i, group in enumerate(groups):
            if i not in owner:
                owner[i] = self._mint(group, live)
                live.add(owner[i])
        self._write(groups, owner, nodes)

    def _mint(self, group: set[str], live: set[str]) -> str:
        """A new cluster's id: its smallest member id, which then stays put as the cluster grows."""
        minted = min(group)
        self.execute("DELETE FROM retired_ids WHERE old_id = ?", (minted,))
        return minted

    def _retire(self, canonical_id: str, member_id: str) -> None:
        self.execute(
            "INSERT INTO retired_ids (old_id, member_id, retired_at) VALUES (?, ?, ?) "
            "ON CONFLICT (old_id) DO UPDATE SET member_id = excluded.member_id, retired_at = excluded.retired_at",
            (canonical_id, member_id, now()),
        )

    def _write(self, groups: list[set[str]], owner: dict[int, str], nodes: set[str]) -> None:
        ordered = sorted(nodes)
        for part in chunks(ordered):
            self.execute(f"DELETE FROM clusters WHERE entity_id IN ({marks(part)})", part)
            self.execute(f"UPDATE statements SET canonical_id = entity_id WHERE entity_id IN ({marks(part)})", part)
        for i, group in enumerate(groups):
            canonical_id = owner[i]
            members = sorted(group)
            self.executemany(
                "INSERT INTO clusters (entity_id, canonical_id) VALUES (?, ?)", [(m, canonical_id) for m in members]
            )
            for part in chunks(members):
                self.execute(
                    f"UPDATE statements SET canonical_id = ? WHERE entity_id IN ({marks(part)})", [canonical_id, *part]
                )

    def rebuild_clusters(self, keep_smallest: bool = False) -> int:
        """Recompute every cluster from the log (``keep_smallest``: the first release's ids); returns the count."""
        rows = self.query(f"SELECT {_LOG_COLUMNS} FROM judgement_log")
        merges = [k for k, row in _latest(rows).items() if row[4] == "merge"]
        nodes = {x for pair in merges for x in pair} | {r[0] for r in self.query("SELECT entity_id FROM clusters")}
        groups = [g for g in _components(nodes, merges) if len(g) > 1]
        with self.transaction():
            if keep_smallest:
                self._write(groups, {i: min(g) for i, g in enumerate(groups)}, nodes)
            else:
                current = self.clusters()
                old: dict[str, set[str]] = {}
                for member, canonical_id in current.items():
                    old.setdefault(canonical_id, set()).add(member)
                self._assign(groups, old, nodes)
        return len(groups)


def carry_over_v1(store: Any) -> None:
    """Copy the first release's ``judgements`` table into the log; clusters keep their smallest-member ids."""
    rows = store.query(
        "SELECT id, left_id, right_id, kind, reason, author, created_at, undone_at "
        "FROM judgements ORDER BY created_at, id"
    )
    events: list[tuple[str, int, int, tuple[Any, ...]]] = []
    for n, row in enumerate(rows):
        judgement_id, left, right, kind, reason, author, created, undone = row
        # within one second: a merge, then its undo, then the distinct judgement a split left
        events.append(
            (created, 0 if kind == "merge" else 2, n, (judgement_id, left, right, kind, reason, author, created))
        )
        if undone:
            events.append((undone, 1, n, (judgement_id, left, right, "undo", "undone", author, undone)))
    events.sort(key=lambda e: (e[0], e[1], e[2]))
    store.executemany(
        "INSERT INTO judgement_log (id, left_id, right_id, kind, reason, author, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [e[3] for e in events],
    )
    store.rebuild_clusters(keep_smallest=True)
