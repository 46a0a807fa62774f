"""Text records (product titles): the model number decides, words and prices help; two fictional catalogues."""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracegraph.cli import cli
from tracegraph.errors import InputError
from tracegraph.link import link_file
from tracegraph.link.text import parse_price, text_features

from .conftest import write_csv

BRANDS = ["Korvane", "Telmiso", "Brastek", "Quillon", "Vantoria", "Mirelux"]
THINGS = [
    "wireless bookshelf speaker",
    "sdhc memory card 16gb",
    "portable dvd player 7 inch",
    "noise cancelling headphones",
    "usb desk microphone",
    "smart wall plug",
    "espresso machine 15 bar",
    "cordless drill driver 18v",
]
HEADER = ["id", "title", "manufacturer", "price"]


def _code(rng: random.Random) -> tuple[str, str]:
    letters = "".join(rng.choice("BCDFGHKLMNPRSTVXZ") for _ in range(2))
    return letters, f"{rng.randint(100, 999)}"


def catalogues(seed: int = 3, products: int = 90) -> tuple[list[list[str]], list[list[str]], set[tuple[str, str]]]:
    """A shop's catalogue and a second shop's: each product once on each side, written differently, plus a
    sibling model of the same brand and kind (another model number, a near price) on the second side only."""
    rng = random.Random(seed)
    left: list[list[str]] = []
    right: list[list[str]] = []
    truth: set[tuple[str, str]] = set()
    seen: set[str] = set()
    for i in range(products):
        brand, thing = rng.choice(BRANDS), rng.choice(THINGS)
        letters, digits = _code(rng)
        while letters + digits in seen:
            letters, digits = _code(rng)
        seen.add(letters + digits)
        sibling = str(int(digits) + rng.choice([1, 10, 20]))
        price = rng.randint(20, 400)
        left.append([f"A{i}", f"{brand} {thing} {letters}-{digits}B", brand, f"{price}.00"])
        words = thing.split()
        rng.shuffle(words)
        other_price = f"{price * rng.uniform(0.93, 1.07):.2f}"
        right.append([f"B{i}", f"{brand.upper()} {letters}{digits}B {' '.join(words)} black", "", other_price])
        right.append([f"S{i}", f"{brand} {thing} {letters}{sibling}B", "", f"{price * 1.02:.2f}"])
        truth.add((f"A{i}", f"B{i}"))
    return left, right, truth


@pytest.fixture
def shops(tmp_path: Path) -> tuple[Path, Path, set[tuple[str, str]]]:
    left, right, truth = catalogues()
    return (
        write_csv(tmp_path / "shop_a.csv", left, HEADER),
        write_csv(tmp_path / "shop_b.csv", right, HEADER),
        truth,
    )


def test_a_model_number_survives_as_one_code_with_its_variants() -> None:
    found = text_features("Korvane wireless speaker KV-220B (black) for 4.0 docks")
    assert "kv220b" in found["codes"] and "kv220" in found["stems"]
    assert found["numbers"] == "4"  # "4.0" and "4" are one version
    assert "for" not in found["words"]
    assert text_features("Telmiso plug 0123456789012")["codes"] == ["0123456789012"]  # an article number
    assert text_features("Photo editor CS3 2007")["codes"] == []  # an edition and a year are no model numbers
    assert parse_price("$1,299.95") == 1299.95 and parse_price("n/a") is None


def test_two_catalogues_link_by_model_number_not_by_the_sibling(shops: tuple[Path, Path, set]) -> None:
    left, right, truth = shops
    result = link_file(None, left, str(right), write=False)  # a price column: read as text
    assert result.comparisons[0] == "code"
    found = {(p.left, p.right) for p in result.pairs if p.probability >= 0.9}
    hits = len(found & truth)
    assert hits >= 0.95 * len(truth), f"recall {hits / len(truth):.2f}"
    assert hits >= 0.9 * len(found), f"precision {hits / max(len(found), 1):.2f}"
    # the sibling shares brand, kind and near price, but not the model number: it stays below review
    siblings = [p for p in result.pairs if p.right.startswith("S") and p.probability >= 0.5]
    assert len(siblings) <= 0.05 * len(truth)
    best = next(p for p in result.pairs if p.left == "A0" and p.right == "B0")
    assert best.explanation["code"]["level"] == "the same model number" and best.explanation["code"]["weight"] > 0


def test_the_same_titles_read_as_party_names_lose_the_model_number(shops: tuple[Path, Path, set]) -> None:
    left, right, truth = shops
    text = link_file(None, left, str(right), write=False, kind="text")
    party = link_file(None, left, str(right), write=False, kind="party")
    got = {k: {(p.left, p.right) for p in r.pairs if p.probability >= 0.9} for k, r in (("t", text), ("p", party))}
    assert len(got["t"] & truth) - len(got["t"] - truth) > len(got["p"] & truth) - len(got["p"] - truth)


def test_cli_links_text_one_to_one_and_explains_each_comparison(tmp_path: Path, shops: tuple) -> None:
    left, right, truth = shops
    out = tmp_path / "pairs.csv"
    runner = CliRunner()
    args = ["--db", str(tmp_path / "db.sqlite"), "--json", "link", str(left), "--against", str(right)]
    result = runner.invoke(cli, [*args, "--kind", "text", "--one-to-one", "--pairs", str(out)])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout.splitlines()[0])
    assert summary["judgements"] == 0  # products are not parties: nothing is stored
    with out.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert {"code_level", "words_weight", "price_level"} <= set(rows[0])
    lefts = [r["left"] for r in rows]
    assert len(lefts) == len(set(lefts))  # one partner at most
    found = {(r["left"], r["right"]) for r in rows if float(r["probability"]) >= 0.9}
    assert len(found & truth) >= 0.95 * len(truth) and len(found - truth) <= 2


def test_text_records_do_not_link_to_the_lists(shops: tuple[Path, Path, set]) -> None:
    with pytest.raises(InputError, match="not to the lists"):
        link_file(None, shops[0], "lists", write=False, kind="text")


# -- publications: a title, its authors and its year ----------------------------------------------------------
FAMILY = ["Orvald", "Kesmir", "Tandrup", "Bélanger", "Vossler", "Ishkar", "Mendrel", "Quastoff", "Lindqvarn", "Özkeri"]
TOPICS = ["query", "index", "stream", "cache", "transaction", "schema", "graph", "storage", "join", "replica"]
KINDS = ["processing", "selection", "maintenance", "optimisation", "recovery", "compression"]
PAPER_HEADER = ["id", "title", "authors", "venue", "year"]


def _escaped(name: str) -> str:
    """A name as a tokenised HTML export writes it: "Özkeri" -> "&#214; zkeri", "Bélanger" -> "b &#233; langer"."""
    return "".join(f" &#{ord(c)}; " if ord(c) > 127 else c for c in name).replace("  ", " ").strip()


def bibliographies(seed: int = 11, papers: int = 80) -> tuple[list[list[str]], list[list[str]], set[tuple[str, str]]]:
    """Two catalogues of the same papers: the second reorders the authors, escapes accents, adds "( extended
    abstract )" to some titles. Both also hold editorials of one title by different editors in different years,
    and the second an author's other paper of an alike title a few years later."""
    rng = random.Random(seed)
    left: list[list[str]] = []
    right: list[list[str]] = []
    truth: set[tuple[str, str]] = set()
    seen: set[str] = set()
    for i in range(papers):
        title = f"{rng.choice(KINDS)} of {rng.choice(TOPICS)} {rng.choice(TOPICS)}s in {rng.choice(TOPICS)} systems"
        while title in seen:
            title = f"adaptive {title}"
        seen.add(title)
        people = [f"{rng.choice('ABCDEJKLMP')}. {f}" for f in rng.sample(FAMILY, rng.randint(1, 3))]
        year = str(rng.randint(1994, 2003))
        left.append([f"D{i}", title, " , ".join(people), "sigmod conference", year])
        shuffled = [_escaped(p) for p in rng.sample(people, len(people))]
        other = f"{title} ( extended abstract )" if i % 5 == 0 else title
        right.append([f"A{i}", other, " , ".join(shuffled), "international conference on management of data", year])
        truth.add((f"D{i}", f"A{i}"))
        if i % 10 == 0:
            later = f"{title.replace('systems', 'databases')} revisited"
            right.append([f"L{i}", later, " , ".join(people), "acm transactions", str(int(year) + 4)])
    for j, (editor_a, editor_b) in enumerate([("Orvald", "Kesmir"), ("Tandrup", "Vossler"), ("Ishkar", "Mendrel")]):
        left.append([f"E{j}", "guest editorial", f"K. {editor_a}", "sigmod record", str(1995 + j)])
        right.append([f"F{j}", "guest editorial", f"M. {editor_b}", "acm sigmod record", str(1999 + j)])
    return left, right, truth


def test_family_names_read_the_ways_a_catalogue_lists_its_authors() -> None:
    from tracegraph.link.text import family_names, parse_year

    assert family_names("binto george , jayant r. haritsa") == ["george", "haritsa"]
    assert family_names("fr &#233; d &#233; ric gingras , m. tamer &#214; zsu") == ["gingras", "ozsu"]
    assert family_names("Smith, J.; Jones, K. (editor)") == ["jones", "smith"]
    assert family_names("A. Smith and B. Jones & C. Brown") == ["brown", "jones", "smith"]
    assert family_names("") == [] and family_names(None) == []
    assert parse_year("2001-05-03") == 2001 and parse_year("Spring 1998") == 1998 and parse_year("n/a") is None


def test_publications_link_by_title_authors_and_year(tmp_path: Path) -> None:
    left, right, truth = bibliographies()
    a = write_csv(tmp_path / "dblp.csv", left, PAPER_HEADER)
    b = write_csv(tmp_path / "acm.csv", right, PAPER_HEADER)
    result = link_file(None, a, str(b), write=False, one_to_one=True)  # an authors column: read as text
    assert "people" in result.comparisons and "year" in result.comparisons
    found = {(p.left, p.right) for p in result.pairs if p.probability >= 0.9}
    assert len(found & truth) >= 0.95 * len(truth), f"recall {len(found & truth) / len(truth):.2f}"
    assert len(found - truth) == 0, sorted(found - truth)
    # one title, different editors and years: two editorials, not one
    editorials = [p for p in result.pairs if p.left.startswith("E") and p.probability >= 0.5]
    assert not editorials, [(p.left, p.right, p.probability) for p in editorials]
    # accents escaped on one side and the authors in another order are still the same people
    accented = [row[0] for row in left if row[0].startswith("D") and any(ord(c) > 127 for c in row[2])]
    pairs = {p.left: p for p in result.pairs}
    assert accented and all(pairs[d].explanation["people"]["level"] == "the same people" for d in accented)


@pytest.mark.slow
def test_spark_links_publications_as_duckdb_does(tmp_path: Path) -> None:
    left, right, truth = bibliographies(papers=40)
    a = write_csv(tmp_path / "dblp.csv", left, PAPER_HEADER)
    b = write_csv(tmp_path / "acm.csv", right, PAPER_HEADER)
    duck = link_file(None, a, str(b), write=False)
    spark = link_file(None, a, str(b), engine="spark", write=False)
    assert spark.engine == "spark" and "people" in spark.comparisons
    got = {r.engine: {(p.left, p.right) for p in r.pairs if p.probability >= 0.9} for r in (duck, spark)}
    assert len(got["spark"] & truth) >= 0.95 * len(truth)
    assert len(got["duckdb"] ^ got["spark"]) <= 2


def test_a_group_or_a_double_family_name_is_still_read_as_people() -> None:
    from tracegraph.link.text import TextRecord, name_words, text_rows

    assert name_words("the access team") == ["access", "team", "the"]
    assert name_words("Inés Borrego Calderón ( editor )") == ["borrego", "calderon", "ines"]
    assert name_words(None) == []
    row = text_rows([TextRecord("r1", "upsizing file servers", people="corporate the access team microsoft")], "a")[0]
    assert row["people_words"] == ["access", "corporate", "microsoft", "team", "the"] and row["n_people_words"] == 5


def test_title_words_of_works_of_the_same_people_are_weighed_apart(tmp_path: Path) -> None:
    """Two papers of the same people share title words far more often than two random papers: across two
    catalogues the words of such a pair are compared apart, with how alike titles are within each catalogue."""
    from tracegraph.link.model import WORD_BANDS, same_people_word_u, with_same_people_levels
    from tracegraph.link.text import TextRecord, text_rows

    left, right, _ = bibliographies()
    source = next(row for row in left if row[0] == "D3")
    # the same people's next paper, in the same year, on the right only: half its title is the other's
    other = " ".join([*source[1].split()[:4], "under", "skewed", "workloads"])
    right.append(["X1", other, source[2], "vldb", source[4]])
    a = write_csv(tmp_path / "dblp.csv", left, PAPER_HEADER)
    b = write_csv(tmp_path / "acm.csv", right, PAPER_HEADER)
    result = link_file(None, a, str(b), write=False, review=0.01)
    assert any("works of the same people" in step for step in result.training)
    pair = next(p for p in result.pairs if (p.left, p.right) == ("D3", "X1"))
    assert pair.explanation["words"]["level"].endswith(", works of the same people"), pair.explanation
    assert ("D3", "A3") in {(p.left, p.right) for p in result.pairs if p.probability >= 0.9}
    # within one catalogue, the pairs that share their people: most titles differ
    rows = [text_rows([TextRecord(r[0], r[1], people=r[2], year=r[4]) for r in left], "a")]
    u = same_people_word_u(rows)
    assert u is not None and len(u) == len(WORD_BANDS) + 2 and u[-1] > 0.5
    assert same_people_word_u([rows[0][:3]]) is None  # too few pairs to count on
    # the added levels: the band's m, that u, both fixed, and only for people in common
    model = {
        "comparisons": [
            {
                "output_column_name": "words",
                "comparison_levels": [
                    {"sql_condition": "name_key_l IS NULL", "is_null_level": True},
                    *({"sql_condition": f"band {i}", "m_probability": 0.1 * (i + 1)} for i in range(len(u) - 1)),
                    {"sql_condition": "ELSE", "m_probability": 0.01},
                ],
            },
            {
                "output_column_name": "people",
                "comparison_levels": [
                    {"sql_condition": "people_key_l IS NULL", "is_null_level": True},
                    {"sql_condition": "same people"},
                    {"sql_condition": "people alike"},
                ],
            },
        ]
    }
    levels = with_same_people_levels(model, u)["comparisons"][0]["comparison_levels"]
    added = levels[1 : 1 + len(u)]
    assert [lv["u_probability"] for lv in added] == list(u)
    assert added[1]["sql_condition"] == "(people alike) AND (band 1)" and added[1]["m_probability"] == 0.2
    assert added[-1]["sql_condition"] == "(people alike)" and all(lv["fix_u_probability"] for lv in added)
    # a file deduplicated against itself gets no such estimate: its pairs within the file are what is sought
    alone = link_file(None, a, write=False, kind="text")
    assert not any("works of the same people" in step for step in alone.training)
