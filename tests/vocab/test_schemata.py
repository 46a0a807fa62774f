"""Our own schemata are real FtM schemata: FtM's code answers for them as for its own."""

from __future__ import annotations

import pytest
from followthemoney.statement import StatementEntity

from tracegraph import vocab
from tracegraph.errors import ConfigError


def test_our_schemata_are_in_ftm_model_beside_ftm_own() -> None:
    model = vocab.model()
    for name in ("Substance", "Listing", "Action", "Person", "Ownership"):
        assert model.get(name) is not None, name
    # the very model FtM's own statement code uses
    from followthemoney.model import Model

    assert Model.instance() is model


def test_is_a_follows_extends() -> None:
    assert vocab.schema("Substance").is_a("Thing")
    assert vocab.schema("Action").is_a("Event")
    assert vocab.schema("Action").is_a("Thing")
    assert not vocab.schema("Substance").is_a("LegalEntity")
    assert vocab.is_a("Listing", "Thing")
    assert not vocab.is_a("Listing", "Nonsense")


def test_edges_come_from_the_schema() -> None:
    listing = vocab.schema("Listing")
    assert listing.edge and (listing.edge_source, listing.edge_target) == ("seller", "product")
    assert listing.get("product").range == vocab.schema("Substance")  # type: ignore[union-attr]
    action = vocab.schema("Action")
    assert action.source_prop is not None and action.source_prop.name == "actor"
    assert not vocab.schema("Substance").edge


def test_matchable_comes_from_the_schema() -> None:
    assert vocab.schema("Substance").matchable
    assert not vocab.schema("Listing").matchable
    assert not vocab.schema("Action").matchable
    # FtM's matchable_schemata see our types: a substance is compared with substances only
    assert {s.name for s in vocab.schema("Substance").matchable_schemata} == {"Substance"}
    assert vocab.schema("Substance") not in vocab.schema("Company").matchable_schemata


def test_inherited_property_types() -> None:
    assert vocab.prop_type("Action", "date") == "date"  # from FtM's Event
    assert vocab.prop_type("Action", "proof") == "entity"
    assert vocab.prop_type("Listing", "destination") == "country"
    assert vocab.prop_type("Substance", "name") == "name"
    assert vocab.prop_type("Substance", "casNumber") == "identifier"
    assert vocab.prop_type("Substance", "nosuchprop") == "string"


def test_common_schema() -> None:
    assert vocab.common_schema(["LegalEntity", "Company"]) == "Company"
    assert vocab.common_schema(["Thing", "Substance"]) == "Substance"
    assert vocab.common_schema(["Company", "Substance"]) == "Substance"  # ours win over an unrelated FtM type
    assert vocab.common_schema([]) == "Thing"


def test_unknown_schema_is_a_config_error() -> None:
    with pytest.raises(ConfigError):
        vocab.require("Spaceship")
    assert vocab.require("Substance") == "Substance"


def test_ftm_statement_entity_takes_our_schema() -> None:
    from followthemoney.dataset import Dataset

    entity = StatementEntity(Dataset.make({"name": "case", "title": "Case"}), {"id": "s1", "schema": "Substance"})
    entity.add("casNumber", "50-36-2")
    entity.add("name", "  cocaine ")
    assert entity.get("name") == ["cocaine"]
    assert entity.caption == "cocaine"
    stmt = next(iter(entity.get_statements("casNumber")))
    assert stmt.prop_type == "identifier"


def test_export_as_is_kept_for_ftm_exports() -> None:
    assert vocab.export_as("Action") == "Event"
    assert vocab.export_as("Substance") == "Thing"
    assert vocab.export_as("Person") is None
