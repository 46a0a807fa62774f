"""What is watched (rules), where new material comes from (sources), where alerts go (sinks).

All three live in ``watch.json`` in the watch folder: ``TRACEGRAPH_WATCH_DIR``, or
``<store>.watch/`` beside a SQLite store. Ids are deterministic, so adding the
same rule twice keeps one.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from tracegraph.errors import InputError, NotFoundError
from tracegraph.ids import make_id
from tracegraph.settings import Settings

RULE_KINDS = ("entity", "name", "substance", "list", "query")
SOURCE_KINDS = ("folder", "feed")
SINK_KINDS = ("jsonl", "webhook", "email")


@dataclass(frozen=True)
class Rule:
    """Alert when something new touches ``value`` (an entity within ``hops``, a name, a substance...)."""

    kind: str
    value: str
    hops: int = 1
    datasets: tuple[str, ...] = ()
    label: str | None = None

    @property
    def id(self) -> str:
        return make_id("rule", self.kind, self.value, self.hops, *sorted(self.datasets))

    def describe(self) -> str:
        scope = f" within {self.hops} hops" if self.kind == "entity" else ""
        where = f" in {', '.join(self.datasets)}" if self.datasets else ""
        return f"{self.kind} {self.value!r}{scope}{where}"


@dataclass(frozen=True)
class Source:
    """A watched folder, or an RSS/Atom feed (a URL or a file)."""

    kind: str
    location: str

    @property
    def id(self) -> str:
        return make_id("src", self.kind, self.location)


@dataclass(frozen=True)
class Sink:
    """Where alerts go: a JSON-lines file, a webhook URL, or e-mail through an SMTP server."""

    kind: str
    target: str
    options: dict[str, str] = field(default_factory=dict, hash=False)

    @property
    def id(self) -> str:
        return make_id("sink", self.kind, self.target, *sorted(self.options.items()))


@dataclass
class WatchConfig:
    rules: list[Rule] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    sinks: list[Sink] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rules": [{**asdict(r), "datasets": list(r.datasets), "id": r.id} for r in self.rules],
            "sources": [{**asdict(s), "id": s.id} for s in self.sources],
            "sinks": [{**asdict(s), "id": s.id} for s in self.sinks],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> WatchConfig:
        def strip(item: dict[str, Any]) -> dict[str, Any]:
            return {k: v for k, v in item.items() if k != "id"}

        return cls(
            rules=[Rule(**{**strip(r), "datasets": tuple(r.get("datasets", ()))}) for r in data.get("rules", [])],
            sources=[Source(**strip(s)) for s in data.get("sources", [])],
            sinks=[Sink(**strip(s)) for s in data.get("sinks", [])],
        )

    def add(self, item: Rule | Source | Sink) -> bool:
        """Add a rule, source or sink; ``False`` when it is already there."""
        if isinstance(item, Rule):
            if item.kind not in RULE_KINDS:
                raise InputError(f"unknown rule kind {item.kind!r} (one of {', '.join(RULE_KINDS)})")
            found: list[Any] = self.rules
        elif isinstance(item, Source):
            if item.kind not in SOURCE_KINDS:
                raise InputError(f"unknown source kind {item.kind!r}")
            found = self.sources
        else:
            if item.kind not in SINK_KINDS:
                raise InputError(f"unknown sink kind {item.kind!r}")
            found = self.sinks
        if any(x.id == item.id for x in found):
            return False
        found.append(item)
        return True

    def remove(self, item_id: str) -> str:
        """Remove the rule, source or sink with this id (or id prefix); returns its id."""
        groups: tuple[list[Any], ...] = (self.rules, self.sources, self.sinks)
        for items in groups:
            hits = [i for i, x in enumerate(items) if x.id.startswith(item_id)]
            if len(hits) == 1:
                return str(items.pop(hits[0]).id)
        raise NotFoundError("no rule, source or sink with that id", subject=item_id)


def watch_dir(settings: Settings) -> Path:
    """The folder holding the watch configuration, state and alert journal."""
    explicit = settings.extra.get("watch_dir")
    if explicit:
        return Path(explicit)
    path = settings.db_path
    return path.with_name(path.name + ".watch") if path is not None else Path("tracegraph.watch")


def load_config(folder: Path) -> WatchConfig:
    path = folder / "watch.json"
    if not path.exists():
        return WatchConfig()
    try:
        return WatchConfig.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (ValueError, TypeError) as exc:
        raise InputError(f"cannot read the watch configuration ({exc})", subject=str(path)) from exc


def save_config(folder: Path, config: WatchConfig) -> None:
    write_atomic(folder / "watch.json", json.dumps(config.to_dict(), indent=2, ensure_ascii=False))


def write_atomic(path: Path, text: str) -> None:
    """Write a file so that a crash leaves the old or the new content, never half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    tmp.replace(path)
