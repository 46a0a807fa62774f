"""One link: register the sides, train, predict, explain each pair, cluster with Splink."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Any

from tracegraph.errors import InputError
from tracegraph.link.engines import Engine, make_engine
from tracegraph.link.model import (
    LinkType,
    name_u,
    near_prior,
    one_edit_share,
    one_edit_u,
    same_people_word_u,
    settings,
    text_settings,
    train,
    train_text,
    with_same_people_levels,
)
from tracegraph.link.records import add_rare_tokens

log = logging.getLogger(__name__)

#: comparisons in the order the model declares them (their ``mw_`` and ``gamma_`` columns)
COMPARISONS = ("name", "kind", "legal_form", "country", "birth_date", "identifier")
#: the same for text records (``tracegraph.link.text``)
TEXT_COMPARISONS = ("code", "words", "rare", "numbers", "brand", "price", "people", "year")
#: a token shared by more records than this blocks nothing alone
TOKEN_CAP = 200
#: the same for a word's sound (``ph1``/``ph2``): sounds collide far more than spellings (a million synthetic
#: names have 30k sounds against 200k+ words), so at the words' cap the four sound rules made 25 million pairs at
#: a million records, more than the words' rules; at 30 they make 2 million, and a rare word's sound, the one
#: that finds "Wallmart" / "Walmart", is still kept
SOUND_CAP = 30
#: pairs sampled for u, per record (at least a million): a level no sampled pair reaches gets u of half a pair in
#: the sample, so the sample grows with the file as the prior (about one pair in the number of records) shrinks
U_PAIRS_PER_RECORD = 10


@dataclass
class Pair:
    """Two parties Splink scored, with each comparison's level and match weight."""

    left_source: str
    left: str
    left_name: str
    right_source: str
    right: str
    right_name: str
    probability: float
    match_weight: float
    explanation: dict[str, dict[str, Any]]
    cluster: str | None = None

    def reason(self) -> str:
        """Plain words: each comparison that counted, with its weight."""
        parts = [
            f"{key}: {item['level']} ({item['weight']:+.1f})"
            for key, item in self.explanation.items()
            if item["weight"] != 0
        ]
        return f"Splink {self.probability:.3f}: " + "; ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "left_source": self.left_source,
            "left": self.left,
            "left_name": self.left_name,
            "right_source": self.right_source,
            "right": self.right,
            "right_name": self.right_name,
            "probability": round(self.probability, 6),
            "match_weight": round(self.match_weight, 4),
            "cluster": self.cluster,
            "explanation": self.explanation,
        }


@dataclass
class LinkResult:
    pairs: list[Pair]
    #: (source, party) -> Splink's cluster id, for parties clustered with another
    clusters: dict[tuple[str, str], str]
    records: dict[str, int]
    training: list[str]
    engine: str
    seconds: float
    problems: list[str] = field(default_factory=list)
    judgements: int = 0
    #: seconds of wall time per step (blocking keys, training, prediction, clustering, reading the pairs)
    timings: dict[str, float] = field(default_factory=dict)
    #: the comparisons each pair's explanation has, in order
    comparisons: tuple[str, ...] = COMPARISONS
    #: whether each record was allowed one partner on the other side at most (Splink's single best links)
    one_to_one: bool = False

    def summary(self) -> dict[str, Any]:
        return {
            "engine": self.engine,
            "records": self.records,
            "pairs": len(self.pairs),
            "clusters": len(set(self.clusters.values())),
            "judgements": self.judgements,
            "problems": len(self.problems),
            "training": self.training,
            "seconds": round(self.seconds, 2),
            "timings": {k: round(v, 2) for k, v in self.timings.items()},
        }


def _level_labels(model: dict[str, Any]) -> dict[str, dict[int, str]]:
    """Comparison -> gamma value -> the level's label (null levels are -1, the rest count down to 0)."""
    labels: dict[str, dict[int, str]] = {}
    for comp in model["comparisons"]:
        levels = comp["comparison_levels"]
        real = [lv for lv in levels if not lv.get("is_null_level")]
        found = {len(real) - 1 - i: str(lv.get("label_for_charts", "")) for i, lv in enumerate(real)}
        found[-1] = "unknown on one side"
        labels[comp["output_column_name"]] = found
    return labels


def _cap_tokens(*sides: list[dict[str, Any]], cap: int, sound_cap: int = SOUND_CAP) -> None:
    """Clear each blocking word (``tok1``/``tok2``) held by more than ``cap`` records, and each sound held by more
    than ``sound_cap``."""
    for keys, most in ((("tok1", "tok2"), cap), (("ph1", "ph2"), sound_cap)):
        counts: dict[str, int] = {}
        for rows in sides:
            for row in rows:
                for key in keys:
                    if row.get(key):
                        counts[row[key]] = counts.get(row[key], 0) + 1
        for rows in sides:
            for row in rows:
                for key in keys:
                    if row.get(key) and counts[row[key]] > most:
                        row[key] = None


def link_rows(
    left: list[dict[str, Any]],
    right: list[dict[str, Any]] | None = None,
    *,
    engine: str | Engine = "duckdb",
    threshold: float = 0.9,
    review: float = 0.5,
    u_pairs: float | None = None,
    token_cap: int = TOKEN_CAP,
    one_to_one: bool = False,
) -> LinkResult:
    """Link ``left`` to ``right`` (or deduplicate ``left`` when ``right`` is None) with Splink.

    Pairs at or above ``review`` come back, best pair per two parties; clusters are
    Splink's connected components at ``threshold``. Rows from :func:`tracegraph.link.text.text_rows`
    (a ``words`` column) are linked with the text model, party rows with the name model.

    ``one_to_one`` (a link of two files, each free of duplicates: two catalogues, two registers) keeps
    only the pairs that Splink's single-best-links clustering joins: each record is linked to at most
    one record of the other side, its best, and only when it is the best for that record too.
    """
    from splink import Linker

    started = time.perf_counter()
    timings: dict[str, float] = {}
    clock = [started]

    def lap(step: str) -> None:
        now = time.perf_counter()
        timings[step] = timings.get(step, 0.0) + now - clock[0]
        log.info("link: %s done, %.1f s", step, now - clock[0])
        clock[0] = now

    sides = [left] if right is None else [left, right]
    if not left or (right is not None and not right):
        raise InputError("nothing to link: a side has no record with a usable name")
    if one_to_one and right is None:
        raise InputError("one-to-one links two files; a file linked with itself has no other side")
    text = "words" in left[0]
    if text and right is not None and "words" not in right[0]:
        raise InputError("text records link to text records, not to parties")
    if u_pairs is None:
        u_pairs = max(1e6, U_PAIRS_PER_RECORD * sum(len(rows) for rows in sides))
    add_rare_tokens(*sides)
    _cap_tokens(*sides, cap=token_cap)
    logging.getLogger("splink").setLevel(logging.ERROR)
    backend = make_engine(engine) if isinstance(engine, str) else engine
    try:
        lap("blocking keys")
        tables = [backend.register(rows, f"tg_side_{i}") for i, rows in enumerate(sides)]
        link_type: LinkType = "dedupe_only" if right is None else "link_only"
        if text:
            model = text_settings(link_type)
        else:
            edits = one_edit_share(sides)
            prior = near_prior(sides, edits[0])
            u_typo = one_edit_u(sides, counted=edits)
            model = settings(link_type, *name_u(sides), u_typo, u_pairs=u_pairs, prior=prior)
        linker = Linker(tables if right is not None else tables[0], model, log_level=None)
        lap("register")
        all_pairs = len(left) * len(right) if right is not None else len(left) * (len(left) - 1) / 2
        training = (train_text if text else train)(
            linker, u_pairs, floor=1.0 / max(all_pairs, 1.0), u_chunks=backend.u_chunks
        )
        if text and right is not None and (word_u := same_people_word_u(sides)) is not None:
            # works of the same people: their titles compared apart (model.same_people_word_u), after training
            trained = with_same_people_levels(linker.misc.save_model_to_json(), word_u)
            linker = Linker(tables, trained, log_level=None)
            training.steps.append("title words of works of the same people: u counted within each file")
        lap("training")
        predictions = linker.inference.predict(threshold_match_probability=review)
        lap("prediction")
        kept: set[tuple[str, str]] | None = None
        if one_to_one:
            names = [f"tg_side_{i}" for i in range(len(sides))]
            single = linker.clustering.cluster_using_single_best_links(
                predictions, duplicate_free_datasets=names, threshold_match_probability=review
            )
            groups: dict[str, list[tuple[str, str]]] = {}
            for row in single.as_record_list():
                groups.setdefault(str(row["cluster_id"]), []).append((row["source"], row["unique_id"]))
            kept = {(a[1], b[1]) for g in groups.values() for a in g for b in g if a[0] != b[0]}
            clustered = linker.clustering.cluster_using_single_best_links(
                predictions, duplicate_free_datasets=names, threshold_match_probability=threshold
            )
        else:
            clustered = linker.clustering.cluster_pairwise_predictions_at_threshold(predictions, threshold)
        labels = _level_labels(linker.misc.save_model_to_json())
        lap("clustering")
        raw = predictions.as_record_list()
        if kept is not None:
            raw = [row for row in raw if (row["unique_id_l"], row["unique_id_r"]) in kept]
        cluster_rows = clustered.as_record_list()
        lap("reading pairs")
    finally:
        backend.close()
    by_uid = {(r["source"], r["unique_id"]): r for rows in sides for r in rows}
    members: dict[str, set[tuple[str, str]]] = {}
    for row in cluster_rows:
        rec = by_uid.get((row["source"], row["unique_id"]))
        if rec is not None:
            members.setdefault(str(row["cluster_id"]), set()).add((rec["source"], rec["party"]))
    clusters = {party: cid for cid, parties in members.items() if len(parties) > 1 for party in parties}
    best: dict[tuple[str, str, str, str], Pair] = {}
    compared = TEXT_COMPARISONS if text else COMPARISONS
    for row in raw:
        pair = _pair(row, labels, clusters, compared)
        if pair.left_source == pair.right_source and pair.left == pair.right:
            continue  # two names of one party
        key = (pair.left_source, pair.left, pair.right_source, pair.right)
        if key not in best or pair.probability > best[key].probability:
            best[key] = pair
    pairs = sorted(best.values(), key=lambda p: (-p.probability, p.left, p.right))
    records = {rows[0]["source"]: len({r["party"] for r in rows}) for rows in sides}
    lap("best pair per two parties")
    return LinkResult(
        pairs,
        clusters,
        records,
        training.steps,
        backend.name,
        time.perf_counter() - started,
        timings=timings,
        comparisons=compared,
        one_to_one=one_to_one,
    )


def _pair(
    row: dict[str, Any],
    labels: dict[str, dict[int, str]],
    clusters: dict[tuple[str, str], str],
    compared: tuple[str, ...] = COMPARISONS,
) -> Pair:
    if row["source_l"] > row["source_r"]:  # left-hand side always the first file in a link
        row = {
            k[:-2] + ("_r" if k.endswith("_l") else "_l") if k.endswith(("_l", "_r")) else k: v for k, v in row.items()
        }
    explanation = {
        key: {
            "level": labels.get(key, {}).get(int(row[f"gamma_{key}"]), str(row[f"gamma_{key}"])),
            "weight": round(float(row[f"mw_{key}"] or 0.0), 3),
        }
        for key in compared
        if f"gamma_{key}" in row
    }
    left = (str(row["source_l"]), str(row["party_l"]))
    return Pair(
        left[0],
        left[1],
        str(row["name_l"]),
        str(row["source_r"]),
        str(row["party_r"]),
        str(row["name_r"]),
        float(row["match_probability"]),
        float(row["match_weight"]),
        explanation,
        clusters.get(left),
    )
