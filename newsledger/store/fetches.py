"""The fetch log and the frontier: every fetch outcome, and the pages queued, fetched and done.

``fetch_log`` holds one row per request that ended (a page, a feed, a sitemap, a section page):
HTTP status, outcome, error code, bytes, seconds, validators (ETag, Last-Modified), where the
raw response lies in the WARC archive, the stored document. ``fetch_frontier`` holds one row per
canonical page URL: ``queued`` -> ``fetched`` (archived, not yet stored) -> ``done`` or
``failed``, so a killed ``follow`` resumes without fetching a page twice.
"""
from __future__ import annotations

import sqlite3
from typing import Any, Iterable, Optional, Sequence

from newsledger.store.connection import Database
from newsledger.store.documents import now

#: Outcomes of a fetch that worked (the source answered), as opposed to ``failed``.
SUCCESS_OUTCOMES = ("stored", "seen", "duplicate", "not-modified", "listed", "fetched")
LOG_FIELDS = ("url", "canonical_url", "final_url", "source", "kind", "status", "outcome", "error_code", "error",
              "bytes", "seconds", "etag", "last_modified", "warc_path", "warc_offset", "doc_id")


def log_fetch(db: Database, **fields: Any) -> int:
    """Append one fetch outcome; returns its id. Unknown fields are a programming error."""
    unknown = set(fields) - set(LOG_FIELDS)
    if unknown:
        raise KeyError(f"unknown fetch log fields {sorted(unknown)}")
    names = [n for n in LOG_FIELDS if n in fields]
    cursor = db.conn.execute(
        f"INSERT INTO fetch_log({', '.join(names)}, fetched_at) VALUES ({', '.join('?' * len(names))}, ?)",
        [fields[n] for n in names] + [now()])
    return int(cursor.lastrowid or 0)


def update_fetch(db: Database, fetch_id: int, outcome: str, doc_id: Optional[str] = None,
                 error_code: Optional[str] = None, error: Optional[str] = None) -> None:
    """Settle a ``fetched`` row once its page is analysed: stored, seen, duplicate or failed."""
    db.conn.execute("UPDATE fetch_log SET outcome = ?, doc_id = COALESCE(?, doc_id), error_code = ?, error = ? "
                    "WHERE id = ?", (outcome, doc_id, error_code, error, fetch_id))


def validators(db: Database, canonical_url: str) -> tuple[Optional[str], Optional[str]]:
    """(ETag, Last-Modified) of the last fetch of this URL that returned a body: a conditional request's headers."""
    row = db.conn.execute("SELECT etag, last_modified FROM fetch_log WHERE canonical_url = ? AND status = 200 "
                          "AND (etag IS NOT NULL OR last_modified IS NOT NULL) ORDER BY id DESC LIMIT 1",
                          (canonical_url,)).fetchone()
    return (row[0], row[1]) if row else (None, None)


def enqueue(db: Database, pages: Iterable[tuple[str, str, Optional[str], Optional[str]]]) -> int:
    """Queue (canonical url, url, source, published hint) pages not yet in the frontier; returns how many were new."""
    stamp = now()
    before = db.conn.total_changes
    db.conn.executemany("INSERT OR IGNORE INTO fetch_frontier(canonical_url, url, source, published, state, added_at, "
                        "updated_at) VALUES (?, ?, ?, ?, 'queued', ?, ?)",
                        [(c, u, s, p, stamp, stamp) for c, u, s, p in pages])
    return db.conn.total_changes - before


#: ``attempts`` of a page that failed for good (a 404, robots.txt): never tried again.
GIVEN_UP = 1_000


def mark(db: Database, canonical_url: str, state: str, *, url: Optional[str] = None, source: Optional[str] = None,
         doc_id: Optional[str] = None, fetch_id: Optional[int] = None, error_code: Optional[str] = None,
         give_up: bool = False) -> None:
    """Move a page to ``state`` (``fetched``, ``done``, ``failed``), adding it when it was never queued
    (a redirect target, a canonical link). ``give_up``: a failure no later round should retry."""
    stamp = now()
    db.conn.execute("INSERT OR IGNORE INTO fetch_frontier(canonical_url, url, source, state, added_at, updated_at) "
                    "VALUES (?, ?, ?, 'queued', ?, ?)", (canonical_url, url or canonical_url, source, stamp, stamp))
    db.conn.execute("UPDATE fetch_frontier SET state = ?, doc_id = COALESCE(?, doc_id), fetch_id = COALESCE(?, fetch_id), "
                    "error_code = ?, attempts = attempts + (? = 'failed'), updated_at = ? WHERE canonical_url = ?",
                    (state, doc_id, fetch_id, error_code, state, stamp, canonical_url))
    if give_up:
        db.conn.execute("UPDATE fetch_frontier SET attempts = ? WHERE canonical_url = ?", (GIVEN_UP, canonical_url))


def queued(db: Database, sources: Optional[Sequence[str]] = None, retry_codes: Sequence[str] = (),
           max_attempts: int = 3) -> list[dict[str, Any]]:
    """Pages to fetch, oldest first: queued ones, and failed ones whose error was passing
    (``retry_codes``: timeouts, server errors) and that failed fewer than ``max_attempts`` times."""
    rows = db.conn.execute(
        "SELECT canonical_url, url, source, published, state FROM fetch_frontier WHERE (state = 'queued' OR "
        f"(state = 'failed' AND attempts < ? AND error_code IN ({', '.join('?' * len(retry_codes)) or 'NULL'}))) "
        "ORDER BY added_at, rowid", (max_attempts, *retry_codes)).fetchall()
    wanted = set(sources) if sources is not None else None
    return [dict(r) for r in rows if wanted is None or r["source"] in wanted]


def fetched_not_stored(db: Database) -> list[dict[str, Any]]:
    """Pages archived before a crash but not yet analysed: (frontier fields, fetch id, WARC path and offset)."""
    return [dict(r) for r in db.conn.execute(
        "SELECT f.canonical_url, f.url, f.source, f.published, l.id AS fetch_id, l.final_url, l.warc_path, "
        "l.warc_offset FROM fetch_frontier f JOIN fetch_log l ON l.id = f.fetch_id "
        "WHERE f.state = 'fetched' ORDER BY f.updated_at, f.rowid")]


def done_urls(db: Database) -> set[str]:
    """Canonical URLs never to fetch again (done, or archived and awaiting analysis)."""
    return {r[0] for r in db.conn.execute("SELECT canonical_url FROM fetch_frontier WHERE state IN ('done', 'fetched')")}


def fetch_log_rows(db: Database, source: Optional[str] = None) -> list[dict[str, Any]]:
    """Every fetch log row (of one source), in order."""
    sql = "SELECT * FROM fetch_log" + (" WHERE source = ?" if source is not None else "") + " ORDER BY id"
    return [dict(r) for r in db.conn.execute(sql, (source,) if source is not None else ())]


def health_rows(db: Database) -> list[tuple[str, str, str, Optional[str], int, str]]:
    """(source, day, outcome, error code, count, last time) of the fetch log, grouped: the input of fetch health."""
    try:
        return [(r[0], r[1], r[2], r[3], int(r[4]), r[5]) for r in db.conn.execute(
            "SELECT COALESCE(source, '(none)'), substr(fetched_at, 1, 10), outcome, error_code, COUNT(*), MAX(fetched_at) "
            "FROM fetch_log GROUP BY 1, 2, 3, 4 ORDER BY 1, 2")]
    except sqlite3.Error:  # a read-only store of an older schema has no fetch log: no fetch health to show
        return []


__all__ = ["SUCCESS_OUTCOMES", "log_fetch", "update_fetch", "validators", "enqueue", "mark", "queued",
           "fetched_not_stored", "done_urls", "fetch_log_rows", "health_rows", "listing_validators"]


def listing_validators(db: Database) -> dict[str, tuple[Optional[str], Optional[str]]]:
    """{canonical url: (ETag, Last-Modified)} of the feeds, sitemaps and section pages last fetched with a body."""
    found: dict[str, tuple[Optional[str], Optional[str]]] = {}
    for row in db.conn.execute("SELECT canonical_url, etag, last_modified FROM fetch_log WHERE kind != 'page' "
                               "AND status = 200 AND (etag IS NOT NULL OR last_modified IS NOT NULL) ORDER BY id"):
        found[row[0]] = (row[1], row[2])
    return found
