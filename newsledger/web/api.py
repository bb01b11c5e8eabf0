"""The JSON API under ``/api/``: the same objects as ``newsledger ... --json`` (see docs/web.md)."""
from __future__ import annotations

import json
from typing import Any, Optional

from fastapi import APIRouter

from newsledger.crossdoc import build_chronicle, coverage, incident_figures, incident_rows, render_json
from newsledger.errors import NotFound, UsageError
from newsledger.store import Store, browse
from newsledger.web.deps import DayRange, StoreDep, bounded_limit

router = APIRouter(prefix="/api")


@router.get("/stats")
def stats(store: StoreDep) -> dict[str, Any]:
    """Counts of what the store holds."""
    return store.stats()


@router.get("/search")
def search(store: StoreDep, q: str = "", lang: Optional[str] = None, speaker: Optional[str] = None,
           limit: int = 20) -> list[dict[str, Any]]:
    """Full-text search over paragraphs, with snippets (matches between ``[`` and ``]``)."""
    return store.search(q, limit=bounded_limit(limit), lang=lang or None, speaker=speaker or None)


@router.get("/documents/{ident:path}")
def document(store: StoreDep, ident: str) -> dict[str, Any]:
    """One document's full analysis (id, id prefix or input id)."""
    return store.document(ident).to_dict()


@router.get("/quotes")
def quotes(store: StoreDep, speaker: Optional[str] = None, limit: int = 100) -> list[dict[str, Any]]:
    """Quotes across all pages, optionally of one speaker."""
    return store.quotes(speaker=speaker or None, limit=bounded_limit(limit))


#: Incidents per page of ``/api/incidents`` when no ``limit`` is given.
INCIDENT_PAGE = 100


def incident_page(store: Store, limit: int, offset: int) -> list[dict[str, Any]]:
    """One page of incidents in founding order; figures are computed for that page only."""
    return list(incident_rows(store, browse.incident_ids_page(store, limit, offset)))


@router.get("/incidents")
def incidents(store: StoreDep, limit: int = INCIDENT_PAGE, offset: int = 0) -> list[dict[str, Any]]:
    """Incidents linked across sources, with each source's figures: ``limit`` of them (paged with ``offset``),
    in founding order."""
    if offset < 0:
        raise UsageError(f"offset must be 0 or more, not {offset}")
    return incident_page(store, bounded_limit(limit), offset)


@router.get("/incidents/{incident_id}")
def incident(store: StoreDep, incident_id: str) -> dict[str, Any]:
    """One incident: every source's claim and the figures' range."""
    return incident_or_404(store, incident_id)


@router.get("/chronicle")
def chronicle(store: StoreDep, days: DayRange) -> Any:
    """The chronicle by event date between two ISO days (``from``, ``to``, inclusive), every line cited."""
    first, last = days
    return json.loads(render_json(build_chronicle(store, date_from=first, date_to=last)))


@router.get("/coverage")
def coverage_of_store(store: StoreDep) -> dict[str, Any]:
    """Documents per site per day, languages, failures and silent gaps."""
    return coverage(store)


@router.get("/{rest:path}")
def unknown(rest: str) -> None:
    """Any other path under /api/: not found, in the one error shape."""
    raise NotFound(f"no API route /api/{rest}: see /api/openapi.json or docs/web.md")


def incident_or_404(store: Store, incident_id: str) -> dict[str, Any]:
    """One incident's figures; an id the store does not know is :class:`NotFound`."""
    info = incident_figures(store, incident_id)
    if info["type_class"] is None and not info["claims"]:
        raise NotFound(f"no incident {incident_id!r}: list them at /api/incidents", input_id=incident_id)
    return info
