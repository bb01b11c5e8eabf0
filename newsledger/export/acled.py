"""Events as ACLED-like CSV rows (``newsledger export --what events --format csv``).

Column names follow the ACLED codebook where a column exists there; ``notes`` is the
evidence sentence (exact text), ``source`` the page URL. Type mapping: docs/schema-events.md.
"""
from __future__ import annotations

from typing import Any, Optional

from newsledger.models import Argument, Document, Event, Figure

#: The columns of ``export --what events --format csv``: :func:`acled_row`, then the incident and the input.
ACLED_COLUMNS = ("event_date", "date_precision", "event_type", "sub_event_type", "actor1", "actor2", "location",
                 "fatalities", "fatalities_text", "injured", "notes", "source", "claimant", "doc_id",
                 "incident_id", "input_id")

#: newsledger (type, subtype) -> (ACLED event_type, ACLED sub_event_type).
ACLED_TYPES: dict[tuple[str, Optional[str]], tuple[str, str]] = {
    ("attack", "shelling/artillery/missile"): ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("attack", "air or drone strike"): ("Explosions/Remote violence", "Air/drone strike"),
    ("attack", "armed clash"): ("Battles", "Armed clash"),
    ("attack", "attack on civilians"): ("Violence against civilians", "Attack"),
    ("attack", None): ("Violence against civilians", "Attack"),
    ("ceasefire/agreement", None): ("Strategic developments", "Agreement"),
    ("meeting/talks", None): ("Strategic developments", "Other"),
    ("interview/statement", None): ("Strategic developments", "Other"),
    ("protest", None): ("Protests", "Peaceful protest"),
    ("territory change", "liberated"): ("Battles", "Government regains territory"),
    ("territory change", "captured"): ("Battles", "Non-state actor overtakes territory"),
    ("territory change", "withdrew"): ("Strategic developments", "Non-violent transfer of territory"),
    ("territory change", None): ("Strategic developments", "Non-violent transfer of territory"),
    ("other", None): ("Strategic developments", "Other"),
}


def acled_type(event: Event) -> tuple[str, str]:
    """ACLED (event_type, sub_event_type) for an event."""
    return ACLED_TYPES.get((event.type, event.subtype)) or ACLED_TYPES.get((event.type, None)) or ACLED_TYPES[("other", None)]


def _name(arg: Optional[Argument]) -> str:
    return (arg.canonical or arg.name) if arg else ""


def _fatalities(fig: Optional[Figure]) -> Any:
    # ACLED codes the lowest stated number; a vague count stays empty, never a guess.
    if fig is None:
        return ""
    return fig.low if fig.low is not None else (fig.high if fig.high is not None else "")


def acled_row(doc: Document, event: Event) -> dict[str, Any]:
    """One ACLED-like row: event_date, event_type, sub_event_type, actor1, actor2, location, fatalities, notes, source."""
    date = event.date
    if date.value:
        when = date.value
    elif date.not_after:
        when = f"<={date.not_after}"
    else:
        when = ""
    event_type, sub_event_type = acled_type(event)
    return {
        "event_date": when,
        "date_precision": date.precision,
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "actor1": _name(event.actor),
        "actor2": _name(event.target),
        "location": _name(event.place),
        "fatalities": _fatalities(event.killed),
        "fatalities_text": event.killed.text if event.killed else "",
        "injured": _fatalities(event.injured),
        "notes": event.span.text,
        "source": doc.url or doc.site or doc.input_id,
        "claimant": _name(event.claimant),
        "doc_id": doc.id,
    }
