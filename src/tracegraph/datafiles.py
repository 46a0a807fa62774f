"""YAML data files shipped inside tracegraph's packages (lookups, rules, registries).

Messy-value fixes and pattern lists live in such files rather than in code; this
is the one place that reads them. Callers cache what they build from the data.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml

from tracegraph.errors import ConfigError

#: libyaml's loader when it is compiled in: same safe semantics, several times faster
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str, subject: str) -> dict[str, Any]:
    """A YAML mapping from text; anything else is a configuration error naming ``subject``."""
    try:
        data = yaml.load(text, Loader=LOADER)
    except yaml.YAMLError as exc:
        raise ConfigError(f"not valid YAML: {exc}", subject=subject) from exc
    if not isinstance(data, dict):
        raise ConfigError("expected a mapping", subject=subject)
    return data


def load_yaml(package: str, *path: str) -> dict[str, Any]:
    """The mapping in ``path`` under ``package`` (e.g. ``load_yaml("tracegraph.graph", "data", "edges.yaml")``)."""
    resource = resources.files(package).joinpath(*path)
    return parse_yaml(resource.read_text(encoding="utf-8"), f"{package}:{'/'.join(path)}")
