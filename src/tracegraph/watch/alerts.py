"""Alerts: what matched which rule, with the evidence; one id per (rule, subject, source), so never twice."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tracegraph.ids import make_id


@dataclass
class Alert:
    rule_id: str
    rule: str
    kind: str
    title: str
    subject: dict[str, Any]
    key: str
    raised_at: str = ""
    details: dict[str, Any] = field(default_factory=dict)
    evidence: list[dict[str, Any]] = field(default_factory=list)

    @property
    def id(self) -> str:
        return make_id("alert", self.rule_id, self.subject.get("id", ""), self.key)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "rule_id": self.rule_id,
            "rule": self.rule,
            "kind": self.kind,
            "title": self.title,
            "subject": self.subject,
            "raised_at": self.raised_at,
            "details": self.details,
            "evidence": self.evidence,
        }
