"""Figures onto events, and repeated tellings of one event folded into its first.

A figure that says "another"/"a second"/"also" adds to the earlier figure of its kind (a derived sum, the
parts' spans kept) instead of starting an event of its own. Two tellings that name days more than a day apart are
two events; a later telling that names the day with the scene or the toll dates an event its first telling left
bounded. A telling folds into the nearest earlier telling it fits (a toll follows the sentence just before it).
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from newsledger.models import Argument, Event, EventDate, Figure, Span
from newsledger.stages.events.dating import day_of_value
from newsledger.stages.events.figures import FigureMention


def _assign_figures(event: Event, figures: list[FigureMention]) -> None:
    notes: list[Figure] = []
    for fm in figures:
        if fm.kind == "later_died":
            notes.append(fm.figure)
            continue
        kind = fm.kind
        if kind == "hit":  # "N people were shot": people hit, which may include the killed
            if event.injured is not None:
                continue
            fig = fm.figure
            fig.note = "hit: people shot, may include the killed" + (f"; {fig.note}" if fig.note else "")
            kind = "injured"
        mine = getattr(event, kind)
        if mine is None:
            setattr(event, kind, fm.figure)
        elif _is_additional(fm.figure) and _ordinal_fits(mine, fm.figure):
            setattr(event, kind, derived_sum(mine, fm.figure))  # "killed his wife and then himself"
    for fig in notes:
        target = event.injured or event.killed
        if target is not None:
            target.note = (target.note + "; " if target.note else "") + f"{fig.text!r}: {fig.note}"


def _compatible(a: Optional[Argument], b: Optional[Argument]) -> bool:
    if a is None or b is None:
        return True
    x, y = (a.canonical or a.name).lower(), (b.canonical or b.name).lower()
    return x == y or x.split()[-1] == y.split()[-1]


#: The note a figure of a running total carries ("since the war began"): stated, kept, never one incident's count.
RUNNING_TOTAL = "running total"


def is_running_total(event: Event) -> bool:
    """Whether the event's figures are a count over a war or campaign, not one incident's."""
    return any(f is not None and f.note is not None and RUNNING_TOTAL in f.note for f in (event.killed, event.injured))


def _stated_count(fig: Optional[Figure], kind: str) -> bool:
    """A figure stated as a count of its kind: not people *shot* read as injured ("hit: ..."), nor a derived sum.

    Killed figures always count (as before); an injured figure read from "shot" may still be the same people
    told again with their fate, so it never keeps two tellings apart.
    """
    return fig is not None and (kind == "killed" or not (fig.note or "").startswith(("hit", "derived")))


#: Two tellings whose own days lie further apart than this tell two events (a night's attack may be told on either day).
_SAME_EVENT_DAYS = 1


def _day_of(date: EventDate) -> Optional[dt.date]:
    """The day a telling names (a year-less day in a fixed leap year), or None when it names none."""
    if not date.value or date.precision not in ("day", "day-month"):
        return None
    return day_of_value(date.value)


def _named_days_apart(a: EventDate, b: EventDate) -> bool:
    """Whether two tellings name days too far apart to be one event ("on 11 October ..." and "on 17 October ...").

    Only attacks and other happenings: a statement's day is mostly the page's own date, not a day its words name.
    """
    day_a, day_b = _day_of(a), _day_of(b)
    if day_a is None or day_b is None or (a.value or "").startswith("--") != (b.value or "").startswith("--"):
        return False
    return abs((day_a - day_b).days) > _SAME_EVENT_DAYS


def _tells_particulars(event: Event) -> bool:
    """Whether a telling names the scene or the toll: its day is then the happening's, not a hearing's or a visit's."""
    return event.place is not None or event.killed is not None or event.injured is not None


def _is_additional(fig: Optional[Figure]) -> bool:
    return bool(fig is not None and fig.note and "additional victim" in fig.note)


def _numeric(fig: Optional[Figure]) -> Optional[int]:
    if fig is None:
        return None
    return fig.low if fig.low is not None else fig.high


def _parts(fig: Figure) -> list[Span]:
    return list(fig.parts) if fig.parts else [Span(fig.start, fig.end, fig.text)]


_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6}


def _ordinal_fits(first: Figure, more: Figure) -> bool:
    """"A third died" adds to a count of two, and only to two; "another" adds to any stated count."""
    count = _numeric(first)
    if count is None or first.high is None:
        return False
    m = re.match(r"a\s+(second|third|fourth|fifth|sixth)\b", more.text, re.I)
    return m is None or _ORDINALS[m.group(1).lower()] == count + (more.low or 1)


def derived_sum(first: Figure, more: Figure) -> Figure:
    """"Two men were killed. A third died later": 2 + 1 = 3, said to be derived, the parts' spans kept.

    The derived figure's own span is the first part's (so it still points at stated text)."""
    low = (first.low or 0) + (more.low or 0) if first.low is not None and more.low is not None else None
    high = (first.high or 0) + (more.high or 0) if first.high is not None and more.high is not None else None
    parts = _parts(first) + _parts(more)
    note = "derived: sum of " + " + ".join(repr(p.text) for p in parts)
    return Figure(low, high, first.start, first.end, first.text, note, parts)


def _merge(events: list[Event], paragraph_of: list[int]) -> tuple[list[Event], list[int]]:
    """Fold repeated mentions of one event ("the missile attack on Ganja") into its first telling.

    An attack whose figure says "another"/"a second"/"also" adds to the earlier telling's figure of the same
    kind (a derived sum, parts kept) instead of starting an event of its own.
    """
    kept: list[Event] = []
    kept_para: list[int] = []
    # Where to look (kept positions by type and paragraph): only nearby paragraphs can hold the same event,
    # except for statements, which merge across the page; a plain loop over every kept event is quadratic.
    by_place: dict[tuple[str, int], list[int]] = {}
    for ev, para in zip(events, paragraph_of):
        target = None
        additive = [name for name in ("killed", "injured") if _is_additional(getattr(ev, name))]
        if ev.type == "other" or is_running_total(ev):  # a tally stands alone: it folds into no telling of one incident
            candidates: list[int] = []
        elif ev.type == "interview/statement":
            candidates = by_place.get((ev.type, -1), [])
        else:
            candidates = sorted(i for near_para in range(para - (3 if additive else 1), para + 2)
                                for i in by_place.get((ev.type, near_para), ()))
        for i in reversed(candidates):  # the nearest earlier telling first: the sentence just before is the one continued
            k, kp = kept[i], kept_para[i]
            near = abs(para - kp) <= 1 or ev.type == "interview/statement" or (additive and 0 <= para - kp <= 3)
            conflict = any(_stated_count(getattr(k, name), name) and _stated_count(getattr(ev, name), name) and name not in additive
                           and (getattr(k, name).low, getattr(k, name).high) != (getattr(ev, name).low, getattr(ev, name).high)
                           for name in ("killed", "injured"))  # another stated count is another telling (or claimant)
            if ev.type != "interview/statement" and _named_days_apart(k.date, ev.date):
                conflict = True  # two named days: two events, however alike their words
            if (k.type == ev.type and near and (ev.subtype is None or k.subtype in (None, ev.subtype))
                    and _compatible(k.actor, ev.actor) and _compatible(k.place, ev.place)
                    and not conflict and ev.type != "other"):
                target = k
                break
        if target is None and is_running_total(ev):
            kept.append(ev)
            kept_para.append(para)
            continue
        if target is None:
            by_place.setdefault((ev.type, -1 if ev.type == "interview/statement" else para), []).append(len(kept))
            kept.append(ev)
            kept_para.append(para)
            continue
        for name in additive:
            mine, more = getattr(target, name), getattr(ev, name)
            # A repeated sentence (headline + lead) is no new victim; nor is a lone "another" added to a lone
            # "another" ("three dead and another injured" told twice: "another" is one beside the dead).
            if (mine is not None and more is not None and _ordinal_fits(mine, more)
                    and ev.span.text != target.span.text and not (_is_additional(mine) and not mine.parts)):
                setattr(target, name, derived_sum(mine, more))
                setattr(ev, name, None)
        if target.killed is None and target.injured is None and (ev.killed is not None or ev.injured is not None):
            target.span = ev.span  # the figures' own sentence is the evidence: the event is the one that states them
        for name in ("subtype", "actor", "target", "place", "weapon", "killed", "injured", "missing", "captured", "displaced"):
            if getattr(target, name) is None and getattr(ev, name) is not None:
                setattr(target, name, getattr(ev, name))
        if target.date.value is None and ev.date.value is not None and _tells_particulars(ev):
            target.date = ev.date  # the telling that names the day and the scene or toll dates the event
        # Quote ids are numbered in document order ("q2" before "q10"): keep the quotes in that order.
        target.quotes = sorted(set(target.quotes) | set(ev.quotes), key=lambda qid: (len(qid), qid))
    return kept, kept_para
