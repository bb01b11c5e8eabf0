"""The chronicle's pieces: days on the calendar, lines of segments that cite footnotes.

Shared by :mod:`newsledger.crossdoc.chronicle` (incident lines) and
:mod:`newsledger.crossdoc.statements` (statement lines), so neither imports the other.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Optional

from newsledger.crossdoc.windows import parse_day, span_of, year_of
from newsledger.store import corpus as corpus_store
from newsledger.store.connection import Database

SECTIONS = ("Fighting and strikes", "Casualties", "Ceasefires and diplomacy", "Statements",
            "Foreign media and interviews", "Other events")
UNCERTAIN = "Date uncertain"
YEARLESS = re.compile(r"^--(\d{2})-(\d{2})$")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")
@dataclass
class Footnote:
    n: int
    outlet: str
    url: Optional[str]
    sentence: str
    lang: str
    input_id: Optional[str] = None
    #: The stored document the sentence is from (``newsledger show DOC_ID``).
    doc_id: Optional[str] = None
    #: Where the sentence is in that document's text: ``text[start:end]`` is exactly the cited evidence.
    start: Optional[int] = None
    end: Optional[int] = None


@dataclass
class Segment:
    """A piece of a line and the footnotes that back it."""

    text: str
    cites: list[int] = field(default_factory=list)


@dataclass
class Line:
    section: str
    segments: list[Segment]
    incident_id: Optional[str] = None
    note: Optional[str] = None
    #: Statements about the incident, one sub-line per speaker, each cited (empty for other lines).
    statements: list["Line"] = field(default_factory=list)
    #: Incidents with no day of their own shown in this line (mentions of a class its day defines).
    joined: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segments)


@dataclass
class Day:
    key: str  # sortable: ISO day, or "~" + a bound for the uncertain group
    label: str
    note: Optional[str] = None
    lines: list[Line] = field(default_factory=list)

    def sections(self) -> list[tuple[str, list[Line]]]:
        return [(s, [ln for ln in self.lines if ln.section == s]) for s in SECTIONS if any(ln.section == s for ln in self.lines)]


def day_label(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def site_year(store: Database, site: Optional[str]) -> Optional[int]:
    """The majority publication year of a site's documents (None when unknown or tied)."""
    if not site:
        return None
    return _majority_year(corpus_store.published_values(store, site))


def corpus_year(store: Database) -> Optional[int]:
    """The year of the store's dated documents when at least two thirds of them share it (else None)."""
    years = Counter(year_of(v) for v in corpus_store.published_values(store))
    years.pop(None, None)
    total = sum(years.values())
    if not total:
        return None
    year, n = years.most_common(1)[0]
    return year if n * 3 >= total * 2 else None


def _majority_year(values: Any) -> Optional[int]:
    years = Counter(year_of(v) for v in values)
    years.pop(None, None)
    ranked = years.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


class Calendar:
    """Puts dates on the chronicle's days; gives a yearless day a year only from the corpus, and says so."""

    def __init__(self, store: Database) -> None:
        self.store = store
        self._sites: dict[Optional[str], Optional[int]] = {}
        self._corpus: Optional[tuple[Optional[int]]] = None
        #: place()'s answers by its arguments: a chronicle places every claim of every incident (tens of thousands)
        self._placed: dict[tuple[Optional[str], ...], tuple[str, str, Optional[str]]] = {}

    def year_for(self, site: Optional[str], published: Optional[str]) -> tuple[Optional[int], Optional[str]]:
        """(year, where it came from) for a yearless date of a document."""
        if year_of(published):
            return year_of(published), "the year is not in the text; taken from the document's publication date"
        if site not in self._sites:
            self._sites[site] = site_year(self.store, site)
        if self._sites[site]:
            return self._sites[site], "the year is not in the text; taken from the usual year of the site's documents"
        if self._corpus is None:
            self._corpus = (corpus_year(self.store),)
        if self._corpus[0]:
            return self._corpus[0], (f"the year is not in the text; taken from the corpus (its dated documents are "
                                     f"from {self._corpus[0]})")
        return None, None

    def place(self, value: Optional[str], precision: str, not_before: Optional[str], not_after: Optional[str],
              published: Optional[str], site: Optional[str]) -> tuple[str, str, Optional[str]]:
        """(day key, label, note). Keys: ISO day; ``--MM-DD`` for a day with no year at all; ``~...`` when uncertain."""
        args = (value, precision, not_before, not_after, published, site)
        if args not in self._placed:
            self._placed[args] = self._place(*args)
        return self._placed[args]

    def _place(self, value: Optional[str], precision: str, not_before: Optional[str], not_after: Optional[str],
               published: Optional[str], site: Optional[str]) -> tuple[str, str, Optional[str]]:
        day = parse_day(value) if precision == "day" or (value and len(value) == 10) else None
        if day:
            return day.isoformat(), day_label(day), None
        m = YEARLESS.match(value or "")
        if m:
            month, dom = int(m.group(1)), int(m.group(2))
            year, why = None, None
            nb, na = year_of(not_before), year_of(not_after)
            if nb and na and nb == na:
                year, why = nb, "the year comes from the event's date bounds, not the text"
            else:
                year, why = self.year_for(site, published)
            if year:
                try:
                    d = date(year, month, dom)
                    return d.isoformat(), f"{dom} {MONTHS[month - 1]} ({year})", why
                except ValueError:
                    pass
            return f"--{month:02d}-{dom:02d}", f"{dom} {MONTHS[month - 1]}", "year unknown: not in the text or the corpus"
        span = span_of(value)
        if span:
            first, _ = span
            what = f"{MONTHS[first.month - 1]} {first.year}" if precision == "month" else str(first.year)
            return f"~{first.isoformat()}", f"{UNCERTAIN}: {what} (known only to the {precision})", None
        if not_before or not_after:
            year, _ = self.year_for(site, published)
            nb_label, na_label = _bound_label(not_before, year), _bound_label(not_after, year)
            note = f"between {nb_label} and {na_label}" if not_before and not_after else \
                (f"on or before {na_label}" if not_after else f"on or after {nb_label}")
            bound = not_after or not_before or ""
            return f"~{bound}", f"{UNCERTAIN}: {note}", None
        return "~~", f"{UNCERTAIN}: no date", None


def _bound_label(value: Optional[str], year_hint: Optional[int]) -> str:
    """A bound for a label: "11 October 2020"; a yearless bound says where a year came from, or that there is none."""
    if not value:
        return "?"
    m = YEARLESS.match(value)
    if not m:
        d = parse_day(value)
        return day_label(d) if d else value
    month, dom = int(m.group(1)), int(m.group(2))
    return f"{dom} {MONTHS[month - 1]} ({year_hint}, year not in the text)" if year_hint else f"{dom} {MONTHS[month - 1]} (year unknown)"


class Notes:
    """Footnotes numbered in order of first citation, one per (document, sentence)."""

    def __init__(self) -> None:
        self.items: list[Footnote] = []
        self.index: dict[tuple[str, str], int] = {}

    def cite(self, doc_id: str, outlet: str, url: Optional[str], sentence: str, lang: str, input_id: Optional[str],
             start: Optional[int] = None, end: Optional[int] = None) -> int:
        key = (doc_id, sentence)
        if key not in self.index:
            self.items.append(Footnote(len(self.items) + 1, outlet, url, sentence, lang, input_id, doc_id, start, end))
            self.index[key] = len(self.items)
        return self.index[key]


def in_range(key: str, date_from: Optional[str], date_to: Optional[str]) -> bool:
    probe = key.lstrip("~")
    if not re.match(r"^\d{4}-\d{2}-\d{2}$", probe):
        return date_from is None and date_to is None
    return (date_from is None or probe >= date_from) and (date_to is None or probe <= date_to)


