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

This module holds the finder and the public entry points (:func:`find_dates`,
:func:`normalise`, :func:`resolve_relative`); its parts live beside it:
:mod:`~newsledger.stages.dates.tables` (language tables -> compiled patterns),
:mod:`~newsledger.stages.dates.resolve` (a match -> a value, relative expressions included),
:mod:`~newsledger.stages.dates.fallback` (the guarded ``dateparser`` fallback) and
:mod:`~newsledger.stages.dates.values` (the value types, page-date anchors, value shapes and bounds).
"""
from __future__ import annotations

import logging
import re
from typing import Optional, Sequence, Union

from newsledger import lang as languages
from newsledger.models import DateMention, Published
from newsledger.stages.dates.fallback import _dateparser_candidates, dateparser_timex
from newsledger.stages.dates.resolve import _explicit, _resolve
from newsledger.stages.dates.tables import _key, _lookup, _numeric_patterns, _Pattern, _patterns, load_tables
from newsledger.stages.dates.values import Anchor, Timex, parse_anchor

log = logging.getLogger(__name__)

_BARE_YEAR = re.compile(r"(?:19|20)\d\d|2100")

Lang = Union[str, Sequence[str]]


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
