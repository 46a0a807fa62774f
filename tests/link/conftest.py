"""Fixtures of the link tests: two small registers written by us, with planted matches."""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest

SYLLABLES = ["kor", "val", "mir", "tan", "bel", "sor", "dun", "fal", "gor", "lin", "mek", "ras", "tov", "zer", "pol"]
FORMS = [("Co., Ltd.", "Company Limited"), ("LLC", "Limited Liability Company"), ("JSC", "Joint Stock Company")]
TRADES = ["Trading", "Chemical", "Shipping", "Logistics", "Metals", "Pharma", "Textiles", "Foods"]
GIVEN = ["Anna", "Boris", "Chen", "Dmitri", "Elena", "Farid", "Greta", "Hassan", "Ines", "Jonas", "Kira", "Liu"]
COUNTRIES = ["CN", "RU", "AE", "DE", "IN", "TR"]
HEADER = ["id", "name", "country", "date_of_birth", "registration_number", "type"]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _typo(rng: random.Random, text: str) -> str:
    i = rng.randrange(1, len(text) - 1)
    return text[:i] + text[i + 1] + text[i] + text[i + 2 :] if text[i].isalpha() and text[i + 1].isalpha() else text


def registers(
    seed: int = 7, size: int = 240, matched: int = 120
) -> tuple[list[list[str]], list[list[str]], set[tuple[str, str]]]:
    """Left and right rows and the true (left id, right id) pairs."""
    rng = random.Random(seed)
    left: list[list[str]] = []
    right: list[list[str]] = []
    truth: set[tuple[str, str]] = set()
    for i in range(size):
        country = rng.choice(COUNTRIES)
        if i % 2:
            name = f"{_word(rng)} {_word(rng)}"
            given = rng.choice(GIVEN)
            dob = f"19{rng.randint(50, 99)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            left.append([f"L{i}", f"{given} {name}", country, dob, "", "Person"])
            other = f"{name.upper()}, {given}" if rng.random() < 0.5 else f"{given} {_typo(rng, name)}"
            row = [f"R{i}", other, country, dob, "", "Person"]
        else:
            core = f"{_word(rng)} {rng.choice(TRADES)}"
            form = rng.choice(FORMS)
            reg = f"{rng.randint(10**7, 10**8)}"
            left.append([f"L{i}", f"{core} {form[0]}", country, "", reg, "Company"])
            variant = rng.choice([f"{form[1]} {core}", f"{core} {form[1]}", _typo(rng, core), core.replace(" ", "")])
            row = [f"R{i}", variant, country, "", reg if rng.random() < 0.3 else "", "Company"]
        if i < matched:
            right.append(row)
            truth.add((f"L{i}", f"R{i}"))
    for j in range(size - matched):  # parties only on the right
        right.append(
            [
                f"N{j}",
                f"{_word(rng)} {rng.choice(TRADES)} {rng.choice(FORMS)[1]}",
                rng.choice(COUNTRIES),
                "",
                "",
                "Company",
            ]
        )
    return left, right, truth


def write_csv(path: Path, rows: list[list[str]], header: list[str] = HEADER, encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture
def two_files(tmp_path: Path) -> tuple[Path, Path, set[tuple[str, str]]]:
    left, right, truth = registers()
    return write_csv(tmp_path / "register_a.csv", left), write_csv(tmp_path / "register_b.csv", right), truth


def others(count: int, seed: int = 11) -> list[list[str]]:
    """``count`` parties unrelated to the registers (name, country, birth date, registration, type)."""
    rng = random.Random(seed)
    rows: list[list[str]] = []
    for _ in range(count):
        if rng.random() < 0.5:
            dob = f"19{rng.randint(40, 99)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            rows.append([f"{rng.choice(GIVEN)} {_word(rng)} {_word(rng)}", rng.choice(COUNTRIES), dob, "", "Person"])
        else:
            rows.append([f"{_word(rng)} {_word(rng)} {rng.choice(TRADES)}", rng.choice(COUNTRIES), "", "", "Company"])
    return rows
