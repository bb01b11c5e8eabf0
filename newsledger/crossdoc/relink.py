"""The deterministic relink: every cross-document table recomputed from the stored documents.

Linking one document at a time is greedy: a reprint points at the first member of its group that
was linked, an incident is named after (and its ties go to) the first event linked. So the order of
arrival would decide the result: two writers at once, or a run killed and resumed, would give other
incidents than one serial run. :func:`relink_store` links every stored document again in one
canonical order (published day, undated last, then document id), so whatever order documents
arrived in, the reprint groups' originals (``reprint_of``: the group's canonical first member), the
incidents, their ids (a hash of their canonical first event), votes and name counts are the same.

Linking the canonical order from its start costs about 3 ms per *stored* document, so ``ingest`` ends
with :func:`relink_pending` instead: the documents stored (or re-marked) since the last relink are
``relink_pending``; the canonical order is linked again only from the earliest of them on. The linking
tables are first brought back to their state before that document (the undo log of
:mod:`newsledger.store.relinking`), then the suffix is linked in canonical order: the result is the full
relink's, row for row, at a cost proportional to the suffix. A news ledger mostly grows at its end
(new pages are recent), so the suffix is mostly the new pages. It falls back to the full relink when
the log does not cover the store (a file linked before schema 5) or the file has linking tables the
log does not know. ``newsledger relink`` always runs the full one.
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Optional, Sequence

from newsledger.crossdoc import aliases
from newsledger.crossdoc.gc_pause import cyclic_gc_paused
from newsledger.crossdoc.incidents import block_rows, link_document
from newsledger.crossdoc.reprints import band_rows
from newsledger.models import Failure
from newsledger.store import documents as document_store
from newsledger.store import incidents as incident_store
from newsledger.store import linking_cache, relinking, split_tables
from newsledger.store import reprints as reprint_store
from newsledger.store.connection import Database

log = logging.getLogger(__name__)


@dataclass
class RelinkReport:
    """What one full relink did."""

    documents: int = 0
    failed: int = 0
    seconds: float = 0.0
    #: "full" (from the first document) or "suffix" (from the earliest pending one).
    mode: str = "full"


def link_or_record(store: Database, doc_id: str, threshold: Optional[float]) -> bool:
    """Link one stored document inside a savepoint; on an error keep the document, drop its links, record E045."""
    try:
        with store.savepoint():
            link_document(store, doc_id, threshold)
        return True
    except Exception as exc:  # a linking bug must not lose the stored document nor stop the others
        linking_cache.forget(store)  # its savepoint was rolled back: rows the cache saw filed are gone
        log.warning("E045 cross-document linking failed for %s: %s", doc_id, exc)
        document_store.add_failure(store, Failure("E045", f"cross-document linking failed: {exc}", "crossdoc", doc_id),
                                   doc_id)
        return False


def relink_store(store: Database, threshold: Optional[float] = None) -> RelinkReport:
    """Recompute the cross-document tables from the stored documents, in canonical order (caller's transaction)."""
    started = time.perf_counter()
    before = aliases.snapshot(store)
    relinking.clear_crossdoc(store)
    report = _link_in_order(store, relinking.canonical_order(store), threshold)
    relinking.set_undo_log_complete(store)
    relinking.set_derived_keys_current(store)
    aliases.record_renamed(store, before)
    report.seconds = time.perf_counter() - started
    log.info("relinked %d documents in %.2f s", report.documents, report.seconds)
    return report


def relink_pending(store: Database, threshold: Optional[float] = None) -> RelinkReport:
    """The canonical linking again from the earliest pending document on (caller's transaction); see the module doc."""
    started = time.perf_counter()
    key = relinking.earliest_key(store, relinking.pending_ids(store))
    known = relinking.linking_tables(store)
    if (key is None or not relinking.undo_log_complete(store) or not relinking.derived_keys_current(store)
            or not known <= set(relinking.SHARED_TABLES) | set(relinking.PER_DOCUMENT_TABLES)):
        return relink_store(store, threshold)
    suffix = relinking.order_from(store, key)
    before = aliases.snapshot(store, suffix)
    relinking.unlink_from(store, key, suffix, lambda doc_ids: drop_derived_rows(store, doc_ids))
    relinking.clear_pending(store)
    report = _link_in_order(store, suffix, threshold)
    aliases.record_renamed(store, before)
    report.mode = "suffix"
    report.seconds = time.perf_counter() - started
    log.info("relinked the last %d documents of the canonical order in %.2f s", report.documents, report.seconds)
    return report


def drop_derived_rows(store: Database, doc_ids: Sequence[str]) -> None:
    """Delete the documents' block and band rows, their keys recomputed from the stored features and signatures."""
    incident_store.delete_blocks(store, block_rows(store, doc_ids))
    reprint_store.delete_bands(store, band_rows(store, doc_ids))


def _link_in_order(store: Database, doc_ids: list[str], threshold: Optional[float]) -> RelinkReport:
    """Link documents in the given (canonical) order, recording the undo log."""
    report = RelinkReport()
    keys = relinking.canonical_keys(store, doc_ids)
    with relinking.undo_logging(store), cyclic_gc_paused(), linking_cache.caching(store, incident_store.MAX_CANDIDATES):
        for doc_id in doc_ids:
            relinking.linking_document(store, keys[doc_id])
            report.documents += 1
            report.failed += not link_or_record(store, doc_id, threshold)
    for table in split_tables.SPLIT_TABLES:
        split_tables.settle(store, table)
    return report
