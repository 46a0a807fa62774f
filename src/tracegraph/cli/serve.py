"""``tracegraph serve``: the REST API (and the web workbench) on uvicorn."""

from __future__ import annotations

import click

from tracegraph.cli.common import Context, pass_context


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--workers",
    default="auto",
    show_default=True,
    help="uvicorn worker processes, or auto: one per CPU core (at most 8) on PostgreSQL, one on SQLite.",
)
@click.option(
    "--insecure-cookies", is_flag=True, help="Session cookies without the Secure flag (plain HTTP on localhost)."
)
@pass_context
def serve(ctx: Context, host: str, port: int, workers: str, insecure_cookies: bool) -> None:
    """Serve the API on HOST:PORT. On a store with no users, creates the admin and prints its token once."""
    import os
    from dataclasses import replace

    import uvicorn

    from tracegraph.api.accounts import bootstrap
    from tracegraph.api.app import create_app
    from tracegraph.api.config import ApiSettings

    processes = worker_count(workers, ctx.settings.db)
    token = bootstrap(ctx.store, ctx.settings.dataset)
    if token:
        click.echo(f"tracegraph: created agency 'local' and admin user 'admin'; its API token (shown once):\n{token}")
        click.echo("tracegraph: set a password for the web UI with: tracegraph admin password admin")
    ctx.close()
    api = ApiSettings.from_settings(ctx.settings)
    if insecure_cookies:
        api = replace(api, secure_cookies=False)
    if not ctx.settings.extra.get("api_heavy_processes"):  # searches and paths apart from entity pages
        api = replace(api, heavy_processes=HEAVY_PROCESSES)
    click.echo(
        f"tracegraph: serving {ctx.settings.db} on http://{host}:{port} with {processes} worker process"
        f"{'es' if processes > 1 else ''} (heavy processes per worker: {api.heavy_processes}; API docs at /docs)"
    )
    if processes > 1:
        os.environ["TRACEGRAPH_DB"] = ctx.settings.db
        if insecure_cookies:
            os.environ["TRACEGRAPH_API_SECURE_COOKIES"] = "0"
        os.environ["TRACEGRAPH_API_HEAVY_PROCESSES"] = str(api.heavy_processes)
        uvicorn.run(
            "tracegraph.api.app:app_from_env",
            host=host,
            port=port,
            workers=processes,
            factory=True,
            log_level="warning",
        )
        return
    uvicorn.run(create_app(ctx.settings, api), host=host, port=port, log_level="warning")


#: heavy processes per worker unless ``TRACEGRAPH_API_HEAVY_PROCESSES`` says otherwise (:mod:`tracegraph.api.offload`)
HEAVY_PROCESSES = 1


def worker_count(workers: str, db: str) -> int:
    """The number of worker processes ``--workers`` asks for: a number, or ``auto`` (see the option's help).

    On PostgreSQL each process answers on its own cores (Python runs one thread at a time per process);
    SQLite serves one person, and one process keeps its single writer simple.
    """
    import os

    if workers.strip().lower() == "auto":
        return min(8, os.cpu_count() or 1) if db.startswith("postgres") else 1
    try:
        count = int(workers)
    except ValueError:
        raise click.BadParameter("a number from 1 to 64, or auto", param_hint="--workers") from None
    if not 1 <= count <= 64:
        raise click.BadParameter("a number from 1 to 64, or auto", param_hint="--workers")
    return count


def register(group: click.Group) -> None:
    group.add_command(serve)
