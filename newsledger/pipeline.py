"""Per-document analysis: the stages in order, as one pure function.

``analyze`` turns a Document holding only text and metadata into a fully analysed one.
A stage that raises is recorded as a failure on the document (code E030) and the later
stages still run, so one bad page never loses the rest of the analysis.

Each document has an analysis time budget (setting ``max_seconds_per_document``, see
:mod:`newsledger.stages.budget`), checked between stages and inside the stages' loops: past it,
its analysis stops with an E034 failure and :func:`outcome` turns it into that Failure, while
the other documents of the batch go on.

Each stage declares the Document fields it reads and writes; :func:`check_contracts` checks
at import that every field read is an input field or written by an earlier stage (E032).
"""
from __future__ import annotations

import logging
import time
from dataclasses import fields
from typing import Callable, Iterable, Iterator, Optional, Sequence, Union

from newsledger.errors import AnalysisTimeout, NewsledgerError, StageContractError, StageError
from newsledger.models import Document, Failure
from newsledger.read import Metadata, document_from_text, read_paths
from newsledger.resources import Resources
from newsledger.stages import Stage
from newsledger.stages.budget import Budget, active, timeout_error
from newsledger.stages.dates import stage as dates
from newsledger.stages.entities import stage as entities
from newsledger.stages.events import stage as events
from newsledger.stages.langid import stage as langid
from newsledger.stages.paragraphs import stage as paragraphs
from newsledger.stages.paragraphs.boilerplate import mark_known
from newsledger.stages.quotes import stage as quotes

log = logging.getLogger(__name__)

STAGES: tuple[Stage, ...] = (
    paragraphs.STAGE,
    langid.STAGE,
    entities.STAGE,
    dates.STAGE,
    quotes.STAGE,
    events.STAGE,
)

#: Document fields the reader fills before any stage runs (and ``failures``, appended by anyone).
INPUT_FIELDS = frozenset({"id", "input_id", "text", "url", "site", "title", "published", "source_format", "failures"})


def check_contracts(stages: Sequence[Stage], inputs: Iterable[str] = INPUT_FIELDS) -> None:
    """Raise :class:`StageContractError` unless every field a stage reads is written before it.

    Fields are Document field names, optionally with a part ("paragraphs.lang"): reading
    ``a.b`` is satisfied by an earlier write of ``a.b`` or of the whole ``a``.
    """
    known = {f.name for f in fields(Document)}
    written = set(inputs)
    for stage in stages:
        for name in stage.reads + stage.writes:
            if name.split(".")[0] not in known:
                raise StageContractError(f"stage {stage.name!r} declares {name!r}, which is not a Document field")
        for name in stage.reads:
            if name not in written and name.split(".")[0] not in written:
                raise StageContractError(f"stage {stage.name!r} reads {name!r}, which no earlier stage writes")
        written.update(stage.writes)


check_contracts(STAGES)


def _fail(doc: Document, stage: Stage, exc: Exception) -> None:
    code = exc.code if isinstance(exc, NewsledgerError) else StageError.code
    msg = exc.message if isinstance(exc, NewsledgerError) else f"stage {stage.name} failed: {type(exc).__name__}: {exc}"
    log.warning("%s %s: %s", code, doc.input_id, msg)
    doc.failures.append(Failure(code, msg, stage.name, doc.input_id))


Item = Union[Document, Failure]
KnownBoilerplate = Union[Iterable[str], Callable[[Document], Iterable[str]]]


def analyze(doc: Document, resources: Optional[Resources] = None, known_boilerplate: KnownBoilerplate = ()) -> Document:
    """Run every stage on one document and return it."""
    return analyze_many([doc], resources, known_boilerplate)[0]


def analyze_many(docs: Sequence[Document], resources: Optional[Resources] = None,
                 known_boilerplate: KnownBoilerplate = ()) -> list[Document]:
    """Run every stage over a batch of documents (stages with ``run_many`` see the whole batch).

    ``known_boilerplate`` holds paragraph fingerprints already known to be site boilerplate
    (or a function giving them per document): those paragraphs are marked before any
    extraction stage runs, so nothing is extracted from them.
    """
    resources = resources or Resources()
    known = known_boilerplate if callable(known_boilerplate) else _constant(set(known_boilerplate))
    docs = list(docs)
    budget = Budget(resources.settings.max_seconds_per_document)
    stopped: set[int] = set()  # documents past their budget: no further stage runs on them
    with active(budget):
        for stage in STAGES:
            live = [d for d in docs if id(d) not in stopped]
            if stage.run_many is not None and _run_batched(stage, live, resources, budget):
                _after(stage, live, known)
            else:
                for doc in live:
                    try:
                        with budget.running(doc):
                            stage.run(doc, resources)
                    except AnalysisTimeout as exc:
                        _stop(doc, stage, exc, stopped)
                    except Exception as exc:
                        _fail(doc, stage, exc)
                _after(stage, [d for d in live if id(d) not in stopped], known)
            for doc in live:
                if id(doc) not in stopped and budget.expired(doc):
                    _stop(doc, stage, timeout_error(doc, budget.limit, budget.spent(doc)), stopped)
    return docs


def _run_batched(stage: Stage, docs: list[Document], resources: Resources, budget: Budget) -> bool:
    """Run a stage's batched form; its time is charged to the documents by text length (unless the stage
    charged them itself). False when it raised: the caller runs it one document at a time."""
    assert stage.run_many is not None
    charged, start = budget.charged, time.monotonic()
    try:
        stage.run_many(docs, resources)
    except Exception as exc:  # fall back to one at a time to isolate the bad document
        log.debug("batched %s failed (%s); retrying one by one", stage.name, exc)
        return False
    rest = time.monotonic() - start - (budget.charged - charged)
    total = sum(len(d.text) for d in docs) or 1
    for doc in docs:
        budget.charge(doc, max(0.0, rest) * len(doc.text) / total)
    return True


def _stop(doc: Document, stage: Stage, exc: AnalysisTimeout, stopped: set[int]) -> None:
    log.warning("%s %s: %s", exc.code, doc.input_id, exc.message)
    doc.failures.append(Failure(exc.code, exc.message, stage.name, doc.input_id))
    stopped.add(id(doc))


def outcome(doc: Document) -> Item:
    """What to store for an analysed document: the E034 Failure when its analysis ran past its time
    budget (its findings are incomplete, so none are kept), else the document."""
    return next((f for f in doc.failures if f.code == AnalysisTimeout.code), doc)


def _constant(values: set[str]) -> Callable[[Document], Iterable[str]]:
    return lambda doc: values


def _after(stage: Stage, docs: Sequence[Document], known: Callable[[Document], Iterable[str]]) -> None:
    # Known boilerplate is marked right after segmentation so no later stage reads it.
    if stage.name == "paragraphs":
        for doc in docs:
            mark_known(doc, known(doc))


def analyze_text(text: str, *, input_id: str = "-", url: Optional[str] = None, site: Optional[str] = None,
                 title: Optional[str] = None, published: Optional[str] = None,
                 resources: Optional[Resources] = None) -> Document:
    """Analyse one plain-text page."""
    doc = document_from_text(text, input_id, Metadata(url=url, site=site, title=title, published=published))
    return analyze(doc, resources)


def analyze_paths(paths: Sequence[str], resources: Optional[Resources] = None, meta: Optional[Metadata] = None,
                  batch_size: int = 16) -> Iterator[Union[Document, Failure]]:
    """Read and analyse files, directories or ``-``, in input order; unreadable inputs come out as Failures."""
    resources = resources or Resources()
    meta = meta if meta is not None else Metadata()
    for batch in batched(read_paths(paths, resources.settings, meta), batch_size):
        docs = [d for d in batch if isinstance(d, Document)]
        if docs:
            analyze_many(docs, resources)
        yield from (outcome(item) if isinstance(item, Document) else item for item in batch)


def batched(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    """Consecutive lists of at most ``size`` items, in order (the unit of batched analysis)."""
    batch: list[Item] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
