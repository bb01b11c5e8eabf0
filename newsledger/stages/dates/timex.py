"""Find date expressions in text and normalise them to ISO values, never guessing.

The finder works from per-language tables (the language packs of :mod:`newsledger.lang`:
month names with their inflections, weekdays, relative words, the ``dates`` grammar) turned into precompiled regular expressions, plus
language-neutral numeric forms (``2020-10-15``, ``15.10.2020``, ``10/15/2020``). Each
match becomes a :class:`~newsledger.models.DateMention`:

* ``value`` is ISO: ``2020-10-15`` (precision ``day``), ``2020-10`` (``month``), ``2020``
  (``year``), ``--10-15`` (``day-month``: day and month known, year not), ``--10``
  (``month`` with the year unknown), ``2020-W41`` (``week``), or ``None`` (``unknown``).
* ``basis`` says where the value came from: ``explicit`` (all of it is in the text),
  ``document-date`` (the year came from the page's own date), ``relative`` ("yesterday",
  "last week", "30 years ago", "on Sunday" counted from the page's date).

Rules that keep it honest: a year missing from the text is only filled from the page's
own date (basis ``document-date``), otherwise it stays missing; a relative expression
with no usable page date gets ``value=None``; durations ("for 30 years", "the past 30
years", "three days", "44-day war") and bare numbers are not dates. ``dateparser`` is
only a fallback, always restricted to one language, and guarded against its habit of
reading durations as dates.
"""
from __future__ import annotations

import calendar
import logging
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any, Iterable, Optional, Sequence, Union

from newsledger import lang as languages
from newsledger.models import DateMention, Published

log = logging.getLogger(__name__)

#: Years accepted as years: 1900-2100 (outside that a four-digit number is a count).
_YEAR = r"(?P<year>19\d\d|20\d\d|2100)"
_YEAR_FORMAT = re.compile(r"^(?:\d{4}(?:-\d\d(?:-\d\d)?)?|--\d\d(?:-\d\d)?|\d{4}-W\d\d)$")
_SENTENCE_END = re.compile(r"[.!?;\n]")
_FOUR_DIGIT_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_BARE_YEAR = re.compile(r"(?:19|20)\d\d|2100")
_BOUNDARY_BEFORE = r"(?<![\w])"
_BOUNDARY_AFTER = r"(?![\w])"

#: Language-neutral numeric dates. Dots and ISO dashes are unambiguous (day-first, ISO);
#: slashes follow the language's convention when both numbers could be a month.
_NUMERIC_PATTERNS = (
    r"(?<![\w.])" + _YEAR + r"-(?P<month_n>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])(?![\w]|-\d)",
    r"(?<![\w.])(?P<day>[0-3]?\d)\.(?P<month_n>[01]?\d)\.\s?" + _YEAR + r"(?![\w]|\.\d)",
    r"(?<![\w/])(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/" + _YEAR + r"(?![\w]|/\d)",
)

Lang = Union[str, Sequence[str]]


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


@dataclass(frozen=True)
class _Pattern:
    regex: re.Pattern[str]
    order: int
    lang: str


# --------------------------------------------------------------------------- tables

@lru_cache(maxsize=1)
def load_tables() -> dict[str, dict[str, Any]]:
    """The date vocabulary of every language pack that has one (built once).

    One table per language: the pack's ``dates`` grammar plus its months, weekdays,
    relative days and number words (with the articles that count as one: "a week ago").
    """
    tables: dict[str, dict[str, Any]] = {}
    for code in languages.codes():
        pack = languages.get(code)
        if pack.code != code or not pack.has_dates:
            continue
        numbers = dict(pack.number_words)
        numbers.update({article: 1 for article in pack.indefinite_articles})
        tables[code] = {**pack.dates, "months": pack.months, "weekdays": pack.weekdays,
                        "relative_days": pack.relative_days, "numbers": numbers}
    return tables


def _key(word: str) -> str:
    """Lookup key for a written form: case-folded, whitespace collapsed, final dot dropped."""
    return " ".join(word.casefold().replace("i̇", "i").split()).rstrip(".")


def _alternation(forms: Iterable[str], title_case: bool) -> str:
    """A regex alternation, longest form first; title-case languages also accept CAPITALS."""
    variants: set[str] = set()
    for form in forms:
        if title_case:
            titled = form[:1].upper() + form[1:]
            variants.update({titled, form.upper()})
        else:
            variants.add(form)
    parts = [re.escape(v).replace(r"\ ", r"\s+") for v in sorted(variants, key=len, reverse=True)]
    body = "|".join(parts)
    # Case-sensitive names ("May" the month, not "may" the verb); the rest of a pattern is not.
    return f"(?-i:{body})" if title_case else body


def _expand(template: str, table: dict[str, Any]) -> str:
    title = bool(table.get("title_case"))
    months = _alternation(table["months"], title)
    suffix = table.get("month_suffix", "")
    bare = table.get("bare_months")
    bare_suffix = table.get("bare_suffix", "")
    if bare is not None:
        month_bare = f"(?P<month>{_alternation(bare, title)}){bare_suffix}"
    else:
        month_bare = f"(?P<month>{months}){bare_suffix}" if bare_suffix else "(?!x)x"
    out = template
    out = out.replace("{MONTHBARE}", month_bare)
    out = out.replace("{MONTHSTEM}", f"(?P<month>{months})")
    out = out.replace("{MONTH}", f"(?P<month>{months}){suffix}")
    out = out.replace("{DAY}", table.get("day", r"(?P<day>[0-3]?\d)"))
    out = out.replace("{YEAR}", _YEAR)
    out = out.replace("{WEEKDAY}", f"(?P<weekday>{_alternation(table['weekdays'], title)})")
    return out


@lru_cache(maxsize=64)
def _patterns(lang: str, with_relative: bool) -> tuple[_Pattern, ...]:
    """Compiled patterns of one language (explicit forms always; relative phrases on request)."""
    table = load_tables()[lang]
    flags = re.IGNORECASE | re.UNICODE
    sources = [_expand(t, table) for t in table["patterns"]]
    if with_relative:
        rel_days = _alternation(table.get("relative_days", {}), False)
        periods = _alternation(table.get("relative_periods", {}), False)
        numbers = _alternation(table.get("numbers", {}), False)
        units = _alternation(table.get("units", {}), False)
        ago = table["ago"].replace("{N}", rf"(?P<num>\d{{1,3}}|{numbers})").replace("{UNIT}", f"(?P<unit>{units})")
        # Relative phrases first so that "last week" wins over weekday/month readings of equal length.
        sources = [f"(?P<rel>{rel_days})", f"(?P<period>{periods})", ago] + sources
    out = []
    for order, src in enumerate(sources):
        out.append(_Pattern(re.compile(_BOUNDARY_BEFORE + src + _BOUNDARY_AFTER, flags), order, lang))
    return tuple(out)


@lru_cache(maxsize=1)
def _numeric_patterns() -> tuple[_Pattern, ...]:
    return tuple(_Pattern(re.compile(src), 100 + i, "") for i, src in enumerate(_NUMERIC_PATTERNS))


@lru_cache(maxsize=128)
def _lookup(lang: str, field: str) -> dict[str, Any]:
    """One table of a language keyed by :func:`_key` (so case and spacing do not matter)."""
    return {_key(k): v for k, v in load_tables().get(lang, {}).get(field, {}).items()}


@lru_cache(maxsize=64)
def _lookup_list(lang: str, field: str) -> frozenset[str]:
    return frozenset(_key(w) for w in load_tables().get(lang, {}).get(field, ()))


@lru_cache(maxsize=1)
def _all_months() -> dict[str, int]:
    out: dict[str, int] = {}
    for table in load_tables().values():
        for form, number in table["months"].items():
            out.setdefault(_key(form), number)
    return out


# --------------------------------------------------------------------------- anchors

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


# --------------------------------------------------------------------------- resolution

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


@lru_cache(maxsize=32)
def _future_cue(lang: str) -> Optional[re.Pattern[str]]:
    src = load_tables().get(lang, {}).get("future_cue")
    return re.compile(src, re.IGNORECASE) if src else None


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


# --------------------------------------------------------------------------- finder

def _langs(lang: Lang) -> list[str]:
    langs = [lang] if isinstance(lang, str) else list(lang)
    return list(dict.fromkeys(code.split("-")[0].lower() for code in langs if code))


def find_dates(text: str, lang: Lang, anchor: Optional[Union[Published, Anchor]] = None,
               offset: int = 0) -> list[DateMention]:
    """Date mentions in ``text``, spans shifted by ``offset`` (a paragraph's start in its document).

    ``lang`` is one language code or several (a paragraph with mixed-language segments).
    Languages with tables get every form; an unknown language (``und``) gets only the
    unambiguous ones (numeric dates and month names of every table, no relative words);
    other languages also try ``dateparser`` on date-shaped candidates.
    """
    if isinstance(anchor, Published):
        anchor = parse_anchor(anchor)
    tables = load_tables()
    langs = _langs(lang)
    known = [code for code in langs if code in tables]
    runs: list[tuple[str, tuple[_Pattern, ...]]] = [(code, _patterns(code, True)) for code in known]
    if not known:  # language unknown: explicit calendar forms of every table, nothing relative
        runs = [(code, _patterns(code, False)) for code in tables]
    runs.append((known[0] if known else "", _numeric_patterns()))
    found: list[tuple[int, int, int, Timex]] = []
    for code, patterns in runs:
        for pattern in patterns:
            for m in pattern.regex.finditer(text):
                start = m.end("ctx") if m.groupdict().get("ctx") is not None else m.start()
                try:
                    timex = _resolve(m, code, text, anchor, start)
                except (KeyError, ValueError, OverflowError) as exc:  # a table gap must not lose the page
                    log.debug("date %r not resolved: %s", m.group(0), exc)
                    timex = None
                if timex is not None and start < m.end() and (known or timex.basis != "relative"):
                    found.append((start, m.end(), pattern.order, timex))
    unknown = [code for code in langs if code not in tables and code != languages.UNDETERMINED]
    if unknown:
        found.extend(_dateparser_candidates(text, unknown[0], anchor))
    return _select(text, found, offset)


def _select(text: str, found: list[tuple[int, int, int, Timex]], offset: int) -> list[DateMention]:
    """Longest matches win; the rest that overlap them are dropped."""
    chosen: list[tuple[int, int, Timex]] = []
    taken: list[tuple[int, int]] = []
    for start, end, _, timex in sorted(found, key=lambda f: (-(f[1] - f[0]), f[2], f[0])):
        end = start + len(text[start:end].rstrip())
        if any(start < e and s < end for s, e in taken):
            continue
        taken.append((start, end))
        chosen.append((start, end, timex))
    chosen.sort(key=lambda c: c[0])
    return [DateMention(offset + s, offset + e, text[s:e], t.value, t.precision, t.basis) for s, e, t in chosen]


# --------------------------------------------------------------------------- dateparser fallback

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


# --------------------------------------------------------------------------- public helpers

def normalise(expr: str, lang: str = "en", anchor: Optional[Union[Published, Anchor]] = None,
              use_dateparser: bool = True, before: str = "", after: str = "") -> Optional[Timex]:
    """The value of one date expression (e.g. a gold extent), or None when it is not a date.

    ``before``/``after`` are the text around the expression in its document, when known:
    they let the rules see "in 1988" or "will resume on Monday" while the value is still
    that of ``expr``. The mention overlapping ``expr`` most decides; an expression that is
    a bare year or month name is taken as one (the caller says it is a date); failing
    that, ``dateparser`` (one language, guarded) when ``use_dateparser``.
    """
    if isinstance(anchor, Published):
        anchor = parse_anchor(anchor)
    text = before + expr + after
    lo, hi = len(before), len(before) + len(expr)
    mentions = [m for m in find_dates(text, lang, anchor) if m.start < hi and lo < m.end]
    if mentions:
        best = max(mentions, key=lambda d: min(d.end, hi) - max(d.start, lo))
        return Timex(best.value, best.precision, best.basis)
    bare = expr.strip()
    if _BARE_YEAR.fullmatch(bare):
        return Timex(bare, "year", "explicit")
    month = _lookup(lang.split("-")[0].lower(), "months").get(_key(bare))
    if month is not None:
        return _explicit(None, month, None, anchor, False)
    if use_dateparser:
        return dateparser_timex(expr, lang, anchor)
    return None


def resolve_relative(expr: str, anchor: Optional[Union[Published, Anchor]], lang: str = "en") -> Optional[Timex]:
    """A relative expression ("yesterday", "last week", "вчера", "30 years ago") against a page date.

    Returns None when ``expr`` is not a relative expression; ``Timex(None, "unknown",
    "relative")`` when it is one but the page date is too vague to resolve it.
    """
    timex = normalise(expr, lang, anchor, use_dateparser=False)
    return timex if timex is not None and timex.basis == "relative" else None


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
