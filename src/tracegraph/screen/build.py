"""Build the in-memory index from list files (benchmarks, one-off screening) or from the store."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from tracegraph.screen.importers import read_list
from tracegraph.screen.index import Listed, NameIndex
from tracegraph.screen.matcher import DEFAULT_THRESHOLD, Matcher
from tracegraph.screen.records import ListRecord, lookups
from tracegraph.store import Store
from tracegraph.store.queries import screen as sql
from tracegraph.vocab import is_party

NAME_PROPS = ("name", "alias", "previousName")
#: the properties kept in memory for scoring and for the response
KEEP_PROPS = (
    *NAME_PROPS,
    "birthDate",
    "country",
    "nationality",
    "citizenship",
    "jurisdiction",
    "flag",
    "topics",
    "referents",
    "gender",
    "position",
)


def _keep() -> set[str]:
    return {*KEEP_PROPS, *lookups()["identifier_props"]}


def listed_from_records(records: Iterable[ListRecord]) -> Iterator[Listed]:
    keep = _keep()
    for record in records:
        for entity in record.entities:
            if not is_party(entity.schema):
                continue
            names = [v for p in NAME_PROPS for v in entity.properties.get(p, [])]
            if not names:
                continue
            props = {k: v for k, v in entity.properties.items() if k in keep}
            yield Listed(entity.id, entity.schema, names[0], names, props, [record.list_name])


def index_from_files(groups: Sequence[tuple[Sequence[Path], str | None]]) -> NameIndex:
    """An index straight from list files: ``[(paths, list_name_or_None), ...]``."""

    def records() -> Iterator[ListRecord]:
        for paths, name in groups:
            _, items = read_list(paths, name)
            yield from (item for item in items if isinstance(item, ListRecord))

    return NameIndex(listed_from_records(records()))


def listed_from_store(store: Store, lists: Sequence[str] | None = None, include_delisted: bool = False) -> list[Listed]:
    """Active list entries of the store (all lists, or those named) as matcher input."""
    rows = sql.listed_statements(store, sorted(_keep()), lists, include_delisted)
    props: dict[str, dict[str, list[str]]] = defaultdict(dict)
    schemata: dict[str, str] = {}
    datasets: dict[str, list[str]] = defaultdict(list)
    for entity_id, schema, prop, value, list_name in rows:
        schemata[entity_id] = schema
        values = props[entity_id].setdefault(prop, [])
        if value not in values:
            values.append(value)
        if list_name not in datasets[entity_id]:
            datasets[entity_id].append(list_name)
    found = []
    for entity_id, entity_props in props.items():
        names = [v for p in NAME_PROPS for v in entity_props.get(p, [])]
        if names:
            found.append(Listed(entity_id, schemata[entity_id], names[0], names, entity_props, datasets[entity_id]))
    return found


def matcher_from_store(store: Store, threshold: float = DEFAULT_THRESHOLD, persistent: bool = True) -> Matcher:
    """A matcher over the store's active list entries; through the index file beside the store by default.

    The file (see :mod:`tracegraph.screen.persist`) is rebuilt when the lists changed since it was written.
    """
    if persistent:
        from tracegraph.screen.persist import stored_index

        return Matcher(stored_index(store), threshold)
    return Matcher(NameIndex(listed_from_store(store)), threshold)
