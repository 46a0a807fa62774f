"""Writing: merge, split and distinct judgements with reasons; uploads; jobs for ingest, build and list loads."""

from __future__ import annotations

import json
import re
import secrets
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Request, UploadFile
from pydantic import BaseModel, Field

from tracegraph.api.auth import Principal, Writer
from tracegraph.api.errors import ForbiddenError, TooLargeError
from tracegraph.api.routes.common import EntityId, check_id, reader_for
from tracegraph.api.state import ServerState, state
from tracegraph.errors import InputError, NotFoundError
from tracegraph.store import Entity

router = APIRouter(prefix="/api", tags=["writing"])
_UPLOAD_ID = re.compile(r"^up-[0-9a-f]{16}$")
_SUFFIX = re.compile(r"(\.[A-Za-z0-9]{1,8}){1,3}$")


class JudgementRequest(BaseModel):
    kind: Literal["merge", "split", "distinct"]
    ids: list[Annotated[str, Field(min_length=1, max_length=200)]] = Field(min_length=1, max_length=50)
    reason: str = Field(min_length=1, max_length=2000)


def _writable_member(principal: Principal, ent: Entity) -> None:
    """The caller must be able to write a collection that holds the entity."""
    entity_id = ent.id
    if not any(principal.access.can_write(s.dataset) for s in ent.statements):
        raise ForbiddenError("you may read this entity but write none of its collections", subject=entity_id)


@router.post("/judgements")
def judgements(request: Request, principal: Writer, body: JudgementRequest) -> dict[str, Any]:
    """Record that entities are the same (merge), not the same (distinct), or undo a merge (split)."""
    from tracegraph.resolve.judgements import judgement_id, merge, split

    server = state(request)
    reader = reader_for(request, principal)
    ids = [check_id(i) for i in body.ids]
    members = []
    for raw in ids:
        ent = reader.entity(raw)
        _writable_member(principal, ent)
        members.append(raw if raw in ent.member_ids else ent.id)
    store = server.pool.get()
    author = principal.user.name
    result: dict[str, Any] = {"kind": body.kind}
    if body.kind == "merge":
        if len(members) < 2:
            raise InputError("a merge needs two or more ids")
        done = [merge(store, members[0], other, body.reason, author).to_dict() for other in members[1:]]
        result["merges"] = done
        result["canonical"] = ent.id if not done else done[-1]["canonical"]
    elif body.kind == "split":
        freed = split(store, members[0], body.reason, author)
        result["ids"] = sorted(reader_for(request, principal).visible(freed))
    else:
        if len(members) < 2:
            raise InputError("distinct needs two or more ids")
        with store.transaction():
            for other in members[1:]:
                a, b = members[0], other
                store.add_judgement(judgement_id("distinct", a, b), a, b, "distinct", body.reason, author)
        result["ids"] = members
    server.cache.invalidate()
    server.record(principal, body.kind, " ".join(members), reason=body.reason)
    return result


def _safe_name(name: str) -> str:
    base = Path(name.replace("\\", "/")).name
    found = _SUFFIX.search(base)
    return (found.group(0) if found else ".bin").lower()


@router.post("/uploads")
async def upload(request: Request, principal: Writer, file: UploadFile) -> dict[str, Any]:
    """Upload one file (a story, a page, a PDF, an FtM export or a list file) for a later job."""
    server = state(request)
    upload_id = "up-" + secrets.token_hex(8)
    folder = server.api.uploads(server.settings) / upload_id
    folder.mkdir(parents=True)
    suffix = _safe_name(file.filename or "")
    target = folder / f"upload{suffix}"
    size = 0
    with target.open("wb") as out:
        while chunk := await file.read(1 << 20):
            size += len(chunk)
            if size > server.api.max_upload_bytes:
                out.close()
                target.unlink()
                folder.rmdir()
                raise TooLargeError(f"the upload is larger than {server.api.max_upload_bytes} bytes")
            out.write(chunk)
    (folder / "owner.json").write_text(json.dumps({"user": principal.user.id, "name": file.filename}))
    server.record(principal, "upload", upload_id, size=size, name=(file.filename or "")[:200])
    return {"id": upload_id, "size": size, "suffix": suffix}


def upload_path(server: ServerState, principal: Principal, upload_id: str, collection: str) -> str:
    if not _UPLOAD_ID.match(upload_id):
        raise InputError("not an upload id", subject=upload_id[:40])
    folder = server.api.uploads(server.settings) / upload_id
    owner = folder / "owner.json"
    if not owner.is_file() or json.loads(owner.read_text())["user"] != principal.user.id:
        raise NotFoundError("no such upload", subject=upload_id)
    found = [p for p in folder.iterdir() if p.name.startswith("upload")]
    if not found:
        raise NotFoundError("no such upload", subject=upload_id)
    # the file is named after the collection, so FtM records land in it (the reader takes the dataset from the name)
    named = folder / (collection + found[0].name.removeprefix("upload"))
    found[0].rename(named)
    return str(named)


class JobRequest(BaseModel):
    kind: Literal["ingest", "build", "lists_load"]
    collection: str = Field(min_length=1, max_length=80, pattern=r"^[a-z0-9][a-z0-9_]{0,79}$")
    uploads: list[str] = Field(default_factory=list, max_length=100)


@router.post("/jobs")
def create_job(request: Request, principal: Writer, body: JobRequest) -> dict[str, Any]:
    """Queue long work; follow it with ``GET /api/jobs/{id}``. Writes go into ``collection``."""
    server = state(request)
    if not principal.access.can_write(body.collection):
        raise ForbiddenError("you may not write this collection", subject=body.collection)
    if body.kind in ("ingest", "lists_load") and not body.uploads:
        raise InputError("name the uploads to read (POST /api/uploads first)")
    params: dict[str, Any] = {"paths": [upload_path(server, principal, u, body.collection) for u in body.uploads]}
    if body.kind == "lists_load":
        params["list_name"] = body.collection
    job_id = server.jobs.submit(server.pool.get(), body.kind, principal.user.id, body.collection, params)
    server.record(principal, "job", job_id, kind=body.kind, collection=body.collection)
    return {"id": job_id}


def _job(server: ServerState, principal: Principal, job_id: str) -> dict[str, Any]:
    from tracegraph.api.jobs import job_row

    check_id(job_id, "job")
    found = job_row(server.pool.get(), job_id)
    if found["user_id"] != principal.user.id and not principal.user.is_admin:
        raise NotFoundError("no such job", subject=job_id)
    return found


@router.get("/jobs/{job_id}")
def job(request: Request, principal: Writer, job_id: EntityId) -> dict[str, Any]:
    """A job's status (queued, running, done, failed), progress (0-1) and message."""
    return _job(state(request), principal, job_id)


@router.get("/jobs")
def jobs(request: Request, principal: Writer) -> dict[str, Any]:
    """The caller's jobs, newest first."""
    from tracegraph.api.jobs import user_jobs

    return {"results": user_jobs(state(request).pool.get(), principal.user.id)}
