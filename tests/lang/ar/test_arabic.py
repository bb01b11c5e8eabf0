"""Arabic: figures with prefixed casualty words, units before tens, qualifiers after the number."""
from __future__ import annotations

from newsledger.stages.events.figures import find_figures
from newsledger.stages.events.numbers import parse_number


def test_units_before_tens() -> None:
    assert parse_number("خمسة وعشرون", "ar") == 25
    assert parse_number("ثلاثة عشر", "ar") == 13
    assert parse_number("عشرة", "ar") == 10


def test_killed_and_injured_with_prefixes() -> None:
    figures = find_figures("أسفر القصف الصاروخي عن مقتل 12 مدنيا وإصابة 40 آخرين", "ar")
    got = {f.kind: (f.figure.low, f.figure.text) for f in figures}
    assert got == {"killed": (12, "12"), "injured": (40, "40")}


def test_at_least_after_the_number_and_dozens() -> None:
    figures = find_figures("قتل 7 أشخاص على الأقل", "ar")
    assert [(f.kind, f.figure.low, f.figure.high) for f in figures] == [("killed", 7, None)]
    vague = find_figures("أصيب عشرات المدنيين", "ar")
    assert [(f.kind, f.figure.label) for f in vague] == [("injured", "dozens")]


def test_an_arabic_page_with_its_date_place_and_figures() -> None:
    from newsledger import analyze_text

    doc = analyze_text("قالت وزارة الدفاع يوم السبت 17 أكتوبر 2020 إن القصف الصاروخي على مدينة كنجة أسفر عن مقتل 13 مدنيا "
                       "وإصابة أكثر من 40 آخرين.", published="2020-10-18")
    assert {p.lang for p in doc.paragraphs} == {"ar"}
    attack = next(e for e in doc.events if e.type == "attack")
    assert attack.date.value == "2020-10-17"
    assert attack.killed is not None and attack.killed.low == 13
    assert attack.injured is not None and (attack.injured.low, attack.injured.high) == (40, None)
    assert any(e.canonical == "Ganja" for e in doc.entities)
