"""Whole tables: counts for ``stats``, row streams and column kinds for ``export``."""
from __future__ import annotations

import json
from typing import Any, Iterator, Optional

from newsledger.errors import UsageError
from newsledger.store import split_tables
from newsledger.store.codec import load, parse_json, unpack
from newsledger.store.connection import Database
from newsledger.store.documents import sentence_rows
from newsledger.store.migrations import SCHEMA_VERSION
from newsledger.store.slim import QUOTE_COLUMNS, restored, restored_quote

#: Tables ``export`` may stream, in this order; other tables (the cross-document ones) follow by name.
EXPORTABLE = ("documents", "paragraphs", "sentences", "entities", "dates", "quotes", "events", "failures",
              "boilerplate", "inputs")

#: The order of tables without a rowid (WITHOUT ROWID: their primary key).
STORAGE_ORDER = {"reprint_bands": "band, key, seq", "incident_blocks": "key, member", "entities": "doc_id, idx",
                 "crossdoc_undo": "link_key, tbl, row_id"}

#: The relink's own bookkeeping (the undo log and its state): not data, never exported. The recent parts of the
#: split tables are exported with their main parts (store/split_tables.py).
INTERNAL = ("crossdoc_undo", "relink_state", *(t.recent for t in split_tables.SPLIT_TABLES))
_SPLIT = {t.name: t for t in split_tables.SPLIT_TABLES}


def stats(db: Database) -> dict[str, Any]:
    """Counts of everything stored."""
    conn = db.conn
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    return {
        "documents": one("SELECT COUNT(*) FROM documents"),
        "reprints": one("SELECT COUNT(*) FROM documents WHERE reprint_of IS NOT NULL"),
        "paragraphs_by_lang": {r[0]: r[1] for r in conn.execute(
            "SELECT lang, COUNT(*) FROM paragraphs WHERE kind != 'boilerplate' GROUP BY lang ORDER BY 2 DESC")},
        "paragraphs_by_kind": {r[0]: r[1] for r in conn.execute(
            "SELECT kind, COUNT(*) FROM paragraphs GROUP BY kind ORDER BY 2 DESC")},
        "sites": {r[0] or "(none)": r[1] for r in conn.execute(
            "SELECT site, COUNT(*) FROM documents GROUP BY site ORDER BY 2 DESC")},
        "entities": one("SELECT COUNT(*) FROM entities"),
        "dates": one("SELECT COUNT(*) FROM dates"),
        "quotes": one("SELECT COUNT(*) FROM quotes"),
        "events": one("SELECT COUNT(*) FROM events"),
        "failures": one("SELECT COUNT(*) FROM failures"),
        "schema_version": SCHEMA_VERSION,
    }


def tables(db: Database) -> list[str]:
    """The tables ``export`` can stream: :data:`EXPORTABLE` first, then the others by name."""
    present = {r[0] for r in db.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    extra = sorted(t for t in present if t not in EXPORTABLE and t not in INTERNAL
                   and not t.startswith(("sqlite_", "paragraphs_fts")))
    return [t for t in EXPORTABLE if t in present] + extra


def rows(db: Database, table: str) -> Iterator[dict[str, Any]]:
    """Stream every row of an exportable table, in a stable order."""
    known = tables(db)
    if table not in known:
        raise UsageError(f"unknown table {table!r}: choose one of {', '.join(known)}")
    if table == "sentences":
        yield from sentence_rows(db)
        return
    if table == "quotes":
        yield from _quote_rows(db)
        return
    source = f"({split_tables.union_sql(_SPLIT[table])})" if table in _SPLIT else table
    cur = db.conn.execute(_PARAGRAPHS_WITH_TEXT if table == "paragraphs" else
                          f"SELECT * FROM {source} ORDER BY {STORAGE_ORDER.get(table, 'rowid')}")
    names = [c[0] for c in cur.description]
    packed = [i for i, name in enumerate(names) if (table, name) in JSON_COLUMNS]
    for row in cur:
        found = _unpacked(dict(zip(names, row)), [names[i] for i in packed])
        if table == "documents" and found.get("data"):
            # The stored data leaves out the copies of the text (store/slim.py): the export gives it whole.
            found["data"] = json.dumps(restored(parse_json(found["data"]), found.get("text") or ""), ensure_ascii=False)
        yield found


#: The paragraphs as exported: with their text, a slice of the document's (the table does not copy it).
_PARAGRAPHS_WITH_TEXT = ('SELECT p.doc_id, p.idx, p.start, p."end", substr(d.text, p.start + 1, p."end" - p.start) AS text,'
                         " p.lang, p.lang_score, p.kind, p.repeat_key FROM paragraphs p"
                         " JOIN documents d ON d.id = p.doc_id ORDER BY p.rowid")


def _quote_rows(db: Database) -> Iterator[dict[str, Any]]:
    """The quotes table's rows, each with its ``data`` whole (the table leaves out its columns and text slices)."""
    cur = db.conn.execute("SELECT q.*, d.text AS nl_document_text FROM quotes q JOIN documents d ON d.id = q.doc_id"
                          " ORDER BY q.rowid")
    names = [c[0] for c in cur.description]
    for values in cur:
        row = dict(zip(names, values))
        text = row.pop("nl_document_text") or ""
        data = load(row["data"]) if row["data"] else {}
        whole = restored_quote(data, tuple(row[c] for c in QUOTE_COLUMNS), text) if isinstance(data, dict) else data
        row["data"] = json.dumps(whole, ensure_ascii=False)
        yield row


def _unpacked(row: dict[str, Any], json_names: list[str]) -> dict[str, Any]:
    """A row with its JSON columns as JSON text (the store keeps them deflated: store/codec.py)."""
    for name in json_names:
        row[name] = unpack(row[name])
    return row


#: Columns whose text is a JSON document: nested objects in a JSONL export, JSON text in CSV and Parquet.
JSON_COLUMNS = {("documents", "data"), ("quotes", "data"), ("events", "data"), ("incident_events", "features")}


def _kind(table: str, name: str, declared: str) -> str:
    """The export kind of a column from its declared type (SQLite's affinity rules)."""
    if (table, name) in JSON_COLUMNS:
        return "json"
    declared = declared.upper()
    if "INT" in declared:
        return "integer"
    if any(word in declared for word in ("CHAR", "CLOB", "TEXT")):
        return "text"
    if "BLOB" in declared:
        return "blob"
    if any(word in declared for word in ("REAL", "FLOA", "DOUB")):
        return "real"
    return ""


def columns(db: Database, table: str) -> list[tuple[str, str]]:
    """(name, kind) of each column of an exportable table, in table order; known even when it has no rows."""
    if table not in tables(db):
        raise UsageError(f"unknown table {table!r}: choose one of {', '.join(tables(db))}")
    found = [(r[1], _kind(table, r[1], r[2] or "")) for r in db.conn.execute(f"PRAGMA table_info({table})")]
    if table == "paragraphs" and ("text", "text") not in found:  # exported with its text (_PARAGRAPHS_WITH_TEXT)
        found.insert(4, ("text", "text"))
    return found


def event_columns(db: Database) -> list[tuple[str, str]]:
    """The columns of :func:`events_with_inputs`: every events column, the event's incident, the document's
    ``input_id``."""
    return columns(db, "events") + [("incident_id", "text"), ("input_id", "text")]


def events_with_inputs(db: Database) -> Iterator[dict[str, Any]]:
    """Every stored event row with the input its document came from, in storage order."""
    cur = db.conn.execute("SELECT e.*, ie.incident_id, d.input_id FROM events e JOIN documents d ON d.id = e.doc_id"
                          " LEFT JOIN incident_events ie ON ie.doc_id = e.doc_id AND ie.idx = e.idx ORDER BY e.rowid")
    names = [c[0] for c in cur.description]
    for values in cur:
        yield _unpacked(dict(zip(names, values)), ["data"])


def events_in_ingest_order(db: Database) -> Iterator[tuple[str, int, dict[str, Any], Optional[str]]]:
    """(doc_id, idx, event data, incident id) of every event, documents in ingest order."""
    cur = db.conn.execute(
        "SELECT e.doc_id, e.idx, e.data, ie.incident_id FROM events e JOIN documents d ON d.id = e.doc_id"
        " LEFT JOIN incident_events ie ON ie.doc_id = e.doc_id AND ie.idx = e.idx"
        " ORDER BY d.ingested_seq, e.idx")
    for doc_id, idx, data, incident_id in cur:
        yield doc_id, idx, load(data), incident_id
