"""Finding things in the store: full-text search over paragraphs, entity search across scripts, quotes."""
from __future__ import annotations

import sqlite3
from typing import Any, Optional

from newsledger.errors import UsageError
from newsledger.store.connection import Database


def search(db: Database, query: str, limit: int = 20, speaker: Optional[str] = None,
           lang: Optional[str] = None, include_boilerplate: bool = False) -> list[dict[str, Any]]:
    """Full-text search over paragraphs (every language), best matches first, with snippets."""
    if not query.strip():
        raise UsageError("empty search query: give words to look for")
    sql = (
        "SELECT p.doc_id, p.idx, p.lang, p.kind, p.start, p.\"end\", d.input_id, d.site, d.title, d.published_value,"
        " snippet(paragraphs_fts, 0, '[', ']', '…', 16) AS snippet, bm25(paragraphs_fts) AS score"
        " FROM paragraphs_fts JOIN paragraphs p ON p.rowid = paragraphs_fts.rowid"
        " JOIN documents d ON d.id = p.doc_id WHERE paragraphs_fts MATCH ?"
    )
    params: list[Any] = [fts_query(query)]
    if not include_boilerplate:
        sql += " AND p.kind != 'boilerplate'"
    if lang:
        sql += " AND p.lang = ?"
        params.append(lang)
    if speaker:
        sql += (" AND EXISTS (SELECT 1 FROM quotes q WHERE q.doc_id = p.doc_id AND q.content_start >= p.start"
                " AND q.content_start < p.\"end\" AND (q.speaker_canonical LIKE ? OR q.speaker_name LIKE ?))")
        params += [f"%{speaker}%", f"%{speaker}%"]
    sql += " ORDER BY score LIMIT ?"
    params.append(limit)
    try:
        return [dict(r) for r in db.conn.execute(sql, params)]
    except sqlite3.OperationalError as exc:
        raise UsageError(f"bad search query {query!r}: {exc}; quote phrases with double quotes") from exc


def search_entity(db: Database, name: str, limit: int = 20, lang: Optional[str] = None) -> list[dict[str, Any]]:
    """Paragraphs naming one entity in any language or script ("Ganja" finds Gəncə, Гянджа, Gence).

    The name is resolved to its canonical form (gazetteer, transliteration, fuzzy match) and
    matched against the canonical names of stored entities; the snippet marks the mention.
    """
    from newsledger.gazetteer.names import canonical_name  # the gazetteer loads its tables on first use

    if not name.strip():
        raise UsageError("empty name: give the name of a place, person or organisation")
    canonical = canonical_name(name.strip())
    sql = ("SELECT e.doc_id, p.idx, p.lang, p.kind, p.start, p.\"end\", p.text AS ptext, e.start AS es, e.\"end\" AS ee,"
           " e.canonical, d.input_id, d.site, d.title, d.published_value FROM entities e"
           " JOIN paragraphs p ON p.doc_id = e.doc_id AND e.start >= p.start AND e.start < p.\"end\""
           " JOIN documents d ON d.id = e.doc_id"
           " WHERE e.canonical = ? AND p.kind != 'boilerplate'")
    params: list[Any] = [canonical]
    if lang:
        sql += " AND p.lang = ?"
        params.append(lang)
    sql += " GROUP BY e.doc_id, p.idx ORDER BY d.ingested_seq, p.idx LIMIT ?"
    params.append(limit)
    hits = []
    for row in db.conn.execute(sql, params):
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
        sql += " WHERE q.speaker_canonical LIKE ? OR q.speaker_name LIKE ?"
        params += [f"%{speaker}%", f"%{speaker}%"]
    sql += " ORDER BY d.ingested_seq, q.idx LIMIT ?"
    params.append(limit)
    return [dict(r) for r in db.conn.execute(sql, params)]


def fts_query(query: str) -> str:
    """Plain words become an AND of quoted terms, so punctuation never breaks FTS syntax."""
    if any(op in query for op in ('"', " OR ", " NOT ", " NEAR", "*")):
        return query
    return " ".join('"' + w.replace('"', "") + '"' for w in query.split())
