"""Who said what (placeholder until the real stage lands)."""
from __future__ import annotations

from ..models import Document
from . import Stage


def run(doc: Document, resources: object) -> None:
    doc.quotes = []


STAGE = Stage(name="quotes", reads=("paragraphs", "sentences", "entities"), writes=("quotes",), run=run)
