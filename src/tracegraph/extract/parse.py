"""Small helpers over a spaCy dependency parse: who is the subject, object, agent of a word,
and which mentions a noun phrase stands for (following conjunctions, appositions and
"a company called X")."""

from __future__ import annotations

from typing import Any

from tracegraph.extract.mentions import Analysis, Mention

SUBJ = ("nsubj", "nsubjpass", "csubj")
OBJ = ("dobj", "attr", "oprd", "dative", "obj")
TITLES = frozenset({"minister", "director", "president", "secretary", "chairman", "head", "chief", "ambassador"})


class Sentence:
    """One sentence with a token -> mention map."""

    def __init__(self, analysis: Analysis, span: Any) -> None:
        self.analysis = analysis
        self.span = span
        self.mentions = analysis.in_span(span.start_char, span.end_char)
        self._by_token: dict[int, Mention] = {}
        self._groups: dict[int, list[Mention]] = {}
        for tok in span:
            for m in self.mentions:
                if m.start <= tok.idx < m.end:
                    if tok.i not in self._by_token:
                        self._by_token[tok.i] = m
                        if m.source != "group":
                            break
                    elif m.source == "group":
                        self._groups.setdefault(tok.i, [self._by_token[tok.i]]).append(m)

    def at(self, tok: Any) -> Mention | None:
        return self._by_token.get(tok.i)

    def every(self, tok: Any) -> list[Mention]:
        """All mentions a token stands for: one, or each member of a group ("the defendants")."""
        if tok.i in self._groups:
            return self._groups[tok.i]
        m = self._by_token.get(tok.i)
        return [m] if m is not None else []

    def of(self, tok: Any, kinds: tuple[str, ...] = ("actor", "gov")) -> list[Mention]:
        """Mentions a noun phrase headed by ``tok`` stands for."""
        out: list[Mention] = []
        seen: set[int] = set()

        def visit(t: Any, depth: int) -> None:
            if t.i in seen or depth > 4:
                return
            seen.add(t.i)
            m = self.at(t)
            if m is None:
                # "the chemical company called Yafeng", "X, a firm", compound heads
                for child in t.children:
                    if child.dep_ == "acl" and child.lower_ in ("called", "named", "known"):
                        for grand in child.children:
                            if grand.dep_ in ("oprd", "dobj", "attr", "xcomp") or grand.dep_ == "prep":
                                visit(grand if grand.dep_ != "prep" else next(grand.children, grand), depth + 1)
                    elif child.dep_ in ("appos", "compound"):
                        visit(child, depth + 1)
                    elif child.dep_ in ("amod", "compound") and (n := self.at(child)) is not None and n.kind == "norp":
                        if n.kind in kinds and n not in out:
                            out.append(n)  # "Chinese officials"
                    elif child.dep_ == "prep" and child.lower_ == "of" and t.lower_ in TITLES:
                        for grand in child.children:  # "Minister of Public Security Wang Xiaohong"
                            if (n := self.at(grand)) is not None and n.schema == "Person":
                                visit(grand, depth + 1)
                if t.dep_ == "attr" and (subj := subject(t.head)) is not None:
                    visit(subj, depth + 1)  # "X is a company owned by Y"
            elif m.kind in kinds and m not in out:
                out.append(m)
            for child in t.children:
                if child.dep_ == "conj":
                    visit(child, depth + 1)

        visit(tok, 0)
        return out

    def in_subtree(self, tok: Any, kinds: tuple[str, ...]) -> list[Mention]:
        """Mentions anywhere under ``tok``, skipping ones that only modify another noun."""
        out: list[Mention] = []
        for t in tok.subtree:
            m = self.at(t)
            if m is None or m.kind not in kinds or m in out:
                continue
            if t.dep_ in ("compound", "amod", "nmod") and self.at(t.head) is not m:
                continue
            out.append(m)
        return out


def children(tok: Any, deps: tuple[str, ...]) -> list[Any]:
    return [c for c in tok.children if c.dep_ in deps]


def subject(tok: Any) -> Any | None:
    """The subject of a verb, climbing through conjunctions, xcomp and relative clauses."""
    t = tok
    for _ in range(4):
        found = children(t, ("nsubj", "csubj"))
        if found and not (t.dep_ == "relcl" and found[0].lower_ in ("who", "which", "that")):
            return found[0]
        if t.dep_ == "relcl":
            return t.head
        if t.dep_ in ("conj", "xcomp", "advcl", "ccomp", "acl") and t.head is not t:
            t = t.head
            continue
        break
    return None


def passive(tok: Any) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children) or tok.dep_ == "acl"


def agent(tok: Any) -> Any | None:
    for c in tok.children:
        if c.dep_ == "agent":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    return None


def objects(tok: Any) -> list[Any]:
    return children(tok, OBJ)


def preps(tok: Any, words: tuple[str, ...] = ()) -> list[Any]:
    """Objects of prepositions under ``tok`` (``words`` limits which prepositions)."""
    out: list[Any] = []
    for c in tok.children:
        if c.dep_ == "prep" and (not words or c.lower_ in words):
            out.extend(g for g in c.children if g.dep_ == "pobj")
    return out


def nearest(items: list[Any], pos: int) -> Any | None:
    return min(items, key=lambda x: abs(x.start - pos)) if items else None
