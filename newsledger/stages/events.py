"""What happened (placeholder until the real stage lands)."""
from __future__ import annotations

from ..models import Document
from . import Stage


def run(doc: Document, resources: object) -> None:
    doc.events = []


STAGE = Stage(name="events", reads=("paragraphs", "sentences", "entities", "dates", "quotes", "published"), writes=("events",), run=run)
