"""The database file: one SQLite connection in WAL mode, migrated on open, and its transactions.

:class:`Database` is all a query function needs (``db.conn`` inside ``db.transaction()``);
:class:`newsledger.store.ledger.Store` adds documents, search and statistics on top. Scratch
databases (``Database(":memory:")``) hold the cross-document tables for the pure linking forms.
"""
from __future__ import annotations

import itertools
import json
import sqlite3
from contextlib import contextmanager
from typing import Any, Iterator, Self, Sequence

from newsledger.errors import StoreError
from newsledger.store.migrations import apply_migrations

#: Numbers the savepoints of a process (their names must differ while nested).
_SAVEPOINTS = itertools.count(1)

#: Page size of a new database file, in bytes.
PAGE_SIZE = 8192


class Database:
    """A newsledger database file, opened and brought to the current schema."""

    def __init__(self, path: str = "newsledger.db") -> None:
        self.path = path
        try:
            self.conn = sqlite3.connect(path, timeout=30, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open database {path!r}: {exc}: check the path and permissions") from exc
        self.conn.row_factory = sqlite3.Row
        # A new file gets 8 KiB pages (ignored for an existing one): a document row with its text and deflated
        # data (about 3 KB) leaves less of a page unused than with 4 KiB (docs/BENCHMARKS.md, store size).
        self.conn.execute(f"PRAGMA page_size={PAGE_SIZE}")
        if path != ":memory:":
            self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.execute("PRAGMA foreign_keys=ON")
        self.migrate()

    def migrate(self) -> None:
        """Apply the migrations this file has not seen yet, each in its own transaction."""
        apply_migrations(self.conn, self.path)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (``BEGIN IMMEDIATE``): committed on success, rolled back on any error.

        Inside another transaction (``ingest`` stores a batch of documents in one) it is a savepoint of it: an error
        rolls back only what was written in it, and the outer transaction commits the rest.
        """
        if self.conn.in_transaction:
            with self.savepoint():
                yield self.conn
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """A nested unit inside the caller's transaction: an exception rolls back only what was written in it."""
        name = f"sp{next(_SAVEPOINTS)}"
        self.conn.execute(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            self.conn.execute(f"ROLLBACK TO {name}")
            self.conn.execute(f"RELEASE {name}")
            raise
        self.conn.execute(f"RELEASE {name}")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


#: Rows deleted per statement by :func:`delete_rows`.
_DELETE_BATCH = 10_000


def delete_rows(db: Database, table: str, columns: Sequence[str], rows: Sequence[Sequence[int]]) -> None:
    """Delete the rows of ``table`` whose ``columns`` hold one of the given integer tuples, a statement per batch of
    rows instead of one per row (the tuples travel as one JSON array)."""
    picked = ", ".join(f"value ->> {i}" for i in range(len(columns)))
    sql = f"DELETE FROM {table} WHERE ({', '.join(columns)}) IN (SELECT {picked} FROM json_each(?))"
    for i in range(0, len(rows), _DELETE_BATCH):
        db.conn.execute(sql, (json.dumps(list(rows[i:i + _DELETE_BATCH])),))
