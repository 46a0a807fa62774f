"""Import FollowTheMoney with its model read by libyaml, on first use.

``import followthemoney`` builds the model from its YAML files with PyYAML's pure-Python safe loader,
which is most of the import's cost (about 0.15 s of the 0.3 s). When PyYAML has its C extension, the
same files are read by the C safe loader instead: same YAML rules, same values, a fifth of the time.

``import tracegraph`` does not import FollowTheMoney: a command that never reads the model (a cold
``tracegraph screen NAME`` through the index file) should not pay for it. Instead
:func:`read_model_with_libyaml_on_first_import` puts a finder on ``sys.meta_path`` that, the first
time any module imports ``followthemoney``, runs that import with the C loader swapped in, then
steps aside. If something imported FollowTheMoney before, nothing changes.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # ``importlib.abc`` imports ``importlib.resources`` (tempfile, shutil...): not at start-up
    from importlib.abc import Loader
    from importlib.machinery import ModuleSpec


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


class _LibyamlLoader:
    """FollowTheMoney's own loader, run with the C safe loader swapped into PyYAML."""

    def __init__(self, real: Loader) -> None:
        self.real = real

    def create_module(self, spec: ModuleSpec) -> ModuleType | None:
        return self.real.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        # the module keeps its own loader (resources, reloads), only this first run goes through here
        module.__loader__ = self.real
        if module.__spec__ is not None:
            module.__spec__.loader = self.real
        import yaml

        if not getattr(yaml, "__with_libyaml__", False):
            self.real.exec_module(module)
            return
        pure = yaml.safe_load
        yaml.safe_load = c_safe_load
        try:
            self.real.exec_module(module)
        finally:
            yaml.safe_load = pure


class _FirstImport:
    """Finds ``followthemoney`` once, with :class:`_LibyamlLoader` around its loader (a ``sys.meta_path`` finder)."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname != "followthemoney":
            return None
        if self in sys.meta_path:
            sys.meta_path.remove(self)
        spec = importlib.util.find_spec(fullname)
        if spec is not None and spec.loader is not None:
            spec.loader = _LibyamlLoader(spec.loader)  # type: ignore[assignment]
        return spec


def read_model_with_libyaml_on_first_import() -> None:
    """Make the first ``import followthemoney``, wherever it happens, read the model through libyaml."""
    if "followthemoney" in sys.modules or any(isinstance(f, _FirstImport) for f in sys.meta_path):
        return
    sys.meta_path.insert(0, _FirstImport())
