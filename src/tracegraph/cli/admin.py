"""``tracegraph admin``: agencies, users, tokens, collections, grants and the audit log, on the store directly."""

from __future__ import annotations

import sys
from typing import Any

import click
import orjson

from tracegraph.cli.common import Context, pass_context, table


@click.group("admin")
def admin() -> None:
    """Manage who may use the server and what they may read and write."""


@admin.command("init")
@pass_context
def init(ctx: Context) -> None:
    """Create agency 'local', user 'admin' and an admin token, if the store has no users yet."""
    from tracegraph.api.accounts import bootstrap

    token = bootstrap(ctx.store, ctx.settings.dataset)
    ctx.emit({"token": token}, f"admin token (shown once): {token}" if token else "users exist already; nothing done")


@admin.command("agency")
@click.argument("name")
@pass_context
def agency(ctx: Context, name: str) -> None:
    """Create an agency."""
    from tracegraph.api.accounts import create_agency

    ctx.emit({"id": create_agency(ctx.store, name), "name": name}, f"agency {name} created")


@admin.command("user")
@click.argument("name")
@click.option("--agency", required=True, help="The agency the user belongs to.")
@click.option("--admin", "is_admin", is_flag=True, help="May manage users, grants and read the audit log.")
@click.option("--password", is_flag=True, help="Ask for a password (for the web UI).")
@pass_context
def user(ctx: Context, name: str, agency: str, is_admin: bool, password: bool) -> None:
    """Create a user of an agency."""
    from tracegraph.api.accounts import create_user

    secret = click.prompt("password", hide_input=True, confirmation_prompt=True) if password else None
    found = create_user(ctx.store, name, agency, secret, is_admin)
    ctx.emit(found.to_dict(), f"user {name} ({agency}) created")


@admin.command("password")
@click.argument("name")
@pass_context
def password(ctx: Context, name: str) -> None:
    """Set a user's password (at least 10 characters), read from the terminal or stdin."""
    from tracegraph.api.accounts import set_password

    if sys.stdin.isatty():
        secret = click.prompt("password", hide_input=True, confirmation_prompt=True)
    else:
        secret = sys.stdin.readline().rstrip("\n")
    set_password(ctx.store, name, secret)
    ctx.emit({"user": name}, f"password of {name} set")


@admin.command("token")
@click.argument("user_name")
@click.option(
    "--scope", "scopes", multiple=True, help="read, write, screen, admin (repeatable; default: read write screen)."
)
@click.option("--days", type=float, default=90, show_default=True, help="Days until it expires (0: never).")
@click.option("--label", default="", help="What the token is for.")
@pass_context
def token(ctx: Context, user_name: str, scopes: tuple[str, ...], days: float, label: str) -> None:
    """Create an API token for a user; it is printed once, only its hash is kept."""
    from tracegraph.api.accounts import DEFAULT_SCOPES, create_token

    token_id, secret = create_token(ctx.store, user_name, scopes or DEFAULT_SCOPES, label, days or None)
    ctx.emit({"id": token_id, "token": secret}, secret)


@admin.command("revoke")
@click.argument("token_id")
@pass_context
def revoke(ctx: Context, token_id: str) -> None:
    """Revoke a token by its id (the part after 'tg_', before the second '_')."""
    from tracegraph.api.accounts import revoke_token

    revoke_token(ctx.store, token_id)
    ctx.emit({"revoked": token_id}, f"token {token_id} revoked")


@admin.command("collection")
@click.argument("name")
@click.option("--label", default="")
@click.option("--marking", default="TLP:AMBER", show_default=True, help="TLP:CLEAR, GREEN, AMBER, AMBER+STRICT, RED.")
@pass_context
def collection(ctx: Context, name: str, label: str, marking: str) -> None:
    """Create (or re-mark) a collection: a dataset of the store with grants on top."""
    from tracegraph.api.accounts import create_collection

    create_collection(ctx.store, name, label, marking)
    ctx.emit({"name": name, "marking": marking.upper()}, f"collection {name} ({marking.upper()})")


@admin.command("grant")
@click.argument("collection_name")
@click.argument("level", type=click.Choice(["read", "write", "none"]))
@click.option("--agency", default=None)
@click.option("--user", "user_name", default=None)
@pass_context
def grant(ctx: Context, collection_name: str, level: str, agency: str | None, user_name: str | None) -> None:
    """Give an agency or a user read or write on a collection ('none' takes it away)."""
    from tracegraph.api.accounts import grant as give
    from tracegraph.api.accounts import revoke_grant

    if level == "none":
        revoke_grant(ctx.store, collection_name, agency, user_name)
    else:
        give(ctx.store, collection_name, level, agency, user_name)
    who = f"agency {agency}" if agency else f"user {user_name}"
    ctx.emit(
        {"collection": collection_name, "level": level, "agency": agency, "user": user_name},
        f"{who}: {level} on {collection_name}",
    )


@admin.command("list")
@click.argument("what", type=click.Choice(["agencies", "users", "tokens", "collections"]))
@pass_context
def list_cmd(ctx: Context, what: str) -> None:
    """List agencies, users, tokens (never their secrets) or collections with their grants."""
    from tracegraph.api import accounts

    rows: list[dict[str, Any]] = getattr(accounts, what)(ctx.store)
    if ctx.as_json or not rows:
        for row in rows:
            ctx.emit(row)
        return
    headers = list(rows[0])
    click.echo(table([[_cell(r[h]) for h in headers] for r in rows], headers))


def _cell(value: Any) -> str:
    if isinstance(value, list | dict):
        return orjson.dumps(value).decode()
    return "" if value is None else str(value)


@admin.command("audit")
@click.option("--user", "user_name", default=None)
@click.option("--action", default=None)
@click.option("--since", default=None, help="ISO time, e.g. 2026-12-01")
@click.option("--limit", default=1000, show_default=True)
@click.option("--verify", is_flag=True, help="Check the hash chain instead of listing rows.")
@pass_context
def audit_cmd(
    ctx: Context, user_name: str | None, action: str | None, since: str | None, limit: int, verify: bool
) -> None:
    """Read (JSON lines with --json) or verify the append-only audit log."""
    from tracegraph.api import audit

    if verify:
        whole, broken = audit.verify(ctx.store)
        ctx.emit({"whole": whole, "broken_at": broken}, "audit log whole" if whole else f"audit log broken at {broken}")
        if not whole:
            sys.exit(1)
        return
    for row in audit.records(ctx.store, user_name, action, None, since, None, limit):
        ctx.emit(
            row,
            lambda r: f"{r['at']}  {r['user_name'] or '-':12s} {r['action']:14s} {r['target'][:60]}  {r['outcome']}",
        )


def register(group: click.Group) -> None:
    group.add_command(admin)
