"""How names inflect in running text, by family of languages (read by the gazetteer's matcher).

A pack names its family in ``name_inflection``; :data:`FAMILY_OF_CODE` covers the languages
that have no pack yet, so their names still match inflected ("Варшавы", "Almatıda").
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from newsledger import lang as languages


@dataclass(frozen=True)
class InflectionRules:
    """How a name may be inflected in one language: which endings a word may take."""

    max_suffix: int = 0
    #: Strip a final vowel (Russian Гянджа -> Гяндж-и) before adding endings.
    stem_final_vowel: bool = False
    #: Every word inflects (Нагорного Карабаха), not only the last one (Dağlıq Qarabağda).
    all_words: bool = False
    #: Endings that derive another word (Azerbaijani -lı "from"), never inflections.
    bad_suffix_prefixes: tuple[str, ...] = ()
    #: When set, the only endings allowed (Slavic case endings).
    endings: Optional[frozenset[str]] = None
    adjective_endings: Optional[frozenset[str]] = None
    #: A final consonant that softens before a vowel ending (Turkic Prokurorluq -> Prokurorluğun,
    #: Başsavcılık -> Başsavcılığı): written final -> softened.
    final_mutations: tuple[tuple[str, str], ...] = ()


NO_INFLECTION = InflectionRules()
_TURKIC = InflectionRules(max_suffix=10, bad_suffix_prefixes=("lı", "li", "lu", "lü", "çı", "çi", "çu", "çü",
                                                              "sız", "siz", "suz", "süz", "laş", "leş"),
                          final_mutations=(("q", "ğ"), ("k", "ğ"), ("p", "b"), ("ç", "c"), ("t", "d")))
#: Case endings of Slavic nouns and adjectives (Russian, Ukrainian, Polish, Czech): a whitelist, so that
#: derived words (Азербайджанский, Малый from Мали) do not pass for inflected names.
_SLAVIC_NOUN_ENDINGS = frozenset("а я у ю е ы и і ї є ь ой ей ом ем ам ям ах ях ами ями ою ею ові еві ів ий "
                                 "ii ią ię ę ą ie u em owi ów y i a e ie ą".split())
_SLAVIC_ADJ_ENDINGS = frozenset("ый ий ой ая яя ое ее ые ие ого его ому ему ым им ую юю ых их ыми ими ій а я "
                                "ої ої ого ому ім ими".split())
_SLAVIC = InflectionRules(max_suffix=3, stem_final_vowel=True, all_words=True,
                          endings=_SLAVIC_NOUN_ENDINGS, adjective_endings=_SLAVIC_ADJ_ENDINGS)
_ARMENIAN = InflectionRules(max_suffix=4)
_GEORGIAN = InflectionRules(max_suffix=4, stem_final_vowel=True)
_GERMANIC = InflectionRules(max_suffix=2, endings=frozenset({"s", "es"}))  # genitive: Deutschlands

FAMILIES: dict[str, InflectionRules] = {"none": NO_INFLECTION, "turkic": _TURKIC, "slavic": _SLAVIC,
                                        "armenian": _ARMENIAN, "georgian": _GEORGIAN, "germanic": _GERMANIC}
#: Families of languages without a pack of their own.
FAMILY_OF_CODE = {"kk": "turkic", "uz": "turkic", "tk": "turkic", "ky": "turkic", "be": "slavic", "bg": "slavic",
                  "sr": "slavic", "pl": "slavic", "cs": "slavic", "sk": "slavic", "hr": "slavic", "sl": "slavic",
                  "ka": "georgian"}
#: Codes whose endings are tried, in order, for a name of unknown language (one per family the gazetteer meets).
TRY_WITHOUT_LANGUAGE = ("az", "ru", "hy", "de")


@lru_cache(maxsize=256)
def rules_for(code: Optional[str]) -> InflectionRules:
    """The ending rules of a language code: its pack's family, else the family listed for it, else none."""
    base = languages.base_code(code)
    family = languages.get(base).name_inflection if languages.known(base) else FAMILY_OF_CODE.get(base, "none")
    return FAMILIES[family]
