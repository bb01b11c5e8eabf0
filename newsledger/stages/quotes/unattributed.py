"""Quotations no cue attributes: signed by a dash and a name ("“...” ― Sonya Herridge"), or
kept as unattributed speech when they read as a sentence rather than a scare quote."""
from __future__ import annotations

import re
from typing import Optional

from newsledger.models import Document
from newsledger.stages.quotes.direct import Quotation, with_marks
from newsledger.stages.quotes.english import Candidate
from newsledger.stages.quotes.offsets import Offsets, _trim_content

#: An unattributed quotation is kept only when it reads as speech (a sentence), not a scare quote.
MIN_FREE_QUOTE_WORDS = 6

#: "“...” ― Sonya Herridge": a quotation signed by a name after a dash (epigraphs, reader posts, lists).
_SIGNED = re.compile(r"[ \t\u00a0]*([―—–-])[ \t\u00a0]*"
                     r"([A-Z][\w.'’-]*(?:[ \u00a0]+(?:[A-Z][\w.'’-]*|de|del|la|le|van|von|da|dos|y|bin|al|ibn)){0,5})"
                     r"(?=[ \t\u00a0]*(?:[.,;(]|$|\n))")


def _signed_quote(doc: Document, q: Quotation, content: Offsets, lang: str) -> Optional[Candidate]:
    """A quotation followed by a dash and a name is that person's."""
    if q.close is None:
        return None
    m = _SIGNED.match(doc.text, q.close + 1)
    para = doc.paragraphs[q.paragraph]
    if m is None or m.end(2) > para.end:
        return None
    end = m.end(2)
    last = m.group(2).split()[-1]
    if last.endswith(".") and len(last) > 2 and not last[:-1].isupper() and last[:-1].lower() not in ("jr", "sr"):
        end -= 1  # the sentence's full stop, not an initial ("Jr." and "J." keep theirs)
    return Candidate("direct", (m.start(1), m.end(1)), content, (m.start(2), end), lang, q.paragraph,
                     lemma="―")


def _free_quote(doc: Document, q: Quotation, lang: str, marks: bool = False) -> list[Candidate]:
    """A quotation without a cue: signed, or unattributed speech; ``marks`` keeps the quotation marks
    in the content (see :func:`newsledger.stages.quotes.direct.with_marks`)."""
    inner = _trim_content(doc.text, *q.inner)
    if inner is None:
        return []
    content = with_marks(q, inner) if marks else inner
    signed = _signed_quote(doc, q, content, lang)
    if signed is not None:
        return [signed]
    words = doc.text[inner[0]:inner[1]].split()
    if len(words) < MIN_FREE_QUOTE_WORDS or not words[0][:1].isupper():
        return []
    return [Candidate("direct", None, content, None, lang, q.paragraph)]
