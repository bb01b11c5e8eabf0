"""Writing and reading documents: one row per document, its paragraphs (full-text indexed) and what was found in them.

Boilerplate: a paragraph seen on ``boilerplate_min_pages`` pages of one site is boilerplate, on the
new page and on every earlier page (which then loses what was found in that paragraph).
"""
from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field, fields, is_dataclass
from functools import lru_cache
from typing import Any, Callable, Iterator, Optional

from newsledger.errors import NotFound
from newsledger.lang import UNDETERMINED
from newsledger.models import SCHEMA_VERSION as MODEL_SCHEMA_VERSION
from newsledger.models import Document, Failure
from newsledger.stages.paragraphs.boilerplate import fingerprint
from newsledger.store.codec import load, pack, pack_json, parse_json, unpack
from newsledger.store.connection import Database
from newsledger.store.migrations import repeat_key, sentence_bounds, vague_words
from newsledger.store.slim import QUOTE_COLUMNS, restored, restored_quote, slimmed, slimmed_quote

#: The tables of what was found in a document, rewritten when its paragraphs are re-marked.
CHILD_TABLES = ("sentences", "entities", "dates", "quotes", "events")
#: Lists of a document kept only in their own table (its ``data`` column leaves them out, read them back
#: with :func:`stored_data`): the events table holds each event's whole JSON, the quotes table each quote's columns
#: and the rest of its JSON (store/slim.py ``slimmed_quote``).
STORED_APART = ("events", "quotes")


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


@lru_cache(maxsize=None)
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def plain(value: Any) -> Any:
    """``dataclasses.asdict`` without its deep copies: the writer serialises every document once."""
    cls: type = type(value)
    if is_dataclass(value) and not isinstance(value, type):
        return {name: plain(getattr(value, name)) for name in _field_names(cls)}
    if cls is list or cls is tuple:
        return [plain(v) for v in value]
    if cls is dict:
        return {k: plain(v) for k, v in value.items()}
    return value


def document_json(doc: Document, apart: tuple[str, ...] = STORED_APART) -> str:
    """``json.dumps(doc.to_dict())``, faster, less the lists kept ``apart`` and the copies of the text
    (:mod:`newsledger.store.slim`): the ``data`` column of a document."""
    data = {name: plain(getattr(doc, name)) for name in _field_names(Document) if name != "parses" and name not in apart}
    data["schema_version"] = MODEL_SCHEMA_VERSION
    return json.dumps(slimmed(data, doc.text), ensure_ascii=False)


def now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def has_document(db: Database, doc_id: str) -> bool:
    return db.conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None


def known_boilerplate(db: Database, key: str) -> set[str]:
    """Fingerprints of the paragraphs already known as boilerplate on one site."""
    return {r[0] for r in db.conn.execute("SELECT fingerprint FROM boilerplate WHERE site_key = ?", (key,))}


def record_input(db: Database, input_id: str, doc_id: str) -> None:
    """Remember that an input gave this document (an input seen twice is recorded once)."""
    db.conn.execute("INSERT OR IGNORE INTO inputs(input_id, doc_id) VALUES (?, ?)", (input_id, doc_id))


def next_seq(db: Database) -> int:
    """The ingest order number of the next new document."""
    return int(db.conn.execute("SELECT COALESCE(MAX(ingested_seq), 0) + 1 FROM documents").fetchone()[0])


def add_failure(db: Database, failure: Failure, doc_id: Optional[str] = None) -> None:
    """Record a failure once (the same input, code and message twice is one row)."""
    db.conn.execute(
        "INSERT OR IGNORE INTO failures(input_id, code, message, stage, doc_id, created_at) VALUES (?,?,?,?,?,?)",
        (failure.input_id, failure.code, failure.message, failure.stage, doc_id, now()),
    )


def insert_document(db: Database, doc: Document, seq: int) -> None:
    """Write a new document with its paragraphs, findings and failures (inside the caller's transaction)."""
    conn = db.conn
    body_langs = [p.lang for p in doc.paragraphs if p.kind == "body" and p.lang != UNDETERMINED]
    main_lang = max(set(body_langs), key=lambda lang: (body_langs.count(lang), lang)) if body_langs else UNDETERMINED
    conn.execute(
        "INSERT INTO documents(id, input_id, url, site, title, published_value, published_precision,"
        " published_basis, lang, text, data, ingested_seq, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (doc.id, doc.input_id, doc.url, doc.site, doc.title, doc.published.value, doc.published.precision,
         doc.published.basis, main_lang, doc.text, pack(document_json(doc)), seq, now()),
    )
    key = site_key(doc)
    conn.executemany(
        'INSERT INTO paragraphs(doc_id, idx, start, "end", lang, lang_score, kind, repeat_key)'
        " VALUES (?,?,?,?,?,?,?,?)",
        [(doc.id, i, p.start, p.end, p.lang, p.lang_score, p.kind, repeat_key(key, fingerprint(p.text)))
         for i, p in enumerate(doc.paragraphs)],
    )
    insert_children(db, doc)
    for f in doc.failures:
        add_failure(db, Failure(f.code, f.message, f.stage, f.input_id or doc.input_id), doc.id)


def insert_children(db: Database, doc: Document) -> None:
    """Write what was found in a document: entities, dates, quotes, events (its sentences stay in its ``data``)."""
    conn = db.conn
    conn.executemany(
        'INSERT INTO entities(doc_id, idx, start, "end", text, label, canonical, lang, source) VALUES (?,?,?,?,?,?,?,?,?)',
        [(doc.id, i, e.start, e.end, e.text, e.label, e.canonical, e.lang, e.source) for i, e in enumerate(doc.entities)],
    )
    conn.executemany(
        'INSERT INTO dates(doc_id, idx, start, "end", text, value, precision, basis) VALUES (?,?,?,?,?,?,?,?)',
        [(doc.id, i, d.start, d.end, d.text, d.value, d.precision, d.basis) for i, d in enumerate(doc.dates)],
    )
    sentences = [(s.start, s.end) for s in doc.sentences]
    conn.executemany(
        "INSERT INTO quotes(doc_id, idx, kind, speaker_name, speaker_canonical, speaker_role, speaker_resolved,"
        " cue, content_start, content_end, content, target, polarity, lang, data, quote_id, sentence_start, sentence_end)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [(doc.id, i, q.kind,
          q.speaker.name if q.speaker else None,
          (q.speaker.canonical or q.speaker.name) if q.speaker else None,
          q.speaker.role if q.speaker else None,
          int(bool(q.speaker and q.speaker.resolved)),
          q.cue.text if q.cue else None,
          q.content.start if q.content else None, q.content.end if q.content else None,
          q.content.text if q.content else None,
          q.target.name if q.target else None, q.polarity, q.lang,
          pack_json(slimmed_quote(plain(q), doc.text)), q.id or None,
          *(sentence_bounds(sentences, q.content.start if q.content else None) or (None, None)))
         for i, q in enumerate(doc.quotes)],
    )
    conn.executemany(
        "INSERT INTO events(doc_id, idx, type, subtype, place, date_value, date_precision, not_before, not_after,"
        " killed_low, killed_high, injured_low, injured_high, data, date_basis, killed_vague, injured_vague)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [(doc.id, i, e.type, e.subtype,
          (e.place.canonical or e.place.name) if e.place else None,
          e.date.value, e.date.precision, e.date.not_before, e.date.not_after,
          e.killed.low if e.killed else None, e.killed.high if e.killed else None,
          e.injured.low if e.injured else None, e.injured.high if e.injured else None,
          pack_json(data), e.date.basis, vague_words(data.get("killed")), vague_words(data.get("injured")))
         for i, e in enumerate(doc.events) for data in (plain(e),)],
    )


def update_boilerplate(db: Database, doc: Document, key: str, min_pages: int, min_chars: int,
                       rewritten: Callable[[str], None]) -> None:
    """Mark paragraphs seen on ``min_pages`` or more pages of the site, here and on earlier pages.

    ``rewritten(doc_id)`` is called for each stored document whose findings were rewritten, at once
    (its event indices may have shifted: it must be linked again).
    """
    conn = db.conn
    known = known_boilerplate(db, key)
    here: set[str] = set()  # known boilerplate this page still carries (analysed before it was known)
    for p in doc.paragraphs:
        if p.kind == "heading" or len(p.text) < min_chars:
            continue
        fp = fingerprint(p.text)
        if fp in known:
            # Every earlier page with it was re-marked when it became boilerplate: only this page can lag.
            if p.kind != "boilerplate":
                here.add(fp)
            continue
        # Whether it is on min_pages pages, without counting every page of a big site.
        pages = conn.execute(
            "SELECT COUNT(*) FROM (SELECT DISTINCT doc_id FROM paragraphs WHERE repeat_key = ? LIMIT ?)",
            (repeat_key(key, fp), min_pages)).fetchone()[0]
        if pages < min_pages:
            continue
        conn.execute("INSERT OR IGNORE INTO boilerplate(site_key, fingerprint, text) VALUES (?,?,?)", (key, fp, p.text))
        known.add(fp)
        stale = conn.execute(
            "SELECT DISTINCT doc_id FROM paragraphs WHERE repeat_key = ? AND kind != 'boilerplate'",
            (repeat_key(key, fp),),
        ).fetchall()
        for row in stale:
            if remark_boilerplate(db, row[0], {fp}):
                rewritten(row[0])
    if here and remark_boilerplate(db, doc.id, here):
        rewritten(doc.id)


def stored_data(db: Database, doc_id: str, blob: str | bytes, text: str) -> dict[str, Any]:
    """A document's ``data`` with its text put back (:mod:`newsledger.store.slim`) and the lists kept apart
    (:data:`STORED_APART`) read back from their tables."""
    data: dict[str, Any] = restored(parse_json(unpack(blob) or "{}"), text)
    if "events" not in data:
        data["events"] = [load(r[0]) for r in db.conn.execute(
            "SELECT data FROM events WHERE doc_id = ? ORDER BY idx", (doc_id,))]
    if "quotes" not in data:
        data["quotes"] = stored_quotes(db, doc_id, text)
    return data


def stored_quotes(db: Database, doc_id: str, text: str) -> list[dict[str, Any]]:
    """A document's quotes as analysed, in document order: the quotes table's columns, its slimmed JSON and the
    document's ``text`` put together (:func:`newsledger.store.slim.restored_quote`)."""
    return [restored_quote(load(r[-1]) or {}, tuple(r[:-1]), text) for r in db.conn.execute(
        f"SELECT {', '.join(QUOTE_COLUMNS)}, data FROM quotes WHERE doc_id = ? ORDER BY idx", (doc_id,))]


def remark_boilerplate(db: Database, doc_id: str, fingerprints: set[str]) -> bool:
    """Re-mark a stored document's paragraphs as boilerplate and drop what was found in them; False if none matched."""
    conn = db.conn
    doc = Document.from_dict(stored_data(db, doc_id, *conn.execute("SELECT data, text FROM documents WHERE id = ?",
                                                                    (doc_id,)).fetchone()))
    ranges = []
    for p in doc.paragraphs:
        if p.kind != "heading" and fingerprint(p.text) in fingerprints:
            p.kind = "boilerplate"
            ranges.append((p.start, p.end))
    if not ranges:
        return False
    doc.drop_items_in(ranges)
    conn.execute("UPDATE documents SET data = ? WHERE id = ?", (pack(document_json(doc)), doc_id))
    conn.executemany(
        "UPDATE paragraphs SET kind = 'boilerplate' WHERE doc_id = ? AND idx = ?",
        [(doc_id, i) for i, p in enumerate(doc.paragraphs) if p.kind == "boilerplate"],
    )
    for table in CHILD_TABLES:
        conn.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))
    insert_children(db, doc)
    return True


def sentence_rows(db: Database) -> Iterator[dict[str, Any]]:
    """The rows of the ``sentences`` export, from each document's ``data`` in storage order (no table holds them)."""
    for doc_id, blob, text in db.conn.execute("SELECT id, data, text FROM documents ORDER BY rowid"):
        for i, s in enumerate(restored(parse_json(unpack(blob) or "{}"), text).get("sentences") or []):
            yield {"doc_id": doc_id, "idx": i, "paragraph": s.get("paragraph"), "start": s.get("start"),
                   "end": s.get("end"), "text": s.get("text"), "lang": s.get("lang")}


def find_document(db: Database, ident: str) -> Document:
    """A stored document by id, id prefix or input id."""
    conn = db.conn
    row = conn.execute("SELECT id, data, text FROM documents WHERE id = ?", (ident,)).fetchone()
    if row is None:
        row = conn.execute(
            "SELECT d.id, d.data, d.text FROM inputs i JOIN documents d ON d.id = i.doc_id WHERE i.input_id = ? LIMIT 1",
            (ident,)).fetchone()
    if row is None and len(ident) >= 4:
        rows = conn.execute("SELECT id, data, text FROM documents WHERE id LIKE ? LIMIT 2", (ident + "%",)).fetchall()
        row = rows[0] if len(rows) == 1 else None
    if row is None:
        raise NotFound(f"no document with id or input id {ident!r}: list them with `newsledger export --what documents`")
    return Document.from_dict(stored_data(db, row[0], row[1], row[2]))


def boilerplate_paragraph_count(db: Database) -> int:
    """How many stored paragraphs are boilerplate."""
    return int(db.conn.execute("SELECT COUNT(*) FROM paragraphs WHERE kind = 'boilerplate'").fetchone()[0])
