from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import CliRunner
from lxml import etree

from tests.graph.network import Network
from tracegraph.cli import cli
from tracegraph.export import export
from tracegraph.graph import Graph
from tracegraph.settings import Settings
from tracegraph.store import Store
from tracegraph.vocab import ftm_model

FTM_CLI = Path(sys.executable).parent / "ftm"


@pytest.fixture
def entities(store: Store, network: Network) -> list[dict[str, Any]]:
    out = io.BytesIO()
    export(Graph.load(store), "ftm", out)
    return [orjson.loads(line) for line in out.getvalue().splitlines()]


def test_every_entity_is_valid_ftm(entities: list[dict[str, Any]]) -> None:
    model = ftm_model()
    ids = {e["id"] for e in entities}
    for data in entities:
        proxy = model.get_proxy(data, cleaned=False)
        assert not proxy.schema.abstract, data
        assert proxy.schema.validate(data) is None, data
        for prop in proxy.schema.required:
            assert proxy.get(prop), (prop, data)
        for prop in proxy.iterprops():
            if prop.type.name == "entity":
                assert set(proxy.get(prop)) <= ids, (prop.name, data)


def test_relations_carry_their_evidence(entities: list[dict[str, Any]], network: Network) -> None:
    by_id = {e["id"]: e for e in entities}
    for rel_id in (network.ownership, network.sanction, network.directorship, network.charge, network.listing):
        props = by_id[rel_id]["properties"]
        assert props["summary"], rel_id
        assert props["sourceUrl"][0].startswith("https://news.example/"), rel_id
        (doc,) = props["proof"]
        assert by_id[doc]["schema"] == "Article"
        assert by_id[doc]["properties"]["title"]
    record = by_id[network.record_ownership]["properties"]
    assert record["sourceUrl"] == ["https://registry.example/hk/778812"]
    assert record["recordId"] == [f"demo_list:{network.record_ownership}"]


def test_own_types_map_to_ftm(entities: list[dict[str, Any]], network: Network) -> None:
    by_id = {e["id"]: e for e in entities}
    charge = by_id[network.charge]
    assert charge["schema"] == "Event"
    assert charge["properties"]["keywords"] == ["charge"]
    assert charge["properties"]["date"] == ["2025-06-20"]
    assert "confidence: 0.8" in charge["properties"]["description"][0]  # folded, not lost
    listing = by_id[network.listing]
    assert listing["schema"] == "UnknownLink"
    assert listing["properties"]["role"] == ["offers"]
    sanction = by_id[network.sanction]
    assert sanction["properties"]["authority"] == ["United States government"]


def test_merged_ids_export_once(entities: list[dict[str, Any]], network: Network) -> None:
    ids = [e["id"] for e in entities]
    assert len(ids) == len(set(ids))
    assert min(network.zheng, network.zheng2) in ids
    assert max(network.zheng, network.zheng2) not in ids


@pytest.mark.skipif(not FTM_CLI.exists(), reason="the ftm command is not installed")
@pytest.mark.parametrize("command", ["validate", "aggregate"])
def test_ftm_command_accepts_the_export(entities: list[dict[str, Any]], tmp_path: Path, command: str) -> None:
    source = tmp_path / "export.ftm.json"
    source.write_bytes(b"".join(orjson.dumps(e) + b"\n" for e in entities))
    done = subprocess.run([str(FTM_CLI), command, "-i", str(source)], capture_output=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr.decode()
    back = {e["id"]: e for e in (orjson.loads(line) for line in done.stdout.splitlines())}
    assert set(back) == {e["id"] for e in entities}
    for data in entities:
        # nothing we wrote was dropped when FtM re-parsed and cleaned it
        for prop, values in data["properties"].items():
            assert sorted(back[data["id"]]["properties"][prop]) == sorted(values), (data["id"], prop)


def test_graphml_parses(store: Store, network: Network) -> None:
    out = io.BytesIO()
    written = export(Graph.load(store), "graphml", out)
    root = etree.fromstring(out.getvalue())
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    nodes = {n.get("id") for n in root.iterfind(".//g:node", ns)}
    edges = root.findall(".//g:edge", ns)
    assert len(edges) == written > 0
    assert all(e.get("source") in nodes and e.get("target") in nodes for e in edges)
    sentences = [d.text for d in root.iterfind(".//g:edge/g:data[@key='e_sentence']", ns)]
    assert any(s and "wholly owns" in s for s in sentences)
    networkx = pytest.importorskip("networkx")
    parsed = networkx.read_graphml(io.BytesIO(out.getvalue()))
    assert parsed.number_of_edges() == written


def test_csv_edges_and_entities(store: Store, network: Network) -> None:
    graph = Graph.load(store)
    out = io.BytesIO()
    export(graph, "csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue().decode())))
    owns = [r for r in rows if r["label"] == "owns" and r["source"] == "Qinghe Provincial Prison"]
    assert owns and owns[0]["outlet"] == "The Coastal Ledger" and "wholly owns" in owns[0]["sentence"]
    out = io.BytesIO()
    export(graph, "csv-entities", out)
    people = [r for r in csv.DictReader(io.StringIO(out.getvalue().decode())) if r["schema"] == "Person"]
    assert {p["name"] for p in people} == {"Fujing Zheng", "Morgan Reed"}


def test_export_command_writes_a_file(settings: Settings, network: Network, tmp_path: Path) -> None:
    target = tmp_path / "out.graphml"
    runner = CliRunner()
    result = runner.invoke(cli, ["--db", settings.db, "export", "--format", "graphml", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(b"<?xml")
    result = runner.invoke(cli, ["--db", settings.db, "export", "--format", "ftm"])
    assert result.exit_code == 0
    assert all(orjson.loads(line)["id"] for line in result.output.splitlines())
    result = runner.invoke(cli, ["--db", settings.db, "export", "-o", str(tmp_path / "missing" / "x.json")])
    assert result.exit_code != 0


def test_export_around_one_entity(settings: Settings, network: Network) -> None:
    args = ["--db", settings.db, "export", "--format", "ftm", "--entity", "Zheng Fujing", "--depth", "1"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    exported = {orjson.loads(line)["id"]: orjson.loads(line) for line in result.output.splitlines()}
    ids = set(exported)
    assert min(network.zheng, network.zheng2) in ids
    assert network.directorship in ids and network.charge in ids
    assert network.prison not in ids and network.ownership not in ids  # two hops away
    docs = {e["id"] for e in exported.values() if e["schema"] == "Article"}
    assert docs == {network.doc1, network.doc2}


def test_graphml_survives_control_characters(store: Store, network: Network) -> None:
    from tracegraph.store import Statement

    store.add_statements([Statement(network.prison, "PublicBody", "name", "Bad\x0bName\x01", record_id="r:1")])
    out = io.BytesIO()
    export(Graph.load(store), "graphml", out)
    assert etree.fromstring(out.getvalue()) is not None


def test_empty_store_exports_and_queries_cleanly(settings: Settings) -> None:
    runner = CliRunner()
    for args in (["export", "--format", "ftm"], ["export", "--format", "graphml"], ["timeline"], ["search", "x"]):
        result = runner.invoke(cli, ["--db", settings.db, *args])
        assert result.exit_code == 0, (args, result.output)
    result = runner.invoke(cli, ["--db", settings.db, "show", "anything"])
    assert result.exit_code != 0
