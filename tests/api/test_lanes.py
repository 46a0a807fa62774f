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


def test_light_requests_queued_first_are_answered_before_a_heavy_question_starts() -> None:
    lanes = Lanes(1, light_slots=1, light_first=5.0)
    release = threading.Event()
    order: list[str] = []

    def page(name: str, hold: bool = False) -> None:
        if hold:
            release.wait(10)
        order.append(name)

    async def main() -> None:
        lanes.narrow_light_lane()  # one light thread: the second page queues behind the first
        async with anyio.create_task_group() as group:
            group.start_soon(anyio.to_thread.run_sync, lambda: page("first page", True))
            await anyio.sleep(0.05)
            group.start_soon(anyio.to_thread.run_sync, lambda: page("second page"))
            await anyio.sleep(0.05)
            group.start_soon(lanes.run_heavy, lambda: page("search"))
            await anyio.sleep(0.2)
            assert order == []  # the search waits for the queued page, not only for its own slot
            release.set()

    anyio.run(main)
    assert order == ["first page", "second page", "search"]


def test_a_heavy_question_waits_for_light_ones_only_so_long() -> None:
    lanes = Lanes(1, light_slots=1, light_first=0.2)
    release = threading.Event()

    async def main() -> float:
        lanes.narrow_light_lane()
        async with anyio.create_task_group() as group:
            group.start_soon(anyio.to_thread.run_sync, lambda: release.wait(10))
            group.start_soon(anyio.to_thread.run_sync, lambda: release.wait(10))  # queued the whole time
            await anyio.sleep(0.05)
            t0 = time.perf_counter()
            await lanes.run_heavy(lambda: None)
            waited = time.perf_counter() - t0
            release.set()
        return waited

    assert 0.15 < anyio.run(main) < 2.0  # a flood of light requests holds a search back 0.2 s at most


def test_without_light_first_a_heavy_question_does_not_wait_for_light_ones() -> None:
    lanes = Lanes(1, light_slots=1, light_first=0.0)
    release = threading.Event()

    async def main() -> float:
        lanes.narrow_light_lane()
        async with anyio.create_task_group() as group:
            group.start_soon(anyio.to_thread.run_sync, lambda: release.wait(10))
            group.start_soon(anyio.to_thread.run_sync, lambda: release.wait(10))
            await anyio.sleep(0.05)
            t0 = time.perf_counter()
            await lanes.run_heavy(lambda: None)
            waited = time.perf_counter() - t0
            release.set()
        return waited

    assert anyio.run(main) < 0.15
