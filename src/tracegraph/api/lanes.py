"""Two lanes for the work of requests, so cheap questions never wait behind expensive ones.

An entity page or a screening request costs a few milliseconds of CPU; a
search rescores up to hundreds of candidates and a path search may read
tens of thousands of adjacency entries. On a thread pool shared by all of
them, every cheap request queues behind whatever expensive ones arrived
first. Endpoints marked :func:`heavy` run their work on at most
``TRACEGRAPH_API_HEAVY_SLOTS`` threads per worker process; the others wait
for a slot without holding a thread, while entity pages and screening go on
on the ordinary pool.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

import anyio
import anyio.to_thread
from fastapi import Request

P = ParamSpec("P")
T = TypeVar("T")


class Lanes:
    """The heavy lane's slots; one limiter per event loop (a test client may run the app on several)."""

    def __init__(self, heavy_slots: int, light_slots: int = 0, light_first: float = 0.0) -> None:
        self.heavy_slots = max(1, heavy_slots)
        self.light_slots = light_slots
        #: the longest a heavy question waits for light requests queued before it (seconds; 0: never)
        self.light_first = light_first
        self._limiters: dict[int, anyio.CapacityLimiter] = {}
        self._gates: dict[int, asyncio.Lock] = {}

    def narrow_light_lane(self) -> None:
        """Run the light lane (anyio's default thread limiter of this event loop: FastAPI's synchronous
        endpoints and dependencies) on ``light_slots`` threads; 0 leaves anyio's default.

        Python runs one thread at a time in a process: twenty entity pages started together share the
        interpreter and all finish near the end of the burst, while a few at a time, in arrival order,
        finish one after another. A few threads still overlap one page's database waits with another's
        work."""
        if self.light_slots > 0:
            anyio.to_thread.current_default_thread_limiter().total_tokens = self.light_slots

    def limiter(self) -> anyio.CapacityLimiter:
        loop = id(asyncio.get_running_loop())
        found = self._limiters.get(loop)
        if found is None:
            found = self._limiters[loop] = anyio.CapacityLimiter(self.heavy_slots)
        return found

    async def run_heavy(self, work: Callable[[], T]) -> T:
        if self.light_first > 0:
            await self.after_light()
        return await anyio.to_thread.run_sync(work, limiter=self.limiter())

    async def after_light(self) -> None:
        """Light requests first: while some wait for a light-lane thread, a heavy question does not start
        (for at most ``light_first`` seconds, so a flood of screening cannot hold searches back for long).

        When fifty clients ask at once, the searches and path searches among them would otherwise start
        with the entity pages and take the cores (and the database) the pages need; held back a moment,
        the pages are answered first, and the heavy questions queue anyway. One heavy request per worker
        watches the light lane; the others wait behind it in arrival order."""
        light = anyio.to_thread.current_default_thread_limiter()
        if light.statistics().tasks_waiting == 0:
            return
        loop = id(asyncio.get_running_loop())
        gate = self._gates.setdefault(loop, asyncio.Lock())
        async with gate:
            deadline = anyio.current_time() + self.light_first
            while light.statistics().tasks_waiting > 0 and anyio.current_time() < deadline:
                await anyio.sleep(0.002)


def heavy(endpoint: Callable[P, T]) -> Callable[P, Any]:
    """Run a (synchronous) endpoint in the heavy lane; it must take ``request: Request``.

    FastAPI reads the parameters and their types from the wrapped function, so the endpoint is
    declared as usual.
    """

    @functools.wraps(endpoint)
    async def run(*args: P.args, **kwargs: P.kwargs) -> T:
        request = kwargs["request"]
        assert isinstance(request, Request)
        lanes: Lanes = request.app.state.tracegraph.lanes
        return await lanes.run_heavy(functools.partial(endpoint, *args, **kwargs))

    return run
