"""One canonical name for an entity across languages and scripts.

``canonical_name("Гянджи", "ru") == canonical_name("Gəncəyə", "az") == "Ganja"``: the
gazetteer decides first (exact name, then an inflected form of one); then the mention is
romanised with Unidecode and compared, with rapidfuzz, to the romanised names of the
gazetteer. A name the gazetteer does not know comes back cleaned but otherwise as written;
:func:`same_name` still links such names across scripts ("Рахман Мустафаев" and
"Rahman Mustafayev").
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from rapidfuzz import fuzz, process
from unidecode import unidecode

from newsledger import lang as languages
from newsledger.gazetteer.table import LABEL_FAMILY, Entry, load_gazetteer
from newsledger.lang.inflection import TRY_WITHOUT_LANGUAGE

_QUOTES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})
_LEADING_THE = re.compile(r"^(?:the)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:'s|')$")
#: Similarity (0-100) of romanised keys above which two names are taken to be the same.
FUZZY_CUTOFF = 88.0

_SCHWA = str.maketrans({"ə": "a", "Ə": "A"})
# Spelling variants of one sound in romanised names (Khikmet/Hikmet, Gadzhiev/Hajiyev, Aliyev/Aliev):
# collapsed so the fuzzy comparison sees the names, not the romanisation system.
_ROMAN_COLLAPSE = (("kh", "h"), ("dzh", "j"), ("dj", "j"), ("zh", "j"), ("yev", "ev"), ("iy", "i"), ("y", "i"),
                   ("'", ""), ("sch", "sh"), ("tch", "ch"), ("ou", "u"), ("w", "v"))


def clean_mention(mention: str) -> str:
    """Normalise quotes and whitespace, drop a leading "the" and a trailing possessive "'s"."""
    text = " ".join(mention.translate(_QUOTES).split())
    text = _LEADING_THE.sub("", text)
    text = _POSSESSIVE.sub("", text).strip(" \"'.,;:")
    return text or " ".join(mention.split())


@lru_cache(maxsize=64)
def _romanisation(lang: Optional[str]) -> dict[int, str]:
    """Letters whose English romanisation differs from Unidecode's (the pack's ``romanisation``)."""
    return str.maketrans(languages.get(lang).romanisation) if lang else {}


def name_key(name: str, lang: Optional[str] = None) -> str:
    """A romanised, lower-case key of a name for comparing names across scripts."""
    text = clean_mention(name)
    text = text.translate(_romanisation(lang))
    text = unidecode(text.translate(_SCHWA)).lower().replace("'", "")  # soft sign: Il'kham
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    for old, new in _ROMAN_COLLAPSE:
        text = text.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", text)  # Sarkissian/Sarkisian, Guterres/Guteres


@lru_cache(maxsize=1)
def _romanised_index() -> tuple[list[str], list[Entry]]:
    """Romanised keys of every gazetteer name, with the entry each belongs to."""
    keys: list[str] = []
    entries: list[Entry] = []
    seen: set[tuple[str, str]] = set()
    for entry in load_gazetteer().entries:
        for lang, name in entry.variants:
            key = name_key(name, lang)
            if len(key) >= 4 and (key, entry.key) not in seen:
                seen.add((key, entry.key))
                keys.append(key)
                entries.append(entry)
    return keys, entries


def resolve(mention: str, lang: Optional[str] = None, label: Optional[str] = None) -> Optional[Entry]:
    """The gazetteer entry a mention names, or None."""
    return _resolve(mention, lang, label)


@lru_cache(maxsize=65536)  # news repeats names: the fuzzy search runs once per distinct mention
def _resolve(mention: str, lang: Optional[str], label: Optional[str]) -> Optional[Entry]:
    gazetteer = load_gazetteer()
    text = clean_mention(mention)
    if not text:
        return None
    entry = gazetteer.lookup(text, lang, label)
    if entry is not None:
        return entry
    # An inflected form (Gəncəyə, Гянджи): a gazetteer match covering the whole mention.
    # Without a language, try each family of endings the gazetteer knows.
    for try_lang in [lang] if lang else TRY_WITHOUT_LANGUAGE:
        matches = gazetteer.find(text, try_lang, fuzzy=True)
        if len(matches) == 1 and matches[0].start == 0 and matches[0].end == len(text):
            found = matches[0].entry
            if label is None or LABEL_FAMILY.get(found.label) == LABEL_FAMILY.get(label, label):
                return found
    key = name_key(text, lang)
    if len(key) < 5:
        return None
    keys, entries = _romanised_index()
    best = process.extractOne(key, keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    if best is None:
        return None
    found = entries[best[2]]
    if label is not None and LABEL_FAMILY.get(found.label) != LABEL_FAMILY.get(label, label):
        return None
    return found


def canonical_name(mention: str, lang: Optional[str] = None, label: Optional[str] = None) -> str:
    """The canonical (English) name of a mention in any language or script.

    Gazetteer names map to their entry's canonical name; anything else is returned cleaned
    (no leading "the", no possessive, plain quotes and spaces).
    """
    entry = resolve(mention, lang, label)
    return entry.canonical if entry is not None else clean_mention(mention)


def variants(canonical: str) -> list[str]:
    """Every known written form of an entity (by canonical name, or by any of its names)."""
    gazetteer = load_gazetteer()
    entry = gazetteer.entry(canonical) or gazetteer.lookup(canonical)
    if entry is None:
        return [canonical]
    names: list[str] = [entry.canonical]
    for _lang, name in entry.variants:
        if name not in names:
            names.append(name)
    return names


def same_name(a: str, b: str, lang_a: Optional[str] = None, lang_b: Optional[str] = None) -> bool:
    """Whether two mentions name the same entity, across languages and scripts."""
    entry_a, entry_b = resolve(a, lang_a), resolve(b, lang_b)
    if entry_a is not None or entry_b is not None:
        return entry_a is not None and entry_b is not None and entry_a.key == entry_b.key
    key_a, key_b = name_key(a, lang_a), name_key(b, lang_b)
    if not key_a or not key_b:
        return False
    return key_a == key_b or fuzz.ratio(key_a, key_b) >= FUZZY_CUTOFF
