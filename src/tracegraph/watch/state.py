"""What the watcher remembers between runs: since when to look, feed validators, alerts sent and pending.

``state.json`` holds the watermark, each feed's ETag and Last-Modified and
each sink's outbox (alerts not yet delivered). ``seen.txt`` lists the id of
every alert ever raised, one per line (appended, never rewritten), so a replay
raises nothing twice. ``alerts.jsonl`` is the journal of every alert raised.
A lock file keeps two watchers from running at once.
"""

from __future__ import annotations

import fcntl
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracegraph.errors import TracegraphError
from tracegraph.watch.config import write_atomic


class WatchBusy(TracegraphError):
    """Another watcher holds the lock on this watch folder."""

    status = 409
    code = "busy"


@dataclass
class State:
    folder: Path
    since: str | None = None
    feeds: dict[str, dict[str, str]] = field(default_factory=dict)
    outbox: dict[str, list[str]] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)
    runs: int = 0

    @classmethod
    def load(cls, folder: Path) -> State:
        state = cls(folder)
        path = folder / "state.json"
        if path.exists():
            data = json.loads(path.read_text(encoding="utf-8"))
            state.since = data.get("since")
            state.feeds = data.get("feeds", {})
            state.outbox = data.get("outbox", {})
            state.runs = int(data.get("runs", 0))
        seen = folder / "seen.txt"
        if seen.exists():
            state.seen = {line.strip() for line in seen.read_text(encoding="utf-8").splitlines() if line.strip()}
        return state

    def save(self) -> None:
        data: dict[str, Any] = {"since": self.since, "feeds": self.feeds, "outbox": self.outbox, "runs": self.runs}
        write_atomic(self.folder / "state.json", json.dumps(data, indent=2))

    def remember(self, alert_ids: list[str]) -> None:
        """Append newly raised alert ids to ``seen.txt`` (before anything is delivered)."""
        if not alert_ids:
            return
        with (self.folder / "seen.txt").open("a", encoding="utf-8") as handle:
            handle.write("".join(f"{a}\n" for a in alert_ids))
        self.seen.update(alert_ids)


@contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold the watch folder's lock; raises :class:`WatchBusy` when another run holds it."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "watch.lock").open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise WatchBusy("another watcher is running on this folder", subject=str(folder)) from exc
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
