"""Ingest: read, analyse and store pages, in batches, skipping what is already stored."""
from __future__ import annotations

import logging
from collections import deque
from typing import TYPE_CHECKING, Any, Callable, Deque, Iterable, Optional, Sequence, Union

from newsledger.models import Document, Failure
from newsledger.read import Metadata, read_paths
from newsledger.store import IngestReport, Store, site_key

if TYPE_CHECKING:
    from newsledger.resources import Resources

log = logging.getLogger(__name__)

#: What ingest uses of the pipeline, imported on first use (``import newsledger`` must not load the models).
_PIPELINE = ("analyze_many", "batched", "outcome")


def __getattr__(name: str) -> Any:
    if name in _PIPELINE:
        from newsledger import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _pipeline(name: str) -> Any:
    """A pipeline function, or its stand-in where one was set on this module (tests memoise the analysis)."""
    return globals().get(name) or __getattr__(name)

Item = Union[Document, Failure]
Progress = Callable[[Item], None]


#: Documents read and analysed together (a worker's task).
BATCH_SIZE = 16
#: At most this many documents are stored in one transaction: analysed batches waiting for the writer are stored
#: together (group commit), so a commit writes the pages they share once. A store of 100,000 documents writes
#: about 40 pages per document in batches of 16 and fewer, shared, pages in larger ones (docs/BENCHMARKS.md).
STORE_BATCH = 64


def ingest(paths: Sequence[str], store: Store, resources: Optional[Resources] = None,
           meta: Optional[Metadata] = None, batch_size: int = BATCH_SIZE, progress: Optional[Progress] = None,
           workers: int = 1, engine: Optional[str] = None, scheduler: Optional[str] = None) -> IngestReport:
    """Read ``paths``, analyse new documents and store them; failures are recorded, never raised.

    A document already in the store (same text) is not analysed again, so a rerun after a
    crash only does the work that is left. With ``workers`` > 1 (or ``engine="dask"``) the
    analysis runs in worker processes or on a Dask cluster (see :mod:`newsledger.scale`);
    documents are still stored by this process, in input order, up to :data:`STORE_BATCH` per transaction. The
    cross-document tables are then recomputed in a canonical order (:meth:`Store.relink`), so they do
    not depend on the order of arrival, on a second writer, or on a kill and a rerun.
    """
    if resources is None:
        from newsledger.resources import Resources

        resources = Resources(store.settings)
    meta = meta if meta is not None else Metadata()
    engine = engine or ("serial" if workers == 1 and not scheduler else "processes" if not scheduler else "dask")
    report = IngestReport()
    # A run that died after storing documents left them to relink: do it first, so the store is whole.
    store.relink_if_pending()

    def known(doc: Document) -> Iterable[str]:
        return store.known_boilerplate(site_key(doc))

    def fresh(batch: Sequence[Item]) -> list[Document]:
        return [i for i in batch if isinstance(i, Document) and not store.has_document(i.id)]

    analyze_many, batched = _pipeline("analyze_many"), _pipeline("batched")
    batches = batched(read_paths(paths, resources.settings, meta), batch_size)
    if engine == "serial":
        waiting: list[Item] = []  # analysed, not yet stored: the writer takes STORE_BATCH at a time
        for batch in batches:
            todo = fresh(batch)
            if todo:
                analyze_many(todo, resources, known_boilerplate=known)
            waiting += batch
            if len(waiting) >= STORE_BATCH:
                _store_batch(store, waiting, {}, report, progress)
                waiting = []
        if waiting:
            _store_batch(store, waiting, {}, report, progress)
    else:
        from newsledger.scale import Executor

        with Executor(engine, workers, scheduler, resources.settings) as executor:
            in_flight: Deque[tuple[list[Item], Any]] = deque()
            for batch in batches:
                in_flight.append((batch, executor.submit(fresh(batch), known)))
                if len(in_flight) >= 2 * workers:
                    _drain(store, in_flight, report, progress)
            while in_flight:
                _drain(store, in_flight, report, progress)
    # Linking one document at a time depends on the order of arrival: the end state is the canonical relink.
    store.relink_if_pending()
    report.boilerplate_paragraphs = store.boilerplate_paragraphs()
    return report


def _drain(store: Store, in_flight: Deque[tuple[list[Item], Any]], report: IngestReport,
           progress: Optional[Progress]) -> None:
    """Store the oldest batch in flight (waiting for its analysis), and in the same transaction the batches after it
    whose analysis is already done, up to :data:`STORE_BATCH` documents: a writer that lags behind its workers
    commits less often. Batches are stored in submission order whatever finishes first."""
    batch, future = in_flight.popleft()
    items = list(batch)
    analysed = {d["id"]: Document.from_dict(d) for d in future.result()}
    while in_flight and in_flight[0][1].done() and len(items) + len(in_flight[0][0]) <= STORE_BATCH:
        batch, future = in_flight.popleft()
        items += batch
        analysed.update((d["id"], Document.from_dict(d)) for d in future.result())
    _store_batch(store, items, analysed, report, progress)


def _store_batch(store: Store, batch: Sequence[Item], analysed: dict[str, Document], report: IngestReport,
                 progress: Optional[Progress]) -> None:
    # One transaction per batch (each document a savepoint of it): a commit writes the pages its documents share once,
    # not once per document. A killed run loses at most the batch it was storing, which the next run reads again.
    with store.transaction():
        _store_items(store, batch, analysed, report, progress)


def _store_items(store: Store, batch: Sequence[Item], analysed: dict[str, Document], report: IngestReport,
                 progress: Optional[Progress]) -> None:
    for item in batch:
        if isinstance(item, Document) and item.id in analysed:
            item = analysed[item.id]
        if isinstance(item, Document):
            item = _pipeline("outcome")(item)  # past its analysis time budget: the E034 Failure is stored instead
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
