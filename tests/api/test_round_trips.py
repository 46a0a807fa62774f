"""An entity page resolves the id it is sent and reads that entity's statements in one query."""

from __future__ import annotations

from tests.api.world import World
from tracegraph.store import Store
from tracegraph.store.queries import server_reads


def test_an_id_and_its_statements_come_together_as_the_store_resolves_them(world: World, store: Store) -> None:
    canonical = store.canonical(world.kestrel_police)
    assert canonical == store.canonical(world.kestrel)  # merged
    for member in (world.kestrel, world.kestrel_police):
        found = server_reads.statements_by_id(store, member)
        assert found is not None
        assert found[0] == canonical
        assert {s.entity_id for s in found[1]} == {world.kestrel, world.kestrel_police}  # both members' statements
    plain = server_reads.statements_by_id(store, world.ferndale)
    assert plain is not None and plain[0] == world.ferndale == store.canonical(world.ferndale)
    assert server_reads.statements_by_id(store, "ent-nobody") is None

    # a retired id points at a member elsewhere: left to the resolver, which follows it
    store.execute(
        "INSERT INTO retired_ids (old_id, member_id, retired_at) VALUES (?, ?, ?)",
        ("ent-retired-one", world.ferndale, "2026-01-01T00:00:00"),
    )
    assert server_reads.statements_by_id(store, "ent-retired-one") is None
    assert store.canonical("ent-retired-one") == world.ferndale
