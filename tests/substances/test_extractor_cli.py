"""The registered extractors over stored documents, and the two commands."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.substances.conftest import listing_page
from tracegraph import registry
from tracegraph.cli import cli
from tracegraph.ids import text_hash
from tracegraph.settings import Settings
from tracegraph.store import Document, Source, Store
from tracegraph.substances.listings import html_to_text


def put_text(store: Store, uri: str, text: str, published: str | None = None) -> Document:
    source = Source(
        id=f"src-{text_hash(uri)[:8]}", uri=uri, content_hash=text_hash(text), size=len(text), format="text"
    )
    store.put_source(source)
    doc = Document(id=f"doc-{text_hash(text)[:12]}", source_id=source.id, seq=0, text=text, published=published)
    store.put_document(doc)
    return doc


def test_dictionary_extractor_gives_mentions_with_spans_and_registry_records(store: Store) -> None:
    text = "Beijing added 4-piperidone and 1-boc-4-piperidone (CAS 79099-07-3) to its precursor list."
    doc = put_text(store, "note.txt", text)
    extract = registry.get("extractor", "substances.dict.v1")
    statements = extract(doc)
    mentions = [s for s in statements if s.document_id == doc.id]
    assert [text[s.span_start : s.span_end] for s in mentions] == ["4-piperidone", "1-boc-4-piperidone", "79099-07-3"]
    assert all(s.extractor == "substances.dict.v1" for s in mentions)
    records = {s.record_id for s in statements if s.record_id}
    assert records == {"registry:4-piperidone", "registry:1-boc-4-piperidone"}
    store.add_statements(statements)
    entity = store.entity(mentions[1].entity_id)
    assert entity.schema == "Substance" and "79099-07-3" in entity.get("casNumber")


@pytest.fixture
def loaded(settings: Settings, store: Store) -> Settings:
    extract = registry.get("extractor", "substances.listings.v1")
    for name in ("lianxu_catalogue.txt", "ruixin_research_chemicals.html", "tienda_quimica_es.txt"):
        raw = listing_page(name)
        text = html_to_text(raw) if name.endswith(".html") else raw
        doc = put_text(store, name, text)
        store.add_statements(extract(doc))
    return settings


def run(settings: Settings, *args: str) -> list[dict[str, object]]:
    result = CliRunner().invoke(cli, ["--db", settings.db, "--json", *args])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines() if line.strip()]


def test_listings_command_filters_by_destination_and_control(loaded: Settings) -> None:
    everything = run(loaded, "listings")
    assert len(everything) == 8
    to_mexico_controlled = run(loaded, "listings", "--destination", "MX", "--controlled")
    products = sorted(p for row in to_mexico_controlled for p in row["product"])  # type: ignore[union-attr]
    # protonitazene: a party to the 1961 Convention, which lists it in Schedule I (INCB Yellow List)
    assert products == ["4-anilino-N-phenethylpiperidine", "4-piperidone", "N-phenethyl-4-piperidone", "Protonitazene"]
    to_us = run(loaded, "listings", "--destination", "us", "--controlled")
    assert any("RX-2025A" in row["product"] for row in to_us)  # type: ignore[operator]
    assert all(row["documents"] for row in everything)


def test_substance_command(settings: Settings) -> None:
    [data] = run(settings, "substance", "U-47700")
    assert data["key"] == "u-47700" and "Pinky" in data["synonyms"]  # type: ignore[operator]
    assert {c["jurisdiction"] for c in data["controls"]} == {"US", "UN", "CN", "UK"}  # type: ignore[union-attr,index]
    result = CliRunner().invoke(cli, ["--db", settings.db, "substance", "437-38-8"])
    assert result.exit_code != 0


def test_substance_command_text_output_for_a_novel_structure(settings: Settings) -> None:
    result = CliRunner().invoke(cli, ["--db", settings.db, "substance", "CCC(=O)N(c1ccccc1)C1CCN(CCc2ccsc2)CC1"])
    assert result.exit_code == 0
    assert "novel structure" in result.output and "rule us.frs.phenethyl-anilidopiperidine" in result.output


def test_main_reports_bad_input_in_one_line(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    from tracegraph.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(["--db", settings.db, "substance", "C1CC("])
    assert exit_info.value.code == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "invalid SMILES" in err


def test_seed_like_page_through_the_dict_extractor(tmp_path: Path, store: Store) -> None:
    doc = put_text(store, "empty.txt", "Nothing to see here.")
    assert registry.get("extractor", "substances.dict.v1")(doc) == []


def test_substances_import_builds_a_registry_from_a_users_copies(tmp_path: Path, settings: Settings) -> None:
    shared = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "controlled_substances"
    if not shared.is_dir():
        pytest.skip("needs ../shared beside the checkout")
    mine = tmp_path / "sources"
    shutil.copytree(shared / "china_controlled_catalogues_2025", mine / "china_controlled_catalogues_2025")
    out = tmp_path / "mine.json.gz"
    [summary] = run(settings, "substances", "import", str(mine), "--out", str(out))
    assert summary["substances"] > 400 and out.exists()  # type: ignore[operator]
    [data] = run(settings, "substance", "去氧麻黄碱", "--registry", str(out))
    assert [c["jurisdiction"] for c in data["controls"]] == ["CN"]  # type: ignore[index]
    assert data["status"]["US"].startswith("unknown")  # type: ignore[index]
