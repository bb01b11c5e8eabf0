"""The ``dateparser`` fallback: one language at a time, guarded against reading durations as
dates, and used to find day-month candidates in languages without date tables."""
from __future__ import annotations

import logging
import re
from datetime import datetime
from functools import lru_cache
from typing import Any, Optional

from newsledger.stages.dates.resolve import _explicit, _iso_week
from newsledger.stages.dates.tables import _all_months, _key
from newsledger.stages.dates.values import Anchor, Timex

log = logging.getLogger(__name__)

_FOUR_DIGIT_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")

_CANDIDATE = re.compile(
    r"(?<![\w])(?:\d{1,2}\.?\s+[^\W\d_]{3,}\.?(?:,?\s+(?:19|20)\d\d)?|[^\W\d_]{3,}\.?\s+\d{1,2}(?:,?\s+(?:19|20)\d\d)?)(?![\w])"
)


@lru_cache(maxsize=64)
def _date_parser(lang: str, base: Optional[datetime]) -> Any:
    from dateparser.date import DateDataParser

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if base is not None:
        settings["RELATIVE_BASE"] = base
    return DateDataParser(languages=[lang], settings=settings)


def _dateparser_candidates(text: str, lang: str, anchor: Optional[Anchor]) -> list[tuple[int, int, int, Timex]]:
    """Day-month(-year) shaped strings of a language without tables, checked by dateparser."""
    out = []
    for m in _CANDIDATE.finditer(text):
        timex = dateparser_timex(m.group(0), lang, anchor, need_day_month=True)
        if timex is not None and timex.basis != "relative":
            out.append((m.start(), m.end(), 200, timex))
    return out


def _has_calendar_content(expr: str) -> bool:
    """A four-digit year or a month name. Without one, dateparser turns durations ("30 years",
    "five years", "a year") and "now" into dates; relative words are the rules' job."""
    if _FOUR_DIGIT_YEAR.search(expr):
        return True
    return any(_key(w) in _all_months() for w in re.findall(r"[^\W\d_]+\.?", expr))


def dateparser_timex(expr: str, lang: str, anchor: Optional[Anchor], need_day_month: bool = False) -> Optional[Timex]:
    """``dateparser`` on one candidate string, restricted to ``lang``, with the year kept honest.

    ``need_day_month``: accept only a reading that found a day and a month in the text
    (for candidates in languages without tables, whose month names the guard cannot know).
    """
    if not need_day_month and not _has_calendar_content(expr):
        return None
    base = datetime(anchor.year, anchor.month, anchor.day) if anchor and anchor.has_day else None  # type: ignore[arg-type]
    try:
        data = _date_parser(lang, base).get_date_data(expr)
    except Exception as exc:  # unknown language code, dateparser internals
        log.debug("dateparser failed on %r (%s): %s", expr, lang, exc)
        return None
    if data is None or data.date_obj is None:
        return None
    when, parts, period = data.date_obj, tuple(data.parts or ()), data.period
    if need_day_month and not {"day", "month"} <= set(parts):
        return None
    if not parts:  # a relative word: only meaningful against a page date
        if base is None:
            return Timex(None, "unknown", "relative")
        if period == "week":
            return Timex(_iso_week(when.date()), "week", "relative")
        if period == "month":
            return Timex(when.strftime("%Y-%m"), "month", "relative")
        if period == "year":
            return Timex(when.strftime("%Y"), "year", "relative")
        return Timex(when.date().isoformat(), "day", "relative")
    if "year" not in parts:
        day = when.day if "day" in parts else None
        return _explicit(None, when.month if "month" in parts else None, day, anchor, False)
    if "month" not in parts:
        return Timex(f"{when.year:04d}", "year", "explicit")
    if "day" not in parts:
        return Timex(when.strftime("%Y-%m"), "month", "explicit")
    return Timex(when.date().isoformat(), "day", "explicit")
