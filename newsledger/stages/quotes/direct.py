"""Quotations by their marks, in any language, and reported speech by regex where no parser runs.

:func:`find_quotations` finds “...”, «...», „...“, ‹...›, "..." and '...' (with guards
against apostrophes), quotations that run over several paragraphs (a paragraph that opens
a quote without closing it, followed by one that opens again), and the dash-led quotes
of Russian ("— Мы готовы, — сказал он. — ..."). :func:`regex_attributions` reads cue words
("заявил", "по словам X", "bildirib", "göre", "selon X") around quotations and in sentences.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Sequence

from newsledger.stages.quotes.english import Candidate
from newsledger.stages.quotes.lexicon import QUOTE_PAIRS, LanguageCues, speaker_pronouns

Offsets = tuple[int, int]

_DASHES = "—–"
_OPEN_BEFORE = set(" \t\n\u00a0([{—–-:,;/") | set(QUOTE_PAIRS)
_SENTENCE_END = re.compile(r"[.!?…]+(?=\s|$)")
#: A speaker named after its cue may carry a long title ("сказал ... старший директор группы
#: региональных финансов Fitch Владимир Редькин"): the clause ends there, so more words are safe.
SPEAKER_AFTER_CUE_WORDS = 10
_WORD = re.compile(r"[^\s,.;:!?()«»“”„\"'‘’—–]+(?:['’][^\s,.;:!?()«»“”„\"‘’—–]+)?")
_DASH_SPLIT = re.compile(r"[,.!?…]?\s+[—–-]\s+")
#: Longest stretch between a quotation and its cue that still reads as one attribution.
CUE_WINDOW = 90


@dataclass
class Quotation:
    """Text between quotation marks; ``inner`` excludes the marks."""

    open: int
    close: Optional[int]  # offset of the closing mark; None when the quote runs on to the next paragraph
    inner: Offsets
    paragraph: int
    continued: bool = False  # this piece continues a quotation opened in an earlier paragraph
    dash: bool = False  # a dash-led quote (Russian style)


def _is_opener(text: str, i: int, mark: str) -> bool:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if nxt.isspace() and mark not in "«‹":  # French sets « guillemets » off with spaces
        return False
    if mark in "'‘":
        return not prev.isalnum() and nxt.isalpha()
    return prev in _OPEN_BEFORE or not prev.isalnum()


def _is_closer(text: str, j: int, mark: str, start: int) -> bool:
    prev = text[j - 1] if j > 0 else " "
    nxt = text[j + 1] if j + 1 < len(text) else " "
    if prev.isspace() and j > start:
        return mark not in "'\"’"
    if mark in "'’":
        return not nxt.isalnum()
    if mark == '"':
        return not nxt.isalnum()
    return True


def _find_close(text: str, i: int, end: int, opener: str) -> Optional[int]:
    closers = QUOTE_PAIRS[opener]
    j = i + 1
    while j < end:
        ch = text[j]
        if ch in closers and _is_closer(text, j, ch, i + 1):
            return j
        j += 1
    return None


def find_quotations(text: str, paragraphs: Sequence[tuple[int, int, int]]) -> list[Quotation]:
    """Quotations in ``text`` over ``paragraphs`` given as (index, start, end), in order."""
    found: list[Quotation] = []
    carry: Optional[str] = None  # the opener of a quotation that runs on into the next paragraph
    for n, (index, start, end) in enumerate(paragraphs):
        i = start
        continued_from = carry
        carry = None
        if text[start:start + 1] in _DASHES + "-" and text[start + 1:start + 2].isspace():
            found.extend(_dash_quotes(text, index, start, end))
            continue
        while i < end:
            ch = text[i]
            if ch in QUOTE_PAIRS and _is_opener(text, i, ch):
                j = _find_close(text, i, end, ch)
                if j is not None:
                    if j - i > 1:
                        found.append(Quotation(i, j, (i + 1, j), index,
                                               continued=continued_from == ch and i == start))
                    i = j + 1
                    continue
                nxt = paragraphs[n + 1] if n + 1 < len(paragraphs) else None
                if nxt is not None and text[nxt[1]:nxt[1] + 1] == ch and ch not in "'‘":
                    inner_end = end
                    found.append(Quotation(i, None, (i + 1, inner_end), index,
                                           continued=continued_from == ch and i == start))
                    carry = ch
                    break
            i += 1
    return found


def with_marks(q: Quotation, content: Offsets) -> Offsets:
    """A quotation's content with its quotation marks, as PARC-style schemes annotate it (the Czech
    half of ADAQ: every quoted content holds both marks and the comma before the closing one).
    Dash-led quotes have no marks; a quotation running on into the next paragraph keeps its opener."""
    if q.dash:
        return content
    return q.open, (q.close + 1 if q.close is not None else content[1])


def _dash_quotes(text: str, index: int, start: int, end: int) -> list[Quotation]:
    """"— Content, — сказал он. — More content." -> the content pieces (author words left out)."""
    out = []
    pos = start + 1
    while pos < end and text[pos].isspace():
        pos += 1
    pieces: list[Offsets] = []
    last = pos
    for m in _DASH_SPLIT.finditer(text, pos, end):
        pieces.append((last, m.start()))
        last = m.end()
    pieces.append((last, end))
    # Even pieces are the speaker's words, odd ones the author's ("сказал он").
    for k, (a, b) in enumerate(pieces):
        if k % 2 == 0 and b > a:
            out.append(Quotation(a - 1 if k == 0 else a, b, (a, b), index, dash=True))
    return out


def _clause_words(text: str, a: int, b: int) -> list[Offsets]:
    """Words between ``a`` and ``b``; punctuation alone ("։", "—") is no word."""
    return [(a + m.start(), a + m.end()) for m in _WORD.finditer(text[a:b]) if any(ch.isalnum() for ch in m.group(0))]


def _words_span(words: list[Offsets]) -> Optional[Offsets]:
    return (words[0][0], words[-1][1]) if words else None


#: Prepositions that open a phrase before or after the speaker ("В своей пропаганде нацисты ...",
#: "сказал в интервью РБК директор ..."): Russian; other languages have none listed yet.
_LEADING_PREPOSITIONS = frozenset({
    "в", "во", "на", "после", "перед", "о", "об", "обо", "для", "из", "с", "со", "к", "ко", "у", "за", "при", "от",
    "до", "между", "через", "над", "под", "без", "про",
})
_ADJECTIVE_END = re.compile(r"(?:ой|ей|ий|ый|ая|яя|ое|ее|ом|ем|их|ых|ую|юю|ого|его|ому|ему|ими|ыми)$")
_DASH_WORD = re.compile(r"[-‐‑]+")


def _drop_leading_phrase(text: str, words: list[Offsets]) -> list[Offsets]:
    """Drop a prepositional phrase before the speaker: the preposition, its adjectives, its noun,
    and names or quoted titles hanging on that noun ("в интервью РБК", "в одном из интервью «НГ»")."""
    while len(words) >= 3 and text[words[0][0]:words[0][1]].lower() in _LEADING_PREPOSITIONS:
        shorter = _drop_one_phrase(text, words)
        if shorter is words:
            break
        words = shorter
    return words


def _drop_one_phrase(text: str, words: list[Offsets]) -> list[Offsets]:
    k = 1
    while k < len(words) - 1 and (_ADJECTIVE_END.search(text[words[k][0]:words[k][1]].lower())
                                   or text[words[k][0]:words[k][1]].lower() in ("из", "одном", "одной")):
        k += 1
    k += 1  # the noun
    while k < len(words) - 1:
        w = text[words[k][0]:words[k][1]]
        quoted = text[max(0, words[k][0] - 1)] in "\"«„“"
        if not (quoted or (w.isupper() and len(w) > 1)):
            break
        k += 1
    return words[k:] if k < len(words) else words


def _speaker_words(text: str, words: list[Offsets], cues: LanguageCues, limit: int = 6) -> Optional[Offsets]:
    """The speaker mention among ``words`` (the clause around a cue, cue removed).

    When the cue sits among the words, the speaker is on one side of it only: after it
    ("— говорит режиссер") when words follow, else before it.
    """
    cue_at = [k for k, w in enumerate(words) if cues.cue.fullmatch(text[w[0]:w[1]])]
    if cue_at:
        after = words[cue_at[-1] + 1:]
        words = after if after else words[:cue_at[0]]
    words = [w for w in words if not _DASH_WORD.fullmatch(text[w[0]:w[1]])]
    words = _drop_leading_phrase(text, words)
    if len(words) == 1 and text[words[0][0]:words[0][1]].casefold() in speaker_pronouns():
        return words[0]  # "O bildirib ki": a pronoun speaker, resolved later
    while words and text[words[0][0]:words[0][1]].lower() in cues.stop_words:
        words = words[1:]
    while words and text[words[-1][0]:words[-1][1]].lower() in cues.stop_words:
        words = words[:-1]
    if not words or len(words) > limit:
        return None
    return _words_span(words)


def attribute_quotation(text: str, q: Quotation, para_start: int, para_end: int,
                        cues: LanguageCues) -> Optional[tuple[Offsets, Optional[Offsets]]]:
    """(cue, speaker) of a quotation from the words right after or right before it."""
    after_from = (q.close + 1) if q.close is not None else q.inner[1]
    tail = text[after_from:min(para_end, after_from + CUE_WINDOW)]
    stop = re.search(r"[.!?;](?=\s|$)|[“«„\"]|\s[—–]\s+[А-ЯЁA-Z]", tail)
    clause_end = after_from + (stop.start() if stop else len(tail))
    m = cues.cue.search(text, after_from, clause_end)
    if m is not None and re.fullmatch(r"[\s,.:—–-]*", text[after_from:m.start()]) is not None or (
            m is not None and len(_clause_words(text, after_from, m.start())) <= 5):
        # The speaker ends at the first comma after the cue ("— заявила она, добавив, что ...").
        comma = text.find(",", m.end(), clause_end)
        words = [w for w in _clause_words(text, after_from, comma if comma >= 0 else clause_end)
                 if w[1] <= m.start() or w[0] >= m.end()]  # the cue's own words ("a indiqué") are no speaker
        speaker = _speaker_words(text, words, cues, limit=SPEAKER_AFTER_CUE_WORDS)
        if speaker is None:
            speaker = _before_speaker(text, q, para_start, cues)
        return (m.start(), m.end()), speaker
    head = text[max(para_start, q.open - CUE_WINDOW):q.open]
    if re.search(r"[:,]\s*[—–-]?\s*$", head):
        cut = max((mm.end() for mm in _SENTENCE_END.finditer(head)), default=0)
        a = q.open - len(head) + cut
        cue_matches = list(cues.cue.finditer(text, a, q.open))
        m = cue_matches[-1] if cue_matches else None  # the cue nearest the quote
        if m is not None:
            words = _clause_words(text, a, q.open)
            speaker = _speaker_words(text, [w for w in words if w[1] <= m.start() or w[0] >= m.end()], cues)
            return (m.start(), m.end()), speaker
    return None


def _before_speaker(text: str, q: Quotation, para_start: int, cues: LanguageCues) -> Optional[Offsets]:
    """Turkish/Azerbaijani "Erdoğan, “...” dedi": the speaker before the quotation, then a comma."""
    head = text[max(para_start, q.open - 60):q.open]
    m = re.search(r"([^.!?;:,]+),\s*$", head)
    if m is None:
        return None
    a = q.open - len(head) + m.start(1)
    return _speaker_words(text, _clause_words(text, a, a + len(m.group(1))), cues, limit=5)


def regex_attributions(text: str, sentences: Sequence[Offsets], paragraph: int, cues: LanguageCues,
                       taken: Sequence[Offsets]) -> list[Candidate]:
    """Reported speech in sentences of a language read without a parser.

    ``taken`` are spans already claimed (quotations and their cues): cues inside them are skipped.
    """
    out: list[Candidate] = []

    def free(a: int, b: int) -> bool:
        return not any(a < t1 and b > t0 for t0, t1 in taken)

    for s_start, s_end in sentences:
        body_end = s_end
        while body_end > s_start and text[body_end - 1] in ".!?… ":
            body_end -= 1
        for m in cues.according.finditer(text, s_start, body_end):
            if not free(m.start(), m.end()):
                continue
            cand = _according(text, m.start(), m.end(), s_start, body_end, paragraph, cues)
            if cand is not None:
                out.append(cand)
        for m in cues.cue.finditer(text, s_start, body_end):
            if not free(m.start(), m.end()) or any(c.cue and c.cue[0] <= m.start() < c.cue[1] for c in out):
                continue
            cand = _reported(text, m.start(), m.end(), s_start, body_end, paragraph, cues)
            if cand is not None:
                out.append(cand)
    return out


def _according(text: str, a: int, b: int, s_start: int, s_end: int, paragraph: int,
               cues: LanguageCues) -> Optional[Candidate]:
    if cues.according_position == "before":
        comma = text.find(",", b, s_end)
        src_end = comma if comma >= 0 else s_end
        source = _words_span(_drop_leading_phrase(text, _clause_words(text, b, src_end))[:SPEAKER_AFTER_CUE_WORDS])
        if comma >= 0 and comma + 1 < s_end:
            content = _trim(text, comma + 1, s_end)
        else:
            content = _trim(text, s_start, a)
    else:
        clause_start = max(text.rfind(",", s_start, a) + 1, s_start)
        source = _words_span(_clause_words(text, clause_start, a)[-6:])
        content = _trim(text, b, s_end)
        if content is None or content[1] - content[0] < 3:
            content = _trim(text, s_start, clause_start - 1) if clause_start > s_start else None
    if source is None or content is None:
        return None
    return Candidate("indirect", (a, b), content, source, cues.lang, paragraph, lemma="according to")


def _reported(text: str, a: int, b: int, s_start: int, s_end: int, paragraph: int,
              cues: LanguageCues) -> Optional[Candidate]:
    after = text[b:s_end]
    comp = re.match(r"\s*[,:]?\s*[—–-]?\s*", after)
    rest = b + (comp.end() if comp else 0)
    has_comp = cues.complementizer.match(text, rest) is not None or after.lstrip().startswith(":")
    before_comma = text.rfind(",", s_start, a)
    if has_comp and rest < s_end:
        # "X сказал, что ..." / "X bildirib ki, ..." / "X a déclaré que ..."
        clause_start = max(before_comma + 1, s_start)
        speaker = _speaker_words(text, _clause_words(text, clause_start, a), cues)
        content = _trim(text, rest, s_end)
        return Candidate("indirect", (a, b), content, speaker, cues.lang, paragraph) if content else None
    verb_first = re.match(r"[^,:;.!?«»“”\"]{2,160}?(?=,|:)", after)
    if verb_first is not None:
        # "заявил министр X, что ..." / "сказал директор Y: ...": the speaker between cue and clause.
        stop = b + verb_first.end()
        comp_at = stop + 1  # the content keeps its complementizer, as in "X сказал, что ..."
        if text[stop] == ":" or cues.complementizer.match(text, comp_at) is not None:
            # "X сообщил 13 октября, что ...": a subject before the cue wins over words after it.
            speaker = _speaker_words(text, _clause_words(text, max(before_comma + 1, s_start), a), cues)
            if speaker is None and not re.match(r"\s*\d", text[b:stop]):
                speaker = _speaker_words(text, _clause_words(text, b, stop), cues, limit=SPEAKER_AFTER_CUE_WORDS)
            content = _trim(text, comp_at, s_end)
            if speaker is not None and content is not None:
                return Candidate("indirect", (a, b), content, speaker, cues.lang, paragraph)
    lead = text[s_start:a]
    if before_comma >= 0 and re.fullmatch(r"\s*[—–-]?\s*", text[before_comma + 1:a]):
        # "Текст, — заявил министр." / "..., - deyə nazir bildirib."
        content = _trim(text, s_start, before_comma)
        comma = text.find(",", b, s_end)
        speaker = _speaker_words(text, _clause_words(text, b, comma if comma >= 0 else s_end), cues,
                                 limit=SPEAKER_AFTER_CUE_WORDS)
        return Candidate("indirect", (a, b), content, speaker, cues.lang, paragraph) if content else None
    if cues.according_position == "after" and re.fullmatch(r"\s*", text[b:s_end]) and "," in lead:
        # Turkish/Azerbaijani verb-final: "Erdoğan, ... olduğunu söyledi."
        first = text.find(",", s_start, a)
        speaker = _speaker_words(text, _clause_words(text, s_start, first), cues, limit=5)
        content = _trim(text, first + 1, a)
        if speaker and content:
            return Candidate("indirect", (a, b), content, speaker, cues.lang, paragraph)
    if re.match(r"\s*:", after) and rest < s_end:
        content = _trim(text, rest, s_end)
        speaker = _speaker_words(text, _clause_words(text, max(before_comma + 1, s_start), a), cues)
        return Candidate("indirect", (a, b), content, speaker, cues.lang, paragraph) if content else None
    return None


def _trim(text: str, a: int, b: int) -> Optional[Offsets]:
    while a < b and (text[a].isspace() or text[a] in ",;:—–-"):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",;:—–-"):
        b -= 1
    return (a, b) if b - a >= 2 else None
