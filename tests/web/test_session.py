"""Signing in with a password (session cookie and CSRF token), changing something, signing out.

These tests use their own browser profile with no API token in it, so the only credential
the page has is the one the sign-in form gets.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from click.testing import CliRunner

from tests.web.browser import browser_context
from tests.web.conftest import Page, _need_browser
from tests.web.server import Running
from tracegraph.cli import cli
from tracegraph.settings import Settings

pytestmark = pytest.mark.slow

PASSWORD = "a long test passphrase"


@pytest.fixture(scope="module")
def password_user(server: Running, demo_settings: Settings) -> str:
    """The admin user that ``tracegraph serve`` created on first start, given a password."""
    if server.kind != "tracegraph serve":
        pytest.skip("password sign-in needs the real server (tracegraph.api)")
    result = CliRunner().invoke(
        cli, ["--db", demo_settings.db, "admin", "password", "admin"], input=PASSWORD + "\n", catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return "admin"


@pytest.fixture(scope="module")
def fresh_context(server: Running) -> Iterator[Any]:
    _need_browser()
    with browser_context() as ctx:
        yield ctx


#: the browser's own console line for a refused request: expected here (no session yet, signed out,
#: the change sent without its token), and nothing else may be logged
REFUSED = re.compile(r"^console: Failed to load resource: the server responded with a status of 40[13]\b")


@pytest.fixture
def ui(fresh_context: Any, server: Running) -> Iterator[Page]:
    fresh_context.clear_cookies()
    wrapped = Page(fresh_context.new_page(), server.url)
    try:
        yield wrapped
        errors = [e for e in wrapped.errors if not REFUSED.match(e)]
        assert errors == [], f"the page logged JavaScript errors: {errors}"
    finally:
        wrapped.tab.close()


def sign_in(page: Page, user: str, next_path: str) -> Any:
    tab = page.tab
    tab.goto(page.base + next_path)
    tab.wait_for_selector("form input[name=password]")  # no credential yet: the sign-in page
    assert "/login?next=" in tab.url
    tab.fill("input[name=user]", user)
    tab.fill("input[name=password]", PASSWORD)
    tab.keyboard.press("Enter")
    tab.wait_for_function("!location.pathname.startsWith('/login')")
    tab.wait_for_selector("body[data-ready] main[aria-busy=false]")
    return tab


def api_session(tab: Any) -> tuple[int, dict[str, Any]]:
    status, body = tab.evaluate(
        """async () => { const r = await fetch('/api/session', {credentials: 'same-origin'});
            return [r.status, await r.json()]; }"""
    )
    return int(status), body


def record_distinct(tab: Any, other: str, reason: str) -> None:
    tab.select_option("form.judgement select[name=kind]", "distinct")
    tab.fill("form.judgement input[name=other]", other)
    tab.wait_for_selector("form.judgement ul.suggestions li[data-id]")
    tab.locator("form.judgement ul.suggestions li[data-id]").first.dispatch_event("mousedown")
    tab.fill("form.judgement input[name=reason]", reason)
    tab.locator("form.judgement button[type=submit]").click()


def test_password_sign_in_change_with_csrf_and_sign_out(
    ui: Page, password_user: str, ids: dict[str, str], demo_settings: Settings
) -> None:
    page = sign_in(ui, password_user, f"/entity/{ids['voss']}")
    assert page.url.endswith(f"/entity/{ids['voss']}")  # back where the user was going
    assert "admin" in page.locator("header .user").inner_text()
    status, session = api_session(page)
    assert status == 200 and session["via"] == "session" and session["csrf_token"]
    assert any(c["name"] == "tg_session" and c["httpOnly"] for c in page.context.cookies())
    # a change from the entity page carries the CSRF token and is recorded with its reason
    with page.expect_request(lambda r: r.url.endswith("/api/judgements") and r.method == "POST") as sent:
        record_distinct(page, "Bluepeak Trad", "browser test: different people")
    assert sent.value.headers.get("x-csrf-token") == session["csrf_token"]
    assert sent.value.headers.get("authorization") is None  # the cookie is the credential
    page.wait_for_selector("form.judgement ~ div p.ok")
    assert "Recorded: distinct" in page.locator("aside.entity-facts").inner_text()
    # signing out ends the session on the server, not just in the page
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_selector("form input[name=password]")
    assert "You are signed out" in page.locator("main").inner_text()
    assert api_session(page)[0] == 401
    page.goto(ui.base + f"/entity/{ids['voss']}")
    page.wait_for_selector("form input[name=password]")
    assert "/login?next=" in page.url


def test_a_change_without_the_csrf_token_is_refused_with_a_visible_message(
    ui: Page, password_user: str, ids: dict[str, str]
) -> None:
    page = sign_in(ui, password_user, f"/entity/{ids['voss']}")

    def strip_csrf(route: Any, request: Any) -> None:
        headers = {k: v for k, v in request.headers.items() if k.lower() != "x-csrf-token"}
        route.continue_(headers=headers)

    page.route("**/api/judgements", strip_csrf)
    with page.expect_response(lambda r: r.url.endswith("/api/judgements")) as answer:
        record_distinct(page, "Ostrava Fine", "browser test: sent without the token")
    assert answer.value.status == 403
    alert = page.locator("aside.entity-facts [role=alert]")
    alert.wait_for()
    assert "security token (CSRF)" in alert.inner_text() and "try again" in alert.inner_text()
    assert "Recorded" not in page.locator("aside.entity-facts").inner_text()
    # the page renewed its token: sent normally, the same change now goes through
    page.unroute("**/api/judgements")
    page.locator("form.judgement button[type=submit]").click()
    page.wait_for_selector("form.judgement ~ div p.ok")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_selector("form input[name=password]")
