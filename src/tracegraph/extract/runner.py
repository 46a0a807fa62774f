"""``tracegraph build``: run every registered extractor over documents not yet processed.

Incremental: a document is processed by an extractor when the ``processed`` table
has no row for (document, ``extract:<name>``) at the extractor's current version.
Each document is one transaction: its statements and its processed marks commit
together. When a version changed, that document's statements by that extractor are
retired (deleted; they are derived data, the document stays) before the new ones
are written, so two versions never double-count. Re-running is a no-op.

Two kinds of registered extractors are run: our factories ``(settings) -> Extractor``
(they share one spaCy parse per document) and plain ``(document) -> statements``
callables (e.g. ``substances.dict.v1``), whose version is their module's ``VERSION``.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from tracegraph import registry
from tracegraph.extract.analyse import analyse
from tracegraph.extract.gazetteer import Gazetteer
from tracegraph.extract.nlp import pipeline
from tracegraph.settings import Settings
from tracegraph.store import Store
from tracegraph.store.model import Document, Statement

SKIP_KINDS = frozenset({"furniture", "boilerplate", "navigation"})
BATCH = 16


@dataclass
class Step:
    name: str
    version: str
    run: Callable[[Document, Any], list[Statement]]
    parsed: bool  # needs the spaCy analysis


@dataclass
class BuildSummary:
    documents: int = 0
    processed: int = 0
    up_to_date: int = 0
    failed: int = 0
    statements: int = 0
    retired: int = 0
    words: int = 0
    seconds: float = 0.0
    by_extractor: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _run_ours(ext: Any, dataset: str, document: Document, analysis: Any) -> list[Statement]:
    return list(ext(document, analysis, dataset))


def _run_plain(func: Callable[[Document], Iterable[Statement]], document: Document, analysis: Any) -> list[Statement]:
    return list(func(document))


def steps(settings: Settings, names: Iterable[str] | None = None) -> list[Step]:
    """The extractors to run, by registered name (all registered ones by default)."""
    from tracegraph.extract.extractors import default_extractors

    out: list[Step] = []
    for name in names or default_extractors():
        func = registry.get("extractor", name)
        if getattr(func, "tracegraph_factory", False):
            ext = func(settings)
            out.append(Step(ext.name, ext.version, partial(_run_ours, ext, settings.dataset), True))
        else:
            version = str(getattr(func, "version", None) or getattr(sys.modules[func.__module__], "VERSION", "1"))
            out.append(Step(name, version, partial(_run_plain, func), False))
    return out


def _pending(store: Store, todo: list[Step], force: bool) -> Iterator[tuple[str, list[tuple[Step, str | None]]]]:
    ids = [
        row[0]
        for row in store.query("SELECT id, kind FROM documents WHERE retired_at IS NULL ORDER BY source_id, seq")
        if row[1] not in SKIP_KINDS
    ]
    marks = ", ".join("?" for _ in todo)
    rows = store.query(
        f"SELECT document_id, step, version FROM processed WHERE step IN ({marks})",
        [f"extract:{step.name}" for step in todo],
    )
    seen = {(doc_id, step): version for doc_id, step, version in rows}
    for doc_id in ids:
        due = []
        for step in todo:
            done = seen.get((doc_id, f"extract:{step.name}"))
            if force or done != step.version:
                due.append((step, done))
        yield doc_id, due


def build(
    store: Store,
    settings: Settings,
    extractors: Iterable[str] | None = None,
    force: bool = False,
    on_progress: Callable[[int], None] | None = None,
) -> BuildSummary:
    """Run extractors over every document that needs them; returns counts."""
    started = time.perf_counter()
    todo = steps(settings, extractors)
    summary = BuildSummary(by_extractor={s.name: 0 for s in todo})
    work = list(_pending(store, todo, force))
    summary.documents = len(work)
    due_docs = [(doc_id, due) for doc_id, due in work if due]
    summary.up_to_date = len(work) - len(due_docs)
    if not due_docs:
        summary.seconds = round(time.perf_counter() - started, 3)
        return summary
    gazetteer = Gazetteer.from_store(store)
    nlp = pipeline(settings) if any(step.parsed for _, due in due_docs for step, _ in due) else None

    def docs() -> Iterator[tuple[str, tuple[Document, list[tuple[Step, str | None]]]]]:
        for doc_id, due in due_docs:
            doc = store.document(doc_id)
            yield doc.text, (doc, due)

    parsed: Iterable[tuple[Any, tuple[Document, list[tuple[Step, str | None]]]]]
    if nlp is not None:
        parsed = nlp.pipe(docs(), as_tuples=True, batch_size=BATCH)
    else:
        parsed = ((None, ctx) for _, ctx in docs())
    for spacy_doc, (doc, due) in parsed:
        try:
            analysis = analyse(doc, spacy_doc, gazetteer) if spacy_doc is not None else None
            with store.transaction():
                for step, old in due:
                    if old is not None:
                        cur = store.execute(
                            "DELETE FROM statements WHERE document_id = ? AND extractor = ?", (doc.id, step.name)
                        )
                        summary.retired += int(cur.rowcount or 0)
                    found = step.run(doc, analysis) if (analysis is not None or not step.parsed) else []
                    summary.statements += store.add_statements(found)
                    summary.by_extractor[step.name] += len(found)
                    store.mark_processed(doc.id, f"extract:{step.name}", step.version)
            summary.processed += 1
            summary.words += len(doc.text.split())
        except Exception as exc:  # one bad document must not stop the batch
            store.record_failure(doc.url or doc.id, "extract", f"{type(exc).__name__}: {exc}")
            summary.failed += 1
        if on_progress is not None:
            on_progress(1)
    summary.seconds = round(time.perf_counter() - started, 3)
    return summary
