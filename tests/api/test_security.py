"""What a reviewer would try: injection, traversal, oversize and malformed bodies, bad tokens, CSRF."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import TEST_LIMITS, auth
from tests.api.world import World
from tracegraph.api import accounts
from tracegraph.api.app import create_app
from tracegraph.settings import Settings
from tracegraph.store import Store

INJECTIONS = [
    "' OR 1=1 --",
    "x'; DROP TABLE statements; --",
    '" OR ""="',
    "%' UNION SELECT secret_hash FROM api_tokens --",
    "ent-%",
]


def _counts(store: Store) -> tuple[int, int, int]:
    return (
        store.query("SELECT COUNT(*) FROM statements")[0][0],
        store.query("SELECT COUNT(*) FROM judgements")[0][0],
        store.query("SELECT COUNT(*) FROM api_tokens")[0][0],
    )


@pytest.mark.parametrize("probe", INJECTIONS)
def test_sql_injection_is_just_text(app_client: TestClient, world: World, store: Store, probe: str) -> None:
    before = _counts(store)
    headers = auth(world, "ben")
    search = app_client.get("/api/search", params={"q": probe}, headers=headers)
    assert search.status_code == 200 and search.json()["total"] == 0
    for url in ("/api/entities/{}", "/api/documents/{}", "/api/documents/{}/raw"):
        resp = app_client.get(url.format(probe), headers=headers)
        assert resp.status_code in (404, 422) and set(resp.json()) == {"type", "message"}
        assert "secret_hash" not in resp.text and "SELECT" not in resp.text
    screen = app_client.post("/api/screen", json={"queries": [{"name": probe}]}, headers=headers)
    assert screen.status_code == 200
    login = app_client.post("/api/login", data={"user": probe, "password": probe})
    assert login.status_code == 401
    assert _counts(store) == before


@pytest.mark.parametrize("probe", ["../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "/etc/passwd", "..\\..\\win.ini"])
def test_path_traversal_is_refused(app_client: TestClient, world: World, probe: str) -> None:
    headers = auth(world, "ana")
    for url in (f"/api/documents/{probe}/raw", f"/api/documents/{probe}", f"/static/docs/{probe}"):
        resp = app_client.get(url, headers=headers)
        assert resp.status_code in (404, 422), url
        assert "root:" not in resp.text
    job = app_client.post(
        "/api/jobs", json={"kind": "ingest", "collection": "customsfiles", "uploads": [probe]}, headers=headers
    )
    assert job.status_code == 400 and job.json()["type"] == "bad_input"


def test_upload_name_cannot_choose_where_it_lands(app_client: TestClient, world: World, settings: Settings) -> None:
    files = {"file": ("../../../escape.html", b"<p>Plain text.</p>", "text/html")}
    resp = app_client.post("/api/uploads", files=files, headers=auth(world, "ana"))
    assert resp.status_code == 200, resp.text
    folder = app_client.app.state.tracegraph.api.uploads(settings)  # type: ignore[attr-defined]
    stored = list(folder.rglob("*.html"))
    assert stored and all(folder in p.parents for p in stored)
    assert not (folder.parent / "escape.html").exists()


def test_oversize_and_malformed_bodies(settings: Settings, world: World, store: Store) -> None:
    from dataclasses import replace

    small = replace(TEST_LIMITS, max_json_bytes=2000, max_upload_bytes=5000, max_batch=3, max_query_chars=50)
    before = _counts(store)
    with TestClient(create_app(settings, small, mount_web=False), raise_server_exceptions=False) as client:
        headers = auth(world, "ana")
        big = client.post("/api/screen", json={"queries": [{"name": "x" * 3000}]}, headers=headers)
        assert big.status_code == 413 and big.json()["type"] == "too_large"
        many = client.post("/api/screen", json={"queries": [{"name": f"Name {i}"} for i in range(4)]}, headers=headers)
        assert many.status_code == 413
        long_q = client.get("/api/search", params={"q": "y" * 60}, headers=headers)
        assert long_q.status_code == 413
        upload = client.post("/api/uploads", files={"file": ("a.txt", b"z" * 6000, "text/plain")}, headers=headers)
        assert upload.status_code == 413
        for raw in (b"{not json", b"[]", b'{"queries": "nope"}', b"\xff\xfe"):
            bad = client.post("/api/screen", content=raw, headers={**headers, "content-type": "application/json"})
            assert bad.status_code == 400 and set(bad.json()) == {"type", "message"}
        bad_judgement = client.post(
            "/api/judgements", content=b'{"kind": "merge"', headers={**headers, "content-type": "application/json"}
        )
        assert bad_judgement.status_code == 422 and set(bad_judgement.json()) == {"type", "message"}
        wrong_kind = client.post(
            "/api/judgements", json={"kind": "delete", "ids": ["a"], "reason": "x"}, headers=headers
        )
        assert wrong_kind.status_code == 422
        assert "Traceback" not in wrong_kind.text
    assert _counts(store) == before


def test_expired_revoked_and_forged_tokens(app_client: TestClient, world: World, store: Store) -> None:
    token_id, token = accounts.create_token(store, "ana", ("read",), days=1)
    assert app_client.get("/api/session", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    accounts.revoke_token(store, token_id)
    revoked = app_client.get("/api/session", headers={"Authorization": f"Bearer {token}"})
    assert revoked.status_code == 401 and revoked.json() == {"type": "unauthorized", "message": "token revoked"}
    old_id, old = accounts.create_token(store, "ana", ("read",), days=1)
    with store.transaction():
        store.execute("UPDATE api_tokens SET expires_at = '2020-01-01T00:00:00' WHERE id = ?", (old_id,))
    expired = app_client.get("/api/session", headers={"Authorization": f"Bearer {old}"})
    assert expired.status_code == 401 and expired.json()["message"] == "token expired"
    forged = token[:-4] + "AAAA"
    assert app_client.get("/api/session", headers={"Authorization": f"Bearer {forged}"}).json()["message"] == (
        "invalid token"
    )
    for header in ("Bearer", "Basic abc", "Bearer not-a-token", f"Token {world.tokens['ana']}"):
        resp = app_client.get("/api/search", headers={"Authorization": header})
        assert resp.status_code == 401 and resp.headers["WWW-Authenticate"] == "Bearer"
    assert app_client.get("/api/search").status_code == 401
    rows = store.query("SELECT secret_hash FROM api_tokens")
    assert all(token.removeprefix(f"tg_{token_id}_") not in r[0] for r in rows)  # only hashes are kept


def test_scopes_limit_what_a_token_does(app_client: TestClient, world: World, store: Store) -> None:
    _, screen_only = accounts.create_token(store, "ana", ("screen",))
    headers = {"Authorization": f"Bearer {screen_only}"}
    assert app_client.get("/api/search?q=x", headers=headers).status_code == 403
    body = {"queries": [{"name": "Orlan Quillfeather"}]}
    assert app_client.post("/api/screen", json=body, headers=headers).status_code == 200
    assert app_client.get("/api/admin/audit", headers=auth(world, "ana")).status_code == 403


def test_session_login_needs_csrf_for_changes(app_client: TestClient, world: World) -> None:
    wrong = app_client.post("/api/login", data={"user": "ana", "password": "not-it-at-all"})
    assert wrong.status_code == 401 and wrong.json()["message"] == "wrong user name or password"
    unknown = app_client.post("/api/login", data={"user": "nobody", "password": "not-it-at-all"})
    assert unknown.json() == wrong.json()
    ok = app_client.post("/api/login", data={"user": "ana", "password": "ana-password-123"})
    assert ok.status_code == 200
    cookie = ok.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    csrf = ok.json()["csrf_token"]
    session = app_client.get("/api/session").json()
    assert session["user"]["name"] == "ana" and session["csrf_token"] == csrf
    body = {"kind": "distinct", "ids": [world.kestrel, world.quaymont], "reason": "not the same"}
    missing = app_client.post("/api/judgements", json=body)
    assert missing.status_code == 403 and "CSRF" in missing.json()["message"]
    forged = app_client.post("/api/judgements", json=body, headers={"X-CSRF-Token": "forged"})
    assert forged.status_code == 403
    done = app_client.post("/api/judgements", json=body, headers={"X-CSRF-Token": csrf})
    assert done.status_code == 200, done.text
    assert app_client.post("/api/logout", headers={"X-CSRF-Token": csrf}).status_code == 200
    assert app_client.get("/api/session").status_code == 401


def test_secure_cookie_flag_by_default(settings: Settings, world: World) -> None:
    from tracegraph.api.config import ApiSettings

    with TestClient(create_app(settings, ApiSettings(), mount_web=False)) as client:
        ok = client.post("/api/login", data={"user": "ana", "password": "ana-password-123"})
        assert "secure" in ok.headers["set-cookie"].lower()


def test_rate_limit_per_token(settings: Settings, world: World) -> None:
    from dataclasses import replace

    slow = replace(TEST_LIMITS, rate=0.01, burst=3)
    with TestClient(create_app(settings, slow, mount_web=False)) as client:
        codes = [client.get("/api/collections", headers=auth(world, "ana")).status_code for _ in range(5)]
        assert codes[:3] == [200, 200, 200] and codes[3:] == [429, 429]
        assert client.get("/api/collections", headers=auth(world, "ben")).status_code == 200  # another token


def test_internal_errors_show_no_trace(app_client: TestClient, world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    from tracegraph.api import views

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("/secret/path/db.sqlite: boom")

    monkeypatch.setattr(views, "search_page", broken)
    resp = app_client.get("/api/search?q=x", headers=auth(world, "ana"))
    assert resp.status_code == 500
    assert resp.json() == {"type": "internal_error", "message": "internal error; the server log has the details"}
