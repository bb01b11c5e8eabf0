"""Blocking for incident linking: the (date bucket, place key) pairs an event is filed under, and those a new
event looks up to find its candidates (the store's ``incident_blocks``); a candidate is then scored in full.
"""
from __future__ import annotations

from datetime import date
from typing import Optional

from newsledger.crossdoc import evidence as link_evidence
from newsledger.crossdoc.features import LinkFeatures
from newsledger.crossdoc.windows import Window, months_of

#: How many months a window may span and still be filed by month (wider: by year, then "wide").
MAX_MONTH_BUCKETS = 13
MAX_YEAR_BUCKETS = 5


def blocks_of(window: Window) -> list[str]:
    """The date buckets an event is filed under."""
    if window.month_day is not None:
        return [f"md:{m:02d}" for m in window.months()]
    if not window.intervals:
        return ["none"]
    lo, hi = window.lo(), window.hi()
    assert lo is not None and hi is not None
    out: list[str] = []
    if window.exact_day is not None:
        out.append("d:" + date.fromordinal(window.exact_day).isoformat())
    months = months_of(lo, hi)
    if len(months) <= MAX_MONTH_BUCKETS:
        out += [f"m:{m}" for m in months] + sorted({f"any:{m[5:]}" for m in months})
        return out
    years = list(range(date.fromordinal(lo).year, date.fromordinal(hi).year + 1))
    if len(years) <= MAX_YEAR_BUCKETS:
        return out + [f"y:{y}" for y in years]
    return out + ["wide"]


#: Date buckets looked up with any place (:func:`_day_lookups`, and the same day for a place-less event).
_ANY_PLACE_BUCKETS = ("d:", "md:", "any:")


def filed_under(f: LinkFeatures) -> list[tuple[Optional[str], Optional[str]]]:
    """The (bucket, place) blocks an event is filed under, None meaning any: every bucket with every place key, the
    buckets a lookup may leave placeless with any place, and every place key with any bucket (undated lookups)."""
    buckets, places = blocks_of(f.window), place_keys(f)
    blocks: list[tuple[Optional[str], Optional[str]]] = [(b, p) for b in buckets for p in places]
    blocks += [(b, None) for b in buckets if b.startswith(_ANY_PLACE_BUCKETS)]
    return blocks + [(None, p) for p in places]


#: Marks a person's surname among the place keys of the blocking table.
PERSON_KEY = "@"


def place_keys(f: LinkFeatures) -> list[str]:
    """The place keys an event is filed and searched under: its place ("" when none), then its document's area."""
    keys = [f.place or ""]
    keys += [a for a in f.area if a and a not in keys]
    keys += [PERSON_KEY + p for p in f.people]  # the people it is about find reports that place elsewhere
    return keys


def _day_lookups(w: Window) -> list[tuple[Optional[str], Optional[str]]]:
    """Lookups of a class its day defines (a ceasefire): that day (and the next and previous), any place."""
    out: list[tuple[Optional[str], Optional[str]]] = []
    if w.exact_day is not None:
        out += [(f"d:{date.fromordinal(w.exact_day + delta).isoformat()}", None) for delta in (-1, 0, 1)]
        out.append((f"md:{date.fromordinal(w.exact_day).month:02d}", None))
    elif w.month_day is not None and w.month_day[1] is not None:
        out += [(f"{kind}:{w.month_day[0]:02d}", None) for kind in ("md", "any")]
    return out  # no day: nothing to define it by  # no day: nothing to define it by


def lookups_of(f: LinkFeatures) -> list[tuple[Optional[str], Optional[str]]]:
    """(bucket, place) pairs to search for candidates; bucket None means any date, place None any place."""
    w = f.window
    keys: list[Optional[str]] = [k for k in place_keys(f) if k]
    if f.type_class in link_evidence.DATE_DEFINED:
        return _day_lookups(w)
    if w.month_day is not None:
        found: list[tuple[Optional[str], Optional[str]]] = [
            (f"{kind}:{m:02d}", key) for key in keys for m in w.months() for kind in ("md", "any")]
        return found + [("none", key) for key in keys]
    if not w.intervals:
        # No date at all: the same place on any date (the scorer then needs places and figures to agree).
        return [(None, key) for key in keys]
    lo, hi = w.lo(), w.hi()
    assert lo is not None and hi is not None
    out: list[tuple[Optional[str], Optional[str]]] = []
    if w.exact_day is not None:
        # Same day: place-less events may match on figures (and a place-less event searches all places).
        for delta in (-1, 0, 1):
            day = date.fromordinal(w.exact_day + delta).isoformat()
            out += [(f"d:{day}", f.place or None)] + ([(f"d:{day}", "")] if f.place else [])
    months = months_of(lo - 1, hi + 1)
    years = sorted({int(m[:4]) for m in months})
    for key in keys:
        if len(months) <= MAX_MONTH_BUCKETS:
            out += [(f"m:{m}", key) for m in months]
            out += [(f"md:{mm}", key) for mm in sorted({m[5:] for m in months})]
        elif len(years) <= MAX_YEAR_BUCKETS:
            out += [(f"m:{y}-{mo:02d}", key) for y in years for mo in range(1, 13)]
            out += [(f"md:{mo:02d}", key) for mo in range(1, 13)]
        if len(years) <= MAX_YEAR_BUCKETS:
            out += [(f"y:{y}", key) for y in years]
        out += [("wide", key), ("none", key)]
    return out
