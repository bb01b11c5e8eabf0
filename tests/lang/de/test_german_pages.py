"""German pages read end to end: the German pack (newsledger/lang/de) alone makes them readable.

The pages are written for this test (a fictional town, a fictional minister).
"""
from __future__ import annotations

import pytest

from newsledger import analyze_text, lang
from newsledger.models import Document

SHELLING = ("""Raketenangriff auf Kramsk: zwölf Tote

Kramsk, 18. Oktober 2023. In der Stadt Kramsk sind am 17. Oktober mehrere Wohnhäuser zerstört worden. """
            """Nach Angaben des Ministeriums wurden bei dem Beschuss 12 Menschen getötet und 40 verletzt.

„Das war ein gezielter Angriff auf Zivilisten“, sagte Innenminister Jonas Bergmann. Er sprach am Mittwoch in der Hauptstadt.

Gestern hatten beide Seiten noch über eine Waffenruhe gesprochen. Ein Treffen der Außenminister ist für die kommende Woche geplant.""")


@pytest.fixture(scope="module")
def shelling() -> Document:
    return analyze_text(SHELLING, input_id="de-shelling", published="2023-10-18")


def test_the_page_is_read_as_german(shelling: Document) -> None:
    assert {p.lang for p in shelling.paragraphs if p.kind == "body"} == {"de"}
    assert lang.get("de").code == "de"


def test_dates_day_month_weekday_and_yesterday(shelling: Document) -> None:
    dates = {(d.text, d.value, d.basis) for d in shelling.dates}
    assert ("17. Oktober", "2023-10-17", "document-date") in dates
    assert ("18. Oktober 2023", "2023-10-18", "explicit") in dates
    assert ("Gestern", "2023-10-17", "relative") in dates
    assert ("Mittwoch", "2023-10-18", "relative") in dates
    for d in shelling.dates:
        assert shelling.text[d.start:d.end] == d.text


def test_casualty_figures_and_their_claimant(shelling: Document) -> None:
    attacks = [e for e in shelling.events if e.type == "attack"]
    assert len(attacks) == 1
    attack = attacks[0]
    assert attack.subtype == "shelling/artillery/missile"
    assert attack.killed is not None and (attack.killed.low, attack.killed.high) == (12, 12)
    assert attack.injured is not None and (attack.injured.low, attack.injured.high) == (40, 40)
    assert shelling.text[attack.killed.start:attack.killed.end] == "12"
    assert shelling.text[attack.injured.start:attack.injured.end] == "40"
    assert attack.claimant is not None and attack.claimant.name == "Ministeriums"
    assert attack.date is not None and attack.date.not_after == "2023-10-18"  # on or before the page's date


def test_ceasefire_and_meeting_triggers(shelling: Document) -> None:
    types = {e.type for e in shelling.events}
    assert {"ceasefire/agreement", "meeting/talks"} <= types


def test_direct_quote_with_german_marks_cue_and_speaker(shelling: Document) -> None:
    direct = [q for q in shelling.quotes if q.kind == "direct"]
    assert len(direct) == 1
    quote = direct[0]
    assert quote.content is not None and quote.content.text == "„Das war ein gezielter Angriff auf Zivilisten“"
    assert shelling.text[quote.content.start:quote.content.end] == quote.content.text
    assert quote.cue is not None and quote.cue.text == "sagte"
    assert shelling.text[quote.cue.start:quote.cue.end] == "sagte"
    assert quote.speaker is not None and quote.speaker.name.endswith("Jonas Bergmann")


def test_german_number_words_and_compounds() -> None:
    from newsledger.stages.events.figures import find_figures

    found = find_figures("Bei dem Angriff wurden mindestens zwölf Zivilisten getötet.", "de")
    assert [(f.kind, f.figure.low, f.figure.high, f.figure.text) for f in found] == [("killed", 12, None, "mindestens zwölf")]
