"""Link records: the columns Splink compares, derived with the one normaliser (``tracegraph.match``).

Every record, from a file or from the store, becomes the same flat row:

* ``name_key`` - the name's tokens after :func:`tracegraph.match.name_forms`
  (transliterated, legal forms set aside, person prefixes dropped), sorted;
* ``name_glued`` - the same tokens in their order with no spaces, so "Rosneft Oil"
  meets "RosneftOil";
* ``tok1`` / ``tok2`` - the name's two rarest tokens over both sides that some other record has too,
  the blocking keys that survive a letter off or a word moved (``tok1`` is also compared, weighed by
  how rare the word is);
* ``ph1`` / ``ph2`` - the same for the words' sounds (metaphone), so a spelling that changes the one
  rare word ("Wallmart" / "Walmart", "Mahmood Ahmadinezhad" / "Mahmoud Ahmadinejad") still meets;
* ``legal_form`` - the generic class of the name's legal form (``LLC``, ``JSC``...), the engine's
  ``legal_form`` feature as a column;
* ``country`` (a territory code), ``birth_date`` (ISO, possibly partial), ``birth_year``,
  ``identifier`` (upper-case letters and digits), ``kind`` (person, org or any);
* ``name_words`` / ``n_name_words`` - the name's distinct tokens and their count, so a name whose words
  are all in the other's ("Mifune" / "Mifune Japan Center") is a level of its own.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from tracegraph.match.compare import IDENTIFIER_PROPS
from tracegraph.match.features import country_code, legal_classes
from tracegraph.match.normalise import ANY, NameForm, kind_of, name_forms, name_tokens
from tracegraph.screen.importers.text import parse_date
from tracegraph.store import Store
from tracegraph.store.queries.screen import active_entity_ids
from tracegraph.vocab import descendants, is_a

#: what is linked: entities whose schema is a LegalEntity or extends it
PARTIES = "LegalEntity"
#: names of one party linked (a list entry's aliases)
MAX_NAMES = 8
_ID_CHARS = re.compile(r"[^A-Z0-9]")
#: Splink's columns, in order; ``source`` says which side a record is on
COLUMNS = (
    "unique_id",
    "source",
    "party",
    "name",
    "name_key",
    "name_glued",
    "tok1",
    "tok2",
    "ph1",
    "ph2",
    "rest1",
    "rest2",
    "kind",
    "legal_form",
    "country",
    "birth_date",
    "birth_year",
    "identifier",
    "name_words",
    "n_name_words",
)
#: party columns that are not strings (the rest are)
COLUMN_TYPES = {"name_words": "list", "n_name_words": "int"}

#: the columns of text rows (``tracegraph.link.text``) with their types
TEXT_COLUMNS = (
    ("unique_id", "str"),
    ("source", "str"),
    ("party", "str"),
    ("name", "str"),
    ("name_key", "str"),
    ("name_glued", "str"),
    ("tok1", "str"),
    ("tok2", "str"),
    ("kind", "str"),
    ("words", "list"),
    ("n_words", "int"),
    ("codes", "list"),
    ("stems", "list"),
    ("models", "list"),
    ("numbers", "str"),
    ("nums", "list"),
    ("rare", "list"),
    ("brand", "str"),
    ("price", "float"),
    ("people", "list"),
    ("n_people", "int"),
    ("people_key", "str"),
    ("people_words", "list"),
    ("n_people_words", "int"),
    ("year", "int"),
)


@dataclass
class Party:
    """A record before derivation: an id on its side, names, and what else is known."""

    record_id: str
    names: list[str]
    schema: str | None = None
    countries: list[str] = field(default_factory=list)
    birth_dates: list[str] = field(default_factory=list)
    identifiers: list[str] = field(default_factory=list)


#: dates repeat across a large file (a day of birth is one of some 30,000): each is read once
_date = lru_cache(maxsize=100_000)(parse_date)


def legal_class(form: NameForm) -> str | None:
    """One generic legal class of a name form (the first in order when it has several), or ``None``."""
    classes = legal_classes(form)
    return min(classes) if classes else None


def identifier_key(value: str) -> str | None:
    key = _ID_CHARS.sub("", value.upper())
    return key if len(key) >= 4 else None


def party_rows(parties: Iterable[Party], source: str, kind_default: str = ANY) -> list[dict[str, Any]]:
    """Rows of each party: one per distinct name key (at most :data:`MAX_NAMES`), sharing the party's other fields.

    ``tok1``/``tok2`` are filled by :func:`add_rare_tokens` once every side is read.
    """
    rows: list[dict[str, Any]] = []
    for party in parties:
        kind = kind_of(party.schema) if party.schema else kind_default
        birth = next((d for v in party.birth_dates if (d := _date(v))), None)
        common = {
            "source": source,
            "party": party.record_id,
            "kind": kind,
            "country": next((c for v in party.countries if (c := country_code(v))), None),
            "birth_date": birth,
            "birth_year": birth[:4] if birth else None,
            "identifier": next((k for v in party.identifiers if (k := identifier_key(v))), None),
        }
        keys: set[str] = set()
        for name in party.names:
            forms = name_forms(name, kind)
            tokens = name_tokens(name, kind)
            if not tokens:
                continue
            key = " ".join(sorted(tokens))
            if key in keys:
                continue
            suffix = f"~{len(keys)}" if keys else ""
            keys.add(key)
            row: dict[str, Any] = {"unique_id": f"{source}:{party.record_id}{suffix}", "name": name, "name_key": key}
            row["legal_form"] = legal_class(forms[0])
            words = sorted(set(tokens))
            row["name_words"], row["n_name_words"] = words, len(words)
            rows.append({**row, **common, "name_glued": "".join(tokens), "tokens": tokens})
            if len(keys) >= MAX_NAMES:
                break
    return rows


@lru_cache(maxsize=200_000)
def sound(token: str) -> str | None:
    """A word's metaphone when it says enough (three sounds or more), else ``None``."""
    from rigour.text import metaphone

    code = metaphone(token) if token.isalpha() else ""
    return code if len(code) >= 3 else None


def add_rare_tokens(*sides: list[dict[str, Any]]) -> None:
    """Fill ``tok1``/``tok2`` with each row's two rarest tokens seen at least twice over all sides (ties: the longer).

    A word no other record has pairs with nothing, and it is usually a typo: skipping it makes the
    typo'd record and its original rank the same word first ("Vote Kametene Pharmt" and "Vote Kametene
    Pharma" both have ``kametene``), so the rarest word blocks the two together and compares as equal.
    """
    counts: Counter[str] = Counter()
    sounds: Counter[str] = Counter()
    for rows in sides:
        for row in rows:
            counts.update(set(row["tokens"]))
            if "words" not in row:
                sounds.update({c for t in row["tokens"] if (c := sound(t))})
    for rows in sides:
        for row in rows:
            tokens = row.pop("tokens")
            if "words" not in row:
                heard = sorted(
                    {c for t in tokens if (c := sound(t)) and sounds[c] > 1}, key=lambda c: (sounds[c], -len(c), c)
                )
                row["ph1"] = heard[0] if heard else None
                row["ph2"] = heard[1] if len(heard) > 1 else None
            if len(tokens) > 2:
                by_rarity = sorted(set(tokens), key=lambda t: (counts[t], -len(t), t))
                for column, left_out in zip(("rest1", "rest2"), by_rarity, strict=False):
                    row[column] = " ".join(sorted(t for t in tokens if t != left_out))
            shared = {t for t in tokens if counts[t] > 1}
            ranked = sorted(shared, key=lambda t: (counts[t], -len(t), t))
            row["tok1"] = ranked[0] if ranked else None
            row["tok2"] = ranked[1] if len(ranked) > 1 else None
            if "words" in row:  # a text row compares its two rarest words as a set (see text_rows)
                row["rare"] = (ranked[:2] or None) if row.pop("rare_compared", True) else None


def store_parties(store: Store, against: str) -> list[Party]:
    """The parties of the graph (case material) or of the loaded lists (active entries only)."""
    lists = store.list_datasets()
    if against == "lists":
        datasets: Sequence[str] = lists
        active = active_entity_ids(store)
    else:
        datasets = store.case_datasets()
        active = None
    if not datasets:
        return []
    ids = store.with_props(["name"], sorted(descendants(PARTIES)), datasets)
    parties: list[Party] = []
    for canonical, stmts in sorted(store.statements_of(ids).items()):
        if active is not None and not any(s.entity_id in active for s in stmts):
            continue
        if against != "lists" and all(s.dataset in lists for s in stmts):
            continue
        props: dict[str, list[str]] = {}
        for s in stmts:
            props.setdefault(s.prop, []).append(s.value)
        schema = next((s.schema for s in stmts if is_a(s.schema, PARTIES)), None)
        parties.append(
            Party(
                canonical,
                list(dict.fromkeys(props.get("name", []) + props.get("alias", []))),
                schema,
                props.get("country", []) + props.get("nationality", []) + props.get("jurisdiction", []),
                props.get("birthDate", []) + props.get("incorporationDate", []),
                [v for p in IDENTIFIER_PROPS for v in props.get(p, [])],
            )
        )
    return parties
