"""One settings object, read from ``TRACEGRAPH_*`` environment variables.

Settings are passed into constructors; nothing deep in the library reads the
environment itself.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

DEFAULT_DB = "tracegraph.sqlite"


@dataclass(frozen=True)
class Settings:
    """Runtime configuration.

    ``db`` is a SQLite file path or a ``postgresql://`` URL.
    """

    db: str = DEFAULT_DB
    dataset: str = "default"
    max_document_bytes: int = 2_000_000
    keep_raw_bytes: int = 10_000_000
    progress: bool | None = None
    extra: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        """Build settings from the environment, then apply explicit overrides (e.g. ``--db``)."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        if env.get("TRACEGRAPH_DB"):
            values["db"] = env["TRACEGRAPH_DB"]
        if env.get("TRACEGRAPH_DATASET"):
            values["dataset"] = env["TRACEGRAPH_DATASET"]
        if env.get("TRACEGRAPH_MAX_DOCUMENT_BYTES"):
            values["max_document_bytes"] = int(env["TRACEGRAPH_MAX_DOCUMENT_BYTES"])
        extra = {k[len("TRACEGRAPH_") :].lower(): v for k, v in env.items() if k.startswith("TRACEGRAPH_")}
        values["extra"] = extra
        values.update({k: v for k, v in overrides.items() if v is not None})
        return replace(cls(), **values)  # type: ignore[arg-type]

    @property
    def db_path(self) -> Path | None:
        """The SQLite file, or ``None`` when ``db`` is a server URL."""
        if "://" in self.db and not self.db.startswith("sqlite://"):
            return None
        return Path(self.db.removeprefix("sqlite:///").removeprefix("sqlite://"))
