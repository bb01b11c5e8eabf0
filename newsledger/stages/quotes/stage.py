"""Who said what: direct quotes, reported speech and stance acts, with resolved speakers.

Reads ``paragraphs`` (kind, lang), ``sentences``, ``entities`` and the transient
``parses`` (spaCy Docs of English paragraphs, made by the entities stage); writes ``quotes``.
Nothing is split, parsed or recognised again here. English is read from dependency parses
(:mod:`newsledger.stages.quotes.english`); quotation marks in any language and cue words in
Russian, Ukrainian, Azerbaijani, Turkish and French by :mod:`newsledger.stages.quotes.direct`;
speakers are resolved over the whole document by :mod:`newsledger.stages.quotes.speakers`.
"""
from __future__ import annotations

import copy
import logging
import re
from typing import TYPE_CHECKING, Any, Optional, Sequence

from newsledger.lang import read_by_english_model
from newsledger.models import ACTOR_LABELS, Document, Entity, Quote, Span, Target, number_quotes
from newsledger.stages import Stage
from newsledger.stages.budget import check as check_budget
from newsledger.stages.paragraphs.sentences import count_sentence_ends
from newsledger.stages.quotes.direct import (
    Quotation,
    attribute_quotation,
    find_quotations,
    regex_attributions,
)
from newsledger.stages.quotes.english import Candidate, extract_english
from newsledger.stages.quotes.lexicon import english, language_cues
from newsledger.stages.quotes.speakers import Salience, is_media, person_role
from newsledger.stages.spans import Interval, ParagraphIndex, SpanIndex

if TYPE_CHECKING:
    from newsledger.resources import Resources

log = logging.getLogger(__name__)

Offsets = tuple[int, int]
SKIPPED_KINDS = ("boilerplate", "heading")
#: Longest gap between a quotation and the cue clause that attributes it.
CUE_WINDOW = 90
#: An unattributed quotation is kept only when it reads as speech (a sentence), not a scare quote.
MIN_FREE_QUOTE_WORDS = 6
_GAP_BREAK = re.compile(r"[.!?](?=\s)")
_GAP_QUOTE = re.compile(r"[“”«»„\"]")


def paragraph_parse(doc: Document, index: int) -> Optional[Any]:
    """The entities stage's spaCy parse of an English paragraph (None when it made none)."""
    parse = doc.parses.get(index)
    if parse is not None and getattr(parse, "text", None) == doc.paragraphs[index].text:
        return parse
    return None


def _overlaps(a: Offsets, b: Offsets) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _trim_content(text: str, a: int, b: int) -> Optional[Offsets]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",;:—–-"):
        b -= 1
    return (a, b) if b > a else None


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


def _by_paragraph(cands: list[Candidate]) -> dict[int, list[Candidate]]:
    """Candidates by paragraph, in list order (so a per-quotation lookup does not scan the page)."""
    out: dict[int, list[Candidate]] = {}
    for c in cands:
        out.setdefault(c.paragraph, []).append(c)
    return out


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


def _mostly_within(inner: Offsets, outer: Offsets) -> bool:
    overlap = min(inner[1], outer[1]) - max(inner[0], outer[0])
    return overlap >= 0.6 * (inner[1] - inner[0])


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


def _sentences_by_paragraph(doc: Document) -> dict[int, list[Offsets]]:
    """Sentence offsets by paragraph index, in order (grouped once, not scanned per paragraph)."""
    grouped: dict[int, list[Offsets]] = {}
    for s in doc.sentences:
        grouped.setdefault(s.paragraph, []).append((s.start, s.end))
    return grouped


def find_candidates(doc: Document, resources: Optional["Resources"] = None) -> tuple[list[Candidate], dict[int, Any]]:
    """Every attribution in the document before speakers are resolved, with the parses used."""
    body = [(i, p) for i, p in enumerate(doc.paragraphs) if p.kind not in SKIPPED_KINDS]
    quotations = find_quotations(doc.text, [(i, p.start, p.end) for i, p in body])
    parses: dict[int, Any] = {}
    english_cands: list[Candidate] = []
    for i, p in body:
        check_budget(doc)
        if read_by_english_model(p.lang, p.text):
            parse = paragraph_parse(doc, i)
            if parse is not None:
                parses[i] = parse
                english_cands.extend(extract_english(parse, p.start, i))
    english_quotes = [q for q in quotations if q.paragraph in parses]
    made, handled = _merge_english(doc.text, english_quotes, english_cands)
    made.extend(_colon_paragraphs(doc, english_cands, english_quotes, body))
    out = [c for c in english_cands if c.kind != "used" and (c.content is not None)] + made
    quoted = [q.inner for q in english_quotes]
    _cut_at_coordination(doc.text, out)
    nested = _Nesting(out, quoted)
    out = [c for c in out if not nested.weak_and_nested(c)]
    contents = [c.content for c in out if c.content]
    for k, q in enumerate(english_quotes):
        if k in handled:
            continue
        if any(_overlaps(q.inner, c) for c in contents):
            # Reported speech inside the quotation does not make it unattributed: a signature may follow.
            content = _trim_content(doc.text, *q.inner)
            signed = _signed_quote(doc, q, content, "en") if content is not None else None
            if signed is not None:
                out.append(signed)
            continue
        out.extend(_free_quote(doc, q, "en"))
    out.extend(_other_languages(doc, body, parses, quotations))
    return out, parses


def _cut_at_coordination(text: str, cands: list[Candidate]) -> None:
    """"X warned that A, and suggested that B": two attributions; A's content ends before "and suggested"."""
    # Contents only shrink below, so those holding ``cut`` now are among those that held it at the start.
    contents = SpanIndex([Interval(c.content[0], c.content[1], c) for c in cands if c.content is not None])
    for o in cands:
        cut = o.coordination_start
        if cut is None or o.cue is None:
            continue
        for c in (held.item for held in contents.containing(cut)):
            if c is o or c.content is None or not (c.content[0] < cut < c.content[1]):
                continue
            if c.kind == "direct":
                continue  # a quotation's words stay whole
            if o.speaker is None or c.content[0] <= o.speaker[0] < c.content[1]:
                # The parser hung the second cue on the first one's clause, so its subject came from
                # inside what was said ("May said the country would leave, and suggested ..."): the
                # second act is the first speaker's.
                o.speaker, o.speaker_refers, o.speaker_role = c.speaker, c.speaker_refers, c.speaker_role
            trimmed = _trim_content(text, c.content[0], cut)
            if trimmed is not None:
                end = trimmed[1]
                while end > trimmed[0] and text[end - 1] in ",;:—– ":
                    end -= 1
                c.content = (trimmed[0], end)


class _Nesting:
    """Which candidates' cues sit inside quotations or other contents (searched by offset, not per pair)."""

    def __init__(self, others: list[Candidate], quoted: list[Offsets]) -> None:
        self.quoted = SpanIndex([Interval(a, b, None) for a, b in quoted])
        self.contents = SpanIndex([Interval(o.content[0], o.content[1], o) for o in others if o.content])

    def weak_and_nested(self, c: Candidate) -> bool:
        """A cue inside what someone else said is part of their claim, not an attribution of its own.

        Weak cues ("shows", "found", "I think", "you know") are dropped wherever they sit inside a
        quotation or another content; any other cue when its whole content sits inside another
        content too ("he said he plans to use the $18 million he says he raised": one claim).
        """
        if c.cue is None:
            return False
        around = [held.item for held in self.contents.containing(c.cue[0])]
        if c.lemma in english().weak:
            if self.quoted.containing(c.cue[0]):
                return True
            return any(o is not c for o in around)
        if c.content is None:
            return False
        return any(o is not c and o.content != c.content and o.content is not None
                   and o.content[0] <= c.content[0] and c.content[1] <= o.content[1] for o in around)


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


def _free_quote(doc: Document, q: Quotation, lang: str) -> list[Candidate]:
    content = _trim_content(doc.text, *q.inner)
    if content is None:
        return []
    signed = _signed_quote(doc, q, content, lang)
    if signed is not None:
        return [signed]
    words = doc.text[content[0]:content[1]].split()
    if len(words) < MIN_FREE_QUOTE_WORDS or not words[0][:1].isupper():
        return []
    return [Candidate("direct", None, content, None, lang, q.paragraph)]


def _other_languages(doc: Document, body: list, parses: dict[int, Any], quotations: list[Quotation]) -> list[Candidate]:
    out: list[Candidate] = []
    by_para: dict[int, list[Quotation]] = {}
    for q in quotations:
        by_para.setdefault(q.paragraph, []).append(q)
    sentences = _sentences_by_paragraph(doc)
    entities = SpanIndex(doc.entities)
    for i, p in body:
        if i in parses:
            continue
        cues = language_cues(p.lang.split("-")[0])
        para_quotes = by_para.get(i, [])
        taken: list[Offsets] = []
        for q in para_quotes:
            content = _trim_content(doc.text, *q.inner)
            if content is None:
                continue
            found = attribute_quotation(doc.text, q, p.start, p.end, cues) if cues else None
            taken.append((q.open, (q.close if q.close is not None else q.inner[1]) + 1))
            if found is not None:
                cue, speaker = found
                taken.append(cue)
                out.append(Candidate("direct", cue, content, speaker, p.lang, i))
            elif q.dash or len(doc.text[content[0]:content[1]].split()) >= MIN_FREE_QUOTE_WORDS:
                if not q.dash or len(para_quotes) == 1:
                    out.extend(_free_quote(doc, q, p.lang))
        if cues is not None:
            reported = regex_attributions(doc.text, list(sentences.get(i, [])), i, cues, taken)
            _mark_stance(doc, reported, cues, entities)
            reported += _stance_sentences(doc, i, cues, taken + [c.cue for c in reported if c.cue],
                                          sentences.get(i, []), entities)
            out.extend(reported)
    return out


def _stance_sentences(doc: Document, index: int, cues: Any, taken: list[Offsets], sentences: list[Offsets],
                      entities: SpanIndex[Entity]) -> list[Candidate]:
    """Stance acts told without a clause ("Лавров осудил удар по Гяндже", "Bayramov ... təşəkkür edib"):
    the holder is a name of the sentence (before the cue in verb-second languages, the sentence's first
    name in verb-final ones), the content what lies between holder and cue (or after the cue)."""
    out: list[Candidate] = []
    if not cues.stance:
        return out
    verb_final = cues.according_position == "after"
    for s_start, s_end in sentences:
        names = sorted((e for e in entities.within(s_start, s_end) if e.label in ACTOR_LABELS),
                       key=lambda e: e.start)
        for polarity, pattern in cues.stance:
            for m in pattern.finditer(doc.text, s_start, s_end):
                if not _word_at(doc.text, m.start(), m.end()) or any(_overlaps((m.start(), m.end()), t) for t in taken):
                    continue
                before = [e for e in names if e.end <= m.start()]
                if not before:
                    continue
                holder = before[0] if verb_final else before[-1]
                if verb_final:
                    content = _trim_content(doc.text, holder.end, m.start())
                else:
                    end = s_end
                    while end > m.end() and doc.text[end - 1] in ".!?… ":
                        end -= 1
                    content = _trim_content(doc.text, m.end(), end)
                if content is None:
                    continue
                target = _first_name_in(content, names)
                out.append(Candidate("stance", (m.start(), m.end()), content, (holder.start, holder.end), doc.paragraphs[index].lang,
                                     index, target=target, polarity=polarity, lemma=m.group(0).lower()))
                taken.append((m.start(), m.end()))
    return out


def _word_at(text: str, a: int, b: int) -> bool:
    """Whether text[a:b] is whole words (no letter glued on either side)."""
    return (a == 0 or not text[a - 1].isalnum()) and (b >= len(text) or not text[b].isalnum())


def _first_name_in(span: Offsets, ents: Sequence[Entity], besides: Optional[Offsets] = None) -> Optional[Offsets]:
    """The first name inside ``span`` (not overlapping ``besides``): the target of a stance act."""
    inside = [e for e in ents if span[0] <= e.start and e.end <= span[1]
              and not (besides is not None and _overlaps((e.start, e.end), besides))]
    first = min(inside, key=lambda e: e.start, default=None)
    return (first.start, first.end) if first is not None else None


def _mark_stance(doc: Document, cands: list[Candidate], cues: Any, entities: SpanIndex[Entity]) -> None:
    """Reported acts whose cue is a stance word ("kınadı", "осудил", "təşəkkür edib", "a salué") are stance
    acts; their target is the first name in what was condemned or thanked, when there is one."""
    for c in cands:
        if c.cue is None or c.kind != "indirect":
            continue
        polarity = cues.polarity(doc.text[c.cue[0]:c.cue[1]])
        if polarity is None:
            continue
        c.kind, c.polarity = "stance", polarity
        if c.content is not None:
            c.target = _first_name_in(c.content, entities.within(*c.content), besides=c.speaker)


def run(doc: Document, resources: Optional["Resources"]) -> None:
    """Fill ``doc.quotes``."""
    candidates, parses = find_candidates(doc, resources)
    doc.quotes = resolve(doc, candidates, list(doc.entities), parses)


def resolve(doc: Document, candidates: list[Candidate], entities: list[Entity], parses: dict[int, Any]) -> list[Quote]:
    """Resolve speakers and targets in document order and build :class:`Quote` objects."""
    cues = english()
    paragraphs = ParagraphIndex(doc.paragraphs)
    entity_index = SpanIndex(entities)

    def where(ent: Entity) -> tuple[Optional[Any], int]:
        index = paragraphs.at(ent.start)
        if index is None or index not in parses:
            return None, 0
        return parses[index], doc.paragraphs[index].start

    def role_of(ent: Entity) -> Optional[Offsets]:
        parse, base = where(ent)
        return person_role(ent, parse, base, cues) if parse is not None else None

    def media_of(ent: Entity) -> bool:
        parse, base = where(ent)
        return is_media(ent, parse, base, cues)

    salience = Salience(doc.text, entities, role_of, media_of, cues)
    salience.contents = [c.content for c in candidates if c.content is not None]
    ordered = sorted(candidates, key=lambda c: (c.speaker or c.cue or c.content or (0, 0))[0])
    quotes: list[Quote] = []
    seen: set[tuple[str, Optional[Offsets], Optional[Offsets]]] = set()
    for c in ordered:
        check_budget(doc)
        key = (c.kind, c.cue, c.content)
        if key in seen:
            continue
        seen.add(key)
        speaker = None
        if c.speaker is not None:
            refers = c.speaker_refers or c.speaker
            speaker = salience.resolve(refers[0], refers[1], c.paragraph, c.speaker_role)
        target = None
        if c.target is not None:
            target = Target(_target_name(c.target, entity_index.overlapping(*c.target), doc.text), c.target[0], c.target[1],
                            doc.text[c.target[0]:c.target[1]])
        quotes.append(Quote(
            kind=c.kind,
            speaker=speaker,
            speaker_span=doc.span(*c.speaker) if c.speaker else None,
            cue=doc.span(*c.cue) if c.cue else None,
            content=doc.span(*c.content) if c.content else None,
            target=target,
            polarity=c.polarity,
            lang=c.lang,
        ))
    quotes.sort(key=lambda q: (q.content or q.cue or q.speaker_span or Span(0, 0, "")).start)
    number_quotes(quotes)  # ids in document order; events refer to quotes by them
    return quotes


def _target_name(span: Offsets, entities: list[Entity], text: str) -> str:
    for ent in entities:
        if _overlaps((ent.start, ent.end), span):
            return ent.canonical or ent.text
    return text[span[0]:span[1]]


STAGE = Stage(name="quotes", reads=("text", "paragraphs", "sentences", "entities", "parses"), writes=("quotes",), run=run)
