"""Automatic resolution: blocks, candidate pairs, scores with reasons, judgements.

Rules, in order (each merge says which one fired and on what):

1. metonyms: an actor named "Washington" or "Beijing" joins that country's government;
2. renames: a Succession whose evidence says "formerly", "renamed", ... joins its two sides;
3. strong identifiers: the same registration number, tax code, ... (``data/rules.yaml``);
   e-mails and websites only together with close names;
4. names, on the matching engine (:mod:`tracegraph.match`): entities are put in blocks by
   the keys of their names (the sorted name key, the compact key, each distinctive word);
   each pair of a block is scored with the engine's features (name, legal form, Han
   characters, numbers, birth date, country, identifiers), and the pair and its score are
   stored (``resolve_pairs``). A pair at :data:`~tracegraph.resolve.rules.AUTO_MERGE` or
   more with no feature against it merges; one in the middle waits for review
   (``tracegraph resolve --review``);
5. short forms: an organisation named by one distinctive word ("Yafeng", "Yafeng group")
   joins the one other organisation of the same story whose name or alias begins with that
   word ("Yafeng Biological Technology Co. Ltd."); not when two or more do.

Never across incompatible types (Person with Company), never when both sides
hold different values of a strong identifier, different countries or birth
dates, and never for a pair a person judged distinct, directly or through the
clusters the two sides belong to.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from tracegraph.match import ORG, PERSON, Query, compact_key, compare, compare_names, kind_of, name_key, name_tokens
from tracegraph.match.normalise import is_legal_word
from tracegraph.registry import register
from tracegraph.resolve import metonyms
from tracegraph.resolve.judgements import Merge, compatible_sides, distinct_pairs, judgement_id
from tracegraph.resolve.pairs import ScoredPair, save_pairs
from tracegraph.resolve.rules import APART, MERGE, first_distinctive, lookups, short_form, verdict
from tracegraph.store import Store
from tracegraph.vocab import is_a

AUTHOR = "resolve.match.v1"
NAME_PROPS = ("name", "alias", "previousName")
#: a name key shared by more entities than this is ambiguous, not evidence
MAX_BLOCK = 8
#: a word shared by more entities than this is too common to block on
MAX_WORD_BLOCK = 12
#: how alike (rapidfuzz token-set ratio, 0-100) two names sharing only a word must look to be scored
WORD_PAIR_MIN = 60
#: pairs scoring less than this are not kept
KEEP_FROM = 0.5
#: what is resolved: entities whose schema is a LegalEntity (a Person, an Organization and what extends them)
RESOLVABLE = "LegalEntity"


def _organisation(schema: str) -> bool:
    """What a short form may join: a legal entity that is neither a person nor a public body."""
    return is_a(schema, "LegalEntity") and not is_a(schema, "Person") and not is_a(schema, "PublicBody")


@dataclass
class _Cluster:
    """What the rules need to know about one cluster of entity ids (or one entity)."""

    members: set[str] = field(default_factory=set)
    schemata: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    birth: set[str] = field(default_factory=set)
    ids: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def absorb(self, other: _Cluster) -> None:
        self.members |= other.members
        self.schemata |= other.schemata
        self.names |= other.names
        self.countries |= other.countries
        self.birth |= other.birth
        for prop, values in other.ids.items():
            self.ids[prop] |= values

    @property
    def person(self) -> bool:
        return any(is_a(s, "Person") for s in self.schemata)

    @property
    def schema(self) -> str:
        """The schema the engine reads the names as: a person's, an organisation's, or either."""
        if self.person:
            return "Person"
        return "Organization" if any(is_a(s, "Organization") for s in self.schemata) else "LegalEntity"

    @property
    def kind(self) -> str:
        return kind_of(self.schema)

    def query(self) -> Query:
        return Query(
            sorted(self.names),
            self.schema,
            sorted(self.birth),
            sorted(self.countries),
            sorted(v for values in self.ids.values() for v in values),
        )

    def props(self) -> dict[str, list[str]]:
        found = {prop: sorted(values) for prop, values in self.ids.items()}
        found["birthDate"] = sorted(self.birth)
        found["country"] = sorted(self.countries)
        return found


class Resolver:
    """One pass of the rules over a store; :meth:`run` records and returns the merges."""

    def __init__(self, store: Store, author: str = AUTHOR, high: float | None = None) -> None:
        self.store = store
        self.author = author
        self.high = high
        self.strong: dict[str, bool] = {
            prop: bool(spec.get("alone")) for prop, spec in lookups()["strong_identifiers"].items()
        }
        self.generic = frozenset(str(w) for w in lookups()["generic"])
        self.distinct = distinct_pairs(store)
        self.canonical: dict[str, str] = {}
        self.parent: dict[str, str] = {}
        self.clusters: dict[str, _Cluster] = {}
        #: each entity on its own (names, types, ...), for scoring pairs
        self.entities: dict[str, _Cluster] = {}
        #: document id -> (cluster id, name) for each name read in that document
        self.mentions: dict[str, set[tuple[str, str]]] = defaultdict(set)
        self.merges: list[Merge] = []
        self.pairs: list[ScoredPair] = []

    # -- loading ----------------------------------------------------------
    def _load(self) -> None:
        self.canonical = canonical = self.store.clusters()
        props = [*NAME_PROPS, "country", "birthDate", *self.strong]
        for prop in props:
            for stmt in self.store.statements(prop=prop):
                if not is_a(stmt.schema, RESOLVABLE):
                    continue
                cid = canonical.get(stmt.entity_id, stmt.entity_id)
                self.parent.setdefault(cid, cid)
                for holder in (
                    self.clusters.setdefault(cid, _Cluster()),
                    self.entities.setdefault(stmt.entity_id, _Cluster()),
                ):
                    holder.members.add(stmt.entity_id)
                    holder.schemata.add(stmt.schema)
                    if prop in NAME_PROPS:
                        holder.names.add(stmt.value)
                    elif prop == "country":
                        holder.countries.add(stmt.value.lower())
                    elif prop == "birthDate":
                        holder.birth.add(stmt.value[:10])
                    else:
                        holder.ids[prop].add(stmt.value.strip().lower())
                if prop in NAME_PROPS and stmt.document_id:
                    self.mentions[stmt.document_id].add((cid, stmt.value))

    def root(self, entity_id: str) -> str:
        """The loaded cluster an entity id belongs to (its canonical id before this run)."""
        return self.canonical.get(entity_id, entity_id)

    def find(self, cid: str) -> str:
        while self.parent[cid] != cid:
            self.parent[cid] = self.parent[self.parent[cid]]
            cid = self.parent[cid]
        return cid

    # -- guards -----------------------------------------------------------
    def conflict(self, a: _Cluster, b: _Cluster) -> str | None:
        """Why two clusters must stay apart, or ``None``."""
        if not compatible_sides(a.schemata, b.schemata):
            return "incompatible types"
        if a.countries and b.countries and not a.countries & b.countries:
            return "different countries"
        if a.birth and b.birth and not a.birth & b.birth:
            return "different birth dates"
        for prop, alone in self.strong.items():
            if alone and a.ids.get(prop) and b.ids.get(prop) and not a.ids[prop] & b.ids[prop]:
                return f"different {prop}"
        if any((min(x, y), max(x, y)) in self.distinct for x in a.members for y in b.members):
            return "judged distinct by a person"
        return None

    def join(self, left: str, right: str, reason: str) -> bool:
        """Merge the clusters of two entity ids if no guard objects; record the judgement."""
        ra, rb = self.find(self.root(left)), self.find(self.root(right))
        if ra == rb:
            return False
        a, b = self.clusters[ra], self.clusters[rb]
        if self.conflict(a, b) is not None:
            return False
        keep, gone = (ra, rb) if ra < rb else (rb, ra)
        self.parent[gone] = keep
        self.clusters[keep].absorb(self.clusters[gone])
        del self.clusters[gone]
        self.store.add_judgement(judgement_id("merge", left, right), left, right, "merge", reason, self.author)
        self.merges.append(Merge(left, right, keep, reason, self.author))
        return True

    # -- rule 4: blocks -> candidate pairs -> scores -> judgements ----------
    def blocks(self) -> dict[str, list[str]]:
        """Block key -> entity ids: the name key, the compact key and each distinctive word of every name."""
        found: dict[str, set[str]] = defaultdict(set)
        for entity_id, entity in self.entities.items():
            kind = entity.kind
            side = "person" if entity.person else "org"
            for name in entity.names:
                key = name_key(name, kind)
                parts = key.split()
                lone = len(parts) < 2 and (entity.person or parts[0] in self.generic)  # a surname, "ministry"
                if len(key.replace(" ", "")) >= 4 and not lone:
                    found[f"key:{side}:{key}"].add(entity_id)
                compact = compact_key(name, kind)
                if len(compact) >= 6 and compact not in self.generic:
                    found[f"compact:{side}:{compact}"].add(entity_id)
                for token in name_tokens(name, kind):
                    if len(token) >= 4 and token not in self.generic and not is_legal_word(token):
                        found[f"word:{side}:{token}"].add(entity_id)
        limit = {"key": MAX_BLOCK, "compact": MAX_BLOCK, "word": MAX_WORD_BLOCK}
        return {key: sorted(ids) for key, ids in found.items() if 2 <= len(ids) <= limit[key.split(":", 1)[0]]}

    def candidates(self) -> dict[tuple[str, str], str]:
        """Pairs of entity ids (smaller first) that share a block, with the first block that paired them.

        A pair that only shares a word must also look alike at a glance (rapidfuzz's token-set
        ratio of their name keys at :data:`WORD_PAIR_MIN` or more) before the engine scores it.
        """
        pairs: dict[tuple[str, str], str] = {}
        keys: dict[str, list[str]] = {}
        for key, ids in sorted(self.blocks().items()):
            by_word = key.startswith("word:")
            for i, left in enumerate(ids):
                for right in ids[i + 1 :]:
                    if (left, right) in pairs or self.root(left) == self.root(right):
                        continue
                    if by_word and not self._alike(left, right, keys):
                        continue
                    pairs[(left, right)] = key
        return pairs

    def _alike(self, left: str, right: str, keys: dict[str, list[str]]) -> bool:
        for entity_id in (left, right):
            if entity_id not in keys:
                entity = self.entities[entity_id]
                keys[entity_id] = [name_key(n, entity.kind) for n in sorted(entity.names)]
        return any(fuzz.token_set_ratio(a, b) >= WORD_PAIR_MIN for a in keys[left] for b in keys[right])

    def score(self, left: str, right: str, block: str) -> ScoredPair:
        a, b = self.entities[left], self.entities[right]
        comparison = compare(a.query(), sorted(b.names), b.props())
        found = verdict(comparison, self.high) if self.high is not None else verdict(comparison)
        if found != APART and not compatible_sides(a.schemata, b.schemata):
            found = APART
            comparison.reasons["types"] = "incompatible types: " + " / ".join(
                ", ".join(sorted(s)) for s in (a.schemata, b.schemata)
            )
        return ScoredPair(
            left, right, comparison.score, found, block, comparison.features, comparison.reasons, self.author
        )

    def names(self) -> None:
        scored = [self.score(left, right, block) for (left, right), block in self.candidates().items()]
        scored.sort(key=lambda p: (-p.score, p.left_id, p.right_id))
        for pair in scored:
            if pair.verdict == MERGE:
                self.join(pair.left_id, pair.right_id, f"name: {pair.reasons['name']}")
        self.pairs = [p for p in scored if p.score >= KEEP_FROM]
        save_pairs(self.store, self.pairs)

    # -- the other rules --------------------------------------------------
    def metonyms(self) -> None:
        for cid in sorted(self.clusters):
            cluster = self.clusters.get(cid)
            if cluster is None or not cluster.schemata <= metonyms.schemata():
                continue
            for name in sorted(cluster.names):
                gov = metonyms.government_for(name)
                if gov is None:
                    continue
                gov_id = self.root(metonyms.ensure_government(self.store, gov))
                if gov_id not in self.parent:
                    self.parent[gov_id] = gov_id
                    self.clusters[gov_id] = _Cluster({gov_id}, {"PublicBody"}, {gov.name}, set())
                    if gov.code != "eu":
                        self.clusters[gov_id].countries.add(gov.code)
                self.join(gov_id, cid, f"metonym: {name!r} stands for the {gov.name}")
                break

    def renames(self) -> None:
        cues = [str(c) for c in lookups()["rename_cues"]]
        sides: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for prop in ("predecessor", "successor", "summary", "description"):
            for stmt in self.store.statements(prop=prop):
                if stmt.schema == "Succession":
                    sides[stmt.entity_id][prop].append(stmt.value)
        for rel_id, props in sorted(sides.items()):
            text = " ".join(props.get("summary", []) + props.get("description", [])).lower()
            cue = next((c for c in cues if c in text), None)
            if cue is None or not props.get("predecessor") or not props.get("successor"):
                continue
            old, new = self.root(props["predecessor"][0]), self.root(props["successor"][0])
            if old in self.parent and new in self.parent:
                self.join(old, new, f"rename: Succession {rel_id} says {cue!r}")

    def identifiers(self) -> None:
        for prop, alone in self.strong.items():
            holders: dict[str, list[str]] = defaultdict(list)
            for cid, cluster in self.clusters.items():
                for value in cluster.ids.get(prop, ()):
                    holders[value].append(cid)
            for value, cids in sorted(holders.items()):
                if len(cids) < 2 or len(cids) > MAX_BLOCK:
                    continue
                for other in cids[1:]:
                    if not alone and not self._close_names(cids[0], other):
                        continue
                    self.join(cids[0], other, f"identifier: both have {prop} {value!r}")

    def _close_names(self, left: str, right: str) -> bool:
        a, b = self.clusters[self.find(left)], self.clusters[self.find(right)]
        return any(compare_names(x, y, a.schema).score >= 0.85 for x in a.names for y in b.names)

    def _kind(self, cid: str) -> str | None:
        """What a short form may join: organisations with organisations, public bodies alone."""
        schemata = self.clusters[cid].schemata
        if schemata and all(is_a(s, "PublicBody") for s in schemata):
            return "PublicBody"
        if schemata and all(_organisation(s) for s in schemata):
            return "organisation"
        return None

    def _person_named(self, mentions: list[tuple[str, str]], word: str) -> bool:
        """Whether a person of the story bears the word ("Rosenberg" may be David Rosenberg)."""
        return any(self.clusters[self.find(cid)].person and word in name_tokens(name, PERSON) for cid, name in mentions)

    def short_forms(self) -> None:
        for doc in sorted(self.mentions):
            mentions = sorted(self.mentions[doc])
            for a_cid, a_name in mentions:
                word = short_form(a_name)
                a_root = self.find(a_cid)
                if word is None or self._kind(a_root) is None:
                    continue
                # every other entity of the story whose name begins with the word (any type)
                candidates: dict[str, list[str]] = defaultdict(list)
                for b_cid, b_name in mentions:
                    b_root = self.find(b_cid)
                    if b_root != a_root and first_distinctive(b_name) == word:
                        candidates[b_root].append(b_name)
                if len(candidates) != 1:
                    continue  # none, or ambiguous
                [(b_root, b_names)] = candidates.items()
                if self._kind(b_root) != self._kind(a_root) or self._person_named(mentions, word):
                    continue
                a_key = list(name_tokens(a_name, ORG))
                # name the full form that begins with the word, if any, in the reason
                for b_name in sorted(b_names, key=lambda n: (list(name_tokens(n, ORG))[:1] != [word], n)):
                    b_key = list(name_tokens(b_name, ORG))
                    # the full name is the word with only places, trade words and legal forms
                    # around it ("Digital Trails", "Obama administration" are not), holds every
                    # word of the short one ("Yafeng Chemical" is not "Yafeng Biotech"), and
                    # no legal forms, numbers or scripts clash
                    if (
                        b_key == a_key
                        or short_form(b_name, places=True) != word
                        or not set(a_key) <= set(b_key)
                        or _clash(a_name, b_name)
                    ):
                        continue
                    reason = f"short form: {a_name!r} names {b_name!r} in the same story {doc}"
                    self.join(a_root, b_root, reason)
                    break

    def run(self) -> list[Merge]:
        self._load()
        with self.store.transaction():
            self.metonyms()
            self.renames()
            self.identifiers()
            self.names()
            self.short_forms()
        return self.merges


def _clash(left: str, right: str) -> bool:
    """Whether a feature beside the name speaks against two names (legal forms, Han characters, numbers)."""
    features = compare_names(left, right, "Organization").features
    return any(score < 0 for key, score in features.items() if key != "name")


@register("resolver", "resolve.match.v1")
def resolve(store: Store, author: str = AUTHOR) -> list[Merge]:
    """Run the automatic resolution rules once; returns the merges recorded (pairs scored are stored)."""
    return Resolver(store, author).run()
