"""Queries of the reprint tables: one MinHash signature per document and its LSH band keys.

The signature logic is :mod:`newsledger.crossdoc.reprints`; this module only reads and writes rows.
"""
from __future__ import annotations

import json
from typing import Any, Iterable, Iterator, Optional, Sequence

from newsledger.store import split_tables
from newsledger.store.codec import load
from newsledger.store.connection import Database
from newsledger.store.slim import restored


def known_reprint_of(db: Database, doc_id: str) -> tuple[bool, Optional[str]]:
    """(whether the document's signature is stored, the original it reprints)."""
    row = db.conn.execute("SELECT reprint_of FROM reprint_signatures WHERE doc_id = ?", (doc_id,)).fetchone()
    return (row is not None, row[0] if row is not None else None)


def candidates(db: Database, exact: str, band_keys: Iterable[int]) -> Iterator[tuple[int, str, Optional[str], bytes, int, str]]:
    """(seq, doc_id, reprint_of, hashvalues, size, exact) of stored signatures sharing the exact text or a band key."""
    keys = "[" + ",".join(str(k) for k in band_keys) + "]"
    yield from db.conn.execute(
        "SELECT s.seq, s.doc_id, s.reprint_of, s.hashvalues, s.size, s.exact FROM reprint_signatures s "
        "WHERE s.exact = ?2 OR s.seq IN (SELECT b.seq FROM reprint_bands b JOIN "
        "(SELECT value AS k, key AS band FROM json_each(?1)) q ON b.band = q.band AND b.key = q.k "
        "UNION ALL SELECT b.seq FROM reprint_bands_recent b JOIN "
        "(SELECT value AS k, key AS band FROM json_each(?1)) q ON b.band = q.band AND b.key = q.k)",
        (keys, exact),
    )


def signature_seq(db: Database, doc_id: str) -> Optional[int]:
    """The order in which a document's signature was stored."""
    row = db.conn.execute("SELECT seq FROM reprint_signatures WHERE doc_id = ?", (doc_id,)).fetchone()
    return int(row[0]) if row else None


def add_signature(db: Database, doc_id: str, hashvalues: bytes, size: int, exact: str, reprint_of: Optional[str],
                  band_keys: Iterable[int]) -> None:
    """Store a signature, the original it reprints, and its band keys."""
    seq = db.conn.execute(
        "INSERT INTO reprint_signatures(doc_id, hashvalues, size, exact, reprint_of) VALUES (?, ?, ?, ?, ?)",
        (doc_id, hashvalues, size, exact, reprint_of),
    ).lastrowid
    # One statement for all its bands (json_each's key is the band number), into the recent part (store/split_tables.py).
    db.conn.execute("INSERT OR IGNORE INTO reprint_bands_recent(band, key, seq) SELECT key, value, ? FROM json_each(?)",
                    (seq, json.dumps(list(band_keys))))


def signatures_of_documents(db: Database, doc_ids: Sequence[str]) -> list[tuple[int, bytes, int, str]]:
    """(seq, hashvalues, size, exact) of the documents' stored signatures."""
    out: list[tuple[int, bytes, int, str]] = []
    for i in range(0, len(doc_ids), 500):
        chunk = list(doc_ids[i:i + 500])
        out += [(int(r[0]), r[1], int(r[2]), str(r[3])) for r in db.conn.execute(
            "SELECT seq, hashvalues, size, exact FROM reprint_signatures "
            f"WHERE doc_id IN ({','.join('?' * len(chunk))})", chunk)]
    return out


def delete_bands(db: Database, rows: Iterable[tuple[int, int, int]]) -> None:
    """Delete band rows by their (band, key, signature seq): no index by document (the caller recomputes the keys)."""
    split_tables.delete(db, split_tables.BANDS, list(rows))


def stored_row(db: Database, doc_id: str) -> Optional[tuple[Any, Optional[str], str]]:
    """(stored data as kept, input id, text) of a stored document, or None; :func:`parsed_data` reads the data."""
    row = db.conn.execute("SELECT data, input_id, text FROM documents WHERE id = ?", (doc_id,)).fetchone()
    return None if row is None else (row[0], row[1], row[2] or "")


def parsed_data(blob: Any, text: str) -> Optional[dict[str, Any]]:
    """A document's stored data as a dict with its text put back; None when absent or unreadable."""
    try:
        data = restored(load(blob), text) if blob else None
    except (TypeError, ValueError, AttributeError):
        return None
    return data if isinstance(data, dict) else None


def set_reprint_of(db: Database, doc_id: str, reprint_of: Optional[str]) -> None:
    db.conn.execute("UPDATE documents SET reprint_of = ? WHERE id = ?", (reprint_of, doc_id))
