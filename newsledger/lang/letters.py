"""Letters that tell apart languages written in one script: the language identifier's hard evidence.

A pack declares them in its ``letters`` field: ``own``, letters that point at the language among
the others of its script (Azerbaijani ``ə``, Ukrainian ``і ї є ґ``), and ``never``, letters of its
script its words do not hold (Turkish spells native words without ``q x ə``; Russian has no
``і ї є ґ``). Languages the identifier may answer without a pack of their own keep theirs in
:data:`LETTERS_WITHOUT_PACK`, as :func:`newsledger.lang.writes_ordinal_dot` keeps its short list.

    >>> letters_of("az").own
    'ə'
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Mapping

from newsledger import lang

__all__ = ["LETTERS_WITHOUT_PACK", "Letters", "letters_of", "languages_with_letters"]


@dataclass(frozen=True)
class Letters:
    """``own``: letters pointing at the language; ``never``: letters of its script it does not write."""

    own: str = ""
    never: str = ""


#: Languages with no pack yet: Cyrillic (Belarusian, Kazakh and its Turkic neighbours, Serbian,
#: Macedonian, Bulgarian) and Arabic-script (Persian, Urdu, Pashto) letter facts.
LETTERS_WITHOUT_PACK: Mapping[str, Mapping[str, str]] = {
    "be": {"own": "ўі"},
    "kk": {"own": "әғқңөұүһі"},
    "ky": {"own": "ңөү"},
    "mn": {"own": "өү"},
    "tt": {"own": "әңөүһ"},
    "ba": {"own": "әғқңөүһ"},
    "tg": {"own": "ғқӯҳ"},
    "sr": {"own": "јљњџђћ"},
    "mk": {"own": "јљњџѓќѕ"},
    "bg": {"never": "ыэё"},
    # Persian keheh and yeh (ک ی) where Arabic writes ك ي; Arabic-only letters are Persian's "never".
    "fa": {"own": "پچژگیک", "never": "ةىيك"},
    "ur": {"own": "پچژگٹڈڑںےھیک"},
    "ps": {"own": "پچژټډړښږځڅګېۍیک"},
}


def letters_of(code: str) -> Letters:
    """The letter facts of ``code``: its pack's ``letters``, else :data:`LETTERS_WITHOUT_PACK`."""
    facts = lang.get(code).letters if lang.known(code) else LETTERS_WITHOUT_PACK.get(code, {})
    return Letters(own=facts.get("own", ""), never=facts.get("never", ""))


@lru_cache(maxsize=1)
def languages_with_letters() -> dict[str, Letters]:
    """Every language with letter facts (packs and the table above), by code."""
    codes = {code for code in lang.codes() if lang.known(code)} | set(LETTERS_WITHOUT_PACK)
    found = {code: letters_of(code) for code in sorted(codes)}
    return {code: facts for code, facts in found.items() if facts.own or facts.never}
