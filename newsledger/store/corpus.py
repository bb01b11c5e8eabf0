"""Queries over the stored documents as a corpus: publication dates, coverage per site, quotes for statements."""
from __future__ import annotations

import sqlite3
from typing import Any, Iterator, Optional, Sequence

from newsledger.store.connection import Database
from newsledger.store.day_ranges import value_in_range, yearless


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
    """(id, input_id, url, site, published value, published precision) of every non-reprint that has quotes, in
    ingest order.

    With both days given, only those whose publication can fall between them (:mod:`.day_ranges`, or a
    yearless day): a superset the caller narrows, read through the publication index.
    """
    where: str = ""
    args: tuple[str, ...] = ()
    if date_from and date_to:
        published, values = value_in_range("published_value", date_from, date_to)
        where, args = f" AND ({published} OR {yearless('published_value')})", tuple(values)
    return [tuple(r) for r in db.conn.execute(
        "SELECT id, input_id, url, site, published_value, published_precision FROM documents "
        f"WHERE reprint_of IS NULL{where} AND EXISTS (SELECT 1 FROM quotes q WHERE q.doc_id = documents.id) "
        "ORDER BY ingested_seq, id", args).fetchall()]


def statement_quotes(db: Database, doc_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    """{doc id: its quotes with content, in document order}, each as the chronicle's statements read it: the quote's
    fields (from the table's columns, no JSON inflated) and ``sentence``: (text, start, end) of the document sentence
    holding the start of its content (the content itself when no sentence does)."""
    out: dict[str, list[dict[str, Any]]] = {}
    ids = list(doc_ids)
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        for row in db.conn.execute(
                "SELECT q.doc_id, q.kind, q.speaker_name, q.speaker_canonical, q.speaker_role, q.speaker_resolved, q.cue,"
                " q.content_start, q.content_end, q.content, q.target, q.polarity, q.lang, q.quote_id,"
                " q.sentence_start, q.sentence_end,"
                " substr(d.text, q.sentence_start + 1, q.sentence_end - q.sentence_start)"
                " FROM quotes q JOIN documents d ON d.id = q.doc_id"
                f" WHERE q.doc_id IN ({','.join('?' * len(chunk))}) AND q.content IS NOT NULL ORDER BY q.doc_id, q.idx",
                chunk):
            (doc_id, kind, name, canonical, role, resolved, cue, start, end, content, target, polarity, lang, quote_id,
             s_start, s_end, sentence) = row
            out.setdefault(str(doc_id), []).append({
                "kind": kind, "lang": lang, "id": quote_id, "polarity": polarity,
                "speaker": {"name": name, "canonical": canonical, "role": role, "resolved": bool(resolved)}
                if name is not None else None,
                "cue": {"text": cue} if cue is not None else None,
                "content": {"text": content, "start": start, "end": end},
                "target": {"name": target} if target is not None else None,
                "sentence": (sentence, s_start, s_end) if s_start is not None and s_end is not None
                else (content, start, end)})
    return out


def ingest_order(db: Database, doc_ids: Sequence[str]) -> dict[str, int]:
    """{document id: its ingest number} of stored documents."""
    out: dict[str, int] = {}
    ids = list(doc_ids)
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        out.update((str(r[0]), int(r[1] or 0)) for r in db.conn.execute(
            f"SELECT id, ingested_seq FROM documents WHERE id IN ({','.join('?' * len(chunk))})", chunk))
    return out

