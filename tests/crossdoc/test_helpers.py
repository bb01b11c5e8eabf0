"""Shared helpers for the crossdoc tests: a scratch database in memory, hand-built documents."""
from __future__ import annotations

import json
from typing import Optional

from newsledger.models import Argument, Document, Event, EventDate, Figure, Paragraph, Published, Span
from newsledger.store.connection import Database
from newsledger.store.documents import insert_children


def core_connection() -> Database:
    """A scratch database with every table (the crossdoc functions take it like a Store)."""
    return Database(":memory:")


def make_doc(sentence: str, *, doc_id: str, site: str = "example.org", published: Optional[str] = "2020-10-15",
             lang: str = "en", event: Optional[dict] = None, extra: str = "") -> Document:
    """A one-paragraph document whose single event covers ``sentence``."""
    text = sentence + (("\n\n" + extra) if extra else "")
    doc = Document(id=doc_id, input_id=f"{doc_id}.txt", text=text, site=site, url=f"https://{site}/{doc_id}",
                   published=Published(published, "day" if published and len(published) == 10 else "unknown", "metadata"))
    doc.paragraphs = [Paragraph(0, len(sentence), sentence, lang=lang)]
    if extra:
        doc.paragraphs.append(Paragraph(len(sentence) + 2, len(text), extra, lang=lang))
    if event is not None:
        doc.events = [make_event(doc, sentence, **event)]
    return doc


def _fig(doc: Document, sentence: str, phrase: Optional[str], low: Optional[int], high: Optional[int]) -> Optional[Figure]:
    if phrase is None:
        return None
    start = sentence.index(phrase)
    return Figure(low, high, start, start + len(phrase), doc.text[start:start + len(phrase)])


def make_event(doc: Document, sentence: str, *, type: str = "attack", place: Optional[str] = None,
               date: Optional[str] = None, precision: str = "day", not_before: Optional[str] = None,
               not_after: Optional[str] = None, killed: Optional[tuple] = None, injured: Optional[tuple] = None,
               claimant: Optional[str] = None, weapon: Optional[str] = None, lang: str = "en") -> Event:
    """An event over the whole sentence; figures as (phrase, low, high) found in the sentence."""
    place_arg = None
    if place:
        start = sentence.index(place)
        place_arg = Argument(place, start, start + len(place), place)
    return Event(type=type, subtype=None, span=Span(0, len(sentence), sentence), place=place_arg,
                 date=EventDate(date, precision, "explicit", not_before, not_after),
                 killed=_fig(doc, sentence, *killed) if killed else None,
                 injured=_fig(doc, sentence, *injured) if injured else None,
                 claimant=Argument(claimant) if claimant else None,
                 weapon=Argument(weapon) if weapon else None, lang=lang)


def store_doc(db: Database, doc: Document, seq: int) -> None:
    """Insert a document and what was found in it the way the store does (no paragraphs), without linking."""
    lang = doc.paragraphs[0].lang if doc.paragraphs else "und"
    conn = db.conn
    conn.execute("INSERT INTO documents(id, input_id, url, site, title, published_value, published_precision,"
                 " published_basis, lang, text, data, reprint_of, ingested_seq) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                 (doc.id, doc.input_id, doc.url, doc.site, doc.title, doc.published.value, doc.published.precision,
                  doc.published.basis, lang, doc.text, json.dumps(doc.to_dict(), ensure_ascii=False), None, seq))
    insert_children(db, doc)


def linked_store(docs: list[Document]) -> Database:
    """A scratch store holding ``docs`` in order, each stored then linked as ingest does."""
    from newsledger.crossdoc import link_document

    conn = core_connection()
    for seq, doc in enumerate(docs):
        store_doc(conn, doc, seq)
        link_document(conn, doc.id)
    return conn
