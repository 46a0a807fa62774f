"""A hub's relations are counted only up to a cap: below it the answer gives the exact number, above it
"more than N" (``exact: false``), so a hub with a hundred thousand relations costs the cap, not a count
of all of them. Paths next to hubs keep their true shortest length (on every backend)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from tests.graph.network import RegisterWriter
from tracegraph.cli import cli
from tracegraph.graph import Graph, hops, queries, scoped
from tracegraph.settings import Settings
from tracegraph.store import Store

TEXT = "Atlas Nominees owns every firm in the register; Borealis Trust owns the rest. " * 3
FIRMS = 261
TIES = 120  # relations tying the two hubs directly: more than a path search reads (hops.TIES_READ)


def _register(store: Store, firms: int = FIRMS) -> dict[str, str]:
    """Atlas Nominees owns 261 firms (or ``firms``); Borealis Trust owns 40 others and is tied to Atlas by 120
    relations; Iris directs one Atlas firm, Oren one Borealis firm."""
    w = RegisterWriter(store, "atlas", TEXT, summary="Atlas Nominees owns every firm in the register.")
    atlas = w.node("ent-atlas", "Company", "Atlas Nominees")
    borealis = w.node("ent-borealis", "Company", "Borealis Trust")
    owned = [w.node(f"ent-firm-{i:04d}", "Company", f"Atlas Firm {i}") for i in range(firms)]
    others = [w.node(f"ent-bfirm-{i:02d}", "Company", f"Borealis Firm {i}") for i in range(40)]
    for i, firm in enumerate(owned):
        w.tie(f"rel-atlas-{i:04d}", "Ownership", owner=atlas, asset=firm)
    for i, other in enumerate(others):
        w.tie(f"rel-bor-{i:02d}", "Ownership", owner=borealis, asset=other)
    for i in range(TIES):
        w.tie(f"rel-tie-{i:03d}", "Ownership", owner=borealis, asset=atlas)
    iris = w.node("ent-iris", "Person", "Iris Vantongeren")
    oren = w.node("ent-oren", "Person", "Oren Castellanos")
    w.tie("rel-dir-iris", "Directorship", director=iris, organization=owned[17])
    w.tie("rel-dir-oren", "Directorship", director=oren, organization=others[5])
    w.save()
    return {"atlas": atlas, "borealis": borealis, "iris": iris, "oren": oren}


def test_a_hub_over_the_cap_reads_more_than_n_and_below_it_the_exact_count(store: Store) -> None:
    ids = _register(store)
    relations = FIRMS + TIES  # atlas's firms and the ownerships by Borealis
    exact = scoped.neighbors(store, ids["atlas"], 1, fanout=10)
    assert exact["truncated"]["at"][0] == {"id": ids["atlas"], "caption": "Atlas Nominees", "followed": 10,
                                           "more": relations - 10}  # fmt: skip
    assert "exact" not in exact["truncated"]

    capped = scoped.neighbors(store, ids["atlas"], 1, fanout=10, count_to=100)
    assert len(capped["neighbors"]) == len(exact["neighbors"])  # the same entities, only the count stops
    at = capped["truncated"]["at"][0]
    assert at == {"id": ids["atlas"], "caption": "Atlas Nominees", "followed": 10, "more": 90, "exact": False}
    assert capped["truncated"]["exact"] is False and capped["truncated"]["more"] == 90

    # Borealis has 160 referrers (its 40 ownerships and the 120 ties): under a cap of 200, counted exactly
    small = scoped.neighbors(store, ids["borealis"], 1, fanout=10, count_to=200)
    assert small["truncated"]["at"][0] == {"id": ids["borealis"], "caption": "Borealis Trust", "followed": 10,
                                           "more": 150}  # fmt: skip


def test_the_text_and_json_answers_say_more_than_past_the_default_cap(settings: Settings, store: Store) -> None:
    ids = _register(store, firms=hops.COUNT_TO + 20)
    result = CliRunner().invoke(cli, ["--db", settings.db, "neighbors", ids["atlas"]], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert f"not followed: more than {hops.COUNT_TO - hops.FANOUT:,} more relations" in result.output
    shown = CliRunner().invoke(cli, ["--db", settings.db, "--json", "show", ids["atlas"]], catch_exceptions=False)
    at = json.loads(shown.output)["truncated"]["at"][0]
    assert at["followed"] == scoped.SHOW_FANOUT and at["more"] == hops.COUNT_TO - scoped.SHOW_FANOUT
    assert at["exact"] is False


def test_a_path_between_hubs_tied_by_many_relations_keeps_its_shortest_length(store: Store) -> None:
    ids = _register(store)
    whole = queries.paths(Graph.load(store), ids["iris"], ids["oren"], 5)
    assert {len(p) for p in whole["paths"]} == {5}  # iris - firm 17 - atlas - borealis - firm 5 - oren
    found = hops.shortest(scoped.Scope(store), ids["iris"], ids["oren"], 5, hub=35)
    assert found.length == 5 and found.walk.stopped is None
    ties = {i for i in found.ids if i.startswith("rel-tie-")}
    assert len(ties) == hops.PER_HOP  # ten of the 120 shown for that hop
    # the hubs were tested for a tie without reading all 120 of them, and the hop's count says "more than"
    assert len({r for r in found.walk.relations if r.startswith("rel-tie-")}) == hops.TIES_READ + 1
    cut = [found.walk.cuts[h] for h in (ids["atlas"], ids["borealis"]) if h in found.walk.cuts]
    assert cut and not all(c.exact for c in cut)

    data = scoped.paths(store, ids["iris"], ids["oren"], max_hops=5)
    assert [len(p) for p in data["paths"]] == [5]
