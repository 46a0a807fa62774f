"""The predicate lexicon (``data/predicates.yaml``) and role words (``data/roles.yaml``).

The spaCy pipeline runs without tagger and lemmatizer, so verbs are looked up by surface
form: each lemma is inflected here (regular English spelling rules), and a ``forms`` list in the
YAML overrides that for irregular verbs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from tracegraph.datafiles import load_yaml
from tracegraph.extract.keys import name_key


def inflect(lemma: str) -> tuple[str, ...]:
    """Regular forms of an English verb: lemma, 3rd person, past, gerund (and doubled spellings)."""
    vowels = "aeiou"
    if lemma.endswith("e"):
        past, ing = lemma + "d", lemma[:-1] + "ing"
    elif lemma.endswith("y") and lemma[-2:-1] not in vowels:
        past, ing = lemma[:-1] + "ied", lemma + "ing"
    elif (
        len(lemma) >= 3
        and lemma[-1] not in vowels + "wxy"
        and lemma[-2] in vowels
        and lemma[-3] not in vowels
        and len(lemma) <= 4
    ):
        past, ing = lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"  # ship -> shipped, plan
    else:
        past, ing = lemma + "ed", lemma + "ing"
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        third = lemma + "es"
    elif lemma.endswith("y") and lemma[-2:-1] not in vowels:
        third = lemma[:-1] + "ies"
    else:
        third = lemma + "s"
    forms: tuple[str, ...] = (lemma, third, past, ing)
    if (
        len(lemma) > 4 and lemma[-1] not in vowels + "wxy" and lemma[-2] in vowels and lemma[-3] not in vowels
    ):  # stress decides ("controlled", "admitted" but "targeted"): list both spellings
        forms += (lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing")
    return forms


@dataclass(frozen=True)
class Predicate:
    lemma: str
    type: str
    args: dict[str, str]
    object: str | None = None  # "actor" or "substance"
    needs: str | None = None
    role: str | None = None
    subject_word: str | None = None

    @property
    def is_action(self) -> bool:
        return self.type.startswith("Action:")

    @property
    def kind(self) -> str:
        return self.type.split(":", 1)[1] if self.is_action else self.type


@dataclass(frozen=True)
class NounPredicate:
    word: str
    type: str
    target: tuple[str, ...]
    plural_only: bool = False
    money: bool = False
    object: tuple[str, ...] = ()  # prepositions whose object names the substances


@dataclass
class Lexicon:
    verbs: dict[str, list[Predicate]] = field(default_factory=dict)
    nouns: dict[str, NounPredicate] = field(default_factory=dict)
    light_verbs: frozenset[str] = frozenset()
    undoing: dict[str, str] = field(default_factory=dict)
    negations: frozenset[str] = frozenset()
    irrealis: frozenset[str] = frozenset()
    roles: dict[str, str] = field(default_factory=dict)
    role_phrases: dict[str, str] = field(default_factory=dict)
    modifiers: frozenset[str] = frozenset()
    subsidiary_nouns: frozenset[str] = frozenset()
    owner_nouns: frozenset[str] = frozenset()
    copulas: frozenset[str] = frozenset()
    office_titles: dict[str, frozenset[str]] = field(default_factory=dict)
    bare_roles: dict[str, str] = field(default_factory=dict)
    departments: dict[str, tuple[str, ...]] = field(default_factory=dict)
    group_heads: frozenset[str] = frozenset()


def _noun_forms(word: str) -> tuple[str, ...]:
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return (word, word[:-1] + "ies")
    if word.endswith(("s", "sh", "ch", "x")):
        return (word, word + "es")
    return (word, word + "s")


@cache
def lexicon() -> Lexicon:
    data: dict[str, Any] = load_yaml("tracegraph.extract", "data", "predicates.yaml")
    roles: dict[str, Any] = load_yaml("tracegraph.extract", "data", "roles.yaml")
    lex = Lexicon()
    for item in data["verbs"]:
        pred = Predicate(
            lemma=str(item["lemma"]),
            type=str(item["type"]),
            args={str(k): str(v) for k, v in item["args"].items()},
            object=item.get("object"),
            needs=item.get("needs"),
            role=item.get("role"),
            subject_word=item.get("subject_word"),
        )
        for form in item.get("forms") or inflect(pred.lemma):
            lex.verbs.setdefault(str(form).lower(), []).append(pred)
    for word, spec in data["nouns"].items():
        noun = NounPredicate(str(word), str(spec["type"]), tuple(spec.get("target", [])),
                             bool(spec.get("plural_only")), bool(spec.get("money")),
                             tuple(spec.get("object", [])))  # fmt: skip
        forms = _noun_forms(noun.word)
        for form in forms[1:] if noun.plural_only else forms:
            lex.nouns[form] = noun
    lex.light_verbs = frozenset(f for v in data["light_verbs"] for f in inflect(str(v)))
    lex.undoing = {f: str(label) for v, label in data["undoing_verbs"].items() for f in inflect(str(v))}
    lex.negations = frozenset(str(w) for w in data["negations"])
    lex.irrealis = frozenset(f for v in data["irrealis_verbs"] for f in inflect(str(v)))
    lex.roles = {str(w).lower(): schema for schema, ws in roles["roles"].items() for w in ws}
    lex.role_phrases = {str(w).lower(): schema for schema, ws in roles.get("role_phrases", {}).items() for w in ws}
    lex.modifiers = frozenset(str(w).lower() for w in roles["modifiers"])
    lex.subsidiary_nouns = frozenset(str(w) for w in roles["subsidiary_nouns"])
    lex.owner_nouns = frozenset(str(w) for w in roles["owner_nouns"])
    lex.copulas = frozenset(str(w) for w in roles["copulas"])
    lex.group_heads = frozenset(str(w).lower() for w in roles.get("group_heads", []))
    lex.departments = {name_key(str(k)): tuple(str(n) for n in v) for k, v in (roles.get("secretary_of") or {}).items()}
    lex.bare_roles = {str(w).lower(): str(schema) for w, schema in (roles.get("bare_roles") or {}).items()}
    lex.office_titles = {str(t).lower(): frozenset(name_key(str(n)) for n in names)
                         for t, names in (roles.get("office_titles") or {}).items()}  # fmt: skip
    return lex
