"""Migrations for the statement model (``model.N``): evidence columns FtM's statements gained with us.

``model.1`` adds ``hedge`` and ``attribution`` (evidence qualifiers that were
properties of relation entities only) and ``original_value`` (the value as
written, where cleaning by its FtM type changed it). Older statements keep
``NULL`` there: nothing is rewritten.
"""

from __future__ import annotations

from tracegraph.store.migrations import register

register(
    "model.1",
    "ALTER TABLE statements ADD COLUMN hedge TEXT",
    "ALTER TABLE statements ADD COLUMN attribution TEXT",
    "ALTER TABLE statements ADD COLUMN original_value TEXT",
)
