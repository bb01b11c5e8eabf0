"""The deterministic relink: every cross-document table recomputed from the stored documents.

Linking one document at a time is greedy: a reprint points at the first member of its group that
was linked, an incident is named after (and its ties go to) the first event linked. So the order of
arrival would decide the result: two writers at once, or a run killed and resumed, would give other
incidents than one serial run. :func:`relink_store` links every stored document again in one
canonical order (published day, undated last, then document id), so whatever order documents
arrived in, the reprint groups' originals (``reprint_of``: the group's canonical first member), the
incidents, their ids (a hash of their canonical first event), votes and name counts are the same.

``ingest`` runs it in one transaction at the end of every run that stored something, and at the
start of a run when ``relink_pending`` says a previous run died before it; ``newsledger relink``
runs it on demand. The per-document linking in :meth:`Store.add_document` stays for immediate
results while a run is going; the relink then replaces them.
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Optional

from newsledger.crossdoc.incidents import link_document
from newsledger.models import Failure
from newsledger.store import documents as document_store
from newsledger.store import relinking
from newsledger.store.connection import Database

log = logging.getLogger(__name__)


@dataclass
class RelinkReport:
    """What one full relink did."""

    documents: int = 0
    failed: int = 0
    seconds: float = 0.0


def link_or_record(store: Database, doc_id: str, threshold: Optional[float]) -> bool:
    """Link one stored document inside a savepoint; on an error keep the document, drop its links, record E045."""
    try:
        with relinking.savepoint(store):
            link_document(store, doc_id, threshold)
        return True
    except Exception as exc:  # a linking bug must not lose the stored document nor stop the others
        log.warning("E045 cross-document linking failed for %s: %s", doc_id, exc)
        document_store.add_failure(store, Failure("E045", f"cross-document linking failed: {exc}", "crossdoc", doc_id),
                                   doc_id)
        return False


def relink_store(store: Database, threshold: Optional[float] = None) -> RelinkReport:
    """Recompute the cross-document tables from the stored documents, in canonical order (caller's transaction)."""
    started = time.perf_counter()
    relinking.clear_crossdoc(store)
    report = RelinkReport()
    for doc_id in relinking.canonical_order(store):
        report.documents += 1
        report.failed += not link_or_record(store, doc_id, threshold)
    report.seconds = time.perf_counter() - started
    log.info("relinked %d documents in %.2f s", report.documents, report.seconds)
    return report
