"""Language of every paragraph (placeholder until the real detector lands)."""
from __future__ import annotations

from ..models import Document
from . import Stage


def run(doc: Document, resources: object) -> None:
    for p in doc.paragraphs:
        p.lang, p.lang_score = "und", 0.0


STAGE = Stage(name="langid", reads=("paragraphs",), writes=("paragraphs.lang", "paragraphs.lang_score", "paragraphs.segments"), run=run)
