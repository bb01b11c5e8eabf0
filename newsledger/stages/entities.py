"""Sentences and named entities (placeholder until the real stage lands)."""
from __future__ import annotations

from ..models import Document
from . import Stage


def run(doc: Document, resources: object) -> None:
    doc.sentences, doc.entities = [], []


STAGE = Stage(name="entities", reads=("paragraphs",), writes=("sentences", "entities"), run=run)
