"""Date windows for comparing event dates across documents.

An event date becomes a set of day intervals (proleptic ordinals): a day is one interval, a
month or year its whole span, a bounded date ``[not_before, not_after]``, a day-month with
no year one interval per year its bounds allow. A day-month with no year and no bound stays a
bare (month, day) that matches that month-day in any year. These windows are for linking
only: they are never shown as the event's date.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from typing import Any, Optional

from newsledger.crossdoc.fields import get_field as _get

_FULL = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_YEARLESS = re.compile(r"^--(\d{2})(?:-(\d{2}))?$")

#: How far an undated event may lie before its document's publication, for linking only.
UNDATED_LOOKBACK_DAYS = 7
#: Day-precision dates from two reports may differ by one (late-night events, time zones).
DAY_TOLERANCE = 1


def parse_day(value: Optional[str]) -> Optional[date]:
    """``2020-10-15`` (or a longer ISO timestamp) as a date; None otherwise."""
    if not value:
        return None
    m = _FULL.match(value)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def year_of(value: Optional[str]) -> Optional[int]:
    """The year of an ISO value when it has one (``2020``, ``2020-10``, ``2020-10-15``)."""
    if value and re.match(r"^\d{4}", value):
        return int(value[:4])
    return None


def span_of(value: Optional[str]) -> Optional[tuple[date, date]]:
    """First and last day an ISO value with a year covers."""
    if not value:
        return None
    day = parse_day(value)
    if day:
        return day, day
    m = _MONTH.match(value)
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
        if 1 <= mo <= 12:
            return date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1])
        return None
    m = _YEAR.match(value)
    if m:
        y = int(m.group(1))
        return date(y, 1, 1), date(y, 12, 31)
    return None


_INTERNED: dict["Window", "Window"] = {}
_INTERNED_MAX = 65_536


@dataclass(frozen=True)
class Window:
    """Where an event date may lie: intervals of ordinals, or a bare month-day, or nothing."""

    intervals: tuple[tuple[int, int], ...] = ()
    month_day: Optional[tuple[int, Optional[int]]] = None
    exact_day: Optional[int] = None  # ordinal when the date is one known day
    approximate: bool = False  # built from the publication date, not from the text
    #: For a yearless window: first and last day-of-year (in a leap year) it may hold, e.g. "on or before 15 October".
    md_range: Optional[tuple[int, int]] = None

    def __hash__(self) -> int:
        return self._hash

    @cached_property
    def _hash(self) -> int:
        # Computed once: windows key the linker's score caches, hashed for every candidate compared.
        return hash((self.intervals, self.month_day, self.exact_day, self.approximate, self.md_range))

    def interned(self) -> "Window":
        """The one stored instance of windows equal to this one: the linker's score caches then find their keys by
        identity instead of comparing fields (a new event meets the same few windows in hundreds of candidates)."""
        found = _INTERNED.get(self)
        if found is None:
            if len(_INTERNED) >= _INTERNED_MAX:
                _INTERNED.clear()
            found = _INTERNED[self] = self
        return found

    def yearless_range(self) -> Optional[tuple[int, int]]:
        """(first, last) day-of-year of a yearless window; None for a window with years."""
        if self.month_day is None:
            return None
        if self.md_range is not None:
            return self.md_range
        month, day = self.month_day
        if day is not None:
            return _doy(month, day), _doy(month, day)
        return _doy(month, 1), _doy(month, calendar.monthrange(_LEAP, month)[1])

    def months(self) -> list[int]:
        """The months a yearless window touches."""
        rng = self.yearless_range()
        if rng is None:
            return []
        return sorted({date.fromordinal(date(_LEAP, 1, 1).toordinal() + d - 1).month for d in range(rng[0], rng[1] + 1)})

    @property
    def empty(self) -> bool:
        return not self.intervals and self.month_day is None

    def lo(self) -> Optional[int]:
        return min(a for a, _ in self.intervals) if self.intervals else None

    def hi(self) -> Optional[int]:
        return max(b for _, b in self.intervals) if self.intervals else None


_LEAP = 2000  # day-of-year arithmetic for yearless dates: a leap year holds 29 February


def day_of_leap_year(month: int, day: int) -> int:
    """Day of the year as in a leap year: how yearless days are compared (29 February has its own)."""
    return _doy(month, day)


def _doy(month: int, day: int) -> int:
    try:
        return date(_LEAP, month, day).timetuple().tm_yday
    except ValueError:
        return date(_LEAP, month, 1).timetuple().tm_yday


def _yearless_day(value: Optional[str]) -> Optional[tuple[int, int]]:
    m = _YEARLESS.match(value or "")
    if not m or not m.group(2):
        return None
    return int(m.group(1)), int(m.group(2))


def _yearless_window(lo: Optional[tuple[int, int]], hi: Optional[tuple[int, int]], approximate: bool = False) -> Window:
    """A window between two yearless days (either may be missing: the undated look-back fills it)."""
    if hi is not None:
        last = _doy(*hi)
        first = _doy(*lo) if lo is not None else max(1, last - UNDATED_LOOKBACK_DAYS)
    else:
        assert lo is not None
        first = _doy(*lo)
        last = min(366, first + UNDATED_LOOKBACK_DAYS)
    if first > last:
        first, last = 1, last  # across the new year: keep what is certain
    month = (hi or lo)[0]  # type: ignore[index]
    day = (hi or lo)[1] if first == last else None  # type: ignore[index]
    return Window(month_day=(month, day), md_range=(first, last), approximate=approximate)


def window_of(event_date: Any, published: Optional[str] = None) -> Window:
    """The :class:`Window` of an EventDate (object or dict), using the publication date as a bound."""
    value = _get(event_date, "value") if event_date is not None else None
    pub = span_of(published)
    raw_nb = _get(event_date, "not_before") if event_date is not None else None
    raw_na = _get(event_date, "not_after") if event_date is not None else None
    nb, na = _bound(raw_nb, pub), _bound(raw_na, pub)
    if not value and not nb and not na:
        lo_md, hi_md = _yearless_day(raw_nb), _yearless_day(raw_na)
        if lo_md or hi_md:
            # Bounds with no year and no year to give them: the same days in any year.
            return _yearless_window(lo_md, hi_md)
        yearless = _YEARLESS.match(raw_na or raw_nb or "")
        if yearless:
            return Window(month_day=(int(yearless.group(1)), None))
        pub_md = _yearless_day(published)
        if pub_md and not raw_nb and not raw_na:
            # An undated event in a page dated "15 October": the week before, in any year (approximate).
            return _yearless_window(None, pub_md, approximate=True)
    m = _YEARLESS.match(value or "")
    if m:
        month, day = int(m.group(1)), int(m.group(2)) if m.group(2) else None
        lo = nb[0] if nb else None
        hi = na[1] if na else (pub[1] if pub else None)
        if lo is None and hi is not None:
            lo = date(hi.year - 1, 1, 1)  # reported events lie before the report: this or last year
        if lo is None or hi is None:
            return Window(month_day=(month, day))
        intervals = []
        for year in range(lo.year, hi.year + 1):
            if day is None:
                first, last = date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
            else:
                try:
                    first = last = date(year, month, day)
                except ValueError:
                    continue
            first, last = max(first, lo), min(last, hi)
            if first <= last:
                intervals.append((first.toordinal(), last.toordinal()))
        if not intervals:
            return Window(month_day=(month, day))
        exact = intervals[0][0] if len(intervals) == 1 and intervals[0][0] == intervals[0][1] else None
        return Window(tuple(intervals), exact_day=exact)
    span = span_of(value)
    if span:
        first, last = span
        exact = first.toordinal() if first == last else None
        return Window(((first.toordinal(), last.toordinal()),), exact_day=exact)
    if nb or na:
        if nb:
            first = nb[0]
        else:
            assert na is not None  # one of the two bounds is there
            first = na[1] - timedelta(days=UNDATED_LOOKBACK_DAYS)
        if na:
            last = na[1]
        elif pub:
            last = pub[1]
        else:
            assert nb is not None
            last = nb[0] + timedelta(days=UNDATED_LOOKBACK_DAYS)
        if first > last:
            first, last = last, first
        return Window(((first.toordinal(), last.toordinal()),))
    if pub:
        last = pub[1]
        return Window(((last.toordinal() - UNDATED_LOOKBACK_DAYS, last.toordinal()),), approximate=True)
    return Window()


def _bound(value: Optional[str], pub: Optional[tuple[date, date]]) -> Optional[tuple[date, date]]:
    """A bound's span; a yearless bound takes the year that puts it on or before the publication, when there is one."""
    span = span_of(value)
    if span or not value or not pub:
        return span
    m = _YEARLESS.match(value)
    if not m or not m.group(2):
        return None
    # A report tells of the past: the latest such day not after its publication (last year's when this year's is later).
    for year in (pub[1].year, pub[1].year - 1):
        try:
            day = date(year, int(m.group(1)), int(m.group(2)))
        except ValueError:
            continue
        if day <= pub[1] + timedelta(days=DAY_TOLERANCE):
            return day, day
    return None


def overlap(a: Window, b: Window, tolerance: int = DAY_TOLERANCE) -> Optional[bool]:
    """True when the windows can hold the same day, False when they cannot, None when unknown."""
    if a.empty or b.empty:
        return None
    if a.intervals and b.intervals:
        return any(x0 - tolerance <= y1 and y0 - tolerance <= x1 for x0, x1 in a.intervals for y0, y1 in b.intervals)
    ra, rb = a.yearless_range(), b.yearless_range()
    if ra is not None and rb is not None:
        return ra[0] - tolerance <= rb[1] and rb[0] - tolerance <= ra[1]
    rng, other = (ra, b) if ra is not None else (rb, a)
    assert rng is not None
    return any(_range_in_interval(rng, lo - tolerance, hi + tolerance) for lo, hi in other.intervals)


def _range_in_interval(rng: tuple[int, int], lo: int, hi: int) -> bool:
    """Whether some year's days ``rng`` (day-of-year) meet the ordinal interval."""
    first, last = date.fromordinal(lo), date.fromordinal(hi)
    for year in range(first.year, last.year + 1):
        start = date(year, 1, 1).toordinal()
        # Day-of-year in a leap year: shift days after February in common years.
        shift = 0 if calendar.isleap(year) else 1
        a = start + rng[0] - 1 - (shift if rng[0] > 60 else 0)
        b = start + rng[1] - 1 - (shift if rng[1] > 60 else 0)
        if a <= hi and b >= lo:
            return True
    return False


def loose_days(window: Window) -> Optional[tuple[int, int]]:
    """The first and last day (ordinals) of a window that holds more than one day in one run; None otherwise.

    Precise days vote (:func:`best_day`); windows of several intervals (a yearless day in two years) or of no year
    say too little to bound an incident.
    """
    if window.exact_day is not None or len(window.intervals) != 1:
        return None
    lo, hi = window.intervals[0]
    return (lo, hi) if lo < hi else None


def shares_day(days: Optional[tuple[int, int]], window: Window, tolerance: int = DAY_TOLERANCE) -> bool:
    """Whether ``window`` can hold a day of ``days`` (an incident's common days; None: no bound yet)."""
    if days is None or window.empty or not window.intervals:
        return True
    lo, hi = days
    return any(a - tolerance <= hi and lo - tolerance <= b for a, b in window.intervals)


def combined(days: Optional[tuple[int, int]], other: Optional[tuple[int, int]]) -> Optional[tuple[int, int]]:
    """The days common to an incident's ``days`` and ``other`` (a new member's, or a bridged incident's); ``days``
    unchanged when the two only touch within the tolerance (moving them by a day per member would let a long chain
    drift after all). None: no bound."""
    if other is None:
        return days
    if days is None:
        return other
    lo, hi = max(days[0], other[0]), min(days[1], other[1])
    return (lo, hi) if lo <= hi else days


def narrowed(days: Optional[tuple[int, int]], window: Window) -> Optional[tuple[int, int]]:
    """The days common to ``days`` and a loose window (:func:`combined`)."""
    return combined(days, loose_days(window))


def same_day(a: Window, b: Window) -> bool:
    """Both windows are one known day and it is the same day (within the tolerance)."""
    if a.exact_day is not None and b.exact_day is not None:
        return abs(a.exact_day - b.exact_day) <= DAY_TOLERANCE
    ra, rb = a.yearless_range(), b.yearless_range()
    if ra and rb and ra[0] == ra[1] and rb[0] == rb[1]:
        return abs(ra[0] - rb[0]) <= DAY_TOLERANCE
    return False


def months_of(lo: int, hi: int) -> list[str]:
    """``YYYY-MM`` of every month the ordinal interval touches."""
    first, last = date.fromordinal(lo), date.fromordinal(hi)
    out = []
    y, m = first.year, first.month
    while (y, m) <= (last.year, last.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def best_day(votes: dict[str, int]) -> Optional[str]:
    """The incident's day: most votes (a ``--MM-DD`` vote supports the dated day it matches), earliest on ties.

    A day with a year wins over yearless votes for the same month-day; yearless votes alone give a yearless day.
    """
    if not votes:
        return None
    support: dict[str, int] = {}
    for day, n in votes.items():
        if not day.startswith("--"):
            support[day] = support.get(day, 0) + n + votes.get("--" + day[5:], 0)
    for day, n in votes.items():
        if day.startswith("--") and not any(k.endswith(day[1:]) and not k.startswith("--") for k in votes):
            support[day] = n
    return min(support, key=lambda d: (-support[d], d.lstrip("-")))
