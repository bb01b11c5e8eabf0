"""Which sentences tell an event: the body sentences, their trigger words and their casualty figures.

Triggers come from the language packs (``event_triggers`` of :mod:`newsledger.lang`: attack with ACLED-like
subtypes, ceasefire/agreement, meeting/talks, interview/statement, protest, territory change); a sentence that
states casualties without a trigger is an attack of unknown subtype. An attack word the pack's ``not_occurred``
words deny ("a pause in the shooting") is no trigger; a running total ("since the war began") keeps its figures,
noted so that no incident counts them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from newsledger import lang as languages
from newsledger.models import Document
from newsledger.stages.events.figures import FigureMention, find_figures
from newsledger.stages.events.merging import RUNNING_TOTAL
from newsledger.stages.events.patterns import norm_lang
from newsledger.stages.spans import ParagraphIndex

EVENT_TYPES = ("attack", "ceasefire/agreement", "meeting/talks", "interview/statement", "protest", "territory change", "other")
#: Most specific first: a sentence with "missile" and "attack" is a missile attack.
_ATTACK_ORDER = ("shelling/artillery/missile", "air or drone strike", "armed clash", "attack on civilians", "_other")


@dataclass
class _Sentence:
    start: int
    end: int
    paragraph: int
    lang: str


@dataclass
class _Trigger:
    type: str
    subtype: Optional[str]
    start: int
    end: int


@lru_cache(maxsize=None)
def _trigger_patterns(lang: str) -> list[tuple[str, Optional[str], re.Pattern[str]]]:
    out = []
    for etype, subtypes in languages.get(lang).event_triggers.items():
        for subtype, pats in subtypes.items():
            if not pats:
                continue
            pattern = re.compile(r"(?<!\w)(?:" + "|".join(sorted(pats, key=len, reverse=True)) + r")(?!\w)", re.I)
            out.append((etype, None if subtype.startswith("_") else subtype, pattern))
    return out


def find_triggers(text: str, lang: str, offset: int = 0) -> list[_Trigger]:
    """Event triggers in one sentence (document offsets), longest match first at each place."""
    found = []
    for etype, subtype, pattern in _trigger_patterns(lang):
        for m in pattern.finditer(text):
            found.append(_Trigger(etype, subtype, offset + m.start(), offset + m.end()))
    return found


def _sentences(doc: Document) -> list[_Sentence]:
    """Sentences of body paragraphs, as the entities stage segmented them (nothing is split here)."""
    body = {i: p for i, p in doc.body_paragraphs()}
    paragraphs = ParagraphIndex(doc.paragraphs)
    out: list[_Sentence] = []
    for s in doc.sentences:
        para = s.paragraph if s.paragraph in body else paragraphs.at(s.start)
        if para in body:
            out.append(_Sentence(s.start, s.end, para, norm_lang(body[para].lang, s.text)))
    return out


@lru_cache(maxsize=None)
def _not_occurred(lang: str) -> Optional[re.Pattern[str]]:
    """Words before an attack word saying it did not happen: "a pause in the shooting", "перед новыми ударами"."""
    words = languages.get(lang).not_occurred
    if not words:
        return None
    determiners = r"(?:the|a|an|any|new|further|more|fresh|les|des|de|la|le|новыми|новых|новые|новым|дальнейших|любых)"
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
                      + r")\s+(?:" + determiners + r"\s+){0,2}$", re.I)


def _did_not_happen(doc: Document, trig: _Trigger, lang: str) -> bool:
    pattern = _not_occurred(lang)
    return pattern is not None and pattern.search(doc.text, max(0, trig.start - 40), trig.start) is not None


#: A count over a whole war or campaign ("Hundreds of people have been killed since then", "с начала
#: боевых действий", "savaş başladığından beri"): no one incident's figure.
_RUNNING_TOTAL = re.compile(
    r"(?i)(?<!\w)(?:since then|since the (?:war|fighting|conflict|clashes|hostilities|offensive|escalation)\b|"
    r"since the (?:start|beginning|outbreak) of|to date|in total|so far|all told|"
    r"с тех пор|с начала|за время (?:боевых|конфликта|войны)|всего с|"
    r"o vaxtdan bəri|münaqişənin əvvəlindən|başladığından (?:beri|bu yana)|şimdiye kadar|o zamandan beri|"
    r"depuis le début|depuis lors|au total)(?!\w)")


#: Event types a generic statement, a condition, a call or a denial can name without it happening
#: ("called for a ceasefire", "denied shelling Stepanakert"); meetings and statements are told as they happen.
_REAL_ONLY = ("attack", "ceasefire/agreement", "protest", "territory change")
#: How far before (or, in verb-final languages, after) a trigger a call or a denial governs it, in characters.
_CLAUSE_REACH = 100


@lru_cache(maxsize=None)
def _not_happened_cues(lang: str) -> dict[str, re.Pattern[str]]:
    cues = languages.get(lang).not_happened
    out = {}
    for kind, pattern in cues.items():
        if kind == "generic":  # a determiner right before the trigger: "such attacks", "подобные удары"
            out[kind] = re.compile(rf"(?<!\w)(?:{pattern})\s+$", re.I)
        else:
            out[kind] = re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.I)
    return out


def _not_happened(text: str, start: int, end: int, lang: str) -> bool:
    """Whether a generic, conditional, call or denial cue governs the trigger at ``start:end`` (sentence offsets).

    Conditions and generic determiners come before the trigger in every language; a call or a denial comes before
    it in verb-medial languages ("denied shelling"), and in verb-final ones (az, tr, hy) also after it, with the verb
    ("... atəşə tutduğunu təkzib edib"). A clause boundary (; : .) in between ends the reach.
    """
    cues = _not_happened_cues(lang)
    if not cues:
        return False
    generic = cues.get("generic")
    if generic is not None and generic.search(text, max(0, start - 40), start):
        return True
    before = text[max(0, start - _CLAUSE_REACH):start]
    before = re.split(r"[;:.!?։؛]", before)[-1]
    after = re.split(r"[;:.!?։؛]", text[end:end + _CLAUSE_REACH])[0]
    verb_final = languages.get(lang).verb_final
    for kind in ("conditional", "call", "denial"):
        cue = cues.get(kind)
        if cue is None:
            continue
        # verb-final languages put a call or a denial after what it governs, or (a heavy object) before it
        if cue.search(before) or (verb_final and kind != "conditional" and cue.search(after)):
            return True
    return False


def _sentence_triggers(doc: Document, sent: _Sentence) -> tuple[list[_Trigger], list[FigureMention]]:
    text = doc.text[sent.start:sent.end]
    triggers = [t for t in find_triggers(text, sent.lang, sent.start)
                if t.type != "attack" or not _did_not_happen(doc, t, sent.lang)]
    figures = find_figures(text, sent.lang, sent.start)
    if _RUNNING_TOTAL.search(text):  # stated, so kept; noted, so no incident counts it
        for f in figures:
            tally = f"{RUNNING_TOTAL}: a count over the war, not one incident's"
            f.figure.note = f"{f.figure.note}; {tally}" if f.figure.note else tally
    if not figures:  # a sentence that states casualties tells something that happened, whatever else it says
        triggers = [t for t in triggers if t.type not in _REAL_ONLY
                    or not _not_happened(text, t.start - sent.start, t.end - sent.start, sent.lang)]
    chosen: list[_Trigger] = []
    attacks = [t for t in triggers if t.type == "attack"]
    if attacks:
        rank = {s: i for i, s in enumerate(_ATTACK_ORDER)}
        best_sub = min(attacks, key=lambda t: rank.get(t.subtype or "_other", 9)).subtype
        chosen.append(_Trigger("attack", best_sub, attacks[0].start, attacks[0].end))
    elif any(f.kind in ("killed", "injured", "hit") for f in figures):
        first = min(figures, key=lambda f: f.keyword_start)
        chosen.append(_Trigger("attack", None, first.keyword_start, first.keyword_start))
    for etype in EVENT_TYPES[1:]:
        of_type = [t for t in triggers
                   if t.type == etype and not any(c.start <= t.start < c.end or t.start <= c.start < t.end for c in chosen)]
        if of_type:
            chosen.append(of_type[0])
    return sorted(chosen, key=lambda t: t.start), figures
