"""Date mentions of every non-boilerplate paragraph, normalised to ISO (see :mod:`newsledger.stages.dates.timex`).

Reads ``paragraphs`` (text, lang, kind, segments) and ``published``; writes ``dates`` and,
when the page's own date is unknown, ``published`` from a date heading.

The entry date of a dated page: chronicle sites print the day as a heading ("15 October")
instead of in metadata. When ``doc.published.value`` is None, the first heading paragraph
that *is* a date (the mention covers the whole heading, bar punctuation) and names at least
a day and a month becomes ``doc.published`` with ``basis="heading"`` — ``--10-15``
(``day-month``) when the heading has no year, so the missing year stays missing. Every
other mention is then resolved against that date ("yesterday" under "15 October" is
``--10-14``), exactly as against a date from metadata.
"""
from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Optional

from newsledger.errors import StageError
from newsledger.lang import UNDETERMINED
from newsledger.models import DateMention, Document, Failure, Paragraph, Published
from newsledger.stages import Stage
from newsledger.stages.budget import check as check_budget
from newsledger.stages.dates.timex import find_dates
from newsledger.stages.dates.values import parse_anchor

if TYPE_CHECKING:
    from newsledger.resources import Resources

log = logging.getLogger(__name__)

_HEADING_PRECISIONS = ("day", "day-month")
_PUNCTUATION = re.compile(r"[\W_]+")


def paragraph_langs(paragraph: Paragraph) -> list[str]:
    """The paragraph's language and those of its mixed-language segments, in order."""
    langs = [paragraph.lang or UNDETERMINED]
    for segment in paragraph.segments or ():
        lang = segment.get("lang") if isinstance(segment, dict) else None
        if lang and lang not in langs:
            langs.append(lang)
    known = [lang for lang in langs if lang != UNDETERMINED]
    return known or [UNDETERMINED]


def heading_date(doc: Document) -> Optional[Published]:
    """The page's date from its first date heading ("15 October" -> ``--10-15``), if any."""
    for paragraph in doc.paragraphs:
        if paragraph.kind != "heading":
            continue
        mentions = find_dates(paragraph.text, paragraph_langs(paragraph), None)
        if len(mentions) != 1:
            continue
        mention = mentions[0]
        rest = paragraph.text[:mention.start] + paragraph.text[mention.end:]
        if _PUNCTUATION.sub("", rest) or mention.precision not in _HEADING_PRECISIONS:
            continue
        return Published(value=mention.value, precision=mention.precision, basis="heading")
    return None


def run(doc: Document, resources: "Resources") -> None:
    """Fill ``doc.dates`` (and ``doc.published`` from a date heading when it is unknown)."""
    doc.dates = []
    if not doc.published.value:
        found = heading_date(doc)
        if found is not None:
            doc.published = found
    anchor = parse_anchor(doc.published)
    mentions: list[DateMention] = []
    for index, paragraph in enumerate(doc.paragraphs):
        if paragraph.kind == "boilerplate":
            continue
        check_budget(doc)  # outside the try below: past the time budget the page stops, it is not a paragraph's failure
        try:
            mentions.extend(find_dates(paragraph.text, paragraph_langs(paragraph), anchor, paragraph.start))
        except Exception as exc:  # one odd paragraph must not cost the page its other dates
            message = f"dates failed on paragraph {index}: {type(exc).__name__}: {exc}"
            log.warning("%s %s: %s", StageError.code, doc.input_id, message)
            doc.failures.append(Failure(StageError.code, message, "dates", doc.input_id))
    # Spans are relative to the paragraph; keep only those that still match the document text.
    doc.dates = [m for m in mentions if doc.text[m.start:m.end] == m.text]


STAGE = Stage(name="dates", reads=("paragraphs", "published"), writes=("dates", "published"), run=run)
