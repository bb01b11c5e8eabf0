"""Armenian: a page written for the test (a missile strike told from one side's press), read end to end,
and the pack's number words, dates, casualty words and denials."""
from __future__ import annotations

import pytest

from newsledger import analyze_text, lang
from newsledger.stages.events.figures import find_figures
from newsledger.stages.events.numbers import parse_number

PAGE = (
    "Հոկտեմբերի 11-ին գիշերը Գանձակ քաղաքը կրկին հրթիռակոծվել է։\n\n"
    "Ըստ տեղական իշխանությունների՝ հրթիռային հարվածի հետևանքով զոհվել է 9 խաղաղ բնակիչ, "
    "ավելի քան երեսունչորս մարդ վիրավորվել է։\n\n"
    "«Մենք կշարունակենք պաշտպանել մեր բնակիչներին», - հայտարարել է Արման Սարգսյանը։"
)


@pytest.fixture(scope="module")
def page():  # type: ignore[no-untyped-def]
    return analyze_text(PAGE, published="2020-10-12")


def test_the_page_is_read_as_armenian_with_its_date_place_and_figures(page) -> None:  # type: ignore[no-untyped-def]
    assert {p.lang for p in page.paragraphs} == {"hy"}
    assert ("Հոկտեմբերի 11-ին", "2020-10-11") in [(d.text, d.value) for d in page.dates]
    attack = next(e for e in page.events if e.type == "attack" and e.killed is not None)
    assert (attack.killed.low, attack.killed.text) == (9, "9")
    assert (attack.injured.low, attack.injured.high, attack.injured.text) == (34, None, "ավելի քան երեսունչորս")
    assert any(e.place is not None and e.place.canonical == "Ganja" for e in page.events)


def test_cue_verbs_with_their_auxiliary(page) -> None:  # type: ignore[no-untyped-def]
    assert any(q.cue is not None and q.cue.text.startswith("հայտարարել") for q in page.quotes)


@pytest.mark.parametrize("words, value", [("տասը", 10), ("տասներկու", 12), ("քսանհինգ", 25), ("յոթանասունութ", 78),
                                          ("երկու հարյուր", 200), ("հազար", 1000), ("երկուսը", 2)])
def test_number_words(words: str, value: int) -> None:
    assert parse_number(words, "hy") == value


def test_months_with_their_case_endings() -> None:
    months = lang.get("hy").months
    assert months["հոկտեմբերի"] == months["հոկտեմբերին"] == months["հոկտեմբերից"] == 10
    assert months["սեպտեմբեր"] == 9


def test_vague_counts_get_a_label_and_years_of_age_are_no_count() -> None:
    figures = find_figures("Տասնյակ մարդիկ վիրավորվել են, զոհվել է 25 տարեկան մի տղամարդ։", "hy")
    vague = next(f for f in figures if f.kind == "injured")
    assert (vague.figure.low, vague.figure.label, vague.figure.text) == (None, "dozens", "Տասնյակ")
    assert not any(f.figure.low == 25 for f in figures)


def test_a_denial_is_no_event() -> None:
    doc = analyze_text("Պաշտպանության նախարարությունը հերքել է Թարթառի հրետակոծության մասին տեղեկությունները։")
    assert not [e for e in doc.events if e.type == "attack"]


def test_the_day_after_a_month_is_no_count() -> None:
    figures = find_figures("Հոկտեմբերի 10-ին Ստեփանակերտը կրկին ռմբակոծվել է, վիրավորվել է երեք խաղաղ բնակիչ։", "hy")
    assert [(f.kind, f.figure.low, f.figure.text) for f in figures] == [("injured", 3, "երեք")]


def test_armenian_place_names_reach_their_canonical_place() -> None:
    doc = analyze_text("Թարթառում և Բարդայում հրետակոծություն է եղել։")
    assert {e.canonical for e in doc.entities} >= {"Tartar", "Barda"}
