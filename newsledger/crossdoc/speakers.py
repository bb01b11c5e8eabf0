"""Who is speaking, as a chronicle line can name them, and how a statement reads in English.

A speaker is written as its resolved canonical name (plus role when known). An unresolved
mention is written only when it reads as a description ("a resident", "Prosecutor General's
Office"); pronouns ("He", "Onun", "We") and fragments are not names, so the line says
"(unresolved speaker)" instead. "According to X" statements read "According to X, …" and
stance acts read "blamed OSCE Minsk Group". Cue words in other languages are kept in
parentheses after an English frame verb.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Optional

from newsledger.crossdoc.fields import get_field as _get
from newsledger.lang import read_by_english_model

UNRESOLVED = "(unresolved speaker)"

#: Personal pronouns (subject and possessive forms that quote finders return as speakers) in the corpus languages.
PRONOUNS = frozenset("""
he she it they we i you him her his hers its their them us me our my one
il elle ils elles nous on lui leur eux vous je
он она оно они мы я вы его её ее их него неё нее ним ней нам
o onun onlar biz mən men siz ona onu bunu bu
o onun onlar biz ben sen siz ona onu onların
er sie es wir ihr ich
""".split())
_DETERMINERS = frozenset("a an the one some un une le la les l' des el los las der die das ein eine".split())
_ACCORDING = re.compile(
    r"(?i)\b(according\s+to|по\s+(?:словам|данным|информации|сообщению|мнению)|selon|d['’]apr[eè]s|"
    r"laut|zufolge|göre|görə)\b|sözlərinə|məlumatına|açıklamasına")
_STANCE_VERBS = {"negative": "condemned", "positive": "praised", "demand": "called on"}
_LETTER = re.compile(r"^\w", re.UNICODE)


def is_pronoun(mention: str) -> bool:
    """Whether a mention is a bare pronoun ("He", "Onun", "Мы")."""
    return mention.strip(" -—–,.:;\"'«»“”").casefold() in PRONOUNS


@lru_cache(maxsize=65536)  # a chronicle asks about the same few thousand speakers tens of thousands of times
def describes(mention: str) -> bool:
    """Whether an unresolved mention reads as a noun phrase a line can show ("a resident", "Müdafiə Nazirliyi")."""
    text = " ".join(mention.split()).strip(" ,.:;\"'«»“”")
    if not text or not _LETTER.match(text) or is_pronoun(text):
        return False
    words = text.split()
    if words[0].casefold() in _DETERMINERS:
        return 2 <= len(words) <= 6
    # A name-like mention: every word capitalised ("Prosecutor General's Office", "Baş Prokurorluğun").
    significant = [w for w in words if w.casefold() not in {"of", "for", "the", "and", "de", "du", "des", "la", "le"}]
    if len(words) <= 5 and all(w[:1].isupper() for w in significant):
        return True
    # "Azerbaijani officials", "Local residents": a short capitalised phrase.
    return len(words) <= 3 and words[0][:1].isupper()


def speaker_label(speaker: Any, with_role: bool = False) -> Optional[str]:
    """A speaker (Speaker or dict) as a line names them; None when it cannot name anyone.

    Resolved speakers give their canonical name (and role); unresolved descriptions are kept
    as written; pronouns and fragments give None.
    """
    if not speaker:
        return None
    resolved = bool(_get(speaker, "resolved"))
    return _label(_text(_get(speaker, "canonical")) if resolved else None, _text(_get(speaker, "name")), resolved,
                  _text(_get(speaker, "role")) if with_role else None)


def _text(value: Any) -> Optional[str]:
    return value if value is None or isinstance(value, str) else str(value)


@lru_cache(maxsize=65536)
def _label(canonical: Optional[str], name: Optional[str], resolved: bool, role: Optional[str]) -> Optional[str]:
    """:func:`speaker_label` of a speaker's fields (``role`` only when the label shows it)."""
    label = " ".join(str(canonical or name or "").split())
    if not label:
        return None
    if not resolved and not describes(label):
        return None
    if role and role.casefold() not in label.casefold():
        return f"{label} ({role})"
    return label


def is_according(cue: Optional[str]) -> bool:
    """Whether a cue marks an "according to X" attribution (in any of the corpus languages)."""
    return bool(cue and _ACCORDING.search(cue))


def _english(cue: str, lang: Optional[str]) -> bool:
    return read_by_english_model(lang, cue) and cue.isascii()


def statement_phrase(quote: dict[str, Any], content: str) -> str:
    """One statement as an English phrase without its speaker: ``said: “…”``, ``blamed X``, ``according to: …``."""
    cue = " ".join(((quote.get("cue") or {}).get("text") or "").split())
    lang = quote.get("lang")
    if quote.get("kind") == "stance":
        target = (quote.get("target") or {}).get("name")
        verb = cue.lower() if cue and _english(cue, lang) and not cue.lower().endswith("ing") else \
            _STANCE_VERBS.get(quote.get("polarity") or "", "spoke of")
        if cue and not _english(cue, lang):
            verb = f"{verb} ({cue})"
        elif cue.lower().endswith("ing"):
            verb = {"hailing": "hailed", "praising": "praised", "thanking": "thanked", "blaming": "blamed",
                    "condemning": "condemned", "criticising": "criticised", "criticizing": "criticized",
                    "urging": "urged"}.get(cue.lower(), verb)
        return f"{verb} {target}" if target else f"{verb}: “{content}”"
    if cue and _english(cue, lang) and not is_according(cue):
        return f"{cue.lower() if not cue[:1].isupper() or cue.split()[0].lower() in _CUE_WORDS else cue}: “{content}”"
    if cue and not is_according(cue):
        return f"said ({cue}): “{content}”"
    return f"said: “{content}”"


#: English cue words that may start a sentence capitalised but read lower-case in a line.
_CUE_WORDS = frozenset("said says told added stressed noted recalled pointed warned denied announced claimed "
                       "reported explained insisted emphasized emphasised underlined urged".split())
