"""Nothing outside ``store/`` runs SQL: each part's statements live in ``store/queries/<part>.py``.

The walk reads the source with :mod:`ast`, so it sees what runs rather than what a comment says. It
flags a call of ``.execute``, ``.executemany``, ``.executescript`` or ``.exec_driver_sql``; a
``.query`` call given a string; and a string that reads as a data statement (``SELECT``,
``INSERT INTO``, ``UPDATE ... SET``, ``DELETE FROM``, ``WITH ... AS (``, ``PRAGMA``, ``SET x =``;
the keywords in capitals, as our SQL writes them). Table definitions (``CREATE``, ``ALTER``) in a
part's ``tables.py`` migrations are not flagged: each part registers its own schema changes.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "tracegraph"
RUNS_SQL = {"execute", "executemany", "executescript", "exec_driver_sql"}
STATEMENT = re.compile(
    r"^\s*(SELECT\s|INSERT\s+INTO\s|UPDATE\s+\w+\s+SET\s|DELETE\s+FROM\s|PRAGMA\s|SET\s+\w+\s*="
    r"|WITH\s+(RECURSIVE\s+)?\w+(\s*\([^)]*\))?\s+AS\s*\()"
)


def _text(node: ast.AST) -> str | None:
    """The leading literal text of a string expression (a constant, an f-string, or a sum of them)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        first = node.values[0] if node.values else None
        return first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else ""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _text(node.left)
    return None


def sql_in(source: str) -> dict[int, str]:
    """Line -> what, for every line of ``source`` that runs or spells out SQL."""
    found: dict[int, str] = {}
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            name = node.func.attr
            if name in RUNS_SQL:
                found.setdefault(node.lineno, f"calls .{name}()")
            elif name == "query" and node.args and _text(node.args[0]) is not None:
                found.setdefault(node.lineno, "calls .query() with a string")
        elif isinstance(node, ast.JoinedStr | ast.Constant):
            text = _text(node)
            if text and STATEMENT.match(text):
                found.setdefault(node.lineno, f"SQL text {text.strip()[:40]!r}")
    return dict(sorted(found.items()))


def _outside_store() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py") if p.relative_to(SRC).parts[0] != "store")


def test_no_sql_outside_the_store() -> None:
    problems = []
    for path in _outside_store():
        name = path.relative_to(SRC).as_posix()
        problems += [f"src/tracegraph/{name}:{line}: {what}" for line, what in sql_in(path.read_text("utf-8")).items()]
    assert not problems, "SQL outside store/ (move it to store/queries/<part>.py):\n" + "\n".join(problems)


def test_the_check_sees_sql_in_its_usual_shapes() -> None:
    source = """
def load(store, ids, marks):
    store.executemany("UPDATE list_entries SET status = ? WHERE id = ?", ids)
    rows = store.query(f"SELECT id FROM t WHERE id IN ({marks})", ids)
    text = (
        "WITH RECURSIVE up(id) AS (SELECT 1) "
        "SELECT id FROM up"
    )
    con.exec_driver_sql(text)
    summary = "Select the entries, then update them"
    return audit.query(store, "alice"), entity.query()
"""
    assert set(sql_in(source)) == {3, 4, 6, 9}


def test_store_queries_import_no_domain_package() -> None:
    """The store's query modules know table names, never the parts' code: the store names no domain package."""
    allowed = ("tracegraph.store", "tracegraph.errors")
    problems = []
    for path in sorted((SRC / "store" / "queries").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            problems += [
                f"{path.name}:{node.lineno}: {n}"
                for n in names
                if n.startswith("tracegraph") and not n.startswith(allowed)
            ]
    assert not problems, "store/queries imports a domain package:\n" + "\n".join(problems)
