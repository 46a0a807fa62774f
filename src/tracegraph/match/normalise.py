"""THE name normaliser: a name becomes name forms (lower-case ASCII tokens plus legal forms set aside).

Built on rigour's name analysis: legal forms ("Co., Ltd.", "Joint Stock Company",
"OOO", "GmbH") are recognised in any position and replaced by their generic class
(``LLC``, ``JSC``, ...), which :func:`~tracegraph.match.features.legal_form_feature`
compares on its own; they are never name tokens. Person prefixes ("Mr", "General")
are dropped. Cyrillic, Arabic, Greek and Han script are transliterated to Latin;
a Han name also yields the ``surname given`` form of its pinyin, so 习近平 meets
"Xi Jinping". The script a name was written in is kept: a Han name compares by
exact syllables only (see ``features.align``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from normality import ascii_text
from rigour.names import NamePartTag, NameTypeTag, SymbolCategory, analyze_names, remove_person_prefixes

from tracegraph.datafiles import load_yaml
from tracegraph.vocab import is_a

#: names longer than this are cut before matching (a 10,000-character "name" is not a name)
MAX_NAME_CHARS = 300

PERSON = "person"
ORG = "org"
ANY = "any"

LATIN = "latin"
HAN = "han"
CYRILLIC = "cyrillic"
ARABIC = "arabic"
OTHER = "other"

_SPACE = re.compile(r"\s+")
_APOSTROPHES = re.compile(r"['’‘`´ʼʻ]")
_TOKEN = re.compile(r"[a-z0-9]+")
_LEET = str.maketrans("013457", "oieast")
_INNER_DIGIT = re.compile(r"(?<=[a-z])[013457](?=[a-z])")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f]")
_NON_LATIN = re.compile(r"[^\x00-\u024f\u1e00-\u1eff]")
_NON_WORD = re.compile(r"[^\w]+")

#: rigour's organisation analysis for every kind: it finds legal forms, and its person tagging would
#: load name dictionaries for seconds on first use that we do not need (persons keep every part)
_TYPE_TAG = NameTypeTag.ORG


@dataclass(frozen=True, slots=True)
class NameForm:
    """One way of reading a name: its identifying tokens, its legal forms, the script it was written in."""

    tokens: tuple[str, ...]
    #: person, org or any
    kind: str = ANY
    #: tokens that are legal-form words left inside the name ("Company" in "Saransk Company Electronic")
    weak: frozenset[str] = frozenset()
    #: generic legal classes ("LLC", "JSC", ...); "" for a word like "Company" that names no class
    legal: frozenset[str] = frozenset()
    script: str = LATIN
    #: words taken off the edges as legal-form words that name no legal class ("Research" in
    #: "Harrowgate Research"): they do not count as name words, but a name without them may be another body
    peeled: frozenset[str] = frozenset()

    @property
    def strict(self) -> bool:
        """Han names compare by exact syllables: two different characters may share no sound at all."""
        return self.script == HAN


@cache
def lookups() -> dict[str, Any]:
    """The matching engine's lookups (``data/names.yaml``)."""
    return load_yaml("tracegraph.match", "data", "names.yaml")


def clean_text(value: str | None) -> str | None:
    """Control characters and bidi marks out, spaces collapsed; ``None`` when nothing is left."""
    if value is None:
        return None
    text = value
    if not text.isprintable():
        text = "".join(ch if unicodedata.category(ch) not in ("Cc", "Cf") else " " for ch in text)
    text = _SPACE.sub(" ", text).strip()
    return text or None


def fold(text: str, *, transliterate: bool = True, punctuation: bool = False) -> str:
    """The words of a text in written order, lower-case, separated by single spaces.

    The base of every key: accents and punctuation go, case folds. With ``transliterate``
    (the default) other scripts become Latin (``"ПАО Газпром"`` -> ``"pao gazprom"``); without,
    their letters stay as written, for keys that must not conflate two Han names that read
    alike (entity ids). ``punctuation`` (only without ``transliterate``) folds case and
    spaces alone, where every other mark counts: a chemical name ("2,3-" is not "3,2-";
    "µ" is not "μ").
    """
    if transliterate:
        return " ".join(_TOKEN.findall((ascii_text(_APOSTROPHES.sub("", text)) or "").lower()))
    if punctuation:
        return " ".join(text.casefold().split())
    decomposed = unicodedata.normalize("NFKD", text).casefold()
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", stripped).strip()


def han_characters(text: str) -> str:
    """The Han characters of a text, in order ("" when it has none)."""
    return "".join(_HAN.findall(text))


@cache
def series_markers() -> frozenset[str]:
    """Roman numerals that mark one of a series ("Fund III"): never a legal form."""
    return _series_markers()


@cache
def _series_markers() -> frozenset[str]:
    return frozenset(str(m) for m in lookups()["series_markers"])


@lru_cache(maxsize=200_000)
def series(text: str) -> frozenset[str]:
    """Numbers and series markers in a name: "Fund III" -> {"iii"}, "Unit 731" -> {"731"}."""
    markers = _series_markers()
    return frozenset(w for w in fold(text).split() if w in markers or w.isdigit())


def _strip_han_legal(text: str, legal: set[str]) -> str:
    """Han legal forms (有限公司, 股份有限公司, ...) out of an organisation's name, their class kept."""
    forms: dict[str, str | None] = lookups()["han_legal_forms"]
    for form in sorted(forms, key=len, reverse=True):
        if form in text and text.replace(form, "").strip():
            text = text.replace(form, " ")
            legal.add(forms[form] or "")
    return text


def kind_of(schema: str | None) -> str:
    """The name kind of an FtM schema: person, organisation, or either."""
    if schema and is_a(schema, "Person"):
        return PERSON
    if schema and is_a(schema, "Organization"):
        return ORG
    return ANY


def script_of(text: str) -> str:
    if not _NON_LATIN.search(text):
        return LATIN
    if _HAN.search(text):
        return HAN
    if _CYRILLIC.search(text):
        return CYRILLIC
    if _ARABIC.search(text):
        return ARABIC
    return OTHER


def _latin_tokens(form: str, ascii_form: str | None) -> list[str]:
    text = ascii_form if ascii_form is not None else (ascii_text(_APOSTROPHES.sub("", form)) or "")
    return [_unleet(t) if not t.isalpha() and not t.isdigit() else t for t in _TOKEN.findall(text.lower())]


def _unleet(token: str) -> str:
    """Digits inside a word are letters in disguise ("Ig0r Sech1n")."""
    return _INNER_DIGIT.sub(lambda m: m.group(0).translate(_LEET), token)


@cache
def _legal_words() -> frozenset[str]:
    return frozenset(str(w) for w in lookups()["legal_words"])


@lru_cache(maxsize=200_000)
def is_legal_word(token: str) -> bool:
    """A word of a legal form, or one letter off a long one ("liabilty")."""
    words = _legal_words()
    if token in words:
        return True
    if len(token) < 6:
        return False
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    long_words = [w for w in words if len(w) >= 6]
    return process.extractOne(token, long_words, scorer=OSA.normalized_similarity, score_cutoff=0.85) is not None


@cache
def _glued_words() -> tuple[str, ...]:
    return tuple(sorted((str(w) for w in lookups()["glued_suffixes"]), key=len, reverse=True))


def _rest_ok(rest: str, word: str) -> bool:
    """What is left beside a glued legal word must be a word: three letters, or two beside a long legal word."""
    return len(rest) >= 3 or (len(rest) == 2 and len(word) >= 7)


def _unglue(tokens: list[str]) -> list[str]:
    """Split legal words off the words they were glued to ("aviallc", "companyrimera", "enterprisesltd").

    A legal word at the end is looked for first, the longest first ("enterprisesltd" is
    "enterprises ltd", not "enterprise sltd").
    """
    out: list[str] = []
    for token in tokens:
        out.extend(_unglue_one(token))
    return out


@lru_cache(maxsize=200_000)
def _unglue_one(token: str) -> tuple[str, ...]:
    glued = _glued_words()
    suffix = next((w for w in glued if token != w and token.endswith(w) and _rest_ok(token[: -len(w)], w)), None)
    if suffix is not None:
        return (*_unglue_one(token[: -len(suffix)]), suffix)
    prefix = next((w for w in glued if token != w and token.startswith(w) and _rest_ok(token[len(w) :], w)), None)
    if prefix is not None:
        return (prefix, *_unglue_one(token[len(prefix) :]))
    return (token,)


@lru_cache(maxsize=100_000)
def _near_legal(token: str) -> bool:
    """One letter off a legal word of four letters or more ("jdint", "stoock", "jint")."""
    if len(token) < 4 or is_legal_word(token):
        return False
    from rapidfuzz.distance import OSA

    return any(len(w) >= 4 and abs(len(w) - len(token)) <= 1 and OSA.distance(token, w) <= 1 for w in _legal_words())


def _legal_at(tokens: list[str], i: int, inward: int, outside: str | None) -> bool:
    """A legal word at position ``i``, or a misspelt one right beside a real one ("JDINT STOCK COMPANY"):
    the word just peeled off outside it, or the next one inward."""
    if is_legal_word(tokens[i]):
        return True
    if len(tokens) < 3 or not _near_legal(tokens[i]):
        return False
    j = i + inward
    return (outside is not None and is_legal_word(outside)) or (0 <= j < len(tokens) and is_legal_word(tokens[j]))


def _legal_edges(tokens: list[str], legal: set[str], peeled: set[str]) -> list[str]:
    """Peel legal words off both ends ("Acme Trading Company" keeps "acme trading", class unknown).

    Words that are no legal form on their own ("research", "foundation") go to ``peeled``.
    """
    words: dict[str, str | None] = lookups()["edge_legal_words"]
    word: str | None = None
    while len(tokens) > 1 and _legal_at(tokens, len(tokens) - 1, -1, word):
        word = tokens.pop()
        legal.add(words.get(word) or "")
        if word not in words and word not in _legal_words():
            continue  # a misspelt legal word ("liabilty")
        if word not in words:
            peeled.add(word)
    word = None
    while len(tokens) > 1 and _legal_at(tokens, 0, 1, word):
        word = tokens.pop(0)
        legal.add(words.get(word) or "")
        if word in _legal_words() and word not in words:
            peeled.add(word)
    return tokens


@lru_cache(maxsize=300_000)
def name_forms(name: str, kind: str = ANY) -> tuple[NameForm, ...]:
    """The forms of a name (usually one; two for a Han name); empty when nothing is left."""
    text = clean_text(name)
    if text is None:
        return ()
    text = text[:MAX_NAME_CHARS]
    if kind in (PERSON, ANY):
        text = remove_person_prefixes(text) or text
    script = script_of(text)
    found: list[str] = []
    legal: set[str] = set()
    peeled: set[str] = set()
    if script == HAN and kind != PERSON:
        text = _strip_han_legal(text, legal)
    legal_tokens: list[str] = []
    for parsed in analyze_names(_TYPE_TAG, [text], phonetics=False, numerics=False, consolidate=False):
        if kind != PERSON:
            for span in parsed.spans:
                if span.symbol.category == SymbolCategory.ORG_CLASS:
                    legal.add(str(span.symbol.id))
        for part in parsed.parts:
            words = _latin_tokens(part.form, part.ascii)
            if part.tag == NamePartTag.LEGAL and kind != PERSON and not _series_markers() >= set(words):
                legal_tokens.extend(words)
                legal.add("")
                continue
            found.extend(words)
        break
    if kind != PERSON:
        found = _legal_edges(_unglue(found), legal, peeled)
    if not found:
        # a name that is nothing but a legal form ("Company Limited") keeps its words
        found = legal_tokens
        legal = set()
    # a word written twice stays twice ("VALLE VALLE, Miguel", a Spanish double surname): the features
    # weigh a repeated word lightly; the keys below drop the repeat
    tokens = tuple(found)
    if not tokens:
        return ()
    classes = frozenset(legal)
    weak = frozenset(t for t in tokens if is_legal_word(t)) if kind != PERSON and len(tokens) > 1 else frozenset()
    edges = frozenset(w for w in peeled if len(w) > 2 and w != "the")
    forms = [NameForm(tokens, kind, weak, classes, script, edges)]
    if script == HAN and 2 <= len(tokens) <= 4:
        forms.append(NameForm((tokens[0], "".join(tokens[1:])), kind, weak, classes, script, edges))
    return tuple(forms)


def joined(tokens: tuple[str, ...]) -> str:
    return "".join(tokens)


def _once(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """A word repeated right after itself once: "Sergey Sergey Shoigu" keys as "Sergey Shoigu"."""
    return tuple(t for i, t in enumerate(tokens) if i == 0 or t != tokens[i - 1])


def name_tokens(name: str, kind: str = ANY) -> tuple[str, ...]:
    """The identifying tokens of a name in written order (legal forms, prefixes and script gone)."""
    forms = name_forms(name, kind)
    return _once(forms[0].tokens) if forms else ()


def name_key(name: str, kind: str = ANY) -> str:
    """A plain comparison key: the first form's tokens sorted and joined by spaces ("" when none).

    For callers that need one string per name (blocking keys, graph search); scoring
    goes through :func:`tracegraph.match.compare_names`. "Fujing Zheng", "ZHENG Fujing"
    and 郑福景 share the key ``fujing zheng``; "Gazprom Neft PJSC" and "ПАО Газпром нефть"
    share ``gazprom neft``.
    """
    forms = name_forms(name, kind)
    if not forms:
        return ""
    # a Han name's second form joins the given name's syllables, as Latin writes it
    return " ".join(sorted(_once(forms[-1].tokens)))


def compact_key(name: str, kind: str = ANY) -> str:
    """The tokens in written order with no spaces: "Ya Feng", "Yafeng" and 亚丰 agree."""
    return "".join(name_tokens(name, kind))
