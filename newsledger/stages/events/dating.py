"""When an event happened, as apart from when it was published.

Order of evidence: a resolved date mention in the event's sentence (from the dates stage,
or this module's small fallback when that stage found nothing); "that night", "the same day" (the last day the
page told in this paragraph or the one before); a relative expression
("yesterday", "on Sunday", "late at night") resolved against the document date; "after
the ceasefire" as a bound anchored to its text; otherwise the bound "on or before the
document date". A day is never guessed: what cannot be resolved stays a bound, and a date that
closes a list of days ("on 4, 5, 8, 11 and 17 October") dates no single event.
"""
from __future__ import annotations

import datetime as dt
import itertools
import re
from bisect import bisect_left
from functools import lru_cache
from typing import Optional, Sequence

from newsledger import lang as languages
from newsledger.models import DateMention, Document, EventDate, Span
from newsledger.stages.dates.values import to_bounds
from newsledger.stages.spans import SpanIndex

#: Reference leap year for day-month arithmetic when the year is unknown (keeps 29 February valid).
_LEAP = 2000


def _months(lang: str) -> dict[str, int]:
    """Month forms of a language; English ones for a language without them (the lingua franca of dates)."""
    return languages.get(lang).months or languages.get(languages.ENGLISH).months


@lru_cache(maxsize=None)
def _month_pattern(lang: str) -> re.Pattern[str]:
    by_month: dict[int, list[str]] = {}
    for form, number in _months(lang).items():
        by_month.setdefault(number, []).append(form)
    alternatives = []
    for number, forms in sorted(by_month.items()):
        # The full names take any ending ("octobre", "октябрём"); shorter forms ("oct.", "dec") only a dot.
        longest = max(len(f) for f in forms)
        parts = [re.escape(f) + "\\w*" if len(f) == longest else re.escape(f.rstrip(".")) + "\\.?"
                 for f in sorted(forms, key=len, reverse=True)]
        alternatives.append(f"(?P<m{number}>{'|'.join(parts)})")
    months = "|".join(alternatives)
    return re.compile(
        rf"(?<!\w)(?:(?P<d1>\d{{1,2}})(?:-?(?:ci|cı|cu|cü|inci|th|st|nd|rd|er))?\s+(?:of\s+)?(?:{months})"
        rf"|(?:{months.replace('?P<m', '?P<n').replace('?P<a', '?P<b')})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)"
        rf"(?:,?\s+(?P<y>(?:19|20)\d\d))?(?!\w)", re.I)


def find_explicit_dates(text: str, lang: str, offset: int = 0) -> list[DateMention]:
    """Fallback explicit day-month(-year) dates ("15 October", "October 15, 2020", "15 октября")."""
    out = []
    for m in _month_pattern(lang).finditer(text):
        groups = {k: v for k, v in m.groupdict().items() if v}
        month = next((int(k[1:]) for k in groups if k[0] in "mnab" and k[1:].isdigit()), None)
        day = int(groups.get("d1") or groups.get("d2") or 0)
        if not month or not 1 <= day <= 31:
            continue
        year = groups.get("y")
        value = f"{year}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"
        out.append(DateMention(offset + m.start(), offset + m.end(), m.group(0), value, "day" if year else "day-month", "explicit"))
    return out


def document_date(doc: Document) -> Optional[tuple[str, str]]:
    """(value, precision) of the document's date: ``doc.published``, else a date heading."""
    pub = doc.published
    if pub and pub.value and pub.precision in ("day", "day-month"):
        return pub.value, pub.precision
    for p in doc.paragraphs[:3]:
        if p.kind != "heading":
            continue
        found = find_explicit_dates(p.text, languages.base_code(p.lang), p.start)
        if found and found[0].text.strip() == p.text.strip():
            return found[0].value or "", found[0].precision
    return None


def day_of_value(value: str) -> Optional[dt.date]:
    """The day an ISO day value names (``--MM-DD``: in a fixed leap year), or None."""
    try:
        if value.startswith("--"):
            return dt.date(_LEAP, int(value[2:4]), int(value[5:7]))
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _shift(value: str, days: int) -> Optional[str]:
    """The ISO value ``days`` away; for a year-less value, the year-less result (or None across a year end)."""
    base = day_of_value(value)
    if base is None:
        return None
    moved = base + dt.timedelta(days=days)
    if value.startswith("--"):
        if moved.year != base.year:
            return None
        return f"--{moved.month:02d}-{moved.day:02d}"
    return moved.isoformat()


def resolve_event_date(doc: Document, start: int, end: int, lang: str, trigger_at: int,
                       doc_date: Optional[tuple[str, str]], statement: bool,
                       anchors: Sequence[tuple[int, int, EventDate]] = (),  # in text order
                       dates: Optional[SpanIndex[DateMention]] = None) -> EventDate:
    """The date of an event told in ``doc.text[start:end]`` (see the module doc for the order).

    ``dates`` is ``doc.dates`` indexed by offset (:class:`SpanIndex`), for callers that date many events.
    """
    text = doc.text[start:end]
    ref, ref_prec = doc_date if doc_date else (None, None)
    in_sentence = dates.within(start, end) if dates is not None else doc.dates
    mentions = [m for m in in_sentence if start <= m.start and m.end <= end and m.value]
    if not doc.dates:
        mentions = find_explicit_dates(text, lang, start)
    mentions = [m for m in mentions if not _birth_year(doc.text, m, lang)]
    if mentions:
        best = min(mentions, key=lambda m: abs(m.start - trigger_at))
        if _ends_a_list_of_days(doc.text[max(start, best.start - 24):best.start], lang):
            # "on 4, 5, 8, 11 and 17 October": the sentence tells several days, none of them is the event's
            return EventDate(None, "unknown", "bounded", None, ref) if ref else EventDate()
        return _from_mention(best.value or "", best.precision, best.basis, ref, Span(best.start, best.end, best.text))
    told = _day_told_before(doc, text, lang, start, ref, dates)
    if told is not None:
        return told
    relative = _relative(text, lang, ref, start)
    if relative is not None:
        return relative
    after = _after_anchor(text, lang, start, trigger_at, anchors)
    if after is not None:
        after.not_after = ref
        return after
    if statement and ref:
        return EventDate(ref, ref_prec or "day", "document-date")
    if ref:
        return EventDate(None, "unknown", "bounded", None, ref)
    return EventDate()


@lru_cache(maxsize=None)
def _anaphoric_pattern(lang: str) -> Optional[re.Pattern[str]]:
    phrases = languages.get(lang).anaphoric_days
    if not phrases:
        return None
    return re.compile(rf"(?<!\w)(?:{'|'.join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))})(?!\w)", re.I)


def _day_told_before(doc: Document, text: str, lang: str, start: int, ref: Optional[str],
                     dates: Optional[SpanIndex[DateMention]] = None) -> Optional[EventDate]:
    """"That night", "həmin gecə": the day the page told last, in this paragraph or the one before, dates the event."""
    pattern = _anaphoric_pattern(lang)
    if pattern is None or not pattern.search(text):
        return None
    here = doc.paragraph_at(start)
    since = doc.paragraphs[max(0, here - 1)].start if here is not None else 0
    earlier = dates.within(since, start) if dates is not None else doc.dates
    told = [m for m in earlier if m.value and m.precision in ("day", "day-month") and since <= m.start and m.end <= start]
    if not told:
        return None
    last = max(told, key=lambda m: m.start)
    return _from_mention(last.value or "", last.precision, "relative", ref, Span(last.start, last.end, last.text))


@lru_cache(maxsize=None)
def _birth_patterns(lang: str) -> Optional[tuple[re.Pattern[str], re.Pattern[str]]]:
    words = languages.get(lang).birth_year_words
    if not words:
        return None
    return re.compile(rf"(?<!\w)(?:{words})\s*$", re.I), re.compile(rf"[\s,(]*(?:{words})(?!\w)", re.I)


def _birth_year(text: str, mention: DateMention, lang: str) -> bool:
    """Whether a year is someone's birth year ("1992-ci il təvəllüdlü", "2013 года рождения", "born in 1999")."""
    patterns = _birth_patterns(lang)
    if patterns is None or mention.precision != "year":
        return False
    before, after = patterns
    return bool(before.search(text, max(0, mention.start - 20), mention.start) or after.match(text, mention.end))


@lru_cache(maxsize=None)
def _listed_days(lang: str) -> re.Pattern[str]:
    """Day numbers listed before a date ("4, 5, 8, 11 and 17 October"): a number, then a comma or the language's "and"."""
    words = "|".join(re.escape(w) for w in languages.get(lang).conjunctions)
    joiner = rf",|\s(?:{words})" if words else ","
    return re.compile(rf"(?<![\d:.])\d{{1,2}}\s*(?:{joiner})\s*$", re.I)


def _ends_a_list_of_days(before: str, lang: str) -> bool:
    """Whether the text just before a date lists other days of it (the date closes a list of days)."""
    return bool(_listed_days(lang).search(before))


def _from_mention(value: str, precision: str, basis: str, ref: Optional[str],
                  evidence: Optional[Span] = None) -> EventDate:
    """An event date from a date mention: a year-less day or month takes the document's year when it has one.

    ``--10-15`` (day-month) -> ``2020-10-15`` precision day; ``--10`` (month) -> ``2020-10`` precision month;
    every other value (``2020-W41`` week, ``2020`` year, a full day) keeps its own value and precision.
    ``not_before``/``not_after`` are the first and last day the value can denote (:func:`newsledger.stages.dates.values.to_bounds`).
    """
    doc_year = ref[:4] if ref and not ref.startswith("--") and re.match(r"\d{4}", ref) else None
    if value.startswith("--") and doc_year and precision in ("day-month", "month"):
        value = doc_year + value[1:]  # same year as the document; the month (and day) as written
        precision = "day" if precision == "day-month" else "month"
        basis = "document-date" if basis == "explicit" else basis
    elif basis not in ("relative", "explicit", "document-date"):
        basis = "explicit"
    not_before, not_after = to_bounds(value, precision)
    return EventDate(value, precision, basis, not_before, not_after, evidence=evidence)


def _relative(text: str, lang: str, ref: Optional[str], offset: int = 0) -> Optional[EventDate]:
    """A day named relative to the page date ("yesterday", "on Saturday") in ``text`` (at ``offset`` in the page)."""
    pack = languages.get(lang)
    rel = {**pack.relative_days, **pack.relative_days_loose}
    for phrase in sorted(rel, key=len, reverse=True):
        found = re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text, re.I)
        if found:
            if not ref:
                return None
            value = _shift(ref, rel[phrase])
            if value is None:
                return EventDate(None, "unknown", "bounded", None, ref)
            return EventDate(value, "day-month" if value.startswith("--") else "day", "relative",
                             evidence=_span_of(found, offset))
    for index, pattern in enumerate(_weekday_patterns(lang)):
        found = pattern.search(text)
        if found:
            if not ref:
                return None
            base = day_of_value(ref)
            if base is None or ref.startswith("--"):  # no year: the weekday cannot be placed
                return EventDate(None, "unknown", "bounded", None, ref)
            back = (base.weekday() - index) % 7
            return EventDate((base - dt.timedelta(days=back)).isoformat(), "day", "relative",
                             evidence=_span_of(found, offset))
    for phrase in pack.night_phrases:
        if re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text, re.I) and ref:
            return EventDate(None, "unknown", "bounded", _shift(ref, -1), ref)
    return None


def _span_of(found: re.Match[str], offset: int) -> Span:
    return Span(offset + found.start(), offset + found.end(), found.group(0))


@lru_cache(maxsize=None)
def _weekday_patterns(lang: str) -> tuple[re.Pattern[str], ...]:
    """One pattern per weekday (Monday first) over every form the pack gives, short forms included."""
    pack = languages.get(lang)
    by_day: dict[int, list[str]] = {}
    for form, index in {**pack.weekdays, **pack.weekday_short_forms}.items():
        by_day.setdefault(index, []).append(re.escape(form))
    return tuple(re.compile(rf"(?<!\w)(?:{'|'.join(sorted(by_day[i], key=len, reverse=True))})(?!\w)", re.I)
                 for i in sorted(by_day))


def _after_anchor(text: str, lang: str, offset: int, trigger_at: int,
                  anchors: Sequence[tuple[int, int, EventDate]]) -> Optional[EventDate]:
    pattern = languages.get(lang).after_cues
    if not pattern:
        return None
    m = re.search(pattern, text, re.I)
    if not m:
        return None
    a_start, a_end = offset + m.start(), offset + m.end()
    a_start += len(text[m.start():m.end()]) - len(text[m.start():m.end()].lstrip())
    if a_start <= trigger_at < a_end:  # the event is the anchor itself ("after the ceasefire": the ceasefire)
        return None
    not_before = None
    # An earlier event told inside the anchor text ("the ... ceasefire"). The anchors come in text order
    # (the events stage adds them as it goes), so the search starts at the anchor text, not at the page's top.
    for s, e, date in itertools.islice(anchors, bisect_left(anchors, a_start, key=lambda a: a[0]), None):
        if s > a_end:
            break
        if e <= a_end:
            not_before = date.value or date.not_before
            break
    return EventDate(None, "unknown", "bounded", not_before, None,
                     Span(a_start, a_end, text[a_start - offset:a_end - offset]))
