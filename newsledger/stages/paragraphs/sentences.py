"""The one sentence splitter: rule-based sentence spans for paragraphs spaCy does not parse.

The entities stage writes ``doc.sentences`` once (spaCy's sentences for parsed English
paragraphs, this splitter for the rest); every later stage reads them and none splits again.
Abbreviations and ordinal dots are language facts, read from the language packs (:mod:`newsledger.lang`).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from newsledger.lang import UNDETERMINED, all_abbreviations, writes_ordinal_dot

_TERMINATORS = ".!?…։。！？؟।"
_CLOSERS = "\"'»”’)]›"
_BOUNDARY = re.compile(rf"[{re.escape(_TERMINATORS)}]+[{re.escape(_CLOSERS)}]*(?=\s)")
_OPENERS = "\"'«“„‘([‹-–—¿¡"


def split_sentences(text: str, lang: Optional[str] = None) -> list[tuple[int, int]]:
    """Rule-based sentence spans of ``text`` (trimmed), for languages spaCy does not parse here.

    Splits after ., !, ?, … (and the Armenian, CJK, Arabic, Devanagari stops) followed by
    white space and a sentence start; keeps abbreviations ("г.", "St.") and initials
    ("I. Aliyev") inside, and closing quotes with the sentence they close.
    """
    base_lang = (lang or UNDETERMINED).split("-")[0]
    cuts: list[int] = []
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        nxt = end
        while nxt < len(text) and text[nxt].isspace():
            nxt += 1
        if nxt >= len(text):
            break
        following = text[nxt]
        if following.isalpha() and following.islower():
            continue  # "т.е. в", "e.g. the": a lowercase word goes on the sentence
        if following.isalpha() and not following.isupper() and following.lower() != following.upper():
            continue
        if not (following.isalnum() or following in _OPENERS):
            continue
        if m.group().startswith(".") and _is_abbreviation(text, m.start(), base_lang):
            continue
        cuts.append(end)
    spans = []
    start = 0
    for cut in cuts + [len(text)]:
        span = trim(text, start, cut)
        if span:
            spans.append(span)
        start = cut
    return spans


def _is_abbreviation(text: str, dot: int, lang: str) -> bool:
    """Whether the period at ``dot`` ends an abbreviation, an initial or an ordinal number."""
    begin = dot
    while begin > 0 and not text[begin - 1].isspace():
        begin -= 1
    token = text[begin:dot + 1].lstrip(_OPENERS).casefold()
    abbreviations = all_abbreviations()
    if token in abbreviations:
        return True
    # "və s." and other two-word abbreviations
    if any(text[max(0, dot + 1 - len(a)):dot + 1].casefold() == a for a in _two_word_abbreviations()):
        return True
    word = token[:-1]
    if len(word) == 1 and word.isalpha():
        return True  # an initial: "I. Aliyev", "И. Алиев"
    if word.isdigit() and len(word) <= 2 and writes_ordinal_dot(lang):
        return True  # "am 3. Oktober", "27. sentyabr"
    return False


@lru_cache(maxsize=1)
def _two_word_abbreviations() -> tuple[str, ...]:
    return tuple(a for a in all_abbreviations() if " " in a)


def trim(text: str, start: int, end: int) -> Optional[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


_STOP = re.compile(r"[.!?](?=\s)")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


def count_sentence_ends(text: str, start: int, end: int) -> int:
    """Sentence ends in ``text[start:end]`` (a stop before white space), not counting the periods of
    abbreviations and initials: "said Mr. Clarke. “...”" has one end, not two."""
    count = 0
    for m in _STOP.finditer(text[start:end]):
        word = _WORD_BEFORE.search(text[start:start + m.start()])
        w = word.group(1).lower() if word else ""
        if m.group() == "." and (w + "." in all_abbreviations() or len(w) == 1):
            continue
        count += 1
    return count
