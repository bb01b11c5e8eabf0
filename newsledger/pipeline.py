"""Per-document analysis: the stages in order, as one pure function.

``analyze`` turns a Document holding only text and metadata into a fully analysed one.
A stage that raises is recorded as a failure on the document (code E030) and the later
stages still run, so one bad page never loses the rest of the analysis.

Each stage declares the Document fields it reads and writes; :func:`check_contracts` checks
at import that every field read is an input field or written by an earlier stage (E032).
"""
from __future__ import annotations

import logging
from dataclasses import fields
from typing import Callable, Iterable, Iterator, Optional, Sequence, Union

from newsledger.errors import NewsledgerError, StageContractError, StageError
from newsledger.models import Document, Failure
from newsledger.read.files import Metadata, document_from_text, read_paths
from newsledger.resources import Resources
from newsledger.stages import Stage
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
    for stage in STAGES:
        if stage.run_many is not None:
            try:
                stage.run_many(docs, resources)
                _after(stage, docs, known)
                continue
            except Exception as exc:  # fall back to one at a time to isolate the bad document
                log.debug("batched %s failed (%s); retrying one by one", stage.name, exc)
        for doc in docs:
            try:
                stage.run(doc, resources)
            except Exception as exc:
                _fail(doc, stage, exc)
        _after(stage, docs, known)
    return docs


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
        yield from batch


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
