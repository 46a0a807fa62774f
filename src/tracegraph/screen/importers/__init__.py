"""Readers for real sanctions lists; each yields :class:`ListRecord` or :class:`BadRow`.

``read_list(paths, list_name)`` picks the reader from the list name or the
file names, so the CLI and the benchmarks share one entry point.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from tracegraph.errors import InputError
from tracegraph.screen.records import Item

#: list name -> reader kind
LIST_KINDS = {
    "us_ofac_sdn": "ofac",
    "us_ofac_cons": "ofac",
    "un_sc_sanctions": "un",
    "us_trade_csl": "csl",
    "gb_hmt_sanctions": "ofsi",
    "us_bis_denied": "dpl",
}
#: short names accepted on the command line
ALIASES = {
    "ofac_sdn": "us_ofac_sdn",
    "ofac_cons": "us_ofac_cons",
    "un_sc": "un_sc_sanctions",
    "us_csl": "us_trade_csl",
    "ofsi": "gb_hmt_sanctions",
    "uk_ofsi": "gb_hmt_sanctions",
    "dpl": "us_bis_denied",
}


def guess_list(paths: Sequence[Path]) -> str:
    """The list name a set of files most likely holds, from their names."""
    names = {p.name.lower() for p in paths}
    if names & {"sdn.csv", "sdn_comments.csv"} or (names & {"add.csv", "alt.csv"} and not names & {"cons_prim.csv"}):
        return "us_ofac_sdn"
    if any(n.startswith("conlist") for n in names):
        return "gb_hmt_sanctions"
    if names & {"dpl.txt"}:
        return "us_bis_denied"
    if any(n.startswith("cons_") for n in names):
        return "us_ofac_cons"
    if any(n.endswith(".xml") for n in names):
        return "un_sc_sanctions"
    if any(n.endswith((".json", ".jsonl", ".ijson", ".ftm")) for n in names):
        return "ftm"
    if any(n.endswith(".csv") for n in names):
        return "us_trade_csl"
    raise InputError("cannot tell which list these files hold; pass --list", subject=", ".join(sorted(names)))


def read_list(paths: Sequence[Path], list_name: str | None = None) -> tuple[str, Iterator[Item]]:
    """The list name and a stream of its records and bad rows."""
    for path in paths:
        if not path.is_file():
            raise InputError("no such file", subject=str(path))
    name = ALIASES.get(list_name or "", list_name) or guess_list(paths)
    kind = LIST_KINDS.get(name, "ftm" if name == "ftm" or name not in LIST_KINDS else name)
    if kind == "ofac":
        from tracegraph.screen.importers.ofac import read_ofac

        return name, read_ofac(paths, name)
    if kind == "un":
        from tracegraph.screen.importers.un import read_un

        return name, read_un(paths, name)
    if kind == "csl":
        from tracegraph.screen.importers.csl import read_csl

        return name, read_csl(paths, name)
    if kind == "ofsi":
        from tracegraph.screen.importers.ofsi import read_ofsi

        return name, read_ofsi(paths, name)
    if kind == "dpl":
        from tracegraph.screen.importers.dpl import read_dpl

        return name, read_dpl(paths, name)
    from tracegraph.screen.importers.ftm import read_ftm

    if name == "ftm":
        name = paths[0].name.split(".")[0].split("__")[0]
    return name, read_ftm(paths, name)
