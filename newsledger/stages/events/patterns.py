"""The languages the events stage reads, and each pack's compiled number and casualty patterns.

``norm_lang`` maps a paragraph's language to a pack with event words (guessing from the script when the
paragraph has none); ``_patterns(lang)`` compiles, once per language, the number, qualifier, vague-quantity,
casualty-word and victim-phrase patterns that :mod:`.numbers` and :mod:`.figures` use.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Optional

from newsledger import lang as languages

CASUALTY_KINDS = ("killed", "injured", "hit", "missing", "captured", "displaced")

# Modifiers between a determiner and its person noun never include a determiner or a verb of the clause
# ("a shooting that wounded a 7-year-old boy" holds the victim "a 7-year-old boy", not "a shooting ...").
_MODIFIER = (r"(?:(?!(?:a|an|the|that|this|who|which|was|were|is|are|and|or|of|in|at|on|by|to|after|with|shot|killed|wounded|injured"
             r"|said|says|shooting|killing|wounding|injuring)\s)[\w'’.-]+\s+)")

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
    if re.search(r"[\u0531-\u0587]", text):  # Armenian script
        return "hy"
    if re.search(r"[\u0621-\u064A]", text):  # Arabic script
        return "ar"
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
        "verb_final": pack.verb_final,
        "capitalises_nouns": pack.capitalises_nouns,
        "compounds": pack.number_compounds,
        "definite": definite,
        "named": named,
        "none": re.compile(rf"(?<!\w)(?:{none_words})(?!\w)", re.I) if none_words else None,
        "coordination": coordination,
        "additive": re.compile(rf"(?<!\w){additive}(?!\w)", re.I) if additive else None,
        "words": {k.lower(): v for k, v in words.items()},
        "quals": {k.lower(): v for k, v in quals.items()},
        "quals_after": [(re.compile(rx + r"(?!\w)", re.I), bound) for rx, bound in pack.qualifiers_after.items()],
        "number": re.compile(full, re.I),
        "token": re.compile(rf"{_DIGITS}|(?:{word_alt})(?!\w)" if word_alt else _DIGITS, re.I),
        "vague": re.compile(rf"(?<!\w)(?:{_alternation(vague)})(?!\w)", re.I) if vague else None,
        "vague_labels": {" ".join(k.lower().split()): v for k, v in pack.vague_labels.items()},
        "keyword": keyword,
        "singular": singular,
        "subgroup": re.compile(rf"(?<!\w)(?:{'|'.join(subgroup)})\s*:?\s*$", re.I) if subgroup else None,
        "unit": re.compile(r"^\s*-?\s*" + pack.non_count_units, re.I),
        "patronymic": re.compile(rf"(?<!\w)(?:{pack.patronymics})(?!\w)") if pack.patronymics else None,
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
