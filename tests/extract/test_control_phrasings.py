"""rel.deps.v1 on the ways releases say who directs, owns or belongs to what: each family of
phrasings (titles, appositions, possessives, "the company" and "its" after the name, lists of
names, legal forms of many countries) gives the fact with the sentence that states it as evidence.
Names and sentences are fictional."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.extract.test_deps import Found, having, run
from tracegraph.extract.mentions import Analysis

Analysed = Callable[..., Analysis]


def stated(found: Found, schema: str, quote: str, **props: str) -> list[dict[str, Any]]:
    """The facts of ``schema`` with ``props`` whose evidence sentence holds ``quote``."""
    return [f for f in having(found, schema, **props) if any(quote in s for s in f["props"]["summary"])]


# "the company" and "its" in the sentence after the name: the company the sentence before was about,
# not the parent or partner named inside its apposition or relative clause
CASES = [
    ("Jinhua Tiancheng Chemical Co., Ltd., a subsidiary of Zhejiang Tiancheng Group Co., Ltd., exported 4-AP to "
     "Mexico. Wen Jiali founded the company in 2015 and holds 70 percent of its shares.",
     "Ownership", "holds 70 percent", {"owner": "Wen Jiali", "asset": "Jinhua Tiancheng Chemical Co., Ltd."}),
    ("Jinhua Tiancheng Chemical Co., Ltd., a subsidiary of Zhejiang Tiancheng Group Co., Ltd., exported 4-AP to "
     "Mexico. Wen Jiali founded the company in 2015 and holds 70 percent of its shares.",
     "Directorship", "Wen Jiali founded", {"director": "Wen Jiali",
                                          "organization": "Jinhua Tiancheng Chemical Co., Ltd."}),
    ("Baltika Reagent LLC, a unit of Severny Holding JSC, sold reagents to the network. Oleg Sorokin has served as "
     "its general director since 2021.",
     "Directorship", "Oleg Sorokin has served", {"director": "Oleg Sorokin", "organization": "Baltika Reagent LLC"}),
    ("Costa Verde Quimicos, S.A. de C.V., which buys from Grupo Aduanal Herrera, S.A., imported the precursors. "
     "Rosa Elena Zuniga is the firm's legal representative.",
     "Directorship", "Rosa Elena Zuniga is", {"director": "Rosa Elena Zuniga",
                                              "organization": "Costa Verde Quimicos, S.A. de C.V."}),
]  # fmt: skip


def test_without_a_fitting_subject_the_nearest_company_is_meant(analysed: Analysed) -> None:
    found, _ = run(analysed, "OFAC designated Harbor Line Trading Limited and Pacific Crest Inc. on Tuesday. "
                             "Lau Wing-kei controls the company.")  # fmt: skip
    assert having(found, "Ownership", owner="Lau Wing-kei", asset="Pacific Crest Inc.")
    assert not having(found, "Ownership", owner="Lau Wing-kei", asset="Harbor Line Trading Limited")


# a capitalised heading line before the paragraph: the paragraph's opening name stays one name
CASES += [
    ("THE WUHAN SUPPLIER\n\nLongxin Pharmatech, a subsidiary of Hubei Longxin Industrial Holding Co., Ltd., has "
     "shipped norfentanyl to laboratories in Guerrero since 2024.",
     "Ownership", "a subsidiary of", {"owner": "Hubei Longxin Industrial Holding Co., Ltd.",
                                      "asset": "Longxin Pharmatech"}),
    ("THE SUPPLIER\n\nTianrui Pharmatech, a subsidiary of Hubei Tianrui Holding Co., Ltd., has shipped precursors to "
     "Mexico since 2024.",
     "Ownership", "a subsidiary of", {"owner": "Hubei Tianrui Holding Co., Ltd.", "asset": "Tianrui Pharmatech"}),
    ("THE BROKER\n\nMarisol Quintero, a member of the Cartel del Norte, arranged the shipments.",
     "Membership", "a member of", {"member": "Marisol Quintero", "organization": "Cartel del Norte"}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "schema", "quote", "props"), CASES, ids=[f"{c[1]}-{i}" for i, c in enumerate(CASES)])
def test_a_phrasing_gives_its_fact_with_its_evidence(
    analysed: Analysed, text: str, schema: str, quote: str, props: dict[str, str]
) -> None:
    found, _ = run(analysed, text)
    assert stated(found, schema, quote, **props), {
        k: dict(v["props"]) for k, v in found.items() if v["schema"] == schema
    }
