"""The database file: one SQLite connection in WAL mode, migrated on open, and its transactions.

:class:`Database` is all a query function needs (``db.conn`` inside ``db.transaction()``);
:class:`newsledger.store.ledger.Store` adds documents, search and statistics on top. Scratch
databases (``Database(":memory:")``) hold the cross-document tables for the pure linking forms.
"""
from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from typing import Any, Iterator, Self

from newsledger.errors import StoreError
from newsledger.store.migrations import apply_migrations


class Database:
    """A newsledger database file, opened and brought to the current schema."""

    def __init__(self, path: str = "newsledger.db") -> None:
        self.path = path
        try:
            self.conn = sqlite3.connect(path, timeout=30, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open database {path!r}: {exc}: check the path and permissions") from exc
        self.conn.row_factory = sqlite3.Row
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
        """One write transaction (``BEGIN IMMEDIATE``): committed on success, rolled back on any error."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
