"""Finding things in the store: full-text search over paragraphs, entity search across scripts, quotes.

Every search has a bounded cost, because the web app runs these for anyone who can reach it:
a query holds at most :data:`MAX_QUERY_CHARS` characters and :data:`MAX_QUERY_TERMS` distinct
terms (:class:`~newsledger.errors.QueryTooLarge`, E046), and SQLite is stopped through its
progress handler once a search runs past its time budget (:class:`~newsledger.errors.SearchTimeout`, E047).
"""
from __future__ import annotations

import json
import sqlite3
import time
from contextlib import contextmanager
from typing import Any, Iterator, Optional

from newsledger.errors import QueryTooLarge, SearchTimeout, UsageError
from newsledger.store.connection import Database

#: The longest query searched, in characters.
MAX_QUERY_CHARS = 1000
#: The most distinct terms (words or quoted phrases) in one query.
MAX_QUERY_TERMS = 32
#: Seconds one search may run before SQLite is interrupted.
SEARCH_SECONDS = 3.0
#: SQLite virtual-machine steps between two looks at the clock.
_PROGRESS_STEPS = 10_000


@contextmanager
def time_budget(db: Database, seconds: Optional[float] = None, what: str = "the search") -> Iterator[None]:
    """Interrupt any statement on ``db`` that runs past ``seconds`` (default :data:`SEARCH_SECONDS`) as :class:`SearchTimeout`.

    Budgets nest: inside an outer budget (the web request's), the earlier deadline of the two holds,
    and the outer one is put back on the way out.
    """
    seconds = SEARCH_SECONDS if seconds is None else seconds
    outer: list[float] = getattr(db, "_deadlines", [])
    deadline = min([time.monotonic() + seconds, *outer])
    db._deadlines = [*outer, deadline]  # type: ignore[attr-defined]
    _stop_at(db, deadline)
    try:
        yield
    except (sqlite3.OperationalError, UsageError) as exc:
        # Stopped by the handler ("interrupted"), perhaps reworded as a bad query by the caller: a timeout.
        interrupted = exc if isinstance(exc, sqlite3.OperationalError) else exc.__cause__
        if isinstance(interrupted, sqlite3.OperationalError) and time.monotonic() > deadline:
            raise SearchTimeout(f"{what} ran past its time budget of {seconds:g} s and was stopped: "
                                "use fewer or rarer words, or a narrower filter") from exc
        raise
    finally:
        db._deadlines = outer  # type: ignore[attr-defined]
        _stop_at(db, outer[-1] if outer else None)


def _stop_at(db: Database, deadline: Optional[float]) -> None:
    """Make SQLite stop any statement on ``db`` once the clock passes ``deadline`` (None: never)."""
    if deadline is None:
        db.conn.set_progress_handler(None, 0)
    else:
        # A non-zero answer makes SQLite stop the statement with OperationalError("interrupted").
        db.conn.set_progress_handler(lambda: 1 if time.monotonic() > deadline else 0, _PROGRESS_STEPS)


def like_pattern(value: str) -> str:
    """``%value%`` for ``LIKE ? ESCAPE '\\'``, with the wildcards ``%`` and ``_`` in ``value`` taken literally."""
    return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def check_query_size(query: str) -> None:  # also called by fts_query, for every caller that builds a MATCH
    """A query over the length cap is :class:`QueryTooLarge` (checked before anything is parsed)."""
    if len(query) > MAX_QUERY_CHARS:
        raise QueryTooLarge(f"the search query has {len(query)} characters; at most {MAX_QUERY_CHARS} are searched: "
                            "shorten it")


#: Matching paragraphs ranked per window, the most recently stored first: a word in every paragraph (``said``)
#: costs one window, not the whole index. A window whose paragraphs the filters leave fewer than ``limit`` of
#: is followed by the next older one, twice as large (a rare filter reads the index in a few steps, not hundreds).
RANKED_WINDOW = 2000


def search(db: Database, query: str, limit: int = 20, speaker: Optional[str] = None,
           lang: Optional[str] = None, include_boilerplate: bool = False) -> list[dict[str, Any]]:
    """Full-text search over paragraphs (every language), best matches first, with snippets.

    Ranked (bm25) among the most recently stored :data:`RANKED_WINDOW` matching paragraphs that pass the
    filters, older (doubling) windows read only while fewer than ``limit`` pass: what the cost follows is the page.
    """
    if not query.strip():
        raise UsageError("empty search query: give words to look for")
    match = fts_query(query)
    where, params = _filters(speaker, lang, include_boilerplate)
    hits: list[dict[str, Any]] = []
    try:
        with time_budget(db):
            before: Optional[int] = None
            size = RANKED_WINDOW
            while len(hits) < limit:
                window = db.conn.execute(
                    "SELECT rowid, bm25(paragraphs_fts) FROM paragraphs_fts WHERE paragraphs_fts MATCH ?"
                    + (" AND rowid < ?" if before is not None else "") + " ORDER BY rowid DESC LIMIT ?",
                    [match, *([before] if before is not None else []), size]).fetchall()
                if not window:
                    break
                scores = {int(r[0]): float(r[1]) for r in window}
                hits += [dict(r, score=scores[r["rowid"]]) for r in db.conn.execute(
                    "SELECT p.rowid AS rowid, p.doc_id, p.idx, p.lang, p.kind, p.start, p.\"end\", d.input_id, d.site,"
                    " d.title, d.published_value FROM paragraphs p JOIN documents d ON d.id = p.doc_id"
                    f" WHERE p.rowid IN (SELECT value FROM json_each(?)){where}",
                    [json.dumps(list(scores)), *params])]
                if len(window) < size:
                    break
                before, size = int(window[-1][0]), 2 * size
            hits = sorted(hits, key=lambda h: (h["score"], -h["rowid"]))[:limit]
            for hit in hits:
                row = db.conn.execute("SELECT snippet(paragraphs_fts, 0, '[', ']', '…', 16) FROM paragraphs_fts "
                                      "WHERE paragraphs_fts MATCH ? AND rowid = ?", (match, hit["rowid"])).fetchone()
                hit["snippet"] = row[0] if row else None
    except sqlite3.OperationalError as exc:
        raise UsageError(f"bad search query {query!r}: {exc}; quote phrases with double quotes") from exc
    return [{k: v for k, v in h.items() if k != "rowid"} for h in hits]


def _filters(speaker: Optional[str], lang: Optional[str], include_boilerplate: bool) -> tuple[str, list[Any]]:
    """SQL conditions on a paragraph ``p`` (and its arguments) for the search filters."""
    sql, params = "", []
    if not include_boilerplate:
        sql += " AND p.kind != 'boilerplate'"
    if lang:
        sql += " AND p.lang = ? COLLATE NOCASE"  # "EN" finds "en"
        params.append(lang)
    if speaker:
        sql += (" AND EXISTS (SELECT 1 FROM quotes q WHERE q.doc_id = p.doc_id AND q.content_start >= p.start"
                " AND q.content_start < p.\"end\" AND (q.speaker_canonical LIKE ? ESCAPE '\\'"
                " OR q.speaker_name LIKE ? ESCAPE '\\'))")
        params += [like_pattern(speaker)] * 2
    return sql, params


def search_entity(db: Database, name: str, limit: int = 20, lang: Optional[str] = None) -> list[dict[str, Any]]:
    """Paragraphs naming one entity in any language or script ("Ganja" finds Gəncə, Гянджа, Gence).

    The name is resolved to its canonical form (gazetteer, transliteration, fuzzy match) and
    matched against the canonical names of stored entities; the snippet marks the mention.
    """
    from newsledger.gazetteer.names import canonical_name  # the gazetteer loads its tables on first use

    if not name.strip():
        raise UsageError("empty name: give the name of a place, person or organisation")
    canonical = canonical_name(name.strip())
    sql = ("SELECT e.doc_id, p.idx, p.lang, p.kind, p.start, p.\"end\", substr(d.text, p.start + 1, p.\"end\" - p.start) AS ptext,"
           " e.start AS es, e.\"end\" AS ee, e.canonical, d.input_id, d.site, d.title, d.published_value FROM entities e"
           " JOIN paragraphs p ON p.doc_id = e.doc_id AND e.start >= p.start AND e.start < p.\"end\""
           " JOIN documents d ON d.id = e.doc_id"
           " WHERE e.canonical = ? AND p.kind != 'boilerplate'")
    params: list[Any] = [canonical]
    if lang:
        sql += " AND p.lang = ? COLLATE NOCASE"  # "EN" finds "en"
        params.append(lang)
    sql += " GROUP BY e.doc_id, p.idx ORDER BY d.ingested_seq, p.idx LIMIT ?"
    params.append(limit)
    hits = []
    with time_budget(db):
        rows = db.conn.execute(sql, params).fetchall()
    for row in rows:
        hit = dict(row)
        text, a, b = hit.pop("ptext"), hit.pop("es") - hit["start"], hit.pop("ee") - hit["start"]
        left = max(0, a - 80)
        hit["snippet"] = ("…" if left else "") + text[left:a] + "[" + text[a:b] + "]" + text[b:b + 80] + \
            ("…" if b + 80 < len(text) else "")
        hits.append(hit)
    return hits


def quotes(db: Database, speaker: Optional[str] = None, limit: int = 100) -> list[dict[str, Any]]:
    """Quotes across all pages, optionally of one speaker (matched on name or canonical name)."""
    sql = ("SELECT q.doc_id, q.idx, q.kind, q.speaker_name, q.speaker_canonical, q.speaker_role, q.cue, q.content,"
           " q.target, q.polarity, q.lang, d.input_id, d.site, d.published_value FROM quotes q"
           " JOIN documents d ON d.id = q.doc_id")
    params: list[Any] = []
    if speaker:
        # The names that match, from the two name indexes; then only their quotes (never a scan of every quote).
        canonical, written = speaker_names(db, speaker)
        sql += (f" WHERE q.speaker_canonical IN ({','.join('?' * len(canonical))})"
                f" OR q.speaker_name IN ({','.join('?' * len(written))})")
        params += canonical + written
    sql += " ORDER BY d.ingested_seq, q.idx LIMIT ?"
    params.append(limit)
    with time_budget(db):
        return [dict(r) for r in db.conn.execute(sql, params)]


def speaker_names(db: Database, speaker: str) -> tuple[list[str], list[str]]:
    """(canonical names, written names) of stored speakers containing ``speaker``, read from their indexes."""
    pattern = like_pattern(speaker)
    with time_budget(db):
        canonical = [str(r[0]) for r in db.conn.execute(
            "SELECT DISTINCT speaker_canonical FROM quotes INDEXED BY quotes_speaker "
            "WHERE speaker_canonical LIKE ? ESCAPE '\\'", (pattern,))]
        written = [str(r[0]) for r in db.conn.execute(
            "SELECT DISTINCT speaker_name FROM quotes INDEXED BY quotes_speaker_name "
            "WHERE speaker_name LIKE ? ESCAPE '\\'", (pattern,))]
    return canonical, written


def fts_query(query: str) -> str:
    """Plain words become an AND of quoted terms, so punctuation never breaks FTS syntax.

    A word given twice is searched once: FTS5's cost grows with the square of the number of
    phrases (each phrase's positions are walked for every other), and ``the the`` matches what
    ``the`` matches. More than :data:`MAX_QUERY_TERMS` terms is :class:`QueryTooLarge`.
    """
    check_query_size(query)
    if any(op in query for op in ('"', " OR ", " NOT ", " NEAR", "*")):
        # FTS syntax is kept as written: count its words, not its operators.
        terms = sum(w not in ("OR", "NOT", "AND") and not w.startswith("NEAR") for w in query.replace('"', " ").split())
        if terms > MAX_QUERY_TERMS:
            raise QueryTooLarge(f"the search query has {terms} terms; at most {MAX_QUERY_TERMS} are searched")
        return query
    words = list(dict.fromkeys(w.replace('"', "") for w in query.split()))
    if len(words) > MAX_QUERY_TERMS:
        raise QueryTooLarge(f"the search query has {len(words)} different words; at most {MAX_QUERY_TERMS} are "
                            "searched: keep the words that matter")
    return " ".join('"' + w + '"' for w in words)


def input_ids(db: Database) -> list[str]:
    """The input id of every stored document (the web app hides their common local folder)."""
    return [row[0] for row in db.conn.execute("SELECT input_id FROM documents")]
