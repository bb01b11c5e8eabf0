"""One report, one story: a report's undated mentions of an attack follow the incident its dated events share.

A follow-up report ("Teen charged in the May 11 killing of ...") dates the attack once and then
tells of it without a date: "the shooting", "detectives who interviewed the suspect", "he was shot
in the chest". Those undated mentions get only the publication's window (the week before the
report), which cannot meet the attack's day weeks earlier: each would found an incident of its
own, and the report would mostly be about a "shooting" nobody else reported. A reader takes an
undated mention to be the attack the report dated, when the place agrees.

So a report's events are linked in text order, and an undated event (no date of its own in the
text: a window bounded by the publication only, or none) whose own evidence finds no incident
that another report shares joins the incident of a dated event of its class linked before it in
the report whose place it agrees with, when that incident holds another report's events and
exactly one such incident exists (a roundup that dates two attacks at one place decides nothing).
Far-apart figures keep them apart. Dated events never move: two strikes a week apart on one city
stay two. Measured and not kept, so that an undated lead could follow a dated sentence told after
it: linking a report's dated events first (GVC train B3 F1 0.912 -> 0.914, karabakh dev pair F1
0.50 -> 0.39), and holding back only the undated events that would found an incident of their own
(GVC train 0.930 -> 0.932, karabakh pair precision 0.503 -> 0.478).
"""
from __future__ import annotations

from typing import Callable, Optional, Sequence

from newsledger.crossdoc import evidence
from newsledger.crossdoc.features import LinkFeatures
from newsledger.store import incidents as incident_store
from newsledger.store.connection import Database


def undated(f: LinkFeatures) -> bool:
    """Whether the text gives the event no date of its own (its window is the publication's, borrowed, or none)."""
    return not f.dated or f.window.approximate or f.window.empty


def shared(store: Database, incident_id: Optional[str], doc_id: str) -> bool:
    """Whether the incident holds an event of another report."""
    return incident_id is not None and incident_store.has_other_report(store, incident_id, doc_id)


def _agrees(f: LinkFeatures, dated: LinkFeatures) -> bool:
    if dated.type_class != f.type_class or evidence.figure_points(f.killed, dated.killed) < 0:
        return False
    if not f.place or not dated.place:
        return True
    places = evidence.place_points(f.evidence(), dated.evidence())
    return places is not None and places >= evidence.RELATED_PLACE


def story_incident(store: Database, f: LinkFeatures, linked: Sequence[tuple[LinkFeatures, str]]) -> Optional[str]:
    """The one shared incident of the report's dated events that an undated event ``f`` agrees with, else None."""
    if not undated(f) or f.type_class in evidence.DATE_DEFINED:
        return None
    found = {incident_id for g, incident_id in linked if not undated(g) and _agrees(f, g)}
    found = {incident_id for incident_id in found if shared(store, incident_id, f.doc_id)}
    return found.pop() if len(found) == 1 else None


def link_report(feats: Sequence[LinkFeatures],
                link_one: Callable[[LinkFeatures, Sequence[tuple[LinkFeatures, str]]], Optional[str]]
                ) -> dict[int, Optional[str]]:
    """Link one report's events in text order, each seeing the report's events linked before it (``link_one(f,
    linked)`` links one). Returns idx -> incident."""
    linked: list[tuple[LinkFeatures, str]] = []
    found: dict[int, Optional[str]] = {}
    for f in feats:
        found[f.idx] = incident_id = link_one(f, linked)
        if incident_id is not None:
            linked.append((f, incident_id))
    return found
