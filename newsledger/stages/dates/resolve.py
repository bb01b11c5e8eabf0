"""From one pattern match to a :class:`~newsledger.stages.dates.values.Timex`: calendar dates
(a missing year filled only from the page's date), relative expressions ("yesterday",
"last week", "30 years ago", "on Sunday", "last May") counted from the page's date, and
whether the clause speaks of the future."""
from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Optional

from newsledger.stages.dates.tables import _all_months, _future_cue, _key, _lookup, _lookup_list, load_tables
from newsledger.stages.dates.values import Anchor, Timex, _valid_day

_SENTENCE_END = re.compile(r"[.!?;\n]")


def _iso_week(d: date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _shift_days(anchor: Anchor, days: int) -> Timex:
    """The anchor moved by whole days; with no year, only if the move cannot cross 29 February."""
    day = anchor.as_date()
    if day is not None:
        return Timex((day + timedelta(days=days)).isoformat(), "day", "relative")
    if anchor.month is not None and anchor.day is not None:
        leap = date(2000, anchor.month, anchor.day) + timedelta(days=days)
        if anchor.month == 2 and anchor.day == 29:
            return Timex(None, "unknown", "relative")
        plain = date(2001, anchor.month, anchor.day) + timedelta(days=days)
        if (leap.month, leap.day) == (plain.month, plain.day):
            return Timex(f"--{leap.month:02d}-{leap.day:02d}", "day-month", "relative")
    return Timex(None, "unknown", "relative")


def _period(anchor: Optional[Anchor], unit: str, offset: int) -> Timex:
    """``offset`` weeks/months/years from the anchor (``last week`` = week, -1)."""
    if anchor is None:
        return Timex(None, "unknown", "relative")
    if unit == "day":
        return _shift_days(anchor, offset)
    if unit == "week":
        day = anchor.as_date()
        if day is None:
            return Timex(None, "unknown", "relative")
        return Timex(_iso_week(day + timedelta(weeks=offset)), "week", "relative")
    if unit == "month":
        if anchor.month is None:
            return Timex(None, "unknown", "relative")
        if anchor.year is None:
            _, month = _add_months(2000, anchor.month, offset)
            return Timex(f"--{month:02d}", "month", "relative")
        year, month = _add_months(anchor.year, anchor.month, offset)
        return Timex(f"{year:04d}-{month:02d}", "month", "relative")
    if unit == "year" and anchor.year is not None:
        return Timex(f"{anchor.year + offset:04d}", "year", "relative")
    return Timex(None, "unknown", "relative")


def _weekday(anchor: Optional[Anchor], weekday: int, direction: Optional[int], future: bool) -> Timex:
    """A weekday named in the text: the nearest one before the page date (after it when
    the sentence speaks of the future or says "next")."""
    if anchor is None or not anchor.has_day:
        return Timex(None, "unknown", "relative")
    ref = anchor.as_date()
    assert ref is not None
    back = (ref.weekday() - weekday) % 7
    if direction == 1 or (direction is None and future):
        ahead = (weekday - ref.weekday()) % 7 or 7
        target = ref + timedelta(days=ahead)
    elif direction == -1:
        target = ref - timedelta(days=back or 7)
    else:
        target = ref - timedelta(days=back)
    return Timex(target.isoformat(), "day", "relative")


def _nearest_year(anchor: Anchor, month: int, day: Optional[int], future: bool) -> Optional[int]:
    """The year that puts a yearless date closest to the page date (past preferred)."""
    if anchor.year is None:
        return None
    if anchor.month is None:
        return anchor.year
    ref = date(anchor.year, anchor.month, anchor.day or 15)
    best: Optional[tuple[float, int]] = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        d = day or 15
        if not _valid_day(year, month, d):
            continue
        delta = (date(year, month, d) - ref).days
        if future:
            cost = abs(delta) if delta >= -1 else abs(delta) * 3
        else:
            cost = abs(delta) * (2 if delta > (0 if day else 20) else 1)
        if best is None or cost < best[0]:
            best = (cost, year)
    return best[1] if best else None


def _explicit(year: Optional[int], month: Optional[int], day: Optional[int],
              anchor: Optional[Anchor], future: bool) -> Optional[Timex]:
    """A calendar date with whatever parts the text gives; the year may come from the page."""
    if month is None:
        if year is not None and day is None:
            return Timex(f"{year:04d}", "year", "explicit")
        return None
    if not 1 <= month <= 12:
        return None
    if day is not None:
        if year is not None:
            return Timex(f"{year:04d}-{month:02d}-{day:02d}", "day", "explicit") if _valid_day(year, month, day) else None
        if not _valid_day(2000, month, day):
            return None
        filled = _nearest_year(anchor, month, day, future) if anchor else None
        if filled is not None and _valid_day(filled, month, day):
            return Timex(f"{filled:04d}-{month:02d}-{day:02d}", "day", "document-date")
        return Timex(f"--{month:02d}-{day:02d}", "day-month", "explicit")
    if year is not None:
        return Timex(f"{year:04d}-{month:02d}", "month", "explicit")
    filled = _nearest_year(anchor, month, None, future) if anchor else None
    if filled is not None:
        return Timex(f"{filled:04d}-{month:02d}", "month", "document-date")
    return Timex(f"--{month:02d}", "month", "explicit")


def _relative_month(anchor: Optional[Anchor], month: int, direction: int) -> Timex:
    """"last May", "this October", "next March"."""
    if anchor is None or anchor.year is None or anchor.month is None:
        return Timex(None, "unknown", "relative")
    year = anchor.year
    if direction < 0 and month >= anchor.month:
        year -= 1
    elif direction > 0 and month <= anchor.month:
        year += 1
    return Timex(f"{year:04d}-{month:02d}", "month", "relative")


def _future_context(text: str, start: int, end: int, cue: Optional[re.Pattern[str]]) -> bool:
    """Whether the clause around a mention speaks of the future (it decides "on Sunday").

    The words before the mention in its sentence count; the words after it only when the
    mention opens its sentence ("On Monday, talks will resume"), since otherwise they
    usually belong to another clause ("issued July 1, which will ...").
    """
    if cue is None:
        return False
    left = text[max(0, start - 60):start]
    stop = max((m.end() for m in _SENTENCE_END.finditer(left)), default=0)
    clause = left[stop:]
    if cue.search(clause):
        return True
    if len(clause.split()) > 1:
        return False
    right = text[end:end + 40]
    cut = _SENTENCE_END.search(right)
    return bool(cue.search(right[:cut.start()] if cut else right))


def _resolve(m: re.Match[str], lang: str, text: str, anchor: Optional[Anchor], start: int) -> Optional[Timex]:
    """The value of one regex match (``None``: not a date after all)."""
    groups = {k: v for k, v in m.groupdict().items() if v is not None}
    if "rel" in groups:
        offset = _lookup(lang, "relative_days")[_key(groups["rel"])]
        return _shift_days(anchor, offset) if anchor else Timex(None, "unknown", "relative")
    if "period" in groups:
        unit, offset = _lookup(lang, "relative_periods")[_key(groups["period"])]
        return _period(anchor, unit, offset)
    if "unit" in groups:
        raw = groups["num"]
        count = int(raw) if raw.isdigit() else _lookup(lang, "numbers").get(_key(raw))
        unit = _lookup(lang, "units").get(_key(groups["unit"]))
        if count is None or unit is None:
            return None
        return _period(anchor, unit, -count)
    future = _future_context(text, start, m.end(), _future_cue(lang)) and not (
        "ctx" in groups and _key(groups["ctx"]) in _lookup_list(lang, "past_context"))
    direction = _lookup(lang, "directions").get(_key(groups["dir"])) if "dir" in groups else None
    if "a" in groups:  # slashed numbers: month/day order by convention unless one is > 12
        a, b, slash_year = int(groups["a"]), int(groups["b"]), int(groups["year"])
        if a > 12 >= b:
            slash_day, slash_month = a, b
        elif b > 12 >= a:
            slash_month, slash_day = a, b
        elif load_tables().get(lang, {}).get("slash_order", "dmy") == "mdy":  # en: US order
            slash_month, slash_day = a, b
        else:
            slash_day, slash_month = a, b
        return _explicit(slash_year, slash_month, slash_day, anchor, future)
    month: Optional[int] = None
    if "month_n" in groups:
        month = int(groups["month_n"])
    elif "month" in groups:
        month = _lookup(lang, "months").get(_key(groups["month"])) or _all_months().get(_key(groups["month"]))
    day = int(groups["day"]) if "day" in groups else None
    year = int(groups["year"]) if "year" in groups else None
    if "ydir" in groups:  # "June last year", "в сентябре прошлого года": the year counted from the page's
        offset = _lookup(lang, "directions").get(_key(groups["ydir"]))
        if anchor is None or anchor.year is None or offset is None or month is None:
            return Timex(None, "unknown", "relative")
        timex = _explicit(anchor.year + offset, month, day, anchor, future)
        return Timex(timex.value, timex.precision, "relative") if timex else None
    if "weekday" in groups and month is None and day is None:
        weekday = _lookup(lang, "weekdays").get(_key(groups["weekday"]))
        if weekday is None:
            return None
        return _weekday(anchor, weekday, direction, future)
    if month is not None and day is None and year is None and direction is not None:
        return _relative_month(anchor, month, direction)
    return _explicit(year, month, day, anchor, future)
