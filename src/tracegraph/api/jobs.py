"""Long work (ingest, build, list loads) as jobs: queued, run on a worker thread, followed by status and progress.

A job row is written when it is queued and updated as it runs; a request
only queues it and returns its id. Each job kind is a plain function of
``(store, settings, params, report)`` calling the library, never the CLI.
"""

from __future__ import annotations

import json
import logging
import queue
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from tracegraph.api.access import DEFAULT_COLLECTION
from tracegraph.errors import InputError, NotFoundError, TracegraphError
from tracegraph.settings import Settings
from tracegraph.store import Store, now
from tracegraph.store.queries import server_accounts
from tracegraph.store.queries import server_jobs as sql

KINDS = ("ingest", "build", "lists_load")
log = logging.getLogger("tracegraph.jobs")

Report = Callable[[float, str], None]


_RANK = ("TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED")


def shared_provenance(path: Path) -> dict[str, Any] | None:
    """The provenance of a shared export (FtM lines from ``GET /api/export``): who, which collections, marking."""
    if not path.name.endswith((".json", ".jsonl", ".ndjson")):
        return None
    origins: set[str] = set()
    collections: set[str] = set()
    marking = None
    with path.open("rb") as handle:
        for line in handle:
            try:
                data = json.loads(line)
            except ValueError:
                continue
            found = data.get("provenance") if isinstance(data, dict) else None
            if not isinstance(found, dict):
                continue
            origins.add(str(found.get("exported_by", "")))
            collections.update(str(c) for c in found.get("collections", []))
            mark = str(found.get("marking", "TLP:AMBER")).upper()
            mark = mark if mark in _RANK else "TLP:RED"  # an unknown marking is treated as the strictest
            if marking is None or _RANK.index(mark) > _RANK.index(marking):
                marking = mark
    if marking is None:
        return None
    return {"exported_by": sorted(origins), "collections": sorted(collections), "marking": marking}


def _check_marking(store: Store, collection: str, provenance: dict[str, Any]) -> None:
    """A shared export goes only into a collection marked at least as strictly: markings are never lowered."""
    own = server_accounts.marking(store, collection) or "TLP:CLEAR"
    if _RANK.index(provenance["marking"]) > _RANK.index(own):
        raise InputError(
            f"the export is marked {provenance['marking']}; import it into a collection marked at least as strictly "
            f"(this one is {own})"
        )


def _ingest(store: Store, settings: Settings, params: dict[str, Any], report: Report) -> dict[str, Any]:
    from tracegraph.ingest.pipeline import collect, ingest_paths

    paths = [Path(p) for p in params["paths"]]
    shared = [found for found in (shared_provenance(p) for p in paths if p.is_file()) if found]
    for provenance in shared:
        _check_marking(store, params["collection"], provenance)
    files = collect(paths)
    total = max(len(files), 1)

    def progress(items: list[Path]) -> Any:
        for done, path in enumerate(items):
            report(done / total, f"reading {path.name}")
            yield path

    before = sql.document_ids(store)
    result = ingest_paths(store, paths, replace(settings, dataset=params["collection"]), progress=progress)
    sql.claim_documents(store, sorted(sql.document_ids(store) - before), params["collection"])
    data: dict[str, Any] = result.to_dict()
    if shared:
        data["imported"] = shared
    return data


def collection_documents(store: Store, collection: str) -> set[str]:
    """Documents of a collection: claimed at upload, else cited by its statements, else (neither) ``default``."""
    claimed: dict[str, set[str]] = {}
    for doc_id, name in sql.claims(store):
        claimed.setdefault(doc_id, set()).add(name)
    cited: dict[str, set[str]] = {}
    for doc_id, name in sql.citing_datasets(store):
        cited.setdefault(doc_id, set()).add(name)
    found = set()
    for doc_id in sql.live_document_ids(store):
        names = claimed.get(doc_id) or cited.get(doc_id) or {DEFAULT_COLLECTION}
        if collection in names:
            found.add(doc_id)
    return found


def _build(store: Store, settings: Settings, params: dict[str, Any], report: Report) -> dict[str, Any]:
    from tracegraph import registry
    from tracegraph.extract.runner import build
    from tracegraph.resolve import resolve
    from tracegraph.substances.registry import import_registry

    only = collection_documents(store, params["collection"])
    total = max(len(only), 1)
    done = [0]

    def step(count: int) -> None:
        done[0] += count
        report(min(done[0] / total, 0.99) * 0.9, f"extracting ({done[0]}/{total})")

    # only the collection's own documents, and what is found in them goes into that collection
    summary = build(
        store, replace(settings, dataset=params["collection"]), registry.names("extractor"), on_progress=step, only=only
    )
    report(0.9, "writing the substance registry")
    import_registry(store)
    report(0.95, "resolving")
    data: dict[str, Any] = summary.to_dict()
    data["merges"] = len(resolve(store))
    return data


def _lists_load(store: Store, settings: Settings, params: dict[str, Any], report: Report) -> dict[str, Any]:
    from tracegraph.screen.loader import load_list

    seen = [0]

    def on_record(count: int) -> None:
        seen[0] += count
        report(0.5, f"{seen[0]} records")

    result = load_list(store, [Path(p) for p in params["paths"]], params.get("list_name"), on_record=on_record)
    data: dict[str, Any] = result.to_dict()
    return data


RUNNERS: dict[str, Callable[[Store, Settings, dict[str, Any], Report], dict[str, Any]]] = {
    "ingest": _ingest,
    "build": _build,
    "lists_load": _lists_load,
}


def job_row(store: Store, job_id: str) -> dict[str, Any]:
    row = sql.job(store, job_id)
    if row is None:
        raise NotFoundError("no such job", subject=job_id)
    found = dict(zip(sql.JOB_COLUMNS, row, strict=True))
    found["progress"] = round(float(found["progress"]), 3)
    found["result"] = json.loads(found["result"]) if found["result"] else None
    return found


def user_jobs(store: Store, user_id: str, limit: int = 100) -> list[dict[str, Any]]:
    return [job_row(store, job_id) for job_id in sql.user_job_ids(store, user_id, limit)]


class JobRunner:
    """One worker thread running queued jobs in order."""

    def __init__(self, settings: Settings, opener: Callable[[], Store], on_done: Callable[[], None]) -> None:
        self.settings = settings
        self._opener = opener
        self._on_done = on_done
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def submit(self, store: Store, kind: str, user_id: str, collection: str | None, params: dict[str, Any]) -> str:
        if kind not in RUNNERS:
            raise InputError(f"a job kind is one of {', '.join(KINDS)}", subject=kind)
        job_id = "job-" + secrets.token_hex(8)
        sql.add_job(store, job_id, kind, user_id, collection, json.dumps(params), now())
        self._start()
        self._queue.put(job_id)
        return job_id

    def _start(self) -> None:
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="tracegraph-jobs", daemon=True)
                self._thread.start()

    def wait(self, timeout: float = 120.0) -> None:
        """Block until the queue is empty (tests)."""
        deadline = time.monotonic() + timeout
        while self._queue.unfinished_tasks and time.monotonic() < deadline:
            time.sleep(0.05)

    def stop(self) -> None:
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(timeout=30)
            self._thread = None

    def _run(self) -> None:
        store = self._opener()
        try:
            while True:
                job_id = self._queue.get()
                try:
                    if job_id is None:
                        return
                    self._one(store, job_id)
                finally:
                    self._queue.task_done()
        finally:
            store.close()

    def _update(self, store: Store, job_id: str, **values: Any) -> None:
        sql.update_job(store, job_id, **values)

    def _one(self, store: Store, job_id: str) -> None:
        work = sql.job_work(store, job_id)
        assert work is not None  # submit() wrote it before queueing its id
        kind, collection, params = work[0], work[1], json.loads(work[2])
        params["collection"] = collection or self.settings.dataset
        last = [0.0]

        def report(progress: float, message: str) -> None:
            if time.monotonic() - last[0] >= 0.3:
                last[0] = time.monotonic()
                self._update(store, job_id, progress=round(progress, 3), message=message[:300])

        self._update(store, job_id, status="running", message="started")
        try:
            result = RUNNERS[kind](store, self.settings, params, report)
        except TracegraphError as exc:
            self._update(store, job_id, status="failed", message=exc.message[:300], finished_at=now())
        except Exception:
            log.exception("job %s failed", job_id)
            self._update(
                store, job_id, status="failed", message="internal error; see the server log", finished_at=now()
            )
        else:
            self._update(
                store,
                job_id,
                status="done",
                progress=1.0,
                message="done",
                result=json.dumps(result, default=str),
                finished_at=now(),
            )
        finally:
            self._on_done()
