"""The dates stage and the timex finder: spans, values, precision, never a guessed year."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.models import Document, Paragraph, Published, check_spans
from newsledger.stages.dates import stage as dates_stage
from newsledger.stages.dates.timex import find_dates, normalise, resolve_relative
from newsledger.stages.dates.values import anchor_from_date, parse_anchor, to_bounds, value_matches_precision
from tests.conftest import make_doc

PUBLISHED = Published("2020-10-16", "day", "metadata")  # a Friday


def found(text: str, lang: str, anchor: Published | None = None) -> dict[str, tuple]:
    return {d.text: (d.value, d.precision, d.basis) for d in find_dates(text, lang, anchor)}


# ---------------------------------------------------------------- languages

def test_english_forms() -> None:
    got = found("On October 15, 2020, Oct. 15, 15 October 2020, mid-October, in 2020 and on 2020-10-15.", "en")
    assert got["October 15, 2020"] == ("2020-10-15", "day", "explicit")
    assert got["Oct. 15"] == ("--10-15", "day-month", "explicit")
    assert got["15 October 2020"] == ("2020-10-15", "day", "explicit")
    assert got["mid-October"] == ("--10", "month", "explicit")
    assert got["2020"] == ("2020", "year", "explicit")
    assert got["2020-10-15"] == ("2020-10-15", "day", "explicit")


def test_document_year_fills_missing_year_and_says_so() -> None:
    got = found("The talks on 15 October and in September.", "en", PUBLISHED)
    assert got["15 October"] == ("2020-10-15", "day", "document-date")
    assert got["September"] == ("2020-09", "month", "document-date")
    # A date late in the year on a January page is last year's.
    jan = Published("2021-01-03", "day", "metadata")
    assert found("since 28 December", "en", jan)["28 December"] == ("2020-12-28", "day", "document-date")


def test_russian() -> None:
    got = found("27 сентября 2020 года началась война; 27 сентября; в сентябре; в 2020 году", "ru")
    assert got["27 сентября 2020 года"] == ("2020-09-27", "day", "explicit")
    assert got["27 сентября"] == ("--09-27", "day-month", "explicit")
    assert got["сентябре"] == ("--09", "month", "explicit")
    assert got["2020 году"] == ("2020", "year", "explicit")


def test_azerbaijani_inflected() -> None:
    text = "sentyabrın 27-də başladı; 27 sentyabr 2020-ci il; oktyabrın 10-u; 10 oktyabr; 2020-ci ildə"
    got = found(text, "az")
    assert got["sentyabrın 27-də"] == ("--09-27", "day-month", "explicit")
    assert got["27 sentyabr 2020-ci il"] == ("2020-09-27", "day", "explicit")
    assert got["oktyabrın 10-u"] == ("--10-10", "day-month", "explicit")
    assert got["10 oktyabr"] == ("--10-10", "day-month", "explicit")
    assert got["2020-ci ildə"] == ("2020", "year", "explicit")


def test_turkish_french_ukrainian() -> None:
    assert found("27 Eylül 2020 tarihinde", "tr")["27 Eylül 2020 tarihinde"][0] == "2020-09-27"
    assert found("27 Eylül'de başladı", "tr")["27 Eylül'de"] == ("--09-27", "day-month", "explicit")
    assert found("le 27 septembre 2020", "fr")["27 septembre 2020"] == ("2020-09-27", "day", "explicit")
    assert found("le 10 octobre", "fr")["10 octobre"] == ("--10-10", "day-month", "explicit")
    assert found("27 вересня 2020 року", "uk")["27 вересня 2020 року"] == ("2020-09-27", "day", "explicit")


def test_numeric_day_month_order() -> None:
    assert found("on 15.10.2020", "en")["15.10.2020"][0] == "2020-10-15"
    assert found("on 10/15/2020", "en")["10/15/2020"][0] == "2020-10-15"
    assert found("on 15/10/2020", "en")["15/10/2020"][0] == "2020-10-15"
    # Both numbers could be the month: US order in English, day first elsewhere.
    assert found("on 05/06/2020", "en")["05/06/2020"][0] == "2020-05-06"
    assert found("le 05/06/2020", "fr")["05/06/2020"][0] == "2020-06-05"
    assert found("on 31.02.2020", "en") == {}


# ---------------------------------------------------------------- not dates

@pytest.mark.parametrize("text", [
    "over the past 30 years", "for 30 years", "three days of talks", "the 44-day war",
    "killing 10 civilians", "1200 soldiers", "a total of 2020 votes", "They may 5 times",
    "on 31/31/2020", "00.00.2020", "February 30, 2020", "every Sunday", "each July",
])
def test_durations_and_numbers_are_not_dates(text: str) -> None:
    assert find_dates(text, "en", PUBLISHED) == []


def test_years_ago_is_relative_only_with_a_document_year() -> None:
    assert found("30 years ago", "en", PUBLISHED)["30 years ago"] == ("1990", "year", "relative")
    assert found("30 years ago", "en", None)["30 years ago"] == (None, "unknown", "relative")


# ---------------------------------------------------------------- relative

@pytest.mark.parametrize("text,lang,value", [
    ("yesterday", "en", "2020-10-15"), ("tonight", "en", "2020-10-16"), ("the day before", "en", "2020-10-15"),
    ("on Sunday", "en", "2020-10-11"), ("last week", "en", "2020-W41"), ("last month", "en", "2020-09"),
    ("вчера", "ru", "2020-10-15"), ("сегодня", "ru", "2020-10-16"), ("в воскресенье", "ru", "2020-10-11"),
    ("dünən", "az", "2020-10-15"), ("bu gün", "az", "2020-10-16"),
    ("dün", "tr", "2020-10-15"), ("bugün", "tr", "2020-10-16"),
    ("hier", "fr", "2020-10-15"), ("aujourd'hui", "fr", "2020-10-16"),
])
def test_relative_with_document_date(text: str, lang: str, value: str) -> None:
    mentions = find_dates(text, lang, PUBLISHED)
    assert len(mentions) == 1 and mentions[0].value == value and mentions[0].basis == "relative"


@pytest.mark.parametrize("text,lang", [("yesterday", "en"), ("on Sunday", "en"), ("вчера", "ru"), ("dünən", "az"), ("hier", "fr")])
def test_relative_without_document_date_is_never_guessed(text: str, lang: str) -> None:
    [mention] = find_dates(text, lang, None)
    assert (mention.value, mention.precision, mention.basis) == (None, "unknown", "relative")


def test_relative_against_a_yearless_date() -> None:
    anchor = Published("--10-15", "day-month", "heading")
    assert found("yesterday", "en", anchor)["yesterday"] == ("--10-14", "day-month", "relative")
    # Across 29 February the day depends on the unknown year: no value.
    assert found("yesterday", "en", Published("--03-01", "day-month", "heading"))["yesterday"][0] is None
    assert found("on Sunday", "en", anchor)["Sunday"][0] is None


def test_month_with_a_relative_year() -> None:
    assert found("in June last year", "en", PUBLISHED)["June last year"] == ("2019-06", "month", "relative")
    assert found("в сентябре прошлого года", "ru", PUBLISHED)["сентябре прошлого года"][0] == "2019-09"
    assert found("keçən ilin sentyabrında", "az", PUBLISHED)["keçən ilin sentyabrında"][0] == "2019-09"
    assert found("in June last year", "en", None)["June last year"] == (None, "unknown", "relative")


def test_language_without_tables_uses_dateparser_for_day_month() -> None:
    got = found("am 5. Oktober 2020 und am 7. Oktober, seit 3 Jahren", "de")
    assert got == {"5. Oktober 2020": ("2020-10-05", "day", "explicit"), "7. Oktober": ("--10-07", "day-month", "explicit")}


def test_future_sentence_takes_the_next_weekday() -> None:
    assert found("Talks will resume on Monday.", "en", PUBLISHED)["Monday"][0] == "2020-10-19"
    assert found("Talks resumed on Monday.", "en", PUBLISHED)["Monday"][0] == "2020-10-12"


def test_helpers() -> None:
    assert to_bounds("2020-10", "month") == ("2020-10-01", "2020-10-31")
    assert to_bounds("2020", "year") == ("2020-01-01", "2020-12-31")
    assert to_bounds("2020-W41", "week") == ("2020-10-05", "2020-10-11")
    assert to_bounds("--10-15", "day-month") == (None, None)
    assert to_bounds("--10-15", "day-month", year=2020) == ("2020-10-15", "2020-10-15")
    assert to_bounds(None, "unknown") == (None, None)
    assert resolve_relative("yesterday", PUBLISHED).value == "2020-10-15"  # type: ignore[union-attr]
    assert resolve_relative("15 October", PUBLISHED) is None
    assert parse_anchor(Published("--10-15", "day-month")) == anchor_from_date("2000-10-15").__class__(None, 10, 15)
    assert normalise("Oct. 15, 1999", "en").value == "1999-10-15"  # type: ignore[union-attr]
    assert normalise("30 years", "en") is None


def test_unknown_language_uses_only_unambiguous_forms() -> None:
    got = found("15 October 2020, 27 сентября 2020 года, yesterday, hier", "und")
    assert set(got) == {"15 October 2020", "27 сентября 2020 года"}


# ---------------------------------------------------------------- the stage

def test_stage_heading_sets_document_date() -> None:
    doc = make_doc([("15 October", "en", "heading"), ("Foreign media", "en", "heading"),
                    ("The minister said yesterday that the 44-day war began on 27 September.", "en", "body"),
                    ("dünən 10 nəfər", "az", "boilerplate")])
    dates_stage.run(doc, None)  # type: ignore[arg-type]
    assert doc.published == Published("--10-15", "day-month", "heading")
    got = {d.text: (d.value, d.precision, d.basis) for d in doc.dates}
    assert got == {"15 October": ("--10-15", "day-month", "explicit"),
                   "yesterday": ("--10-14", "day-month", "relative"),
                   "27 September": ("--09-27", "day-month", "explicit")}
    assert check_spans(doc) == []


def test_stage_keeps_metadata_date_and_reads_mixed_paragraphs() -> None:
    doc = make_doc([("15 October", "en", "heading"), ("Он сказал вчера: 27 сентября.", "ru", "body")])
    doc.published = PUBLISHED
    doc.paragraphs[1].segments = [{"start": doc.paragraphs[1].start, "end": doc.paragraphs[1].end, "lang": "ru"}]
    dates_stage.run(doc, None)  # type: ignore[arg-type]
    assert doc.published == PUBLISHED
    got = {d.text: (d.value, d.basis) for d in doc.dates}
    assert got == {"15 October": ("2020-10-15", "document-date"), "вчера": ("2020-10-15", "relative"),
                   "27 сентября": ("2020-09-27", "document-date")}


def test_seed_page(seed_path) -> None:
    from newsledger.stages.paragraphs.stage import looks_like_heading, split_paragraphs

    text = seed_path.read_text(encoding="utf-8")
    doc = Document.new(text, input_id="seed")
    for start, end in split_paragraphs(text):
        body = text[start:end]
        lang = "az" if "Azərbaycan" in body else "en"
        doc.paragraphs.append(Paragraph(start, end, body, lang=lang, kind="heading" if looks_like_heading(body) else "body"))
    dates_stage.run(doc, None)  # type: ignore[arg-type]
    got = {d.text: (d.value, d.precision, d.basis) for d in doc.dates}
    assert doc.published.value == "--10-15" and doc.published.basis == "heading"
    assert got["15 October"] == ("--10-15", "day-month", "explicit")
    assert got["sentyabrın 27-də"] == ("--09-27", "day-month", "explicit")
    assert not any("30 years" in t for t in got)
    assert check_spans(doc) == []


# ---------------------------------------------------------------- properties

_WORDS = ["on", "15", "October", "2020", "yesterday", "Sunday", "last", "week", "mid-October", "15.10.2020",
          "вчера", "27", "сентября", "года", "sentyabrın", "27-də", "Eylül'de", "hier", "30", "years", "ago", "the",
          "10/15/2020", "2020-10-15", "in", "May", "dünən", "septembre", ",", ".", "\n"]


@settings(max_examples=150, deadline=None)
@given(words=st.lists(st.sampled_from(_WORDS), max_size=14), lang=st.sampled_from(["en", "ru", "az", "tr", "fr", "und"]),
       prefix=st.text(max_size=5), anchored=st.booleans())
def test_spans_exact_and_values_well_formed(words: list[str], lang: str, prefix: str, anchored: bool) -> None:
    text = prefix + " ".join(words)
    offset = 7
    page = "x" * offset + text
    for d in find_dates(text, lang, PUBLISHED if anchored else None, offset):
        assert page[d.start:d.end] == d.text and d.text == d.text.strip()
        assert value_matches_precision(d.value, d.precision), d
        assert d.basis in ("explicit", "document-date", "relative")
        if not anchored:
            assert d.basis != "document-date"
            assert d.value is None or not re.match(r"\d{4}", d.value) or re.search(r"(?:19|20)\d\d", d.text), d
