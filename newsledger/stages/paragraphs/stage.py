"""Split the text into paragraphs and mark short title-like lines as headings.

Reads ``text``; writes ``paragraphs`` (start, end, text, kind). Paragraphs are separated by
blank lines; when a text has no blank lines at all, every line is a paragraph. Only the first
``max_paragraphs`` (a setting) are kept; a longer document gets an E033 failure saying how many
were left out.
"""
from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from newsledger.errors import TooManyParagraphs
from newsledger.models import Document, Failure, Paragraph
from newsledger.stages import Stage

if TYPE_CHECKING:
    from newsledger.resources import Resources

log = logging.getLogger(__name__)

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v\u00a0]*\n")
_LINE = re.compile(r"[^\n]+")
_TERMINAL = tuple(".!?;:,…»”\"'")


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty paragraph, trimmed of surrounding whitespace."""
    if _BLANK_LINE.search(text):
        pieces = []
        pos = 0
        for m in _BLANK_LINE.finditer(text):
            pieces.append((pos, m.start()))
            pos = m.end()
        pieces.append((pos, len(text)))
    else:
        pieces = [(m.start(), m.end()) for m in _LINE.finditer(text)]
    spans = []
    for start, end in pieces:
        chunk = text[start:end]
        stripped = chunk.strip()
        if not stripped:
            continue
        lead = len(chunk) - len(chunk.lstrip())
        spans.append((start + lead, start + lead + len(stripped)))
    return spans


def looks_like_heading(text: str, max_chars: int = 60) -> bool:
    """A short line, few words, no sentence punctuation at the end: "15 October", "Foreign media"."""
    if len(text) > max_chars or "\n" in text:
        return False
    if text.endswith(_TERMINAL):
        return False
    words = text.split()
    if not words or len(words) > 8:
        return False
    return True


def _within_limit(doc: Document, spans: list[tuple[int, int]], limit: int) -> list[tuple[int, int]]:
    """The first ``limit`` paragraph spans; when some are left out, one failure on ``doc`` says how many."""
    if len(spans) <= limit:
        return spans
    left_out = len(spans) - limit
    error = TooManyParagraphs(f"the document has {len(spans)} paragraphs: the first {limit} are analysed, {left_out} "
                              f"left out; set NEWSLEDGER_MAX_PARAGRAPHS higher (see `newsledger settings`) to read them",
                              input_id=doc.input_id)
    log.warning("%s", error)
    doc.failures.append(Failure(error.code, error.message, "paragraphs", doc.input_id))
    return spans[:limit]


def run(doc: Document, resources: "Resources") -> None:
    max_chars = resources.settings.heading_max_chars
    spans = _within_limit(doc, split_paragraphs(doc.text), int(resources.settings.max_paragraphs))
    doc.paragraphs = []
    for start, end in spans:
        body = doc.text[start:end]
        kind = "heading" if looks_like_heading(body, max_chars) else "body"
        doc.paragraphs.append(Paragraph(start=start, end=end, text=body, kind=kind))


STAGE = Stage(name="paragraphs", reads=("text",), writes=("paragraphs",), run=run)
