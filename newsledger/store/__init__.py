"""The SQLite store: documents and everything found in them, searchable, append-only.

One file (default ``./newsledger.db``), WAL mode, versioned schema migrations, FTS5 over
paragraphs in every language. Each document is written in one transaction, so a run killed
at any moment leaves a consistent store, and the rerun skips what is already there (the
document id is a hash of the text, so the same page twice is stored once).
"""
from __future__ import annotations

import json
import logging
import os
import sqlite3
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Iterator, Optional

from newsledger.errors import NotFound, SchemaTooNew, StoreError, UsageError
from newsledger.models import Document, Failure
from newsledger.settings import Settings, load_settings
from newsledger.stages.paragraphs.boilerplate import fingerprint

log = logging.getLogger(__name__)

MIGRATIONS: tuple[str, ...] = (
    # 1: the foundation.
    """
    CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        input_id TEXT NOT NULL,
        url TEXT, site TEXT, title TEXT,
        published_value TEXT, published_precision TEXT, published_basis TEXT,
        lang TEXT,
        text TEXT NOT NULL,
        data TEXT NOT NULL,
        reprint_of TEXT,
        ingested_seq INTEGER,
        ingested_at TEXT
    );
    CREATE INDEX documents_site ON documents(site, published_value);
    CREATE TABLE inputs (
        input_id TEXT NOT NULL,
        doc_id TEXT NOT NULL,
        PRIMARY KEY (input_id, doc_id)
    );
    CREATE TABLE paragraphs (
        doc_id TEXT NOT NULL, idx INTEGER NOT NULL,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
        lang TEXT, lang_score REAL, kind TEXT, fingerprint TEXT, site_key TEXT,
        PRIMARY KEY (doc_id, idx)
    );
    CREATE INDEX paragraphs_fp ON paragraphs(site_key, fingerprint);
    CREATE VIRTUAL TABLE paragraphs_fts USING fts5(
        text, content='paragraphs', tokenize="unicode61 remove_diacritics 0"
    );
    CREATE TRIGGER paragraphs_ai AFTER INSERT ON paragraphs BEGIN
        INSERT INTO paragraphs_fts(rowid, text) VALUES (new.rowid, new.text);
    END;
    CREATE TRIGGER paragraphs_ad AFTER DELETE ON paragraphs BEGIN
        INSERT INTO paragraphs_fts(paragraphs_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
    END;
    CREATE TABLE boilerplate (
        site_key TEXT NOT NULL, fingerprint TEXT NOT NULL, text TEXT,
        PRIMARY KEY (site_key, fingerprint)
    );
    CREATE TABLE sentences (
        doc_id TEXT NOT NULL, idx INTEGER NOT NULL, paragraph INTEGER,
        start INTEGER, "end" INTEGER, text TEXT, lang TEXT,
        PRIMARY KEY (doc_id, idx)
    );
    CREATE TABLE entities (
        doc_id TEXT NOT NULL, idx INTEGER NOT NULL,
        start INTEGER, "end" INTEGER, text TEXT, label TEXT, canonical TEXT, lang TEXT, source TEXT,
        PRIMARY KEY (doc_id, idx)
    );
    CREATE INDEX entities_canonical ON entities(canonical);
    CREATE TABLE dates (
        doc_id TEXT NOT NULL, idx INTEGER NOT NULL,
        start INTEGER, "end" INTEGER, text TEXT, value TEXT, precision TEXT, basis TEXT,
        PRIMARY KEY (doc_id, idx)
    );
    CREATE TABLE quotes (
        doc_id TEXT NOT NULL, idx INTEGER NOT NULL,
        kind TEXT, speaker_name TEXT, speaker_canonical TEXT, speaker_role TEXT, speaker_resolved INTEGER,
        cue TEXT, content_start INTEGER, content_end INTEGER, content TEXT,
        target TEXT, polarity TEXT, lang TEXT, data TEXT,
        PRIMARY KEY (doc_id, idx)
    );
    CREATE INDEX quotes_speaker ON quotes(speaker_canonical);
    CREATE TABLE events (
        doc_id TEXT NOT NULL, idx INTEGER NOT NULL,
        type TEXT, subtype TEXT, place TEXT,
        date_value TEXT, date_precision TEXT, not_before TEXT, not_after TEXT,
        killed_low INTEGER, killed_high INTEGER, injured_low INTEGER, injured_high INTEGER,
        data TEXT, incident_id TEXT,
        PRIMARY KEY (doc_id, idx)
    );
    CREATE INDEX events_incident ON events(incident_id);
    CREATE TABLE failures (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        input_id TEXT, code TEXT NOT NULL, message TEXT NOT NULL, stage TEXT, doc_id TEXT,
        created_at TEXT,
        UNIQUE (input_id, code, message)
    );
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)

#: Tables ``export`` may stream, with the column that orders them.
EXPORTABLE = ("documents", "paragraphs", "sentences", "entities", "dates", "quotes", "events", "failures",
              "boilerplate", "inputs")


@dataclass
class IngestReport:
    """What one ``ingest`` did: counts for the summary the CLI prints."""

    documents_new: int = 0
    documents_seen: int = 0
    paragraphs_by_lang: dict[str, int] = field(default_factory=dict)
    boilerplate_paragraphs: int = 0
    failures: list[Failure] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents_new": self.documents_new,
            "documents_already_stored": self.documents_seen,
            "paragraphs_by_lang": dict(sorted(self.paragraphs_by_lang.items(), key=lambda kv: -kv[1])),
            "boilerplate_paragraphs": self.boilerplate_paragraphs,
            "failures": [f.to_dict() for f in self.failures],
        }


def site_key(doc: Document) -> str:
    """The group within which repeated paragraphs count as boilerplate.

    The site when known; otherwise the folder the page was read from (a folder of saved pages
    is usually one site), so plain-text pages without a URL still get their boilerplate found.
    """
    if doc.site:
        return doc.site
    folder = os.path.dirname(doc.input_id.split(":", 1)[0]) if doc.input_id not in ("-", "") else "-"
    return f"folder:{folder}"


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


class Store:
    """A newsledger database file."""

    def __init__(self, path: str = "newsledger.db", settings: Optional[Settings] = None) -> None:
        self.path = path
        self.settings = settings or load_settings()
        try:
            self.conn = sqlite3.connect(path, timeout=30, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open database {path!r}: {exc}: check the path and permissions") from exc
        self.conn.row_factory = sqlite3.Row
        if path != ":memory:":
            self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.execute("PRAGMA foreign_keys=ON")
        self.migrate()

    # -- schema -----------------------------------------------------------------------
    def migrate(self) -> None:
        """Apply the migrations this file has not seen yet, each in its own transaction."""
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise SchemaTooNew(f"database {self.path!r} has schema {version}, this newsledger knows {SCHEMA_VERSION}: upgrade newsledger")
        for number in range(version, SCHEMA_VERSION):
            with self.transaction():
                for statement in _split_sql(MIGRATIONS[number]):
                    self.conn.execute(statement)
                self.conn.execute(f"PRAGMA user_version={number + 1}")
            log.info("migrated %s to schema %d", self.path, number + 1)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # -- writing ------------------------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    def known_boilerplate(self, key: str) -> set[str]:
        rows = self.conn.execute("SELECT fingerprint FROM boilerplate WHERE site_key = ?", (key,))
        return {r[0] for r in rows}

    def add_document(self, doc: Document) -> bool:
        """Store an analysed document (one transaction). False when it was already stored."""
        key = site_key(doc)
        with self.transaction() as conn:
            conn.execute("INSERT OR IGNORE INTO inputs(input_id, doc_id) VALUES (?, ?)", (doc.input_id, doc.id))
            if conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc.id,)).fetchone():
                return False
            seq = conn.execute("SELECT COALESCE(MAX(ingested_seq), 0) + 1 FROM documents").fetchone()[0]
            self._insert_document(conn, doc, seq)
            self._update_boilerplate(conn, doc, key)
        self._link_across_documents(doc.id)
        return True

    def add_failure(self, failure: Failure) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO failures(input_id, code, message, stage, created_at) VALUES (?, ?, ?, ?, ?)",
                (failure.input_id, failure.code, failure.message, failure.stage, _now()),
            )

    def _insert_document(self, conn: sqlite3.Connection, doc: Document, seq: int) -> None:
        body_langs = [p.lang for p in doc.paragraphs if p.kind == "body" and p.lang != "und"]
        main_lang = max(set(body_langs), key=lambda lang: (body_langs.count(lang), lang)) if body_langs else "und"
        conn.execute(
            "INSERT INTO documents(id, input_id, url, site, title, published_value, published_precision,"
            " published_basis, lang, text, data, ingested_seq, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (doc.id, doc.input_id, doc.url, doc.site, doc.title, doc.published.value, doc.published.precision,
             doc.published.basis, main_lang, doc.text, json.dumps(doc.to_dict(), ensure_ascii=False), seq, _now()),
        )
        key = site_key(doc)
        conn.executemany(
            'INSERT INTO paragraphs(doc_id, idx, start, "end", text, lang, lang_score, kind, fingerprint, site_key)'
            " VALUES (?,?,?,?,?,?,?,?,?,?)",
            [(doc.id, i, p.start, p.end, p.text, p.lang, p.lang_score, p.kind, fingerprint(p.text), key)
             for i, p in enumerate(doc.paragraphs)],
        )
        self._insert_children(conn, doc)
        for f in doc.failures:
            conn.execute(
                "INSERT OR IGNORE INTO failures(input_id, code, message, stage, doc_id, created_at) VALUES (?,?,?,?,?,?)",
                (f.input_id or doc.input_id, f.code, f.message, f.stage, doc.id, _now()),
            )

    def _insert_children(self, conn: sqlite3.Connection, doc: Document) -> None:
        conn.executemany(
            'INSERT INTO sentences(doc_id, idx, paragraph, start, "end", text, lang) VALUES (?,?,?,?,?,?,?)',
            [(doc.id, i, s.paragraph, s.start, s.end, s.text, s.lang) for i, s in enumerate(doc.sentences)],
        )
        conn.executemany(
            'INSERT INTO entities(doc_id, idx, start, "end", text, label, canonical, lang, source) VALUES (?,?,?,?,?,?,?,?,?)',
            [(doc.id, i, e.start, e.end, e.text, e.label, e.canonical, e.lang, e.source) for i, e in enumerate(doc.entities)],
        )
        conn.executemany(
            'INSERT INTO dates(doc_id, idx, start, "end", text, value, precision, basis) VALUES (?,?,?,?,?,?,?,?)',
            [(doc.id, i, d.start, d.end, d.text, d.value, d.precision, d.basis) for i, d in enumerate(doc.dates)],
        )
        conn.executemany(
            "INSERT INTO quotes(doc_id, idx, kind, speaker_name, speaker_canonical, speaker_role, speaker_resolved,"
            " cue, content_start, content_end, content, target, polarity, lang, data) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(doc.id, i, q.kind,
              q.speaker.name if q.speaker else None,
              (q.speaker.canonical or q.speaker.name) if q.speaker else None,
              q.speaker.role if q.speaker else None,
              int(bool(q.speaker and q.speaker.resolved)),
              q.cue.text if q.cue else None,
              q.content.start if q.content else None, q.content.end if q.content else None,
              q.content.text if q.content else None,
              q.target.name if q.target else None, q.polarity, q.lang,
              json.dumps(q.to_dict(), ensure_ascii=False)) for i, q in enumerate(doc.quotes)],
        )
        conn.executemany(
            "INSERT INTO events(doc_id, idx, type, subtype, place, date_value, date_precision, not_before, not_after,"
            " killed_low, killed_high, injured_low, injured_high, data) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(doc.id, i, e.type, e.subtype,
              (e.place.canonical or e.place.name) if e.place else None,
              e.date.value, e.date.precision, e.date.not_before, e.date.not_after,
              e.killed.low if e.killed else None, e.killed.high if e.killed else None,
              e.injured.low if e.injured else None, e.injured.high if e.injured else None,
              json.dumps(e.to_dict(), ensure_ascii=False)) for i, e in enumerate(doc.events)],
        )

    def _update_boilerplate(self, conn: sqlite3.Connection, doc: Document, key: str) -> None:
        """Mark paragraphs seen on two or more pages of the site, here and on earlier pages."""
        min_pages = self.settings.boilerplate_min_pages
        min_chars = self.settings.boilerplate_min_chars
        for p in doc.paragraphs:
            if p.kind == "heading" or len(p.text) < min_chars:
                continue
            fp = fingerprint(p.text)
            pages = conn.execute(
                "SELECT COUNT(DISTINCT doc_id) FROM paragraphs WHERE site_key = ? AND fingerprint = ?", (key, fp)
            ).fetchone()[0]
            if pages < min_pages:
                continue
            conn.execute("INSERT OR IGNORE INTO boilerplate(site_key, fingerprint, text) VALUES (?,?,?)", (key, fp, p.text))
            stale = conn.execute(
                "SELECT DISTINCT doc_id FROM paragraphs WHERE site_key = ? AND fingerprint = ? AND kind != 'boilerplate'",
                (key, fp),
            ).fetchall()
            for row in stale:
                self._remark_boilerplate(conn, row[0], {fp})

    def _remark_boilerplate(self, conn: sqlite3.Connection, doc_id: str, fingerprints: set[str]) -> None:
        """Re-mark a stored document's paragraphs as boilerplate and drop what was found in them."""
        data = json.loads(conn.execute("SELECT data FROM documents WHERE id = ?", (doc_id,)).fetchone()[0])
        doc = Document.from_dict(data)
        ranges = []
        for p in doc.paragraphs:
            if p.kind != "heading" and fingerprint(p.text) in fingerprints:
                p.kind = "boilerplate"
                ranges.append((p.start, p.end))
        if not ranges:
            return

        def outside(start: Optional[int]) -> bool:
            return start is None or not any(a <= start < b for a, b in ranges)

        doc.sentences = [s for s in doc.sentences if outside(s.start)]
        doc.entities = [e for e in doc.entities if outside(e.start)]
        doc.dates = [d for d in doc.dates if outside(d.start)]
        doc.quotes = [q for q in doc.quotes if outside(q.content.start if q.content else None)]
        doc.events = [e for e in doc.events if outside(e.span.start)]
        conn.execute("UPDATE documents SET data = ? WHERE id = ?", (json.dumps(doc.to_dict(), ensure_ascii=False), doc_id))
        conn.executemany(
            "UPDATE paragraphs SET kind = 'boilerplate' WHERE doc_id = ? AND idx = ?",
            [(doc_id, i) for i, p in enumerate(doc.paragraphs) if p.kind == "boilerplate"],
        )
        for table in ("sentences", "entities", "dates", "quotes", "events"):
            conn.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))
        self._insert_children(conn, doc)
        # Event indices may have shifted: link the document's remaining events again.
        try:
            from newsledger.crossdoc import relink_document
        except ImportError:
            return
        try:
            relink_document(conn, doc_id)
        except Exception as exc:  # linking must not lose the stored document
            log.warning("E045 cross-document relinking failed for %s: %s", doc_id, exc)

    def _link_across_documents(self, doc_id: str) -> None:
        """Cross-document steps (reprints, incidents) for a newly stored document."""
        try:
            from newsledger.crossdoc import link_document
        except ImportError:
            return
        try:
            with self.transaction() as conn:
                link_document(conn, doc_id)
        except Exception as exc:  # a linking bug must not lose the stored document
            log.warning("E045 cross-document linking failed for %s: %s", doc_id, exc)
            self.add_failure(Failure("E045", f"cross-document linking failed: {exc}", "crossdoc", doc_id))

    # -- reading ------------------------------------------------------------------------
    def document(self, ident: str) -> Document:
        """A stored document by id, id prefix or input id."""
        row = self.conn.execute("SELECT data FROM documents WHERE id = ?", (ident,)).fetchone()
        if row is None:
            row = self.conn.execute(
                "SELECT d.data FROM inputs i JOIN documents d ON d.id = i.doc_id WHERE i.input_id = ? LIMIT 1", (ident,)
            ).fetchone()
        if row is None and len(ident) >= 4:
            rows = self.conn.execute("SELECT data FROM documents WHERE id LIKE ? LIMIT 2", (ident + "%",)).fetchall()
            row = rows[0] if len(rows) == 1 else None
        if row is None:
            raise NotFound(f"no document with id or input id {ident!r}: list them with `newsledger export --what documents`")
        return Document.from_dict(json.loads(row[0]))

    def search(self, query: str, limit: int = 20, speaker: Optional[str] = None,
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
        params: list[Any] = [_fts_query(query)]
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
            return [dict(r) for r in self.conn.execute(sql, params)]
        except sqlite3.OperationalError as exc:
            raise UsageError(f"bad search query {query!r}: {exc}; quote phrases with double quotes") from exc

    def search_entity(self, name: str, limit: int = 20, lang: Optional[str] = None) -> list[dict[str, Any]]:
        """Paragraphs naming one entity in any language or script ("Ganja" finds Gəncə, Гянджа, Gence).

        The name is resolved to its canonical form (gazetteer, transliteration, fuzzy match) and
        matched against the canonical names of stored entities; the snippet marks the mention.
        """
        from newsledger.gazetteer.names import canonical_name

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
        for row in self.conn.execute(sql, params):
            hit = dict(row)
            text, a, b = hit.pop("ptext"), hit.pop("es") - hit["start"], hit.pop("ee") - hit["start"]
            left = max(0, a - 80)
            hit["snippet"] = ("…" if left else "") + text[left:a] + "[" + text[a:b] + "]" + text[b:b + 80] + \
                ("…" if b + 80 < len(text) else "")
            hits.append(hit)
        return hits

    def quotes(self, speaker: Optional[str] = None, limit: int = 100) -> list[dict[str, Any]]:
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
        return [dict(r) for r in self.conn.execute(sql, params)]

    def stats(self) -> dict[str, Any]:
        one = lambda sql: self.conn.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "documents": one("SELECT COUNT(*) FROM documents"),
            "reprints": one("SELECT COUNT(*) FROM documents WHERE reprint_of IS NOT NULL"),
            "paragraphs_by_lang": {r[0]: r[1] for r in self.conn.execute(
                "SELECT lang, COUNT(*) FROM paragraphs WHERE kind != 'boilerplate' GROUP BY lang ORDER BY 2 DESC")},
            "paragraphs_by_kind": {r[0]: r[1] for r in self.conn.execute(
                "SELECT kind, COUNT(*) FROM paragraphs GROUP BY kind ORDER BY 2 DESC")},
            "sites": {r[0] or "(none)": r[1] for r in self.conn.execute(
                "SELECT site, COUNT(*) FROM documents GROUP BY site ORDER BY 2 DESC")},
            "entities": one("SELECT COUNT(*) FROM entities"),
            "dates": one("SELECT COUNT(*) FROM dates"),
            "quotes": one("SELECT COUNT(*) FROM quotes"),
            "events": one("SELECT COUNT(*) FROM events"),
            "failures": one("SELECT COUNT(*) FROM failures"),
            "schema_version": SCHEMA_VERSION,
        }

    def rows(self, table: str) -> Iterator[dict[str, Any]]:
        """Stream every row of an exportable table, in a stable order."""
        if table not in self.tables():
            raise UsageError(f"unknown table {table!r}: choose one of {', '.join(self.tables())}")
        cur = self.conn.execute(f"SELECT * FROM {table} ORDER BY rowid")
        names = [c[0] for c in cur.description]
        for row in cur:
            yield dict(zip(names, row))

    def tables(self) -> list[str]:
        present = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        extra = sorted(t for t in present if t not in EXPORTABLE and not t.startswith(("sqlite_", "paragraphs_fts")))
        return [t for t in EXPORTABLE if t in present] + extra


def _split_sql(script: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies whole."""
    statements, current = [], []
    depth = 0
    for line in script.strip().splitlines():
        current.append(line)
        upper = line.strip().upper()
        if upper.startswith("CREATE TRIGGER"):
            depth += 1
        if upper.startswith("END;"):
            depth -= 1
        if line.rstrip().endswith(";") and depth == 0:
            statements.append("\n".join(current))
            current = []
    if "".join(current).strip():
        statements.append("\n".join(current))
    return statements


def _fts_query(query: str) -> str:
    """Plain words become an AND of quoted terms, so punctuation never breaks FTS syntax."""
    if any(op in query for op in ('"', " OR ", " NOT ", " NEAR", "*")):
        return query
    return " ".join('"' + w.replace('"', "") + '"' for w in query.split())
