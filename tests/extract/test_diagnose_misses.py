"""bench/diagnose_misses.py sorts a missed gold fact into one cause and reads its anchor's shape without
printing names or text (fictional facts and a fictional release)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from tracegraph.extract.factscore import Fact, Found

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _diagnose() -> ModuleType:
    sys.path.insert(0, str(BENCH))  # the script imports its neighbour bench_extract
    try:
        spec = importlib.util.spec_from_file_location("diagnose_misses", BENCH / "diagnose_misses.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(BENCH))


FACT = Fact("n01", ("Sanction",), frozenset({"ren baozhu"}), frozenset({"ofac"}), at="- Ren Baozhu, 48,")


def test_each_miss_gets_the_cause_a_rule_writer_can_act_on() -> None:
    cause = _diagnose().cause
    assert cause(FACT, [Found("n01", "Sanction", "ren baozhu", "bis")]).startswith("A")
    assert cause(FACT, [Found("n01", "Sanction", "qiu lanfang", "ofac")]).startswith("B")
    assert cause(FACT, [Found("n01", "Employment", "ren baozhu", "tolver"), Found("n01", "alias", "ofac", "x")]
                 ).startswith("C")  # fmt: skip
    assert cause(FACT, [Found("n01", "Employment", "qiu lanfang", "ofac")]) == "D: source never found"


def test_the_anchor_shape_names_no_one() -> None:
    text = "OFAC today designated:\n\n- Qiu Lanfang, born 1990;\n- Ren Baozhu, 48, of Nanchang.\n"
    shape = _diagnose().features(FACT, text)
    assert "bullet line" in shape and "bullet line: lead ends with ':'" in shape
    assert "bullet line: lead keywords: designate" in shape
    assert not any("Ren" in s or "Qiu" in s for s in shape)
