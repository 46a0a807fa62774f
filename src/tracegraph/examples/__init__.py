"""The bundled example corpus: a small fictional network with a known answer (``gold.yaml``)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def corpus_path() -> Path:
    """The folder of example documents shipped inside the package."""
    return Path(str(resources.files("tracegraph.examples").joinpath("corpus")))


def gold_path() -> Path:
    """The expected entities and relations of the example corpus."""
    return Path(str(resources.files("tracegraph.examples").joinpath("gold.yaml")))
