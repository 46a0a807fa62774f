"""What one running server holds: settings, the store pool, caches, the audit writer and the job runner."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from fastapi import Request

from tracegraph.api.access import StorePool
from tracegraph.api.audit import AuditRecord, AuditWriter
from tracegraph.api.cache import ServerCache
from tracegraph.api.config import ApiSettings
from tracegraph.api.jobs import JobRunner
from tracegraph.api.lanes import Lanes
from tracegraph.settings import Settings

if TYPE_CHECKING:
    from tracegraph.api.auth import CredentialCache, Principal, RateLimiter
    from tracegraph.api.offload import HeavyProcesses


@dataclass
class ServerState:
    settings: Settings
    api: ApiSettings
    pool: StorePool
    cache: ServerCache
    audit: AuditWriter
    jobs: JobRunner
    limiter: RateLimiter
    credentials: CredentialCache
    lanes: Lanes
    #: the processes answering searches, paths and neighbourhoods (``None``: the heavy lane's threads do)
    heavy: HeavyProcesses | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def record(self, principal: Principal | None, action: str, target: str, outcome: str = "ok", **detail: Any) -> None:
        """Hand one audit record to the writer."""
        user = principal.user if principal else None
        self.audit.log(
            AuditRecord(
                action=action,
                target=target,
                user_id=user.id if user else None,
                user_name=user.name if user else None,
                agency_id=user.agency_id if user else None,
                detail=detail,
                outcome=outcome,
            )
        )


def state(request: Request) -> ServerState:
    found: ServerState = request.app.state.tracegraph
    return found
