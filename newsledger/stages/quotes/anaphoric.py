"""Reports told after what they report, and speaker mentions narrowed to the name, in languages read
without a parser.

* "Bunu Baş Prokurorluğun mətbuat katibi X brifinqdə deyib." / "Об этом сообщил X.": a sentence opening
  with an anaphor (the pack's ``anaphors``) and holding a cue reports the sentence before it (in the
  paragraph, else the last sentence of the previous body paragraph). A relay frame before the
  anaphor ("Metbuat.az xəbər verir ki, bunu ...") is the outlet's, not the speaker's.
* A speaker mention that holds a known person is narrowed to that name, the words before it kept as
  the role ("Azərbaycan Prezidentinin köməkçisi Hikmət Hacıyev “Twitter” hesabında" -> the name); one
  without a known name keeps its trailing run of capitalised words after a role word ("... başçısı
  Müstəqim Məmmədov ..."), and loses trailing locatives ("H.Hacıyev Twitter-də" -> "H.Hacıyev").
"""
from __future__ import annotations

import re
from typing import Optional, Sequence

from newsledger.models import Entity
from newsledger.stages.quotes.lexicon import LanguageCues
from newsledger.stages.quotes.offsets import Offsets
from newsledger.stages.quotes.parse import Candidate
from newsledger.stages.spans import SpanIndex

PERSON_LABELS = frozenset({"PERSON", "PER"})
_WORD = re.compile(r"[\w.'’-]+")
#: Locative endings of Turkic nouns ("hesabında", "brifinqdə", "Twitter-də", "açıklamasında").
_LOCATIVE = re.compile(r"(?:['’-]?(?:n?[dt][aeə]))$", re.IGNORECASE)
#: Genitive endings: a capitalised word in the genitive belongs to a title ("Hakimiyyətinin başçısı").
_GENITIVE = re.compile(r"(?:n?[ıiuü]n)$", re.IGNORECASE)
#: Words of a speaker clause read before the name is picked out of it.
_MAX_CLAUSE_WORDS = 24


def anaphoric_reports(text: str, sentences: Sequence[Offsets], previous: Optional[Offsets], paragraph: int,
                      cues: LanguageCues, taken: list[Offsets]) -> list[Candidate]:
    """Sentences that report the sentence before them ("Bunu X deyib", "Об этом сообщил X")."""
    out: list[Candidate] = []
    if cues.anaphor is None:
        return out
    before = previous
    for s_start, s_end in sentences:
        cand = _anaphoric(text, s_start, s_end, before, paragraph, cues, taken)
        if cand is not None:
            out.append(cand)
            taken.append(cand.cue)  # type: ignore[arg-type]
        before = (s_start, s_end)
    return out


def _anaphoric(text: str, s_start: int, s_end: int, before: Optional[Offsets], paragraph: int,
               cues: LanguageCues, taken: list[Offsets]) -> Optional[Candidate]:
    if before is None or cues.anaphor is None:
        return None
    opening = s_start
    frame = re.match(r"[^!?]{0,80}?" + cues.complementizer.pattern + r"\s*,", text[s_start:s_end], re.IGNORECASE)
    if frame is not None:
        opening = s_start + frame.end()
    anaphor = cues.anaphor.match(text, opening, s_end)
    if anaphor is None:
        return None
    body_end = s_end
    while body_end > s_start and text[body_end - 1] in ".!?…» ":
        body_end -= 1
    cue = next((m for m in cues.cue.finditer(text, anaphor.end(), body_end)
                if not any(a < m.end() and m.start() < b for a, b in taken)), None)
    if cue is None:
        return None
    if cues.according_position == "after":  # verb-final: "bunu X deyib"
        words = _words(text, anaphor.end(), cue.start())
    else:  # verb-second: "Об этом сообщил X"
        comma = text.find(",", cue.end(), body_end)
        words = _words(text, cue.end(), comma if comma >= 0 else body_end)
    words = [w for w in words if text[w[0]:w[1]].lower() not in cues.stop_words]
    if not words or len(words) > _MAX_CLAUSE_WORDS:
        return None
    content = _trim(text, *before)
    if content is None:
        return None
    return Candidate("indirect", (cue.start(), cue.end()), content, (words[0][0], words[-1][1]), cues.lang, paragraph)


def _words(text: str, a: int, b: int) -> list[Offsets]:
    return [(a + m.start(), a + m.end()) for m in _WORD.finditer(text[a:b]) if any(c.isalnum() for c in m.group(0))]


def _trim(text: str, a: int, b: int) -> Optional[Offsets]:
    while a < b and (text[a].isspace() or text[a] in "\"“”«»,-—–"):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ".!?\"“”«»,-—–"):
        b -= 1
    return (a, b) if b - a >= 2 else None


def narrow_speakers(text: str, cands: list[Candidate], entities: SpanIndex[Entity], cues: LanguageCues) -> None:
    """Speaker mentions narrowed to their name; the words before a name kept as its role (in place)."""
    for c in cands:
        if c.speaker is None:
            continue
        a, b = c.speaker
        people = [e for e in entities.within(a, b) if e.label in PERSON_LABELS]
        if people:
            name = people[-1]
            if (name.start, name.end) != (a, b):
                c.speaker = (name.start, name.end)
                c.speaker_role = _trim(text, a, name.start) if name.start > a else c.speaker_role
            continue
        words = _words(text, a, b)
        run = _name_run(text, words, cues)
        if run is not None and not any(e.start < run[1] and run[0] < e.end for e in entities.within(a, b)):
            c.speaker = run
            c.speaker_role = _trim(text, a, run[0]) if run[0] > a else None
            continue
        orgs = [e for e in entities.within(a, b) if e.label == "ORG"]
        if orgs and (orgs[0].start, orgs[0].end) != (a, b):
            # "Baş Prokurorluğun Mətbuat Xidmətindən məlumatında", "Başsavcılığından yapılan açıklamada":
            # the office speaks through its press service or statement.
            c.speaker = (orgs[0].start, orgs[0].end)
            continue
        if entities.within(a, b):
            continue  # a place's mention is resolved whole
        while len(words) > 1 and _LOCATIVE.search(text[words[-1][0]:words[-1][1]]) \
                and cues.according_position == "after":
            words = words[:-1]
        c.speaker = (words[0][0], words[-1][1]) if words else c.speaker


def _name_run(text: str, words: list[Offsets], cues: LanguageCues) -> Optional[Offsets]:
    """The last run of two to four capitalised words after a lower-case word, none of them in the genitive
    (a title's words are: "Tərtər Rayon İcra Hakimiyyətinin başçısı Müstəqim Məmmədov")."""
    runs: list[list[Offsets]] = []
    current: list[Offsets] = []
    for w in words:
        word = text[w[0]:w[1]]
        if word[:1].isupper() and not word.isupper():
            current.append(w)
            continue
        if current:
            runs.append(current)
        current = []
    if current:
        runs.append(current)
    for run in reversed(runs):
        first = words.index(run[0])
        if first == 0 or not 2 <= len(run) <= 4:
            continue
        if any(_GENITIVE.search(text[w[0]:w[1]]) and cues.according_position == "after" for w in run):
            continue
        return run[0][0], run[-1][1]
    return None


def same_act(text: str, cands: list[Candidate], taken: Sequence[Offsets]) -> list[Candidate]:
    """Drop a reported cue that only closes another cue's clause: '"...", - deyə X Twitter-də yazıb'
    (the converb "deyə" and the final verb tell one act; the quotation is attributed already)."""
    kept = []
    for c in cands:
        if c.cue is not None and c.kind == "indirect" and any(
                t[1] <= c.cue[0] and not re.search(r"[,;:!?«»“”\"]|\.(?:\s|$)", text[t[1]:c.cue[0]])
                and len(text[t[1]:c.cue[0]].split()) <= 6 for t in taken):
            continue
        kept.append(c)
    return kept


#: A subject pronoun inverted into the cue ("a-t-il lancé", "dit-elle", "ont-ils affirmé").
_INVERTED = re.compile(r"-(?:t-)?(il|elle|ils|elles)(?!\w)", re.IGNORECASE)


def inverted_speakers(text: str, cands: list[Candidate]) -> None:
    """A cue with its subject pronoun inverted into it names its speaker: that pronoun (in place)."""
    for c in cands:
        if c.cue is None:
            continue
        m = _INVERTED.search(text, c.cue[0], c.cue[1])
        if m is not None:
            c.speaker, c.speaker_role = (m.start(1), m.end(1)), None
