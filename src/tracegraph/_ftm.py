"""Import FollowTheMoney with its model read by libyaml.

``import followthemoney`` builds the model from its YAML files with PyYAML's pure-Python safe loader,
which is most of the import's cost (about 0.15 s of the 0.3 s, paid by every command and process).
When PyYAML has its C extension, the same files are read by the C safe loader instead: same YAML
rules, same values, a fifth of the time. Done once, before any other part imports FollowTheMoney;
if something imported it first, nothing changes.
"""

from __future__ import annotations

import sys
from typing import Any


def c_safe_load(stream: Any) -> Any:
    """``yaml.safe_load`` through libyaml (PyYAML's ``CSafeLoader``, as :mod:`tracegraph.datafiles` reads ours)."""
    import yaml

    from tracegraph.datafiles import LOADER

    return yaml.load(stream, Loader=LOADER)


def import_followthemoney() -> None:
    """Import ``followthemoney`` (and so build its model) with PyYAML's C safe loader when available."""
    if "followthemoney" in sys.modules:
        return
    import yaml

    if not getattr(yaml, "__with_libyaml__", False):
        import followthemoney

        return
    pure = yaml.safe_load
    yaml.safe_load = c_safe_load
    try:
        import followthemoney  # noqa: F401
    finally:
        yaml.safe_load = pure
