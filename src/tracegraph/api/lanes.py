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

    def __init__(self, heavy_slots: int) -> None:
        self.heavy_slots = max(1, heavy_slots)
        self._limiters: dict[int, anyio.CapacityLimiter] = {}

    def limiter(self) -> anyio.CapacityLimiter:
        import asyncio

        loop = id(asyncio.get_running_loop())
        found = self._limiters.get(loop)
        if found is None:
            found = self._limiters[loop] = anyio.CapacityLimiter(self.heavy_slots)
        return found

    async def run_heavy(self, work: Callable[[], T]) -> T:
        return await anyio.to_thread.run_sync(work, limiter=self.limiter())


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
