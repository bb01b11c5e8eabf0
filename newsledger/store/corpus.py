"""Queries over the stored documents as a corpus: publication dates, coverage per site, quotes for statements."""
from __future__ import annotations

import sqlite3
from typing import Any, Iterator, Optional, Sequence

from newsledger.store.codec import parse_json, unpack
from newsledger.store.connection import Database
from newsledger.store.day_ranges import value_in_range, yearless
from newsledger.store.slim import restored


def published_values(db: Database, site: Optional[str] = None) -> list[Optional[str]]:
    """Publication dates (as stored) of every document, or of one site's documents."""
    if site is None:
        rows = db.conn.execute("SELECT published_value FROM documents")
    else:
        rows = db.conn.execute("SELECT published_value FROM documents WHERE site = ?", (site,))
    return [r[0] for r in rows]


def coverage_rows(db: Database) -> Iterator[tuple[Optional[str], Optional[str], Optional[str], Optional[str]]]:
    """(site, published value, lang, reprint_of) of every document."""
    yield from db.conn.execute("SELECT site, published_value, lang, reprint_of FROM documents")


def failure_counts(db: Database) -> list[tuple[str, int]]:
    """(code, count) of the recorded failures, by code."""
    try:
        return [(r[0], r[1]) for r in db.conn.execute("SELECT code, COUNT(*) FROM failures GROUP BY code ORDER BY code")]
    except sqlite3.Error:  # read defensively: a damaged or foreign file must not stop the coverage report
        return []


def original_documents(db: Database, date_from: Optional[str] = None,
                       date_to: Optional[str] = None) -> list[tuple[Any, ...]]:
    """(id, input_id, url, site, published value, published precision, data as a dict) of every non-reprint, in
    ingest order.

    With both days given, only those whose publication can fall between them (:mod:`.day_ranges`, or a
    yearless day): a superset the caller narrows, read through the publication index.
    """
    where: str = ""
    args: tuple[str, ...] = ()
    if date_from and date_to:
        published, values = value_in_range("published_value", date_from, date_to)
        where, args = f" AND ({published} OR {yearless('published_value')})", tuple(values)
    return [tuple(r[:6]) + (restored(parse_json(unpack(r[6]) or "{}"), r[7] or ""),) for r in db.conn.execute(
        "SELECT id, input_id, url, site, published_value, published_precision, data, text FROM documents "
        f"WHERE reprint_of IS NULL{where} ORDER BY ingested_seq, id", args).fetchall()]


def ingest_order(db: Database, doc_ids: Sequence[str]) -> dict[str, int]:
    """{document id: its ingest number} of stored documents."""
    out: dict[str, int] = {}
    ids = list(doc_ids)
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        out.update((str(r[0]), int(r[1] or 0)) for r in db.conn.execute(
            f"SELECT id, ingested_seq FROM documents WHERE id IN ({','.join('?' * len(chunk))})", chunk))
    return out

