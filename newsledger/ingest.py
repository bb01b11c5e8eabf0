"""Ingest: read, analyse and store pages, in batches, skipping what is already stored."""
from __future__ import annotations

import logging
from typing import Callable, Optional, Sequence, Union

from .models import Document, Failure
from .pipeline import analyze_many
from .resources import Resources
from .stages.extract import Metadata, read_paths
from .store import IngestReport, Store, site_key

log = logging.getLogger(__name__)

Progress = Callable[[Union[Document, Failure]], None]


def ingest(paths: Sequence[str], store: Store, resources: Optional[Resources] = None,
           meta: Metadata = Metadata(), batch_size: int = 16, progress: Optional[Progress] = None) -> IngestReport:
    """Read ``paths``, analyse new documents and store them; failures are recorded, never raised.

    A document already in the store (same text) is not analysed again, so a rerun after a
    crash only does the work that is left.
    """
    resources = resources or Resources(store.settings)
    report = IngestReport()
    batch: list[Union[Document, Failure]] = []

    def flush() -> None:
        fresh = []
        for item in batch:
            if isinstance(item, Document) and not store.has_document(item.id):
                fresh.append(item)
        if fresh:
            analyze_many(fresh, resources, known_boilerplate=lambda d: store.known_boilerplate(site_key(d)))
        for item in batch:
            if isinstance(item, Failure):
                store.add_failure(item)
                report.failures.append(item)
            elif store.add_document(item):
                report.documents_new += 1
                for p in item.paragraphs:
                    report.paragraphs_by_lang[p.lang] = report.paragraphs_by_lang.get(p.lang, 0) + 1
                report.failures.extend(item.failures)
            else:
                report.documents_seen += 1
            if progress:
                progress(item)
        batch.clear()

    for item in read_paths(paths, resources.settings, meta):
        batch.append(item)
        if len(batch) >= batch_size:
            flush()
    flush()
    report.boilerplate_paragraphs = store.conn.execute(
        "SELECT COUNT(*) FROM paragraphs WHERE kind = 'boilerplate'").fetchone()[0]
    return report
