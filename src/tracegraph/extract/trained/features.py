"""Features of one ordered pair of actor mentions in a sentence, for ``rel.pairs.v1``.

The same function serves training (``scripts/train_relations.py``) and the step, so what the
model learnt is what it sees. Each feature is a short string; the model holds a weight per class
for the strings it kept. Our pipeline runs without spaCy's lemmatizer and tagger, so words are
cut to a crude stem (``owned``, ``owns`` -> ``own``) and the parse gives only dependency labels.
"""

from __future__ import annotations

from typing import Any

from tracegraph.extract.mentions import Mention

#: a sentence with more actor mentions than this is a list or a flattened table: only the first
#: ones are paired (the work per sentence stays bounded)
MAX_MENTIONS = 24
#: pairs further apart than this many tokens are not candidates
MAX_DISTANCE = 40
MAX_PATH = 8


def stem(word: str) -> str:
    """A crude English stem: lower case, common inflections cut (no lemmatizer in our pipeline)."""
    w = word.lower()
    if len(w) > 5 and w.endswith("ies"):
        return w[:-3] + "y"
    for suffix in ("ing", "ed", "es", "s"):
        if len(w) > len(suffix) + 3 and w.endswith(suffix) and not w.endswith("ss"):
            return w[: -len(suffix)]
    return w


def coarse_type(m: Mention) -> str:
    """PER, ORG, PUB (a public body) or GOV (a country or city acting)."""
    if m.kind == "gov":
        return "GOV"
    if m.schema == "Person":
        return "PER"
    if m.schema == "PublicBody":
        return "PUB"
    return "ORG"


def head(doc: Any, m: Mention) -> Any | None:
    """The syntactic head of the mention's span (the token whose head lies outside it)."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.root


def _ancestors(tok: Any) -> list[Any]:
    out = [tok]
    while out[-1].head.i != out[-1].i and len(out) < 40:
        out.append(out[-1].head)
    return out


def path(a: Any, b: Any) -> tuple[list[str], Any | None]:
    """Dependency path from token ``a`` up to the lowest common ancestor and down to ``b``:
    ``["<nsubj", "own", ">dobj"]``; empty with ``None`` when there is none (another sentence)."""
    up_a, up_b = _ancestors(a), _ancestors(b)
    index_b = {t.i: k for k, t in enumerate(up_b)}
    for k, t in enumerate(up_a):
        if t.i in index_b:
            lca, j = t, index_b[t.i]
            left = []
            for x in up_a[:k]:
                left.append(f"<{x.dep_}")
                if x.head.i != lca.i:
                    left.append(stem(x.head.text))
            right = []
            for x in reversed(up_b[:j]):
                if x.head.i != lca.i:
                    right.append(stem(x.head.text))
                right.append(f">{x.dep_}")
            middle = [] if lca.i in (a.i, b.i) else [stem(lca.text)]
            return left + middle + right, lca
    return [], None


def _bucket(n: int) -> str:
    for limit in (0, 1, 2, 4, 7, 12, 20):
        if n <= limit:
            return str(limit)
    return "far"


def pair_features(doc: Any, a: Mention, b: Mention, ha: Any, hb: Any) -> list[str]:
    """The features of the ordered pair (``a`` the would-be source, ``b`` the target)."""
    ta, tb = coarse_type(a), coarse_type(b)
    types = f"{ta}>{tb}"
    first_a = a.start < b.start
    order = "ab" if first_a else "ba"
    left, right = (ha, hb) if first_a else (hb, ha)
    left_span = doc.char_span(min(a.start, b.start), min(a.end, b.end), alignment_mode="expand")
    right_span = doc.char_span(max(a.start, b.start), max(a.end, b.end), alignment_mode="expand")
    lo = left_span.end if left_span is not None else left.i + 1
    hi = right_span.start if right_span is not None else right.i
    between = [t for t in doc[lo:hi] if not t.is_space]
    feats = [f"types={types}", f"order={order}|{types}", f"dist={_bucket(len(between))}|{order}"]
    words = [stem(t.text) for t in between if not t.is_punct]
    if len(between) <= 12:
        feats += [f"bw={w}" for w in set(words)]
        feats += [f"bwo={w}|{order}|{types}" for w in set(words)]
        feats.append(f"btw={'_'.join(words[:6])}|{order}")
    if words:
        feats += [f"bfirst={words[0]}|{order}", f"blast={words[-1]}|{order}"]
    if any(t.text == "," for t in between):
        feats.append(f"comma|{order}")
    if any(t.text == "(" for t in between):
        feats.append(f"bracket|{order}")
    start = left_span.start if left_span is not None else left.i
    before = [stem(t.text) for t in doc[max(0, start - 2) : start] if not t.is_space]
    end = right_span.end if right_span is not None else right.i + 1
    after = [stem(t.text) for t in doc[end : end + 2] if not t.is_space]
    feats += [f"pre={w}|{order}" for w in before] + [f"post={w}|{order}" for w in after]
    steps, lca = path(ha, hb)
    if lca is None:
        feats.append("nopath")
        return feats
    short = steps if len(steps) <= MAX_PATH else [*steps[:3], "...", *steps[-3:]]
    labels = [s for s in short if s[:1] in "<>"]
    feats += [f"path={' '.join(short)}", f"pathT={' '.join(short)}|{types}", f"labels={' '.join(labels)}"]
    feats.append(f"plen={_bucket(len(steps))}")
    path_words = {s for s in short if s[:1] not in "<>."}
    feats += [f"pw={w}" for w in path_words] + [f"pwT={w}|{types}" for w in path_words]
    feats += [f"gov_a={stem(ha.head.text)}|{ha.dep_}|{ta}", f"gov_b={stem(hb.head.text)}|{hb.dep_}|{tb}"]
    feats.append(f"lca={stem(lca.text)}|{lca.dep_}")
    feats.append(f"deps={ha.dep_}|{hb.dep_}|{types}")
    if lca.i == ha.i:
        feats.append("a_governs_b")
    if lca.i == hb.i:
        feats.append("b_governs_a")
    return feats
