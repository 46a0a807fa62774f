"""Every fact in the extraction gold sets (bench/data/extract_*_gold.yaml) points into a document.

A gold fact whose seed names no document, or whose ``at`` anchor does not occur in that
document, can never be recalled with evidence: the fact score would be wrong without a sign.
Never-tuned sets report only how many anchors are bad, so that the test does not show their facts.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tracegraph.datafiles import parse_yaml

DATA = Path(__file__).resolve().parents[2] / "bench" / "data"
_SPACE = re.compile(r"\s+")

# gold file -> (document folder relative to bench/data, or None for the shared seeds; tuned on?)
SETS: dict[str, tuple[str | None, bool]] = {
    "extract_seed_gold.yaml": (None, True),
    "extract_dev_gold.yaml": ("extract_dev", True),
    "extract_dev2_gold.yaml": ("extract_dev2", True),
    "extract_dev3_gold.yaml": ("extract_dev3", True),
    "extract_dev4_gold.yaml": ("extract_dev4", True),
    "extract_dev5_gold.yaml": ("extract_dev5", True),
    "extract_dev6_gold.yaml": ("extract_dev6", True),
    "extract_heldout_gold.yaml": ("extract_heldout", False),
    "extract_fresh_gold.yaml": ("extract_heldout/fresh", False),
    "extract_blind_gold.yaml": ("extract_heldout/blind", False),
    "extract_blind2_gold.yaml": ("extract_heldout/blind2", False),
    "extract_blind3_gold.yaml": ("extract_heldout/blind3", False),
    "extract_blind4_gold.yaml": ("extract_heldout/blind4", False),
    "extract_blind5_gold.yaml": ("extract_heldout/blind5", False),
    "extract_blind6_gold.yaml": ("extract_heldout/blind6", False),
}


def test_every_gold_file_is_checked() -> None:
    assert {p.name for p in DATA.glob("extract_*_gold.yaml")} == set(SETS)


@pytest.mark.parametrize("gold", sorted(SETS))
def test_gold_anchors_occur_in_their_documents(gold: str, request: pytest.FixtureRequest) -> None:
    folder, tuned = SETS[gold]
    docs_dir = request.getfixturevalue("shared") / "corpus" / "seeds" if folder is None else DATA / folder
    texts = {p.name[:3]: _SPACE.sub(" ", p.read_text(encoding="utf-8")) for p in docs_dir.glob("*.txt")}
    assert texts, f"no documents for {gold}"
    data = parse_yaml((DATA / gold).read_text(encoding="utf-8"), gold)
    facts = [*(data.get("facts") or []), *(data.get("acceptable") or [])]
    assert data.get("facts"), f"{gold} lists no facts"
    bad = [
        f"{f['seed']}: {f.get('at')!r}"
        for f in facts
        if str(f["seed"]) not in texts or (f.get("at") and _SPACE.sub(" ", str(f["at"])) not in texts[str(f["seed"])])
    ]
    assert not bad, bad if tuned else f"{len(bad)} facts of a never-tuned set point nowhere"
