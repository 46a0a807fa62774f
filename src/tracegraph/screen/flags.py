"""Graph-aware flags: entities of our graph tied to a listed party, each with the path and its evidence.

Three kinds of flag:

* ``listed`` - the entity is itself on a list: merged with a list entry, or its
  name (with birth date and country when known) matches one above the threshold;
* ``owned_by_listed`` - an Ownership (owner -> asset) or Directorship chain of up
  to :data:`MAX_DEPTH` steps leads from the entity to a listed party;
* ``shares_identifier`` - it shares a phone, e-mail, website, address or
  registration identifier with a listed party.

Works over store statements, so it needs nothing but the store.
"""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass, field
from typing import Any

from tracegraph.graph.projection import Graph
from tracegraph.match import compare_names
from tracegraph.match.features import country_code
from tracegraph.match.normalise import kind_of, name_forms
from tracegraph.screen.build import matcher_from_store
from tracegraph.screen.features import Query
from tracegraph.screen.matcher import DEFAULT_THRESHOLD, Matcher, Result
from tracegraph.screen.records import lookups
from tracegraph.store import Entity, Statement, Store
from tracegraph.store.queries import screen as sql
from tracegraph.vocab import is_a

MAX_DEPTH = 4
#: relation schemata a control chain follows (from the edge's target up to its source: the schema says which
#: property is which), with the words for one step
CONTROL_EDGES = {"Ownership": "is owned by", "Directorship": "is directed by"}
#: list candidates tried per graph entity: the best plausible one is the flag
CANDIDATES = 5


@dataclass
class Step:
    source: str
    relation: str
    target: str
    evidence: dict[str, Any]


@dataclass
class Flag:
    entity_id: str
    caption: str
    kind: str
    listed_id: str
    listed_caption: str
    lists: list[str]
    score: float
    explanation: str
    path: list[Step] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        data["path"] = [dict(step.__dict__) for step in self.path]
        return data


def evidence(stmt: Statement) -> dict[str, Any]:
    """Where a statement came from: a document span or a list record."""
    if stmt.document_id:
        return {"document_id": stmt.document_id, "span": [stmt.span_start, stmt.span_end], "value": stmt.value}
    return {"record_id": stmt.record_id, "dataset": stmt.dataset, "value": stmt.value}


class _Graph:
    """The flag graph: the shared projection (:class:`tracegraph.graph.Graph`, its entities the one
    :class:`~tracegraph.store.Entity` class) over the case material and list names, plus who is listed.
    """

    def __init__(self, store: Store) -> None:
        rows = sql.active_entries(store)
        self.lists: dict[str, list[str]] = defaultdict(list)
        self.records: dict[str, str] = {}
        for list_name, record_id, entity_id in rows:
            self.lists[entity_id].append(list_name)
            self.records[entity_id] = record_id
        self.list_names = {name for names in self.lists.values() for name in names}
        self.clusters = store.clusters()
        grouped: dict[str, list[Statement]] = defaultdict(list)
        for stmt in _statements(store, self.list_names):
            grouped[self.canon(stmt.entity_id)].append(stmt)
        self.projection = Graph.from_statements(store, grouped, self.clusters, shared_identifiers=False)
        self.entities: dict[str, Entity] = self.projection.entities

    def canon(self, entity_id: str) -> str:
        return self.clusters.get(entity_id, entity_id)

    def caption(self, entity_id: str) -> str:
        entity = self.entities.get(entity_id)
        return entity.caption if entity is not None else entity_id

    def statements(self, entity_id: str, prop: str) -> list[Statement]:
        entity = self.entities.get(entity_id)
        return entity.get_statements(prop) if entity is not None else []

    def values(self, entity_id: str, prop: str) -> list[str]:
        entity = self.entities.get(entity_id)
        return entity.get(prop) if entity is not None else []

    def is_list_entity(self, entity_id: str) -> bool:
        return entity_id in self.lists

    def graph_parties(self) -> list[str]:
        """Legal entities (people, companies, bodies: the schema says) that are not only list entries."""
        return [e for e, ent in self.entities.items() if ent.schema.is_a("LegalEntity") and not self._only_lists(ent)]

    def _only_lists(self, entity: Entity) -> bool:
        return all(s.dataset in self.list_names for s in entity.statements)


def _statements(store: Store, list_names: set[str]) -> list[Statement]:
    """All statements of the graph, but of list data only what flags look at (names, contacts, identifiers)."""
    needed = ["name", "alias", *lookups()["contact_props"], *lookups()["identifier_props"]]
    return sql.statements_beside_lists(store, sorted(list_names), needed)


def compute_flags(store: Store, threshold: float = DEFAULT_THRESHOLD, matcher: Matcher | None = None) -> list[Flag]:
    """Flags for every party of the graph that is not only a list entry."""
    graph = _Graph(store)
    if not graph.lists:
        return []
    matcher = matcher or matcher_from_store(store, threshold)
    flags: list[Flag] = []
    listed_like: dict[str, Flag] = {}
    for entity_id in graph.graph_parties():
        flag = _listed_flag(graph, matcher, entity_id)
        if flag is not None:
            listed_like[entity_id] = flag
            flags.append(flag)
    flags.extend(_control_flags(graph, listed_like))
    flags.extend(_shared_flags(store, graph))
    flags.sort(key=lambda f: (f.kind, -f.score, f.entity_id))
    return flags


def _listed_flag(graph: _Graph, matcher: Matcher, entity_id: str) -> Flag | None:
    members = [m for m, c in graph.clusters.items() if c == entity_id] or [entity_id]
    for member in members:
        if graph.is_list_entity(member):
            lists = graph.lists[member]
            why = f"{graph.caption(entity_id)} was merged with list entry {graph.records[member]}"
            return Flag(
                entity_id, graph.caption(entity_id), "listed", member, graph.caption(entity_id), lists, 1.0, why
            )
    names = graph.statements(entity_id, "name") + graph.statements(entity_id, "alias")
    if not names:
        return None
    query = Query(
        names=[s.value for s in names],
        schema=graph.entities[entity_id].schema,
        birth_dates=graph.values(entity_id, "birthDate"),
        countries=graph.values(entity_id, "country") + graph.values(entity_id, "nationality"),
        identifiers=[v for p in lookups()["identifier_props"] for v in graph.values(entity_id, p)],
    )
    try:
        results = matcher.match(query, limit=CANDIDATES)
    except Exception:
        return None
    # the best candidate that is also plausible: "Houthi" is not "HOUTHI GROUP" but is "THE HOUTHIS"
    top = next((r for r in results if r.match and _plausible(graph, entity_id, [s.value for s in names], r)), None)
    if top is None:
        return None
    why = f"{names[0].value} matches {top.entity.caption} on {', '.join(top.entity.datasets)}: {top.reasons['name']}"
    step = Step(entity_id, "matches", top.entity.id, {**evidence(names[0]), "score": round(top.score, 4)})
    return Flag(
        entity_id,
        graph.caption(entity_id),
        "listed",
        top.entity.id,
        top.entity.caption,
        top.entity.datasets,
        top.score,
        why,
        [step],
    )


#: a graph entity of this schema or one extending it (a government, a ministry) is only flagged by a listed one
GOVERNMENT = "PublicBody"
#: a name this short, alone, is too weak to flag on ("EU", "Don")
SHORT_NAME = 3


def _plausible(graph: _Graph, entity_id: str, names: list[str], top: Result) -> bool:
    """Flags need more than a name score: schemata that fit, a name specific enough, countries that agree."""
    schema = graph.entities[entity_id].schema
    if is_a(schema, GOVERNMENT) and not is_a(top.entity.schema, GOVERNMENT):
        return False  # a country or a government is not a company
    forms = [f for name in names for f in name_forms(name, kind_of(schema))]
    if forms and all(len(f.tokens) == 1 and len(f.tokens[0]) <= SHORT_NAME for f in forms):
        return False
    if forms and all(len(f.tokens) == 1 for f in forms) and "only common words agree" in top.reasons.get("name", ""):
        return False
    if not _specific_pair(names, top, schema):
        return False
    ours = {
        c for v in graph.values(entity_id, "country") + graph.values(entity_id, "nationality") if (c := country_code(v))
    }
    theirs = set(top.entity.values("country", "nationality", "citizenship", "jurisdiction"))
    return not (ours and theirs and not ours & theirs)


def _specific_pair(names: list[str], top: Result, schema: str) -> bool:
    """Whether one of our names matches one of the listed names on its own terms, specifically enough.

    Not enough: a name of one short word ("EU" for "S.A.S. E.U."), one word that is only part of the
    listed name ("Erdogan" for "ERDOGAN, Emrah", "Target" for "TARGET ELECTRONICS"), or all of our words
    when the listed name adds a country ("Communist Party" for "Communist Party of Peru"). A match that
    no single pair of names carries (identifiers, several names together) is left to the score.
    """
    kind = kind_of(schema)
    scored = [
        (compare_names(name, listed, schema).score, name, listed) for name in names for listed in top.entity.names
    ]
    if not scored or max(scored)[0] <= 0:
        return True
    # the pairs of names that carry the match (within a hair of the best pair)
    best = max(scored)[0]
    pairs = [(name, listed) for score, name, listed in scored if score >= best - 0.05]
    for name, listed in pairs:
        ours = name_forms(name, kind)
        theirs = name_forms(listed, kind)
        if not ours or not theirs:
            continue
        mine, other = set(ours[0].tokens) - ours[0].weak, set(theirs[0].tokens) - theirs[0].weak
        if len(mine) == 1:
            (word,) = mine
            if len(word) <= SHORT_NAME or len(other) > 1:
                continue
        extra = other - mine
        if mine < other and any(_is_territory(word) for word in extra):
            continue
        return True
    return False


def _is_territory(word: str) -> bool:
    return len(word) >= 4 and country_code(word) is not None


def _control_flags(graph: _Graph, listed_like: dict[str, Flag]) -> list[Flag]:
    """Walk Ownership/Directorship edges from each party up to a listed (or listed-like) party."""
    up: dict[str, list[tuple[str, str, Statement]]] = defaultdict(list)
    for relation in graph.entities.values():
        words = CONTROL_EDGES.get(relation.schema)
        if words is None:
            continue
        controller, controlled = relation.schema.edge_source, relation.schema.edge_target
        for c_stmt in relation.get_statements(controlled):
            for o_stmt in relation.get_statements(controller):
                summary = (relation.get_statements("summary") or [c_stmt])[0]
                up[graph.canon(c_stmt.value)].append((graph.canon(o_stmt.value), words, summary))
    flags = []
    for start in graph.graph_parties():
        queue: deque[tuple[str, list[Step]]] = deque([(start, [])])
        seen = {start}
        while queue:
            node, path = queue.popleft()
            if len(path) >= MAX_DEPTH:
                continue
            for parent, words, stmt in up.get(node, []):
                if parent in seen:
                    continue
                seen.add(parent)
                steps = [*path, Step(node, words, parent, evidence(stmt))]
                target = _listed_target(graph, listed_like, parent)
                if target is not None:
                    flags.append(_path_flag(graph, start, steps, *target))
                    queue.clear()
                    break
                queue.append((parent, steps))
    return flags


def _listed_target(graph: _Graph, listed_like: dict[str, Flag], node: str) -> tuple[str, list[str], float] | None:
    if graph.is_list_entity(node):
        return node, graph.lists[node], 1.0
    if node in listed_like:
        flag = listed_like[node]
        return flag.listed_id, flag.lists, flag.score
    return None


def _path_flag(graph: _Graph, start: str, steps: list[Step], listed_id: str, lists: list[str], score: float) -> Flag:
    words = [f"{step.relation} {graph.caption(step.target)}" for step in steps]
    text = f"{graph.caption(start)} " + ", which ".join(words) + f", which is on {', '.join(lists)}"
    return Flag(
        start, graph.caption(start), "owned_by_listed", listed_id, graph.caption(listed_id), lists, score, text, steps
    )


def _shared_flags(store: Store, graph: _Graph) -> list[Flag]:
    props = [*lookups()["contact_props"], *lookups()["identifier_props"]]
    lists = sorted(graph.list_names)
    rows = sql.shared_with_listed(store, props, lists)
    flags = []
    seen: set[tuple[str, str]] = set()
    for entity_id, listed_id, prop, shared in rows:
        own = graph.canon(entity_id)
        if graph.is_list_entity(own) or (own, listed_id) in seen or own not in graph.entities:
            continue
        seen.add((own, listed_id))
        theirs = [st for st in graph.statements(graph.canon(listed_id), prop) if st.value == shared]
        if not theirs:
            continue
        value = theirs[0]
        mine = next((s for s in graph.statements(own, prop) if s.value == value.value), value)
        lists = graph.lists[listed_id]
        text = (
            f"{graph.caption(own)} shares {prop} {value.value} with {graph.caption(listed_id)}, "
            f"which is on {', '.join(lists)}"
        )
        steps = [
            Step(own, f"has {prop}", value.value, evidence(mine)),
            Step(listed_id, f"has {prop}", value.value, evidence(value)),
        ]
        flags.append(
            Flag(
                own,
                graph.caption(own),
                "shares_identifier",
                listed_id,
                graph.caption(listed_id),
                lists,
                0.9,
                text,
                steps,
            )
        )
    return flags
