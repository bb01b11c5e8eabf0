"""The :class:`Store`: a newsledger database file with documents in, searches, statistics and exports out.

A document and its cross-document links are one unit: one transaction stores the document, marks
it "to relink" (``relink_pending``), re-marks boilerplate on earlier pages and links it (reprints,
incidents) in a savepoint, so a linking error keeps the document and records E045, and a run
killed at any moment leaves a consistent store. The rerun skips what is already there (the
document id is a hash of the text, so the same page twice is stored once).

Linking one document at a time depends on the order of arrival, so :meth:`Store.relink` recomputes
every cross-document table from the stored documents in a canonical order
(:mod:`newsledger.crossdoc.relink`); ``ingest`` runs it when ``relink_pending`` holds a mark.
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Iterator, Optional

from newsledger.models import Document, Failure
from newsledger.settings import Settings, load_settings
from newsledger.store import documents, relinking, search, tables
from newsledger.store.connection import Database

if TYPE_CHECKING:
    from newsledger.crossdoc.relink import RelinkReport

log = logging.getLogger(__name__)


class Store(Database):
    """A newsledger database file (default ``./newsledger.db``): WAL mode, migrated on open."""

    def __init__(self, path: str = "newsledger.db", settings: Optional[Settings] = None) -> None:
        self.settings = settings or load_settings()
        super().__init__(path)

    # -- writing ------------------------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        return documents.has_document(self, doc_id)

    def known_boilerplate(self, key: str) -> set[str]:
        return documents.known_boilerplate(self, key)

    def add_document(self, doc: Document) -> bool:
        """Store an analysed document and link it across documents, in one transaction. False when already stored."""
        key = documents.site_key(doc)
        with self.transaction():
            documents.record_input(self, doc.input_id, doc.id)
            if documents.has_document(self, doc.id):
                return False
            documents.insert_document(self, doc, documents.next_seq(self))
            relinking.mark_pending(self, doc.id)
            documents.update_boilerplate(self, doc, key, self.settings.boilerplate_min_pages,
                                         self.settings.boilerplate_min_chars, self._relink)
            self._link_across_documents(doc.id)
        return True

    def add_failure(self, failure: Failure) -> None:
        with self.transaction():
            documents.add_failure(self, failure)

    def _relink(self, doc_id: str) -> None:
        """Link a re-marked document's remaining events again (in a savepoint): their indices may have shifted."""
        # crossdoc builds on the store: imported here so that loading the store never loads the linker.
        from newsledger.crossdoc.incidents import relink_document

        try:
            with relinking.savepoint(self):
                relink_document(self, doc_id)
        except Exception as exc:  # linking must not lose the stored document; the full relink redoes it
            log.warning("E045 cross-document relinking failed for %s: %s", doc_id, exc)

    def _link_across_documents(self, doc_id: str) -> None:
        """Cross-document steps (reprints, incidents) for a newly stored document, inside its transaction."""
        from newsledger.crossdoc.relink import link_or_record

        link_or_record(self, doc_id, self.settings.reprint_threshold)

    def relink(self) -> "RelinkReport":
        """Recompute every cross-document table from the stored documents in canonical order (one transaction)."""
        from newsledger.crossdoc.relink import relink_store

        with self.transaction():
            return relink_store(self, self.settings.reprint_threshold)

    def relink_if_pending(self) -> Optional["RelinkReport"]:
        """:meth:`relink` when a document was stored since the last relink (this run's, or a run that died); else None."""
        from newsledger.crossdoc.relink import relink_store

        with self.transaction():  # checked inside: of two writers finishing together, one relinks
            if not relinking.pending_count(self):
                return None
            return relink_store(self, self.settings.reprint_threshold)

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
