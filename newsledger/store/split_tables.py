"""Hash-keyed lookup tables written at a small recent part and merged into their large part in sorted bulk.

The LSH bands of the reprint signatures are keyed by hashes: each new row lands on a random page of the B-tree.
In a small store those pages are few and shared; at 100,000 documents each band row of a relink dirties a page of
its own, and writing those pages back (SQLite's WAL) became a cost that grows with the store (measured: 4,444 of a
relink's 8,459 written pages were band pages, docs/BENCHMARKS.md). So such a table has a ``<name>_recent`` twin of
the same shape: rows are inserted there (its few pages stay hot), read from both, deleted from both, and the relink
moves the recent rows into the main table in key order once they reach a sixteenth of it (:func:`settle`): one pass
over the pages that gain rows instead of a page per row. Which part holds a row is never visible: every read is of
both, and the merge runs inside the relink's transaction.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from newsledger.store.connection import Database, delete_rows

#: The recent part is merged once it holds at least this many rows...
MERGE_MIN_ROWS = 50_000
#: ... and at least this fraction of the main part (so a merge's pass over the main part's pages stays rare).
MERGE_FRACTION = 1 / 16


@dataclass(frozen=True)
class SplitTable:
    """A WITHOUT ROWID table whose columns are all its primary key, in key order."""

    name: str
    columns: tuple[str, ...]

    @property
    def recent(self) -> str:
        return f"{self.name}_recent"

    @property
    def parts(self) -> tuple[str, str]:
        return (self.name, self.recent)


BANDS = SplitTable("reprint_bands", ("band", "key", "seq"))
#: The incident blocks are not split: an event's rows go to the end of its ~20 keys' ranges, so a relink dirties a
#: page per key it touches (about 1,800 at 100,000 documents), not a page per row; split, they wrote 602 pages per
#: relink instead, but side by side the writer was no faster (docs/BENCHMARKS.md, round 7).
SPLIT_TABLES = (BANDS,)


def delete(db: Database, table: SplitTable, rows: Sequence[Sequence[int]]) -> None:
    """Delete rows by their full key from both parts."""
    for part in table.parts:
        delete_rows(db, part, table.columns, rows)


def union_sql(table: SplitTable) -> str:
    """A subquery reading both parts as one table (for exports and checks, not for lookups)."""
    cols = ", ".join(table.columns)
    return f"SELECT {cols} FROM {table.name} UNION ALL SELECT {cols} FROM {table.recent}"


def _state_name(table: SplitTable) -> str:
    return f"rows:{table.name}"


def main_rows(db: Database, table: SplitTable) -> int:
    """The main part's row count at its last merge (kept in ``relink_state``; the deletes since make it an
    overestimate, which only delays the next merge a little)."""
    row = db.conn.execute("SELECT value FROM relink_state WHERE name = ?", (_state_name(table),)).fetchone()
    return int(row[0]) if row else 0


def settle(db: Database, table: SplitTable) -> bool:
    """Merge the recent part into the main part when it is large enough (inside the caller's transaction)."""
    conn = db.conn
    recent = int(conn.execute(f"SELECT COUNT(*) FROM {table.recent}").fetchone()[0])
    if recent < max(MERGE_MIN_ROWS, main_rows(db, table) * MERGE_FRACTION):
        return False
    cols = ", ".join(table.columns)
    conn.execute(f"INSERT OR IGNORE INTO {table.name}({cols}) SELECT {cols} FROM {table.recent} ORDER BY {cols}")
    conn.execute(f"DELETE FROM {table.recent}")
    count = int(conn.execute(f"SELECT COUNT(*) FROM {table.name}").fetchone()[0])
    conn.execute("INSERT INTO relink_state(name, value) VALUES (?, ?) "
                 "ON CONFLICT(name) DO UPDATE SET value = excluded.value", (_state_name(table), str(count)))
    return True


def forget_counts(db: Database) -> None:
    """The main parts were emptied (a full relink)."""
    for table in SPLIT_TABLES:
        db.conn.execute("DELETE FROM relink_state WHERE name = ?", (_state_name(table),))
