"""English quotations that take their speaker from a neighbour: split and multi-paragraph quotes,
a quotation opening the sentence or paragraph after an attributed one, and "He said:" ending a
paragraph before a quotation or an unquoted paragraph."""
from __future__ import annotations

import copy
import re
from typing import Optional

from newsledger.models import Document
from newsledger.stages.paragraphs.sentences import count_sentence_ends
from newsledger.stages.quotes.direct import Quotation
from newsledger.stages.quotes.english import Candidate
from newsledger.stages.quotes.lexicon import english
from newsledger.stages.quotes.offsets import _overlaps, _trim_content
from newsledger.stages.spans import Interval, SpanIndex


def _by_paragraph(cands: list[Candidate]) -> dict[int, list[Candidate]]:
    """Candidates by paragraph, in list order (so a per-quotation lookup does not scan the page)."""
    out: dict[int, list[Candidate]] = {}
    for c in cands:
        out.setdefault(c.paragraph, []).append(c)
    return out


def _follow_on(text: str, quotes: list[Quotation], cands: list[Candidate], attributed: dict[int, Candidate],
               made: list[Candidate], handled: set[int]) -> None:
    """A quotation opening the sentence after a reported-speech cue continues that speaker:
    "''I admire the mechanics'' of the plans, Mr. Holtz-Eakin said. ''But I have concerns.''"."""
    by_para = _by_paragraph(cands)
    quotes_in: dict[int, list[int]] = {}
    for j, o in enumerate(quotes):
        quotes_in.setdefault(o.paragraph, []).append(j)
    cues = SpanIndex([Interval(o.cue[0], o.cue[1], o) for o in cands if o.cue is not None])
    for k, q in enumerate(quotes):
        if k in handled or k in attributed:
            continue
        if not re.search(r"[.!?][”»\"'’]*\s+$", text[max(0, q.open - 6):q.open]):
            continue  # not at a sentence start
        if "\n" in text[max(0, q.open - 3):q.open]:
            # A paragraph opening with a quotation and naming no one continues the last speaker quoted.
            previous = quotes_in.get(q.paragraph - 1, [])
            last = max((j for j in previous if j in attributed), default=None)
            later = [j for j in previous if last is not None and j > last]
            own = [c for c in by_para.get(q.paragraph, []) if c.cue is not None and c.speaker is not None
                   and not _overlaps(c.cue, q.inner)]
            content = _trim_content(text, *q.inner)
            if last is not None and not later and not own and content is not None:
                piece = copy.copy(attributed[last])
                piece.content, piece.paragraph = content, q.paragraph
                made.append(piece)
                attributed[k] = piece
                handled.add(k)
            continue
        before = [c for c in by_para.get(q.paragraph, []) if c.kind in ("indirect", "direct")
                  and c.cue is not None and c.speaker is not None and c.cue[1] <= q.open]
        if not before:
            continue
        c = max(before, key=_cue_end)
        assert c.cue is not None  # ``before`` holds candidates with a cue only
        if c.lemma in english().weak or count_sentence_ends(text, c.cue[1], q.open) > 1:
            continue
        if any(o.item is not c for o in cues.starting_in(c.cue[1], q.open)):
            continue
        content = _trim_content(text, *q.inner)
        if content is None:
            continue
        piece = copy.copy(c)
        piece.kind, piece.content = "direct", content
        made.append(piece)
        attributed[k] = piece
        handled.add(k)


#: Longest stretch between a cue and the colon that ends its paragraph ("Limbaugh added on his show:").
_COLON_GAP = 40


def _colon_cue(text: str, q: Quotation, by_para: dict[int, list[Candidate]]) -> Optional[Candidate]:
    """"He said:" ending one paragraph attributes the quotation that opens the next."""
    if q.paragraph == 0:
        return None
    end = q.open  # where ``text[:q.open].rstrip()`` ends, without copying the text before
    while end > 0 and text[end - 1].isspace():
        end -= 1
    if end == 0 or text[end - 1] != ":" or "\n" not in text[end:q.open]:
        return None
    colon = end - 1
    prev = [c for c in by_para.get(q.paragraph - 1, []) if c.cue is not None and c.content is None
            and c.speaker is not None and c.kind == "indirect" and 0 <= colon - c.cue[1] <= _COLON_GAP]
    return max(prev, key=_cue_end) if prev else None


def _cue_end(c: Candidate) -> int:
    """Where the cue of ``c`` ends (for candidates known to have a cue)."""
    assert c.cue is not None
    return c.cue[1]


def _colon_paragraphs(doc: Document, cands: list[Candidate], quotes: list[Quotation], body: list) -> list[Candidate]:
    """"Limbaugh added:" closing a paragraph, then an unquoted paragraph: that paragraph is what he said."""
    kinds = {i: p.kind for i, p in body}
    quoted_starts = {q.paragraph for q in quotes}
    out = []
    for c in cands:
        if c.kind != "indirect" or c.content is not None or c.cue is None or c.speaker is None:
            continue
        para = doc.paragraphs[c.paragraph]
        tail = doc.text[c.cue[1]:para.end].rstrip()
        nxt = c.paragraph + 1
        if not tail.endswith(":") or len(tail) > _COLON_GAP or nxt not in kinds or nxt in quoted_starts:
            continue
        target = doc.paragraphs[nxt]
        content = _trim_content(doc.text, target.start, target.end)
        if content is None:
            continue
        piece = copy.copy(c)
        piece.content = content
        c.kind = "used"
        out.append(piece)
    return out


def _inherit(text: str, quotes: list[Quotation], attributed: dict[int, Candidate], made: list[Candidate],
             handled: set[int]) -> None:
    """Split quotes ("“A,” he said. “B.”") and multi-paragraph quotes take their neighbour's speaker."""
    changed = True
    while changed:
        changed = False
        for k, q in enumerate(quotes):
            if k in attributed:
                continue
            source: Optional[Candidate] = None
            prev = attributed.get(k - 1)
            nxt = attributed.get(k + 1)
            # Skip short titles quoted inside the cue sentence ('said on Fox News's “Fox and Friends.”').
            j = k - 1
            while j > 0 and j not in attributed and quotes[j].paragraph == q.paragraph \
                    and len(text[quotes[j].inner[0]:quotes[j].inner[1]].split()) <= _TITLE_WORDS:
                j -= 1
            before = attributed.get(j) if j >= 0 else None
            before_close = quotes[j].close if j >= 0 else None
            if q.continued and prev is not None:
                source = prev
            elif k + 1 < len(quotes) and quotes[k + 1].continued and q.close is None and nxt is not None:
                source = nxt
            elif before is not None and quotes[j].paragraph == q.paragraph and before.cue is not None \
                    and before_close is not None and before_close < before.cue[0] < q.open \
                    and count_sentence_ends(text, before.cue[1], q.open) <= 1 \
                    and (count_sentence_ends(text, before.cue[1], q.open) == 1
                         or len(text[q.inner[0]:q.inner[1]].split()) > _TITLE_WORDS):
                source = before  # not a short title quoted in the cue's own sentence
            if source is None:
                continue
            content = _trim_content(text, *q.inner)
            if content is None:
                continue
            piece = copy.copy(source)
            piece.content, piece.paragraph = content, q.paragraph
            made.append(piece)
            attributed[k] = piece
            handled.add(k)
            changed = True


#: A quotation this short between a cue and the next quotation is a title, not a new speaker's words.
_TITLE_WORDS = 4
