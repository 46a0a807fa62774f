"""The lean index (the index file read without numpy or FtM) answers exactly as the full one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tracegraph.cli import cli
from tracegraph.errors import InputError
from tracegraph.match import Query, name_forms
from tracegraph.screen import lookup
from tracegraph.screen.build import matcher_from_store
from tracegraph.screen.index import Listed, NameIndex
from tracegraph.screen.lean import LeanIndex, open_lean
from tracegraph.screen.loader import load_list
from tracegraph.screen.matcher import Matcher
from tracegraph.screen.persist import index_path, stored_index
from tracegraph.store import Store

from .conftest import SDN_V1, SDN_V2

SCHEMATA = ("LegalEntity", "Person", "Company", "Organization", "Vessel")


def _lean(store: Store) -> LeanIndex:
    stored_index(store)
    found = open_lean(Path(store.uri))
    assert found is not None
    return found


def _variants(name: str) -> list[str]:
    """The name, a letter off, its words reversed, its first and last words alone, a legal form swapped."""
    words = name.replace(",", " ").split()
    typo = name[:3] + name[4:] if len(name) > 6 else name + "x"
    return [
        name,
        typo,
        " ".join(reversed(words)),
        words[0],
        words[-1],
        f"{' '.join(words[:2])} Company Limited",
        f"{' '.join(words[:2])} OOO",
    ]


def _queries(index: NameIndex) -> list[Query]:
    queries = []
    for party in index.entities:
        for name in party.names:
            for text in _variants(name):
                for schema in SCHEMATA:
                    queries.append(Query([text], schema))
            queries.append(Query([name], "LegalEntity", birth_dates=["1971"], countries=["China"]))
            queries.append(Query([name], "Person", birth_dates=["14 Mar 1970"], countries=["ae"]))
    queries.append(Query(["nobody at all"], "LegalEntity", identifiers=["QX 1234567"]))
    return queries


def test_lean_and_full_indexes_give_the_same_results(loaded: Store) -> None:
    lean = _lean(loaded)
    memory = matcher_from_store(loaded, persistent=False)
    from_file = matcher_from_store(loaded)
    fast = Matcher(lean)
    assert isinstance(memory.index, NameIndex)
    queries = _queries(memory.index)
    assert len(queries) > 300
    for query in queries:
        expected = [r.to_dict() for r in memory.match(query, limit=10)]
        assert [r.to_dict() for r in fast.match(query, limit=10)] == expected, query
        assert [r.to_dict() for r in from_file.match(query, limit=10)] == expected, query
    assert any(r.match for r in fast.match(Query(["Orlan Pettigrew Quillfeather"], "Person")))


def test_lean_candidates_are_the_numpy_candidates_ties_included(loaded: Store) -> None:
    lean = _lean(loaded)
    memory = matcher_from_store(loaded, persistent=False).index
    assert isinstance(memory, NameIndex)
    for query in _queries(memory):
        forms = [f.tokens for name in query.names for f in name_forms(name, memory.kind(query.schema))]
        for limit in (1, 2, 3, 12):
            assert lean.candidates(forms, limit) == memory.candidates(forms, limit), (forms, limit)


def test_equal_scores_at_the_cut_keep_the_lowest_entry_ids() -> None:
    parties = [Listed(f"p{i}", "Company", None, [f"Zorbulak Holding {i}"]) for i in range(8)]
    index = NameIndex(parties)
    found = index.candidates([("zorbulak",)], 3)
    assert found == [0, 1, 2]
    assert lookup.candidates(index, [("zorbulak",)], 3) == found  # plain Python sums, the same rule
    assert lookup.best_first({5: 1.0, 2: 1.0, 9: 2.0}, 2) == [9, 2]


def test_the_lean_index_is_none_when_missing_stale_or_of_another_store(store: Store, tmp_path: Path) -> None:
    assert open_lean(Path(store.uri)) is None  # nothing loaded, no file
    assert open_lean(None) is None
    assert open_lean(tmp_path / "nowhere.sqlite") is None
    load_list(store, SDN_V1)
    stored_index(store)
    assert open_lean(Path(store.uri)) is not None
    load_list(store, SDN_V2)  # another load: the file no longer describes the lists
    assert open_lean(Path(store.uri)) is None
    stored_index(store)
    assert open_lean(Path(store.uri)) is not None


def test_screen_rebuilds_a_missing_or_stale_index_and_answers_the_same(loaded: Store) -> None:
    path = index_path(loaded)
    assert path is not None
    stored_index(loaded)
    runner = CliRunner()
    args = ["--db", loaded.uri, "--json", "screen", "Blueheron Fine Chemical Co Ltd", "--schema", "Company"]
    lean_out = runner.invoke(cli, args)
    assert lean_out.exit_code == 0, lean_out.output
    path.unlink()
    rebuilt = runner.invoke(cli, args)
    assert rebuilt.exit_code == 0 and rebuilt.output == lean_out.output
    assert path.is_file() and open_lean(Path(loaded.uri)) is not None
    assert '"match":true' in lean_out.output


@pytest.mark.slow
def test_lean_equals_full_on_the_real_un_list(store: Store, shared: Path) -> None:
    load_list(store, [shared / "data/sanctions/un_consolidated_2026-02-27/UN_consolidated.xml"])
    lean = _lean(store)
    memory = matcher_from_store(store, persistent=False)
    fast = Matcher(lean)
    assert isinstance(memory.index, NameIndex)
    parties = list(memory.index.entities)[::7]
    queries = [Query([text], schema) for p in parties for text in _variants(p.names[0]) for schema in SCHEMATA[:3]]
    assert len(queries) > 2000
    for query in queries:
        assert _answer(fast, query) == _answer(memory, query), query


def _answer(matcher: Matcher, query: Query) -> list[dict[str, Any]] | str:
    try:
        return [r.to_dict() for r in matcher.match(query)]
    except InputError as exc:  # a variant left with one letter
        return str(exc)
