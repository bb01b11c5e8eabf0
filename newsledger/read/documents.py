"""Documents from one decoded text or HTML page, and input errors as Failures.

The page's own metadata (a JSONL record's fields, a WARC URI, front matter, what the HTML states)
comes first; the user's :class:`~newsledger.read.metadata.Metadata` fills gaps. A text with no
letters is E011; a bad date is recorded on the document (E021) and the page is kept. Every
:class:`~newsledger.errors.InputError` becomes a :class:`~newsledger.models.Failure` of the
``extract`` stage through :func:`_failure`.
"""
from __future__ import annotations

import logging
from typing import Optional, Union

from newsledger.errors import BadDate, EmptyInput, InputError
from newsledger.models import Document, Failure, Published
from newsledger.read.decode import charset_of_content_type, decode_bytes, normalise_newlines
from newsledger.read.front_matter import front_matter
from newsledger.read.html import extract_html
from newsledger.read.metadata import Metadata, parse_published, site_of

log = logging.getLogger(__name__)

STAGE_NAME = "extract"
Item = Union[Document, Failure]


def _published(value: Optional[str], input_id: str, failures: list[Failure]) -> Optional[Published]:
    """:func:`parse_published`, with a bad date recorded in ``failures`` (E021) instead of raised: the page
    is still read, without the date."""
    try:
        return parse_published(value)
    except BadDate as err:
        failures.append(_failure(BadDate(f"{err.message}; the page is kept without this date", input_id=input_id)))
        return None


def document_from_text(text: str, input_id: str, meta: Metadata = Metadata(), *,
                       source_format: str = "txt") -> Document:
    """A Document from plain text; the text is kept as given except newlines (``\\n``), a BOM and a
    front-matter block, whose ``url``/``site``/``title``/``published`` come before ``meta``'s.

    Raises :class:`~newsledger.errors.EmptyInput` (E011) when there is no text.
    """
    return _front_matter_document(normalise_newlines(text), input_id, meta, source_format)


def _front_matter_document(text: str, input_id: str, meta: Metadata, source_format: str) -> Document:
    own, body = front_matter(text)
    # The file's own metadata comes first, as an HTML page's does; ``meta`` fills what it leaves open.
    merged = Metadata(url=own.url or meta.url, site=own.site or meta.site, title=own.title or meta.title,
                      published=own.published or meta.published)
    return _text_document(body, input_id, merged, source_format)


def _text_document(text: str, input_id: str, meta: Metadata, source_format: str) -> Document:
    """A Document over ``text`` exactly as given (already decoded and normalised)."""
    if not text.strip():
        raise EmptyInput("the text is empty (or only whitespace): nothing to analyse", input_id=input_id)
    _require_letters(text, input_id)
    failures: list[Failure] = []
    published = _published(meta.published, input_id, failures)
    doc = Document.new(text, input_id=input_id, url=meta.url, site=meta.site or site_of(meta.url),
                       title=meta.title, published=published, source_format=source_format)
    doc.failures.extend(failures)
    return doc


def _require_letters(text: str, input_id: str) -> None:
    """E011 for a text with no letter in any script (zero-width characters, digits, punctuation only)."""
    if not any(ch.isalpha() for ch in text):
        raise EmptyInput("the text has no letters (only spaces, digits, punctuation or invisible characters): "
                         "nothing to analyse", input_id=input_id)


def document_from_html(html: Union[str, bytes], input_id: str, meta: Metadata = Metadata(), *,
                       own: Metadata = Metadata(), source_format: str = "html",
                       content_type: Optional[str] = None) -> Document:
    """A Document holding the main text of an HTML page, its title and stated publication date.

    ``own`` is metadata that belongs to this very page (a JSONL record's fields, a WARC URI) and
    wins over what the page states; ``meta`` only fills gaps. Bytes are decoded (HTTP
    ``content_type`` charset, then ``<meta charset>``, then detection). Raises E011/E012/E013/E018.
    """
    if isinstance(html, bytes):
        html = decode_bytes(html, html=True, declared=charset_of_content_type(content_type), input_id=input_id).text
    url = own.url or meta.url
    page = extract_html(html, url, input_id=input_id)
    url = url or page.url
    _require_letters(page.text, input_id)
    failures: list[Failure] = []
    published = (_published(own.published, input_id, failures)
                 or (Published(page.published, "day", "metadata") if page.published else None)
                 or _published(meta.published, input_id, failures))
    log.debug("%s: main text by %s, %d chars", input_id, page.method, len(page.text))
    doc = Document.new(page.text, input_id=input_id, url=url,
                       site=own.site or meta.site or site_of(url),
                       title=own.title or page.title or meta.title,
                       published=published, source_format=source_format)
    doc.failures.extend(failures)
    return doc


def _one(data: bytes, fmt: str, input_id: str, meta: Metadata) -> Item:
    """A Document (or Failure) from the whole bytes of one text or HTML input."""
    try:
        if fmt == "html":
            return document_from_html(data, input_id, meta)
        decoded = decode_bytes(data, input_id=input_id)
        return _front_matter_document(decoded.text, input_id, meta, "txt")
    except InputError as err:
        return _failure(err, input_id)


def _failure(err: InputError, input_id: Optional[str] = None) -> Failure:
    where = err.input_id or input_id
    log.warning("%s %s: %s", err.code, where, err.message)
    return Failure(err.code, err.message, STAGE_NAME, where)


__all__ = ["document_from_text", "document_from_html"]
