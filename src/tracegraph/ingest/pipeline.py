"""The ingest pipeline: files and folders in, sources, stories and record statements stored.

* A source id comes from the resolved path; a content hash skips an unchanged file.
* A changed file is re-read: its stories are upserted by deterministic ids and
  the stories it no longer has are retired, so nothing is duplicated.
* Small files are written a batch at a time: up to :data:`BATCH_FILES` files (or
  :data:`BATCH_BYTES` of text) in one transaction, each with its source, stories
  and retirements, so a server round trip is paid per batch rather than per file.
  A big file is written one chunk per transaction and its source is marked done
  last. A killed run leaves no half-document (an unfinished batch is rolled back
  whole) and the next run completes the work.
* A bad input is recorded (a failure row and a failed source) and the batch goes on;
  a batch the store refuses is written again file by file, so one document the
  store cannot take is recorded as that file's failure and the others are kept;
  only a store that cannot be written at all stops the run.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from tracegraph.errors import InputError, NotFoundError, StoreError
from tracegraph.ids import make_id, text_hash
from tracegraph.ingest.clean import Rules, load_rules
from tracegraph.ingest.dates import story_date
from tracegraph.ingest.files import MAX_FILE_BYTES, display, open_regular, read_bounded, scan
from tracegraph.ingest.ftm import BadLine, Refused, dataset_name, iter_entities
from tracegraph.ingest.readers import READ_BLOCK, READERS, Page, iter_text_chunks, sniff_format
from tracegraph.ingest.segment import Story, segment
from tracegraph.ingest.tables import DocumentMeta, put_metas
from tracegraph.settings import Settings
from tracegraph.store import Document, Source, Statement, Store

#: statements written per transaction when loading records
RECORD_BATCH = 2_000
#: small files written per transaction
BATCH_FILES = 64
#: text held for one batch before it is written
BATCH_BYTES = 8 << 20
#: sources looked up at once to skip unchanged files
LOOKUP = 256
#: HTML and PDF files are read whole; bigger ones are refused
MAX_WHOLE_BYTES = min(MAX_FILE_BYTES, 256 << 20)

Progress = Callable[[list[Path]], Iterable[Path]]


@dataclass
class IngestReport:
    """What a run did; ``failures`` holds ``(input, one-line reason)``."""

    read: int = 0
    skipped: int = 0
    failed: int = 0
    documents: int = 0
    retired: int = 0
    statements: int = 0
    furniture: int = 0
    bad_lines: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    #: FtM lines that loaded with some values refused (unknown property, invalid value)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    #: symbolic links left alone because they lead out of the given folders (not failures)
    not_followed: list[tuple[str, str]] = field(default_factory=list)
    source_ids: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["failures"] = [{"input": uri, "reason": reason} for uri, reason in self.failures]
        data["warnings"] = [{"input": uri, "reason": reason} for uri, reason in self.warnings]
        data["not_followed"] = [{"input": uri, "reason": reason} for uri, reason in self.not_followed]
        return data


def source_id_for(path: Path) -> tuple[str, str]:
    """``(source id, uri)`` of a path: deterministic from the resolved path.

    The uri is always valid text (bytes of a name that are not UTF-8 show as ``\\xNN``),
    and resolving never fails (a symbolic link loop keeps its own path).
    """
    uri = display(os.path.realpath(path))
    return make_id("src", uri), uri


def collect(paths: Sequence[Path | str], follow_symlinks: bool = False) -> list[Path]:
    """Files under the given paths, folders walked in name order, hidden files and folders skipped.

    Paths refused on the way (link loops, links out of the given folders) are left
    out; :func:`tracegraph.ingest.files.scan` says why.
    """
    return scan(paths, follow_symlinks).files


def _digest(handle: BinaryIO) -> str:
    digest = hashlib.sha256()
    while block := handle.read(READ_BLOCK):
        digest.update(block)
    handle.seek(0)
    return digest.hexdigest()


@dataclass
class _Parsed:
    """A small file read and segmented, waiting for its batch to be written."""

    source: Source
    raw: str | None
    docs: list[tuple[Document, DocumentMeta | None]]

    @property
    def size(self) -> int:
        return sum(len(doc.text) for doc, _ in self.docs) + len(self.raw or "")


class _Ingest:
    """One run over a batch; holds the store, the settings and the report."""

    def __init__(self, store: Store, settings: Settings, rules: Rules, capture_date: str | None = None) -> None:
        self.store = store
        self.settings = settings
        self.rules = rules
        self.capture_date = capture_date
        self.report = IngestReport()
        self.pending: list[_Parsed] = []
        self.known: dict[str, Source] = {}

    def look_up(self, paths: Sequence[Path]) -> None:
        """Read the stored sources of these files in one query (for skipping unchanged files)."""
        self.known = self.store.sources_by_id(source_id_for(path)[0] for path in paths)

    def one(self, path: Path) -> None:
        source_id, uri = source_id_for(path)
        digest = ""
        try:
            try:
                with open_regular(path, uri) as (handle, size):
                    digest = _digest(handle)
                    if size == 0:
                        raise InputError("the file is empty", subject=uri)
                    if self._unchanged(source_id, digest):
                        self.report.skipped += 1
                        self.report.source_ids.append(source_id)
                        return
                    head = handle.read(4096)
                    handle.seek(0)
                    fmt = sniff_format(path, head)
                    if fmt == "ftm":
                        self._records(handle, path, source_id, uri, digest, size)
                    elif fmt in ("text", "markdown") and size > self.settings.max_document_bytes:
                        self._big_text(handle, fmt, source_id, uri, digest, size)
                    else:
                        self._small(handle, fmt, source_id, uri, digest, size)
            except OSError as exc:  # the file went away or broke while it was read
                raise InputError(f"cannot read the file ({exc.strerror or exc})", subject=uri) from exc
            self.report.read += 1
            self.report.source_ids.append(source_id)
        except InputError as exc:
            self._fail(source_id, uri, digest, exc.message)
        except (UnicodeError, ValueError, MemoryError, RecursionError) as exc:  # never let one input stop a batch
            self._fail(source_id, uri, digest, f"could not be read ({type(exc).__name__}: {exc})")

    def _unchanged(self, source_id: str, digest: str) -> bool:
        known = self.known.get(source_id)
        if known is None:
            try:
                known = self.store.source(source_id)
            except NotFoundError:
                return False
        return known.status == "ok" and known.content_hash == digest

    def _fail(self, source_id: str, uri: str, digest: str, reason: str) -> None:
        reason = " ".join(reason.split())
        with self.store.transaction():
            self.store.record_failure(uri, "ingest", reason)
            self.store.put_source(Source(source_id, uri, digest, 0, "unknown", status="failed", error=reason))
        self.report.failed += 1
        self.report.failures.append((uri, reason))

    # -- documents -------------------------------------------------------
    def _stories(self, page: Page) -> list[Story]:
        stories, furniture = segment(page.lines, self.rules)
        self.report.furniture += furniture
        main = [story for story in stories if story.kind == "story"]
        if len(main) == 1:
            only = main[0]
            only.title = only.title or page.title
            only.published = only.published or page.published
        for story in stories:
            if story.kind == "story":
                story.outlet = story.outlet or page.outlet
        return stories

    def _documents(
        self, source_id: str, stories: list[Story], seen: dict[str, int], url: str | None, captured: datetime | None
    ) -> list[tuple[Document, DocumentMeta | None]]:
        out: list[tuple[Document, DocumentMeta | None]] = []
        for story in stories:
            digest = text_hash(story.text)
            occurrence = seen.get(digest, 0)
            seen[digest] = occurrence + 1
            doc_id = make_id("doc", source_id, digest, occurrence)
            published, basis, inferred = story_date(story, self.capture_date, captured)
            parent = None
            if story.kind == "teaser" and story.parent is not None and story.parent < len(out):
                parent = out[story.parent][0].id
            doc = Document(
                id=doc_id,
                source_id=source_id,
                seq=sum(seen.values()) - 1,
                text=story.text,
                title=story.title,
                published=published,
                outlet=story.outlet,
                url=url if story.kind == "story" else None,
                kind=story.kind,
                offsets=story.offsets,
            )
            meta = DocumentMeta(doc_id, parent, basis, inferred) if (parent or basis) else None
            out.append((doc, meta))
        return out

    def _put(self, docs: list[tuple[Document, DocumentMeta | None]]) -> None:
        self.store.put_documents([doc for doc, _ in docs])
        put_metas(self.store, [meta for _, meta in docs if meta is not None])

    # -- batches of small files ---------------------------------------------
    def flush(self) -> None:
        """Write the files waiting in the batch, in one transaction.

        When the store refuses the batch, each file is written again on its own,
        and a file it still refuses is recorded as that file's failure (only a
        store that cannot even record the failure stops the run).
        """
        pending, self.pending = self.pending, []
        if not pending:
            return
        try:
            self._write(pending)
            return
        except StoreError as exc:
            if len(pending) == 1:
                self._refused(pending[0], exc)
                return
        for item in pending:
            try:
                self._write([item])
            except StoreError as exc:
                self._refused(item, exc)

    def _refused(self, item: _Parsed, exc: StoreError) -> None:
        source = item.source
        self.report.read -= 1
        self.report.source_ids.remove(source.id)
        self._fail(source.id, source.uri, source.content_hash, f"the store did not take it ({exc.message})")

    def _write(self, batch: list[_Parsed]) -> None:
        with self.store.transaction():
            self.store.put_sources([(item.source, item.raw) for item in batch])
            self._put([pair for item in batch for pair in item.docs])
            retired = self.store.retire_many({item.source.id: [d.id for d, _ in item.docs] for item in batch})
        self.report.retired += retired
        self.report.documents += sum(len(item.docs) for item in batch)

    def _small(self, handle: BinaryIO, fmt: str, source_id: str, uri: str, digest: str, size: int) -> None:
        if size > MAX_WHOLE_BYTES:
            raise InputError(
                f"a {fmt} file of {size:,} bytes is over the {MAX_WHOLE_BYTES:,} read whole; split it first",
                subject=uri,
            )
        data = read_bounded(handle, size, uri)
        page, encoding = READERS[fmt](data, uri)
        docs = self._documents(source_id, self._stories(page), {}, page.url, page.captured)
        if not docs:
            raise InputError("no text left after removing site furniture", subject=uri)
        raw = page.raw if size <= self.settings.keep_raw_bytes else None
        self.pending.append(_Parsed(Source(source_id, uri, digest, size, fmt, encoding.label), raw, docs))

    def _big_text(self, handle: BinaryIO, fmt: str, source_id: str, uri: str, digest: str, size: int) -> None:
        """Stream a big file chunk by chunk; the source is marked done (with its hash) last."""
        self.flush()
        pending = Source(source_id, uri, "", size, fmt, None, status="partial")
        with self.store.transaction():
            self.store.put_source(pending)
        seen: dict[str, int] = {}
        kept: list[str] = []
        label = None
        for page, encoding in iter_text_chunks(handle, uri, fmt, self.settings.max_document_bytes):
            label = encoding.label
            docs = self._documents(source_id, self._stories(page), seen, None, None)
            with self.store.transaction():
                self._put(docs)
            kept.extend(d.id for d, _ in docs)
            self.report.documents += len(docs)
        with self.store.transaction():
            self.report.retired += self.store.retire_documents(source_id, kept)
            self.store.put_source(Source(source_id, uri, digest, size, fmt, label))

    # -- records ---------------------------------------------------------
    def _records(self, handle: BinaryIO, path: Path, source_id: str, uri: str, digest: str, size: int) -> None:
        self.flush()
        dataset = dataset_name(path, self.settings.dataset)
        good = 0
        bad: list[BadLine] = []
        batch: list[Statement] = []
        with self.store.transaction():
            self.store.put_source(Source(source_id, uri, "", size, "ftm", "utf-8", status="partial"))
        refused: list[Refused] = []
        for item in iter_entities(handle, dataset, refused=True):
            if isinstance(item, BadLine):
                bad.append(item)
                continue
            if isinstance(item, Refused):
                refused.append(item)
                continue
            good += 1
            batch.extend(item)
            if len(batch) >= RECORD_BATCH:
                self._flush(batch)
        if not good:
            first = f"line {bad[0].number}: {bad[0].reason}" if bad else "no lines"
            raise InputError(f"no FollowTheMoney entities in the file ({first})", subject=uri)
        self._flush(batch)
        with self.store.transaction():
            for line in bad:
                self.store.record_failure(f"{uri}:{line.number}", "ingest", f"line {line.number}: {line.reason}")
            self.store.put_source(Source(source_id, uri, digest, size, "ftm", "utf-8"))
            for part in refused:
                self.store.record_failure(f"{uri}:{part.number}", "ingest-values", part.reason)
        for line in bad:
            self.report.failures.append((f"{uri}:{line.number}", f"line {line.number}: {line.reason}"))
        for part in refused:
            self.report.warnings.append((f"{uri}:{part.number}", f"values left out: {part.reason}"))
        self.report.bad_lines += len(bad)

    def _flush(self, batch: list[Statement]) -> None:
        if batch:
            with self.store.transaction():
                self.report.statements += self.store.add_statements(batch)
            batch.clear()


def ingest_paths(
    store: Store,
    paths: Sequence[Path | str],
    settings: Settings,
    progress: Progress | None = None,
    rules: Rules | None = None,
    *,
    follow_symlinks: bool = False,
    date: str | None = None,
) -> IngestReport:
    """Ingest files and folders into ``store``; bad inputs are recorded and skipped.

    ``progress`` wraps the list of files (e.g. in a progress bar) and yields them back.
    Symbolic links that lead out of the given folders are followed only with
    ``follow_symlinks``. ``date`` (ISO ``YYYY-MM-DD``) is the day the inputs were
    captured: relative dates on a page ("2 hours ago") count from it instead of
    from the file's modification time.
    """
    run = _Ingest(store, settings, rules or load_rules(), capture_date=date)
    found = scan(paths, follow_symlinks)
    files = found.files
    if settings.db_path is not None:  # never read the store's own files
        own = os.path.realpath(settings.db_path)
        skip = {own, own + "-wal", own + "-shm", own + "-journal"}
        files = [f for f in files if os.path.realpath(f) not in skip]
    for path, reason in found.refused:  # named as given: a link's target may be itself or nothing
        uri = display(os.path.abspath(path))
        run._fail(make_id("src", uri), uri, "", reason)
    for path, reason in found.outside:
        run.report.not_followed.append((display(path), reason))
    for number, path in enumerate(progress(files) if progress else files):
        if number % LOOKUP == 0:
            run.look_up(files[number : number + LOOKUP])
        run.one(path)
        if len(run.pending) >= BATCH_FILES or sum(item.size for item in run.pending) >= BATCH_BYTES:
            run.flush()
    run.flush()
    return run.report
