"""Path search next to big hubs: a hub is reached but its relations are not read, paths through it are
still found from the other side, and an answer that could not look through a hub says so."""

from __future__ import annotations

from tests.graph.network import RegisterWriter
from tracegraph.graph import Graph, hops, queries, scoped
from tracegraph.store import Statement, Store

TEXT = "Mass Registrations Ltd is the registered agent of thousands of firms. " * 3


def _firms(store: Store, subsidiaries: int) -> dict[str, str]:
    """A registered agent owning ``subsidiaries`` firms (a hub), a director on two of them, a partner of one."""
    w = RegisterWriter(store, "agent", TEXT)
    fact = w.fact
    fact("ent-agent", "Company", "name", "Mass Registrations Ltd")
    for i in range(subsidiaries):
        fact(f"ent-shell-{i:05d}", "Company", "name", f"Shell Firm {i}")
        fact(f"rel-agent-{i:05d}", "Ownership", "owner", "ent-agent")
        fact(f"rel-agent-{i:05d}", "Ownership", "asset", f"ent-shell-{i:05d}")
    for ent, schema, name in (("ent-dana", "Person", "Dana Okafor"), ("ent-ezra", "Person", "Ezra Lindqvist")):
        fact(ent, schema, "name", name)
    fact("rel-dir-1", "Directorship", "director", "ent-dana")
    fact("rel-dir-1", "Directorship", "organization", "ent-shell-00007")
    fact("rel-dir-2", "Directorship", "director", "ent-ezra")
    fact("rel-dir-2", "Directorship", "organization", "ent-shell-00099")
    w.save()
    return {"agent": "ent-agent", "dana": "ent-dana", "ezra": "ent-ezra", "shell": "ent-shell-00007"}


def test_a_path_through_a_hub_is_found_without_reading_the_hub(store: Store) -> None:
    ids = _firms(store, 300)
    whole = queries.paths(Graph.load(store), ids["dana"], ids["ezra"], 5)
    found = hops.shortest(scoped.Scope(store), ids["dana"], ids["ezra"], 4, hub=100)
    assert found.length == 4  # dana - shell 7 - agent - shell 99 - ezra
    assert found.walk.stopped is None
    assert ids["agent"] in found.ids and "rel-agent-00007" in found.ids and "rel-agent-00099" in found.ids
    assert not any(i.startswith("ent-shell") and i not in ("ent-shell-00007", "ent-shell-00099") for i in found.ids)
    assert {len(p) for p in whole["paths"]} == {4}


def test_a_hub_at_one_end_is_met_from_the_other_end(store: Store) -> None:
    ids = _firms(store, 300)
    found = hops.shortest(scoped.Scope(store), ids["agent"], ids["dana"], 4, hub=100)
    assert found.length == 2 and found.walk.stopped is None
    assert {"ent-agent", "ent-shell-00007", "ent-dana", "rel-agent-00007", "rel-dir-1"} <= found.ids
    assert found.walk.cuts == {}  # every two-hop path from the agent ends at a shell firm dana's side read


def _second_agent(store: Store, agent: str, tied: bool) -> None:
    """A second hub (150 firms): owned by the first agent, or sharing one firm with it."""
    facts = [Statement(entity_id="ent-agent2", schema="Company", prop="name", value="Second Agent Ltd")]
    for i in range(150):
        facts.append(Statement(entity_id=f"rel-two-{i:03d}", schema="Ownership", prop="owner", value="ent-agent2"))
        facts.append(Statement(entity_id=f"rel-two-{i:03d}", schema="Ownership", prop="asset", value=f"ent-x-{i}"))
        facts.append(Statement(entity_id=f"ent-x-{i}", schema="Company", prop="name", value=f"Other Shell {i}"))
    ends = (agent, "ent-agent2") if tied else ("ent-agent2", "ent-shell-00150")
    facts.append(Statement(entity_id="rel-agents", schema="Ownership", prop="owner", value=ends[0]))
    facts.append(Statement(entity_id="rel-agents", schema="Ownership", prop="asset", value=ends[1]))
    store.add_statements(facts)


def test_two_hubs_tied_to_each_other_are_found_without_reading_either(store: Store) -> None:
    ids = _firms(store, 300)
    _second_agent(store, ids["agent"], tied=True)
    found = hops.shortest(scoped.Scope(store), ids["agent"], "ent-agent2", 4, budget=10, hub=100)
    assert found.length == 1 and "rel-agents" in found.ids and found.walk.stopped is None


def test_hubs_two_hops_apart_read_the_smaller_or_say_the_search_stopped(store: Store) -> None:
    ids = _firms(store, 300)
    _second_agent(store, ids["agent"], tied=False)
    found = hops.shortest(scoped.Scope(store), ids["agent"], "ent-agent2", 4, budget=2000, hub=100)
    assert found.length == 2 and "ent-shell-00150" in found.ids  # agent - shell 150 - second agent
    stopped = hops.shortest(scoped.Scope(store), ids["agent"], "ent-agent2", 4, budget=100, hub=100)
    assert stopped.length is None
    assert stopped.walk.stopped and "stopped" in stopped.walk.stopped  # never a silent "no path"


def test_the_default_hub_size_leaves_a_big_agent_unread_and_answers_with_the_path(store: Store) -> None:
    ids = _firms(store, hops.HUB_DEGREE + 1)
    data = scoped.paths(store, ids["dana"], ids["ezra"])
    assert [len(p) for p in data["paths"]] == [4]
    seen = {name for hop in data["paths"][0] for e in hop for name in (e["source_caption"], e["target_caption"])}
    assert seen == {"Dana Okafor", "Shell Firm 7", "Mass Registrations Ltd", "Shell Firm 99", "Ezra Lindqvist"}
    assert "reason" not in data.get("truncated", {})


def test_a_shorter_path_through_a_hub_beats_a_longer_one_met_first(store: Store) -> None:
    ids = _firms(store, 300)
    facts = [
        Statement(entity_id=e, schema="Person", prop="name", value=n)
        for e, n in (
            ("ent-pia", "Pia Castell"),
            ("ent-quinn", "Quinn Aldous"),
            ("ent-m1", "Mo One"),
            ("ent-m2", "Mo Two"),
        )
    ]

    def tie(rel: str, schema: str, **ends: str) -> None:
        facts.extend(Statement(entity_id=rel, schema=schema, prop=p, value=v) for p, v in ends.items())

    for i in range(40):  # pia is costlier to expand than quinn's side
        tie(f"rel-pia-{i}", "Directorship", director="ent-pia", organization=f"ent-shell-{i:05d}")
    tie("rel-own-pia", "Ownership", owner=ids["agent"], asset="ent-pia")
    tie("rel-own-quinn", "Ownership", owner=ids["agent"], asset="ent-quinn")
    tie("rel-q-m1", "Associate", person="ent-quinn", associate="ent-m1")
    tie("rel-m1-m2", "Associate", person="ent-m1", associate="ent-m2")
    tie("rel-m2-p", "Associate", person="ent-m2", associate="ent-pia")
    store.add_statements(facts)
    found = hops.shortest(scoped.Scope(store), "ent-pia", "ent-quinn", 4, hub=100)
    assert found.length == 2  # pia - agent - quinn, not the three hops through m1 and m2 met first
    assert {"ent-agent", "rel-own-pia", "rel-own-quinn"} <= found.ids and "ent-m1" not in found.ids
