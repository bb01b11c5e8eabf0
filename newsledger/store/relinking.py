"""Queries of the relink: the durable "to relink" mark, the canonical order, the reset of the linking tables, and
the undo log that lets a relink redo only the canonical order's suffix.

Every stored document marks itself in ``relink_pending`` inside its own transaction (and so does an earlier
page whose paragraphs were re-marked as boilerplate); the relink (:mod:`newsledger.crossdoc.relink`) clears the
marks in its transaction. A mark left behind means the cross-document tables are not yet the canonical linking
of the stored documents.

The undo log: while a document is linked, temporary triggers record, once per document and row, the previous
state of every row of the *shared* linking tables it changes (incidents and their votes, name counts), keyed
by the document's canonical key. Rows of the *per-document* tables carry the document id; the updates a later
document makes to them (a bridge moving an incident's members) are logged like the shared tables' changes. So the state after
linking every document before key ``k`` is recovered exactly by replaying the log of keys >= ``k`` backwards
and deleting those documents' own rows: rows come back with their rowids, numbering continues where it was.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Callable, Iterator, Optional, Sequence

from newsledger.store import split_tables
from newsledger.store.connection import Database

#: Tables the cross-document linking writes and the full relink rebuilds from nothing.
CROSSDOC_TABLES = ("reprint_signatures", "reprint_bands", "reprint_bands_recent", "incidents", "incident_events",
                   "incident_blocks", "incident_places", "incident_days", "name_variants")

#: Linking tables whose rows several documents change: undone through the undo log.
SHARED_TABLES = ("incidents", "incident_places", "incident_days", "name_variants")
#: Linking tables whose rows belong to one document (``doc_id``; a block row through its member event), only ever
#: inserted by its linking.
PER_DOCUMENT_TABLES = ("reprint_signatures", "reprint_bands", "reprint_bands_recent", "incident_blocks",
                       "incident_events")
#: Per-document tables whose rows a later document's linking may change (a report bridging two incidents moves one's
#: members into the other): their updates are undone through the undo log too.
REASSIGNED_TABLES = ("incident_events",)
#: Per-document tables with no index by document (it would cost as much as the table): their rows are deleted by
#: primary key, recomputed from the document's signature and event features before those rows go (``unlink_from``).
DERIVED_TABLES = ("reprint_bands", "reprint_bands_recent", "incident_blocks")
#: The version of the code that derives those keys (``relink_state``); when a release changes it, the stored keys
#: cannot be recomputed and the next relink is a full one.
DERIVED_KEYS_VERSION = "1"
#: Columns a shared table may have (the undo log has this many value slots).
_SLOTS = 12
#: Separates the parts of a canonical key (sorts below every character of a date or an id).
_SEP = "\x01"

def mark_pending(db: Database, doc_id: str) -> None:
    """Record that a document was stored and the cross-document tables must be recomputed."""
    db.conn.execute("INSERT OR IGNORE INTO relink_pending(doc_id) VALUES (?)", (doc_id,))


def pending_count(db: Database) -> int:
    """How many stored documents wait for a full relink."""
    return int(db.conn.execute("SELECT COUNT(*) FROM relink_pending").fetchone()[0])


def pending_ids(db: Database) -> list[str]:
    """The documents marked to relink."""
    return [str(r[0]) for r in db.conn.execute("SELECT doc_id FROM relink_pending")]


def canonical_order(db: Database) -> list[str]:
    """Every stored document id in the canonical linking order: published day (undated last), then id."""
    return [str(r[0]) for r in db.conn.execute(
        "SELECT id FROM documents ORDER BY published_value IS NULL, published_value, id")]


def canonical_key(published: Optional[str], doc_id: str) -> str:
    """A string whose order is the canonical linking order (published value, undated last, then id)."""
    return ("1" + _SEP if published is None else "0" + published + _SEP) + doc_id


def earliest_key(db: Database, doc_ids: Sequence[str]) -> Optional[str]:
    """The smallest canonical key of the given stored documents (None when none is stored)."""
    keys = canonical_keys(db, doc_ids).values()
    return min(keys) if keys else None


def order_from(db: Database, key: str) -> list[str]:
    """The stored document ids from canonical key ``key`` on (inclusive), in canonical order."""
    undated = key.startswith("1")
    doc_id = key.split(_SEP, 1)[1]
    if undated:
        rows = db.conn.execute("SELECT id FROM documents WHERE published_value IS NULL AND id >= ? ORDER BY id",
                               (doc_id,))
        return [str(r[0]) for r in rows]
    published = key[1:].split(_SEP, 1)[0]
    dated = db.conn.execute(
        "SELECT id FROM documents WHERE published_value > ? OR (published_value = ? AND id >= ?) "
        "ORDER BY published_value, id", (published, published, doc_id)).fetchall()
    rest = db.conn.execute("SELECT id FROM documents WHERE published_value IS NULL ORDER BY id").fetchall()
    return [str(r[0]) for r in dated] + [str(r[0]) for r in rest]


def canonical_keys(db: Database, doc_ids: Sequence[str]) -> dict[str, str]:
    """{doc id: canonical key} of stored documents."""
    out: dict[str, str] = {}
    for i in range(0, len(doc_ids), 500):
        chunk = list(doc_ids[i:i + 500])
        out.update((str(r[1]), canonical_key(r[0], str(r[1]))) for r in db.conn.execute(
            f"SELECT published_value, id FROM documents WHERE id IN ({','.join('?' * len(chunk))})", chunk))
    return out


# -- the undo log -----------------------------------------------------------------------

def undo_log_complete(db: Database) -> bool:
    """Whether the undo log covers every linked document (else only a full relink is exact)."""
    row = db.conn.execute("SELECT value FROM relink_state WHERE name = 'undo_log'").fetchone()
    return bool(row and row[0] == "complete")


def set_undo_log_complete(db: Database) -> None:
    db.conn.execute("INSERT INTO relink_state(name, value) VALUES ('undo_log', 'complete') "
                    "ON CONFLICT(name) DO UPDATE SET value = excluded.value")


def linking_tables(db: Database) -> set[str]:
    """The linking tables this file has (a newer linker may add some the undo log does not know)."""
    return {str(r[0]) for r in db.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")} & set(CROSSDOC_TABLES)


def _columns(db: Database, table: str) -> list[str]:
    return [str(r[1]) for r in db.conn.execute(f"PRAGMA main.table_info({table})")]


@contextmanager
def undo_logging(db: Database) -> Iterator[None]:
    """Record the undo log while linking (:func:`linking_document` says which document is being linked)."""
    conn = db.conn
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS link_context (key TEXT)")
    conn.execute("DELETE FROM temp.link_context")
    names = []
    for table in (*SHARED_TABLES, *REASSIGNED_TABLES):
        cols = _columns(db, table)
        if len(cols) > _SLOTS:
            raise ValueError(f"{table} has more than {_SLOTS} columns: widen crossdoc_undo")
        slots = ", ".join(f"v{i}" for i in range(len(cols)))
        ops = (("I", "AFTER INSERT", "new"), ("U", "BEFORE UPDATE", "old"), ("D", "BEFORE DELETE", "old"))
        for op, when, ref in ops if table in SHARED_TABLES else ops[1:2]:
            name = f"undo_{table}_{op}"
            values = "" if op == "I" else ", " + ", ".join(f"old.\"{c}\"" for c in cols)
            into = "" if op == "I" else ", " + slots
            conn.execute(
                f"CREATE TEMP TRIGGER IF NOT EXISTS {name} {when} ON main.{table} BEGIN "
                f"INSERT INTO crossdoc_undo(link_key, tbl, row_id, op{into}) "
                f"SELECT k.key, '{table}', {ref}.rowid, '{op}'{values} FROM temp.link_context k "
                f"WHERE NOT EXISTS (SELECT 1 FROM main.crossdoc_undo u WHERE u.link_key = k.key "
                f"AND u.tbl = '{table}' AND u.row_id = {ref}.rowid); END")
            names.append(name)
    try:
        yield
    finally:
        for name in names:
            conn.execute(f"DROP TRIGGER IF EXISTS temp.{name}")
        conn.execute("DELETE FROM temp.link_context")


def linking_document(db: Database, key: Optional[str]) -> None:
    """The canonical key of the document being linked now (None: stop recording)."""
    db.conn.execute("DELETE FROM temp.link_context")
    if key is not None:
        db.conn.execute("INSERT INTO temp.link_context(key) VALUES (?)", (key,))


def derived_keys_current(db: Database) -> bool:
    """Whether the stored block and band keys were derived by this code (so they can be recomputed to delete them)."""
    row = db.conn.execute("SELECT value FROM relink_state WHERE name = 'derived_keys'").fetchone()
    return bool(row and row[0] == DERIVED_KEYS_VERSION)


def set_derived_keys_current(db: Database) -> None:
    db.conn.execute("INSERT INTO relink_state(name, value) VALUES ('derived_keys', ?) "
                    "ON CONFLICT(name) DO UPDATE SET value = excluded.value", (DERIVED_KEYS_VERSION,))


def unlink_from(db: Database, key: str, doc_ids: Sequence[str], drop_derived: Callable[[Sequence[str]], None]) -> None:
    """Bring the linking tables back to their state before the document of canonical key ``key`` was linked.

    ``doc_ids`` are the documents from ``key`` on (their own rows and linking columns are dropped; the rows of
    :data:`DERIVED_TABLES` by ``drop_derived(chunk of doc ids)``, which recomputes their keys); the shared tables are
    restored from the undo log, the latest document's entries first (within one document each row has one entry, its
    state before that document, and ``INSERT OR REPLACE`` makes the entries independent of each other's order).
    """
    conn = db.conn
    columns = {t: _columns(db, t) for t in (*SHARED_TABLES, *REASSIGNED_TABLES)}
    entries = conn.execute(
        "SELECT tbl, row_id, op, v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11 FROM crossdoc_undo "
        "WHERE link_key >= ? ORDER BY link_key DESC, tbl DESC, row_id DESC", (key,)).fetchall()
    for tbl, row_id, op, *values in entries:
        if op == "I":
            conn.execute(f"DELETE FROM {tbl} WHERE rowid = ?", (row_id,))
        else:
            cols = columns[tbl]
            names = ", ".join(f'"{c}"' for c in cols)
            conn.execute(f"INSERT OR REPLACE INTO {tbl}(rowid, {names}) VALUES (?, {', '.join('?' * len(cols))})",
                         (row_id, *values[:len(cols)]))
    conn.execute("DELETE FROM crossdoc_undo WHERE link_key >= ?", (key,))
    for i in range(0, len(doc_ids), 500):
        chunk = list(doc_ids[i:i + 500])
        marks = ",".join("?" * len(chunk))
        drop_derived(chunk)
        for table in PER_DOCUMENT_TABLES:
            if table not in DERIVED_TABLES:
                conn.execute(f"DELETE FROM {table} WHERE doc_id IN ({marks})", chunk)
        conn.execute(f"UPDATE documents SET reprint_of = NULL WHERE reprint_of IS NOT NULL AND id IN ({marks})", chunk)
    # Signatures are numbered on from the last one kept, as if the later ones had never been linked.
    conn.execute("UPDATE sqlite_sequence SET seq = (SELECT COALESCE(MAX(seq), 0) FROM reprint_signatures) "
                 "WHERE name = 'reprint_signatures'")


def clear_pending(db: Database) -> None:
    db.conn.execute("DELETE FROM relink_pending")


def clear_crossdoc(db: Database) -> None:
    """Empty the linking tables and columns and the pending marks (inside the caller's transaction)."""
    conn = db.conn
    for table in CROSSDOC_TABLES:
        conn.execute(f"DELETE FROM {table}")
    # Signatures are numbered again from 1, so their order is the canonical one too.
    conn.execute("DELETE FROM sqlite_sequence WHERE name = 'reprint_signatures'")
    conn.execute("UPDATE documents SET reprint_of = NULL WHERE reprint_of IS NOT NULL")
    conn.execute("DELETE FROM relink_pending")
    conn.execute("DELETE FROM crossdoc_undo")
    split_tables.forget_counts(db)
