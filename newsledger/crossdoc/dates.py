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
from typing import Any, Optional

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


@dataclass(frozen=True)
class Window:
    """Where an event date may lie: intervals of ordinals, or a bare month-day, or nothing."""

    intervals: tuple[tuple[int, int], ...] = ()
    month_day: Optional[tuple[int, Optional[int]]] = None
    exact_day: Optional[int] = None  # ordinal when the date is one known day
    approximate: bool = False  # built from the publication date, not from the text

    @property
    def dated(self) -> bool:
        return bool(self.intervals)

    @property
    def empty(self) -> bool:
        return not self.intervals and self.month_day is None

    def lo(self) -> Optional[int]:
        return min(a for a, _ in self.intervals) if self.intervals else None

    def hi(self) -> Optional[int]:
        return max(b for _, b in self.intervals) if self.intervals else None


def _get(obj: Any, key: str) -> Any:
    return obj.get(key) if isinstance(obj, dict) else getattr(obj, key, None)


def window_of(event_date: Any, published: Optional[str] = None) -> Window:
    """The :class:`Window` of an EventDate (object or dict), using the publication date as a bound."""
    value = _get(event_date, "value") if event_date is not None else None
    pub = span_of(published)
    raw_nb = _get(event_date, "not_before") if event_date is not None else None
    raw_na = _get(event_date, "not_after") if event_date is not None else None
    nb, na = _bound(raw_nb, pub), _bound(raw_na, pub)
    if not value and not nb and not na:
        yearless = _YEARLESS.match(raw_na or raw_nb or "")
        if yearless:
            # A bound with no year and no year to give it: match its month in any year.
            return Window(month_day=(int(yearless.group(1)), None))
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
        first = nb[0] if nb else na[1] - timedelta(days=UNDATED_LOOKBACK_DAYS)
        last = na[1] if na else (pub[1] if pub else nb[0] + timedelta(days=UNDATED_LOOKBACK_DAYS))
        if first > last:
            first, last = last, first
        return Window(((first.toordinal(), last.toordinal()),))
    if pub:
        last = pub[1]
        return Window(((last.toordinal() - UNDATED_LOOKBACK_DAYS, last.toordinal()),), approximate=True)
    return Window()


def _bound(value: Optional[str], pub: Optional[tuple[date, date]]) -> Optional[tuple[date, date]]:
    """A bound's span; a yearless bound takes the publication year when there is one."""
    span = span_of(value)
    if span or not value or not pub:
        return span
    m = _YEARLESS.match(value)
    if not m or not m.group(2):
        return None
    try:
        day = date(pub[0].year, int(m.group(1)), int(m.group(2)))
    except ValueError:
        return None
    return day, day


def _md_in_interval(month: int, day: Optional[int], lo: int, hi: int) -> bool:
    first, last = date.fromordinal(lo), date.fromordinal(hi)
    for year in range(first.year, last.year + 1):
        try:
            a = date(year, month, day or 1)
            b = date(year, month, day or calendar.monthrange(year, month)[1])
        except ValueError:
            continue
        if a.toordinal() <= hi and b.toordinal() >= lo:
            return True
    return False


def overlap(a: Window, b: Window, tolerance: int = DAY_TOLERANCE) -> Optional[bool]:
    """True when the windows can hold the same day, False when they cannot, None when unknown."""
    if a.empty or b.empty:
        return None
    if a.intervals and b.intervals:
        return any(x0 - tolerance <= y1 and y0 - tolerance <= x1 for x0, x1 in a.intervals for y0, y1 in b.intervals)
    if a.month_day and b.month_day:
        (ma, da), (mb, db) = a.month_day, b.month_day
        return ma == mb and (da is None or db is None or abs(da - db) <= tolerance)
    md, other = (a.month_day, b) if a.month_day else (b.month_day, a)
    assert md is not None
    return any(_md_in_interval(md[0], md[1], lo - tolerance, hi + tolerance) for lo, hi in other.intervals)


def same_day(a: Window, b: Window) -> bool:
    """Both windows are one known day and it is the same day (within the tolerance)."""
    if a.exact_day is not None and b.exact_day is not None:
        return abs(a.exact_day - b.exact_day) <= DAY_TOLERANCE
    if a.month_day and b.month_day and a.month_day[1] and b.month_day[1]:
        return a.month_day == b.month_day
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
