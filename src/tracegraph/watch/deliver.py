"""Send alerts to a sink: append to a JSON-lines file, POST to a webhook, or e-mail through SMTP.

Each sink keeps an outbox of alert ids in the state; an alert leaves it only
when the sink took it. A sink that is down is retried with backoff, reported,
and tried again on the next run: nothing is lost, nothing crashes the watcher.
"""

from __future__ import annotations

import json
import smtplib
import urllib.error
import urllib.request
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from tracegraph.settings import Settings
from tracegraph.watch.config import Sink
from tracegraph.watch.retry import Backoff, retry

TIMEOUT = 10.0


def _jsonl(sink: Sink, alerts: list[dict[str, Any]]) -> None:
    path = Path(sink.target)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as handle:
        for alert in alerts:
            handle.write(json.dumps(alert, ensure_ascii=False) + "\n")


def _webhook(sink: Sink, alert: dict[str, Any]) -> None:
    body = json.dumps(alert, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(
        sink.target,
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", "X-Tracegraph-Alert": alert["id"]},
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            response.read()
    except urllib.error.HTTPError as exc:
        raise OSError(f"HTTP {exc.code} from the webhook") from exc


def _render(alert: dict[str, Any]) -> str:
    lines = [alert["title"], f"rule: {alert['rule']}", f"id: {alert['id']}"]
    for ev in alert.get("evidence", [])[:3]:
        quote = f'  "{ev["sentence"]}"' if ev.get("sentence") else ""
        where = ev.get("title") or ev.get("record_id") or ev.get("document_id") or ""
        lines.append(f"{quote}\n  ({where})" if quote else f"  ({where})")
    return "\n".join(lines)


def _email(sink: Sink, alerts: list[dict[str, Any]], settings: Settings) -> None:
    host, _, port = sink.target.partition(":")
    message = EmailMessage()
    message["Subject"] = f"tracegraph: {len(alerts)} new alert{'s' if len(alerts) != 1 else ''}"
    message["From"] = sink.options.get("from", "tracegraph@localhost")
    message["To"] = sink.options["to"]
    message.set_content("\n\n".join(_render(a) for a in alerts))
    message.add_attachment(
        "\n".join(json.dumps(a, ensure_ascii=False) for a in alerts).encode("utf-8"),
        maintype="application", subtype="x-ndjson", filename="alerts.jsonl",
    )  # fmt: skip
    with smtplib.SMTP(host, int(port or 25), timeout=TIMEOUT) as smtp:
        if sink.options.get("starttls") == "yes":
            smtp.starttls()
        user, password = settings.extra.get("smtp_user"), settings.extra.get("smtp_password")
        if user and password:
            smtp.login(user, password)
        smtp.send_message(message)


def deliver(
    sink: Sink, alerts: list[dict[str, Any]], settings: Settings, backoff: Backoff, sleep: Any = None
) -> tuple[list[str], list[str]]:
    """Deliver ``alerts`` to ``sink``; returns the ids delivered and the errors met."""
    delivered: list[str] = []
    errors: list[str] = []
    kwargs: dict[str, Any] = {"sleep": sleep} if sleep is not None else {}
    retry_on = (OSError, smtplib.SMTPException)
    if sink.kind == "webhook":
        for alert in alerts:
            _, errs = retry(lambda a=alert: _webhook(sink, a), backoff, retry_on, **kwargs)  # type: ignore[misc]
            errors.extend(errs)
            if errs and len(errs) == backoff.attempts:
                break  # the hook is down: keep the rest for the next run
            delivered.append(alert["id"])
        return delivered, errors
    if not alerts:
        return [], []
    if sink.kind == "jsonl":
        _, errs = retry(lambda: _jsonl(sink, alerts), backoff, retry_on, **kwargs)
    else:
        _, errs = retry(lambda: _email(sink, alerts, settings), backoff, retry_on, **kwargs)
    if len(errs) < backoff.attempts:
        delivered = [a["id"] for a in alerts]
    return delivered, errs
