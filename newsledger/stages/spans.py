"""Lookups of a document's items by offset, so a stage never scans every item for each item.

A long page (thousands of paragraphs) must cost the same per paragraph as a short one (issue 15):
"the entities of this sentence" or "the paragraph at this offset" are binary searches here, not
a loop over the whole document. Every query answers exactly what the plain loop would, in the
same order (the items' order in the list given), so replacing a loop by a query changes no output.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Generic, Optional, Protocol, Sequence, TypeVar


class _HasOffsets(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


T = TypeVar("T", bound=_HasOffsets)


class SpanIndex(Generic[T]):
    """Items with ``start``/``end`` (entities, date mentions, sentences), searchable by offset."""

    def __init__(self, items: Sequence[T]) -> None:
        self.items = list(items)
        order = sorted(range(len(self.items)), key=lambda i: self.items[i].start)
        self._order = order
        self._starts = [self.items[i].start for i in order]
        self._longest = max((max(0, it.end - it.start) for it in self.items), default=0)

    def within(self, start: int, end: int) -> list[T]:
        """Items with ``start <= item.start`` and ``item.end <= end``, in list order."""
        lo, hi = bisect_left(self._starts, start), bisect_right(self._starts, end)
        found = sorted(i for i in self._order[lo:hi] if self.items[i].end <= end)
        return [self.items[i] for i in found]

    def containing(self, offset: int) -> list[T]:
        """Items with ``item.start <= offset < item.end``, in list order."""
        lo = bisect_left(self._starts, offset - self._longest)
        hi = bisect_right(self._starts, offset)
        found = sorted(i for i in self._order[lo:hi] if offset < self.items[i].end)
        return [self.items[i] for i in found]

    def starting_in(self, start: int, end: int) -> list[T]:
        """Items with ``start <= item.start < end``, in list order."""
        lo, hi = bisect_left(self._starts, start), bisect_left(self._starts, end)
        return [self.items[i] for i in sorted(self._order[lo:hi])]

    def overlapping(self, start: int, end: int) -> list[T]:
        """Items with ``item.start < end`` and ``item.end > start``, in list order."""
        lo = bisect_left(self._starts, start - self._longest)
        hi = bisect_left(self._starts, end)
        found = sorted(i for i in self._order[lo:hi] if self.items[i].end > start)
        return [self.items[i] for i in found]


class ParagraphIndex:
    """The paragraph holding an offset, as ``Document.paragraph_at`` answers it, in O(log n)."""

    def __init__(self, paragraphs: Sequence[_HasOffsets]) -> None:
        self._paragraphs = list(paragraphs)
        self._starts = [p.start for p in self._paragraphs]
        # Paragraphs come in text order without overlaps; anything else is searched the slow, plain way.
        self._ordered = all(a.end <= b.start for a, b in zip(self._paragraphs, self._paragraphs[1:]))

    def at(self, offset: int) -> Optional[int]:
        """Index of the first paragraph with ``start <= offset < end``, or None."""
        if not self._ordered:
            return next((i for i, p in enumerate(self._paragraphs) if p.start <= offset < p.end), None)
        i = bisect_right(self._starts, offset) - 1
        return i if i >= 0 and offset < self._paragraphs[i].end else None


V = TypeVar("V")


@dataclass(frozen=True)
class Interval(Generic[V]):
    """Offsets with what they belong to (a candidate's content, a quotation): for :class:`SpanIndex`."""

    start: int
    end: int
    item: V
