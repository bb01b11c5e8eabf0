"""The analysis time budget of each document (setting ``max_seconds_per_document``).

The pipeline charges every document the time its stages spend on it (a batched stage's time
is shared out by text length, unless the stage charges its documents itself); past the limit the
document's analysis stops with :class:`~newsledger.errors.AnalysisTimeout` (E034) and the rest
of its batch goes on. Stages that loop over paragraphs or sentences call :func:`check` in the
loop: one clock read, so a single huge page cannot run far past its budget inside a stage.
"""
from __future__ import annotations

import time
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Iterator, Optional

from newsledger.errors import AnalysisTimeout

if TYPE_CHECKING:
    from newsledger.models import Document


class Budget:
    """Seconds spent per document (by identity) against one limit; a limit of 0 or less means none."""

    def __init__(self, limit: float) -> None:
        self.limit = float(limit)
        self.charged = 0.0  # all seconds charged so far (to tell what a batched stage charged itself)
        self._spent: dict[int, float] = {}
        self._running: Optional[tuple[int, float]] = None  # (document, since): the stage now running on it

    def charge(self, doc: "Document", seconds: float) -> None:
        self._spent[id(doc)] = self._spent.get(id(doc), 0.0) + seconds
        self.charged += seconds

    def spent(self, doc: "Document") -> float:
        running = self._running
        extra = time.monotonic() - running[1] if running is not None and running[0] == id(doc) else 0.0
        return self._spent.get(id(doc), 0.0) + extra

    def expired(self, doc: "Document") -> bool:
        return self.limit > 0 and self.spent(doc) > self.limit

    def check(self, doc: "Document") -> None:
        """Raise :class:`AnalysisTimeout` (E034) when ``doc`` is past its budget."""
        if self.expired(doc):
            raise timeout_error(doc, self.limit, self.spent(doc))

    @contextmanager
    def running(self, doc: "Document") -> Iterator[None]:
        """Charge ``doc`` the time of the block (one stage run on it); :func:`check` counts it as it goes."""
        start = time.monotonic()
        self._running = (id(doc), start)
        try:
            yield
        finally:
            self._running = None
            self.charge(doc, time.monotonic() - start)


def timeout_error(doc: "Document", limit: float, spent: float) -> AnalysisTimeout:
    return AnalysisTimeout(
        f"the analysis took over {spent:.0f} s, past the {limit:g}-second limit, on a page of {len(doc.text):,} "
        f"characters and {len(doc.paragraphs):,} paragraphs: set NEWSLEDGER_MAX_SECONDS_PER_DOCUMENT higher "
        "(see `newsledger settings`) or split the page", input_id=doc.input_id)


_CURRENT: ContextVar[Optional[Budget]] = ContextVar("newsledger_budget", default=None)


def current() -> Optional[Budget]:
    """The budget of the analysis now running (None outside the pipeline: a stage called on its own)."""
    return _CURRENT.get()


@contextmanager
def active(budget: Budget) -> Iterator[Budget]:
    """Make ``budget`` the one :func:`check` and :func:`current` see, for the block."""
    token = _CURRENT.set(budget)
    try:
        yield budget
    finally:
        _CURRENT.reset(token)


def check(doc: "Document") -> None:
    """Raise E034 when the pipeline's budget for ``doc`` is spent; nothing when no budget is active."""
    budget = _CURRENT.get()
    if budget is not None:
        budget.check(doc)
