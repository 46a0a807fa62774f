"""Retry with exponential backoff: for feeds, webhooks and mail servers that are briefly away."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Backoff:
    """``attempts`` tries, waiting ``base``, ``2*base``, ``4*base``... seconds (at most ``cap``) between them."""

    attempts: int = 3
    base: float = 0.5
    cap: float = 30.0

    def delays(self) -> list[float]:
        return [min(self.base * 2**i, self.cap) for i in range(max(self.attempts - 1, 0))]


def retry(
    func: Callable[[], T],
    backoff: Backoff,
    retry_on: tuple[type[BaseException], ...] = (OSError,),
    sleep: Callable[[float], None] = time.sleep,
) -> tuple[T | None, list[str]]:
    """Call ``func`` until it succeeds; returns its result (``None`` if every try failed) and the errors seen."""
    errors: list[str] = []
    delays = backoff.delays()
    for attempt in range(backoff.attempts):
        try:
            return func(), errors
        except retry_on as exc:
            errors.append(f"{type(exc).__name__}: {exc}")
            if attempt < len(delays):
                sleep(delays[attempt])
    return None, errors
