"""One model, one caption rule: ``show``, ``search``, ``timeline`` and every export agree."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import orjson
from click.testing import CliRunner
from lxml import etree

from tests.vocab.extra import extra_schema
from tracegraph.cli import cli
from tracegraph.settings import Settings
from tracegraph.store import Statement, open_store

SANCTION = "rel-sanction-1"
COMPANY = "co-lanfeng"


def _store(tmp_path: Path) -> str:
    db = str(tmp_path / "captions.sqlite")
    with open_store(Settings(db=db)) as store:
        store.add_statements(
            [
                # a company named in two scripts, the Han name stated more often than the Latin one
                Statement(COMPANY, "Company", "name", "青河蓝枫化工", record_id="reg:1"),
                Statement(COMPANY, "Company", "name", "青河蓝枫化工", record_id="reg:2"),
                Statement(COMPANY, "Company", "name", "Qinghe Lanfeng Chemical", record_id="reg:3"),
                Statement(COMPANY, "Company", "jurisdiction", "cn", record_id="reg:1"),
                # a sanction whose authority is known by name only: it stands as its own node
                Statement(SANCTION, "Sanction", "entity", COMPANY, record_id="ofac:9"),
                Statement(SANCTION, "Sanction", "authority", "US Treasury", record_id="ofac:9"),
                Statement(SANCTION, "Sanction", "program", "counter-narcotics", record_id="ofac:9"),
                Statement(SANCTION, "Sanction", "startDate", "2022-03-18", record_id="ofac:9"),
            ]
        )
    return db


def _run(db: str, *args: str) -> str:
    result = CliRunner().invoke(cli, ["--db", db, *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def _lines(db: str, *args: str) -> list[Any]:
    return [orjson.loads(line) for line in _run(db, "--json", *args).splitlines()]


def _json(db: str, *args: str) -> Any:
    (only,) = _lines(db, *args)
    return only


def test_show_search_timeline_and_exports_give_one_caption(tmp_path: Path) -> None:
    db = _store(tmp_path)
    shown = _json(db, "show", COMPANY)
    assert shown["caption"] == "Qinghe Lanfeng Chemical"  # Latin script first, however often the other is stated
    (relation,) = shown["relations"]
    sanction = relation["source_caption"]
    assert sanction == "sanctions (Sanction) by US Treasury"  # what the relation is, not its program or sentence

    assert _lines(db, "search", "Qinghe Lanfeng")[0]["caption"] == shown["caption"]
    events = _lines(db, "timeline")
    assert [(s["caption"], t["caption"]) for e in events for s in e["sources"] for t in e["targets"]] == [
        (sanction, shown["caption"])
    ]

    rows = list(csv.DictReader(io.StringIO(_run(db, "export", "--format", "csv"))))
    assert [(r["source"], r["target"]) for r in rows] == [(sanction, shown["caption"])]
    entities = {r["id"]: r for r in csv.DictReader(io.StringIO(_run(db, "export", "--format", "csv-entities")))}
    assert entities[COMPANY]["name"] == shown["caption"]

    graphml = etree.fromstring(_run(db, "export", "--format", "graphml").encode())
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    labels = {
        n.get("id"): n.findtext("g:data[@key='n_label']", namespaces=ns) for n in graphml.iterfind(".//g:node", ns)
    }
    assert labels == {COMPANY: shown["caption"], SANCTION: sanction}


def test_a_schema_extending_listing_is_drawn_and_exported_as_a_listing(tmp_path: Path) -> None:
    """The projection and the FtM export read the one model: a deployment's own kind of offer needs no code."""
    with extra_schema("CatalogueOfferT", {"extends": ["Listing"], "matchable": False}):
        db = str(tmp_path / "offers.sqlite")
        with open_store(Settings(db=db)) as store:
            store.add_statements(
                [
                    Statement("seller-1", "Company", "name", "Ruixin Research Chemicals", record_id="web:1"),
                    Statement("sub-1", "Substance", "name", "4-piperidone", record_id="web:1"),
                    Statement("offer-1", "CatalogueOfferT", "seller", "seller-1", record_id="web:1"),
                    Statement("offer-1", "CatalogueOfferT", "product", "sub-1", record_id="web:1"),
                    Statement("offer-1", "CatalogueOfferT", "price", "USD 120/kg", record_id="web:1"),
                ]
            )
        (relation,) = _json(db, "show", "seller-1")["relations"]
        assert (relation["label"], relation["target"]) == ("offers", "sub-1")
        exported = {e["id"]: e for e in _lines(db, "export", "--format", "ftm")}
        offer = exported["offer-1"]
        assert offer["schema"] == "UnknownLink"  # FtM tools read it, as they read a Listing
        assert offer["properties"]["subject"] == ["seller-1"]
        assert offer["properties"]["object"] == ["sub-1"]
        assert offer["properties"]["role"] == ["offers"]
