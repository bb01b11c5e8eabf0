"""Writing systems and letters: the evidence statistical detectors blur on short text.

A detector trained on character n-grams confuses Azerbaijani with Turkish and Ukrainian
with Russian because most of their n-grams are shared. A few letters are not: ``ə`` is
written only in Azerbaijani, ``ї є ґ`` only in Ukrainian, ``ы э ъ ё`` never in Ukrainian.
This module counts letters by script and applies those letter facts (declared by the
language packs, :mod:`newsledger.lang.letters`) as hard evidence.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Mapping, Optional

from newsledger.lang.letters import languages_with_letters
from newsledger.lang.scripts import FASTTEXT_LABEL_MAP, LANGUAGE_SCRIPT, SCRIPT_LANGUAGE

__all__ = ["FASTTEXT_LABEL_MAP", "LANGUAGE_SCRIPT", "SCRIPT_LANGUAGE", "SCRIPT_RANGES", "dominant_script",
           "has_other_script", "letter_verdict", "script_counts", "strip_noise"]

#: Unicode blocks of the scripts we tell apart (Latin is everything else that is a letter).
SCRIPT_RANGES: Mapping[str, str] = {
    "Cyrillic": "\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f",
    "Armenian": "\u0531-\u058f\ufb13-\ufb17",
    "Georgian": "\u10a0-\u10ff\u1c90-\u1cbf\u2d00-\u2d2f",
    "Arabic": "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefe",
    "Hebrew": "\u0590-\u05ff\ufb1d-\ufb4f",
    "Greek": "\u0370-\u03ff\u1f00-\u1fff",
    "Devanagari": "\u0900-\u097f",
    "Bengali": "\u0980-\u09ff",
    "Gurmukhi": "\u0a00-\u0a7f",
    "Gujarati": "\u0a80-\u0aff",
    "Oriya": "\u0b00-\u0b7f",
    "Tamil": "\u0b80-\u0bff",
    "Telugu": "\u0c00-\u0c7f",
    "Kannada": "\u0c80-\u0cff",
    "Malayalam": "\u0d00-\u0d7f",
    "Sinhala": "\u0d80-\u0dff",
    "Thai": "\u0e00-\u0e7f",
    "Lao": "\u0e80-\u0eff",
    "Tibetan": "\u0f00-\u0fff",
    "Myanmar": "\u1000-\u109f",
    "Ethiopic": "\u1200-\u139f",
    "Khmer": "\u1780-\u17ff",
    "Hangul": "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af",
    "Kana": "\u3040-\u30ff\u31f0-\u31ff",
    "Han": "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff",
}

# Runs, not single characters: findall then allocates one string per word, not per letter.
_SCRIPT_PATTERNS: Mapping[str, re.Pattern[str]] = {name: re.compile(f"[{chars}]+") for name, chars in SCRIPT_RANGES.items()}
_NON_LATIN = re.compile("[" + "".join(SCRIPT_RANGES.values()) + "]")
_NON_LATIN_RUN = re.compile("[" + "".join(SCRIPT_RANGES.values()) + "]+")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]+")
#: Things that carry no language: links, e-mail addresses, handles.
_NOISE = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|[@#]\w+", re.IGNORECASE)

def script_counts(text: str) -> dict[str, int]:
    """Letters of each script in ``text`` (``{"Latin": 40, "Cyrillic": 3}``); digits and punctuation ignored."""
    counts: dict[str, int] = {}
    latin = sum(map(len, _LATIN_LETTER.findall(text)))
    if latin:
        counts["Latin"] = latin
    other = _NON_LATIN.search(text)
    if other is None:
        return counts
    # Usually one other script: count it, and only look further when letters are left over.
    first = _script_of(other.group(0))
    counts[first] = sum(map(len, _SCRIPT_PATTERNS[first].findall(text)))
    if sum(map(len, _NON_LATIN_RUN.findall(text))) > counts[first]:
        for name, pattern in _SCRIPT_PATTERNS.items():
            if name != first:
                n = sum(map(len, pattern.findall(text)))
                if n:
                    counts[name] = n
    return counts


def has_other_script(text: str, script: str) -> bool:
    """Does ``text`` hold any letter outside ``script``? (A fast scan, no counting.)"""
    if script == "Latin":
        return _NON_LATIN.search(text) is not None
    if _LATIN_LETTER.search(text):
        return True
    own = _SCRIPT_PATTERNS.get(script)
    return own is not None and _NON_LATIN.search(own.sub("", text)) is not None


def _script_of(char: str) -> str:
    for name, pattern in _SCRIPT_PATTERNS.items():
        if pattern.match(char[:1]):
            return name
    raise ValueError(char)  # unreachable: _NON_LATIN is the union of the patterns


def strip_noise(text: str) -> str:
    """``text`` without URLs, e-mail addresses and @handles/#tags (same length is not kept)."""
    if "://" not in text and "www." not in text and "@" not in text and "#" not in text:
        return text  # the common case, without running the regex
    return _NOISE.sub(" ", text)


def dominant_script(counts: Mapping[str, int]) -> Optional[str]:
    """The script with the most letters, or None when there are no letters."""
    if len(counts) == 1:
        return next(iter(counts))
    return max(counts, key=counts.__getitem__) if counts else None


@lru_cache(maxsize=None)
def _letter_facts(script: str) -> tuple[tuple[str, frozenset[str], frozenset[str]], ...]:
    """(code, own letters, never letters) of the languages written in ``script`` (facts from newsledger.lang.letters)."""
    return tuple((code, frozenset(facts.own), frozenset(facts.never)) for code, facts in languages_with_letters().items()
                 if LANGUAGE_SCRIPT.get(code) == script)


def letter_verdict(text: str, script: str, candidates: Mapping[str, float]) -> Optional[str]:
    """A language that the letters of ``text`` force, given the detector's ``candidates``; None if none does.

    Letters only ever choose between languages of the same script. A language's *own* letters
    (``ə``, ``ї``) point at it: the language with most of them present wins, the detector's
    choice on a tie. Else, when the detector's choice holds a letter it *never* writes (``q`` is
    not Turkish, ``ы`` is not Ukrainian), its next candidate that can write them wins.
    """
    if not candidates:
        return None
    facts = _letter_facts(script)
    if not facts:
        return None
    present = set(text.lower())
    top = next(iter(candidates))  # fastText lists candidates best first
    marked = {code: len(own & present) for code, own, _ in facts if own & present}
    if marked:
        return max(marked, key=lambda code: (marked[code], code == top, candidates.get(code, 0.0)))
    never = {code: letters for code, _, letters in facts}
    if never.get(top, frozenset()) & present:
        for code in candidates:
            if code != top and not never.get(code, frozenset()) & present:
                return code
    return None
