"""The dashboard: the home page (timeline, map, recent incidents, sources, languages), the
incidents list (sortable, filterable, downloadable as CSV or JSONL), one incident's page, and
the JSON the charts read (``/api/dashboard/...``).

The charts are drawn in the browser by ``static/dashboard.js`` from that JSON; every page also
shows the same numbers as tables, so nothing needs JavaScript to be read.
"""
from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from datetime import date
from typing import Annotated, Any, Iterable, Optional
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from newsledger.crossdoc.claims import incident_figures
from newsledger.errors import UsageError
from newsledger.gazetteer.coordinates import coordinates
from newsledger.stages.events.numbers import parse_number
from newsledger.store import Store
from newsledger.store import incidents as incident_store
from newsledger.web.api import incident_or_404
from newsledger.web.deps import DayRange, StoreDep
from newsledger.web.pages import render

router = APIRouter()

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
SORT_KEYS = ("documents", "date", "place", "killed", "injured", "type")
#: The columns of a download, in order.
COLUMNS = ("incident_id", "type", "type_class", "place", "date", "date_label", "documents", "reprints",
           "killed_lowest", "killed_highest", "killed_label", "injured_lowest", "injured_highest", "injured_label",
           "latitude", "longitude")


# ---- words people read ---------------------------------------------------------------------------

def _day_label(value: str) -> str:
    """'2020-10-13' -> '13 October 2020'; '--10-11' -> '11 October, year not stated'; '2020-10' -> 'October 2020'."""
    if value.startswith("--"):  # --MM-DD or --MM: no year
        month, _, day = value[2:].partition("-")
        name = MONTHS[int(month) - 1] if month.isdigit() and 1 <= int(month) <= 12 else month
        return f"{int(day)} {name}, year not stated" if day.isdigit() else f"{name}, year not stated"
    parts = value.split("-")
    try:
        if len(parts) == 3:
            return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        return value
    return value


def human_date(value: Optional[str], not_before: Optional[str] = None, not_after: Optional[str] = None) -> str:
    """A date as people write it, never '--10-11': '11 October, year not stated', 'on or before 13 October 2020'."""
    if value:
        return _day_label(value)
    if not_before and not_after:
        return f"between {_day_label(not_before)} and {_day_label(not_after)}"
    if not_after:
        return f"on or before {_day_label(not_after)}"
    if not_before:
        return f"on or after {_day_label(not_before)}"
    return "date not stated"


def figure_label(fig: Optional[dict[str, Any]], lang: Optional[str] = None) -> Optional[str]:
    """A figure as a number with the source's own words beside it ('10 (on)'); a vague one keeps its words only."""
    if not fig:
        return None
    text = (fig.get("text") or "").strip()
    low, high = fig.get("low"), fig.get("high")
    if low is None and high is None and text:
        low = high = parse_number(text, lang or "en")
    if low is None and high is None:
        label = fig.get("label")  # a vague count: its normalised quantity beside the words ("dozens (onlarla)")
        return f"{label} ({text})" if label and text and label != text else (text or None)
    number = str(low if high is None or high == low else (high if low is None else f"{low}–{high}"))
    return number if not text or text == number else f"{number} ({text})"


def summary_label(summary: dict[str, Any]) -> str:
    """The range of a figure over the sources ('3', '3–12'), or the vague words, or '—'."""
    low, high = summary.get("lowest"), summary.get("highest")
    if low is not None or high is not None:
        return str(low) if low == high or high is None else (str(high) if low is None else f"{low}–{high}")
    return ", ".join(summary.get("vague") or []) or "—"


# ---- one table of incidents ----------------------------------------------------------------------

def incident_record(store: Store, incident_id: str) -> dict[str, Any]:
    """One incident as a flat record (what the list, the charts and the downloads show)."""
    info = incident_figures(store, incident_id)
    when = info["date"]
    place = info["place_name"] or info["place"]
    point = coordinates(place)
    value = when.get("value")
    return {
        "incident_id": incident_id,
        "type": info["type"],
        "type_class": info["type_class"],
        "place": place,
        "date": value,
        "date_precision": when.get("precision"),
        "date_label": human_date(value, when.get("not_before"), when.get("not_after")),
        "day": value if value and len(value) == 10 and not value.startswith("--") else None,
        "documents": info["documents"],
        "reprints": info["reprints"],
        "killed_lowest": info["killed"]["lowest"],
        "killed_highest": info["killed"]["highest"],
        "killed_label": summary_label(info["killed"]),
        "injured_lowest": info["injured"]["lowest"],
        "injured_highest": info["injured"]["highest"],
        "injured_label": summary_label(info["injured"]),
        "latitude": point[0] if point else None,
        "longitude": point[1] if point else None,
        "sources": [{"site": c["site"], "claimant": c["claimant"], "lang": c["lang"],
                     "killed": figure_label(c["killed"], c["lang"]), "injured": figure_label(c["injured"], c["lang"]),
                     "reprint": bool(c["reprint_of"])} for c in info["claims"]],
    }


def all_incidents(store: Store) -> list[dict[str, Any]]:
    return [incident_record(store, incident_id) for incident_id, _, _ in incident_store.incident_heads(store)]


def _sort_value(record: dict[str, Any], key: str) -> tuple[int, Any]:
    """Missing values always sort last, whatever the order."""
    value = {"killed": record["killed_highest"], "injured": record["injured_highest"]}.get(key, record.get(key))
    if key == "date":
        value = record["day"] or record["date"]
    return (0, value) if value not in (None, "") else (1, "")


class IncidentQuery:
    """The list's filters and order, from the query string (the page and its downloads read the same ones)."""

    def __init__(self, days: DayRange, sort: str = "documents", order: str = "desc", type: str = "",
                 place: str = "", min_documents: int = 0, min_killed: int = 0) -> None:
        if sort not in SORT_KEYS:
            raise UsageError(f"sort must be one of {', '.join(SORT_KEYS)}, not {sort!r}")
        if order not in ("asc", "desc"):
            raise UsageError(f"order must be asc or desc, not {order!r}")
        self.date_from, self.date_to = days
        self.sort, self.order, self.type, self.place = sort, order, type.strip(), place.strip()
        self.min_documents, self.min_killed = min_documents, min_killed

    def params(self, **changes: Any) -> dict[str, Any]:
        """The query string of this view, with some values changed (for sort links and downloads)."""
        values = {"from": self.date_from, "to": self.date_to, "sort": self.sort, "order": self.order,
                  "type": self.type, "place": self.place, "min_documents": self.min_documents or None,
                  "min_killed": self.min_killed or None}
        values.update(changes)
        return {k: v for k, v in values.items() if v not in (None, "")}

    def keep(self, r: dict[str, Any]) -> bool:
        if self.type and self.type.casefold() not in {(r["type"] or "").casefold(), (r["type_class"] or "").casefold()}:
            return False
        if self.place and (r["place"] or "").casefold() != self.place.casefold():
            return False
        if r["documents"] < self.min_documents or (self.min_killed and (r["killed_highest"] or 0) < self.min_killed):
            return False
        if self.date_from or self.date_to:  # a range keeps only incidents with a known day inside it
            day = r["day"]
            if not day or (self.date_from and day < self.date_from) or (self.date_to and day > self.date_to):
                return False
        return True

    def apply(self, records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        kept = [r for r in records if self.keep(r)]
        present = sorted((r for r in kept if _sort_value(r, self.sort)[0] == 0),
                         key=lambda r: (_sort_value(r, self.sort)[1], r["incident_id"]), reverse=self.order == "desc")
        return present + [r for r in kept if _sort_value(r, self.sort)[0] == 1]


QueryDep = Annotated[IncidentQuery, Depends(IncidentQuery)]


# ---- what the charts read ------------------------------------------------------------------------

def timeline(records: list[dict[str, Any]]) -> dict[str, Any]:
    """Incidents and killed/injured per known day and type class; incidents without a known day counted apart."""
    cells: dict[tuple[str, str], dict[str, Any]] = {}
    for r in records:
        if not r["day"]:
            continue
        cell = cells.setdefault((r["day"], r["type_class"] or "unknown"), {
            "day": r["day"], "type_class": r["type_class"] or "unknown", "incidents": 0, "killed": 0, "injured": 0,
            "claimants": [], "ids": []})
        cell["incidents"] += 1
        cell["killed"] += r["killed_highest"] or 0
        cell["injured"] += r["injured_highest"] or 0
        cell["ids"].append(r["incident_id"])
        for s in r["sources"]:
            if (s["killed"] or s["injured"]) and not s["reprint"]:
                cell["claimants"].append({"claimant": s["claimant"] or s["site"], "killed": s["killed"],
                                          "injured": s["injured"]})
    points = sorted(cells.values(), key=lambda c: (c["day"], c["type_class"]))
    days = sorted({c["day"] for c in points})
    return {"points": points, "days": days, "types": sorted({c["type_class"] for c in points}),
            "undated": sum(1 for r in records if not r["day"])}


def places(records: list[dict[str, Any]]) -> dict[str, Any]:
    """Incidents by place, with coordinates where known; a place with one incident links to it."""
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in records:
        if r["place"]:
            grouped[r["place"]].append(r)
    out: list[dict[str, Any]] = []
    unplaced: list[dict[str, Any]] = []
    for place, rows in sorted(grouped.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        href = (f"/incidents/{rows[0]['incident_id']}" if len(rows) == 1
                else "/incidents?" + urlencode({"place": place}))
        item = {"place": place, "latitude": rows[0]["latitude"], "longitude": rows[0]["longitude"],
                "incidents": len(rows), "killed": sum(r["killed_highest"] or 0 for r in rows),
                "ids": [r["incident_id"] for r in rows], "href": href}
        (out if item["latitude"] is not None else unplaced).append(item)
    return {"places": out, "without_coordinates": unplaced,
            "without_place": sum(1 for r in records if not r["place"])}


# ---- routes --------------------------------------------------------------------------------------

@router.get("/", response_class=HTMLResponse)
def home(request: Request, store: StoreDep) -> HTMLResponse:
    records = all_incidents(store)
    recent = sorted((r for r in records if r["day"]), key=lambda r: (r["day"], r["documents"]), reverse=True)[:10]
    return render(request, "home.html", stats=store.stats(), timeline=timeline(records), places=places(records),
                  recent=recent, total=len(records))


@router.get("/api/dashboard/timeline")
def timeline_json(store: StoreDep) -> dict[str, Any]:
    """Incidents, killed and injured per day and type class (the home page's timeline)."""
    return timeline(all_incidents(store))


@router.get("/api/dashboard/places")
def places_json(store: StoreDep) -> dict[str, Any]:
    """Incidents per place with coordinates (the home page's map)."""
    return places(all_incidents(store))


@router.get("/incidents", response_class=HTMLResponse)
def incidents(request: Request, store: StoreDep, query: QueryDep) -> HTMLResponse:
    rows = query.apply(all_incidents(store))
    return render(request, "incidents.html", rows=rows, query=query, sort_keys=SORT_KEYS,
                  qs_params=query.params(), total=len(incident_store.incident_heads(store)))


@router.get("/incidents.csv")
def incidents_csv(store: StoreDep, query: QueryDep) -> Response:
    """The incidents on screen (same filters and order) as CSV."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for r in query.apply(all_incidents(store)):
        writer.writerow(["" if r[c] is None else r[c] for c in COLUMNS])
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="incidents-{date.today()}.csv"'})


@router.get("/incidents.jsonl")
def incidents_jsonl(store: StoreDep, query: QueryDep) -> Response:
    """The incidents on screen (same filters and order) as JSON lines, each with its sources' figures."""
    lines = [json.dumps(r, ensure_ascii=False) for r in query.apply(all_incidents(store))]
    return Response("\n".join(lines) + ("\n" if lines else ""), media_type="application/x-ndjson; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="incidents-{date.today()}.jsonl"'})


@router.get("/incidents/{incident_id}", response_class=HTMLResponse)
def incident(request: Request, store: StoreDep, incident_id: str) -> HTMLResponse:
    info = incident_or_404(store, incident_id)
    for claim in info["claims"]:
        claim["killed_label"] = figure_label(claim["killed"], claim["lang"])
        claim["injured_label"] = figure_label(claim["injured"], claim["lang"])
        claim["published_label"] = human_date(claim["published"]) if claim.get("published") else None
    when = info["date"]
    return render(request, "incident.html", info=info, record=incident_record(store, incident_id),
                  date_label=human_date(when.get("value"), when.get("not_before"), when.get("not_after")))


__all__ = ["figure_label", "human_date", "router"]
