"""A generated corpus of hostile inputs for ``tracegraph ingest``, each with what should happen to it.

``make(folder, seed, scale)`` writes about ``1,000 * scale`` files: random and binary bytes,
truncated and mis-encoded text, empty files, broken PDFs and HTML, malicious CSV and FtM,
special files (FIFOs, link loops, dangling links, links to devices) and, as controls, good
text in many encodings. ``judge`` runs one ingest over it and counts clear errors, crashes,
hangs, silent acceptances of garbage and good inputs refused.
"""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from tests.reliability.harness import CLI, env

#: what should happen to an input: stored, refused with one line, or either of the two
ACCEPT, REJECT, EITHER = "accept", "reject", "either"

SENTENCES = [
    "Quarrow Trading Ltd shipped forty drums of reagent to a broker in Lorvik in March.",
    "The broker, Belmont Logistics, did not answer questions sent by email on Monday.",
    "Port inspectors said the labels on the drums did not match the shipping papers.",
    "A spokesperson for the harbour authority declined to comment on the seizure.",
    "Court filings show the company changed its name twice in the last three years.",
]
FOREIGN = [
    ("Herr Müller verkaufte die Firma an Schröder und Söhne in Köln.", "latin-1"),
    ("Der Hafen von Rostock prüfte die Fässer zweimal, sagte die Behörde.", "cp1252"),
    ("Компания продала химикаты посреднику в прошлом году, сообщил суд.", "cp1251"),
    ("日本の会社が化学物質を販売したと当局は発表した。", "shift_jis"),
    ("中国公司向墨西哥出售化学品，当局表示。", "gb18030"),
    ("Η εταιρεία πούλησε χημικά σε μεσάζοντα πέρυσι.", "cp1253"),
]


@dataclass
class Item:
    name: str
    kind: str
    expect: str


@dataclass
class Verdict:
    files: int = 0
    clear_errors: int = 0
    accepted: int = 0
    crashes: int = 0
    hangs: int = 0
    silent_garbage: list[str] = field(default_factory=list)
    silent_drops: list[str] = field(default_factory=list)
    refused_good: list[str] = field(default_factory=list)
    multi_line: list[str] = field(default_factory=list)
    seconds: float = 0.0
    by_kind: dict[str, Counter[str]] = field(default_factory=dict)


def _prose(rng: random.Random, n: int) -> str:
    return "\n\n".join(" ".join(rng.choice(SENTENCES) for _ in range(3)) for _ in range(n))


def make(folder: Path, seed: int = 7, scale: float = 1.0) -> list[Item]:
    """Write the corpus under ``folder``; returns what should happen to each input."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    items: list[Item] = []

    def put(name: str, data: bytes, kind: str, expect: str) -> None:
        (folder / name).write_bytes(data)
        items.append(Item(name, kind, expect))

    def count(n: int) -> int:
        return max(1, int(n * scale))

    for i in range(count(250)):
        put(f"random_{i:04d}.txt", rng.randbytes(rng.choice([64, 200, 1000, 5000, 20000])), "random bytes", REJECT)
    for i in range(count(80)):
        data = bytes(rng.randrange(0x80, 0x100) for _ in range(rng.choice([100, 600, 3000])))
        put(f"highbytes_{i:04d}.txt", data, "high bytes", REJECT)
    for i in range(count(60)):
        text = _prose(rng, 2)
        put(f"utf32as16_{i:04d}.txt", b"\xff\xfe" + text.encode("utf-32-be"), "UTF-32 read as UTF-16", REJECT)
    for i in range(count(40)):
        put(f"nuls_{i:04d}.txt", _prose(rng, 2).encode().replace(b" ", b"\x00", 5), "NULs in text", REJECT)
    for i in range(count(30)):
        put(f"empty_{i:04d}.txt", b" \n\t " * (i % 3), "empty", REJECT)
    magic = [b"\x89PNG\r\n\x1a\n", b"\x1f\x8b\x08\x00", b"\x7fELF\x02\x01\x01", b"PK\x03\x04"]
    for i in range(count(60)):
        put(f"binary_{i:04d}.md", rng.choice(magic) + rng.randbytes(2000), "binary with a text name", REJECT)
    for i in range(count(40)):
        put(f"broken_{i:04d}.pdf", b"%PDF-1.4\n" + rng.randbytes(rng.choice([10, 500, 4000])), "broken PDF", REJECT)
    for i in range(count(30)):
        put(f"nobody_{i:04d}.html", b"<html><head><title>x</title></head><body><script>1</script></body></html>",
            "HTML without text", REJECT)  # fmt: skip
    for i in range(count(40)):
        delete = orjson.dumps({"op": "DEL", "entity": {"id": f"e{i}", "schema": "Person"}})
        lines = [b"{not json", b"[1, 2]", b'{"id": "x", "schema": "NoSuchThing"}', delete, b'"just a string"']
        put(f"badftm_{i:04d}.ftm.json", b"\n".join(rng.sample(lines, 3)), "FtM, no good line", REJECT)
    for i in range(count(30)):
        put(f"deepjson_{i:04d}.jsonl", b"[" * 100_000 + b"]" * 100_000, "JSON nested 100k deep", REJECT)
    # controls: good text, in many encodings, cut, odd names
    for i in range(count(120)):
        put(f"good_{i:04d}.txt", (f"Story {i}\n\n" + _prose(rng, rng.randint(1, 6))).encode(), "good UTF-8", ACCEPT)
    for i in range(count(60)):
        text, codec = rng.choice(FOREIGN)
        put(f"foreign_{i:04d}.txt", f"{text}\n\n{text}\n".encode(codec), f"good {codec}", ACCEPT)
    for i in range(count(30)):
        data = ("Bericht über Müller\n\n" + _prose(rng, 2)).encode("utf-16")
        put(f"utf16_{i:04d}.txt", data + (b"!" if i % 2 else b""), "UTF-16 (odd length half the time)", ACCEPT)
    for i in range(count(40)):
        data = ("Zürich: " + _prose(rng, 3) + " Straße").encode()
        put(f"cut_{i:04d}.txt", data[: len(data) - 1], "UTF-8 cut inside a character", ACCEPT)
    for i in range(count(30)):
        html = f"<html><body><article><h1>Seizure {i}</h1><p>{_prose(rng, 3)}</p></article></body></html>".encode()
        put(f"cut_{i:04d}.html", html[: rng.randint(len(html) // 2, len(html))], "truncated HTML", EITHER)
    for i in range(count(30)):
        rows = ["name,country", '=HYPERLINK("http://x"),' + "A" * 131_072, "+1+1,cn", "-2,@SUM(A1)", "a\rb,c"]
        put(f"formula_{i:04d}.csv", "\n".join(rows).encode(), "malicious CSV (as text)", EITHER)
    for i in range(count(30)):
        good = {"id": f"p{i}", "schema": "Person", "properties": {"name": [f"Ana Varga {i}"]}}
        bad = {"id": f"q{i}", "schema": "Person", "properties": {"shoeSize": ["44"], "birthDate": ["soon"]}}
        put(f"mixedftm_{i:04d}.ftm.json", orjson.dumps(good) + b"\n" + orjson.dumps(bad) + b"\n{oops\n",
            "FtM, good and bad lines", ACCEPT)  # fmt: skip
    for i in range(count(20)):
        name = os.fsdecode(b"name_\xff\xfe_%04d.txt" % i)
        put(name, _prose(rng, 1).encode(), "good, name not UTF-8", ACCEPT)
    # special files
    for i in range(count(10)):
        os.mkfifo(folder / f"fifo_{i:04d}.txt")
        items.append(Item(f"fifo_{i:04d}.txt", "FIFO", REJECT))
    for i in range(count(10)):
        os.symlink(f"loop_b_{i:04d}", folder / f"loop_a_{i:04d}")
        os.symlink(f"loop_a_{i:04d}", folder / f"loop_b_{i:04d}")
        items += [Item(f"loop_a_{i:04d}", "symlink loop", REJECT), Item(f"loop_b_{i:04d}", "symlink loop", REJECT)]
    for i in range(count(10)):
        os.symlink(f"missing_{i:04d}", folder / f"dangling_{i:04d}.txt")
        items.append(Item(f"dangling_{i:04d}.txt", "dangling link", REJECT))
    for i in range(count(10)):
        os.symlink("/dev/zero" if i % 2 else "/dev/urandom", folder / f"device_{i:04d}.txt")
        items.append(Item(f"device_{i:04d}.txt", "link to a device (outside the root)", REJECT))
    return items


def judge(folder: Path, items: list[Item], db: Path, timeout: float = 600) -> Verdict:
    """Ingest ``folder`` in one run and score every input against what should happen to it."""
    import time

    verdict = Verdict(files=len(items))
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [*CLI, "--db", str(db), "ingest", str(folder)],
            capture_output=True,
            timeout=timeout,
            env=env(),
            check=False,
        )
    except subprocess.TimeoutExpired:
        verdict.hangs = 1
        return verdict
    verdict.seconds = round(time.perf_counter() - started, 1)
    stderr = done.stderr.decode("utf-8", errors="replace")
    if done.returncode not in (0, 1) or "Traceback" in stderr or "internal error" in stderr:
        verdict.crashes = 1
        return verdict
    named: Counter[str] = Counter()
    per_line: Counter[str] = Counter()
    prefix = str(folder) + os.sep
    for line in stderr.splitlines():
        _, _, rest = line.partition(prefix)
        name, _, after = rest.partition(":")
        if not name:
            continue
        if "warning:" in line or after[:1].isdigit():
            per_line[name] += 1  # a line of an FtM file, or values left out of one: the file still loads
        else:
            named[name] += 1
    conn = sqlite3.connect(db)
    try:
        stored = {Path(uri).name for (uri,) in conn.execute("SELECT uri FROM sources WHERE status = 'ok'")}
    finally:
        conn.close()
    for item in items:
        shown = os.fsencode(item.name).decode("utf-8", errors="backslashreplace")
        lines, ok = named[shown], shown in stored
        kinds = verdict.by_kind.setdefault(item.kind, Counter())
        if lines > 1:
            verdict.multi_line.append(shown)
        if ok and not lines:
            verdict.accepted += 1
            kinds["accepted, with per-line reports" if per_line[shown] else "accepted"] += 1
            if item.expect == REJECT:
                verdict.silent_garbage.append(shown)
        elif lines or (per_line[shown] and not ok):
            verdict.clear_errors += 1
            kinds["clear error"] += 1
            if item.expect == ACCEPT:
                verdict.refused_good.append(shown)
        else:
            kinds["silent drop"] += 1
            verdict.silent_drops.append(shown)
    return verdict
