"""The watch loop end to end: folders, feeds, rules, de-duplication, sinks that fail and recover."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.watch.conftest import Server, no_build
from tracegraph.cli import cli
from tracegraph.settings import Settings
from tracegraph.store import Statement, Store
from tracegraph.watch import Backoff, Rule, Sink, Source, Watcher

SANCTION = {
    "id": "nw-sanction-greyfield",
    "schema": "Sanction",
    "properties": {"entity": ["fl-greyfield"], "authority": ["US Treasury"], "startDate": ["2025-01-15"]},
}
FEED = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Lantern Desk</title>
<item><guid>lantern-1</guid><title>Seller offers piperidone</title><link>https://news.example/1</link>
<pubDate>Mon, 06 Jan 2025 10:00:00 GMT</pubDate>
<description>&lt;p&gt;A new seller site offered 4-piperidone to buyers in Mexico.&lt;/p&gt;</description></item>
</channel></rss>"""


def _write(path: Path, *records: dict[str, object]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def test_new_file_in_folder_alerts_once_with_evidence(watcher: Watcher, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    watcher.add(Rule("entity", "Tallwater Biotech", hops=2))
    watcher.add(Source("folder", str(inbox)))
    out = tmp_path / "alerts.jsonl"
    watcher.add(Sink("jsonl", str(out)))
    first = watcher.run()  # the filings already in the store are new to the watcher
    assert first.alerts > 0 and not first.problems
    _write(inbox / "sanctions_update.jsonl", SANCTION)
    second = watcher.run()
    assert [a["title"] for a in second.raised] == [
        "new tie near Tallwater Biotech Co., Ltd.: "
        "sanctions (Sanction) by US Treasury --sanctions--> Greyfield Holdings Ltd."
    ]
    alert = second.raised[0]
    assert alert["evidence"][0]["record_id"] == "sanctions_update:nw-sanction-greyfield"
    assert alert["details"]["hops"] == 1
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [a["id"] for a in lines].count(alert["id"]) == 1
    # nothing new: nothing raised; a replay of everything raises nothing twice
    assert watcher.run().alerts == 0
    replay = watcher.run(since="2000-01-01T00:00:00")
    assert replay.alerts == 0 and replay.duplicates == first.alerts + second.alerts
    assert len(out.read_text(encoding="utf-8").splitlines()) == first.alerts + second.alerts


def test_new_list_version_alerts_on_new_entries_only(watcher: Watcher, tmp_path: Path) -> None:
    inbox = tmp_path / "lists"
    first_entry = {"id": "wl-1", "schema": "Company", "properties": {"name": ["Pinecrest Reagents Ltd."]}}
    second_entry = {"id": "wl-2", "schema": "Person", "properties": {"name": ["Oskar Lindqvist"]}}
    _write(inbox / "border_watchlist.jsonl", first_entry)
    watcher.add(Rule("list", "border_watchlist"))
    watcher.add(Source("folder", str(inbox)))
    assert [a["subject"]["caption"] for a in watcher.run().raised] == ["Pinecrest Reagents Ltd."]
    _write(inbox / "border_watchlist.jsonl", first_entry, second_entry)  # the list's next version
    assert [a["title"] for a in watcher.run().raised] == ["new on border_watchlist: Oskar Lindqvist"]


def test_name_rule_and_judgement_near_entity(watcher: Watcher, wstore: Store, tmp_path: Path) -> None:
    watcher.add(Rule("name", "Liang Wenbo"))
    watcher.add(Rule("entity", "Redmoor Fine Chemical", hops=1, datasets=("judgements",)))
    first = watcher.run()
    assert any(a["title"] == "name 'Liang Wenbo' appears: Liang Wenbo" for a in first.raised)
    wstore.add_judgement("jd-test", "fl-redmoor", "fl-tallwater", "succession", "same director", "tester")
    titles = [a["title"] for a in watcher.run().raised]
    assert titles == [
        "new judgement near Redmoor Fine Chemical Co., Ltd.: succession "
        "Redmoor Fine Chemical Co., Ltd. / Tallwater Biotech Co., Ltd."
    ]


def test_substance_rule_on_a_new_listing(watcher: Watcher, wstore: Store) -> None:
    watcher.add(Rule("substance", "4-piperidone"))
    watcher.run()
    facts = [
        Statement("sub-pip", "Substance", "name", "4-piperidone", record_id="shop:1", dataset="shop"),
        Statement("rel-offer", "Listing", "seller", "fl-tallwater", record_id="shop:1", dataset="shop"),
        Statement("rel-offer", "Listing", "product", "sub-pip", record_id="shop:1", dataset="shop"),
        Statement("rel-offer", "Listing", "destination", "mx", record_id="shop:1", dataset="shop"),
    ]
    with wstore.transaction():
        wstore.add_statements(facts)
    raised = watcher.run().raised
    assert [a["details"]["seller"]["caption"] for a in raised] == ["Tallwater Biotech Co., Ltd."]
    assert raised[0]["details"]["destination"] == ["mx"]


def test_feed_with_conditional_get_and_query_rule(watcher: Watcher, server: Server) -> None:
    server.body = FEED.encode()
    server.headers = {"ETag": '"v1"', "Content-Type": "application/rss+xml"}
    watcher.add(Source("feed", server.url + "/feed.xml"))
    watcher.add(Rule("query", "4-piperidone Mexico"))
    first = watcher.run()
    assert first.new_files == 1
    assert [a["title"] for a in first.raised] == ["'4-piperidone Mexico' in a new document: Seller offers piperidone"]
    assert "4-piperidone" in first.raised[0]["evidence"][0]["sentence"]
    second = watcher.run()
    assert server.requests[-1]["headers"].get("If-None-Match") == '"v1"'  # a conditional GET, answered 304
    assert second.new_files == 0 and second.alerts == 0


def test_feed_file_and_bad_feed_are_reported(watcher: Watcher, tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_text(FEED, encoding="utf-8")
    broken = tmp_path / "broken.xml"
    broken.write_text("<html><body>not a feed</body>", encoding="utf-8")
    watcher.add(Source("feed", str(feed)))
    watcher.add(Source("feed", str(broken)))
    report = watcher.run()
    assert report.new_files == 1
    assert any("broken.xml" in p and "not" in p for p in report.problems)
    assert watcher.run().new_files == 0  # the same file again


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_unreachable_feed_is_retried_with_backoff_and_reported(watcher: Watcher, sleeps: list[float]) -> None:
    watcher.add(Source("feed", f"http://127.0.0.1:{_closed_port()}/feed.xml"))
    watcher.add(Rule("name", "Liang Wenbo"))
    report = watcher.run()  # no exception
    assert any("unreachable after 3 tries" in p for p in report.problems)
    assert sleeps[:2] == [0.01, 0.02]
    assert report.alerts == 1  # the rest of the run went on


def test_webhook_down_then_up_loses_no_alert(watcher: Watcher, server: Server, sleeps: list[float]) -> None:
    watcher.add(Rule("entity", "Tallwater Biotech", hops=1))
    watcher.add(Sink("webhook", server.url + "/hook"))
    server.failures_left = 100  # down for the whole first run
    first = watcher.run()
    assert first.alerts > 0
    assert first.pending[server.url + "/hook"] == first.alerts
    assert any("kept for the next run" in p for p in first.problems)
    server.failures_left = 0
    second = watcher.run()
    assert second.alerts == 0 and second.delivered[server.url + "/hook"] == first.alerts
    received = [json.loads(r["body"])["id"] for r in server.requests if r["method"] == "POST"]
    assert sorted(received) == sorted(a["id"] for a in first.raised)  # each exactly once
    assert watcher.run().delivered == {}


def test_email_through_a_local_smtp_server(watcher: Watcher) -> None:
    controller_mod = pytest.importorskip("aiosmtpd.controller")
    messages: list[bytes] = []

    class Collect:
        async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
            messages.append(envelope.content)  # type: ignore[attr-defined]
            return "250 OK"

    port = _closed_port()
    controller = controller_mod.Controller(Collect(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        watcher.add(Rule("name", "Liang Wenbo"))
        watcher.add(Sink("email", f"127.0.0.1:{port}", {"to": "desk@news.example", "from": "watch@news.example"}))
        report = watcher.run()
    finally:
        controller.stop()
    assert report.delivered == {f"127.0.0.1:{port}": 1}
    text = messages[0].decode()
    assert "Subject: tracegraph: 1 new alert" in text and "Liang Wenbo" in text


def test_serve_runs_on_schedule_and_outlives_a_failing_pass(wstore: Store, wsettings: Settings, tmp_path: Path) -> None:
    calls: list[int] = []

    def flaky(store: Store, settings: Settings) -> None:
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("extractor crashed")
        no_build(store, settings)

    inbox = tmp_path / "inbox"
    _write(inbox / "a.jsonl", SANCTION)
    watcher = Watcher(wstore, wsettings, build=flaky, backoff=Backoff(1, 0.0))
    watcher.add(Source("folder", str(inbox)))
    watcher.add(Rule("entity", "Greyfield Holdings", hops=0))
    reports = []
    assert watcher.serve(0.01, max_runs=3, on_report=reports.append) == 3
    assert "RuntimeError: extractor crashed" in reports[0].problems[0]
    assert sum(r.alerts for r in reports) >= 1


def test_cli_add_run_alerts(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.sqlite")
    inbox = tmp_path / "inbox"
    _write(
        inbox / "filings.jsonl", {"id": "c1", "schema": "Company", "properties": {"name": ["Ashgrove Chemicals Ltd."]}}
    )
    runner = CliRunner()

    def run(*args: str) -> str:
        result = runner.invoke(cli, ["--db", db, *args], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.output

    assert "added: name 'Ashgrove Chemicals'" in run("watch", "add", "--name", "Ashgrove Chemicals")
    run("watch", "add", "--folder", str(inbox), "--jsonl", str(tmp_path / "out.jsonl"))
    assert "already there" in run("watch", "add", "--name", "Ashgrove Chemicals")
    report = json.loads(run("--json", "watch", "run"))
    assert report["alerts"] == 1 and report["delivered"] == {str(tmp_path / "out.jsonl"): 1}
    assert "Ashgrove Chemicals Ltd." in run("watch", "alerts")
    assert "rules:" in run("watch", "list")
    assert Path(db + ".watch", "watch.json").exists()


@pytest.mark.slow
def test_new_story_is_extracted_and_alerts_on_the_watched_company(
    wstore: Store, wsettings: Settings, tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    watcher = Watcher(wstore, wsettings, backoff=Backoff(1, 0.0))  # the real build: extraction and resolution
    watcher.add(Rule("entity", "Tallwater Biotech", hops=1))
    watcher.add(Source("folder", str(inbox)))
    watcher.run()
    (inbox / "story.txt").write_text(
        "Seller back online\n\nPublished: January 8, 2025\n\n"
        "Tallwater Biotech Co., Ltd. offered 4-piperidone to buyers in Mexico on its new website, "
        "investigators said.\n",
        encoding="utf-8",
    )
    raised = watcher.run().raised
    assert raised, "no alert for the new story"
    assert any("Tallwater Biotech" in a["title"] for a in raised)
    assert all(a["evidence"] for a in raised)
    assert any("4-piperidone" in (e.get("sentence") or "") for a in raised for e in a["evidence"])
