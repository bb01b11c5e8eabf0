"""What incident linking compares about one event (shared by the linker, its blocking and the story rule)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from newsledger.crossdoc.evidence import Evidence
from newsledger.crossdoc.windows import Window


@dataclass(frozen=True)
class LinkFeatures:
    """What linking compares about one event."""

    doc_id: str
    idx: int
    type_class: str
    place: Optional[str]
    window: Window
    killed: Optional[tuple[Optional[int], Optional[int]]] = None
    injured: Optional[tuple[Optional[int], Optional[int]]] = None
    #: How directly ``place`` is the event's place (see :mod:`newsledger.crossdoc.places`); votes for the incident's place.
    place_weight: float = 0.0
    #: The places its document names most (:func:`newsledger.crossdoc.places.document_area`).
    area: tuple[str, ...] = ()
    #: The people its document is about (:func:`newsledger.crossdoc.people.document_people`).
    people: tuple[str, ...] = ()
    #: Whether the text dates it (a day, month or year of its own); False: only bounded by the publication, or nothing.
    dated: bool = True

    def evidence(self) -> Evidence:
        return Evidence(self.place, self.area, self.window, self.killed, self.injured, self.people)
