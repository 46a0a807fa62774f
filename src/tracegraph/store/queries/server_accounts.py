"""The server's accounts in SQL: agencies, users, API tokens, web sessions, collections and grants.

Plain reads and writes of the tables ``api/tables.py`` creates; the rules (names, scopes,
hashing, expiry) stay in :mod:`tracegraph.api.accounts`. Each write runs in a transaction
(joining the caller's, if one is open).
"""

from __future__ import annotations

from typing import Any

from tracegraph.store.engine import Database

#: a user row: id, name, agency id, agency name, is_admin
UserRow = tuple[str, str, str, str, bool]


def _write(db: Database, sql: str, params: tuple[Any, ...]) -> None:
    with db.transaction():
        db.execute(sql, params)


# -- agencies -----------------------------------------------------------------------
def agency_named(db: Database, name: str) -> bool:
    return bool(db.query("SELECT 1 FROM agencies WHERE name = ?", (name,)))


def add_agency(db: Database, agency_id: str, name: str, created_at: str) -> None:
    _write(db, "INSERT INTO agencies (id, name, created_at) VALUES (?, ?, ?)", (agency_id, name, created_at))


def find_agency(db: Database, ref: str) -> str | None:
    """The id of the agency with this name or id."""
    rows = db.query("SELECT id FROM agencies WHERE name = ? OR id = ?", (ref, ref))
    return str(rows[0][0]) if rows else None


def agencies(db: Database) -> list[tuple[str, str, str]]:
    """(id, name, created_at) of every agency, by name."""
    rows = db.query("SELECT id, name, created_at FROM agencies ORDER BY name")
    return [(str(r[0]), str(r[1]), str(r[2])) for r in rows]


# -- users ----------------------------------------------------------------------------
def any_user(db: Database) -> bool:
    return bool(db.query("SELECT 1 FROM users LIMIT 1"))


def user_named(db: Database, name: str) -> bool:
    """Whether a user (enabled or not) has this name."""
    return bool(db.query("SELECT 1 FROM users WHERE name = ?", (name,)))


def add_user(
    db: Database, user_id: str, name: str, agency_id: str, password_hash: str | None, admin: bool, created_at: str
) -> None:
    _write(
        db,
        "INSERT INTO users (id, name, agency_id, password_hash, is_admin, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        (user_id, name, agency_id, password_hash, int(admin), created_at),
    )


def set_password_hash(db: Database, user_id: str, password_hash: str) -> None:
    _write(db, "UPDATE users SET password_hash = ? WHERE id = ?", (password_hash, user_id))


def find_user(db: Database, ref: str) -> UserRow | None:
    """The enabled user with this id or name."""
    rows = db.query(
        "SELECT u.id, u.name, u.agency_id, a.name, u.is_admin FROM users u JOIN agencies a ON a.id = u.agency_id "
        "WHERE (u.id = ? OR u.name = ?) AND u.disabled_at IS NULL",
        (ref, ref),
    )
    if not rows:
        return None
    r = rows[0]
    return str(r[0]), str(r[1]), str(r[2]), str(r[3]), bool(r[4])


def users(db: Database) -> list[tuple[Any, ...]]:
    """(id, name, agency name, is_admin, created_at, disabled_at) of every user, by agency and name."""
    return db.query(
        "SELECT u.id, u.name, a.name, u.is_admin, u.created_at, u.disabled_at FROM users u "
        "JOIN agencies a ON a.id = u.agency_id ORDER BY a.name, u.name"
    )


def disable_user(db: Database, user_id: str, at: str) -> None:
    _write(db, "UPDATE users SET disabled_at = ? WHERE id = ?", (at, user_id))


def password_of(db: Database, name: str) -> tuple[str, str | None] | None:
    """(user id, password hash or ``None``) of the enabled user with this name."""
    rows = db.query("SELECT id, password_hash FROM users WHERE name = ? AND disabled_at IS NULL", (name,))
    return (str(rows[0][0]), rows[0][1]) if rows else None


# -- API tokens ----------------------------------------------------------------------------
def add_token(
    db: Database,
    token_id: str,
    user_id: str,
    secret_hash: str,
    scopes: str,
    label: str,
    created_at: str,
    expires_at: str | None,
) -> None:
    _write(
        db,
        "INSERT INTO api_tokens (id, user_id, secret_hash, scopes, label, created_at, expires_at, revoked_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, NULL)",
        (token_id, user_id, secret_hash, scopes, label, created_at, expires_at),
    )


def token_known(db: Database, token_id: str) -> bool:
    return bool(db.query("SELECT 1 FROM api_tokens WHERE id = ?", (token_id,)))


def revoke_token(db: Database, token_id: str, at: str) -> None:
    _write(db, "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", (at, token_id))


def tokens(db: Database) -> list[tuple[Any, ...]]:
    """(id, user name, scopes, label, created_at, expires_at, revoked_at) of every token, oldest first."""
    return db.query(
        "SELECT t.id, u.name, t.scopes, t.label, t.created_at, t.expires_at, t.revoked_at FROM api_tokens t "
        "JOIN users u ON u.id = t.user_id ORDER BY t.created_at"
    )


def token(db: Database, token_id: str) -> tuple[Any, ...] | None:
    """(user id, secret hash, scopes, expires_at, revoked_at) of a token."""
    rows = db.query(
        "SELECT user_id, secret_hash, scopes, expires_at, revoked_at FROM api_tokens WHERE id = ?", (token_id,)
    )
    return rows[0] if rows else None


def token_expiry(db: Database, token_id: str) -> str | None:
    rows = db.query("SELECT expires_at FROM api_tokens WHERE id = ?", (token_id,))
    return str(rows[0][0]) if rows and rows[0][0] is not None else None


# -- web sessions ----------------------------------------------------------------------------
def add_session(db: Database, id_hash: str, user_id: str, csrf: str, created_at: str, expires_at: str) -> None:
    _write(
        db,
        "INSERT INTO web_sessions (id_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
        (id_hash, user_id, csrf, created_at, expires_at),
    )


def session(db: Database, id_hash: str) -> tuple[Any, ...] | None:
    """(user id, CSRF token, expires_at, ended_at) of a session."""
    rows = db.query("SELECT user_id, csrf_token, expires_at, ended_at FROM web_sessions WHERE id_hash = ?", (id_hash,))
    return rows[0] if rows else None


def end_session(db: Database, id_hash: str, at: str) -> None:
    _write(db, "UPDATE web_sessions SET ended_at = ? WHERE id_hash = ?", (at, id_hash))


# -- collections and grants ----------------------------------------------------------------------
def put_collection(db: Database, name: str, label: str, marking: str, created_at: str) -> None:
    """Add a collection, or give an existing one this label and marking."""
    _write(
        db,
        "INSERT INTO collections (name, label, marking, created_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (name) DO UPDATE SET label = excluded.label, marking = excluded.marking",
        (name, label, marking, created_at),
    )


def collection_known(db: Database, name: str) -> bool:
    return bool(db.query("SELECT 1 FROM collections WHERE name = ?", (name,)))


def collections(db: Database) -> list[tuple[Any, ...]]:
    """(name, label, marking, created_at) of every collection, by name."""
    return db.query("SELECT name, label, marking, created_at FROM collections ORDER BY name")


def grants(db: Database) -> list[tuple[Any, ...]]:
    """(collection, subject kind, agency or user name, level) of every grant, in that order."""
    return db.query(
        "SELECT g.collection, g.subject_kind, COALESCE(a.name, u.name, g.subject_id), g.level FROM grants g "
        "LEFT JOIN agencies a ON g.subject_kind = 'agency' AND a.id = g.subject_id "
        "LEFT JOIN users u ON g.subject_kind = 'user' AND u.id = g.subject_id ORDER BY 1, 2, 3"
    )


def markings(db: Database) -> dict[str, str]:
    """Collection -> its marking."""
    return {str(r[0]): str(r[1]) for r in db.query("SELECT name, marking FROM collections")}


def marking(db: Database, collection: str) -> str | None:
    rows = db.query("SELECT marking FROM collections WHERE name = ?", (collection,))
    return str(rows[0][0]) if rows else None


def put_grant(db: Database, collection: str, kind: str, subject_id: str, level: str, created_at: str) -> None:
    """Grant ``level`` on a collection to an agency or user (``kind``), replacing the level it held."""
    _write(
        db,
        "INSERT INTO grants (collection, subject_kind, subject_id, level, created_at) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (collection, subject_kind, subject_id) DO UPDATE SET level = excluded.level",
        (collection, kind, subject_id, level, created_at),
    )


def drop_grant(db: Database, collection: str, kind: str, subject_id: str) -> None:
    _write(
        db,
        "DELETE FROM grants WHERE collection = ? AND subject_kind = ? AND subject_id = ?",
        (collection, kind, subject_id),
    )


def grants_of(db: Database, agency_id: str, user_id: str) -> list[tuple[str, str]]:
    """(collection, level) of the grants to this agency and to this user."""
    rows = db.query(
        "SELECT collection, level FROM grants WHERE (subject_kind = 'agency' AND subject_id = ?) "
        "OR (subject_kind = 'user' AND subject_id = ?)",
        (agency_id, user_id),
    )
    return [(str(r[0]), str(r[1])) for r in rows]


def datasets(db: Database) -> list[str]:
    """Every dataset holding statements."""
    return [str(r[0]) for r in db.query("SELECT DISTINCT dataset FROM statements")]
