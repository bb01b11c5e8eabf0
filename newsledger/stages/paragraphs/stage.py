"""Split the text into paragraphs and mark short title-like lines as headings.

Reads ``text``; writes ``paragraphs`` (start, end, text, kind). Paragraphs are separated by
blank lines; when a text has no blank lines at all, every line is a paragraph.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsledger.models import Document, Paragraph
from newsledger.stages import Stage

if TYPE_CHECKING:
    from newsledger.resources import Resources

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


def run(doc: Document, resources: "Resources") -> None:
    max_chars = resources.settings.heading_max_chars
    doc.paragraphs = []
    for start, end in split_paragraphs(doc.text):
        body = doc.text[start:end]
        kind = "heading" if looks_like_heading(body, max_chars) else "body"
        doc.paragraphs.append(Paragraph(start=start, end=end, text=body, kind=kind))


STAGE = Stage(name="paragraphs", reads=("text",), writes=("paragraphs",), run=run)
