"""A schema added to the model for one test: what a deployment's own YAML type would be."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from tracegraph import vocab


@contextmanager
def extra_schema(name: str, spec: dict[str, Any]) -> Iterator[str]:
    """Load ``spec`` into the one model as schema ``name`` (FtM schema YAML as a dict); removed afterwards."""
    from followthemoney.schema import Schema

    ftm = vocab.model()
    assert name not in ftm.schemata
    added = Schema(ftm, name, {"label": name, "plural": name, **spec})  # type: ignore[arg-type]
    ftm.schemata[name] = added
    ftm.generate()
    for schema in ftm:
        schema._matchable_schemata = None
    try:
        yield name
    finally:
        del ftm.schemata[name]
        for schema in ftm:
            schema.descendants.discard(added)
            schema._matchable_schemata = None
        vocab.is_a.cache_clear()
        ftm.generate()
