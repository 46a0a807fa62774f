"""What a link leaves in the store: the file's rows as entities with their record ids, and merge judgements.

A row becomes statements of one entity (``record_id`` = file name and row
number, so every value points back at its row). Pairs at or above the
threshold become ``merge`` judgements by ``link.splink.v1`` with Splink's
explanation as the reason; a pair someone judged distinct stays apart, and
a person is never merged with a company.
"""

from __future__ import annotations

import re
from pathlib import Path

from tracegraph.ids import make_id
from tracegraph.link.records import PARTIES, Party
from tracegraph.link.run import LinkResult
from tracegraph.link.table import Table
from tracegraph.resolve.judgements import compatible_sides, distinct_pairs, judgement_id
from tracegraph.store import Statement, Store
from tracegraph.vocab import is_a

AUTHOR = "link.splink.v1"
EXTRACTOR = "link.csv"
_SLUG = re.compile(r"[^a-z0-9]+")


def dataset_name(path: Path) -> str:
    return "link_" + (_SLUG.sub("_", path.stem.lower()).strip("_") or "file")


def entity_of(dataset: str, row_id: str) -> str:
    return make_id("ent", dataset, row_id)


def table_parties(table: Table) -> list[Party]:
    return [
        Party(
            row.row_id,
            [row.name],
            row.schema if row.schema and is_a(row.schema, PARTIES) else None,
            [row.country] if row.country else [],
            [row.birth_date] if row.birth_date else [],
            row.identifiers,
        )
        for row in table.rows
    ]


def store_table(store: Store, table: Table) -> dict[str, str]:
    """Write the rows as entities of the file's dataset; returns row id -> entity id."""
    dataset = dataset_name(table.path)
    ids: dict[str, str] = {}
    statements: list[Statement] = []
    for row in table.rows:
        entity = entity_of(dataset, row.row_id)
        ids[row.row_id] = entity
        schema = row.schema if row.schema and is_a(row.schema, PARTIES) else "LegalEntity"
        record = f"{table.path.name}:{row.line}"
        values = [("name", row.name), ("country", row.country)]
        values.append(("birthDate" if schema == "Person" else "incorporationDate", row.birth_date))
        values += [("idNumber", v) for v in row.identifiers]
        statements += [
            Statement(entity, schema, prop, value, dataset=dataset, record_id=record, extractor=EXTRACTOR)
            for prop, value in values
            if value
        ]
    store.add_statements(statements)
    return ids


def record_judgements(store: Store, result: LinkResult, entity_ids: dict[str, dict[str, str]], threshold: float) -> int:
    """Merge judgements for pairs at or above ``threshold``; ``entity_ids`` maps side -> party -> entity id."""
    refused = distinct_pairs(store)
    done = 0
    for pair in result.pairs:
        if pair.probability < threshold:
            break
        left = entity_ids.get(pair.left_source, {}).get(pair.left, pair.left)
        right = entity_ids.get(pair.right_source, {}).get(pair.right, pair.right)
        if left == right or (min(left, right), max(left, right)) in refused:
            continue
        a, b = store.canonical(left), store.canonical(right)
        if a == b or not compatible_sides(store.schemata(a), store.schemata(b)):
            continue
        store.add_judgement(judgement_id("merge", left, right), left, right, "merge", pair.reason(), AUTHOR)
        done += 1
    return done
