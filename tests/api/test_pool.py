"""The server's store pool: one store per thread, taken over from threads that ended instead of opening more."""

from __future__ import annotations

import threading

from tracegraph.api.access import StorePool
from tracegraph.settings import Settings


def _in_thread(pool: StorePool) -> int:
    found: list[int] = []
    thread = threading.Thread(target=lambda: found.append(id(pool.get())))
    thread.start()
    thread.join()
    return found[0]


def test_a_new_thread_takes_over_the_store_of_one_that_ended(settings: Settings) -> None:
    pool = StorePool(settings)
    try:
        first = _in_thread(pool)
        assert [_in_thread(pool) for _ in range(5)] == [first] * 5
        assert pool.opened == 1  # not one connection per thread the server ever had

        hold = threading.Event()
        busy = threading.Thread(target=lambda: (pool.get(), hold.wait(10)))
        busy.start()
        try:
            pool.get()
            assert pool.opened == 2  # a thread still running keeps its store: this one needed another
        finally:
            hold.set()
            busy.join()
        assert pool.get().query("SELECT 1")[0][0] == 1
    finally:
        pool.close()
