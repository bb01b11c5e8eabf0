"""Lookups over one document for the events stage, built once per page.

Entities by offset with their labels pooled per name, persons by surname (for the claimant), quotes by the
span of their content, date mentions, and the page's dateline or most named town; also the words that mark
a place as where talks or an agreement happened ("agreed in Moscow"), never where an attack did.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Optional, Sequence

from newsledger.models import Argument, DateMention, Document, Entity, Quote
from newsledger.stages.events.places import dateline_place, salient_place
from newsledger.stages.spans import SpanIndex


@dataclass(frozen=True)
class _QuoteContent:
    """A quote by the span of its content (what :class:`SpanIndex` searches)."""

    start: int
    end: int
    quote: Quote


class _Persons:
    """Person entities in text order, with the fullest name so far for each surname (for :func:`.claimant._resolve_person`)."""

    def __init__(self, ents: Sequence[Entity]) -> None:
        self.persons = [e for e in ents if e.label in ("PERSON", "PER")]
        self.starts = [e.start for e in self.persons]
        # For each surname: positions into ``persons`` and, at each, the longest name up to there (first wins ties).
        self.by_surname: dict[str, tuple[list[int], list[Entity]]] = {}
        for i, e in enumerate(self.persons):
            words = (e.canonical or e.text).split()
            positions, longest = self.by_surname.setdefault(words[-1] if words else "", ([], []))
            best = longest[-1] if longest and len(longest[-1].canonical or longest[-1].text) >= len(e.canonical or e.text) else e
            positions.append(i)
            longest.append(best)

    def upto(self, limit: int) -> int:
        """How many persons start at or before ``limit``."""
        return bisect_right(self.starts, limit)

    def longest(self, surname: str, count: int) -> Optional[Entity]:
        """The longest name with ``surname`` among the first ``count`` persons (the first of equal length)."""
        positions, longest = self.by_surname.get(surname, ([], []))
        k = bisect_left(positions, count)
        return longest[k - 1] if k else None


@dataclass
class _Context:
    """Lookups over one document, built once: a long page must not rescan every entity for each event."""

    doc: Document
    ents: list[Entity]  # sorted by start
    index: SpanIndex[Entity] = field(init=False)
    labels: dict[str, set[str]] = field(init=False)
    persons: _Persons = field(init=False)
    quotes: SpanIndex[_QuoteContent] = field(init=False)
    dates: SpanIndex[DateMention] = field(init=False)
    first_label: dict[int, str] = field(init=False)
    _town_context: Optional[tuple[Optional[Argument], Optional[Argument]]] = None

    def __post_init__(self) -> None:
        self.index = SpanIndex(self.ents)
        self.labels = {}
        for e in self.ents:  # the small model labels one name differently from mention to mention: pool them
            self.labels.setdefault(e.canonical or e.text, set()).add(e.label)
        self.persons = _Persons(self.ents)
        self.quotes = SpanIndex([_QuoteContent(q.content.start, q.content.end, q) for q in self.doc.quotes if q.content])
        self.dates = SpanIndex(self.doc.dates)
        self.first_label = {}
        for e in self.ents:
            self.first_label.setdefault(e.start, e.label)

    def town_context(self) -> tuple[Optional[Argument], Optional[Argument]]:
        """The page's dateline town and most named town (the same for every sentence: found once)."""
        if self._town_context is None:
            doc = self.doc
            # Places the page names as where talks or agreements happened ("agreed in Moscow") are not
            # candidates for where an attack happened.
            elsewhere = {e.canonical or e.text for e in self.ents
                         if _OTHER_EVENT_BEFORE.search(doc.text[max(0, e.start - 40):e.start])
                         or _OTHER_EVENT_AFTER.match(doc.text[e.end:e.end + 20])}
            dateline = dateline_place(doc)
            salient = None if dateline is not None else salient_place(
                doc, [e for e in self.ents if (e.canonical or e.text) not in elsewhere])
            self._town_context = (dateline, salient)
        return self._town_context


#: Words of agreements and talks: a place right after them ("agreed in Moscow") or right before
#: them ("Moscow-brokered", "the Moscow talks") names where those happened, not an attack.
_AGREEMENT_WORDS = (r"agreed|brokered|talks|truce|ceasefire|cease-fire|meeting|negotiations?|summit|statement|agreement|"
                    r"varılan|əldə olunan|достигнут\w*|заключенн\w*|"
                    r"перемирие|переговоры|договорились|ateşkes|atəşkəs|razılaşdırılmış|görüş|müzakirə|trêve|"
                    r"cessez-le-feu|négociations|pourparlers")
_OTHER_EVENT_BEFORE = re.compile(rf"(?i)(?:{_AGREEMENT_WORDS})\s+(?:\w+\s+){{0,2}}(?:in|at|в|во|à|en)\s+(?:the\s+)?$")
#: ... or a few words before them, after a locative ending: "Moskova'da varılan insani ateşkes" (the
#: truce reached in Moscow), "Moskvada əldə olunan atəşkəs".
_OTHER_EVENT_AFTER = re.compile(rf"(?i)(?:[\s-]*|['’]?(?:da|de|ta|te|də)\s+(?:\w+\s+){{0,2}})(?:{_AGREEMENT_WORDS})")
