"""``tracegraph serve``: the REST API (and the web workbench) on uvicorn."""

from __future__ import annotations

import click

from tracegraph.cli.common import Context, pass_context


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64), help="uvicorn worker processes.")
@click.option(
    "--insecure-cookies", is_flag=True, help="Session cookies without the Secure flag (plain HTTP on localhost)."
)
@pass_context
def serve(ctx: Context, host: str, port: int, workers: int, insecure_cookies: bool) -> None:
    """Serve the API on HOST:PORT. On a store with no users, creates the admin and prints its token once."""
    import os
    from dataclasses import replace

    import uvicorn

    from tracegraph.api.accounts import bootstrap
    from tracegraph.api.app import create_app
    from tracegraph.api.config import ApiSettings

    token = bootstrap(ctx.store, ctx.settings.dataset)
    if token:
        click.echo(f"tracegraph: created agency 'local' and admin user 'admin'; its API token (shown once):\n{token}")
        click.echo("tracegraph: set a password for the web UI with: tracegraph admin password admin")
    ctx.close()
    api = ApiSettings.from_settings(ctx.settings)
    if insecure_cookies:
        api = replace(api, secure_cookies=False)
    click.echo(f"tracegraph: serving {ctx.settings.db} on http://{host}:{port} (API docs at /docs)")
    if workers > 1:
        os.environ["TRACEGRAPH_DB"] = ctx.settings.db
        if insecure_cookies:
            os.environ["TRACEGRAPH_API_SECURE_COOKIES"] = "0"
        uvicorn.run(
            "tracegraph.api.app:app_from_env", host=host, port=port, workers=workers, factory=True, log_level="warning"
        )
        return
    uvicorn.run(create_app(ctx.settings, api), host=host, port=port, log_level="warning")


def register(group: click.Group) -> None:
    group.add_command(serve)
