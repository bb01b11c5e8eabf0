"""Date mentions normalised to ISO (placeholder until the real stage lands)."""
from __future__ import annotations

from ..models import Document
from . import Stage


def run(doc: Document, resources: object) -> None:
    doc.dates = []


STAGE = Stage(name="dates", reads=("paragraphs", "sentences", "published"), writes=("dates",), run=run)
