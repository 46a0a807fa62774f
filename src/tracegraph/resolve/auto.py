"""Automatic resolution: conservative merges, each a judgement with its reason.

Rules, in order (each merge says which one fired and on what):

1. metonyms: an actor named "Washington" or "Beijing" joins that country's government;
2. renames: a Succession whose evidence says "formerly", "renamed", ... joins its two sides;
3. strong identifiers: the same registration number, tax code, ... (``data/names.yaml``);
   e-mails and websites only together with close names;
4. names: the same name key (legal forms and script removed, East Asian name order
   normalised) from a name, alias or previous name; also the same compact key
   ("Ya Feng" / 亚丰); not when the names carry different legal forms (AG / GmbH)
   or are different Han strings that read alike;
5. short forms: an organisation named by one distinctive word ("Yafeng", "Yafeng group")
   joins the one other organisation of the same story whose name or alias begins with that
   word ("Yafeng Biological Technology Co. Ltd."); not when two or more do.

Never across incompatible types (Person with Company), never when both sides
hold different values of a strong identifier, different countries or birth
dates, and never for a pair a person split apart.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from tracegraph.registry import register
from tracegraph.resolve import metonyms
from tracegraph.resolve.judgements import Merge, compatible_sides, distinct_pairs, judgement_id
from tracegraph.resolve.names import (
    compact_key,
    first_distinctive,
    lookups,
    name_key,
    names_conflict,
    short_form,
)
from tracegraph.store import Store

AUTHOR = "resolve.names.v1"
NAME_PROPS = ("name", "alias", "previousName")
#: a key shared by more clusters than this is ambiguous, not evidence
MAX_BLOCK = 8
RESOLVABLE = frozenset({"Person", "Company", "Organization", "PublicBody", "LegalEntity"})
#: the types a short form may join (a PublicBody only with another PublicBody)
ORGANISATIONS = frozenset({"Company", "Organization", "LegalEntity"})


@dataclass
class _Cluster:
    """What the rules need to know about one cluster of entity ids."""

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
        return "Person" in self.schemata


class Resolver:
    """One pass of the rules over a store; :meth:`run` records and returns the merges."""

    def __init__(self, store: Store, author: str = AUTHOR) -> None:
        self.store = store
        self.author = author
        self.strong: dict[str, bool] = {
            prop: bool(spec.get("alone")) for prop, spec in lookups()["strong_identifiers"].items()
        }
        self.generic = frozenset(str(w) for w in lookups()["generic"])
        self.distinct = distinct_pairs(store)
        self.canonical: dict[str, str] = {}
        self.parent: dict[str, str] = {}
        self.clusters: dict[str, _Cluster] = {}
        #: document id -> (cluster id, name) for each name read in that document
        self.mentions: dict[str, set[tuple[str, str]]] = defaultdict(set)
        self.merges: list[Merge] = []

    # -- loading ----------------------------------------------------------
    def _load(self) -> None:
        self.canonical = canonical = self.store.clusters()
        props = [*NAME_PROPS, "country", "birthDate", *self.strong]
        for prop in props:
            for stmt in self.store.statements(prop=prop):
                if stmt.schema not in RESOLVABLE:
                    continue
                cid = canonical.get(stmt.entity_id, stmt.entity_id)
                cluster = self.clusters.setdefault(cid, _Cluster())
                self.parent.setdefault(cid, cid)
                cluster.members.add(stmt.entity_id)
                cluster.schemata.add(stmt.schema)
                if prop in NAME_PROPS:
                    cluster.names.add(stmt.value)
                    if stmt.document_id:
                        self.mentions[stmt.document_id].add((cid, stmt.value))
                elif prop == "country":
                    cluster.countries.add(stmt.value.lower())
                elif prop == "birthDate":
                    cluster.birth.add(stmt.value[:10])
                else:
                    cluster.ids[prop].add(stmt.value.strip().lower())

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
            return "split apart by a person"
        return None

    def join(self, left: str, right: str, reason: str) -> bool:
        """Merge the clusters of two entity ids if no guard objects; record the judgement."""
        ra, rb = self.find(left), self.find(right)
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

    # -- rules ------------------------------------------------------------
    def _by_key(self, keyed: Iterable[tuple[str, str, str]], rule: str) -> None:
        blocks: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for cid, key, name in keyed:
            blocks[key].append((cid, name))
        for key, found in sorted(blocks.items()):
            roots = {self.find(cid) for cid, _ in found}
            if len(roots) < 2 or len(roots) > MAX_BLOCK:
                continue
            first_cid, first_name = found[0]
            for cid, name in found[1:]:
                if names_conflict(first_name, name):
                    continue
                self.join(first_cid, cid, f"{rule}: {first_name!r} and {name!r} share the key {key!r}")

    def _name_keys(self, compact: bool) -> list[tuple[str, str, str]]:
        keyed = []
        for cid, cluster in self.clusters.items():
            schema = "Person" if cluster.person else "LegalEntity"
            for name in sorted(cluster.names):
                key = compact_key(name, schema) if compact else name_key(name, schema)
                parts = key.split()
                if len(key.replace(" ", "")) < (6 if compact else 4):
                    continue
                if cluster.person and len(parts) < 2 and not compact:
                    continue  # a lone surname is not a person
                if len(parts) == 1 and parts[0] in self.generic:
                    continue
                keyed.append((cid, f"{schema}:{key}", name))
        return keyed

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
                self.join(self.find(old), self.find(new), f"rename: Succession {rel_id} says {cue!r}")

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
        best = 0.0
        for x in a.names:
            for y in b.names:
                best = max(best, fuzz.token_set_ratio(name_key(x), name_key(y)))
        return best >= 85

    def _kind(self, cid: str) -> str | None:
        """What a short form may join: organisations with organisations, public bodies alone."""
        schemata = self.clusters[cid].schemata
        if schemata == {"PublicBody"}:
            return "PublicBody"
        if schemata and schemata <= ORGANISATIONS:
            return "organisation"
        return None

    def _person_named(self, mentions: list[tuple[str, str]], word: str) -> bool:
        """Whether a person of the story bears the word ("Rosenberg" may be David Rosenberg)."""
        return any(
            self.clusters[self.find(cid)].person and word in name_key(name, "Person").split() for cid, name in mentions
        )

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
                a_key = name_key(a_name).split()
                # name the full form that begins with the word, if any, in the reason
                for b_name in sorted(b_names, key=lambda n: (name_key(n).split()[:1] != [word], n)):
                    b_key = name_key(b_name).split()
                    # the full name is the word with only places, trade words and legal forms
                    # around it ("Digital Trails", "Obama administration" are not), holds every
                    # word of the short one ("Yafeng Chemical" is not "Yafeng Biotech"), and
                    # no legal forms or series clash
                    if (
                        b_key == a_key
                        or short_form(b_name, places=True) != word
                        or not set(a_key) <= set(b_key)
                        or names_conflict(a_name, b_name)
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
            self._by_key(self._name_keys(compact=False), "name")
            self._by_key(self._name_keys(compact=True), "compact name")
            self.short_forms()
        return self.merges


@register("resolver", "resolve.names.v1")
def resolve(store: Store, author: str = AUTHOR) -> list[Merge]:
    """Run the automatic resolution rules once; returns the merges recorded."""
    return Resolver(store, author).run()
