"""The main job as one library call: ``tracegraph.build(store)`` does what ``tracegraph build`` does.

Extraction over the stories not yet processed at each extractor's current
version, the substance registry written into the store (idempotent), then the
automatic resolution rules. The CLI, the Python API and the server run this
same function; the CLI only parses options and renders the summary.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from tracegraph.settings import Settings
from tracegraph.store import Store


def build(
    store: Store,
    settings: Settings | None = None,
    extractors: Sequence[str] | None = None,
    *,
    force: bool = False,
    resolve: bool = True,
    on_progress: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    """Extract, register substances and resolve; returns the summary (``failed`` > 0 if a document failed)."""
    from tracegraph.extract.extractors import default_extractors
    from tracegraph.extract.runner import build as run_build

    settings = settings or Settings()
    names = list(extractors or default_extractors())
    if on_progress is not None:
        summary = run_build(store, settings, names, force=force, on_progress=on_progress)
    else:
        summary = run_build(store, settings, names, force=force)
    data: dict[str, Any] = summary.to_dict()
    if not extractors:
        from tracegraph.substances.registry import import_registry

        import_registry(store)
    if resolve:
        from tracegraph.resolve import resolve as run_resolve

        data["merges"] = len(run_resolve(store))
    return data


def pending_documents(store: Store) -> int:
    """How many stories a build may look at (for a progress bar)."""
    return store.count_documents()
