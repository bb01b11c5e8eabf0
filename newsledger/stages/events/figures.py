"""Casualty figures as stated: numbers (digits and number words) bound to casualty words.

``find_figures(text, lang, offset)`` returns :class:`FigureMention` items: the kind
(killed, injured, hit, missing, captured, displaced), the :class:`~newsledger.models.Figure`
with the exact span of the number expression, and the victim noun when one follows.
Vague counts ("dozens", "numerous", "десятки", "onlarla", "de nombreux") keep low/high null;
"at least 10" gives low 10 and no high; "10 to 12" a range; "including 4 women" is a
subgroup, noted on the figure it belongs to and never added; "one of the wounded later
died" is noted on the injured figure, never merged into the killed one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Optional

from newsledger import lang as languages
from newsledger.models import Figure, Span

CASUALTY_KINDS = ("killed", "injured", "hit", "missing", "captured", "displaced")
#: Words allowed between a number and its casualty word ("10 civilians were killed").
_MAX_GAP_AFTER_NUMBER = 6
#: Words allowed between a casualty word and its number ("death toll rose to 10").
_MAX_GAP_AFTER_KEYWORD = 3
# Modifiers between a determiner and its person noun never include a determiner or a verb of the clause
# ("a shooting that wounded a 7-year-old boy" holds the victim "a 7-year-old boy", not "a shooting ...").
_MODIFIER = (r"(?:(?!(?:a|an|the|that|this|who|which|was|were|is|are|and|or|of|in|at|on|by|to|after|with|shot|killed|wounded|injured"
             r"|said|says|shooting|killing|wounding|injuring)\s)[\w'’.-]+\s+)")
_WORD = re.compile(r"[\w'’-]+", re.UNICODE)
_DIGITS = r"\d{1,3}(?:[,  ]\d{3})+(?!\d)|\d+(?![\d:/.,]\d)"


@lru_cache(maxsize=1)
def _conjunction() -> re.Pattern[str]:
    """Conjunctions of every pack: a number and a casualty word across one belong to two clauses."""
    words = {w for code in languages.codes() for w in languages.get(code).conjunctions}
    return re.compile(r"(?<!\w)(?:" + _alternation(sorted(words)) + r")(?!\w)", re.I)


@lru_cache(maxsize=1)
def event_languages() -> tuple[str, ...]:
    """Codes of the packs the events stage can read (triggers or casualty words)."""
    return tuple(code for code in languages.codes() if code != languages.DEFAULT and languages.get(code).has_events)


def guess_lang(text: str) -> str:
    """A cheap script/diacritic guess, used only when a paragraph has no language."""
    if re.search(r"[а-яёіїєґ]", text, re.I):
        return "uk" if re.search(r"[іїєґ]", text, re.I) else "ru"
    if "ə" in text or "Ə" in text:
        return "az"
    if re.search(r"[ğış]", text) and not re.search(r"[éèêàç]", text):
        return "tr"
    if re.search(r"[éèêàçù]|\b(?:les|des|une|dans|été)\b", text):
        return "fr"
    return languages.ENGLISH


def norm_lang(lang: Optional[str], text: str) -> str:
    """The pack language for a paragraph language code (``und`` and languages without event words guessed)."""
    base = languages.base_code(lang)
    return base if languages.known(base) and languages.get(base).has_events else guess_lang(text)


def _alternation(words: list[str], escape: bool = True) -> str:
    items = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w) if escape else w for w in items)


@dataclass(frozen=True)
class NumberMatch:
    """A number expression found in text (offsets relative to the searched string)."""

    start: int
    end: int
    low: Optional[int]
    high: Optional[int]
    note: Optional[str] = None


@dataclass
class FigureMention:
    kind: str
    figure: Figure
    noun: Optional[str] = None
    #: Offset of the casualty word the number was bound to (document coordinates).
    keyword_start: int = 0


@lru_cache(maxsize=None)
def _patterns(lang: str) -> dict[str, Any]:
    pack = languages.get(lang)
    words = pack.number_words
    word_alt = _alternation(list(words))
    joiners = pack.number_joiners
    sep = r"(?:[\s-]+" + (r"|\s+(?:" + "|".join(joiners) + r")\s+" if joiners else "") + r")"
    token = rf"(?:{_DIGITS}|(?:{word_alt})(?!\w))" if word_alt else rf"(?:{_DIGITS})"
    number = rf"{token}(?:{sep}(?:{word_alt})(?!\w))*" if word_alt else token
    quals = pack.qualifiers
    qual_alt = _alternation(list(quals))
    range_alt = _alternation(list(pack.range_joiners))
    full = (rf"(?<![\w.,])(?:(?P<qual>{qual_alt})\s+)?(?P<num>{number})"
            rf"(?:\s*(?:{range_alt})\s*(?P<num2>{number}))?(?![\w])")
    vague = list(pack.vague_quantities)
    kw_parts = []
    for kind in CASUALTY_KINDS:
        pats = pack.casualty_words.get(kind, [])
        if pats:
            kw_parts.append(rf"(?P<{kind}>{'|'.join(sorted(pats, key=len, reverse=True))})")
    # A longer casualty phrase must win over its prefix ("shot and killed" over "shot").
    keyword = re.compile(r"(?<!\w)(?:" + "|".join(kw_parts) + r")(?!\w)", re.I) if kw_parts else None
    persons = list(pack.person_nouns)
    additive_cue = pack.additive_cue
    person_alt = _alternation(persons, escape=False)
    modifier = _MODIFIER
    singular = (re.compile(rf"(?<!\w)(?:(?:an?|one|his|her|their|another)\s+{modifier}{{0,4}}?(?:{person_alt})(?:\s+(?:{person_alt}))?"
                           rf"|{additive_cue}(?:\s+one)?(?=\s+(?:also\s+|later\s+)?"
                           r"(?:was|were|is|has|had|died|dies|succumbed|suffered|injured|wounded|hurt|killed|dead)\b))(?!\w)", re.I)
                if persons else None)
    subgroup = list(pack.subgroup_cues)
    coordination = _coordination_pattern(lang, word_alt, persons, list(pack.person_nouns_plural))
    additive = pack.additive_cue or None
    none_words = pack.none_words or None
    english = pack.read_by_english_model
    named = (re.compile(r"(?<![\w.’'])(?:[A-Z][a-z'’-]+\s+){1,3}[A-Z][a-z'’-]+"
                        r"(?=(?:,\s*\d{1,2},)?\s+(?:was|has been|had been)\s+"
                        r"(?:(?:also|fatally|critically|seriously|reportedly|allegedly)\s+)?"
                        r"(?:shot|killed|wounded|injured|struck|hit|murdered|slain)\b)") if english else None)
    # "The girl was shot", "the victim was pronounced dead": a definite singular victim, bound only through a
    # passive or an auxiliary ("the man who shot Williams" is the shooter, not a victim).
    definite = (re.compile(rf"(?<![\w’'])(?:the|this|that)\s+{modifier}{{0,2}}?(?:{person_alt})"
                           rf"(?:\s+(?:{person_alt}))?(?!\w)(?![’']s)", re.I)
                if persons and english else None)
    return {
        "english": english,
        "capitalises_nouns": pack.capitalises_nouns,
        "compounds": pack.number_compounds,
        "definite": definite,
        "named": named,
        "none": re.compile(rf"(?<!\w)(?:{none_words})(?!\w)", re.I) if none_words else None,
        "coordination": coordination,
        "additive": re.compile(rf"(?<!\w){additive}(?!\w)", re.I) if additive else None,
        "words": {k.lower(): v for k, v in words.items()},
        "quals": {k.lower(): v for k, v in quals.items()},
        "number": re.compile(full, re.I),
        "token": re.compile(rf"{_DIGITS}|(?:{word_alt})(?!\w)" if word_alt else _DIGITS, re.I),
        "vague": re.compile(rf"(?<!\w)(?:{_alternation(vague)})(?!\w)", re.I) if vague else None,
        "keyword": keyword,
        "singular": singular,
        "subgroup": re.compile(rf"(?<!\w)(?:{'|'.join(subgroup)})\s*:?\s*$", re.I) if subgroup else None,
        "unit": re.compile(r"^\s*-?\s*" + pack.non_count_units, re.I),
        "later_died": re.compile(pack.later_died, re.I) if pack.later_died else None,
    }


def _coordination_pattern(lang: str, word_alt: str, singular: list[str], plural: list[str]) -> Optional[re.Pattern[str]]:
    """Persons joined by "and" ("a man and a woman", "two men and a 15-year-old"): each part counted."""
    if not singular or not plural:
        return None
    one = rf"(?:an?|one|his|her|their|the)\s+{_MODIFIER}{{0,3}}(?:{_alternation(singular, escape=False)})(?!\w)"
    many = rf"(?:{_DIGITS}|(?:{word_alt}))\s+{_MODIFIER}{{0,3}}(?:{_alternation(plural, escape=False)})(?!\w)"
    part = rf"(?:{one}|{many})"
    return re.compile(rf"(?<!\w)(?:{part})(?:\s*,\s*(?:{part}))*,?\s+and\s+(?:{part})", re.I)


def parse_number(expr: str, lang: str) -> Optional[int]:
    """The value of a number expression ("10", "1,200", "twenty-one", "двадцать пять", "on iki", "vingt et un")."""
    pats = _patterns(lang)
    expr = expr.strip()
    if re.fullmatch(r"\d{1,3}(?:[,  ]\d{3})+", expr):
        return int(re.sub(r"\D", "", expr))
    if expr.isdigit():
        return int(expr)
    words = pats["words"]
    total, current, seen = 0, 0, False
    for m in pats["token"].finditer(expr):
        tok = m.group(0).lower()
        value = int(tok) if tok.isdigit() else words.get(tok)
        if value is None:
            return None
        seen = True
        if value in (100,):
            current = max(current, 1) * value
        elif value >= 1000:
            total += max(current, 1) * value
            current = 0
        else:
            rest = current % 100
            ok = (rest == 0 or (rest % 10 == 0 and rest >= 20 and value < 10)
                  or any(rest in rule["after"] and value < rule["below"] for rule in pats["compounds"]))  # "on iki" = 12
            if not ok:
                return None
            current += value
    return total + current if seen else None


def find_numbers(text: str, lang: str) -> list[NumberMatch]:
    """Every count expression in ``text``: numbers (with qualifier and range) and vague quantities."""
    pats = _patterns(lang)
    found: list[NumberMatch] = []
    taken: list[tuple[int, int]] = []
    none = pats["none"]
    if none is not None:  # "No one was injured": a stated zero
        for m in none.finditer(text):
            found.append(NumberMatch(m.start(), m.end(), 0, 0, "none"))
            taken.append((m.start(), m.end()))
    for m in pats["number"].finditer(text):
        low = parse_number(m.group("num"), lang)
        if low is None or any(s <= m.start("num") < e for s, e in taken):
            continue
        after = text[m.end():m.end() + 24]
        if pats["unit"].match(after) or _is_year_or_time(m.group("num"), text, m.end()):
            continue
        if (_is_apposed_age(text, m.start(), m.end()) or _in_url(text, m.start(), m.end()) or _is_day_of_month(text, m.start())
                or _is_gallery_counter(text, m.start(), m.end())
                or (not pats["capitalises_nouns"] and _is_name_number(text, m.start(), m.group("num")))
                or (_PARTITIVE.match(text, m.end()) and not _VERB_BEFORE.search(text, max(0, m.start() - 14), m.start()))):
            continue
        high: Optional[int] = low
        note = None
        if m.group("num2"):
            high2 = parse_number(m.group("num2"), lang)
            if high2 is not None and high2 > low:
                high = high2
        qual = pats["quals"].get((m.group("qual") or "").lower())
        if qual == "low":
            high = None
        elif qual == "more":
            high, note = None, f"{m.group('qual')} {low}"
        elif qual == "high":
            low, high = None, low
        elif qual == "approx":
            note = "approximate"
        found.append(NumberMatch(m.start(), m.end(), low, high, note))
        taken.append((m.start(), m.end()))
    if pats["vague"] is not None:
        for m in pats["vague"].finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            if any(re.fullmatch(r"\s+", text[e:m.start()]) for _, e in taken):
                continue  # "three others": the number counts, "others" only names who
            if _in_url(text, m.start(), m.end()):
                continue
            found.append(NumberMatch(m.start(), m.end(), None, None, "vague"))
    found.sort(key=lambda n: n.start)
    return found


_URL = re.compile(r"(?:https?://|www\.)\S+|\S+\.(?:com|org|net|gov|edu)/\S*", re.I)
_MONTH_BEFORE = re.compile(r"(?<!\w)(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+$", re.I)


def _in_url(text: str, start: int, end: int) -> bool:
    """Numbers inside a web address ("/5-shot-1-killed-in-sc-shooting/") are not counts."""
    lo = text.rfind(" ", 0, start) + 1
    hi = text.find(" ", end)
    token = text[lo:hi if hi >= 0 else len(text)]
    return bool(_URL.search(token)) or "/" in token and not re.fullmatch(r"\d+/\d+", token.strip(".,;"))


def _is_gallery_counter(text: str, start: int, end: int) -> bool:
    """"Image 44 of 44", "Photo 1 / 5": picture counters of a gallery, not counts."""
    return bool(re.search(r"(?:image|photo|slide|picture)s?\s+(?:\d+\s*(?:of|/)\s*)?$", text[max(0, start - 20):start], re.I)
                or re.match(r"\s*(?:of|/)\s*\d+\s+(?:back|caption|close|next|prev)", text[end:end + 24], re.I))


#: "One of the men injured", "two of four victims": a part of a group, not its count (the group's own number still binds).
_PARTITIVE = re.compile(r"\s+of\s+(?:the|those|these|them|us|his|her|their|\d+|two|three|four|five|six|seven|eight|nine|ten)\b", re.I)
#: ... except right after a casualty verb: "wounding five of his companions" counts five.
_VERB_BEFORE = re.compile(r"(?:killing|wounding|injuring|shooting|shot|killed|wounded|injured|hitting|striking)\s+$", re.I)
_NAME_BEFORE = re.compile(r"(?<=[\w,] )(?!(?:At|Over|About|Nearly|Almost|Only|Just|All|The|Police|Officials|Authorities)\s)"
                          r"[A-Z][\w'’-]*\s+$")


def _is_name_number(text: str, start: int, num: str) -> bool:
    """"Cloud 9", "Channel 4", "Route 66": digits after a capitalised word inside a sentence name a thing, not a count."""
    return num.isdigit() and bool(_NAME_BEFORE.search(text[max(0, start - 30):start]))


def _is_day_of_month(text: str, start: int) -> bool:
    """"the November 9 shooting", "June 30 death": a day of a month, not a count."""
    return bool(_MONTH_BEFORE.search(text[max(0, start - 12):start]))


def _is_year_or_time(num: str, text: str, end: int) -> bool:
    if re.fullmatch(r"(?:19|20)\d\d", num):
        return True
    return bool(re.match(r"[:.]\d\d", text[end:end + 3]))


def _is_apposed_age(text: str, start: int, end: int) -> bool:
    """"Williams, 23, was ..." and "(23)": an age after a name, not a count."""
    before, after = text[max(0, start - 2):start], text[end:end + 1]
    if (before.endswith(", ") and after in (",", ")")) or (before.endswith("(") and after == ")"):
        return True
    # ", 7 and 5," / ", 16 and 17," after a plural: the ages of a group
    return bool(re.search(r",\s*\d{1,2}\s+and\s+$", text[max(0, start - 12):start]) and after == ","
                or re.match(r"\s+and\s+\d{1,2}\s*,", text[end:end + 12]) and before.endswith(", "))


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
    result = []
    for n, kind, ks in sorted(mentions, key=lambda t: t[0].start):
        n = _surviving_part(text, n, kind, ks)
        note = n.note
        sub = [numbers[j] for j in subgroups if subgroups[j] == n.start]
        if sub:
            parts = [text[s.start:s.end] + _noun_after(text, s.end) for s in sub]
            note = _join_note(note, "subgroup, not added: including " + "; ".join(parts))
        fig = Figure(n.low, n.high, offset + n.start, offset + n.end, text[n.start:n.end], note)
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
