"""The heavy lane: searches and path searches wait for a slot, entity pages and screening do not wait for them."""

from __future__ import annotations

import threading
import time

import anyio
import anyio.to_thread

from tracegraph.api.lanes import Lanes


def test_cheap_work_goes_on_while_the_heavy_lane_is_full() -> None:
    lanes = Lanes(1)
    release = threading.Event()
    started: list[str] = []

    def slow_search() -> None:
        started.append("first search")
        release.wait(10)

    async def main() -> float:
        async with anyio.create_task_group() as group:
            group.start_soon(lanes.run_heavy, slow_search)
            await anyio.sleep(0.1)
            group.start_soon(lanes.run_heavy, lambda: started.append("second search"))
            await anyio.sleep(0.2)
            assert started == ["first search"]  # the second search waits for the slot
            t0 = time.perf_counter()
            assert await anyio.to_thread.run_sync(lambda: "entity page") == "entity page"
            waited = time.perf_counter() - t0
            release.set()
        return waited

    waited = anyio.run(main)
    assert waited < 1.0  # the entity page did not wait for either search
    assert started == ["first search", "second search"]


def test_every_slot_is_used() -> None:
    lanes = Lanes(2)
    both = threading.Barrier(2, timeout=5)

    async def main() -> None:
        async with anyio.create_task_group() as group:  # two at once, or the barrier times out
            group.start_soon(lanes.run_heavy, both.wait)
            group.start_soon(lanes.run_heavy, both.wait)

    anyio.run(main)
