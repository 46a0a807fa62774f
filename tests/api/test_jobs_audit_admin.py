"""Jobs run in the background with progress; the audit log records who did what; the admin command manages it."""

from __future__ import annotations

import json
import time

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from tests.api.conftest import auth
from tests.api.world import World
from tracegraph.api import audit
from tracegraph.api.state import ServerState
from tracegraph.cli import cli
from tracegraph.settings import Settings
from tracegraph.store import Store

STORY = b"""<html><head><title>Harbour seizure</title></head><body><article><h1>Harbour seizure</h1>
<p>Officers seized drums at the harbour of Velmora on 3 March 2025. The shipment was addressed to
Corvane Solvents Ltd, a trading company registered in Velmora.</p></article></body></html>"""


def _wait(client: TestClient, job_id: str, headers: dict[str, str]) -> dict[str, object]:
    for _ in range(600):
        data: dict[str, object] = client.get(f"/api/jobs/{job_id}", headers=headers).json()
        if data["status"] in ("done", "failed"):
            return data
        time.sleep(0.05)
    raise AssertionError("job did not finish")


def test_ingest_job_reads_an_upload_into_a_collection(app_client: TestClient, world: World, store: Store) -> None:
    headers = auth(world, "ana")
    up = app_client.post("/api/uploads", files={"file": ("story.html", STORY, "text/html")}, headers=headers).json()
    job = app_client.post(
        "/api/jobs", json={"kind": "ingest", "collection": "customsfiles", "uploads": [up["id"]]}, headers=headers
    )
    assert job.status_code == 200, job.text
    state = _wait(app_client, job.json()["id"], headers)
    assert state["status"] == "done" and state["progress"] == 1.0, state
    docs = app_client.get("/api/documents?q=Harbour", headers=headers).json()
    assert docs["total"] == 1
    assert app_client.get("/api/documents?q=Harbour", headers=auth(world, "cai")).json()["total"] == 0
    other = app_client.get(f"/api/jobs/{job.json()['id']}", headers=auth(world, "ben"))
    assert other.status_code == 404


def test_lists_load_job_and_a_failed_job(app_client: TestClient, world: World) -> None:
    headers = auth(world, "cai")
    bad = app_client.post("/api/uploads", files={"file": ("x.csv", b"not,a,list\n", "text/csv")}, headers=headers)
    job = app_client.post(
        "/api/jobs",
        json={"kind": "lists_load", "collection": "policeintel", "uploads": [bad.json()["id"]]},
        headers=headers,
    ).json()
    state = _wait(app_client, job["id"], headers)
    assert state["status"] in ("done", "failed") and state["message"]
    assert "Traceback" not in json.dumps(state)


def test_audit_log_records_reads_writes_and_screens(app_client: TestClient, world: World, store: Store) -> None:
    app_client.get(f"/api/entities/{world.kestrel}", headers=auth(world, "ana"))
    app_client.post("/api/screen", json={"queries": [{"name": "Orlan Quillfeather"}]}, headers=auth(world, "ben"))
    app_client.get(f"/api/export?format=ftm&ids={world.kestrel}", headers=auth(world, "ana"))
    app_client.post(
        "/api/judgements",
        json={"kind": "distinct", "ids": [world.kestrel, world.quaymont], "reason": "different"},
        headers=auth(world, "ana"),
    )
    rows = app_client.get("/api/admin/audit?format=json", headers=auth(world, "root")).json()["results"]
    seen = {(r["user_name"], r["action"]) for r in rows}
    assert {("ana", "read"), ("ben", "screen"), ("ana", "export"), ("ana", "distinct")} <= seen
    assert all(r["at"] and r["hash"] for r in rows)
    only_ana = app_client.get("/api/admin/audit?user=ana&action=export", headers=auth(world, "root")).json()
    assert [r["action"] for r in only_ana["results"]] == ["export"]
    as_csv = app_client.get("/api/admin/audit?format=csv", headers=auth(world, "root"))
    assert as_csv.text.splitlines()[0].startswith("id,seq,at,user_id")
    assert app_client.get("/api/admin/audit/verify", headers=auth(world, "root")).json() == {
        "whole": True,
        "broken_at": None,
    }
    with store.transaction():  # tampering with a row breaks the chain where it happened
        store.execute("UPDATE audit_log SET target = 'nothing' WHERE seq = 2")
    assert audit.verify(store) == (False, 2)


def test_first_start_creates_the_admin(settings: Settings) -> None:
    runner = CliRunner()
    first = runner.invoke(cli, ["--db", settings.db, "admin", "init"])
    assert first.exit_code == 0 and "tg_" in first.output
    again = runner.invoke(cli, ["--db", settings.db, "admin", "init"])
    assert "nothing done" in again.output


def test_admin_command_manages_agencies_users_tokens_grants(settings: Settings, world: World) -> None:
    runner = CliRunner()
    db = ["--db", settings.db]
    assert runner.invoke(cli, [*db, "admin", "agency", "delta"]).exit_code == 0
    assert runner.invoke(cli, [*db, "admin", "user", "dee", "--agency", "delta"]).exit_code == 0
    made = runner.invoke(cli, [*db, "--json", "admin", "token", "dee", "--scope", "read", "--days", "5"])
    token = json.loads(made.output)
    assert token["token"].startswith("tg_")
    assert runner.invoke(cli, [*db, "admin", "collection", "deltacase", "--marking", "tlp:green"]).exit_code == 0
    assert runner.invoke(cli, [*db, "admin", "grant", "openrec", "read", "--agency", "delta"]).exit_code == 0
    listed = runner.invoke(cli, [*db, "admin", "list", "collections"])
    assert "deltacase" in listed.output and "TLP:GREEN" in listed.output
    pw = runner.invoke(cli, [*db, "admin", "password", "dee"], input="a-long-password\n")
    assert pw.exit_code == 0
    assert runner.invoke(cli, [*db, "admin", "revoke", token["id"]]).exit_code == 0
    tokens = runner.invoke(cli, [*db, "--json", "admin", "list", "tokens"]).output
    assert token["token"].removeprefix(f"tg_{token['id']}_") not in tokens
    bad = runner.invoke(cli, [*db, "admin", "grant", "nope", "write", "--agency", "delta"])
    assert bad.exit_code != 0


def test_docs_are_served_offline(app_client: TestClient) -> None:
    page = app_client.get("/docs")
    assert page.status_code == 200
    assert "http" not in page.text.replace("http-equiv", "")  # every asset from this server
    assert app_client.get("/static/docs/swagger-ui-bundle.js").status_code == 200
    assert app_client.get("/static/docs/swagger-ui.css").status_code == 200
    spec = app_client.get("/openapi.json").json()
    assert "/api/entities/{entity_id}" in spec["paths"] and "/match/{dataset}" in spec["paths"]


def test_errors_are_one_json_shape(app_client: TestClient, world: World) -> None:
    for resp in (
        app_client.get("/api/nothing-here", headers=auth(world, "ana")),
        app_client.get("/api/entities/x", headers=auth(world, "ana")),
        app_client.get("/api/paths?source=a", headers=auth(world, "ana")),
        app_client.delete("/api/search", headers=auth(world, "ana")),
        app_client.get("/api/substances?q=not-a-substance-at-all", headers=auth(world, "ana")),
    ):
        assert resp.status_code >= 400
        assert set(resp.json()) == {"type", "message"}, resp.text


def test_state_is_reachable(app_client: TestClient) -> None:
    assert isinstance(app_client.app.state.tracegraph, ServerState)  # type: ignore[attr-defined]


def test_partner_import_keeps_provenance_and_never_lowers_a_marking(
    app_client: TestClient, world: World, store: Store
) -> None:
    shared = app_client.get(f"/api/export?format=ftm&ids={world.quaymont}", headers=auth(world, "ana"))
    assert shared.headers["X-Tracegraph-Marking"] == "TLP:AMBER"
    cai = auth(world, "cai")
    up = app_client.post("/api/uploads", files={"file": ("tracegraph-export.ftm.json", shared.content)}, headers=cai)
    job = app_client.post(
        "/api/jobs", json={"kind": "ingest", "collection": "policeintel", "uploads": [up.json()["id"]]}, headers=cai
    ).json()
    state = _wait(app_client, job["id"], cai)
    assert state["status"] == "done", state
    imported = state["result"]["imported"][0]  # type: ignore[index]
    assert imported == {"exported_by": ["alpha"], "collections": ["customsfiles"], "marking": "TLP:AMBER"}
    page = app_client.get(f"/api/entities/{world.quaymont}", headers=cai).json()
    assert page["datasets"] == ["policeintel"]
    records = {s.record_id for s in store.statements(entity_ids=[world.quaymont]) if s.dataset == "policeintel"}
    assert records == {f"policeintel:{world.quaymont}"}

    secret = app_client.get(f"/api/export?format=ftm&ids={world.drosk}", headers=cai)
    assert secret.headers["X-Tracegraph-Marking"] == "TLP:RED"
    ana = auth(world, "ana")
    up = app_client.post("/api/uploads", files={"file": ("from-police.ftm.json", secret.content)}, headers=ana)
    job = app_client.post(
        "/api/jobs", json={"kind": "ingest", "collection": "customsfiles", "uploads": [up.json()["id"]]}, headers=ana
    ).json()
    state = _wait(app_client, job["id"], ana)
    assert state["status"] == "failed" and "TLP:RED" in str(state["message"])
    assert app_client.get(f"/api/entities/{world.drosk}", headers=ana).status_code == 404


@pytest.mark.slow
def test_build_job_reads_only_its_collections_documents(app_client: TestClient, world: World, store: Store) -> None:
    headers = auth(world, "ana")
    up = app_client.post("/api/uploads", files={"file": ("story.html", STORY, "text/html")}, headers=headers).json()
    job = app_client.post(
        "/api/jobs", json={"kind": "ingest", "collection": "customsfiles", "uploads": [up["id"]]}, headers=headers
    ).json()
    assert _wait(app_client, job["id"], headers)["status"] == "done"
    build = app_client.post("/api/jobs", json={"kind": "build", "collection": "customsfiles"}, headers=headers)
    state = _wait(app_client, build.json()["id"], headers)
    assert state["status"] == "done", state
    rows = store.query(
        "SELECT COUNT(*) FROM statements WHERE dataset = 'customsfiles' AND document_id IN (?, ?)",
        (world.doc_police, world.doc_open),
    )
    assert rows[0][0] == 0  # the police and open stories were not extracted into the customs collection
    found = app_client.get("/api/search?q=Corvane Solvents", headers=headers).json()
    assert found["total"] >= 1
    assert app_client.get("/api/search?q=Corvane Solvents", headers=auth(world, "cai")).json()["total"] == 0
