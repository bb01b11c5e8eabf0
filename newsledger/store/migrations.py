"""Every table, index and trigger of the store, as numbered migrations.

A file's ``PRAGMA user_version`` says how many it has seen; :func:`apply_migrations` applies the rest,
each in its own transaction. Append a migration to change the schema; never edit a shipped one.
"""
from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
from typing import Any, Callable, Optional

from newsledger.errors import SchemaTooNew
from newsledger.store.codec import load, pack
from newsledger.store.slim import slimmed, slimmed_quote

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
    # 2: the cross-document tables (reprints, incidents, name variants). Until schema 2 the crossdoc
    # package created them on first use, so a version-1 file may hold them already: IF NOT EXISTS.
    """
    CREATE TABLE IF NOT EXISTS reprint_signatures (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        doc_id TEXT NOT NULL UNIQUE,
        hashvalues BLOB NOT NULL,
        size INTEGER NOT NULL,
        exact TEXT NOT NULL,
        reprint_of TEXT
    );
    CREATE TABLE IF NOT EXISTS reprint_bands (
        band INTEGER NOT NULL,
        key INTEGER NOT NULL,
        doc_id TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS reprint_bands_key ON reprint_bands(band, key);
    CREATE INDEX IF NOT EXISTS reprint_signatures_exact ON reprint_signatures(exact);
    CREATE TABLE IF NOT EXISTS incidents (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL,
        type_class TEXT NOT NULL,
        place TEXT,
        first_doc_id TEXT NOT NULL,
        first_idx INTEGER NOT NULL,
        date_lo INTEGER,
        date_hi INTEGER,
        n_events INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX IF NOT EXISTS incidents_seq ON incidents(seq);
    CREATE TABLE IF NOT EXISTS incident_events (
        doc_id TEXT NOT NULL,
        idx INTEGER NOT NULL,
        incident_id TEXT NOT NULL,
        features TEXT NOT NULL,
        PRIMARY KEY (doc_id, idx)
    );
    CREATE INDEX IF NOT EXISTS incident_events_incident ON incident_events(incident_id);
    CREATE TABLE IF NOT EXISTS incident_blocks (
        type_class TEXT NOT NULL,
        bucket TEXT NOT NULL,
        place TEXT NOT NULL,
        doc_id TEXT NOT NULL,
        idx INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS incident_blocks_lookup ON incident_blocks(type_class, bucket, place);
    CREATE TABLE IF NOT EXISTS incident_places (
        incident_id TEXT NOT NULL,
        place TEXT NOT NULL,
        weight REAL NOT NULL DEFAULT 0,
        first_seen INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (incident_id, place)
    );
    CREATE TABLE IF NOT EXISTS incident_days (
        incident_id TEXT NOT NULL,
        day TEXT NOT NULL,
        n INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (incident_id, day)
    );
    CREATE TABLE IF NOT EXISTS name_variants (
        canonical TEXT NOT NULL,
        variant TEXT NOT NULL,
        lang TEXT NOT NULL DEFAULT 'und',
        count INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (canonical, variant, lang)
    );
    """,
    # 3: fetching (newsledger fetch / follow): every fetch outcome, and the frontier of pages to fetch.
    """
    CREATE TABLE fetch_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        url TEXT NOT NULL, canonical_url TEXT, final_url TEXT,
        source TEXT, kind TEXT NOT NULL,
        status INTEGER, outcome TEXT NOT NULL, error_code TEXT, error TEXT,
        bytes INTEGER NOT NULL DEFAULT 0, seconds REAL NOT NULL DEFAULT 0,
        etag TEXT, last_modified TEXT,
        warc_path TEXT, warc_offset INTEGER,
        doc_id TEXT,
        fetched_at TEXT NOT NULL
    );
    CREATE INDEX fetch_log_canonical ON fetch_log(canonical_url, id);
    CREATE INDEX fetch_log_source ON fetch_log(source, fetched_at);
    CREATE TABLE fetch_frontier (
        canonical_url TEXT PRIMARY KEY,
        url TEXT NOT NULL, source TEXT, published TEXT,
        state TEXT NOT NULL DEFAULT 'queued',
        attempts INTEGER NOT NULL DEFAULT 0,
        error_code TEXT, doc_id TEXT, fetch_id INTEGER,
        added_at TEXT NOT NULL, updated_at TEXT NOT NULL
    );
    CREATE INDEX fetch_frontier_state ON fetch_frontier(state, added_at);
    """,
    # 4: the durable "to relink" mark: every stored document writes its id in its own transaction, the
    # full relink (newsledger.crossdoc.relink) clears it in its transaction. A row left means the
    # cross-document tables are not yet the canonical relink of the stored documents.
    """
    CREATE TABLE relink_pending (
        doc_id TEXT PRIMARY KEY
    );
    """,
    # 5: costs that stay flat as the store grows. Indexes for the next ingest number, the canonical
    # linking order and published-day ranges, dropping one document's linking rows, speaker names and the
    # counts of ``stats`` (paragraphs by kind and language, reprints), so no read scans a whole table; the undo log
    # of the linking's shared tables (newsledger.store.relinking), so the end-of-ingest relink redoes only
    # the canonical order's suffix from the earliest new document. ``relink_state.undo_log`` says whether
    # the log covers every linked document ('complete'); a file linked before this schema has none yet.
    """
    CREATE INDEX IF NOT EXISTS documents_seq ON documents(ingested_seq);
    CREATE INDEX IF NOT EXISTS documents_published ON documents(published_value, id);
    CREATE INDEX IF NOT EXISTS reprint_bands_doc ON reprint_bands(doc_id);
    CREATE INDEX IF NOT EXISTS incident_blocks_doc ON incident_blocks(doc_id);
    CREATE INDEX IF NOT EXISTS quotes_speaker_name ON quotes(speaker_name);
    CREATE INDEX IF NOT EXISTS paragraphs_kind_lang ON paragraphs(kind, lang);
    CREATE INDEX IF NOT EXISTS documents_reprints ON documents(reprint_of) WHERE reprint_of IS NOT NULL;
    CREATE TABLE crossdoc_undo (
        id INTEGER PRIMARY KEY,
        link_key TEXT NOT NULL,
        tbl TEXT NOT NULL,
        row_id INTEGER NOT NULL,
        op TEXT NOT NULL,
        v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11
    );
    CREATE INDEX crossdoc_undo_key ON crossdoc_undo(link_key, tbl, row_id);
    CREATE TABLE relink_state (
        name TEXT PRIMARY KEY,
        value TEXT
    );
    INSERT INTO relink_state(name, value)
        SELECT 'undo_log', CASE WHEN EXISTS (SELECT 1 FROM reprint_signatures) THEN 'missing' ELSE 'complete' END;
    """,
    # 6: incident ids that keep working after a relink renamed or merged their incident (crossdoc/aliases.py).
    # Not a linking table: the relink never clears it, it only adds the ids that went away.
    """
    CREATE TABLE IF NOT EXISTS incident_aliases (
        alias TEXT PRIMARY KEY,
        incident_id TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS incident_aliases_target ON incident_aliases(incident_id);
    """,
    # 7: a leaner store. The sentences live in each document's ``data`` (exported from there, read by no query),
    # so the per-sentence rows go; JSON columns are written deflated from now on (store/codec.py: old TEXT
    # values stay readable) and MinHash values as uint32. The LSH band keys become a WITHOUT ROWID table keyed
    # by what is looked up (band, key): the key index no longer repeats every row.
    """
    DELETE FROM sentences;
    CREATE TABLE reprint_bands_v7 (
        band INTEGER NOT NULL,
        key INTEGER NOT NULL,
        doc_id TEXT NOT NULL,
        PRIMARY KEY (band, key, doc_id)
    ) WITHOUT ROWID;
    INSERT OR IGNORE INTO reprint_bands_v7(band, key, doc_id) SELECT band, key, doc_id FROM reprint_bands;
    DROP TABLE reprint_bands;
    ALTER TABLE reprint_bands_v7 RENAME TO reprint_bands;
    CREATE INDEX reprint_bands_doc ON reprint_bands(doc_id);
    """,
    # 8: reads proportional to what they return. What an incident's summary needs from each member event (its
    # date's basis, a vague figure's words) and a quote's id (how events cite it) become columns, so the
    # incident list groups members in SQL instead of inflating every member's JSON (crossdoc/summaries.py);
    # incidents are read largest first through an index on their size.
    """
    ALTER TABLE events ADD COLUMN date_basis TEXT;
    ALTER TABLE events ADD COLUMN killed_vague TEXT;
    ALTER TABLE events ADD COLUMN injured_vague TEXT;
    UPDATE events SET date_basis = nl_event_fact(data, 'date_basis'), killed_vague = nl_event_fact(data, 'killed_vague'),
        injured_vague = nl_event_fact(data, 'injured_vague');
    ALTER TABLE quotes ADD COLUMN quote_id TEXT;
    UPDATE quotes SET quote_id = nl_event_fact(data, 'id');
    CREATE INDEX IF NOT EXISTS incidents_size ON incidents(n_events);
    """,
    # 9: the chronicle of a range finds its incidents through the event days (store/day_ranges.py), not a scan of
    # every event; most events have no bound, so those indexes hold only the bounded ones.
    """
    CREATE INDEX IF NOT EXISTS events_date ON events(date_value) WHERE date_value IS NOT NULL;
    CREATE INDEX IF NOT EXISTS events_not_before ON events(not_before) WHERE not_before IS NOT NULL;
    CREATE INDEX IF NOT EXISTS events_not_after ON events(not_after) WHERE not_after IS NOT NULL;
    """,
    # 10: a leaner blocking table. A linked event gets a number of its own (``incident_events.member``, an INTEGER
    # PRIMARY KEY, so a VACUUM never renumbers it), and each block is one 64-bit key (a hash of type class, date
    # bucket and place; crossdoc/blocking.py): a block row is two integers instead of three text keys, a text
    # document id and two indexes over them. The blocks are refilled by a full relink, which the next ingest runs
    # (the undo log is marked incomplete and one document marked pending).
    """
    CREATE TABLE incident_events_v10 (
        member INTEGER PRIMARY KEY,
        doc_id TEXT NOT NULL,
        idx INTEGER NOT NULL,
        incident_id TEXT NOT NULL,
        features TEXT NOT NULL,
        UNIQUE (doc_id, idx)
    );
    INSERT INTO incident_events_v10(member, doc_id, idx, incident_id, features)
        SELECT rowid, doc_id, idx, incident_id, features FROM incident_events ORDER BY rowid;
    DROP TABLE incident_events;
    ALTER TABLE incident_events_v10 RENAME TO incident_events;
    CREATE INDEX incident_events_incident ON incident_events(incident_id);
    DROP TABLE incident_blocks;
    CREATE TABLE incident_blocks (
        key INTEGER NOT NULL,
        member INTEGER NOT NULL,
        PRIMARY KEY (key, member)
    ) WITHOUT ROWID;
    CREATE INDEX incident_blocks_member ON incident_blocks(member);
    UPDATE relink_state SET value = 'missing' WHERE name = 'undo_log' AND EXISTS (SELECT 1 FROM incident_events);
    INSERT OR IGNORE INTO relink_pending(doc_id) SELECT doc_id FROM incident_events LIMIT 1;
    """,
    # 11: an incident's documents counted from the index alone (the incident list ranks by them).
    """
    DROP INDEX IF EXISTS incident_events_incident;
    CREATE INDEX incident_events_incident ON incident_events(incident_id, doc_id);
    """,
    # 12: no index of the block and band rows by document: a relink deletes a document's rows by their primary keys,
    # recomputed from its events' features and its signature (store/relinking.py DERIVED_TABLES), so each stored
    # event no longer updates a second b-tree as large as the blocks themselves. The keys on file were derived by
    # the code that introduces this (its version recorded, so a later change of them makes the next relink full).
    """
    DROP INDEX IF EXISTS incident_blocks_member;
    DROP INDEX IF EXISTS reprint_bands_doc;
    INSERT INTO relink_state(name, value) VALUES ('derived_keys', '1')
        ON CONFLICT(name) DO UPDATE SET value = excluded.value;
    """,
    # 13: a document's data without the copies of its text (store/slim.py): the text column holds it once; the data
    # repeated it whole and as every paragraph's, sentence's, entity's and date's text. Readers put them back.
    """
    UPDATE documents SET data = nl_slim_document(data, text) WHERE data IS NOT NULL;
    """,
    # 14: the linker of this release links differently (an incident's loosely dated members share a day, a region
    # holds its cities): the next ingest relinks every stored document once, as after migration 10, so that no
    # incident depends on which release linked which document (`newsledger relink` does it at once).
    """
    UPDATE relink_state SET value = 'missing' WHERE name = 'undo_log' AND EXISTS (SELECT 1 FROM incident_events);
    INSERT OR IGNORE INTO relink_pending(doc_id) SELECT doc_id FROM incident_events LIMIT 1;
    """,
    # 15: one copy of each item (issue 16). A document's quotes live in the quotes table only (its data left them
    # out; readers put them back), each with the bounds of the sentence holding its content, so the chronicle's
    # statements read quotes without inflating whole documents; a quote's JSON no longer repeats its columns nor the
    # slices of the document's text (store/slim.py slimmed_quote). A paragraph's text is no longer copied: the
    # full-text index reads it from the document's text through a view; its site and fingerprint, looked up together
    # to count its pages, become one 64-bit key (repeat_key). A band row names its signature by number. An event's
    # incident is read from incident_events (the events column repeated it, with an index, and every link rewrote
    # the event row). The undo log and the entities are kept in their primary key's order (WITHOUT ROWID: no second
    # b-tree of the same keys).
    """
    ALTER TABLE quotes ADD COLUMN sentence_start INTEGER;
    ALTER TABLE quotes ADD COLUMN sentence_end INTEGER;
    UPDATE quotes SET
        sentence_start = nl_quote_sentence((SELECT data FROM documents d WHERE d.id = quotes.doc_id), content_start, 0),
        sentence_end = nl_quote_sentence((SELECT data FROM documents d WHERE d.id = quotes.doc_id), content_start, 1)
        WHERE content_start IS NOT NULL;
    UPDATE documents SET data = nl_without_list(data, 'quotes') WHERE data IS NOT NULL;
    UPDATE quotes SET data = nl_slim_quote(data, (SELECT text FROM documents d WHERE d.id = quotes.doc_id))
        WHERE data IS NOT NULL;
    DROP TRIGGER IF EXISTS paragraphs_ai;
    DROP TRIGGER IF EXISTS paragraphs_ad;
    DROP TABLE IF EXISTS paragraphs_fts;
    CREATE TABLE paragraphs_v15 (
        doc_id TEXT NOT NULL, idx INTEGER NOT NULL,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        lang TEXT, lang_score REAL, kind TEXT, repeat_key INTEGER,
        PRIMARY KEY (doc_id, idx)
    );
    INSERT INTO paragraphs_v15(rowid, doc_id, idx, start, "end", lang, lang_score, kind, repeat_key)
        SELECT rowid, doc_id, idx, start, "end", lang, lang_score, kind, nl_repeat_key(site_key, fingerprint)
        FROM paragraphs ORDER BY rowid;
    DROP TABLE paragraphs;
    ALTER TABLE paragraphs_v15 RENAME TO paragraphs;
    CREATE INDEX paragraphs_repeat ON paragraphs(repeat_key);
    CREATE INDEX paragraphs_kind_lang ON paragraphs(kind, lang);
    CREATE VIEW paragraph_texts AS
        SELECT p.rowid AS pid, substr(d.text, p.start + 1, p."end" - p.start) AS text
        FROM paragraphs p JOIN documents d ON d.id = p.doc_id;
    CREATE VIRTUAL TABLE paragraphs_fts USING fts5(
        text, content='paragraph_texts', content_rowid='pid', tokenize="unicode61 remove_diacritics 0"
    );
    INSERT INTO paragraphs_fts(paragraphs_fts) VALUES ('rebuild');
    CREATE TRIGGER paragraphs_ai AFTER INSERT ON paragraphs BEGIN
        INSERT INTO paragraphs_fts(rowid, text)
            SELECT new.rowid, substr(d.text, new.start + 1, new."end" - new.start) FROM documents d WHERE d.id = new.doc_id;
    END;
    CREATE TRIGGER paragraphs_bd BEFORE DELETE ON paragraphs BEGIN
        INSERT INTO paragraphs_fts(paragraphs_fts, rowid, text)
            SELECT 'delete', old.rowid, substr(d.text, old.start + 1, old."end" - old.start) FROM documents d
            WHERE d.id = old.doc_id;
    END;
    CREATE TABLE reprint_bands_v15 (
        band INTEGER NOT NULL,
        key INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        PRIMARY KEY (band, key, seq)
    ) WITHOUT ROWID;
    INSERT OR IGNORE INTO reprint_bands_v15(band, key, seq)
        SELECT b.band, b.key, s.seq FROM reprint_bands b JOIN reprint_signatures s ON s.doc_id = b.doc_id;
    DROP TABLE reprint_bands;
    ALTER TABLE reprint_bands_v15 RENAME TO reprint_bands;
    DROP INDEX IF EXISTS events_incident;
    ALTER TABLE events DROP COLUMN incident_id;
    CREATE TABLE crossdoc_undo_v15 (
        link_key TEXT NOT NULL,
        tbl TEXT NOT NULL,
        row_id INTEGER NOT NULL,
        op TEXT NOT NULL,
        v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11,
        PRIMARY KEY (link_key, tbl, row_id)
    ) WITHOUT ROWID;
    INSERT OR IGNORE INTO crossdoc_undo_v15(link_key, tbl, row_id, op, v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11)
        SELECT link_key, tbl, row_id, op, v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11 FROM crossdoc_undo ORDER BY id;
    DROP TABLE crossdoc_undo;
    ALTER TABLE crossdoc_undo_v15 RENAME TO crossdoc_undo;
    CREATE TABLE entities_v15 (
        doc_id TEXT NOT NULL, idx INTEGER NOT NULL,
        start INTEGER, "end" INTEGER, text TEXT, label TEXT, canonical TEXT, lang TEXT, source TEXT,
        PRIMARY KEY (doc_id, idx)
    ) WITHOUT ROWID;
    INSERT INTO entities_v15(doc_id, idx, start, "end", text, label, canonical, lang, source)
        SELECT doc_id, idx, start, "end", text, label, canonical, lang, source FROM entities ORDER BY doc_id, idx;
    DROP TABLE entities;
    ALTER TABLE entities_v15 RENAME TO entities;
    CREATE INDEX entities_canonical ON entities(canonical);
    """,
    # 16: the hash-keyed band table gets a small recent part that takes new rows and is merged into it in key order
    # (store/split_tables.py): a row per random page made writing a relink cost more as the store grew. The main
    # part's row count starts the merge schedule.
    """
    CREATE TABLE reprint_bands_recent (
        band INTEGER NOT NULL,
        key INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        PRIMARY KEY (band, key, seq)
    ) WITHOUT ROWID;
    INSERT INTO relink_state(name, value) SELECT 'rows:reprint_bands', COUNT(*) FROM reprint_bands;
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(conn: sqlite3.Connection) -> int:
    """The number of migrations a database file has seen."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def known_schema_version(conn: sqlite3.Connection, path: str) -> int:
    """The file's schema version; :class:`SchemaTooNew` when a newer newsledger wrote it."""
    version = schema_version(conn)
    if version > SCHEMA_VERSION:
        raise SchemaTooNew(f"database {path!r} has schema {version}, this newsledger knows {SCHEMA_VERSION}: upgrade newsledger")
    return version


def apply_migrations(conn: sqlite3.Connection, path: str) -> None:
    """Apply the migrations the file at ``path`` has not seen yet, each in its own transaction."""
    version = known_schema_version(conn, path)
    conn.create_function("nl_event_fact", 2, _event_fact, deterministic=True)
    conn.create_function("nl_slim_document", 2, _slim_document, deterministic=True)
    conn.create_function("nl_without_list", 2, _without_list, deterministic=True)
    conn.create_function("nl_slim_quote", 2, _slim_quote, deterministic=True)
    conn.create_function("nl_repeat_key", 2, repeat_key, deterministic=True)
    conn.create_function("nl_quote_sentence", 3, _QuoteSentence(), deterministic=True)
    for number in range(version, SCHEMA_VERSION):
        conn.execute("BEGIN IMMEDIATE")
        # Another process may have migrated the file between our read and our write lock
        # (two writers opening a brand-new store at once): read the version again under the lock.
        if schema_version(conn) > number:
            conn.execute("COMMIT")
            continue
        try:
            for statement in split_sql(MIGRATIONS[number]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version={number + 1}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        log.info("migrated %s to schema %d", path, number + 1)


def repeat_key(site_key: Optional[str], fingerprint: Optional[str]) -> int:
    """A paragraph's site key and fingerprint as one signed 64-bit key: the pages of a site that carry the same
    paragraph share it (boilerplate is counted by it; store/documents.py)."""
    digest = hashlib.blake2b(f"{site_key or ''}\x00{fingerprint or ''}".encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def vague_words(figure: Any) -> Optional[str]:
    """A vague figure's words as summaries list them ("dozens (onlarla)"); None for a number or no figure."""
    if not isinstance(figure, dict) or not figure or figure.get("low") is not None or figure.get("high") is not None:
        return None
    return f"{figure['label']} ({figure.get('text')})" if figure.get("label") else figure.get("text")


def _event_fact(data: Any, what: str) -> Optional[str]:
    """Migration 8's reading of a stored event's or quote's JSON (deflated or not): an id, a date basis, a vague figure's words."""
    try:
        event = load(data) if data else None
    except Exception:  # noqa: BLE001 - one unreadable row must not stop the migration: its columns stay empty
        return None
    if not isinstance(event, dict):
        return None
    if what == "id":
        return str(event["id"]) if event.get("id") else None
    if what == "date_basis":
        basis = (event.get("date") or {}).get("basis")
        return str(basis) if basis else None
    return vague_words(event.get(what.removesuffix("_vague")))


def _rewritten(data: Any, rewrite: Callable[[dict[str, Any]], Optional[dict[str, Any]]]) -> Any:
    """A stored JSON object (deflated or not) rewritten by ``rewrite`` and deflated; ``rewrite`` returning None, a
    value that is not an object, or an unreadable one leaves it as it was (one bad row must not stop a migration)."""
    try:
        value = load(data) if data else None
        changed = rewrite(value) if isinstance(value, dict) else None
        return data if changed is None else pack(json.dumps(changed, ensure_ascii=False))
    except Exception:  # noqa: BLE001 - one unreadable row must not stop the migration
        return data


def _slim_document(data: Any, text: Optional[str]) -> Any:
    """Migration 13's rewrite of a document's data without the copies of its text."""
    return _rewritten(data, lambda value: slimmed(value, text) if text is not None else None)


def _without_list(data: Any, name: str) -> Any:
    """Migration 15's rewrite of a document's data without one of its lists (kept in its own table)."""
    return _rewritten(data, lambda value: {k: v for k, v in value.items() if k != name} if name in value else None)


def _slim_quote(data: Any, text: Optional[str]) -> Any:
    """Migration 15's rewrite of a quote's JSON without its columns and text slices."""
    return _rewritten(data, lambda value: slimmed_quote(value, text) if text is not None else None)


class _QuoteSentence:
    """Migration 15's bound (``which`` 0: start, 1: end) of the sentence of a document's ``data`` that holds an
    offset; the last document's sentences are kept, as the quotes of one document are updated one after another."""

    def __init__(self) -> None:
        self._data: Any = None
        self._bounds: list[tuple[int, int]] = []

    def __call__(self, data: Any, offset: Optional[int], which: int) -> Optional[int]:
        if data is not self._data and data != self._data:
            self._data = data
            try:
                value = load(data) if data else None
                sentences = value.get("sentences") or [] if isinstance(value, dict) else []
                self._bounds = [(int(s["start"]), int(s["end"])) for s in sentences
                                if isinstance(s.get("start"), int) and isinstance(s.get("end"), int)]
            except Exception:  # noqa: BLE001 - an unreadable document: its quotes get no sentence
                self._bounds = []
        bounds = sentence_bounds(self._bounds, offset)
        return bounds[which] if bounds else None


def sentence_bounds(sentences: Any, offset: Optional[int]) -> Optional[tuple[int, int]]:
    """(start, end) of the first sentence (start, end) pair that holds ``offset``; None when none does."""
    if offset is None:
        return None
    for start, end in sentences:
        if start <= offset < end:
            return start, end
    return None


def split_sql(script: str) -> list[str]:
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
