"""A document's ``data`` without the copies of its text.

The ``text`` column holds a document's text once. Its ``data`` JSON repeated it whole, and again as the ``text`` of
every paragraph, sentence, entity and date (spans whose ``text[start:end]`` is exactly that text, as provenance
requires): about half of a document row. The store writes ``data`` without those copies and puts them back when it
reads a row, so every reader sees the document as it was analysed. A span whose text is not its slice keeps it.
"""
from __future__ import annotations

from typing import Any

#: Lists of a document whose items are spans of its text.
SLICED_LISTS = ("paragraphs", "sentences", "entities", "dates")


def _span(item: Any) -> tuple[int, int] | None:
    if not isinstance(item, dict):
        return None
    start, end = item.get("start"), item.get("end")
    return (start, end) if isinstance(start, int) and isinstance(end, int) else None


def slimmed(data: dict[str, Any], text: str) -> dict[str, Any]:
    """``data`` (changed in place) without the document's text and the span texts that are its slices."""
    if data.get("text") == text:
        del data["text"]
    for name in SLICED_LISTS:
        for item in data.get(name) or ():
            span = _span(item)
            if span is not None and item.get("text") == text[span[0]:span[1]]:
                del item["text"]
    return data


def restored(data: dict[str, Any], text: str) -> dict[str, Any]:
    """``data`` (changed in place) with the text and span texts :func:`slimmed` left out put back."""
    data.setdefault("text", text)
    for name in SLICED_LISTS:
        for item in data.get(name) or ():
            if isinstance(item, dict) and "text" not in item:  # a chronicle restores thousands: the cheap test first
                span = _span(item)
                if span is not None:
                    item["text"] = text[span[0]:span[1]]
    return data


#: The quotes table's columns a quote's ``data`` leaves out, in the order :func:`restored_quote` takes them.
QUOTE_COLUMNS = ("kind", "speaker_name", "speaker_role", "speaker_resolved", "cue", "content", "target", "polarity",
                 "lang", "quote_id")


def slimmed_quote(quote: dict[str, Any], text: str) -> dict[str, Any]:
    """A quote's JSON (changed in place) without what the quotes table keeps as columns (:data:`QUOTE_COLUMNS`) and the
    span texts that are slices of the document's ``text``."""
    for name in ("kind", "lang", "id", "polarity"):
        quote.pop(name, None)
    for name, drop in (("speaker", ("name", "role", "resolved")), ("cue", ("text",)), ("content", ("text",)),
                       ("target", ("name",))):
        item = quote.get(name)
        if isinstance(item, dict):
            for key in drop:
                item.pop(key, None)
    for name in ("speaker_span", "target"):
        item = quote.get(name)
        span = _span(item)
        if isinstance(item, dict) and span is not None and item.get("text") == text[span[0]:span[1]]:
            del item["text"]
    return quote


def restored_quote(quote: dict[str, Any], columns: tuple[Any, ...], text: str) -> dict[str, Any]:
    """A quote's JSON (changed in place) made whole again from its columns (:data:`QUOTE_COLUMNS`) and the document's
    ``text``: the inverse of :func:`slimmed_quote` (a whole quote comes back unchanged)."""
    kind, name, role, resolved, cue, content, target, polarity, lang, quote_id = columns
    quote.update(kind=kind, lang=lang, id=quote_id or "", polarity=polarity)
    speaker = quote.get("speaker")
    if isinstance(speaker, dict) and name is not None:
        speaker.update(name=name, role=role, resolved=bool(resolved))
    for field, value, key in (("cue", cue, "text"), ("content", content, "text"), ("target", target, "name")):
        item = quote.get(field)
        if isinstance(item, dict) and value is not None:
            item[key] = value
    for field in ("speaker_span", "target"):
        item = quote.get(field)
        span = _span(item)
        if isinstance(item, dict) and span is not None and "text" not in item:
            item["text"] = text[span[0]:span[1]]
    return quote
