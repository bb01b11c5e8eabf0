"""Every language pack provides every field the stages read, so a half-added language cannot ship."""
from __future__ import annotations

import re
from dataclasses import fields

import pytest

from newsledger import lang
from newsledger.lang import LanguagePack
from newsledger.lang.inflection import FAMILIES

#: Fields every pack other than xx must fill: a language without them reads nothing.
REQUIRED = ("months", "weekdays", "relative_days", "number_words", "dates")
#: Fields a pack reading quotes with regexes must fill (the English pack reads them from spaCy parses).
REQUIRED_FOR_REGEX_QUOTES = ("cue_pattern", "according_to", "complementizer", "stop_words", "stance_words")
#: Fields a pack reading events must fill.
REQUIRED_FOR_EVENTS = ("event_triggers", "casualty_words", "qualifiers", "vague_quantities", "after_cues",
                       "according_to_events", "weapons", "night_phrases", "conjunctions")
#: Fields of the date grammar the date finder reads.
DATE_GRAMMAR = ("title_case", "slash_order", "day", "directions", "patterns", "relative_periods", "units", "ago", "future_cue")
#: Packs that only declare name facts (no text of theirs is read yet beyond the gazetteer).
NAME_ONLY: set[str] = set()
#: Fields that are regular expressions (compiled by the stages).
REGEX_FIELDS = ("cue_pattern", "according_to", "complementizer", "later_died", "additive_cue", "none_words",
                "after_cues", "according_to_events", "non_count_units")

LANGUAGE_CODES = [code for code in lang.codes() if code != lang.DEFAULT]


def missing(pack: LanguagePack, names: tuple[str, ...]) -> list[str]:
    return [f"lang/{pack.code}: field {name!r} is missing or empty" for name in names if not getattr(pack, name)]


def test_the_registry_finds_the_packs_by_scanning_the_folders() -> None:
    assert {"xx", "en", "ru", "uk", "az", "tr", "fr", "de"} <= set(lang.codes())


def test_unknown_codes_fall_back_to_xx() -> None:
    assert lang.get("zz").code == "xx"
    assert lang.get(None).code == "xx"
    assert lang.get(lang.UNDETERMINED).code == "xx"
    assert lang.get("en-GB").code == "en"
    assert not lang.known("zz") and lang.known("ru-RU")


def test_xx_declares_every_field_and_reads_nothing_language_specific() -> None:
    xx = lang.get("xx")
    assert {f.name for f in fields(LanguagePack)} <= set(vars(xx))
    assert not xx.cue_pattern and not xx.months and not xx.event_triggers and not xx.has_dates
    assert xx.range_joiners and xx.non_count_units and xx.region_names  # shared by every pack


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_pack_provides_every_field_the_stages_read(code: str) -> None:
    pack = lang.get(code)
    assert pack.code == code
    assert pack.name, f"lang/{code}: field 'name' is empty"
    assert pack.name_inflection in FAMILIES, f"lang/{code}: name_inflection {pack.name_inflection!r} is no family"
    if code in NAME_ONLY:
        return
    problems = missing(pack, REQUIRED)
    problems += [f"lang/{code}: dates grammar lacks {k!r}" for k in DATE_GRAMMAR if k not in pack.dates]
    if not pack.read_by_english_model:
        problems += missing(pack, REQUIRED_FOR_REGEX_QUOTES)
        problems += [f"lang/{code}: stance polarity {p!r} missing" for p in ("negative", "positive", "demand")
                     if p not in pack.stance_words]
        if pack.according_position not in ("before", "after"):
            problems.append(f"lang/{code}: according_position must be 'before' or 'after'")
    else:
        problems += missing(pack, ("parser_cues",))
    problems += missing(pack, REQUIRED_FOR_EVENTS)
    problems += [f"lang/{code}: casualty kind {k!r} missing" for k in ("killed", "injured") if not pack.casualty_words.get(k)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("code", lang.codes())
def test_values_have_the_shape_the_stages_expect(code: str) -> None:
    pack = lang.get(code)
    for name in REGEX_FIELDS:
        value = getattr(pack, name)
        if value:
            re.compile(value)
    assert all(1 <= m <= 12 for m in pack.months.values()), f"lang/{code}: a month outside 1-12"
    assert all(0 <= d <= 6 for d in {**pack.weekdays, **pack.weekday_short_forms}.values()), f"lang/{code}: weekday outside 0-6"
    assert all(isinstance(v, int) and v > 0 for v in pack.number_words.values()), f"lang/{code}: number words must be positive"
    assert all(form == form.lower() for form in (*pack.months, *pack.weekdays)), f"lang/{code}: forms are lower case"
    for kind in pack.casualty_words:
        assert kind in ("killed", "injured", "hit", "missing", "captured", "displaced"), f"lang/{code}: unknown kind {kind}"
    for bound in pack.qualifiers.values():
        assert bound in ("low", "more", "high", "approx"), f"lang/{code}: unknown qualifier bound {bound}"
    for rule in pack.number_compounds:
        assert set(rule) == {"after", "below"}, f"lang/{code}: number_compounds rules have 'after' and 'below'"


def test_one_pack_is_read_by_the_english_model() -> None:
    assert [c for c in lang.codes() if lang.get(c).read_by_english_model] == [lang.ENGLISH]


def test_the_english_test_for_undetermined_text_looks_at_the_letters() -> None:
    assert lang.read_by_english_model("en-US")
    assert not lang.read_by_english_model("und")
    assert lang.read_by_english_model("und", "The minister said so.")
    assert not lang.read_by_english_model("", "Министр так сказал.")
    assert not lang.read_by_english_model("ru", "The minister said so.")


def test_a_pack_with_an_unknown_field_is_refused(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(lang, "_read", lambda code: {"name": code, "month_names": {}})
    lang._load.cache_clear()
    try:
        with pytest.raises(ValueError, match="month_names"):
            lang._load("qq")
    finally:
        lang._load.cache_clear()
