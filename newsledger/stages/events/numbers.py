"""Numbers as stated: digits and number words, with qualifiers, ranges and vague quantities.

``parse_number(expr, lang)`` gives the value of a number expression ("1,200", "twenty-one", "двадцать пять",
"on iki"); ``find_numbers(text, lang)`` every count expression in a text as :class:`NumberMatch` items
("at least 10" gives low 10 and no high, "10 to 12" a range, "dozens" low/high null, "no one" zero), leaving
out what only looks like a count: years, times, ages after a name, days of a month, web addresses, gallery
counters, "Route 66".
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from newsledger import lang as languages
from newsledger.stages.events.patterns import _patterns


@dataclass(frozen=True)
class NumberMatch:
    """A number expression found in text (offsets relative to the searched string)."""

    start: int
    end: int
    low: Optional[int]
    high: Optional[int]
    note: Optional[str] = None
    #: A vague count's normalised quantity ("dozens"), from the pack's ``vague_labels``.
    label: Optional[str] = None


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
        if (_is_apposed_age(text, m.start(), m.end()) or _in_url(text, m.start(), m.end()) or _is_day_of_month(text, m.start(), lang)
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
        end, qual_text = m.end(), m.group("qual")
        if qual is None:  # "7-dən çox", "40-ից ավելի", "12 على الأقل": the qualifier follows the number
            after_qual = next(((a, bound) for rx, bound in pats["quals_after"] if (a := rx.match(text, m.end()))), None)
            if after_qual is not None:
                end, qual, qual_text = after_qual[0].end(), after_qual[1], after_qual[0].group(0).strip()
        if qual == "low":
            high = None
        elif qual == "more":
            high, note = None, f"{qual_text} {low}" if end == m.end() else text[m.start():end]
        elif qual == "high":
            low, high = None, low
        elif qual == "approx":
            note = "approximate"
        found.append(NumberMatch(m.start(), end, low, high, note))
        taken.append((m.start(), end))
    if pats["vague"] is not None:
        for m in pats["vague"].finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            if any(re.fullmatch(r"\s+", text[e:m.start()]) for _, e in taken):
                continue  # "three others": the number counts, "others" only names who
            if _in_url(text, m.start(), m.end()):
                continue
            found.append(NumberMatch(m.start(), m.end(), None, None, "vague", pats["vague_labels"].get(_squash(m.group(0)))))
    found.sort(key=lambda n: n.start)
    return found


def _squash(words: str) -> str:
    """A vague form as the pack lists it: lower case, single spaces ("Des  dizaines de" -> "des dizaines de")."""
    return " ".join(words.lower().split())


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


@lru_cache(maxsize=None)
def _month_before(lang: str) -> Optional[re.Pattern[str]]:
    """A month of a language that writes the month before the day ("հոկտեմբերի 10-ին"), right before a number.

    Only month-first languages: where the day comes first ("17 октября 12 человек") a number after a month is a count.
    """
    pack = languages.get(lang)
    if not pack.months or not pack.dates.get("month_first"):
        return None
    alternation = "|".join(re.escape(f) for f in sorted(pack.months, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternation})\.?\s+$", re.I)


def _is_day_of_month(text: str, start: int, lang: str) -> bool:
    """"the November 9 shooting", "June 30 death", "հոկտեմբերի 10-ին": a day of a month, not a count."""
    before = text[max(0, start - 24):start]
    month = _month_before(lang)
    return bool(_MONTH_BEFORE.search(before[-12:]) or (month is not None and month.search(before)))


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
