"""Match what changed since the last run against the rules; each match is an :class:`Alert`.

Changes are new statements (grouped by the entity or relation they describe
and by the document or record they come from), new judgements and new
documents. An entity rule fires on a new fact about anything within its hops,
or a new relation touching that neighbourhood; a name rule on a new name that
matches; a substance rule on a new listing or offer of it; a list rule on a
new entry of that list; a query rule on a new document containing its words.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from tracegraph.errors import NotFoundError
from tracegraph.graph import Graph
from tracegraph.graph.queries import brief, lookup
from tracegraph.match import compare_names, name_key
from tracegraph.store import Document, Statement
from tracegraph.vocab import is_a
from tracegraph.watch.alerts import Alert
from tracegraph.watch.config import Rule

NAME_PROPS = ("name", "alias", "previousName", "weakAlias")
#: relations a substance rule reads: offers of a product (``Listing``) and actions on it (``Action``), with
#: every schema that extends them
SUBSTANCE_RELATIONS = ("Listing", "Action")
#: the least name score (tracegraph.match.compare_names) for a name rule to fire
NAME_MIN = 0.9


@dataclass
class Changes:
    """What is new since the watermark."""

    statements: list[Statement] = field(default_factory=list)
    judgements: list[dict[str, Any]] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)


def _source_key(stmt: Statement) -> str:
    return stmt.document_id or stmt.record_id or stmt.dataset


def _groups(graph: Graph, statements: list[Statement]) -> dict[tuple[str, str], list[Statement]]:
    """(canonical subject, source) -> its new statements."""
    found: dict[tuple[str, str], list[Statement]] = defaultdict(list)
    for stmt in statements:
        found[(graph.resolve_id(stmt.entity_id), _source_key(stmt))].append(stmt)
    return found


def _evidence(graph: Graph, stmts: list[Statement]) -> list[dict[str, Any]]:
    return [ev.to_dict() for ev in graph.evidence_reader.evidence(stmts)]


def _relation_title(graph: Graph, relation_id: str) -> str:
    edges = graph.relations[relation_id]
    first = edges[0]
    return f"{brief(graph, first.source)['caption']} --{first.label}--> {brief(graph, first.target)['caption']}"


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


class Matcher:
    """Rules against one graph and one set of changes."""

    def __init__(self, graph: Graph, changes: Changes) -> None:
        self.graph = graph
        self.changes = changes
        self.groups = _groups(graph, changes.statements)
        self.problems: list[str] = []

    def alerts(self, rules: list[Rule]) -> Iterator[Alert]:
        for rule in rules:
            handler = getattr(self, f"_{rule.kind}")
            try:
                yield from handler(rule)
            except NotFoundError as exc:
                self.problems.append(f"rule {rule.describe()}: {exc}")

    def _groups_for(self, rule: Rule) -> Iterator[tuple[str, str, list[Statement]]]:
        for (subject, source), stmts in self.groups.items():
            kept = [s for s in stmts if not rule.datasets or s.dataset in rule.datasets]
            if kept:
                yield subject, source, kept

    def _alert(self, rule: Rule, title: str, subject: dict[str, Any], key: str, **details: Any) -> Alert:
        evidence = details.pop("evidence", [])
        return Alert(rule.id, rule.describe(), rule.kind, title, subject, key, details=details, evidence=evidence)

    def _entity(self, rule: Rule) -> Iterator[Alert]:
        target = lookup(self.graph, rule.value)
        near = {target: 0, **{node: hops for node, hops, _ in self.graph.neighbors(target, rule.hops)}}
        watched = brief(self.graph, target)
        for subject, source, stmts in self._groups_for(rule):
            if subject in self.graph.relations:
                edges = self.graph.relations[subject]
                touching = sorted({n for e in edges for n in (e.source, e.target) if n in near}, key=lambda n: near[n])
                if not touching:
                    continue
                title = f"new tie near {watched['caption']}: {_relation_title(self.graph, subject)}"
                yield self._alert(
                    rule, title, {"id": subject, "schema": edges[0].schema, "caption": edges[0].label}, source,
                    watched=watched, hops=near[touching[0]], evidence=_evidence(self.graph, stmts),
                )  # fmt: skip
            elif subject in near:
                props = sorted({s.prop for s in stmts})
                node = brief(self.graph, subject)
                where = "" if subject == target else f" ({near[subject]} hops from {watched['caption']})"
                yield self._alert(
                    rule, f"new facts about {node['caption']}{where}: {', '.join(props)}", node, source,
                    watched=watched, hops=near[subject], properties=props, evidence=_evidence(self.graph, stmts),
                )  # fmt: skip
        for judgement in self.changes.judgements:
            sides = [self.graph.resolve_id(judgement["left_id"]), self.graph.resolve_id(judgement["right_id"])]
            if any(side in near for side in sides):
                names = " / ".join(str(brief(self.graph, s)["caption"]) for s in sides)
                yield self._alert(
                    rule, f"new judgement near {watched['caption']}: {judgement['kind']} {names}",
                    brief(self.graph, sides[0]), judgement["id"], judgement=judgement,
                    evidence=[{"record_id": judgement["id"], "dataset": "judgements"}],
                )  # fmt: skip

    def _name(self, rule: Rule) -> Iterator[Alert]:
        wanted_key = name_key(rule.value)
        for subject, source, stmts in self._groups_for(rule):
            names = [s for s in stmts if s.prop in NAME_PROPS]
            hits = [s for s in names if self._same_name(rule.value, wanted_key, s.value)]
            if hits:
                node = brief(self.graph, subject)
                yield self._alert(
                    rule, f"name {rule.value!r} appears: {hits[0].value}", node, source,
                    matched=hits[0].value, evidence=_evidence(self.graph, hits),
                )  # fmt: skip

    @staticmethod
    def _same_name(wanted: str, wanted_key: str | None, value: str) -> bool:
        if wanted_key and name_key(value) == wanted_key:
            return True
        return compare_names(wanted, value).score >= NAME_MIN

    def _substance(self, rule: Rule) -> Iterator[Alert]:
        try:
            substance: str | None = lookup(self.graph, rule.value)
        except NotFoundError:
            substance = None  # not in the graph yet: match listings by product name or CAS number
        wanted = {_norm(rule.value)}
        for subject, source, stmts in self._groups_for(rule):
            edges = self.graph.relations.get(subject, [])
            if not edges or not any(is_a(edges[0].schema, kind) for kind in SUBSTANCE_RELATIONS):
                continue
            relation = self.graph.entities[subject]
            named = {_norm(v) for p in ("productName", "casNumber") for v in relation.get(p)}
            if not (substance and any(e.target == substance for e in edges)) and not (wanted & named):
                continue
            yield self._alert(
                rule, f"new offer of {rule.value}: {_relation_title(self.graph, subject)}",
                {"id": subject, "schema": relation.schema, "caption": edges[0].label}, source,
                seller=brief(self.graph, edges[0].source), destination=relation.get("destination"),
                controlled_in=relation.get("controlledIn"), evidence=_evidence(self.graph, stmts),
            )  # fmt: skip

    def _list(self, rule: Rule) -> Iterator[Alert]:
        for subject, source, stmts in self._groups_for(rule):
            listed = [s for s in stmts if s.dataset == rule.value]
            if not listed or subject in self.graph.relations:
                continue
            node = brief(self.graph, subject)
            yield self._alert(
                rule, f"new on {rule.value}: {node['caption']}", node, source,
                properties=sorted({s.prop for s in listed}), evidence=_evidence(self.graph, listed),
            )  # fmt: skip

    def _query(self, rule: Rule) -> Iterator[Alert]:
        words = _norm(rule.value).split()
        for doc in self.changes.documents:
            text = _norm(doc.text)
            if not words or not all(re.search(rf"\b{re.escape(w)}\b", text) for w in words):
                continue
            at = doc.text.lower().find(words[0])
            sentence = self.graph.evidence_reader.sentence_at(doc, max(at, 0), max(at, 0) + len(words[0]))
            evidence = {"document_id": doc.id, "title": doc.title, "published": doc.published, "url": doc.url,
                        "sentence": sentence}  # fmt: skip
            yield self._alert(
                rule, f"{rule.value!r} in a new document: {doc.title or doc.id}",
                {"id": doc.id, "schema": "Document", "caption": doc.title or doc.id}, doc.id,
                evidence=[{k: v for k, v in evidence.items() if v}],
            )  # fmt: skip
