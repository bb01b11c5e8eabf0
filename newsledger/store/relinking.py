"""Queries of the full relink: the durable "to relink" mark, the canonical order, the reset of the linking tables.

Every stored document marks itself in ``relink_pending`` inside its own transaction; the full relink
(:mod:`newsledger.crossdoc.relink`) clears the mark in its transaction. A mark left behind means a
run died (or another writer is still storing) before the cross-document tables were recomputed.
"""
from __future__ import annotations

import itertools
from contextlib import contextmanager
from typing import Iterator

from newsledger.store.connection import Database

#: Tables the cross-document linking writes and the full relink rebuilds from nothing.
CROSSDOC_TABLES = ("reprint_signatures", "reprint_bands", "incidents", "incident_events", "incident_blocks",
                   "incident_places", "incident_days", "name_variants")

_savepoints = itertools.count(1)


def mark_pending(db: Database, doc_id: str) -> None:
    """Record that a document was stored and the cross-document tables must be recomputed."""
    db.conn.execute("INSERT OR IGNORE INTO relink_pending(doc_id) VALUES (?)", (doc_id,))


def pending_count(db: Database) -> int:
    """How many stored documents wait for a full relink."""
    return int(db.conn.execute("SELECT COUNT(*) FROM relink_pending").fetchone()[0])


def canonical_order(db: Database) -> list[str]:
    """Every stored document id in the canonical linking order: published day (undated last), then id."""
    return [str(r[0]) for r in db.conn.execute(
        "SELECT id FROM documents ORDER BY published_value IS NULL, published_value, id")]


def clear_crossdoc(db: Database) -> None:
    """Empty the linking tables and columns and the pending marks (inside the caller's transaction)."""
    conn = db.conn
    for table in CROSSDOC_TABLES:
        conn.execute(f"DELETE FROM {table}")
    # Signatures are numbered again from 1, so their order is the canonical one too.
    conn.execute("DELETE FROM sqlite_sequence WHERE name = 'reprint_signatures'")
    conn.execute("UPDATE documents SET reprint_of = NULL WHERE reprint_of IS NOT NULL")
    conn.execute("UPDATE events SET incident_id = NULL WHERE incident_id IS NOT NULL")
    conn.execute("DELETE FROM relink_pending")


@contextmanager
def savepoint(db: Database) -> Iterator[None]:
    """A nested unit inside the caller's transaction: an exception rolls back only what was written in it."""
    name = f"sp{next(_savepoints)}"
    db.conn.execute(f"SAVEPOINT {name}")
    try:
        yield
    except BaseException:
        db.conn.execute(f"ROLLBACK TO {name}")
        db.conn.execute(f"RELEASE {name}")
        raise
    db.conn.execute(f"RELEASE {name}")
