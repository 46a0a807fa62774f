"""Migrations for the statement model (``model.N``): evidence columns FtM's statements gained with us.

``model.1`` adds ``hedge`` and ``attribution`` (evidence qualifiers that were
properties of relation entities only) and ``original_value`` (the value as
written, where cleaning by its FtM type changed it). Older statements keep
``NULL`` there: nothing is rewritten.

``model.2`` re-keys the name index with the one matching normaliser
(:func:`tracegraph.match.fold`: "O'Brien" was ``o brien``, is ``obrien``), so a
store written before finds its names by the keys search and ``show`` now use.
"""

from __future__ import annotations

from typing import Any

from tracegraph.store.migrations import register


def _rekey_names(store: Any) -> None:
    from tracegraph.store.names import rekey_name_index

    rekey_name_index(store)


register(
    "model.1",
    "ALTER TABLE statements ADD COLUMN hedge TEXT",
    "ALTER TABLE statements ADD COLUMN attribution TEXT",
    "ALTER TABLE statements ADD COLUMN original_value TEXT",
)

register("model.2", _rekey_names)
