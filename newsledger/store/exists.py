"""Whether a path holds a store, checked without creating or changing anything.

Read commands (``stats``, ``search``, ``export``, ``serve``...) call :func:`require_store` before
opening: opening a :class:`~newsledger.store.ledger.Store` creates and migrates the file, which is
right for ``ingest`` and wrong for a mistyped ``--db``.
"""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from newsledger.errors import NoStore, StoreError


def store_exists(path: str) -> bool:
    """True when ``path`` is a file holding a newsledger store (any schema version).

    Raises :class:`~newsledger.errors.StoreError` (E040) for a file that is not an SQLite database
    at all, so that no command writes tables into it.
    """
    return _is_store(path)


def require_store(path: str) -> None:
    """Raise :class:`~newsledger.errors.NoStore` (E042) unless ``path`` holds a store; never creates a file."""
    if not store_exists(path):
        raise NoStore(f"no store at {path!r}: run `newsledger ingest PATHS --db {path}` first")


def _is_store(path: str) -> bool:
    if path == ":memory:" or not os.path.isfile(path) or os.path.getsize(path) == 0:
        return False
    uri = Path(path).resolve().as_uri() + "?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=30)
        try:
            has_documents = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'documents'").fetchone() is not None
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise StoreError(f"{path!r} is not a newsledger store ({exc}): pass the store's file with --db") from exc
    return has_documents
