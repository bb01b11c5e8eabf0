"""Running tallies ("69 civilians killed since 27 September"): kept apart from incidents, per claimant and as-of date.

A tally is a count over a war or a campaign, not one strike's: the events stage notes its figures
as a running total, and the linker files it under its own type class (:data:`TALLY`), so it never
joins a strike's incident. Tallies of one place and day still link with each other (two outlets
quoting one ministry's count). This module lists them the way an analyst reads them: one row
per claim, with who gave it and as of which day.
"""
from __future__ import annotations

from typing import Any, Optional

from newsledger.crossdoc.claims import load_claims
from newsledger.crossdoc.incidents import TALLY, incident_day
from newsledger.store import incidents as incident_store
from newsledger.store.connection import Database


def _as_of(claim: dict[str, Any]) -> Optional[str]:
    """The day a tally counts up to: its own date when stated, else its page's publication date."""
    when = (claim.get("event") or {}).get("date") or {}
    return when.get("value") or claim.get("published")


def tallies(store: Database, limit: Optional[int] = None) -> list[dict[str, Any]]:
    """Every running tally claim, newest as-of day first: place, claimant, as-of day, figures, outlet, sentence."""
    rows: list[dict[str, Any]] = []
    for incident_id, type_class, place in incident_store.incident_heads(store):
        if type_class != TALLY:
            continue
        for claim in load_claims(store, incident_id):
            rows.append({"tally_id": incident_id, "place": place, "as_of": _as_of(claim),
                         "tally_day": incident_day(store, incident_id), "claimant": claim["claimant"],
                         "killed": claim["killed"], "injured": claim["injured"], "site": claim["site"],
                         "input_id": claim["input_id"], "sentence": claim["sentence"], "span": claim["span"]})
    rows.sort(key=lambda r: (r["as_of"] or "").lstrip("-"), reverse=True)
    return rows[:limit] if limit is not None else rows
