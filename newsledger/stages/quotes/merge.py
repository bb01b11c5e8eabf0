"""English reported speech merged with quotation marks: the parsed cue clause that attributes a
quotation (overlapping it, or next to it with no sentence end between) turns it into a direct
quote, with the speaker named between the closing mark and the cue when the parse missed it."""
from __future__ import annotations

import copy
import re
from typing import Optional

from newsledger.stages.paragraphs.sentences import count_sentence_ends
from newsledger.stages.quotes.direct import Quotation
from newsledger.stages.quotes.english import Candidate
from newsledger.stages.quotes.inherited import _TITLE_WORDS, _by_paragraph, _colon_cue, _follow_on, _inherit
from newsledger.stages.quotes.offsets import Offsets, _overlaps, _trim_content

#: Longest gap between a quotation and the cue clause that attributes it.
CUE_WINDOW = 90

_GAP_BREAK = re.compile(r"[.!?](?=\s)")
_GAP_QUOTE = re.compile(r"[“”«»„\"]")


def _gap_ok(text: str, a: int, b: int) -> bool:
    """No sentence end (initials and abbreviations aside: "Rep. Elijah E. Cummings") and no other
    quotation between a quotation and its cue."""
    if not 0 <= b - a <= CUE_WINDOW or _GAP_QUOTE.search(text, a, b) is not None:
        return False
    return _GAP_BREAK.search(text, a, b) is None or count_sentence_ends(text, a, b) == 0


def _english_cue_for(text: str, q: Quotation, cands: list[Candidate]) -> Optional[Candidate]:
    """The reported-speech candidate that attributes quotation ``q`` (content overlap or adjacency)."""
    best: Optional[tuple[int, Candidate]] = None
    close = q.close if q.close is not None else q.inner[1]
    for c in cands:
        if c.kind != "indirect" or c.cue is None or _overlaps(c.cue, q.inner):
            continue
        if c.cue[0] >= close:
            ok = _gap_ok(text, close + 1, c.cue[0])
            dist = c.cue[0] - close
        else:
            gap = text[c.cue[1]:q.open].rstrip("'‘")  # the first mark of a doubled '' opener
            ok = _gap_ok(text, c.cue[1], c.cue[1] + len(gap)) \
                and (not gap.strip() or re.search(r"[:,]\s*$", gap) is not None)
            dist = q.open - c.cue[1]
        if not ok and not (c.content and _overlaps(c.content, q.inner) and dist <= CUE_WINDOW):
            continue
        if best is None or dist < best[0]:
            best = (dist, c)
    return best[1] if best else None


def _merge_english(text: str, quotes: list[Quotation], cands: list[Candidate]) -> tuple[list[Candidate], set[int]]:
    """Turn reported-speech candidates that attribute a quotation into direct quotes.

    Returns the direct quotes made and the indices (into ``quotes``) of quotations handled.
    """
    made: list[Candidate] = []
    handled: set[int] = set()
    attributed: dict[int, Candidate] = {}
    by_para = _by_paragraph(cands)
    for k, q in enumerate(quotes):
        para_cands = by_para.get(q.paragraph, [])
        c = _english_cue_for(text, q, para_cands)
        if c is None:
            c = _colon_cue(text, q, by_para)
        if c is None:
            continue
        content = _trim_content(text, *q.inner)
        if content is None:
            continue
        if c.content is not None and not _mostly_within(c.content, (q.open, (q.close or q.inner[1]) + 1)):
            handled.add(k)  # a partial quote inside reported speech: the indirect quote stands
            continue
        if c.kind == "used" and c.cue is not None and c.cue[1] <= q.open \
                and len(text[content[0]:content[1]].split()) <= _TITLE_WORDS:
            handled.add(k)  # 'said on Fox News's “Fox and Friends.”': a title, not more of the quote
            continue
        direct = copy.copy(c)
        direct.kind, direct.content = "direct", content
        _speaker_between(text, q, direct)
        c.kind = "used"
        made.append(direct)
        attributed[k] = direct
        handled.add(k)
    _inherit(text, quotes, attributed, made, handled)
    _follow_on(text, quotes, cands, attributed, made, handled)
    return made, handled


#: Longest speaker mention read between a closing quotation mark and its cue ("”, Flynn, a top surrogate, said").
_BETWEEN_WORDS = 12
_BETWEEN_STOP = re.compile(r"[.!?;“”«»„\"]")


def _speaker_between(text: str, q: Quotation, c: Candidate) -> None:
    """"“...,” Flynn, a top Trump surrogate, said": the words between the quotation and its cue name the
    speaker. The parser often hangs them on the quotation; then its subject is a phrase of the quote
    ("My reaction") or nothing. Keeps the parse's speaker when it already sits there."""
    if q.close is None or c.cue is None or c.cue[0] <= q.close:
        return
    a, b = q.close + 1, c.cue[0]
    if c.speaker is not None and a <= c.speaker[0] and c.speaker[1] <= b:
        return
    between = text[a:b]
    if _BETWEEN_STOP.search(between):
        return
    lead = len(between) - len(between.lstrip(" ,\u00a0\t'’"))
    mention = between[lead:].split(",")[0].rstrip()
    if not mention or len(mention.split()) > _BETWEEN_WORDS or not (mention[0].isupper() or mention.split()[0].lower()
                                                                    in ("he", "she", "they", "we", "i", "the", "a", "an")):
        return
    if c.speaker is not None and not (_overlaps(c.speaker, q.inner) or c.speaker[0] >= c.cue[1]):
        return
    c.speaker = (a + lead, a + lead + len(mention))
    c.speaker_role = None
    c.speaker_refers = None


def _mostly_within(inner: Offsets, outer: Offsets) -> bool:
    overlap = min(inner[1], outer[1]) - max(inner[0], outer[0])
    return overlap >= 0.6 * (inner[1] - inner[0])
