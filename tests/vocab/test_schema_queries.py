"""A schema that extends one of FtM's is treated as its parent everywhere, with no code naming it.

Resolution, screening, the gazetteer of extraction, entity keys and record linkage ask the
model (``is_a``, edge sides) instead of keeping lists of schema names.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.vocab.extra import extra_schema
from tracegraph import vocab
from tracegraph.extract.gazetteer import Gazetteer
from tracegraph.extract.keys import family
from tracegraph.match import ORG, PERSON, kind_of
from tracegraph.match.features import Query
from tracegraph.resolve import resolve
from tracegraph.screen.build import listed_from_records
from tracegraph.screen.index import NameIndex
from tracegraph.screen.matcher import Matcher
from tracegraph.screen.records import ListRecord, list_entity
from tracegraph.store import Statement, Store

SHELL = "ShellCompanyT"


@pytest.fixture
def shell() -> Iterator[str]:
    """``ShellCompanyT``: a deployment's own type extending FtM's Company."""
    with extra_schema(SHELL, {"extends": ["Company"], "matchable": True}) as name:
        yield name


def test_the_model_answers_for_a_new_schema(shell: str) -> None:
    assert vocab.is_a(shell, "LegalEntity") and vocab.is_party(shell)
    assert shell in vocab.descendants("Organization")
    assert kind_of(shell) == ORG  # read as an organisation's name: legal forms set aside
    assert kind_of("Person") == PERSON
    assert family(shell) == family("Company") == "org"


def test_resolution_merges_a_new_company_type_like_a_company(shell: str, store: Store) -> None:
    store.add_statements(
        [
            Statement("s1", shell, "name", "Harbour Nominees Ltd", record_id="r:1"),
            Statement("s1", shell, "registrationNumber", "HN-4471", record_id="r:1"),
            Statement("c1", "Company", "name", "HARBOUR NOMINEES LIMITED", record_id="r:2"),
            Statement("c1", "Company", "registrationNumber", "HN-4471", record_id="r:2"),
        ]
    )
    resolve(store)
    assert store.canonical("s1") == store.canonical("c1")


def test_screening_indexes_and_finds_a_listed_party_of_a_new_type(shell: str) -> None:
    party = list_entity("lst-1", shell)
    party.add("name", "Bluepeak Trading Co., Ltd.")
    index = NameIndex(listed_from_records([ListRecord("test_list", "1", [party])]))
    assert [e.id for e in index.entities] == ["lst-1"]
    hits = Matcher(index).match(Query(["Bluepeak Trading Company Limited"], "Company"))
    assert hits and hits[0].entity.id == "lst-1"
    # a query of the new type meets listed companies, as a Company query would
    company = list_entity("lst-2", "Company")
    company.add("name", "Ostrava Fine Chemicals Ltd.")
    index = NameIndex(listed_from_records([ListRecord("test_list", "2", [company])]))
    assert index.schema_matches[shell] == frozenset({"Company"})
    assert Matcher(index).match(Query(["Ostrava Fine Chemicals"], shell))[0].entity.id == "lst-2"


def test_the_gazetteer_reads_names_of_a_new_actor_type(shell: str, store: Store) -> None:
    store.add_statements([Statement("s1", shell, "name", "Harbour Nominees Ltd", record_id="r:1")])
    found = list(Gazetteer.from_store(store).find("Funds went to Harbour Nominees Ltd in May."))
    assert [entry.schema for _, _, entry in found] == [shell]
