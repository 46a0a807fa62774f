"""Registered, versioned steps looked up by name (``ner.spacy.v1``, ``match.names.v1``).

A step is a plain callable (or a factory returning one) registered under a
kind and a dotted name ending in a version. Modules that register steps are
listed in :data:`STEP_MODULES` and imported on first look-up, so nothing heavy
happens at import time.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, TypeVar

from tracegraph.errors import ConfigError

F = TypeVar("F", bound=Callable[..., Any])

#: modules whose import registers steps; each part of tracegraph adds its own line
STEP_MODULES: list[str] = [
    "tracegraph.screen.matcher",
    "tracegraph.resolve.auto",
    "tracegraph.export",
    "tracegraph.substances.extractor",
    "tracegraph.extract.extractors",
    "tracegraph.extract.trained",
]

_STEPS: dict[str, dict[str, Callable[..., Any]]] = {}
_loaded = False


def register(kind: str, name: str) -> Callable[[F], F]:
    """Decorator: register ``func`` as step ``name`` of ``kind`` (e.g. ``"extractor"``)."""

    def wrap(func: F) -> F:
        _STEPS.setdefault(kind, {})[name] = func
        return func

    return wrap


def _load() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    for module in STEP_MODULES:
        importlib.import_module(module)


def get(kind: str, name: str) -> Callable[..., Any]:
    """The step registered as ``name``; a config error lists the known names otherwise."""
    _load()
    steps = _STEPS.get(kind, {})
    if name not in steps:
        known = ", ".join(sorted(steps)) or "none"
        raise ConfigError(f"no {kind} named {name!r}; known: {known}")
    return steps[name]


def names(kind: str) -> list[str]:
    _load()
    return sorted(_STEPS.get(kind, {}))
