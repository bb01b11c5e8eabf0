"""The writing system of each language the identifier may answer, and the scripts one language owns.

Facts about languages, so they live in ``lang/`` beside the packs' letter facts
(:mod:`newsledger.lang.letters`); the identifier (:mod:`newsledger.stages.langid.scripts`) reads them.
"""
from __future__ import annotations

from typing import Mapping

__all__ = ["FASTTEXT_LABEL_MAP", "LANGUAGE_SCRIPT", "SCRIPT_LANGUAGE"]

#: Scripts written by essentially one language: the script alone decides.
SCRIPT_LANGUAGE: Mapping[str, str] = {
    "Armenian": "hy", "Georgian": "ka", "Greek": "el", "Hebrew": "he", "Hangul": "ko", "Kana": "ja",
    "Thai": "th", "Lao": "lo", "Khmer": "km", "Myanmar": "my", "Sinhala": "si", "Tamil": "ta",
    "Telugu": "te", "Kannada": "kn", "Malayalam": "ml", "Gujarati": "gu", "Gurmukhi": "pa",
    "Oriya": "or", "Tibetan": "bo", "Ethiopic": "am",
}

#: The script each detectable language is written in (the languages the detector may answer).
LANGUAGE_SCRIPT: Mapping[str, str] = {
    **{lang: "Latin" for lang in (
        "af", "az", "bs", "ca", "cs", "cy", "da", "de", "en", "eo", "es", "et", "eu", "fi", "fr", "fy", "ga",
        "gd", "gl", "hr", "ht", "hu", "id", "is", "it", "jv", "la", "lb", "lt", "lv", "mg", "ms", "mt", "nb",
        "nl", "nn", "oc", "pl", "pt", "ro", "sk", "sl", "so", "sq", "su", "sv", "sw", "tl", "tr", "uz", "vi",
        "yo", "br", "tk", "qu")},
    **{lang: "Cyrillic" for lang in ("be", "bg", "kk", "ky", "mk", "mn", "ru", "sr", "tg", "tt", "uk", "ba", "cv", "os", "ce")},
    **{lang: "Arabic" for lang in ("ar", "fa", "ur", "ps", "sd", "ug")},
    **{lang: "Devanagari" for lang in ("hi", "mr", "ne")},
    "bn": "Bengali", "as": "Bengali", "yi": "Hebrew", "zh": "Han",
    **{lang: script for script, lang in SCRIPT_LANGUAGE.items()},
}

#: fastText lid.176 labels answered under another ISO 639-1 code (Norwegian is written as
#: Bokmål nine times in ten; Egyptian Arabic is Arabic). Labels with no ISO 639-1 code (ckb,
#: azb, pnb, war...) are not in LANGUAGE_SCRIPT and so are never answered.
FASTTEXT_LABEL_MAP: Mapping[str, str] = {"no": "nb", "arz": "ar"}
