"""Mentions without a day of their own, read into the one line of the dated incident they mention.

A class its day defines (a ceasefire: :data:`newsledger.crossdoc.evidence.DATE_DEFINED`) is one
happening per day whatever place each report names ("in Moscow", "in Armenia", "in
Nagorno-Karabakh"). The linker links such events only by their day, so a later mention ("the
ceasefire agreed in Moscow", dated only "on or before 11 October" by its page) or a mention with
no date stays an incident of its own. In the chronicle such an incident joins the line of the one
dated incident of its class that

- its bound admits (a day between ``not_before`` and ``not_after``, a month or year that holds
  the day; no date at all admits every day), and
- shares a document with it (the page reports that ceasefire) or has its place (both ranked:
  document and place, then document, then place).

Only a single best candidate is joined; a tie (two ceasefires a page could mean) keeps the
mention on its own line. Joining is for reading only: the incidents in the store stay as linked.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Callable, Optional

from newsledger.crossdoc.evidence import DATE_DEFINED
from newsledger.crossdoc.lines import YEARLESS
from newsledger.crossdoc.windows import parse_day, span_of


@dataclass
class Placed:
    """An incident with its claims and the day its line goes on."""

    incident_id: str
    type_class: str
    place_key: Optional[str]
    claims: list[dict[str, Any]]
    key: str  # the chronicle day key: ISO, "--MM-DD", or "~..." when uncertain
    label: str
    note: Optional[str]
    when: dict[str, Any]  # claims.best_date
    joined: list["Placed"] = field(default_factory=list)

    @property
    def dated(self) -> bool:
        return not self.key.startswith("~")

    @cached_property
    def documents(self) -> set[str]:
        """Its members' documents that are not reprints (its claims are read once, never changed)."""
        return {c["doc_id"] for c in self.claims if not c["reprint_of"]}


def _month_day(value: str) -> Optional[tuple[int, int]]:
    m = YEARLESS.match(value)
    if m:
        return int(m.group(1)), int(m.group(2))
    day = parse_day(value)
    return (day.month, day.day) if day else None


def _not_after(bound: Optional[str], key: str) -> bool:
    """Whether the day ``key`` is on or before ``bound`` (by month and day when either has no year)."""
    if not bound:
        return True
    if YEARLESS.match(bound) or YEARLESS.match(key):
        a, b = _month_day(key), _month_day(bound)
        return a is None or b is None or a <= b
    return key <= bound[:10]


def _not_before(bound: Optional[str], key: str) -> bool:
    if not bound:
        return True
    if YEARLESS.match(bound) or YEARLESS.match(key):
        a, b = _month_day(key), _month_day(bound)
        return a is None or b is None or a >= b
    return key >= bound[:10]


def admits(when: dict[str, Any], key: str) -> bool:
    """Whether an undayed incident's date (a month, a year, bounds or nothing) can be the day ``key``."""
    return admitter(when)(key)


def admitter(when: dict[str, Any]) -> Callable[[str], bool]:
    """:func:`admits` for one date, its value and bounds read once (a mention is tried against many days)."""
    span = span_of(when.get("value")) if when.get("value") else None
    if span:
        first, last, months = span[0].isoformat(), span[1].isoformat(), (span[0].month, span[1].month)

        def in_span(key: str) -> bool:
            if YEARLESS.match(key):
                md = _month_day(key)
                return md is not None and months[0] <= md[0] <= months[1]
            return first <= key <= last
        return in_span
    nb, na = when.get("not_before"), when.get("not_after")
    return lambda key: _not_before(nb, key) and _not_after(na, key)


def join_mentions(placed: list[Placed]) -> list[Placed]:
    """The incidents that keep a line of their own; each undayed mention joins its dated incident (``joined``)."""
    dated = _Dated([p for p in placed if p.dated and p.type_class in DATE_DEFINED])
    kept: list[Placed] = []
    for p in placed:
        target = _target(p, dated) if not p.dated and p.type_class in DATE_DEFINED else None
        if target is None:
            kept.append(p)
        else:
            target.joined.append(p)
    return kept


class _Dated:
    """The dated incidents a mention can join, found by what a join needs (a shared document or the same place)."""

    def __init__(self, dated: list[Placed]) -> None:
        self.dated = dated
        self.by_document: dict[str, list[int]] = {}
        self.by_place: dict[tuple[str, str], list[int]] = {}
        for i, d in enumerate(dated):
            for doc_id in d.documents:
                self.by_document.setdefault(doc_id, []).append(i)
            if d.place_key:
                self.by_place.setdefault((d.type_class, d.place_key), []).append(i)

    def sharing(self, mention: Placed, docs: set[str]) -> list[Placed]:
        """The dated incidents that share a document or the place with ``mention``, in their order."""
        found = {i for doc_id in docs for i in self.by_document.get(doc_id, ())}
        if mention.place_key:
            found.update(self.by_place.get((mention.type_class, mention.place_key), ()))
        return [self.dated[i] for i in sorted(found)]


def _target(mention: Placed, dated: _Dated) -> Optional[Placed]:
    docs = mention.documents
    admits_day = admitter(mention.when)
    admitted: dict[str, bool] = {}  # by day key: many candidates share a day (a place's incidents of one day)
    ranked: dict[int, list[Placed]] = {}
    for d in dated.sharing(mention, docs):  # an incident sharing neither ranks 0: never a target
        if d.type_class != mention.type_class:
            continue
        if d.key not in admitted:
            admitted[d.key] = admits_day(d.key)
        if not admitted[d.key]:
            continue
        rank = 2 * bool(docs & d.documents) + bool(mention.place_key and mention.place_key == d.place_key)
        if rank:
            ranked.setdefault(rank, []).append(d)
    if not ranked:
        return None
    best = ranked[max(ranked)]
    return best[0] if len(best) == 1 else None
