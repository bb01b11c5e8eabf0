"""The :class:`Store`: a newsledger database file with documents in, searches, statistics and exports out.

One transaction stores a document, marks it "to relink" (``relink_pending``) and re-marks boilerplate
on earlier pages (marking them to relink too), so a run killed at any moment leaves a consistent
store. The rerun skips what is already there (the document id is a hash of the text, so the same
page twice is stored once).

Cross-document links (reprints, incidents) are not written per document: linking one document at a
time would depend on the order of arrival. :meth:`Store.relink_if_pending` (the end of every ``ingest``
and ``fetch`` run, and the start of a run after one that died) links the pending documents in the
canonical order, redoing only the canonical order's suffix from the earliest pending document
(:func:`newsledger.crossdoc.relink.relink_pending`); :meth:`Store.relink` recomputes everything.
"""
from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Iterator, Optional

from newsledger.models import Document, Failure
from newsledger.settings import Settings, load_settings
from newsledger.store import documents, relinking, search, tables
from newsledger.store.connection import Database

if TYPE_CHECKING:
    from newsledger.crossdoc.relink import RelinkReport


class Store(Database):
    """A newsledger database file (default ``./newsledger.db``): WAL mode, migrated on open."""

    def __init__(self, path: str = "newsledger.db", settings: Optional[Settings] = None) -> None:
        self.settings = settings or load_settings()
        self._writer_cache_set = False
        super().__init__(path)

    # -- writing ------------------------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        return documents.has_document(self, doc_id)

    def known_boilerplate(self, key: str) -> set[str]:
        return documents.known_boilerplate(self, key)

    def add_document(self, doc: Document) -> bool:
        """Store an analysed document (one transaction, or a savepoint of the caller's) and mark it to link. False when
        already stored."""
        with self.transaction():
            return self._insert(doc)

    def add_documents(self, docs: list[Document]) -> list[bool]:
        """:meth:`add_document` for several documents in one transaction (all stored, or none after a crash)."""
        with self.transaction():
            return [self._insert(doc) for doc in docs]

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """:meth:`Database.transaction`, the first one giving the connection the writer's page cache
        (``writer_cache_mb``): linking a new document reads a few hundred recent incident members, and with SQLite's
        2 MB default most reads miss the cache at 100,000 documents (docs/BENCHMARKS.md)."""
        if not self._writer_cache_set:
            self.conn.execute(f"PRAGMA cache_size = -{int(self.settings.writer_cache_mb) * 1024}")
            self._writer_cache_set = True
        with super().transaction() as conn:
            yield conn

    def _insert(self, doc: Document) -> bool:
        documents.record_input(self, doc.input_id, doc.id)
        if documents.has_document(self, doc.id):
            return False
        documents.insert_document(self, doc, documents.next_seq(self))
        relinking.mark_pending(self, doc.id)
        # An earlier page whose paragraphs became boilerplate changed its events: it is linked again too.
        documents.update_boilerplate(self, doc, documents.site_key(doc), self.settings.boilerplate_min_pages,
                                     self.settings.boilerplate_min_chars, lambda doc_id: relinking.mark_pending(self, doc_id))
        return True

    def add_failure(self, failure: Failure) -> None:
        with self.transaction():
            documents.add_failure(self, failure)

    def relink(self) -> "RelinkReport":
        """Recompute every cross-document table from the stored documents in canonical order (one transaction)."""
        from newsledger.crossdoc.relink import relink_store

        with self.transaction():
            return relink_store(self, self.settings.reprint_threshold)

    def compact(self) -> tuple[int, int]:
        """Rewrite the file without its free space (SQLite ``VACUUM``): after a migration that shrank many rows, or
        after much was dropped. Returns the file's bytes before and after. Needs as much free disk as the file."""
        before = self.file_bytes()
        self.conn.execute("VACUUM")
        return before, self.file_bytes()

    def file_bytes(self) -> int:
        """The store's size on disk: its pages (the write-ahead log left out)."""
        pages = self.conn.execute("PRAGMA page_count").fetchone()[0]
        return int(pages) * int(self.conn.execute("PRAGMA page_size").fetchone()[0])

    def relink_if_pending(self) -> Optional["RelinkReport"]:
        """Link what was stored since the last relink (this run's, or a run that died), from the earliest
        pending document of the canonical order on; None when nothing is pending."""
        from newsledger.crossdoc.relink import relink_pending

        with self.transaction():  # checked inside: of two writers finishing together, one relinks
            if not relinking.pending_count(self):
                return None
            return relink_pending(self, self.settings.reprint_threshold)

    # -- reading ------------------------------------------------------------------------
    def document(self, ident: str) -> Document:
        """A stored document by id, id prefix or input id."""
        return documents.find_document(self, ident)

    def search(self, query: str, limit: int = 20, speaker: Optional[str] = None,
               lang: Optional[str] = None, include_boilerplate: bool = False) -> list[dict[str, Any]]:
        """Full-text search over paragraphs (every language), best matches first, with snippets."""
        return search.search(self, query, limit, speaker, lang, include_boilerplate)

    def search_entity(self, name: str, limit: int = 20, lang: Optional[str] = None) -> list[dict[str, Any]]:
        """Paragraphs naming one entity in any language or script (see :func:`newsledger.store.search.search_entity`)."""
        return search.search_entity(self, name, limit, lang)

    def quotes(self, speaker: Optional[str] = None, limit: int = 100) -> list[dict[str, Any]]:
        """Quotes across all pages, optionally of one speaker (matched on name or canonical name)."""
        return search.quotes(self, speaker, limit)

    def stats(self) -> dict[str, Any]:
        return tables.stats(self)

    def boilerplate_paragraphs(self) -> int:
        """How many stored paragraphs are boilerplate."""
        return documents.boilerplate_paragraph_count(self)

    def rows(self, table: str) -> Iterator[dict[str, Any]]:
        """Stream every row of an exportable table, in a stable order."""
        return tables.rows(self, table)

    def tables(self) -> list[str]:
        return tables.tables(self)

    def event_rows(self) -> Iterator[dict[str, Any]]:
        """Every event row with its document's input id, in storage order."""
        return tables.events_with_inputs(self)

    def events_in_ingest_order(self) -> Iterator[tuple[str, int, dict[str, Any], Optional[str]]]:
        """(doc_id, idx, event data, incident id) of every event, documents in ingest order."""
        return tables.events_in_ingest_order(self)
