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

import re
import sys
import time
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any

from tracegraph import registry
from tracegraph.extract.analyse import analyse
from tracegraph.extract.gazetteer import Gazetteer
from tracegraph.extract.nlp import pipeline
from tracegraph.extract.page import page_people
from tracegraph.ingest.tables import get_meta
from tracegraph.settings import Settings
from tracegraph.store import Store
from tracegraph.store.model import Document, Statement
from tracegraph.store.queries import extract as sql

_YEAR = re.compile(r"\b\d{4}\b")
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


#: documents longer than this are parsed in windows of about this many characters
WINDOW_CHARS = 20_000
#: text before a window parsed with it as context (for coreference); what it yields is dropped
OVERLAP_CHARS = 2_000
#: processed-version prefix of a document that failed at that version (not retried until it changes)
FAILED = "failed:"


def windows(text: str, size: int = WINDOW_CHARS) -> list[tuple[int, int]]:
    """Sentence-aligned ``(start, end)`` windows covering ``text``, each at most ``size`` characters.

    A window ends after a paragraph break, else after a line break (both always end a
    sentence here), else after a sentence's closing punctuation, else at white space;
    only a run of ``size`` characters with none of these is cut hard.
    """
    out: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > size:
        limit = start + size
        floor = start + size // 2
        cut = -1
        for mark in ("\n\n", "\n", ". ", "? ", "! ", " "):
            found = text.rfind(mark, floor, limit)
            if found != -1:
                cut = found + len(mark)
                break
        if cut <= start:
            cut = limit
        out.append((start, cut))
        start = cut
    out.append((start, len(text)))
    return out


def _context_start(text: str, start: int) -> int:
    """Where the context before a window begins: a line start at most OVERLAP_CHARS back."""
    if start == 0:
        return 0
    floor = max(0, start - OVERLAP_CHARS)
    line = text.rfind("\n", floor, start)
    return line + 1 if line != -1 else start


def _shift(found: list[Statement], base: int, own_from: int) -> list[Statement]:
    """Statements of a window moved to document positions; those of the context part dropped."""
    out = []
    for stmt in found:
        if stmt.span_start is None:
            out.append(stmt)
            continue
        start = stmt.span_start + base
        if start < own_from:
            continue
        end = stmt.span_end + base if stmt.span_end is not None else None
        out.append(stmt.replace(span_start=start, span_end=end))
    return out


def _pending(
    store: Store, todo: list[Step], force: bool, key: Callable[[Step], str], only: Collection[str] | None = None
) -> Iterator[tuple[str, list[tuple[Step, str | None]]]]:
    ids = [row[0] for row in sql.live_documents(store) if row[1] not in SKIP_KINDS and (only is None or row[0] in only)]
    rows = sql.processed_steps(store, [f"extract:{step.name}" for step in todo])
    seen = {(doc_id, step): version for doc_id, step, version in rows}
    for doc_id in ids:
        due = []
        for step in todo:
            done = seen.get((doc_id, f"extract:{step.name}"))
            if force or done not in (key(step), FAILED + key(step)):
                due.append((step, done))
        yield doc_id, due


def _parse_short(nlp: Any, docs: list[Document]) -> dict[str, Any]:
    """spaCy parses of short documents, batched; a batch that fails is retried one by one."""
    short = [d for d in docs if len(d.text) <= WINDOW_CHARS]
    try:
        return {d.id: parsed for d, parsed in zip(short, nlp.pipe([d.text for d in short]), strict=True)}
    except Exception:  # one document broke the batch: the others are parsed alone below
        return {}


def _mark_inferred(analysis: Any) -> None:
    """The story's own date is inferred: so is the year of every date that does not state one."""
    analysis.inferred_dates = True
    analysis.dates = [d if _YEAR.search(d.text) else replace(d, inferred=True) for d in analysis.dates]


def _extract(
    doc: Document,
    due: list[tuple[Step, str | None]],
    nlp: Any,
    gazetteer: Gazetteer | None,
    parsed: Any,
    date_inferred: bool = False,
    people: list[tuple[str, str]] = (),  # type: ignore[assignment]
) -> dict[str, list[Statement]]:
    """Statements of each due step for one document; long documents window by window."""
    found: dict[str, list[Statement]] = {step.name: [] for step, _ in due}
    for step, _ in due:
        if not step.parsed:
            found[step.name] = step.run(doc, None)
    ours = [step for step, _ in due if step.parsed]
    if not ours or nlp is None or gazetteer is None:
        return found
    text = doc.text
    known = dict.fromkeys(people)  # people named in full so far: the page's earlier stories, earlier windows
    for start, end in windows(text):
        base = _context_start(text, start)
        piece = doc if (base, end) == (0, len(text)) else replace(doc, text=text[base:end], offsets=())
        spacy_doc = parsed if piece is doc and parsed is not None else nlp(piece.text)
        context = list(known)  # no page context: the plain call
        analysis = analyse(piece, spacy_doc, gazetteer, context) if context else analyse(piece, spacy_doc, gazetteer)
        known.update(dict.fromkeys((m.name, m.entity_id) for m in analysis.mentions if m.kind == "actor"
                                   and m.schema == "Person" and not m.coref and " " in m.name.strip()))  # fmt: skip
        if date_inferred:
            _mark_inferred(analysis)
        for step in ours:
            got = step.run(piece, analysis)
            found[step.name].extend(got if piece is doc else _shift(got, base, start))
        del spacy_doc, analysis
    return found


def build(
    store: Store,
    settings: Settings,
    extractors: Iterable[str] | None = None,
    force: bool = False,
    on_progress: Callable[[int], None] | None = None,
    only: Collection[str] | None = None,
) -> BuildSummary:
    """Run extractors over every document that needs them (or only those of ``only``); returns counts.

    One document that fails (at any size: long ones are parsed in windows) is
    recorded as a failure and marked so at this version; the build goes on. The
    names the parse is helped with come from a sorted snapshot of the records
    (:meth:`Gazetteer.from_store`); its fingerprint is part of the processed
    version, so new records redo the documents and the result never depends on
    the order of ingest and build.
    """
    started = time.perf_counter()
    todo = steps(settings, extractors)
    summary = BuildSummary(by_extractor={s.name: 0 for s in todo})
    gazetteer = Gazetteer.from_store(store) if any(step.parsed for step in todo) else None
    fingerprint = gazetteer.fingerprint if gazetteer is not None else ""

    def key(step: Step) -> str:
        return f"{step.version}@{fingerprint}" if step.parsed and fingerprint else step.version

    work = list(_pending(store, todo, force, key, only))
    summary.documents = len(work)
    due_docs = [(doc_id, due) for doc_id, due in work if due]
    summary.up_to_date = len(work) - len(due_docs)
    if not due_docs:
        summary.seconds = round(time.perf_counter() - started, 3)
        return summary
    nlp = pipeline(settings) if any(step.parsed for _, due in due_docs for step, _ in due) else None
    for first in range(0, len(due_docs), BATCH):
        chunk = due_docs[first : first + BATCH]
        docs = [store.document(doc_id) for doc_id, _ in chunk]
        parses = _parse_short(nlp, docs) if nlp is not None else {}
        inferred = {doc_id for doc_id, meta in get_meta(store, [d.id for d in docs]).items() if meta.date_inferred}
        for doc, (_, due) in zip(docs, chunk, strict=True):
            people = page_people(store, doc) if nlp is not None and doc.seq > 0 else []
            how = (nlp, gazetteer, parses.pop(doc.id, None), doc.id in inferred, people)
            _one(store, summary, doc, due, how, key)
            if on_progress is not None:
                on_progress(1)
        del parses
    summary.seconds = round(time.perf_counter() - started, 3)
    return summary


def _one(
    store: Store,
    summary: BuildSummary,
    doc: Document,
    due: list[tuple[Step, str | None]],
    how: tuple[Any, Gazetteer | None, Any, bool, list[tuple[str, str]]],
    key: Callable[[Step], str],
) -> None:
    """Extract one document and commit it in one transaction; a failure is recorded, not raised.

    ``how`` is (spaCy pipeline, gazetteer, the document's parse if done, whether its date is inferred,
    the people the earlier stories of its page named in full).
    """
    try:
        found = _extract(doc, due, *how)
    except Exception as exc:  # one bad document must not stop the batch
        reason = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"[:500]
        with store.transaction():
            store.record_failure(doc.url or doc.id, "extract", f"{doc.id}: {reason}")
            for step, _ in due:
                store.mark_processed(doc.id, f"extract:{step.name}", FAILED + key(step))
        summary.failed += 1
        return
    with store.transaction():
        for step, old in due:
            if old is not None:
                summary.retired += sql.delete_output(store, doc.id, step.name)
            summary.statements += store.add_statements(found[step.name])
            summary.by_extractor[step.name] += len(found[step.name])
            store.mark_processed(doc.id, f"extract:{step.name}", key(step))
    summary.processed += 1
    summary.words += len(doc.text.split())
