"""A multilingual gazetteer: known names (places, organisations, people, treaties) in many
languages and scripts, each tied to one canonical English name.

Two data files feed it (rows with the same ``key`` are merged):

* ``data/gazetteer.tsv``, written by hand: the places, organisations and people of the
  story and aliases (``Turkey``, ``UK``) that CLDR does not list;
* ``data/gazetteer_countries.tsv``, generated from the Unicode CLDR data that Babel ships
  (country names and time-zone exemplar cities in many languages) by
  ``python -m newsledger.gazetteer.table`` (see :func:`build_cldr_rows`).

Matching (:meth:`Gazetteer.find`) runs an Aho-Corasick automaton over casefolded text to
find candidate positions, then checks each candidate word by word, tolerant of
inflectional endings in the paragraph's language (Azerbaijani *Gəncəyə*, Russian
*Гянджи*, Armenian *Ստեփանակերտում*) and of one small typo in a later word of a
multi-word name (*OSCE Minsk Grup*).
"""
from __future__ import annotations

import csv
import importlib
import logging
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, Optional, cast

import ahocorasick
from rapidfuzz.distance import Levenshtein

from newsledger.lang import ANY_LANGUAGE, ENGLISH, base_code
from newsledger.lang.inflection import NO_INFLECTION, InflectionRules, rules_for

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
HAND_FILE = DATA_DIR / "gazetteer.tsv"
CLDR_FILE = DATA_DIR / "gazetteer_countries.tsv"

LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW")
#: Labels that may stand for one another when a name is looked up (Ganja tagged LOC or GPE).
LABEL_FAMILY = {"GPE": "place", "LOC": "place", "FAC": "place", "ORG": "org", "PERSON": "person",
                "NORP": "norp", "EVENT": "event", "LAW": "law"}

# Casefolding that treats Turkish/Azerbaijani dotted and dotless i alike (a Turkish
# "IRAK" and an English "Iraq" writer disagree on what "I" lowers to), drops the
# combining dot that "İ".lower() leaves, and unifies apostrophes and Russian ё/е.
_FOLD_SPECIAL = {"İ": "i", "I": "i", "ı": "i", "\u0307": "", "’": "'", "‘": "'", "ʼ": "'", "`": "'",
                 "ё": "е", "Ё": "е", "‐": "-", "‑": "-", "–": "-"}
_SEPARATOR = re.compile(r"[\s\-]+")
_HYPHENS = "-"


def fold(text: str) -> tuple[str, list[int]]:
    """Casefold ``text`` for matching; also return, for each folded char, its index in ``text``.

    The index list has one extra entry, ``len(text)``, so a folded span ``[i, j)`` maps back
    to ``text[index[i]:index[j]]``.
    """
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        folded = _FOLD_SPECIAL.get(ch)
        if folded is None:
            folded = ch.casefold()
        for c in folded:
            out.append(c)
            index.append(i)
    index.append(len(text))
    return "".join(out), index


def fold_name(name: str) -> str:
    """The folded form of a name with whitespace collapsed: the gazetteer's lookup key."""
    return " ".join(fold(name)[0].split())


def _is_word_char(ch: str) -> bool:
    """Letters, digits and combining marks (Devanagari vowel signs) continue a word."""
    return ch.isalnum() or ch == "_" or unicodedata.category(ch).startswith("M")


_WORD_RUN = re.compile(r"\w+")


def inflection_rules(lang: Optional[str]) -> InflectionRules:
    """The ending rules for a paragraph language (none for English, French, unknown...)."""
    return rules_for(lang)


_FINAL_VOWELS = tuple("аеиоуыэюяйьєіїaeiouyაეიოუ")


_ADJECTIVE_FORMS = ("ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие", "ій")


def stem(word: str) -> str:
    """A folded word without its final vowel (or adjective ending), when at least 3 letters remain."""
    for ending in _ADJECTIVE_FORMS:
        if word.endswith(ending) and len(word) - 2 >= 3:
            return word[:-2]
    if word.endswith(_FINAL_VOWELS) and len(word) - 1 >= 3:
        return word[:-1]
    return word


@dataclass(frozen=True)
class Entry:
    """One named thing: its canonical English name, label, key and names in many languages."""

    canonical: str
    label: str
    key: str
    variants: tuple[tuple[str, str], ...]  # (lang, name)
    priority: int = 0  # 0 hand-written, 1 generated: on ties the hand-written entry wins


@dataclass(frozen=True)
class Variant:
    """One written form of an entry, prepared for matching."""

    entry: Entry
    lang: str
    name: str
    words: tuple[str, ...]  # folded words
    capitalised: tuple[bool, ...]  # which words start with a capital letter in the name
    acronym: bool
    plain: tuple[bool, ...] = ()  # which words are letters and digits only (not "U.S.", "l'atlas")


@dataclass(frozen=True)
class Match:
    """A gazetteer name found in a text: ``text[start:end]`` is the mention."""

    start: int
    end: int
    entry: Entry
    variant: Variant
    suffix_chars: int = 0
    fuzzy: bool = False


def _variant(entry: Entry, lang: str, name: str) -> Optional[Variant]:
    raw_words = [w for w in _SEPARATOR.split(name.strip()) if w]
    if not raw_words:
        return None
    folded = tuple(fold(w)[0] for w in raw_words)
    letters = [c for c in name if c.isalpha()]
    acronym = 2 <= len(letters) <= 6 and all(c.isupper() for c in letters) and len(raw_words) == 1
    capitalised = tuple(w[0].isupper() for w in raw_words)
    plain = tuple(all(_is_word_char(c) for c in w) for w in folded)
    return Variant(entry, lang, name, folded, capitalised, acronym, plain)


@lru_cache(maxsize=None)
def _stop_words(lang: str) -> frozenset[str]:
    """spaCy's stop words of a language (e.g. Russian "того" is not Togo); empty if none."""
    try:
        module = importlib.import_module(f"spacy.lang.{lang}.stop_words")
    except Exception:  # no such language in spaCy: nothing to filter
        return frozenset()
    return frozenset(fold_name(w) for w in getattr(module, "STOP_WORDS", ()))


class Gazetteer:
    """Known names, matchable in text of any language and look-up-able by name."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries: list[Entry] = list(entries)
        self.by_name: dict[str, list[Variant]] = {}
        self._first_words: dict[str, list[Variant]] = {}
        for entry in self.entries:
            for lang, name in entry.variants:
                variant = _variant(entry, lang, name)
                if variant is None:
                    continue
                self.by_name.setdefault(fold_name(" ".join(variant.words)), []).append(variant)
                self._first_words.setdefault(stem(variant.words[0]), []).append(variant)
        self._automaton = ahocorasick.Automaton()
        for key in self._first_words:
            self._automaton.add_word(key, key)
        if self._first_words:
            self._automaton.make_automaton()
        self.by_canonical: dict[str, Entry] = {}
        for entry in self.entries:
            self.by_canonical.setdefault(fold_name(entry.canonical), entry)

    def __len__(self) -> int:
        return len(self.entries)

    # -- lookup ---------------------------------------------------------------------------
    def lookup(self, name: str, lang: Optional[str] = None, label: Optional[str] = None) -> Optional[Entry]:
        """The entry one of whose names is exactly ``name`` (after folding), or None."""
        key = fold_name(" ".join(w for w in _SEPARATOR.split(name) if w))
        variants = self.by_name.get(key)
        if not variants:
            entry = self.by_canonical.get(key)
            return entry if entry and _label_ok(entry, label) else None
        variants = [v for v in variants if _label_ok(v.entry, label)] or ([] if label else variants)
        if not variants:
            return None
        return min(variants, key=lambda v: _preference(v, lang)).entry

    def entry(self, canonical: str) -> Optional[Entry]:
        """The entry with this canonical name."""
        return self.by_canonical.get(fold_name(canonical))

    # -- matching in text -----------------------------------------------------------------
    def find(self, text: str, lang: Optional[str] = None, fuzzy: bool = True) -> list[Match]:
        """Non-overlapping gazetteer names in ``text`` (longest first), with exact spans."""
        if not self._first_words or not text:
            return []
        rules = inflection_rules(lang)
        folded, index = fold(text)
        stops = _stop_words(base_code(lang))
        found: list[Match] = []
        for last, key in self._automaton.iter(folded):
            start = last - len(key) + 1
            if start > 0 and _is_word_char(folded[start - 1]):
                continue
            for variant in self._first_words[key]:
                hit = _verify(folded, start, variant, rules, fuzzy)
                if hit is None:
                    continue
                end, suffix_chars, is_fuzzy = hit
                o_start, o_end = index[start], index[end]
                surface = text[o_start:o_end]
                if not _case_ok(surface, variant):
                    continue
                if len(variant.words) == 1 and folded[start:end] in stops:
                    continue
                found.append(Match(o_start, o_end, variant.entry, variant, suffix_chars, is_fuzzy))
        return _resolve(found, lang)


def _label_ok(entry: Entry, label: Optional[str]) -> bool:
    return label is None or LABEL_FAMILY.get(entry.label) == LABEL_FAMILY.get(label, label)


def _preference(variant: Variant, lang: Optional[str]) -> tuple[int, int]:
    lang_rank = 0 if variant.lang == lang else 1 if variant.lang in (ENGLISH, ANY_LANGUAGE) else 2
    return (variant.entry.priority, lang_rank)


def _read_word(folded: str, pos: int) -> int:
    """End of the run of word characters starting at ``pos``."""
    end = pos
    while True:
        run = _WORD_RUN.match(folded, end)
        if run is not None:
            end = run.end()
        if end < len(folded) and _is_word_char(folded[end]):  # a combining mark: the word goes on
            end += 1
            continue
        return end


def _verify(folded: str, start: int, variant: Variant, rules: InflectionRules,
            fuzzy: bool) -> Optional[tuple[int, int, bool]]:
    """Where ``variant`` ends if it is written at ``start`` (end, ending length, fuzzy), else None."""
    pos = start
    suffix_total = 0
    used_fuzzy = False
    last = len(variant.words) - 1
    for i, word in enumerate(variant.words):
        if i > 0:  # between words: whitespace or a hyphen
            sep = pos
            while sep < len(folded) and (folded[sep].isspace() or folded[sep] in _HYPHENS):
                sep += 1
            if sep == pos:
                return None
            pos = sep
        if not variant.plain[i]:
            # "U.S.", "l'Atlas": compare the characters as written, then want a word boundary.
            word_end = pos + len(word)
            ok = folded.startswith(word, pos) and not (
                _is_word_char(word[-1]) and word_end < len(folded) and _is_word_char(folded[word_end]))
            if not ok:
                return None
            pos = word_end
            continue
        word_end = _read_word(folded, pos)
        written = folded[pos:word_end]
        inflects = (i == last or rules.all_words) and not variant.acronym
        matched = _word_matches(written, word, rules if inflects else NO_INFLECTION)
        if matched is None:
            # One small typo in a later word of a long name (Grup for Group), never in the first.
            if (fuzzy and not used_fuzzy and i > 0 and len(word) >= 4 and written
                    and Levenshtein.distance(written, word) <= (2 if len(word) >= 9 else 1)
                    and written[0] == word[0]):
                used_fuzzy = True
                matched = 0
            else:
                return None
        suffix_total += matched
        pos = word_end
    return pos, suffix_total, used_fuzzy


_VOWELS = frozenset("aeıioöuüəâîû")


def _word_matches(written: str, word: str, rules: InflectionRules) -> Optional[int]:
    """Length of the ending if ``written`` is ``word`` (or its stem) plus an allowed ending."""
    if written == word:
        return 0
    if rules.max_suffix == 0:
        return None
    bases = [word]
    if rules.stem_final_vowel:
        stemmed = stem(word)
        if stemmed != word:
            bases.append(stemmed)
    softened_bases = {word[:-len(plain)] + softened for plain, softened in rules.final_mutations
                      if word.endswith(plain) and len(word) > 2}
    bases.extend(sorted(softened_bases))
    for base in bases:
        if written.startswith(base):
            ending = written[len(base):]
            if base in softened_bases and ending[:1] not in _VOWELS:
                continue  # a softened consonant stands only before a vowel
            if not 0 < len(ending) <= rules.max_suffix or ending.startswith(rules.bad_suffix_prefixes):
                continue
            if rules.endings is not None:
                allowed = rules.endings
                if rules.adjective_endings is not None and word.endswith(_ADJECTIVE_FORMS):
                    allowed = allowed | rules.adjective_endings
                if ending not in allowed:
                    continue
            return len(ending)
    return None


def _case_ok(surface: str, variant: Variant) -> bool:
    """Capitalised names need capitals in the text ("Turkey", not "turkey"); acronyms need all caps."""
    if variant.acronym:
        return all(c.isupper() for c in surface if c.isalpha())
    words = [w for w in _SEPARATOR.split(surface) if w]
    for written, needs_capital in zip(words, variant.capitalised):
        if needs_capital and written[:1].isalpha() and not written[0].isupper():
            return False
    return True


def _resolve(found: list[Match], lang: Optional[str]) -> list[Match]:
    """Keep the longest, exact, least-inflected, best-language match where matches overlap."""
    ranked = sorted(found, key=lambda m: (-(m.end - m.start), m.fuzzy, m.suffix_chars,
                                          _preference(m.variant, lang), m.start))
    kept: list[Match] = []
    taken = bytearray(max((m.end for m in found), default=0))
    for m in ranked:
        if any(taken[m.start:m.end]):
            continue
        kept.append(m)
        taken[m.start:m.end] = b"\x01" * (m.end - m.start)
    return sorted(kept, key=lambda m: m.start)


# -- data files ---------------------------------------------------------------------------
def read_rows(path: Path, priority: int) -> Iterator[Entry]:
    """Entries of one TSV file: ``canonical  label  key  lang:name|lang:name...`` ('#' comments)."""
    with path.open(encoding="utf-8", newline="") as handle:
        for line_no, row in enumerate(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE), 1):
            if not row or row[0].startswith("#"):
                continue
            if len(row) < 4 or row[1] not in LABELS:
                log.warning("%s:%d: skipped malformed gazetteer row", path.name, line_no)
                continue
            canonical, label, key, names = row[:4]
            variants = [(ENGLISH, canonical)] if canonical else []
            for item in names.split("|"):
                lang, _, name = item.partition(":")
                if name.strip():
                    variants.append((lang.strip(), name.strip()))
            yield Entry(canonical, label, key or f"name:{canonical}", tuple(variants), priority)


def merge_entries(entries: Iterable[Entry]) -> list[Entry]:
    """Merge entries that share a key: the first canonical name and label win, variants add up."""
    merged: dict[str, Entry] = {}
    for entry in entries:
        old = merged.get(entry.key)
        if old is None:
            merged[entry.key] = entry
            continue
        seen = set(old.variants)
        extra = tuple(v for v in entry.variants if v not in seen)
        merged[entry.key] = Entry(old.canonical or entry.canonical, old.label, old.key, old.variants + extra,
                                  min(old.priority, entry.priority))
    return list(merged.values())


@lru_cache(maxsize=4)
def load_gazetteer(paths: Optional[tuple[Path, ...]] = None) -> Gazetteer:
    """The gazetteer of the package data files (built once per process)."""
    paths = paths or (HAND_FILE, CLDR_FILE)
    entries: list[Entry] = []
    for priority, path in enumerate(paths):
        if path.exists():
            entries.extend(read_rows(path, priority))
        else:
            log.warning("gazetteer file %s is missing", path)
    return Gazetteer(merge_entries(entries))


# -- generation from CLDR (run by hand, output committed) ----------------------------------
CLDR_LANGS = ("en", "az", "ru", "tr", "fr", "uk", "hy", "de", "es", "it", "pt", "pl", "cs", "ka", "ar", "fa")
#: CLDR territory codes that are not countries (EU and UN are organisations, in gazetteer.tsv).
_NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "AQ"}
#: Time-zone exemplar "cities" that are not cities, or are common words or first names in English.
_NOT_CITIES = {"Casey", "Davis", "Palmer", "Regina", "Stanley", "Center", "Wake", "Midway", "Easter", "Christmas",
               "Cocos", "Chatham", "Norfolk", "Canary", "Cambridge_Bay", "Creston", "Resolute", "Knox", "Eucla",
               "Lindeman", "Macquarie", "Broken_Hill", "Lord_Howe", "Danmarkshavn", "Thule", "Scoresbysund",
               "Chagos", "Kerguelen", "South_Georgia", "Galapagos", "Marquesas", "Gambier", "Azores", "Madeira",
               "Bahia", "Bougainville", "Noronha", "Oral", "Reunion", "Unknown", "Beulah", "Marengo", "Vevay",
               "Winamac", "Tell_City", "Petersburg", "New_Salem", "Monticello", "Vincennes", "Menominee",
               "Metlakatla", "Louisville", "Swift_Current", "Glace_Bay", "Goose_Bay", "Atikokan", "Rankin_Inlet",
               "Blanc-Sablon", "Fort_Nelson", "Dawson", "Dawson_Creek", "Inuvik", "Iqaluit", "Coyhaique",
               "Ojinaga", "Bahia_Banderas", "Lower_Princes", "Kralendijk", "Marigot", "St_Barthelemy",
               "Mariehamn", "Busingen", "Longyearbyen", "Khandyga", "Srednekolymsk", "Ust-Nera", "Yakutat",
               "Sitka", "Nome", "Adak", "Juneau", "Boise", "Kanton", "Kiritimati", "Fakaofo", "Kosrae", "Chuuk",
               "Pohnpei", "Kwajalein", "Hovd", "Pontianak", "Jayapura", "Makassar", "Araguaina", "Eirunepe",
               "Santarem", "Cuiaba", "Boa_Vista", "Catamarca", "Jujuy", "San_Luis", "Rio_Gallegos", "La_Rioja",
               "Tucuman", "Salta", "San_Juan", "Ushuaia", "Qostanay", "Qyzylorda", "Aqtau", "Aqtobe", "Atyrau",
               "Troll", "Vostok", "Syowa", "Rothera", "Mawson", "McMurdo", "DumontDUrville", "Anadyr", "Chita"}
_CANONICAL_OVERRIDES = {"TR": "Turkey", "CD": "Democratic Republic of the Congo", "CG": "Republic of the Congo",
                        "CI": "Ivory Coast", "PS": "Palestine", "MM": "Myanmar", "HK": "Hong Kong",
                        "MO": "Macau", "FK": "Falkland Islands"}


def _clean_cldr_names(name: str) -> list[str]:
    """Usable written forms of one CLDR name ("Myanmar (Burma)" -> Myanmar (Burma), Myanmar, Burma)."""
    name = name.replace("&", "and").strip()
    if " - " in name or "SAR" in name.split():
        return []  # "Congo - Kinshasa", "Hong Kong SAR China": labels, not names people write
    names = [name]
    inner = re.match(r"^(.*?)\s*\((.*)\)$", name)
    if inner:
        names += [inner.group(1).strip(), inner.group(2).strip()]
    return [n for n in names if n]


def build_cldr_rows() -> list[list[str]]:
    """Rows for countries and major cities from CLDR via Babel (needs the ``babel`` package)."""
    from babel import Locale
    from babel.core import get_global

    locales = {lang: Locale.parse(lang) for lang in CLDR_LANGS}
    stops = set().union(*(_stop_words(lang) for lang in CLDR_LANGS))

    def usable(name: str) -> bool:
        return fold_name(name) not in stops and len(name) >= 3

    rows: list[list[str]] = []
    english_countries: set[str] = set()
    english_territories = cast("dict[str, str]", locales[ENGLISH].territories)  # CLDR codes -> names
    for code in sorted(c for c in english_territories if len(c) == 2 and c.isalpha() and c not in _NOT_COUNTRIES):
        english = _clean_cldr_names(english_territories[code])
        canonical = _CANONICAL_OVERRIDES.get(code) or (english[0] if english else None)
        if not canonical:
            continue
        english_countries.update(fold_name(n) for n in english)
        variants = []
        for lang, locale in locales.items():
            for name in _clean_cldr_names(locale.territories.get(code, "")):
                if usable(name) and f"{lang}:{name}" not in variants:
                    variants.append(f"{lang}:{name}")
        rows.append([canonical, "GPE", f"country:{code}", "|".join(variants)])
    for _territory, zones in sorted(get_global("territory_zones").items()):
        for zone in zones:
            parts = zone.split("/")
            if parts[0] in ("Etc", "Antarctica") or len(parts) != 2 or parts[1] in _NOT_CITIES:
                continue
            english = locales[ENGLISH].time_zones.get(zone, {}).get("city") or parts[1].replace("_", " ")
            if fold_name(english) in english_countries:
                continue
            variants = []
            cities = {lang: locale.time_zones.get(zone, {}).get("city") for lang, locale in locales.items()}
            cities[ENGLISH] = english  # the canonical name, with its fallback
            for lang, city in cities.items():
                if city and usable(city) and f"{lang}:{city}" not in variants:
                    variants.append(f"{lang}:{city}")
            rows.append([english, "GPE", f"city:{zone}", "|".join(variants)])
    return rows


def write_cldr_file(path: Path = CLDR_FILE) -> int:
    """Regenerate ``gazetteer_countries.tsv``; returns the number of rows written."""
    import babel

    rows = build_cldr_rows()
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(f"# Generated by `python -m newsledger.gazetteer.table` from Unicode CLDR via Babel {babel.__version__} "
                     "(Unicode License v3). Do not edit: add aliases to gazetteer.tsv with the same key.\n")
        handle.write("# canonical\tlabel\tkey\tlang:name|...\n")
        writer = csv.writer(handle, delimiter="\t", quoting=csv.QUOTE_NONE, lineterminator="\n", escapechar="\\")
        writer.writerows(rows)
    return len(rows)


if __name__ == "__main__":  # pragma: no cover - a maintenance command
    logging.basicConfig(level=logging.INFO)
    log.info("wrote %d rows to %s", write_cldr_file(), CLDR_FILE)
