"""Systematic (IUPAC) names to structures with OPSIN, when it can run offline.

OPSIN comes with the optional extra ``tracegraph[opsin]`` (the ``py2opsin``
package bundles the jar) and needs ``java`` on PATH. Each call starts a JVM
(about a second), so names are converted in batches. When either piece is
missing the feature is off and :func:`opsin_status` says why.
"""

from __future__ import annotations

import importlib.util
import shutil
import warnings
from collections.abc import Sequence

from tracegraph.errors import ConfigError


def opsin_status() -> tuple[bool, str]:
    """Whether name-to-structure conversion is available, and why not when it is off."""
    if importlib.util.find_spec("py2opsin") is None:
        return False, "systematic names are off: install the extra with pip install 'tracegraph[opsin]'"
    if shutil.which("java") is None:
        return False, "systematic names are off: OPSIN needs 'java' on PATH"
    return True, "systematic names are on (OPSIN via py2opsin)"


def names_to_smiles(names: Sequence[str]) -> dict[str, str | None]:
    """Convert many names in one JVM start; a name OPSIN cannot parse maps to ``None``."""
    on, why = opsin_status()
    if not on:
        raise ConfigError(why)
    unique = list(dict.fromkeys(n.strip() for n in names if n and n.strip()))
    if not unique:
        return {}
    from py2opsin import py2opsin

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = py2opsin(unique, output_format="SMILES")
    values = result if isinstance(result, list) else [result]
    return {name: (str(smiles) or None) if smiles else None for name, smiles in zip(unique, values, strict=False)}
