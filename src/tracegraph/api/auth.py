"""Who is calling: a bearer token or a session cookie (with its CSRF token), rate-limited per caller."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool

from tracegraph.api import accounts
from tracegraph.api.access import ALL, Access
from tracegraph.api.accounts import User
from tracegraph.api.errors import AuthError, ForbiddenError, RateLimitError
from tracegraph.api.state import ServerState, state
from tracegraph.store import now

SESSION_COOKIE = "tg_session"
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


@dataclass(frozen=True)
class Principal:
    """An authenticated caller: the user, what the credential allows, and what the user may read."""

    user: User
    scopes: frozenset[str]
    access: Access
    via: str
    token_id: str | None = None
    csrf: str | None = None


class CredentialCache:
    """Tokens verified in the last ``seconds``, so a request does not pay three queries to know its caller.

    Keyed by a hash of the presented token. A token's expiry is checked on every use; a revocation
    or a change of grants through this server clears the cache at once (:meth:`clear`), one made by
    another process (the CLI) takes effect within ``seconds``. ``seconds <= 0`` turns it off.
    """

    def __init__(self, seconds: float, size: int = 10_000) -> None:
        self.seconds = seconds
        self.size = size
        self._found: dict[str, tuple[Principal, float, str | None]] = {}
        self._lock = threading.Lock()
        #: verifications under way, by event loop and key (:func:`_verify_once`)
        self.pending: dict[tuple[int, str], asyncio.Future[Principal | None]] = {}
        #: credentials verified against the store and kept (a statistic)
        self.verified = 0

    @staticmethod
    def key(secret: str) -> str:
        return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()

    def get(self, key: str) -> Principal | None:
        if self.seconds <= 0:
            return None
        with self._lock:
            found = self._found.get(key)
        if found is None:
            return None
        principal, stamp, expires_at = found
        if time.monotonic() - stamp > self.seconds or (expires_at is not None and expires_at <= now()):
            with self._lock:
                self._found.pop(key, None)
            return None
        return principal

    def put(self, key: str, principal: Principal, expires_at: str | None) -> None:
        if self.seconds <= 0:
            return
        with self._lock:
            if len(self._found) >= self.size:
                self._found.clear()
            self._found[key] = (principal, time.monotonic(), expires_at)
            self.verified += 1

    def clear(self) -> None:
        with self._lock:
            self._found.clear()


class RateLimiter:
    """A token bucket per key: ``rate`` requests a second on average, ``burst`` at once."""

    def __init__(self, rate: float, burst: int) -> None:
        self.rate = rate
        self.burst = burst
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        now = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.get(key, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - last) * self.rate)
            if tokens < 1.0:
                self._buckets[key] = (tokens, now)
                return False
            self._buckets[key] = (tokens - 1.0, now)
            return True


def access_for(server: ServerState, user: User) -> Access:
    if user.is_admin:
        return ALL
    grants = accounts.grants_of(server.pool.get(), user)
    return Access(frozenset(grants), frozenset(c for c, level in grants.items() if level == "write"))


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _limit(server: ServerState, key: str) -> None:
    if not server.limiter.allow(key):
        raise RateLimitError("too many requests; slow down and try again in a second")


async def current(request: Request) -> Principal:
    """The caller of this request, or :class:`AuthError`.

    A token verified in the last seconds is answered on the event loop; anything that reads the
    store runs on the thread pool (each of its threads holds one open store).
    """
    server = state(request)
    header = request.headers.get("authorization", "")
    if header:
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise AuthError("use Authorization: Bearer <token>")
        key = CredentialCache.key(token.strip())
        known = server.credentials.get(key)
        if known is not None:
            _limit(server, "token:" + str(known.token_id))
            return known
        if server.credentials.seconds > 0:  # verifications are kept: share one among requests arriving together
            return await _verify_once(request, server, header, key)
    return await run_in_threadpool(_verify, request, server, header)


async def _verify_once(request: Request, server: ServerState, header: str, key: str) -> Principal:
    """Verify a token once for all the requests that present it at the same time.

    When many requests with the same token arrive together (a client's first burst, or the moment its
    verification has expired), each would otherwise read the token, its user and their grants (four
    queries) on the light lane, and the entity pages among them would wait behind all those reads.
    The first one reads; the others wait for its answer. When it fails, the others verify for
    themselves, so each gets its own error and every failed attempt counts against the caller."""
    loop = asyncio.get_running_loop()
    slot = (id(loop), key)
    pending = server.credentials.pending
    waiting = pending.get(slot)
    if waiting is not None:
        shared = await asyncio.shield(waiting)
        if shared is None:
            return await run_in_threadpool(_verify, request, server, header)
        _limit(server, "token:" + str(shared.token_id))
        return shared
    future: asyncio.Future[Principal | None] = loop.create_future()
    pending[slot] = future
    found: Principal | None = None
    try:
        found = await run_in_threadpool(_verify, request, server, header)
        return found
    finally:
        del pending[slot]
        future.set_result(found)


def _verify(request: Request, server: ServerState, header: str) -> Principal:
    store = server.pool.get()
    if header:
        _, _, token = header.partition(" ")
        key = CredentialCache.key(token.strip())
        try:
            user, token_id, scopes = accounts.token_user(store, token)
        except AuthError:
            _limit(server, "fail:" + _client(request))
            raise
        _limit(server, "token:" + token_id)
        found = Principal(user, frozenset(scopes), access_for(server, user), "token", token_id)
        server.credentials.put(key, found, accounts.token_expiry(store, token_id))
        return found
    session_id = request.cookies.get(SESSION_COOKIE)
    if session_id:
        try:
            user, csrf = accounts.session_user(store, session_id)
        except AuthError:
            _limit(server, "fail:" + _client(request))
            raise
        if request.method not in SAFE_METHODS:
            sent = request.headers.get(CSRF_HEADER, "")
            if not sent or not hmac.compare_digest(sent, csrf):
                raise ForbiddenError(
                    f"missing or wrong CSRF token: send the {CSRF_HEADER} header from GET /api/session"
                )
        _limit(server, "user:" + user.id)
        granted = frozenset(accounts.SCOPES if user.is_admin else accounts.DEFAULT_SCOPES)
        return Principal(user, granted, access_for(server, user), "session", None, csrf)
    _limit(server, "anon:" + _client(request))
    raise AuthError("log in, or send a token: Authorization: Bearer <token>")


def need(scope: str) -> Callable[[Principal], Awaitable[Principal]]:
    """A dependency: the caller, who must hold ``scope``."""

    async def check(principal: Annotated[Principal, Depends(current)]) -> Principal:
        if scope not in principal.scopes:
            raise ForbiddenError(f"this credential lacks the {scope!r} scope")
        if scope == "admin" and not principal.user.is_admin:
            raise ForbiddenError("only an admin may do this")
        return principal

    return check


Reader = Annotated[Principal, Depends(need("read"))]
Writer = Annotated[Principal, Depends(need("write"))]
Screener = Annotated[Principal, Depends(need("screen"))]
Admin = Annotated[Principal, Depends(need("admin"))]
