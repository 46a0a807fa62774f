"""The server's settings: limits, rate, cookies; read from the one :class:`~tracegraph.settings.Settings`.

Every value comes from a ``TRACEGRAPH_API_*`` variable (kept in ``Settings.extra``)
or its default here, so tests build an :class:`ApiSettings` directly.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

from tracegraph.errors import ConfigError
from tracegraph.settings import Settings


@dataclass(frozen=True)
class ApiSettings:
    """Limits and switches of ``tracegraph serve``."""

    #: largest request body (an upload) in bytes
    max_upload_bytes: int = 25_000_000
    #: largest JSON body in bytes (screening batches, judgements)
    max_json_bytes: int = 2_000_000
    #: most queries in one screening request or CSV
    max_batch: int = 1000
    #: longest search or screening text, in characters
    max_query_chars: int = 500
    #: requests per second allowed per token (or per address without one), and the burst above it
    rate: float = 50.0
    burst: int = 200
    #: session cookie lifetime in hours; ``secure_cookies`` sets the Secure flag (off only for plain-HTTP tests)
    session_hours: int = 12
    secure_cookies: bool = True
    #: seconds between checks whether the store changed under the server (another process writing)
    refresh_seconds: float = 2.0
    #: where uploads wait for their job; default: ``<db>.uploads`` beside the SQLite file
    upload_dir: str = ""
    #: threads per worker process that run searches, paths, neighbourhoods, timelines and exports at once
    #: (entity pages and screening never wait for them: :mod:`tracegraph.api.lanes`)
    heavy_slots: int = 2
    #: threads per worker process for everything outside the heavy lane (entity pages, screening, sign-in):
    #: a burst of requests then runs a few at a time, first come first served, instead of all at once
    #: sharing one interpreter (where each waits for the last); 0: anyio's default (40)
    light_slots: int = 4
    #: the longest a search, path search, neighbourhood, timeline or export waits, in seconds, while light
    #: requests queue for a thread (light requests first: :meth:`~tracegraph.api.lanes.Lanes.after_light`); 0: never
    light_first: float = 0.25
    #: processes per worker that answer searches, paths and neighbourhoods, so they never hold the worker's
    #: interpreter (:mod:`tracegraph.api.offload`); 0: the heavy lane's threads answer them in the worker.
    #: ``tracegraph serve`` starts 1 unless this is set
    heavy_processes: int = 0
    #: how much lower the heavy processes' CPU priority is (a Unix nice increment; 0: the same as the worker)
    heavy_nice: int = 10
    #: the nice value of the heavy processes' own PostgreSQL backends, where the database runs on this host and
    #: the server may change their priority (:func:`~tracegraph.api.offload.lower_backend`); 0: left as they are
    heavy_db_nice: int = 10
    #: bytes of answers (entity pages, searches, paths) one worker keeps for callers with the same grants; 0: none
    answer_bytes: int = 64_000_000
    #: build the screening matcher when the server starts rather than on the first screening request
    warm_matcher: bool = True
    #: at start, open the store connections the request threads will use and answer one entity page (not kept,
    #: not audited), so the first burst of requests pays neither connection set-up nor first-use loading
    warm_requests: bool = True
    #: keep what the server loads at start (vocabulary, matcher) out of the garbage collector's full passes
    freeze_gc: bool = True
    #: seconds a thread may hold the interpreter before another gets it (Python's default is 0.005): shorter
    #: lets a cheap request waiting on its database answers go on while a heavy one computes; 0 keeps the default
    switch_interval: float = 0.001

    @classmethod
    def from_settings(cls, settings: Settings) -> ApiSettings:
        values: dict[str, object] = {}
        for spec in fields(cls):
            raw = settings.extra.get(f"api_{spec.name}")
            if raw is None or raw == "":
                continue
            try:
                if spec.type in ("int", int):
                    values[spec.name] = int(raw)
                elif spec.type in ("float", float):
                    values[spec.name] = float(raw)
                elif spec.type in ("bool", bool):
                    values[spec.name] = raw.strip().lower() in ("1", "true", "yes", "on")
                else:
                    values[spec.name] = raw
            except ValueError as exc:
                raise ConfigError(f"TRACEGRAPH_API_{spec.name.upper()} is not a number: {raw!r}") from exc
        return cls(**values)  # type: ignore[arg-type]

    def uploads(self, settings: Settings) -> Path:
        """The folder for uploaded files (created on first use)."""
        if self.upload_dir:
            folder = Path(self.upload_dir)
        elif settings.db_path is not None:
            folder = settings.db_path.with_name(settings.db_path.name + ".uploads")
        else:
            folder = Path("tracegraph.uploads")
        folder.mkdir(parents=True, exist_ok=True)
        return folder
