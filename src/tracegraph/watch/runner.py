"""The watch loop: gather what is new, build it into the graph, match the rules, send the alerts.

``Watcher.run`` does one pass; ``Watcher.serve`` repeats it on a schedule. A
failing feed, a failing sink or a failing build is reported in the run's
report and the pass goes on; alerts not delivered stay in their sink's outbox.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from tracegraph.errors import TracegraphError
from tracegraph.graph import Graph
from tracegraph.settings import Settings
from tracegraph.store import Store, now
from tracegraph.watch import feeds
from tracegraph.watch.config import Rule, Sink, Source, WatchConfig, load_config, save_config, watch_dir
from tracegraph.watch.deliver import deliver
from tracegraph.watch.match import Changes, Matcher
from tracegraph.watch.retry import Backoff, retry
from tracegraph.watch.state import State, locked

Builder = Callable[[Store, Settings], None]


def default_build(store: Store, settings: Settings) -> None:
    """Extract new documents and resolve, as ``tracegraph build`` does."""
    from tracegraph.extract import build
    from tracegraph.resolve import resolve

    build(store, settings)
    resolve(store)


@dataclass
class RunReport:
    started: str
    finished: str = ""
    seconds: float = 0.0
    new_files: int = 0
    documents: int = 0
    statements: int = 0
    alerts: int = 0
    duplicates: int = 0
    delivered: dict[str, int] = field(default_factory=dict)
    pending: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    raised: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class Watcher:
    """Rules, sources and sinks kept in a watch folder, run against one store."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        folder: Path | None = None,
        build: Builder | None = None,
        backoff: Backoff | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.store = store
        self.settings = settings
        self.folder = folder or watch_dir(settings)
        self.build = build or default_build
        extra = settings.extra
        self.backoff = backoff or Backoff(int(extra.get("watch_retries", 3)), float(extra.get("watch_backoff", 0.5)))
        self.sleep = sleep
        self.stop = threading.Event()

    # -- configuration ----------------------------------------------------
    @property
    def config(self) -> WatchConfig:
        return load_config(self.folder)

    def add(self, item: Rule | Source | Sink) -> bool:
        """Add a rule, source or sink (kept in ``watch.json``); ``False`` if it was there already."""
        config = self.config
        added = config.add(item)
        if added:
            save_config(self.folder, config)
        return added

    def remove(self, item_id: str) -> str:
        config = self.config
        removed = config.remove(item_id)
        save_config(self.folder, config)
        return removed

    def alerts(self) -> list[dict[str, Any]]:
        """Every alert raised so far (the journal), oldest first."""
        path = self.folder / "alerts.jsonl"
        if not path.exists():
            return []
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]

    # -- one pass ---------------------------------------------------------------
    def run(self, since: str | None = None) -> RunReport:
        """One pass over what changed since the last one (or ``since``)."""
        clock = time.perf_counter()
        with locked(self.folder):
            state = State.load(self.folder)
            stamp = now()
            report = RunReport(started=stamp)
            config = self.config
            self._gather(config, state, report)
            start = since if since is not None else state.since
            changes = Changes(
                statements=[s for s in self.store.statements() if start is None or (s.first_seen or "") >= start],
                judgements=[j for j in self.store.judgements() if start is None or j["created_at"] >= start],
                documents=[d for d in self.store.documents() if start is None or (d.first_seen or "") >= start],
            )
            report.statements, report.documents = len(changes.statements), len(changes.documents)
            fresh = self._match(config, state, changes, report, stamp)
            self._journal(config, state, fresh)
            self._deliver(config, state, report)
            state.since = stamp
            state.runs += 1
            state.save()
        report.finished = now()
        report.seconds = round(time.perf_counter() - clock, 3)
        return report

    def _gather(self, config: WatchConfig, state: State, report: RunReport) -> None:
        """Fetch feeds, ingest new files from folders and feeds, build them into the graph."""
        from tracegraph.ingest import ingest_paths

        paths: list[Path] = []
        for source in config.sources:
            if source.kind == "folder":
                paths.append(Path(source.location))
                continue
            validators = state.feeds.get(source.id, {})
            fetched, errors = retry(lambda s=source, v=validators: feeds.fetch(s.location, v), self.backoff,  # type: ignore[misc]
                                    sleep=self.sleep)  # fmt: skip
            if fetched is None:
                report.problems.append(f"feed {source.location} unreachable after {len(errors)} tries: {errors[-1]}")
                continue
            state.feeds[source.id] = fetched.validators
            if fetched.body is None:
                continue  # unchanged (HTTP 304)
            try:
                items = feeds.parse(fetched.body)
            except ValueError as exc:
                report.problems.append(f"feed {source.location}: {exc}")
                continue
            written = feeds.write_items(items, self.folder / "feeds" / source.id)
            report.new_files += len(written)
            paths.append(self.folder / "feeds" / source.id)
        if not paths:
            return
        try:
            ingested = ingest_paths(self.store, paths, self.settings)
            report.new_files += ingested.read if not report.new_files else 0
            report.problems.extend(f"ingest {uri}: {reason}" for uri, reason in ingested.failures)
            if ingested.read or ingested.documents or ingested.statements:
                self.build(self.store, self.settings)
        except TracegraphError as exc:
            report.problems.append(f"ingest or build: {exc}")

    def _match(
        self, config: WatchConfig, state: State, changes: Changes, report: RunReport, stamp: str
    ) -> list[dict[str, Any]]:
        if not config.rules or not (changes.statements or changes.judgements or changes.documents):
            return []
        graph = Graph.load(self.store)
        matcher = Matcher(graph, changes)
        fresh: dict[str, dict[str, Any]] = {}
        for alert in matcher.alerts(config.rules):
            if alert.id in state.seen or alert.id in fresh:
                report.duplicates += 1
                continue
            alert.raised_at = stamp
            fresh[alert.id] = alert.to_dict()
        report.problems.extend(matcher.problems)
        report.alerts = len(fresh)
        report.raised = list(fresh.values())
        return report.raised

    def _journal(self, config: WatchConfig, state: State, fresh: list[dict[str, Any]]) -> None:
        """Journal first, then outboxes, then the seen list: a crash re-raises, never loses."""
        if not fresh:
            return
        with (self.folder / "alerts.jsonl").open("a", encoding="utf-8") as handle:
            handle.write("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in fresh))
        for sink in config.sinks:
            state.outbox.setdefault(sink.id, []).extend(a["id"] for a in fresh)
        state.save()
        state.remember([a["id"] for a in fresh])

    def _deliver(self, config: WatchConfig, state: State, report: RunReport) -> None:
        pending_ids = {i for sink in config.sinks for i in state.outbox.get(sink.id, [])}
        if not pending_ids:
            return
        journal = {a["id"]: a for a in self.alerts() if a["id"] in pending_ids}
        for sink in config.sinks:
            waiting = [journal[i] for i in state.outbox.get(sink.id, []) if i in journal]
            done, errors = deliver(sink, waiting, self.settings, self.backoff, self.sleep)
            left = [i for i in state.outbox.get(sink.id, []) if i not in set(done)]
            state.outbox[sink.id] = left
            report.delivered[sink.target] = len(done)
            report.pending[sink.target] = len(left)
            if left and errors:
                report.problems.append(
                    f"{sink.kind} {sink.target}: {len(left)} alerts kept for the next run ({errors[-1]})"
                )

    # -- on a schedule --------------------------------------------------------------
    def serve(
        self, interval: float, max_runs: int | None = None, on_report: Callable[[RunReport], None] | None = None
    ) -> int:
        """Run every ``interval`` seconds until stopped (or ``max_runs``); returns the number of runs."""
        runs = 0
        while not self.stop.is_set():
            started = time.monotonic()
            try:
                report = self.run()
            except Exception as exc:  # the loop outlives any one pass
                report = RunReport(started=now(), problems=[f"{type(exc).__name__}: {exc}"])
            runs += 1
            if on_report is not None:
                on_report(report)
            if max_runs is not None and runs >= max_runs:
                break
            self.stop.wait(max(interval - (time.monotonic() - started), 0.0))
        return runs
