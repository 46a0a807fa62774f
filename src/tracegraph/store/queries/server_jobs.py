"""Jobs and the collections documents were uploaded into, in SQL.

A job row is written when a job is queued and updated as it runs
(:mod:`tracegraph.api.jobs` holds the runner).
"""

from __future__ import annotations

from typing import Any

from tracegraph.store.engine import Database

#: the columns of a job as :func:`job` returns them
JOB_COLUMNS = (
    "id",
    "kind",
    "user_id",
    "collection",
    "status",
    "progress",
    "message",
    "result",
    "created_at",
    "finished_at",
)
#: the columns :func:`update_job` may set
_SETTABLE = frozenset({"status", "progress", "message", "result", "finished_at"})


def add_job(db: Database, job_id: str, kind: str, user_id: str, collection: str | None, params: str, at: str) -> None:
    """A queued job (``params``: JSON text)."""
    with db.transaction():
        db.execute(
            "INSERT INTO jobs (id, kind, user_id, collection, params, status, progress, message, created_at) "
            "VALUES (?, ?, ?, ?, ?, 'queued', 0, 'waiting for the worker', ?)",
            (job_id, kind, user_id, collection, params, at),
        )


def update_job(db: Database, job_id: str, **values: Any) -> None:
    """Set some of a job's status, progress, message, result and finished_at."""
    unknown = set(values) - _SETTABLE
    if unknown:
        raise ValueError(f"not a job column one may set: {', '.join(sorted(unknown))}")
    sets = ", ".join(f"{k} = ?" for k in values)
    with db.transaction():
        db.execute(f"UPDATE jobs SET {sets} WHERE id = ?", [*values.values(), job_id])


def job(db: Database, job_id: str) -> tuple[Any, ...] | None:
    """A job's values in :data:`JOB_COLUMNS` order."""
    rows = db.query(f"SELECT {', '.join(JOB_COLUMNS)} FROM jobs WHERE id = ?", (job_id,))
    return rows[0] if rows else None


def job_work(db: Database, job_id: str) -> tuple[str, str | None, str] | None:
    """(kind, collection, params as JSON text) of a job."""
    rows = db.query("SELECT kind, collection, params FROM jobs WHERE id = ?", (job_id,))
    return (str(rows[0][0]), rows[0][1], str(rows[0][2])) if rows else None


def user_job_ids(db: Database, user_id: str, limit: int) -> list[str]:
    """A user's jobs, newest first."""
    rows = db.query("SELECT id FROM jobs WHERE user_id = ? ORDER BY created_at DESC LIMIT ?", (user_id, limit))
    return [str(r[0]) for r in rows]


# -- documents and collections -------------------------------------------------------
def document_ids(db: Database) -> set[str]:
    """Every document's id, retired or not."""
    return {str(r[0]) for r in db.query("SELECT id FROM documents")}


def live_document_ids(db: Database) -> list[str]:
    """Ids of documents not retired."""
    return [str(r[0]) for r in db.query("SELECT id FROM documents WHERE retired_at IS NULL")]


def claim_documents(db: Database, doc_ids: list[str], collection: str) -> None:
    """Put documents in a collection (they were uploaded into it)."""
    with db.transaction():
        for doc_id in doc_ids:
            db.execute(
                "INSERT INTO document_collections (document_id, collection) VALUES (?, ?) "
                "ON CONFLICT (document_id, collection) DO NOTHING",
                (doc_id, collection),
            )


def claims(db: Database) -> list[tuple[str, str]]:
    """(document id, collection) of every document uploaded into a collection."""
    return [(str(r[0]), str(r[1])) for r in db.query("SELECT document_id, collection FROM document_collections")]


def citing_datasets(db: Database) -> list[tuple[str, str]]:
    """(document id, dataset) of every dataset whose statements cite a document."""
    rows = db.query("SELECT DISTINCT document_id, dataset FROM statements WHERE document_id IS NOT NULL")
    return [(str(r[0]), str(r[1])) for r in rows]
