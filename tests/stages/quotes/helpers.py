"""Quotes of hand-written paragraphs in one language, through the entities and quotes stages."""
from __future__ import annotations

from newsledger.models import Quote
from newsledger.stages.quotes import stage as quotes
from tests.conftest import make_doc
from tests.stages.prepare import NoModel, prepare


def quotes_of(lang: str, *paragraphs: str) -> list[Quote]:
    doc = prepare(make_doc([(p, lang, "body") for p in paragraphs]), NoModel())
    quotes.run(doc, None)
    return doc.quotes


def speakers(quotes_found: list[Quote]) -> list[str]:
    """Each quote's speaker as a line would name it: the canonical name when resolved, else the mention."""
    return [((q.speaker.canonical or q.speaker.name) if q.speaker.resolved else f"?{q.speaker.name}")
            if q.speaker else "-" for q in quotes_found]
