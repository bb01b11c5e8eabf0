"""Date values and page-date anchors: :class:`Timex` (an ISO value with its precision and
basis), :class:`Anchor` (the known parts of the page's own date), reading an anchor, and
what a value may denote (its shape for a precision, its first and last day)."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Optional, Union

from newsledger.models import Published

_YEAR_FORMAT = re.compile(r"^(?:\d{4}(?:-\d\d(?:-\d\d)?)?|--\d\d(?:-\d\d)?|\d{4}-W\d\d)$")


@dataclass(frozen=True)
class Anchor:
    """The page's own date, as far as it is known (any part may be missing)."""

    year: Optional[int]
    month: Optional[int]
    day: Optional[int]

    @property
    def has_day(self) -> bool:
        return self.year is not None and self.month is not None and self.day is not None

    def as_date(self) -> Optional[date]:
        return date(self.year, self.month, self.day) if self.has_day else None  # type: ignore[arg-type]


@dataclass(frozen=True)
class Timex:
    """A normalised date: ISO ``value`` (or None), its ``precision`` and ``basis``."""

    value: Optional[str]
    precision: str
    basis: str


def parse_anchor(published: Optional[Published]) -> Optional[Anchor]:
    """The parts of a page date that are known (``2020-10-16``, ``2020-10``, ``--10-15``, ``2020``)."""
    if published is None or not published.value:
        return None
    value = published.value.strip()
    m = re.match(r"^(\d{4})(?:-(\d\d)(?:-(\d\d))?)?", value)
    if m:
        year, month, day = int(m.group(1)), m.group(2), m.group(3)
        anchor = Anchor(year, int(month) if month else None, int(day) if day else None)
    else:
        m = re.match(r"^--(\d\d)(?:-(\d\d))?", value)
        if not m:
            return None
        anchor = Anchor(None, int(m.group(1)), int(m.group(2)) if m.group(2) else None)
    if anchor.month is not None and not 1 <= anchor.month <= 12:
        return None
    if anchor.day is not None and not _valid_day(anchor.year or 2000, anchor.month or 1, anchor.day):
        return None
    return anchor


def anchor_from_date(value: Union[date, datetime, str]) -> Anchor:
    """An anchor from a full date (used by evaluation and callers with a DCT)."""
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return Anchor(value.year, value.month, value.day)


def _valid_day(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def value_matches_precision(value: Optional[str], precision: str) -> bool:
    """Whether an ISO ``value`` has the shape its ``precision`` says (used by tests and checks)."""
    shapes = {
        "day": r"\d{4}-\d\d-\d\d", "day-month": r"--\d\d-\d\d", "month": r"(?:\d{4}|-)-\d\d",
        "year": r"\d{4}", "week": r"\d{4}-W\d\d",
    }
    if precision == "unknown":
        return value is None
    return value is not None and precision in shapes and re.fullmatch(shapes[precision], value) is not None


def to_bounds(value: Optional[str], precision: str, year: Optional[int] = None) -> tuple[Optional[str], Optional[str]]:
    """The first and last day (ISO) a date can denote: ``2020-10`` -> (2020-10-01, 2020-10-31).

    A value with no year (``--10-15``, ``--10``) has no bounds unless the caller supplies
    ``year`` (e.g. one known from the corpus, and then says so in its own basis).
    """
    if value is None or not _YEAR_FORMAT.match(value):
        return None, None
    if value.startswith("--"):
        if year is None:
            return None, None
        value = f"{year:04d}{value[1:]}"
    try:
        if precision == "week" or "-W" in value:
            y, w = int(value[:4]), int(value[6:8])
            monday = date.fromisocalendar(y, w, 1)
            return monday.isoformat(), (monday + timedelta(days=6)).isoformat()
        parts = value.split("-")
        y = int(parts[0])
        if len(parts) == 1:
            return f"{y:04d}-01-01", f"{y:04d}-12-31"
        m = int(parts[1])
        if len(parts) == 2:
            return f"{y:04d}-{m:02d}-01", f"{y:04d}-{m:02d}-{calendar.monthrange(y, m)[1]:02d}"
        d = date(y, m, int(parts[2]))
        return d.isoformat(), d.isoformat()
    except ValueError:
        return None, None
