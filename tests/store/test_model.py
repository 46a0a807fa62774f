"""The entity model: FtM statements with our evidence, cleaned by type, one caption rule.

Store-backed tests run once per backend (SQLite, and PostgreSQL where a server is given).
"""

from __future__ import annotations

from followthemoney.statement import Statement as FtMStatement
from followthemoney.statement import StatementEntity

from tracegraph.resolve.judgements import merge
from tracegraph.store import Entity, Statement, Store


def _evidence(entity_id: str, prop: str, value: str, **kw: object) -> Statement:
    base: dict[str, object] = {
        "dataset": "case",
        "document_id": "doc-1",
        "span_start": 10,
        "span_end": 24,
        "extractor": "rel.deps.v1",
        "extractor_version": "3",
        "confidence": 0.55,
    }
    base.update(kw)
    return Statement(entity_id, "Ownership", prop, value, **base)  # type: ignore[arg-type]


def test_statements_and_entities_are_ftm_own() -> None:
    stmt = Statement("c-1", "Company", "name", "Acme Ltd")
    assert isinstance(stmt, FtMStatement)
    entity = Entity.assemble("c-1", [stmt])
    assert isinstance(entity, StatementEntity)
    assert entity.schema == "Company" and entity.schema.is_a("LegalEntity")
    assert entity.to_dict() == {"id": "c-1", "schema": "Company", "properties": {"name": ["Acme Ltd"]}}


def test_evidence_fields_round_trip_through_the_store(store: Store) -> None:
    written = [
        _evidence("own-1", "owner", "p-1", hedge="allegedly", attribution="according to the registry"),
        _evidence("own-1", "asset", "c-1"),
        Statement("c-1", "Company", "name", "Acme Ltd", dataset="lists", record_id="sdn:42", extractor="list.sdn.v1"),
    ]
    assert store.add_statements(written) == 3
    read = {s.id: s for s in store.statements()}
    assert set(read) == {s.id for s in written}
    owner = read[written[0].id]
    assert (owner.document_id, owner.span_start, owner.span_end) == ("doc-1", 10, 24)
    assert (owner.extractor, owner.extractor_version, owner.confidence) == ("rel.deps.v1", "3", 0.55)
    assert (owner.hedge, owner.attribution) == ("allegedly", "according to the registry")
    assert read[written[1].id].hedge is None
    listed = read[written[2].id]
    assert (listed.record_id, listed.dataset, listed.document_id) == ("sdn:42", "lists", None)
    entity = store.entity("own-1")
    assert entity.schema == "Ownership"
    assert {s.hedge for s in entity.statements} == {"allegedly", None}


def test_values_are_cleaned_by_type_when_written(store: Store) -> None:
    store.add_statements(
        [
            Statement("p-1", "Person", "name", "  Lee   Wei ", record_id="r:1"),
            Statement("p-1", "Person", "nationality", "Germany", record_id="r:1"),
            Statement("p-1", "Person", "birthDate", "1970-1-2", record_id="r:1"),
            Statement("p-1", "Person", "phone", "030 1234567", record_id="r:1"),  # no country: kept as written
            Statement("p-1", "Person", "email", "Lee@Example.COM", record_id="r:1"),
            Statement("p-1", "Person", "notes", "bad\x00text", record_id="r:1"),
            Statement("l-1", "Listing", "destination", "Mexico", record_id="r:2"),
        ]
    )
    person = store.entity("p-1")
    assert person.get("name") == ["Lee Wei"]
    assert person.get("nationality") == ["de"]
    assert person.get("birthDate") == ["1970-01-02"]
    assert person.get("phone") == ["030 1234567"]
    assert person.get("email") == ["Lee@example.com"]
    assert person.get("notes") == ["badtext"]
    assert store.entity("l-1").get("destination") == ["mx"]  # our own schema's country property
    by_prop = {s.prop: s for s in person.statements}
    assert by_prop["nationality"].original_value == "Germany"
    assert by_prop["name"].original_value == "  Lee   Wei "
    assert by_prop["phone"].original_value is None
    # the same fact written again, messy or clean, is still one statement
    store.add_statements([Statement("p-1", "Person", "nationality", "de", record_id="r:1")])
    assert [s.value for s in store.statements(entity_ids=["p-1"], prop="nationality")] == ["de"]


def test_entity_add_cleans_by_type_and_keeps_order() -> None:
    entity = Entity("s-1", "Substance")
    entity.add("name", ["  Fentanyl ", "fentanyl citrate", "Fentanyl"])
    entity.add("casNumber", " 437-38-7 ")
    entity.add("sourceUrl", "example.org/a")
    assert entity.get("name") == ["Fentanyl", "fentanyl citrate"]
    assert entity.get("casNumber") == ["437-38-7"]
    assert entity.get("sourceUrl") == ["http://example.org/a"]
    assert entity.first("name") == "Fentanyl"


def test_caption_rule() -> None:
    def made(*values: tuple[str, str]) -> Entity:
        return Entity.assemble(
            "x-1", [Statement("x-1", "Person", p, v, record_id=f"r:{i}") for i, (p, v) in enumerate(values)]
        )

    # the name most statements attest
    assert made(("name", "J. Smith"), ("name", "John Smith"), ("name", "J. Smith")).caption == "J. Smith"
    # equally attested: the fuller name, then alphabetical, whatever the order of ingest
    assert made(("name", "Smith"), ("name", "John Smith")).caption == "John Smith"
    assert made(("name", "John Smith"), ("name", "Smith")).caption == "John Smith"
    assert made(("name", "Bo Li"), ("name", "Al Wu")).caption == "Al Wu"
    # a Latin-script name before one in another script, even a better attested one
    assert made(("name", "Владимир Петров"), ("name", "Владимир Петров"), ("name", "Vladimir Petrov")).caption == (
        "Vladimir Petrov"
    )
    # no name: the schema's caption properties (FtM's), then title or summary, then the id
    assert made(("alias", "Jack"), ("email", "j@example.com")).caption == "Jack"
    assert made(("notes", "unnamed")).caption == "x-1"
    substance = Entity.assemble("s-1", [Statement("s-1", "Substance", "casNumber", "437-38-7")])
    assert substance.caption == "437-38-7"
    action = Entity.assemble("a-1", [Statement("a-1", "Action", "kind", "arrest")])
    assert action.caption == "arrest"


def test_merged_entity_keeps_members_and_most_specific_schema(store: Store) -> None:
    store.add_statements(
        [
            Statement("a-1", "LegalEntity", "name", "Harbour Nominees", record_id="r:1"),
            Statement("a-2", "Company", "name", "Harbour Nominees Ltd", record_id="r:2"),
        ]
    )
    merge(store, "a-1", "a-2", reason="same registration")
    entity = store.entity("a-2")
    assert entity.schema == "Company"
    assert sorted(entity.member_ids) == ["a-1", "a-2"]
    assert entity.caption == "Harbour Nominees Ltd"
