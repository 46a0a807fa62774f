from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.screen.conftest import FIXTURES, SDN_V1
from tracegraph.cli import cli, main
from tracegraph.link import link_file
from tracegraph.link.judge import AUTHOR, dataset_name, entity_of
from tracegraph.screen.flags import compute_flags
from tracegraph.screen.loader import load_list
from tracegraph.store import Store

from .conftest import SYLLABLES, write_csv


def _scores(found: set[tuple[str, str]], truth: set[tuple[str, str]]) -> tuple[float, float]:
    hits = len(found & truth)
    return hits / max(len(found), 1), hits / len(truth)


def test_two_files_link_with_explanations_and_judgements(store: Store, two_files: tuple[Path, Path, set]) -> None:
    left, right, truth = two_files
    result = link_file(store, left, str(right), threshold=0.8)
    found = {(p.left, p.right) for p in result.pairs if p.probability >= 0.8}
    precision, recall = _scores(found, truth)
    assert precision >= 0.95 and recall >= 0.9, (precision, recall)
    pair = next(p for p in result.pairs if (p.left, p.right) in truth)
    assert pair.left_source == "file" and pair.right_source == "file2"
    assert set(pair.explanation) == {"name", "kind", "legal_form", "country", "birth_date", "identifier"}
    assert pair.explanation["name"]["weight"] > 0 and pair.explanation["name"]["level"]
    assert "name:" in pair.reason()
    # judgements in the store, by the link step, with Splink's reason; the rows kept their row numbers
    merges = [j for j in store.judgements() if j["author"] == AUTHOR]
    assert len(merges) == result.judgements and len(merges) >= 0.9 * len(truth)
    assert merges[0]["reason"].startswith("Splink ")
    records = {s.record_id for s in store.statements(prop="name") if s.record_id}
    assert f"{left.name}:2" in records and f"{right.name}:2" in records
    # clusters come from Splink and tie each true pair together
    clustered = [p for p in result.pairs if (p.left, p.right) in truth and p.cluster]
    assert len(clustered) >= 0.9 * len(truth)


def test_link_against_lists_makes_flags(store: Store, tmp_path: Path) -> None:
    load_list(store, SDN_V1)
    load_list(store, [FIXTURES / "csl_mini.csv"])
    customers = write_csv(
        tmp_path / "customers.csv",
        [
            ["c1", "Orlan Pettigrew Quillfeather", "CN", "1971-03-14", "", "Person"],
            ["c2", "Blueheron Fine Chemical Company Limited", "China", "", "", "Company"],
            ["c3", "Meadowlark Bakery", "GB", "", "", "Company"],
            ["c4", "Glasswing Precision Instruments", "CN", "", "", "Company"],
        ],
    )
    result = link_file(store, customers, "lists", threshold=0.5, review=0.05)
    by_left = {p.left: p for p in result.pairs}
    assert "QUILLFEATHER" in by_left["c1"].right_name
    assert "BLUEHERON" in by_left["c2"].right_name
    assert "c3" not in by_left or by_left["c3"].probability < 0.5
    # the customer row, merged with the list entry, is now flagged as listed
    customer = store.canonical(entity_of(dataset_name(customers), "c1"))
    flags = {f.entity_id: f for f in compute_flags(store) if f.kind == "listed"}
    assert "merged with list entry" in flags[customer].explanation


def test_bad_rows_are_reported_and_the_rest_goes_on(store: Store, tmp_path: Path, two_files: tuple) -> None:
    left, right, _ = two_files
    path = tmp_path / "messy.csv"
    with left.open("rb") as fh:
        data = fh.read()
    data += b"X1,M\xfcller Stahlhandel GmbH,DE,,,Company\n"  # one Latin-1 row in a UTF-8 file
    data += b"X2,,DE,,,Company\n"  # empty name
    data += b"X3," + b"A" * 5000 + b",DE,,,Company\n"  # a 5,000-character name
    path.write_bytes(data)
    result = link_file(store, path, str(right), threshold=0.8)
    problems = "\n".join(result.problems)
    assert f"{path}: line" in problems and "Windows-1252" in problems
    assert f"{path}: row" in problems and "empty name" in problems
    assert "5,000 characters cut to 300" in problems
    assert all("\n" not in p for p in result.problems)
    assert result.records["file"] == 242  # 240 + the Latin-1 row + the long name
    names = {s.value for s in store.statements(prop="name")}
    assert "Müller Stahlhandel GmbH" in names


@pytest.mark.parametrize(
    ("content", "suffix", "message"),
    [
        (b"city,street\nParis,Rue Haute\n", ".csv", "no name column"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", ".csv", "binary"),
        (b'{"id": "x", "schema": "Person"}\n', ".csv", "JSON"),
        (b"name\nAcme\n", ".xml", "not a table"),
        (b"", ".csv", "empty file"),
    ],
)
def test_a_file_that_is_no_table_is_one_clear_error(
    tmp_path: Path, content: bytes, suffix: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / f"bad{suffix}"
    bad.write_bytes(content)
    with pytest.raises(SystemExit) as exit_info:
        main(["--db", str(tmp_path / "db.sqlite"), "link", str(bad), "--against", "lists"])
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert err.startswith(f"tracegraph: error: {bad}: ") and message in err


def test_cli_writes_pairs_for_review(tmp_path: Path, two_files: tuple) -> None:
    left, right, truth = two_files
    out = tmp_path / "pairs.csv"
    db = str(tmp_path / "db.sqlite")
    runner = CliRunner()
    result = runner.invoke(
        cli,
        ["--db", db, "--json", "link", str(left), "--against", str(right), "--pairs", str(out), "--threshold", "0.8"],
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout.splitlines()[0])
    assert summary["engine"] == "duckdb" and summary["judgements"] > 0 and summary["clusters"] > 0
    with out.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and {"name_level", "name_weight", "country_weight", "probability", "cluster"} <= set(rows[0])
    assert float(rows[0]["probability"]) >= float(rows[-1]["probability"])
    found = {(r["left"], r["right"]) for r in rows if float(r["probability"]) >= 0.8}
    assert len(found & truth) >= 0.9 * len(truth)
    jsonl = tmp_path / "pairs.json"
    result = runner.invoke(
        cli, ["--db", db, "link", str(left), "--against", str(right), "--dry-run", "--pairs", str(jsonl)]
    )
    assert result.exit_code == 0, result.output
    first = json.loads(jsonl.read_text(encoding="utf-8").splitlines()[0])
    assert first["explanation"]["name"]["weight"] > 0 and first["reason"].startswith("Splink ")


@pytest.mark.slow
def test_deduplicates_a_file_of_100k_rows(tmp_path: Path) -> None:
    from .conftest import others, registers

    left, right, truth = registers(seed=3, size=400, matched=200)
    rows = [*left, *right]
    filler = [[f"F{i}", *other] for i, other in enumerate(others(100_000 - len(rows)))]
    path = write_csv(tmp_path / "big.csv", rows + filler)
    result = link_file(None, path, None, threshold=0.8, write=False)
    assert result.records["file"] == 100_000
    found = {tuple(sorted((p.left, p.right))) for p in result.pairs if p.probability >= 0.8}
    planted = {pair for pair in found if not pair[0].startswith("F") and not pair[1].startswith("F")}
    wanted = {tuple(sorted(t)) for t in truth}
    # the filler's names collide now and then (a small vocabulary), so a bare shared company name is weak evidence
    # at this size; people with a birth date and firms with a registration number still link, and so do names with
    # a typo that moves a word in the sorted key (0.93 measured)
    assert len(found & wanted) >= 0.85 * len(wanted)
    # namesakes among the planted rows: "Tantov Chemical Company Limited" is not "Tantov Chemical Joint Stock
    # Company", and "Bellin Chemical Co., Ltd." in India is not the one in Turkey (186 of 193 right, 0.96, measured)
    assert len(planted & wanted) >= 0.95 * len(planted)


@pytest.mark.slow
def test_spark_local_mode_finds_the_same_pairs(tmp_path: Path, two_files: tuple) -> None:
    left, right, truth = two_files
    duck = link_file(None, left, str(right), threshold=0.8, write=False)
    spark = link_file(None, left, str(right), engine="spark", threshold=0.8, write=False)
    assert spark.engine == "spark"
    duck_found = {(p.left, p.right) for p in duck.pairs if p.probability >= 0.8}
    spark_found = {(p.left, p.right) for p in spark.pairs if p.probability >= 0.8}
    assert len(spark_found & truth) >= 0.9 * len(truth)
    assert len(duck_found ^ spark_found) <= 0.05 * len(duck_found)
    pair = next(p for p in spark.pairs if (p.left, p.right) in truth)
    assert pair.explanation["name"]["weight"] > 0


def test_a_typo_in_the_one_rare_word_of_a_common_name_is_found() -> None:
    """ "Tohaoa Loga Trading" is "Tohaka Loga Trading": every word but the typo'd one is shared by hundreds of
    companies, so no single word blocks the two together; the name less its rarest word does."""
    import random

    from tracegraph.link import Party, link_rows, party_rows

    rng = random.Random(4)
    syllables = [
        "ka",
        "ri",
        "to",
        "mu",
        "se",
        "la",
        "vo",
        "ne",
        "di",
        "pa",
        "zo",
        "ru",
        "bi",
        "te",
        "ga",
        "lo",
        "fe",
        "ni",
        "su",
        "ha",
        "me",
        "ko",
        "ya",
        "du",
        "wi",
    ]
    parties = [
        Party(
            f"f{i}",
            [f"{''.join(rng.choice(syllables) for _ in range(4)).capitalize()} Loga Trading LLC"],
            "Company",
            [rng.choice(["CN", "RU", "AE"])],
        )
        for i in range(900)
    ]
    # a few exact repeats, so training sees what a true pair looks like
    parties += [Party(f"r{i}", list(parties[i].names), "Company", list(parties[i].countries)) for i in range(90)]
    parties += [
        Party("orig", ["Tohaka Loga Trading LLC"], "Company", ["CN"]),
        Party("typo", ["Tohaoa Loga Trading LLC"], "Company", ["CN"]),
    ]
    result = link_rows(party_rows(parties, "f"), None, review=0.5)
    pair = next((p for p in result.pairs if {p.left, p.right} == {"orig", "typo"}), None)
    assert pair is not None, "the typo'd copy is not among the pairs to review"
    # in a file of 900 names that differ in one word, a letter off is good but not conclusive evidence
    assert pair.explanation["name"]["level"] == "one letter off", pair.reason()


def test_a_phone_column_and_a_name_with_words_added_link_two_guides(tmp_path: Path) -> None:
    """Two restaurant guides: one writes "Mifune Japan Center", the other "Mifune"; a phone column (written
    "213/857 -0034" on one side, "213-857-0034" on the other) is read as an identifier, and a name whose words are
    all in the other's is a level of its own."""
    import random

    rng = random.Random(11)
    left: list[list[str]] = []
    right: list[list[str]] = []
    for i in range(150):
        name = " ".join("".join(rng.choice(SYLLABLES) for _ in range(2)).capitalize() for _ in range(2))
        area, mid, end = rng.randint(200, 999), rng.randint(100, 999), rng.randint(1000, 9999)
        left.append([f"a{i}", name, f"{area}/{mid} -{end}"])
        if i < 100:
            right.append([f"b{i}", name, f"{area}-{mid}-{end}"])
    left.append(["a-mifune", "Mifune Japan Center Kintetsu Building", "213/555 -0142"])
    right.append(["b-mifune", "Mifune", "213-555-0142"])
    header = ["id", "name", "phone"]
    result = link_file(
        None,
        write_csv(tmp_path / "fodors.csv", left, header),
        str(write_csv(tmp_path / "zagats.csv", right, header)),
        write=False,
        review=0.05,
    )
    pair = next((p for p in result.pairs if (p.left, p.right) == ("a-mifune", "b-mifune")), None)
    assert pair is not None, "the two Mifune rows are not among the pairs"
    assert pair.explanation["identifier"]["weight"] > 0
    assert pair.explanation["name"]["level"] == "one name's words all in the other's"
    assert pair.probability >= 0.9, pair.reason()
