"""Agencies, users, API tokens, web sessions, collections and grants: library functions over a store.

Secrets are never stored: API tokens keep a SHA-256 of their random part
(they are long and random, so a fast hash is enough), passwords an Argon2 hash.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from tracegraph.api.errors import AuthError
from tracegraph.errors import InputError, NotFoundError
from tracegraph.store import Store, now
from tracegraph.store.queries import server_accounts as sql

#: TLP-like markings, least to most restricted
MARKINGS = ("TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED")
LEVELS = ("read", "write")
SCOPES = ("read", "write", "screen", "admin")
DEFAULT_SCOPES = ("read", "write", "screen")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@-]{0,79}$")
_TOKEN = re.compile(r"^tg_([0-9a-f]{16})_([A-Za-z0-9_-]{20,100})$")


@dataclass(frozen=True)
class User:
    id: str
    name: str
    agency_id: str
    agency: str
    is_admin: bool

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "agency": self.agency, "is_admin": self.is_admin}


def _check_name(kind: str, name: str) -> str:
    if not _NAME.match(name):
        raise InputError(f"a {kind} name is 1-80 letters, digits and . _ @ -, starting with a letter or digit")
    return name


def _later(days: float | None = None, hours: float | None = None) -> str:
    delta = timedelta(days=days or 0, hours=hours or 0)
    return (datetime.now(UTC) + delta).strftime("%Y-%m-%dT%H:%M:%S")


def _hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


# -- agencies and users -------------------------------------------------------
def create_agency(store: Store, name: str) -> str:
    _check_name("agency", name)
    if sql.agency_named(store, name):
        raise InputError("an agency of that name exists", subject=name)
    agency_id = "ag-" + secrets.token_hex(6)
    sql.add_agency(store, agency_id, name, now())
    return agency_id


def agency_id(store: Store, name: str) -> str:
    found = sql.find_agency(store, name)
    if found is None:
        raise NotFoundError("no such agency", subject=name)
    return found


def agencies(store: Store) -> list[dict[str, Any]]:
    return [{"id": r[0], "name": r[1], "created_at": r[2]} for r in sql.agencies(store)]


def _password_hasher() -> Any:
    from argon2 import PasswordHasher

    return PasswordHasher()


def create_user(store: Store, name: str, agency: str, password: str | None = None, admin: bool = False) -> User:
    _check_name("user", name)
    if sql.user_named(store, name):
        raise InputError("a user of that name exists", subject=name)
    found_agency = agency_id(store, agency)
    user_id = "us-" + secrets.token_hex(6)
    hashed = _password_hasher().hash(password) if password else None
    sql.add_user(store, user_id, name, found_agency, hashed, admin, now())
    return user(store, user_id)


def set_password(store: Store, name: str, password: str) -> None:
    if len(password) < 10:
        raise InputError("a password has at least 10 characters")
    found = user(store, name)
    sql.set_password_hash(store, found.id, _password_hasher().hash(password))


def user(store: Store, ref: str) -> User:
    """A user by id or name (disabled users are not found)."""
    found = sql.find_user(store, ref)
    if found is None:
        raise NotFoundError("no such user", subject=ref)
    return User(*found)


def users(store: Store) -> list[dict[str, Any]]:
    return [
        {"id": r[0], "name": r[1], "agency": r[2], "is_admin": bool(r[3]), "created_at": r[4], "disabled_at": r[5]}
        for r in sql.users(store)
    ]


def disable_user(store: Store, name: str) -> None:
    found = user(store, name)
    sql.disable_user(store, found.id, now())


_DUMMY_HASH: list[str] = []


def check_password(store: Store, name: str, password: str) -> User:
    """The user if the password is right; one error for every failure (unknown user or wrong password)."""
    from argon2.exceptions import VerificationError, VerifyMismatchError

    hasher = _password_hasher()
    user_id, stored = sql.password_of(store, name) or ("", None)
    if not stored:
        if not _DUMMY_HASH:
            _DUMMY_HASH.append(hasher.hash(secrets.token_hex(8)))
        with contextlib.suppress(VerifyMismatchError, VerificationError):  # same work: timing tells nothing
            hasher.verify(_DUMMY_HASH[0], password)
        raise AuthError("wrong user name or password")
    try:
        hasher.verify(stored, password)
    except (VerifyMismatchError, VerificationError) as exc:
        raise AuthError("wrong user name or password") from exc
    return user(store, user_id)


# -- API tokens -------------------------------------------------------------------
def create_token(
    store: Store, user_ref: str, scopes: tuple[str, ...] = DEFAULT_SCOPES, label: str = "", days: float | None = 90
) -> tuple[str, str]:
    """A new token for a user: ``(token_id, token)``; the token is shown once and only its hash kept."""
    owner = user(store, user_ref)
    bad = [s for s in scopes if s not in SCOPES]
    if bad or not scopes:
        raise InputError(f"scopes are some of {', '.join(SCOPES)}", subject=",".join(bad))
    if "admin" in scopes and not owner.is_admin:
        raise InputError("only an admin user can hold an admin token", subject=owner.name)
    token_id = secrets.token_hex(8)
    secret = secrets.token_urlsafe(32)
    expires = _later(days=days) if days else None
    sql.add_token(store, token_id, owner.id, _hash_secret(secret), " ".join(scopes), label, now(), expires)
    return token_id, f"tg_{token_id}_{secret}"


def revoke_token(store: Store, token_id: str) -> None:
    if not sql.token_known(store, token_id):
        raise NotFoundError("no such token", subject=token_id)
    sql.revoke_token(store, token_id, now())


def tokens(store: Store, user_ref: str | None = None) -> list[dict[str, Any]]:
    found = [
        {
            "id": r[0],
            "user": r[1],
            "scopes": r[2].split(),
            "label": r[3],
            "created_at": r[4],
            "expires_at": r[5],
            "revoked_at": r[6],
        }
        for r in sql.tokens(store)
    ]
    return [t for t in found if user_ref is None or t["user"] == user_ref]


def token_user(store: Store, token: str) -> tuple[User, str, tuple[str, ...]]:
    """The user, token id and scopes of a presented token; :class:`AuthError` when it does not hold."""
    found = _TOKEN.match(token.strip())
    if not found:
        raise AuthError("invalid token")
    token_id, secret = found.groups()
    row = sql.token(store, token_id)
    if row is None or not hmac.compare_digest(row[1], _hash_secret(secret)):
        raise AuthError("invalid token")
    user_id, _, scopes, expires_at, revoked_at = row
    if revoked_at is not None:
        raise AuthError("token revoked")
    if expires_at is not None and expires_at <= now():
        raise AuthError("token expired")
    try:
        owner = user(store, user_id)
    except NotFoundError as exc:
        raise AuthError("invalid token") from exc
    return owner, token_id, tuple(scopes.split())


def token_expiry(store: Store, token_id: str) -> str | None:
    """When a token expires (``None``: never)."""
    return sql.token_expiry(store, token_id)


# -- web sessions -------------------------------------------------------------------
def create_session(store: Store, owner: User, hours: float) -> tuple[str, str]:
    """A new session: ``(session_id, csrf_token)``; the id goes in a cookie, only its hash is stored."""
    session_id = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    sql.add_session(store, _hash_secret(session_id), owner.id, csrf, now(), _later(hours=hours))
    return session_id, csrf


def session_user(store: Store, session_id: str) -> tuple[User, str]:
    row = sql.session(store, _hash_secret(session_id))
    if row is None or row[3] is not None or row[2] <= now():
        raise AuthError("session expired; log in again")
    try:
        return user(store, row[0]), row[1]
    except NotFoundError as exc:
        raise AuthError("session expired; log in again") from exc


def end_session(store: Store, session_id: str) -> None:
    sql.end_session(store, _hash_secret(session_id), now())


# -- collections and grants -----------------------------------------------------------
def create_collection(store: Store, name: str, label: str = "", marking: str = "TLP:AMBER") -> None:
    """A collection is a dataset of the store with grants on top; it may already hold statements."""
    _check_name("collection", name)
    marking = marking.upper()
    if marking not in MARKINGS:
        raise InputError(f"a marking is one of {', '.join(MARKINGS)}", subject=marking)
    sql.put_collection(store, name, label or name, marking, now())


def collections(store: Store) -> list[dict[str, Any]]:
    rows = sql.collections(store)
    out = [{"name": r[0], "label": r[1], "marking": r[2], "created_at": r[3], "grants": []} for r in rows]
    by_name = {c["name"]: c for c in out}
    for coll, kind, subject, level in sql.grants(store):
        by_name[coll]["grants"].append({kind: subject, "level": level})
    return out


def markings(store: Store, names: set[str]) -> dict[str, str]:
    return {name: mark for name, mark in sql.markings(store).items() if name in names}


def grant(store: Store, collection: str, level: str, agency: str | None = None, user_ref: str | None = None) -> None:
    """Give an agency or a user read or write on a collection (write includes read)."""
    if level not in LEVELS:
        raise InputError("a grant is read or write", subject=level)
    if not sql.collection_known(store, collection):
        raise NotFoundError("no such collection", subject=collection)
    if (agency is None) == (user_ref is None):
        raise InputError("grant to one agency or one user")
    kind, subject = ("agency", agency_id(store, agency)) if agency else ("user", user(store, user_ref or "").id)
    sql.put_grant(store, collection, kind, subject, level, now())


def revoke_grant(store: Store, collection: str, agency: str | None = None, user_ref: str | None = None) -> None:
    kind, subject = ("agency", agency_id(store, agency)) if agency else ("user", user(store, user_ref or "").id)
    sql.drop_grant(store, collection, kind, subject)


def grants_of(store: Store, owner: User) -> dict[str, str]:
    """Collection -> the best level the user holds, through the agency or directly."""
    found: dict[str, str] = {}
    for collection, level in sql.grants_of(store, owner.agency_id, owner.id):
        if found.get(collection) != "write":
            found[collection] = level
    return found


# -- first start -------------------------------------------------------------------------
def bootstrap(store: Store, default_dataset: str = "default") -> str | None:
    """On a store with no users: an agency ``local``, an admin ``admin`` and its token (returned).

    Every dataset already in the store becomes a collection the local agency may write.
    Returns ``None`` when users exist.
    """
    if sql.any_user(store):
        return None
    with store.transaction():
        if not sql.agency_named(store, "local"):
            create_agency(store, "local")
        admin = create_user(store, "admin", "local", admin=True)
        names = {default_dataset, *sql.datasets(store)}
        known = {c["name"] for c in collections(store)}
        for name in sorted(names - known):
            if _NAME.match(name):
                create_collection(store, name)
        for name in sorted(names):
            if _NAME.match(name):
                grant(store, name, "write", agency="local")
        _, token = create_token(store, admin.name, SCOPES, "first admin", days=None)
    return token
