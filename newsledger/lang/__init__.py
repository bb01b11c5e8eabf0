"""Every fact about a language, one folder per language, behind one registry.

Shaped like spaCy's ``lang/``: ``newsledger/lang/<code>/`` holds a ``pack.json`` (and an
``__init__.py``) with that language's words and rules; ``lang/xx`` is the default every
pack starts from and the pack of a language nobody wrote. Packs are discovered by scanning
the subpackages, so adding a language is adding one folder (see docs/adding-a-language.md).

    >>> from newsledger import lang
    >>> lang.get("ru").months["октября"]
    10
    >>> lang.get("zz").code   # unknown: the default pack
    'xx'
"""
from __future__ import annotations

import json
import pkgutil
from dataclasses import dataclass, field, fields
from functools import lru_cache
from importlib import resources as importlib_resources
from typing import Any, Optional

__all__ = ["ANY_LANGUAGE", "DEFAULT", "ENGLISH", "UNDETERMINED", "LanguagePack", "all_abbreviations", "base_code", "codes",
           "get", "known", "read_by_english_model", "writes_ordinal_dot"]

#: The code of the default pack (spaCy's "multi-language" code).
DEFAULT = "xx"
#: The code the language identifier gives text it cannot place.
UNDETERMINED = "und"
#: The lingua franca of the gazetteer and of the fallbacks (month names in a heading of unknown language).
ENGLISH = "en"
#: The language of a gazetteer name written the same in every language.
ANY_LANGUAGE = "*"


@dataclass(frozen=True)
class LanguagePack:
    """The facts one language contributes to the stages (each field says who reads it).

    A pack's ``pack.json`` lists only what it changes; every other field comes from ``xx``.
    """

    code: str
    name: str

    # -- traits ---------------------------------------------------------------------------
    #: spaCy's English model parses it, and the English-phrased rules apply (entities, quotes, events).
    read_by_english_model: bool = False
    #: The verb comes last (az, tr): a name right after an attack word is not its object (events).
    verb_final: bool = False
    #: Nouns are written capitalised (German): "Beschuss 12" is no name with a number ("Channel 4") (events).
    capitalises_nouns: bool = False
    #: A number followed by a dot may be an ordinal ("17. Oktober"), not a sentence end (sentences).
    ordinal_dot: bool = False
    #: Family of endings names take in running text ("turkic", "slavic", ...): gazetteer matching.
    name_inflection: str = "none"
    #: The model that reads names and syntax of this language ("natasha": Russian, Ukrainian); "" for none.
    syntax_model: str = ""
    #: Letters whose English news romanisation differs from Unidecode's ("ə" -> "a", "x" -> "kh"): name keys.
    romanisation: dict[str, str] = field(default_factory=dict)

    # -- sentences ------------------------------------------------------------------------
    #: Abbreviations that end in a period without ending a sentence (casefolded, with their dots).
    abbreviations: tuple[str, ...] = ()

    # -- dates (stages/dates/tables.py; months and weekdays also events/dating.py) --------
    #: Written month forms (lower case, inflections included) -> month number 1-12.
    months: dict[str, int] = field(default_factory=dict)
    #: Written weekday forms the date finder accepts -> 0 (Monday) .. 6.
    weekdays: dict[str, int] = field(default_factory=dict)
    #: Shorter weekday forms ambiguous on their own (Turkish "pazar" is also "market"): events only.
    weekday_short_forms: dict[str, int] = field(default_factory=dict)
    #: Words naming a day relative to the page date -> offset in days ("yesterday": -1).
    relative_days: dict[str, int] = field(default_factory=dict)
    #: Vaguer phrases ("overnight", "earlier today") the event dater reads but the date finder does not.
    relative_days_loose: dict[str, int] = field(default_factory=dict)
    #: Phrases pointing back to the day just told ("that night", "həmin gecə", "в тот же день"): events.
    anaphoric_days: tuple[str, ...] = ()
    #: Regex of the words that make a year someone's birth year ("born in", "года рождения", "təvəllüdlü"), written
    #: right before or right after it: never an event's date (events).
    birth_year_words: str = ""
    #: The date finder's grammar: title_case, slash_order, month_suffix, bare_suffix, bare_months,
    #: day, directions, patterns, relative_periods, units, ago, future_cue, past_context (docs/adding-a-language.md).
    dates: dict[str, Any] = field(default_factory=dict)

    # -- numbers (dates "three days ago", events "12 killed") ----------------------------
    #: Number words -> value, every form once ("двух", "une douzaine").
    number_words: dict[str, int] = field(default_factory=dict)
    #: Articles that count as one before a unit ("a week ago"), not in number_words.
    indefinite_articles: tuple[str, ...] = ()
    #: Words joining parts of one number ("vingt et un", "one hundred and five").
    number_joiners: tuple[str, ...] = ()
    #: Compounds beyond tens + units: {"after": [60, 80], "below": 20} = "soixante-dix", "quatre-vingt-douze".
    number_compounds: tuple[dict[str, Any], ...] = ()
    #: Words between two numbers of a range ("10 to 12", "10-12"), all languages together by default.
    range_joiners: tuple[str, ...] = ()
    #: Conjunctions ("and", "но"): a number and a casualty word across one belong to two clauses.
    conjunctions: tuple[str, ...] = ()
    #: Vague counts ("dozens", "десятки"): a figure with no value.
    vague_quantities: tuple[str, ...] = ()
    #: Each vague form -> its normalised label ("onlarla" -> "dozens", "plusieurs" -> "several"), shown beside the words.
    vague_labels: dict[str, str] = field(default_factory=dict)
    #: Qualifier phrase -> bound ("at least" -> "min", "about" -> "approx").
    qualifiers: dict[str, str] = field(default_factory=dict)
    #: Qualifiers written after the number, regex -> bound ("7-dən çox" more than 7, "40-ից ավելի", "12 على الأقل").
    qualifiers_after: dict[str, str] = field(default_factory=dict)
    #: Regex of units that make a number no count of people ("years old", "km").
    non_count_units: str = ""

    # -- quotes (stages/quotes) -----------------------------------------------------------
    #: The parser lexicon of a language read with spaCy (verb lemmas, role nouns...): English.
    parser_cues: dict[str, Any] = field(default_factory=dict)
    #: Regex of cue words of a language read without a parser ("заявил", "a déclaré").
    cue_pattern: str = ""
    #: Regex of "according to" markers ("по словам", "selon", "-ın sözlərinə görə").
    according_to: str = ""
    #: "before": marker then source (ru, fr); "after": source then marker (az, tr).
    according_position: str = "before"
    #: Regex of the word that opens reported content ("что", "que", "ki").
    complementizer: str = ""
    #: Words that are never a speaker's name.
    stop_words: tuple[str, ...] = ()
    #: Role-word stems a speaker's name may start with ("министр", "nazir", "ministre"): speakers.
    role_stems: tuple[str, ...] = ()
    #: Third-person pronouns a speaker may be ("O", "Onun", "он", "il"): the last speaker, as in English.
    speaker_pronouns: tuple[str, ...] = ()
    #: Words opening a sentence that reports the one before ("Bunu X deyib", "Об этом сообщил X").
    anaphors: tuple[str, ...] = ()
    #: Stance cue regexes by polarity: negative, positive, demand.
    stance_words: dict[str, str] = field(default_factory=dict)

    # -- events (stages/events) -----------------------------------------------------------
    #: Event type -> subtype ("_" names none) -> trigger regexes.
    event_triggers: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    #: Casualty kind (killed, injured, hit, missing, captured, displaced) -> word regexes.
    casualty_words: dict[str, list[str]] = field(default_factory=dict)
    #: Regex of "one of the wounded later died".
    later_died: str = ""
    #: Words that open a subgroup of a figure ("including", "в том числе").
    subgroup_cues: tuple[str, ...] = ()
    #: Person nouns (singular, plural) for victims counted without a number ("a man", "two women").
    person_nouns: tuple[str, ...] = ()
    person_nouns_plural: tuple[str, ...] = ()
    #: Regex of "another" victims added to a count.
    additive_cue: str = ""
    #: Regex of patronymic markers ("oğlu", "qızı", "гызы", "-ович"): each marks one named person (victims counted by name).
    patronymics: str = ""
    #: Regex of "no one" (a stated zero).
    none_words: str = ""
    #: Weapon regex -> weapon name.
    weapons: dict[str, str] = field(default_factory=dict)
    #: "late at night": the event happened the night before the page date.
    night_phrases: tuple[str, ...] = ()
    #: Regex with a group ``what``: "after the ceasefire" bounds the event's date.
    after_cues: str = ""
    #: Regex with a group ``who``: the source of an event sentence ("according to officials").
    according_to_events: str = ""
    #: Words before an attack word saying it did not happen ("a pause in the shooting").
    not_occurred: tuple[str, ...] = ()
    #: Regexes by kind of what did not happen: "generic" (right before the trigger: "such attacks"), "conditional"
    #: ("if"), "call" ("called on ... to stop"), "denial" ("denied"); a sentence they govern tells no event (events).
    not_happened: dict[str, str] = field(default_factory=dict)
    #: Region names that are no place of their own (US states): places.
    region_names: tuple[str, ...] = ()
    #: Regex of the words for a city, town or village ("city", "город\\w*", "kent\\w*"): a place named beside one
    #: ("the city of Ganja", "городу Гянджа", "Gence kentinin") is a settlement, the scene of the attack told (events).
    settlement_words: str = ""

    # -- language identification (stages/langid, through newsledger.lang.letters) ----------
    #: Letters telling this language from others of its script: ``own`` (letters that point at it:
    #: Azerbaijani "ə") and ``never`` (letters of its script its words do not hold: Turkish "qxə").
    letters: dict[str, str] = field(default_factory=dict)

    @property
    def has_dates(self) -> bool:
        """Whether the date finder has tables for this language (others: numeric forms, dateparser)."""
        return bool(self.months and self.dates.get("patterns"))

    @property
    def has_events(self) -> bool:
        """Whether the events stage can read this language (triggers and casualty words)."""
        return bool(self.event_triggers or self.casualty_words)


_TUPLE_FIELDS = {f.name for f in fields(LanguagePack) if str(f.type).startswith("tuple")}


def base_code(code: Optional[str]) -> str:
    """The primary language subtag, lower case: ``en-GB`` -> ``en``; none -> ``und``."""
    return (code or UNDETERMINED).split("-")[0].lower() or UNDETERMINED


def _read(code: str) -> dict[str, Any]:
    path = importlib_resources.files("newsledger.lang").joinpath(code, "pack.json")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


@lru_cache(maxsize=1)
def codes() -> tuple[str, ...]:
    """Codes of every pack under ``newsledger/lang/`` (sorted, ``xx`` included)."""
    import newsledger.lang as package

    return tuple(sorted(m.name for m in pkgutil.iter_modules(package.__path__) if m.ispkg))


def known(code: Optional[str]) -> bool:
    """Whether ``code`` (or its primary subtag) has a pack of its own."""
    return base_code(code) in codes() and base_code(code) != DEFAULT


@lru_cache(maxsize=None)
def _load(code: str) -> LanguagePack:
    values = _read(DEFAULT)
    if code != DEFAULT:
        values.update(_read(code))
    values["code"] = code
    unknown = set(values) - {f.name for f in fields(LanguagePack)}
    if unknown:
        raise ValueError(f"lang/{code}/pack.json: unknown fields {sorted(unknown)}")
    for name in _TUPLE_FIELDS & set(values):
        value = values[name]
        values[name] = tuple(value) if isinstance(value, list) else value
    return LanguagePack(**values)


def get(code: Optional[str]) -> LanguagePack:
    """The pack of a language code (``en-GB`` reads ``en``); unknown codes get the ``xx`` pack."""
    base = base_code(code)
    return _load(base if base in codes() else DEFAULT)


#: Share of ASCII letters above which a text of undetermined language is read as English.
_ASCII_SHARE = 0.95


def read_by_english_model(code: Optional[str], text: Optional[str] = None) -> bool:
    """The one "is this English" test: the pack's trait for a known code.

    For an undetermined code (``und``, empty, None) the answer is no, unless ``text`` is
    given and (nearly) all its letters are ASCII.
    """
    if base_code(code) == UNDETERMINED and text is not None:
        ascii_letters = sum(1 for c in text if c.isascii() and c.isalpha())
        letters = sum(1 for c in text if c.isalpha()) or 1
        return ascii_letters / letters > _ASCII_SHARE
    return get(code).read_by_english_model


#: Languages without a pack yet that write ordinals with a dot ("3. maja", "3. října").
_ORDINAL_DOT_WITHOUT_PACK = frozenset({"pl", "cs", "sk", "hr", "sl", "sr", "da", "no", "nb", "fi", "hu", "et", "lv"})


def writes_ordinal_dot(code: Optional[str]) -> bool:
    """Whether "17." is an ordinal in this language (the pack's trait; a short list for languages without a pack)."""
    base = base_code(code)
    return get(base).ordinal_dot if known(base) else base in _ORDINAL_DOT_WITHOUT_PACK


@lru_cache(maxsize=1)
def all_abbreviations() -> frozenset[str]:
    """The abbreviations of every pack together (casefolded, with their dots).

    The sentence splitter reads them all: pages mix languages, and a short paragraph's language is
    often wrong, while a period after "т.е." or "z.B." never ends a sentence in any language.
    """
    return frozenset(a.casefold() for code in codes() for a in get(code).abbreviations)
