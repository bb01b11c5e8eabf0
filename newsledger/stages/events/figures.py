"""Casualty figures as stated: numbers (digits and number words) bound to casualty words.

``find_figures(text, lang, offset)`` returns :class:`FigureMention` items: the kind
(killed, injured, hit, missing, captured, displaced), the :class:`~newsledger.models.Figure`
with the exact span of the number expression, and the victim noun when one follows.
Vague counts ("dozens", "numerous", "десятки", "onlarla", "de nombreux") keep low/high null;
"at least 10" gives low 10 and no high; "10 to 12" a range; "including 4 women" is a
subgroup, noted on the figure it belongs to and never added; "one of the wounded later
died" is noted on the injured figure, never merged into the killed one. The numbers come from
:mod:`.numbers`, the casualty words and victim phrases of each language from :mod:`.patterns`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Optional

from newsledger.models import Figure, Span
from newsledger.stages.events.numbers import NumberMatch, find_numbers, parse_number
from newsledger.stages.events.patterns import _conjunction, _patterns, event_languages, guess_lang

#: Words allowed between a number and its casualty word ("10 civilians were killed").
_MAX_GAP_AFTER_NUMBER = 6
#: Words allowed between a casualty word and its number ("death toll rose to 10").
_MAX_GAP_AFTER_KEYWORD = 3

_WORD = re.compile(r"[\w'’-]+", re.UNICODE)


@dataclass
class FigureMention:
    kind: str
    figure: Figure
    noun: Optional[str] = None
    #: Offset of the casualty word the number was bound to (document coordinates).
    keyword_start: int = 0


def _gap_words(text: str) -> int:
    return len(_WORD.findall(text))


def find_figures(text: str, lang: str, offset: int = 0) -> list[FigureMention]:
    """Casualty figures in one sentence or clause; spans are ``offset``-shifted (document coordinates)."""
    lang = lang if lang in event_languages() else guess_lang(text)
    pats = _patterns(lang)
    if pats["keyword"] is None:
        return []
    keywords = [(m.start(), m.end(), m.lastgroup or "") for m in pats["keyword"].finditer(text)]
    if not keywords:
        return []
    numbers = find_numbers(text, lang)
    later = pats["later_died"].search(text) if pats["later_died"] is not None else None
    if later:  # "one of the wounded later died" is a note, not a second killed figure
        numbers = [n for n in numbers if not (later.start() - 4 <= n.end and n.start < later.end())]
    mentions: list[tuple[NumberMatch, str, int]] = []
    coordinated = _coordinated_mentions(text, keywords, lang, pats) if pats["english"] else []
    if coordinated:  # "a man and two women were shot": the parts are counted together, not one by one
        mentions.extend(coordinated)
        numbers = [n for n in numbers if not any(c.start <= n.start < c.end for c, _, _ in coordinated)]
    subgroups = _subgroup_numbers(text, numbers, pats)
    used: set[int] = set()
    # Pass 1: casualty word then number ("killing 10 civilians", "погибли 10 человек").
    for ks, ke, kind in keywords:
        for i, n in enumerate(numbers):
            if i in used or i in subgroups or n.start < ke:
                continue
            gap = text[ke:n.start]
            if (_gap_words(gap) <= _MAX_GAP_AFTER_KEYWORD and not re.search(r"[.;:!?(),]", gap)
                    and not _conjunction().search(gap) and not _keyword_between(keywords, ke, n.start)):
                if (_gap_words(gap) == 0
                        or re.search(r"\b(?:to|at|of|reached|rose|climbed|tops|topped|hit|stands?|stood|is|was|были|составило|до)\b",
                                     gap, re.I)
                        or not pats["english"]):
                    used.add(i)
                    mentions.append((n, kind, ks))
            break
    # Pass 2: number then casualty word ("10 civilians were killed", "10 nəfər şəhid olub").
    for i, n in enumerate(numbers):
        if i in used or i in subgroups:
            continue
        for ks, ke, kind in keywords:
            if ks < n.end:
                continue
            gap = text[n.end:ks]
            gap_clean = _strip_subgroups(gap, pats)
            asides = [(n.end + a.start(), n.end + a.end()) for a in _ASIDE.finditer(gap)]
            if (_gap_words(gap_clean) <= _MAX_GAP_AFTER_NUMBER and not re.search(r"[.;:!?]", gap_clean)
                    and not any(m.start > n.end and m.end <= ks and j not in subgroups
                                and not any(a <= m.start < b for a, b in asides) for j, m in enumerate(numbers))
                    and not re.search(r"\b(?:said|says|told|and|but|while|after|before|when|which|not|never|charged|indicted|arrested"
                                      r"|sentenced|convicted|accused|jailed|booked|suspects?)\b|n[’']t\b", gap_clean, re.I)
                    and (not re.search(r"\bwho\b", gap_clean, re.I) or _RELATIVE_VICTIM.fullmatch(gap_clean))
                    and not _active_voice(text, gap_clean, ke)):
                used.add(i)
                mentions.append((n, kind, ks))
            break
    if pats["english"] and pats["singular"] is not None:
        taken = numbers + [c for c, _, _ in coordinated]
        mentions.extend(_singular_mentions(text, keywords, taken, pats))
    mentions = _shot_then_died(text, mentions)
    mentions += _zero_for_both(text, mentions, keywords)
    if pats["patronymic"] is not None:
        mentions += _named_by_patronymic(text, mentions, keywords, pats["patronymic"], pats["verb_final"])
    result = []
    for n, kind, ks in sorted(mentions, key=lambda t: t[0].start):
        n = _surviving_part(text, n, kind, ks)
        note = n.note
        sub = [numbers[j] for j in subgroups if subgroups[j] == n.start]
        if sub:
            parts = [text[s.start:s.end] + _noun_after(text, s.end) for s in sub]
            note = _join_note(note, "subgroup, not added: including " + "; ".join(parts))
        fig = Figure(n.low, n.high, offset + n.start, offset + n.end, text[n.start:n.end], note, label=n.label)
        fig = _with_pronoun_head(text, fig, n, offset)
        result.append(FigureMention(kind, fig, _noun_after(text, n.end).strip() or None, offset + ks))
    if later:
        start = later.start()
        head = re.search(r"(?:\S+\s+)?$", text[max(0, start - 30):start])  # "One" of "One of the wounded"
        if head and head.group(0).strip():
            start -= len(head.group(0))
        note = text[start:later.end()]
        result.append(FigureMention("later_died", Figure(None, None, offset + start, offset + later.end(), note,
                                                         "later death among the injured; not merged into killed"), None, offset + start))
    return result


#: "or"/"and" between two casualty words of one stated zero, in every pack's words ("niemand getötet oder verletzt").
_EITHER = re.compile(r"\s+(?:or|and|nor|oder|und|noch|ou|et|ni|или|и|ни|або|і|чи|və ya|və|yaxud|veya|ya da|ve|ne de|կամ|և|ու"
                     r"|o|e|né|ou|nem)\s+$", re.I)


def _zero_for_both(text: str, mentions: list[tuple[NumberMatch, str, int]],
                   keywords: list[tuple[int, int, str]]) -> list[tuple[NumberMatch, str, int]]:
    """"No one was killed or injured": a stated zero holds for both casualty words it governs."""
    out: list[tuple[NumberMatch, str, int]] = []
    kinds = {kind for _, kind, _ in mentions}
    for n, kind, ks in mentions:
        if n.note != "none":
            continue
        end = next((ke for s, ke, _ in keywords if s == ks), None)
        if end is None:
            continue
        for s, _, other in keywords:
            if s >= end and other != kind and other not in kinds and _EITHER.search(text[end:s]) and len(text[end:s]) < 12:
                out.append((NumberMatch(n.start, n.end, 0, 0, "none"), other, s))
                kinds.add(other)
    return out


#: Between two named victims of a list, or a list and its casualty word: a few words, no sentence or clause end.
_NAME_GAP = re.compile(r"[^.;:!?\d]{0,60}")
#: A given name and a father's name before the patronymic ("Tunar Qoşqar oğlu").
_NAMES_BEFORE = re.compile(r"(?:[A-ZƏÇĞİÖŞÜА-ЯЁІЇЄҐ][\w'’-]*\s+){0,2}$")
_SURNAME_AFTER = re.compile(r"\s+[A-ZƏÇĞİÖŞÜА-ЯЁІЇЄҐ][\w'’-]*")


def _named_by_patronymic(text: str, mentions: list[tuple[NumberMatch, str, int]], keywords: list[tuple[int, int, str]],
                         patronymic: re.Pattern[str], verb_final: bool) -> list[tuple[NumberMatch, str, int]]:
    """Victims told by name, with patronymics ("Əliyev Tunar Qoşqar oğlu həlak olub", "погибли ... Меджид гызы,
    ... Халил оглу"): one person per patronymic of the list next to the casualty word (note ``named victims``).

    The names come before the verb, or (not in verb-final languages) after it; a name counts for one word only.
    """
    markers = list(patronymic.finditer(text))
    if not markers:
        return []
    out: list[tuple[NumberMatch, str, int]] = []
    bound = {kind for _, kind, _ in mentions}
    used: set[int] = set()
    for ks, ke, kind in keywords:
        if kind in bound or kind not in ("killed", "injured"):
            continue
        run: list[re.Match[str]] = []
        free = [m for m in markers if m.start() not in used]
        before = [m for m in free if m.end() <= ks]  # the names, then the verb (az, tr)
        if before and _NAME_GAP.fullmatch(text[before[-1].end():ks]) and len(text[before[-1].end():ks].split()) <= 2:
            run = [before[-1]]
            for m in reversed(before[:-1]):
                if not (_NAME_GAP.fullmatch(text[m.end():run[0].start()]) and len(text[m.end():run[0].start()].split()) <= 5):
                    break
                run.insert(0, m)
        after = [] if verb_final else [m for m in free if m.start() >= ke]  # the verb, then the names (ru, uk)
        if not run and after and _NAME_GAP.fullmatch(text[ke:after[0].start()]) and len(text[ke:after[0].start()].split()) <= 8:
            run = [after[0]]
            for m in after[1:]:
                if not (_NAME_GAP.fullmatch(text[run[-1].end():m.start()]) and len(text[run[-1].end():m.start()].split()) <= 5):
                    break
                run.append(m)
        if not run:
            continue
        head = _NAMES_BEFORE.search(text, max(0, run[0].start() - 60), run[0].start())
        start = head.start() if head else run[0].start()
        tail = _SURNAME_AFTER.match(text, run[-1].end())
        end = tail.end() if tail and tail.end() <= ks or (tail and ks < run[0].start()) else run[-1].end()
        out.append((NumberMatch(start, end, len(run), len(run), f"named victims: {len(run)} by name"), kind, ks))
        bound.add(kind)
        used.update(m.start() for m in run)
    return out


_SURVIVED = re.compile(r"survived|(?:is |are |was |were )?expected to survive", re.I)
_PART_OF_BEFORE = re.compile(r"(?<!\w)(\w+)\s+of\s+(?:the\s+)?$", re.I)


def _surviving_part(text: str, n: NumberMatch, kind: str, keyword_start: int) -> NumberMatch:
    """"One of the five victims survived": the part survived, not the whole (the part's span, noted)."""
    part = _PART_OF_BEFORE.search(text, max(0, n.start - 16), n.start)
    if (kind != "injured" or part is None or n.low is None or not _SURVIVED.match(text, keyword_start)
            or part.group(1).lower() not in _PART_WORDS or _PART_WORDS[part.group(1).lower()] >= n.low):
        return n
    p = _PART_WORDS[part.group(1).lower()]
    return NumberMatch(part.start(1), part.end(1), p, p, f"partitive: {part.group(0)}{text[n.start:n.end]} survived")


#: "after he and four others were shot": the person told before "and N others" is one more of the same count.
_PRONOUN_AND = re.compile(r"(?<!\w)(?:he|she)\s+and\s+$", re.I)
_OTHERS_AFTER = re.compile(r"\s+others?\b", re.I)


def _with_pronoun_head(text: str, fig: Figure, n: NumberMatch, offset: int) -> Figure:
    """"he and four others were shot" -> 5 (derived: the pronoun plus the others, both spans kept)."""
    head = _PRONOUN_AND.search(text, 0, n.start)
    if head is None or n.low is None or not _OTHERS_AFTER.match(text, n.end):
        return fig
    pronoun_end = head.start() + len(head.group(0).split()[0])
    parts = [Span(offset + head.start(), offset + pronoun_end, text[head.start():pronoun_end]),
             Span(fig.start, fig.end, fig.text)]
    high = n.high + 1 if n.high is not None else None
    return Figure(n.low + 1, high, fig.start, fig.end, fig.text,
                  _join_note(fig.note, f"derived: {parts[0].text!r} + {fig.text!r} others"), parts)


#: ", 16 and 17 years old," / ", ages 19 and 22," inside a gap: an aside whose numbers are not counts.
_ASIDE = re.compile(r",[^,]{1,40},")
#: "people who were" / "teens who had been": a relative clause that keeps the number bound to its verb.
_RELATIVE_VICTIM = re.compile(r"\s*(?:[\w'’-]+\s+){0,3}who\s+(?:(?:were|was|had|have|has)\s+)?(?:been\s+)?(?:also\s+)?", re.I)
#: An object after a transitive casualty verb: "killed his wife", "shot a man" (the phrase before is the shooter).
_OBJECT_AFTER = re.compile(r"\s+(?:a|an|the|his|her|their|him|them|its|my|our|himself|herself|themselves|[A-Z][a-z]+\s+[A-Z][a-z]+"
                           r"|(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July"
                           r"|August|September|October|November|December)\b)[A-Z][a-z]+(?!\s+[a-z]+ed\b)"
                           r"|\d+|one|two|three|four|five|six|seven|eight|nine|ten)\b")
_TRANSITIVE = re.compile(r"(?:shot and killed|shot & killed|fatally shot|killed|kills|kill|shot|wounded|injured|injures|stabbed|murdered)$",
                         re.I)
_DIED_AFTER = re.compile(r"[^.;!?]{0,80}?\b(?:(?:later\s+|has\s+|have\s+|had\s+|since\s+)?died|dies|succumbed"
                         r"|(?:(?:was|were|been|and)\s+)?pronounced\s+dead)\b", re.I)


def _active_voice(text: str, gap: str, keyword_end: int) -> bool:
    """"two gunmen killed a man": the count before an active transitive verb with an object is not the victims."""
    if re.search(r"\b(?:was|were|been|being|is|are|get|got|left)\b", gap, re.I):
        return False
    keyword = text[max(0, keyword_end - 20):keyword_end]
    after = _AND_VERB.sub("", text[keyword_end:keyword_end + 60], count=1)  # "who shot and injured five people"
    return bool(_TRANSITIVE.search(keyword)) and bool(_OBJECT_AFTER.match(after))


_AND_VERB = re.compile(r"^\s+(?:and|&)\s+(?:killed|injured|wounded|critically\s+injured|seriously\s+injured)(?=\s)", re.I)
#: "a shooting that injured 5 people": the casualty verb's subject is the relative pronoun, not the phrase before.
_RELATIVE_SUBJECT = re.compile(r"\b(?:that|which)\s+(?:\w+ly\s+)?$", re.I)
#: A clause about someone charged or sought lies between a person and a casualty word: the person is not the victim.
_LEGAL_GAP = re.compile(r"\b(?:charged|arrested|accused|indicted|sentenced|convicted|wanted|suspected|sought|booked|jailed|pleaded"
                        r"|looking for)\b", re.I)


_PART_WORDS = {"one": 1, "two": 2, "three": 3, "1": 1, "2": 2, "3": 3}
_PART_BEFORE = re.compile(r"(?<!\w)(\w+)\s+of\s+$", re.I)


def _shot_then_died(text: str, mentions: list[tuple[NumberMatch, str, int]]) -> list[tuple[NumberMatch, str, int]]:
    """"A baby shot on Sunday has died": people hit who then died are killed (noted), when no count comes between."""
    out = []
    starts = sorted(n.start for n, _, _ in mentions)
    for n, kind, ks in mentions:
        if kind == "hit":
            limit = next((s for s in starts if s > ks), len(text))
            m = _DIED_AFTER.match(text, ks, limit)
            part = _PART_BEFORE.search(text, max(0, n.start - 16), n.start)
            if m and part and n.low is not None and part.group(1).lower() in _PART_WORDS and _PART_WORDS[part.group(1).lower()] < n.low:
                # "One of two girls critically shot has died": the part died, the whole was shot
                p = _PART_WORDS[part.group(1).lower()]
                out.append((NumberMatch(part.start(1), part.end(1), p, p,
                                        f"partitive: {part.group(0)}{text[n.start:n.end]} shot, then died"),
                            "killed", ks))
                out.append((n, kind, ks))
                continue
            if m:
                note = (n.note + "; " if n.note else "") + "shot, then died"
                n = NumberMatch(n.start, n.end, n.low, n.high, note)
                kind = "killed"
        out.append((n, kind, ks))
    return out


def _coordinated_mentions(text: str, keywords: list[tuple[int, int, str]], lang: str,
                          pats: dict[str, Any]) -> list[tuple[NumberMatch, str, int]]:
    """"A man and a woman were shot", "killing two men and a teenager": one figure, the parts added, noted."""
    pattern = pats["coordination"]
    if pattern is None:
        return []
    out = []
    for m in pattern.finditer(text):
        if pats["subgroup"] is not None and pats["subgroup"].search(text[max(0, m.start() - 30):m.start()]):
            continue  # "including 4 women, and 40 others were injured": a subgroup, then a new figure
        parts = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", m.group(0))
        total = 0
        for part in parts:
            head = part.split()[0].lower() if part.split() else ""
            value = 1 if head in ("a", "an", "one", "his", "her", "their", "the") else parse_number(_leading_number(part, pats), lang)
            if value is None:
                total = 0
                break
            total += value
        if total < 2:
            continue
        kind_at = _bind_keyword(text, keywords, m.start(), m.end())
        if kind_at is None or (kind_at[1] > m.end() and _NEGATED.search(text[m.end():kind_at[1]])):
            continue  # "The driver and two other children were not injured"
        note = f"counted: {m.group(0)}"
        out.append((NumberMatch(m.start(), m.end(), total, total, note), kind_at[0], kind_at[1]))
    return out


def _leading_number(part: str, pats: dict[str, Any]) -> str:
    m = pats["token"].match(part)
    return m.group(0) if m else part.split()[0]


def _bind_keyword(text: str, keywords: list[tuple[int, int, str]], start: int, end: int) -> Optional[tuple[str, int]]:
    """The casualty word a person phrase at ``text[start:end]`` belongs to: "killing <phrase>" or "<phrase> were shot"."""
    before = next(((kind, ks) for ks, ke, kind in reversed(keywords) if ke <= start
                   and re.fullmatch(r"\s+(?:of\s+)?", text[ke:start])), None)
    if before:
        return before
    for ks, ke, kind in keywords:
        if ks < end:
            continue
        gap = text[end:ks]
        if _active_voice(text, gap, ke):
            return None
        if (_gap_words(gap) <= 5 and not re.search(r"[.;:!?]", gap)
                and re.match(r"\s*(?:(?:[\w,'-]+\s+){0,3}?(?:(?:who\s+)?(?:were|was|are|have been|had been|both\s+were)\b"
                             r"|who\b|with\b|suffering\b)|$)", gap)):
            return kind, ks
        break
    return None


def _keyword_between(keywords: list[tuple[int, int, str]], start: int, end: int) -> bool:
    return any(start <= ks and ke <= end for ks, ke, _ in keywords)


def _subgroup_numbers(text: str, numbers: list[NumberMatch], pats: dict[str, Any]) -> dict[int, int]:
    """Numbers after "including"/"among them" -> start of the head number they belong to."""
    cue = pats["subgroup"]
    out: dict[int, int] = {}
    if cue is None:
        return out
    for i, n in enumerate(numbers):
        if i == 0 or not cue.search(text[max(0, n.start - 30):n.start]):
            continue
        head = next((numbers[j] for j in range(i - 1, -1, -1) if j not in out), None)
        if head is not None:
            out[i] = head.start
    return out


def _strip_subgroups(gap: str, pats: dict[str, Any]) -> str:
    """A gap without its ", including two children," aside, so the head still binds."""
    return re.sub(r",[^,]*,", " ", gap) if pats["subgroup"] is not None and "," in gap else gap


def _noun_after(text: str, end: int) -> str:
    m = re.match(r"\s+([^\W\d_][\w'-]*)", text[end:end + 40])
    if not m:
        return ""
    noun = m.group(1)
    if re.match(r"(?:were|was|are|is|have|has|had|of|and|or|to|in|at|on|others?|killed|injured|wounded|dead|fatally)\b", noun, re.I):
        return ""
    return " " + noun


#: Between a singular victim and its casualty word: an auxiliary or passive, then at most a short clause
#: ("A 7-year-old girl was taken to the hospital after being accidentally shot", "a boy has died").
_SINGULAR_GAP = re.compile(r"\s*(?:[\w,'’-]+\s+){0,5}?(?:(?:who\s+)?"
                           r"(?:was|has been|had been|is|has|had|remains|remained|suffered|suffers|sustained|received)\b[^.;:!?]{0,70}"
                           r"|who\b\s*|[^.;:!?]{0,60}\bafter\s+(?:being|(?:he|she)\s+(?:was|had\s+been))\s+(?:\w+ly\s+)?)$"
                           r"|\s*(?:[\w,'’-]+\s+){0,3}?(?:who\s+)?(?:was|has been|is|had been)\b.*|\s*$", re.I | re.S)
#: "a man who said his stepson had been shot": the relative clause makes the person a speaker or witness, not the victim.
_SPEAKER_GAP = re.compile(r"\bwho\s+(?:\w+ly\s+)?(?:said|says|told|tells|called|calls|reported|reports|saw|sees|heard|hears|witnessed|"
                          r"found|finds|discovered|believed|believes|thought|thinks|feared|fears)\b", re.I)
_NEGATED = re.compile(r"\b(?:not|never|no)\b|n[’']t\b", re.I)
#: A casualty verb that takes its victim as object: "shot his 10-year-old brother", "wounded a 7-year-old boy".
_VICTIM_VERB = re.compile(r"(?:shot|shooting|shoots|wounded|wounding|wounds|injured|injuring|injures|killed|killing|kills|hit|hitting|"
                          r"struck|striking|grazed|death|deaths|death of|deaths? of|murder of|slaying of)$", re.I)
_NAMED_OBJECT = re.compile(r"\s+(?:of\s+)?((?:\d+-year-old\s+)?(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
                           r"[A-Z][a-z'’-]+(?:\s+[A-Z]\.)?\s+[A-Z][a-z'’-]+(?:\s+(?:Jr|Sr|II|III)\.?)?)(?!\s+(?:police|officers?|deputies|County|Police|Street|Avenue))")
_REFLEXIVE = re.compile(r"(?<!\w)(?P<verb>shot|shoots|shooting|wounded|wounding|injured|injuring|killed|killing|kills)"
                        r"\s+(?:(?:him|her)self|themselves)(?!\w)", re.I)


def _singular_mentions(text: str, keywords: list[tuple[int, int, str]], numbers: list[NumberMatch],
                       pats: dict[str, Any]) -> list[tuple[NumberMatch, str, int]]:
    """English singular victims: "A 13-year-old boy was shot and killed" -> 1, "shot his brother" -> 1, "shot himself" -> 1.

    A definite victim ("the girl was shot") binds only through an auxiliary or as an object; a negated gap
    ("a man was not injured") binds nothing; a victim never binds across another count.
    """
    out: list[tuple[NumberMatch, str, int]] = []
    named = list(pats["named"].finditer(text)) if pats.get("named") is not None else []
    definite = list(pats["definite"].finditer(text)) if pats.get("definite") is not None else []
    matches = sorted(list(pats["singular"].finditer(text)) + named + definite, key=lambda m: (m.start(), -m.end()))
    for m in matches:
        if any(o.start <= m.start() < o.end or m.start() <= o.start < m.end() for o, _, _ in out):
            continue
        if any(n.start <= m.start() < n.end or m.start() <= n.start < m.end() for n in numbers):
            continue
        is_definite = m.re is pats.get("definite")
        note = "named victim" if m.re is pats.get("named") else None
        additive = pats["additive"].match(m.group(0)) if pats["additive"] is not None else None
        if additive:
            note = f"additional victim: {m.group(0)}"
        before = next(((ks, ke, kind) for ks, ke, kind in reversed(keywords) if ke <= m.start()
                       and re.fullmatch(r"\s+(?:of\s+)?", text[ke:m.start()])), None)
        if before and (before[2] == "killed" or _VICTIM_VERB.search(text[max(0, before[0] - 12):m.start()].rstrip())):
            # "fatally shooting a motorcycle rider", "the death of a 10-year-old girl", "shot his 10-year-old brother"
            if not re.search(r"\b(?:by|from)\s*$", text[max(0, before[0] - 6):before[0]]):
                out.append((NumberMatch(m.start(), m.end(), 1, 1, note), before[2], before[0]))
                continue
        for ks, ke, kind in keywords:
            if ks < m.end() or text[ks:ke].lower() == "lives":  # "a woman who lives nearby": the verb, not "10 lives"
                continue
            gap = text[m.end():ks]
            if _active_voice(text, gap, ke) or _NEGATED.search(gap) or _LEGAL_GAP.search(gap) or _SPEAKER_GAP.search(gap):
                break
            if _RELATIVE_SUBJECT.search(gap) and _OBJECT_AFTER.match(_AND_VERB.sub("", text[ke:ke + 60], count=1)):
                break
            if any(m.end() <= n.start < ks for n in numbers):
                break
            bound = _SINGULAR_GAP.match(gap)
            if (is_definite and bound and not re.search(r"\b(?:was|has been|had been|is|has|had|remains|remained)\b", gap, re.I)
                    and not (re.fullmatch(r"\s+(?:later\s+|\w+ly\s+)?", gap) and re.fullmatch(r"died|dies|succumbed", text[ks:ke], re.I))):
                bound = None  # "the man who shot Williams": a definite phrase needs its auxiliary ("the boy died" needs none)
            if bound and not re.search(r"[.;:!?]", gap) and (
                    _gap_words(gap) <= 5
                    or re.match(r"\s*(?:[\w,'’-]+\s+){0,5}?(?:who\s+)?(?:was|has been|had been|is|has|had|remains|remained)\b", gap, re.I)):
                if not note and re.search(r"\b(?:also|too)\b", gap):
                    note = f"additional victim: {m.group(0)} ... also"
                out.append((NumberMatch(m.start(), m.end(), 1, 1, note), kind, ks))
            break
    for ks, ke, kind in keywords:  # "killed 22-year-old Dashwan Smith", "the shooting death of Iris Rodriguez"
        if not _VICTIM_VERB.search(text[max(0, ks - 12):ke]):
            continue
        o = _NAMED_OBJECT.match(text, ke)
        if o is None or any(s <= o.start(1) < e or o.start(1) <= s < o.end() for s, e in
                            [(x.start, x.end) for x, _, _ in out] + [(n.start, n.end) for n in numbers]):
            continue
        out.append((NumberMatch(o.start(1), o.end(), 1, 1, "named victim"), kind, ks))
    for r in _REFLEXIVE.finditer(text):  # "accidentally shot himself in the leg": the shooter is the one victim
        start = r.end() - len(r.group(0).split()[-1])
        if any(o.start <= start < o.end for o, _, _ in out) or any(n.start <= start < n.end for n in numbers):
            continue
        verb = r.group("verb").lower()
        kind = "killed" if verb.startswith("kill") else "hit" if verb.startswith("shot") or verb.startswith("shoot") else "injured"
        if re.search(r"\bfatally\s+$", text[max(0, r.start() - 10):r.start()], re.I):
            kind = "killed"
        note = "self-inflicted"
        if any(k == kind and o.start < start for o, k, _ in out) or any(n.end <= r.start() for n in numbers):
            note = "self-inflicted; additional victim: " + r.group(0)  # "killed his wife and then himself"
        out.append((NumberMatch(start, r.end(), 1, 1, note), kind, r.start()))
    return out


def _join_note(a: Optional[str], b: str) -> str:
    return f"{a}; {b}" if a else b
