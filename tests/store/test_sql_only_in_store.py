"""Only newsledger/store/ writes SQL: every other module calls the store's query functions."""
from __future__ import annotations

import re

from tests.paths import REPO

PACKAGE = REPO / "newsledger"
STORE = PACKAGE / "store"

#: What SQL looks like in Python source: cursor calls and the statements' own keywords.
SQL_PATTERNS = {
    "execute(": re.compile(r"\.execute(many|script)?\("),
    "CREATE TABLE/INDEX/TRIGGER": re.compile(r"\bCREATE\s+(VIRTUAL\s+)?(TABLE|INDEX|TRIGGER)\b", re.I),
    "SELECT ... FROM": re.compile(r"\bSELECT\b[^\n]*?\bFROM\b"),
    "INSERT INTO": re.compile(r"\bINSERT\s+(OR\s+\w+\s+)?INTO\b"),
    "UPDATE ... SET": re.compile(r"\bUPDATE\s+\w+\s+SET\b"),
    "DELETE FROM": re.compile(r"\bDELETE\s+FROM\b"),
    "PRAGMA": re.compile(r"\bPRAGMA\s+\w+"),
}


def sql_outside_store() -> list[str]:
    """``path:line: what`` for every line of SQL in a module outside ``newsledger/store/``."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if STORE in path.parents:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for what, pattern in SQL_PATTERNS.items():
                if pattern.search(line):
                    found.append(f"{path.relative_to(REPO)}:{number}: {what}")
    return found


def test_the_patterns_see_sql():
    assert all(p.search(s) for p, s in zip(SQL_PATTERNS.values(), (
        "conn.execute('x')", "CREATE TABLE t (a)", "SELECT a FROM t", "INSERT OR IGNORE INTO t", "UPDATE t SET a = 1",
        "DELETE FROM t", "PRAGMA user_version")))


def test_no_sql_outside_the_store():
    found = sql_outside_store()
    assert not found, "SQL outside newsledger/store/ (add a query function there):\n" + "\n".join(found)
