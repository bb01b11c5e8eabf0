"""The evidence that two events are one incident, scored: places, dates and figures added up.

Each kind of evidence gives points (or vetoes the pair); two events may share an incident when
their types are of one class, nothing vetoes them, and the points reach :data:`LINK_THRESHOLD`.

- **Places** at more than one level: the same canonical place; one place named in the other's
  document ("the South Side" and a report on Chicago that names it; a village and its district);
  two places some reading of which lies within :data:`NEAR_KM` (:mod:`newsledger.crossdoc.geo`). Two
  places the gazetteer knows, each as one place, and further apart veto the pair; a name it knows in
  several places of comparable size (Madison, Dover) or does not know (streets, quarters) costs a point, it never vetoes.
- **Dates** by precision: the same known day, overlapping windows, a window taken from the
  publication date only (an undated report: the days before it). Windows that cannot meet veto; no
  date on one side costs a point (a city is struck many times: the place alone does not say which).
- **Figures**: the same figure is evidence; close figures (10 and 9 killed: sources differ) are
  neutral-to-positive; far-apart figures (12 and 2) count against, they never veto alone.

The weights were chosen by hand from what each clue means; the threshold was fitted on the GVC
training split (``python -m evaluation.incidents_eval --only fit``), see docs/EVALUATION.md.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Optional

from newsledger.crossdoc.geo import distance_km, may_meet
from newsledger.crossdoc.windows import Window, day_of_leap_year, overlap

__all__ = ["distance_km", "Evidence", "link_score", "place_points", "date_points", "figure_points"]

#: Points two events need to share an incident (fitted on GVC train, see the module docstring).
LINK_THRESHOLD = 3.0
#: Two places this close (km) are one scene (a village and its town, a suburb and its city).
NEAR_KM = 30.0

SAME_PLACE, RELATED_PLACE, AREA_PLACE, SHARED_AREA, UNKNOWN_PLACES = 3.0, 2.0, 1.0, 1.0, -1.0
SAME_DAY, OVERLAP, APPROXIMATE_OVERLAP, NO_DATE = 2.0, 1.0, 0.5, -1.0
SAME_FIGURE, CLOSE_FIGURE, FAR_FIGURE = 1.0, 0.5, -1.5
#: Both reports name the same person who is not speaking in them (a victim, a suspect).
SHARED_PERSON = 1.0

#: Words that say what kind of place a name is, not which: "Shelby" and "Town of Shelby" are one place.
_GENERIC_PLACE_WORDS = frozenset({"town", "city", "village", "of", "the", "county", "township", "district", "street",
                                  "st", "avenue", "ave", "road", "rd", "mall"})

#: Type classes one day defines whatever place each report gives (a ceasefire signed in Moscow for Karabakh).
DATE_DEFINED = frozenset({"ceasefire"})

Figure = Optional[tuple[Optional[int], Optional[int]]]


@dataclass(frozen=True)
class Evidence:
    """What one event brings to the comparison."""

    place: Optional[str]
    area: tuple[str, ...]
    window: Window
    killed: Figure = None
    injured: Figure = None
    people: tuple[str, ...] = ()


@lru_cache(maxsize=65536)
def _words(name: str) -> frozenset[str]:
    """A place name's telling words (cached: every candidate pair compares the two documents' areas)."""
    return frozenset(w for w in re.findall(r"\w+", name.casefold()) if w not in _GENERIC_PLACE_WORDS)


def nested_names(a: str, b: str) -> bool:
    """Whether one place name holds the other's words ("Coastland Center Mall" / "Coastland Center", "Town of Shelby" /
    "Shelby"): the same place written at two lengths, or a place and what lies in it."""
    wa, wb = _words(a), _words(b)
    return bool(wa and wb) and (wa <= wb or wb <= wa)


def _in_area(place: str, area: tuple[str, ...]) -> bool:
    return any(place == other or nested_names(place, other) for other in area)


def place_points(a: Evidence, b: Evidence) -> Optional[float]:
    """Points for the places (None: they cannot be one scene), plus one when the documents name a place in common."""
    return _place_points(a.place, a.area, b.place, b.area)


@lru_cache(maxsize=1 << 16)
def _place_points(a_place: Optional[str], a_area: tuple[str, ...], b_place: Optional[str],
                  b_area: tuple[str, ...]) -> Optional[float]:
    """:func:`place_points` by value (cached: a new event meets the same few places in each of its candidates)."""
    shared_area = SHARED_AREA if any(_in_area(x, b_area) for x in a_area) else 0.0
    if a_place and b_place:
        if a_place == b_place:
            return SAME_PLACE
        met = may_meet(a_place, b_place, NEAR_KM)
        if met is not None:
            return RELATED_PLACE if met else None
        if nested_names(a_place, b_place) or _in_area(a_place, b_area) or _in_area(b_place, a_area):
            return RELATED_PLACE
        return shared_area or UNKNOWN_PLACES
    if a_place and _in_area(a_place, b_area) or b_place and _in_area(b_place, a_area):
        return AREA_PLACE
    return shared_area


def _one_day(window: Window) -> Optional[tuple[Optional[int], int]]:
    """(ordinal or None, day of year) when the window is one known day, with or without its year."""
    if window.exact_day is not None:
        day = date.fromordinal(window.exact_day)
        return window.exact_day, day_of_leap_year(day.month, day.day)
    rng = window.yearless_range()
    if rng is not None and rng[0] == rng[1]:
        return None, rng[0]
    return None


def _days_apart(a: Window, b: Window) -> Optional[int]:
    """How many days apart two one-day windows are (a yearless day compared by day of year); None otherwise."""
    da, db = _one_day(a), _one_day(b)
    if da is None or db is None:
        return None
    if da[0] is not None and db[0] is not None:
        return abs(da[0] - db[0])
    return abs(da[1] - db[1])


@lru_cache(maxsize=1 << 16)
def date_points(a: Window, b: Window) -> Optional[float]:
    """Points for the dates (None: the windows cannot hold one day; cached: windows repeat, days are few)."""
    met = overlap(a, b)
    if met is False:
        return None
    if met is None:
        return NO_DATE  # a place sees many strikes: without a date, place alone is not enough
    if _days_apart(a, b) == 0:
        return SAME_DAY
    return APPROXIMATE_OVERLAP if a.approximate or b.approximate else OVERLAP


def _value(fig: Figure) -> Optional[int]:
    if fig is None:
        return None
    low, high = fig
    return low if low is not None else high


def figure_points(a: Figure, b: Figure) -> float:
    """Points for one kind of figure (killed or injured): same, close, far, or not comparable."""
    x, y = _value(a), _value(b)
    if x is None or y is None:
        return 0.0
    if a == b:
        return SAME_FIGURE
    if abs(x - y) <= max(2, 0.3 * max(x, y)):
        return CLOSE_FIGURE
    return FAR_FIGURE


def link_score(a: Evidence, b: Evidence, type_class: Optional[str] = None) -> Optional[float]:
    """The points two events of one type class score together; None when some evidence vetoes the pair."""
    dates = date_points(a.window, b.window)
    if dates is None:
        return None
    if type_class in DATE_DEFINED:
        # One agreement is reported from where it was signed, where it applies and where it was welcomed.
        return 2 * dates + figure_points(a.killed, b.killed)
    places = place_points(a, b)
    if places is None:
        return None
    people = SHARED_PERSON if set(a.people) & set(b.people) else 0.0
    return places + dates + people + figure_points(a.killed, b.killed) + 0.5 * figure_points(a.injured, b.injured)
