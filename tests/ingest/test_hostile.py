"""Issue 12: one hostile input never stops a batch, hangs a run or is stored as garbage."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest

from tracegraph.ingest import ingest_paths
from tracegraph.settings import Settings
from tracegraph.store import Store

GOOD = "Quarrow Trading Ltd sold reagents to a buyer in Rotterdam last spring, the court heard.\n"


def _texts(store: Store) -> list[str]:
    return [doc.text for doc in store.documents()]


def _reasons(report: object) -> dict[str, str]:
    return {Path(uri).name: reason for uri, reason in report.failures}  # type: ignore[attr-defined]


def test_odd_length_utf16_and_a_non_utf8_name_do_not_stop_the_batch(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    (tmp_path / "a_good.txt").write_text(GOOD)
    (tmp_path / "odd16.txt").write_bytes("Acme Ltd was fined.".encode("utf-16") + b"!")  # one byte too many
    (Path(os.fsdecode(bytes(tmp_path) + b"/name\xff\xfe.txt"))).write_bytes(GOOD.replace("Quarrow", "Brisk").encode())
    report = ingest_paths(store, [tmp_path], settings)
    assert report.failed == 0, report.failures
    texts = _texts(store)
    assert "Acme Ltd was fined." in texts  # the half character at the end is dropped, not stored
    assert any(t.startswith("Brisk") for t in texts) and any(t.startswith("Quarrow") for t in texts)
    assert any("\\xff\\xfe" in src.uri for src in store.sources())


def test_loops_fifos_and_devices_are_skipped_with_a_reason(store: Store, settings: Settings, tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD)
    os.symlink("loop_b", tmp_path / "loop_a")
    os.symlink("loop_a", tmp_path / "loop_b")
    os.mkfifo(tmp_path / "pipe.txt")
    started = time.monotonic()
    report = ingest_paths(store, [tmp_path, "/dev/zero", "/dev/urandom"], settings)
    assert time.monotonic() - started < 30
    reasons = _reasons(report)
    assert "symbolic link loop" in reasons["loop_a"] and "symbolic link loop" in reasons["loop_b"]
    assert "FIFO" in reasons["pipe.txt"]
    assert "character device" in reasons["zero"] and "character device" in reasons["urandom"]
    assert report.read == 1 and _texts(store) == [GOOD.strip()]


def test_links_out_of_the_given_folders_are_not_followed_unless_asked(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    inside = tmp_path / "inside"
    outside.mkdir()
    inside.mkdir()
    (outside / "secret.txt").write_text("The private note of someone else, not to be read here.\n")
    (inside / "good.txt").write_text(GOOD)
    os.symlink(outside / "secret.txt", inside / "link.txt")
    os.symlink(inside / "good.txt", inside / "again.txt")  # inside the root: followed
    report = ingest_paths(store, [inside], settings)
    assert [Path(uri).name for uri, _ in report.not_followed] == ["link.txt"]
    assert "--follow-symlinks" in report.not_followed[0][1]
    assert not any("private note" in t for t in _texts(store))
    followed = ingest_paths(store, [inside], settings, follow_symlinks=True)
    assert not followed.not_followed
    assert any("private note" in t for t in _texts(store))


@pytest.mark.parametrize(
    ("data", "expect"),
    [
        (os.urandom(4000), "binary"),
        (bytes(range(128, 256)) * 20, "not plausible"),
        (b"\xff\xfe" + "Hello there, this is a sentence.".encode("utf-16-le")[:-1] + b"\x00\x00" * 40, "NUL"),
    ],
    ids=["random-bytes", "high-bytes", "nuls-after-decoding"],
)
def test_garbage_is_refused_with_a_reason(
    store: Store, settings: Settings, tmp_path: Path, data: bytes, expect: str
) -> None:
    path = tmp_path / "junk.txt"
    path.write_bytes(data)
    report = ingest_paths(store, [path], settings)
    assert report.failed == 1 and not _texts(store)
    assert expect in report.failures[0][1], report.failures


def test_random_bytes_are_never_stored_as_text(store: Store, settings: Settings, tmp_path: Path) -> None:
    import random

    rng = random.Random(12)
    for n in range(60):
        (tmp_path / f"r{n:02d}.txt").write_bytes(rng.randbytes(rng.choice([64, 300, 2000, 9000])))
    report = ingest_paths(store, [tmp_path], settings)
    assert report.failed == 60 and not _texts(store)


def test_utf32_is_read_as_utf32_and_latin1_as_a_western_code_page(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    (tmp_path / "le.txt").write_bytes("Acme Ltd sold reagents.".encode("utf-32"))
    (tmp_path / "be.txt").write_bytes(b"\x00\x00\xfe\xff" + "Brisk Ltd bought them.".encode("utf-32-be"))
    (tmp_path / "latin.txt").write_bytes("Herr Müller verkaufte die Firma an Schröder.".encode("latin-1"))
    report = ingest_paths(store, [tmp_path], settings)
    assert report.failed == 0, report.failures
    assert sorted(_texts(store)) == [
        "Acme Ltd sold reagents.",
        "Brisk Ltd bought them.",
        "Herr Müller verkaufte die Firma an Schröder.",
    ]


def test_ftm_del_unknown_properties_and_bad_values_are_reported_per_line(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    lines = [
        {"id": "p1", "schema": "Person", "properties": {"name": ["Ana Varga"], "birthDate": ["1984-02-03"]}},
        {"op": "DEL", "entity": {"id": "p1", "schema": "Person", "properties": {}}},
        {"id": "p2", "schema": "Person", "properties": {"name": ["Ivo Kos"], "shoeSize": ["44"]}},
        {"id": "p3", "schema": "Person", "properties": {"name": ["Eda Lin"], "birthDate": ["the 40th of May"]}},
    ]
    path = tmp_path / "people.ftm.json"
    path.write_bytes(b"\n".join(orjson.dumps(line) for line in lines) + b"\n")
    report = ingest_paths(store, [path], settings)
    failures = dict(report.failures)
    assert "DEL delta is refused" in failures[f"{path}:2"]
    warnings = dict(report.warnings)
    assert "no property 'shoeSize'" in warnings[f"{path}:3"]
    assert "invalid date value" in warnings[f"{path}:4"] and "40th of May" in warnings[f"{path}:4"]
    names = {s.value for s in store.statements(prop="name")}
    assert names == {"Ana Varga", "Ivo Kos", "Eda Lin"}  # the good values of each line still load
    stages = {f["stage"] for f in store.failures()}
    assert stages == {"ingest", "ingest-values"}


def test_an_entity_with_100k_values_loads_in_linear_time(store: Store, settings: Settings, tmp_path: Path) -> None:
    entity = {"id": "big", "schema": "Person", "properties": {"alias": [f"Alias number {i}" for i in range(100_000)]}}
    path = tmp_path / "big.ftm.json"
    path.write_bytes(orjson.dumps(entity) + b"\n")
    started = time.monotonic()
    report = ingest_paths(store, [path], settings)
    assert report.statements == 100_000
    assert time.monotonic() - started < 30  # quadratic before: about 45 s for the proxy alone


def test_the_cli_names_each_rejected_input_on_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD)
    (folder / "junk.txt").write_bytes(os.urandom(3000))
    os.mkfifo(folder / "pipe.txt")
    os.symlink("/etc/hostname", folder / "host.txt")
    db = tmp_path / "cli.sqlite"
    done = subprocess.run(
        [sys.executable, "-c", "from tracegraph.cli import main; main()", "--db", str(db), "ingest", str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 3, lines
    assert any(line.startswith(f"tracegraph: failed: {folder / 'junk.txt'}: ") for line in lines)
    assert any(line.startswith(f"tracegraph: failed: {folder / 'pipe.txt'}: ") for line in lines)
    assert any(line.startswith(f"tracegraph: skipped: {folder / 'host.txt'}: ") for line in lines)
