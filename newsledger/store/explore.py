"""Queries of the web's explore pages: faceted, paged search with its true total, and entity pages.

A search is a :class:`SearchFilters`: words (FTS5), an entity named in any language or script
(resolved through :mod:`newsledger.gazetteer.names`), and facets (days, site, language, event
type, speaker). :func:`search_page` answers one page of hits and the number of all matches;
:func:`facet_counts` how many matches each facet value has (the other facets applied).
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace
from typing import Any, Optional

from newsledger.errors import UsageError
from newsledger.store.connection import Database
from newsledger.store.search import fts_query

#: Characters around a mention in an entity snippet.
_CONTEXT = 80


@dataclass(frozen=True)
class SearchFilters:
    """What a search asks for; empty strings and None mean "any"."""

    query: str = ""
    entity: str = ""  # a name in any language or script: matches the mentions of its canonical entity
    date_from: Optional[str] = None  # ISO days, inclusive, on the document's publication date
    date_to: Optional[str] = None
    site: str = ""
    lang: str = ""
    type: str = ""  # an event type found in the document
    speaker: str = ""  # a quote of this speaker inside the paragraph

    @property
    def empty(self) -> bool:
        return not (self.query.strip() or self.entity.strip())


def like_pattern(text: str) -> str:
    """``%text%`` for LIKE with ``ESCAPE '\\'``: a ``%`` or ``_`` typed by a user matches itself."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def entity_canonical(name: str) -> str:
    """The canonical form of a name in any script ("Gəncə", "Гянджа" -> "Ganja")."""
    from newsledger.gazetteer.names import canonical_name  # the gazetteer loads its tables on first use

    return canonical_name(name.strip())


def _where(filters: SearchFilters) -> tuple[str, list[Any]]:
    """The FROM ... WHERE of the paragraphs matching ``filters`` (``p`` paragraphs, ``d`` documents)."""
    clauses = ["p.kind != 'boilerplate'"]
    params: list[Any] = []
    if filters.query.strip():
        clauses.append("p.rowid IN (SELECT rowid FROM paragraphs_fts WHERE paragraphs_fts MATCH ?)")
        params.append(fts_query(filters.query))
    if filters.entity.strip():
        clauses.append("EXISTS (SELECT 1 FROM entities e WHERE e.doc_id = p.doc_id AND e.canonical = ?"
                       " AND e.start >= p.start AND e.start < p.\"end\")")
        params.append(entity_canonical(filters.entity))
    if filters.date_from:
        clauses.append("substr(d.published_value, 1, 10) >= ?")
        params.append(filters.date_from)
    if filters.date_to:
        clauses.append("substr(d.published_value, 1, 10) <= ?")
        params.append(filters.date_to)
    if filters.site:
        clauses.append("d.site = ?")
        params.append(filters.site)
    if filters.lang:
        clauses.append("lower(p.lang) = lower(?)")
        params.append(filters.lang.strip())
    if filters.type:
        clauses.append("EXISTS (SELECT 1 FROM events ev WHERE ev.doc_id = p.doc_id AND ev.type = ?)")
        params.append(filters.type)
    if filters.speaker.strip():
        clauses.append("EXISTS (SELECT 1 FROM quotes q WHERE q.doc_id = p.doc_id AND q.content_start >= p.start"
                       " AND q.content_start < p.\"end\" AND (q.speaker_canonical LIKE ? ESCAPE '\\'"
                       " OR q.speaker_name LIKE ? ESCAPE '\\'))")
        params += [like_pattern(filters.speaker.strip())] * 2
    return ("FROM paragraphs p JOIN documents d ON d.id = p.doc_id WHERE " + " AND ".join(clauses), params)


def _run(db: Database, sql: str, params: list[Any], filters: SearchFilters) -> list[sqlite3.Row]:
    try:
        return list(db.conn.execute(sql, params))
    except sqlite3.OperationalError as exc:
        raise UsageError(f"bad search query {filters.query!r}: {exc}; quote phrases with double quotes") from exc


def search_page(db: Database, filters: SearchFilters, offset: int = 0, limit: int = 20
                ) -> tuple[int, list[dict[str, Any]]]:
    """The number of all paragraphs matching ``filters`` and the hits from ``offset`` (best first).

    A hit's snippet marks the words (``[``…``]``) or, for an entity search, the first mention.
    """
    if filters.empty:
        raise UsageError("empty search: give words to look for or an entity name")
    where, params = _where(filters)
    total = _run(db, f"SELECT COUNT(*) {where}", params, filters)[0][0]
    words = bool(filters.query.strip())
    canonical = entity_canonical(filters.entity) if filters.entity.strip() else None
    cols = ("p.doc_id, p.idx, p.lang, p.kind, p.start, p.\"end\", substr(d.text, p.start + 1, p.\"end\" - p.start) AS ptext,"
            " d.input_id, d.site, d.title, d.published_value")
    if words:
        sql = (f"SELECT {cols}, snippet(paragraphs_fts, 0, '[', ']', '…', 16) AS snippet, bm25(paragraphs_fts) AS score"
               " FROM paragraphs_fts JOIN paragraphs p ON p.rowid = paragraphs_fts.rowid"
               " JOIN documents d ON d.id = p.doc_id WHERE paragraphs_fts MATCH ? AND p.rowid IN"
               f" (SELECT p.rowid {where}) ORDER BY score, d.ingested_seq, p.idx LIMIT ? OFFSET ?")
        rows = _run(db, sql, [fts_query(filters.query), *params, limit, offset], filters)
    else:
        sql = f"SELECT {cols} {where} ORDER BY d.ingested_seq, p.idx LIMIT ? OFFSET ?"
        rows = _run(db, sql, [*params, limit, offset], filters)
    hits = []
    for row in rows:
        hit = dict(row)
        text = hit.pop("ptext")
        hit["mentions"] = _mentions(db, hit["doc_id"], hit["start"], hit["end"], canonical) if canonical else []
        if not words:
            hit["snippet"] = _mention_snippet(text, hit["start"], hit["mentions"])
        hits.append(hit)
    return total, hits


def _mentions(db: Database, doc_id: str, start: int, end: int, canonical: str) -> list[tuple[int, int]]:
    rows = db.conn.execute("SELECT start, \"end\" FROM entities WHERE doc_id = ? AND canonical = ? AND start >= ?"
                           " AND start < ? ORDER BY start", (doc_id, canonical, start, end))
    return [(r[0], r[1]) for r in rows]


def _mention_snippet(text: str, offset: int, mentions: list[tuple[int, int]]) -> str:
    if not mentions:
        return text[:2 * _CONTEXT] + ("…" if len(text) > 2 * _CONTEXT else "")
    a, b = mentions[0][0] - offset, mentions[0][1] - offset
    left = max(0, a - _CONTEXT)
    return (("…" if left else "") + text[left:a] + "[" + text[a:b] + "]" + text[b:b + _CONTEXT]
            + ("…" if b + _CONTEXT < len(text) else ""))


def facet_counts(db: Database, filters: SearchFilters, top: int = 30) -> dict[str, list[tuple[str, int]]]:
    """For site, language and event type: each value's number of matches, the other filters applied."""
    if filters.empty:
        return {"site": [], "lang": [], "type": []}
    out: dict[str, list[tuple[str, int]]] = {}
    for name, column, join in (("site", "d.site", ""), ("lang", "lower(p.lang)", ""),
                               ("type", "ev.type", " JOIN events ev ON ev.doc_id = p.doc_id")):
        where, params = _where(replace(filters, **{name: ""}))
        where = where.replace(" WHERE ", join + " WHERE ", 1)
        sql = (f"SELECT {column} AS value, COUNT(DISTINCT p.rowid) AS n {where} AND {column} IS NOT NULL"
               f" GROUP BY value ORDER BY n DESC, value LIMIT ?")
        out[name] = [(r[0], r[1]) for r in _run(db, sql, [*params, top], filters)]
    return out


# --- entity pages ------------------------------------------------------------------------

def entity_forms(db: Database, canonical: str) -> list[dict[str, Any]]:
    """How an entity is written: each form and language with its number of mentions."""
    rows = db.conn.execute("SELECT text, lang, label, COUNT(*) AS n, COUNT(DISTINCT doc_id) AS documents FROM entities"
                           " WHERE canonical = ? GROUP BY text, lang, label ORDER BY n DESC, text", (canonical,))
    return [dict(r) for r in rows]


def entity_mentions(db: Database, canonical: str, limit: int = 200) -> list[dict[str, Any]]:
    """The paragraphs mentioning an entity (any language), document by document, with snippets."""
    _, hits = search_page(db, SearchFilters(entity=canonical), 0, limit)
    return hits


def quotes_by(db: Database, canonical: str, limit: int = 200) -> list[dict[str, Any]]:
    """Quotes whose speaker is this entity (canonical name, or the name as written)."""
    return _quotes(db, "q.speaker_canonical = ? OR q.speaker_name = ?", [canonical, canonical], limit)


def quotes_about(db: Database, canonical: str, limit: int = 200) -> list[dict[str, Any]]:
    """Quotes aimed at this entity, or whose words name it (a mention inside the quoted span)."""
    return _quotes(db, "q.target = ? OR EXISTS (SELECT 1 FROM entities e WHERE e.doc_id = q.doc_id AND e.canonical = ?"
                   " AND e.start >= q.content_start AND e.start < q.content_end)", [canonical, canonical], limit)


def quotes_of_speaker(db: Database, name: str, limit: int = 500) -> list[dict[str, Any]]:
    """Quotes of one speaker: the exact name first, else names containing it (wildcards escaped)."""
    exact = _quotes(db, "q.speaker_canonical = ? OR q.speaker_name = ?", [name, name], limit)
    if exact:
        return exact
    pattern = like_pattern(name)
    return _quotes(db, "q.speaker_canonical LIKE ? ESCAPE '\\' OR q.speaker_name LIKE ? ESCAPE '\\'",
                   [pattern, pattern], limit)


def _quotes(db: Database, condition: str, params: list[Any], limit: int) -> list[dict[str, Any]]:
    sql = ("SELECT q.doc_id, q.idx, q.kind, q.speaker_name, q.speaker_canonical, q.speaker_role, q.cue, q.content,"
           " q.target, q.polarity, q.lang, d.input_id, d.site, d.title, d.published_value FROM quotes q"
           f" JOIN documents d ON d.id = q.doc_id WHERE ({condition}) ORDER BY d.published_value, d.ingested_seq, q.idx"
           " LIMIT ?")
    return [dict(r) for r in db.conn.execute(sql, [*params, limit])]


def entity_incidents(db: Database, canonical: str, limit: int = 200) -> list[dict[str, Any]]:
    """Incidents at this place, or with a member event in a document paragraph naming the entity."""
    sql = ("SELECT i.id, i.type_class, i.place, i.n_events, i.seq FROM incidents i WHERE i.place = ? OR i.place = ?"
           " OR EXISTS (SELECT 1 FROM incident_events ie JOIN events ev ON ev.doc_id = ie.doc_id AND ev.idx = ie.idx"
           " WHERE ie.incident_id = i.id AND ev.place = ?)"
           " ORDER BY i.seq LIMIT ?")
    return [dict(r) for r in db.conn.execute(sql, (canonical, canonical.lower(), canonical, limit))]


__all__ = ["SearchFilters", "entity_canonical", "entity_forms", "entity_incidents", "entity_mentions", "facet_counts",
           "like_pattern", "quotes_about", "quotes_by", "quotes_of_speaker", "search_page"]
