"""An event's day and place across a page's sentences: two named days are two events, the sentence that names the
day with the scene or toll dates the event, a date that closes a list of days dates none, and a settlement named as
such ("the city of Tartar", "городу Гянджа") is the attack's place, and "that night" is the day just told. Inputs
written for the tests."""
from __future__ import annotations

from typing import Optional

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger import analyze_text
from newsledger.models import Argument, Event, EventDate, Figure, Span
from newsledger.stages.events.dating import _ends_a_list_of_days
from newsledger.stages.events.merging import _merge

GANJA = Argument("Ganja", 0, 5, "Ganja", "Ganja")


def _day(value: str) -> EventDate:
    return EventDate(value, "day", "explicit", value, value)


def _bound() -> EventDate:
    return EventDate(None, "unknown", "bounded", None, "2020-10-17")


def test_two_tellings_that_name_days_a_week_apart_are_two_events() -> None:
    on_17 = Event("attack", None, Span(0, 10, "a"), place=GANJA, date=_day("2020-10-17"))
    on_11 = Event("attack", None, Span(11, 20, "b"), place=GANJA, date=_day("2020-10-11"))
    kept, _ = _merge([on_17, on_11], [0, 1])
    assert [e.date.value for e in kept] == ["2020-10-17", "2020-10-11"]


def test_a_night_told_on_either_day_stays_one_event() -> None:
    night = Event("attack", None, Span(0, 10, "a"), place=GANJA, date=_day("2020-10-16"))
    morning = Event("attack", None, Span(11, 20, "b"), place=GANJA, date=_day("2020-10-17"))
    kept, _ = _merge([night, morning], [0, 0])
    assert len(kept) == 1 and kept[0].date.value == "2020-10-16"


def test_statements_on_other_days_still_fold_across_the_page() -> None:
    said = Event("interview/statement", None, Span(0, 10, "a"), date=_day("2020-10-17"))
    again = Event("interview/statement", None, Span(11, 20, "b"), date=_day("2020-10-10"))
    assert len(_merge([said, again], [0, 3])[0]) == 1


def test_the_telling_with_the_toll_and_its_day_dates_the_event() -> None:
    lead = Event("attack", None, Span(0, 10, "a"), place=GANJA, date=_bound())
    toll = Event("attack", None, Span(11, 20, "b"), date=_day("2020-10-17"), killed=Figure(5, 5, 11, 12, "5"))
    kept, _ = _merge([lead, toll], [0, 0])
    assert len(kept) == 1 and kept[0].date.value == "2020-10-17" and kept[0].span.text == "b"


def test_a_day_told_without_scene_or_toll_does_not_date_the_event() -> None:
    # "The suspect appears in court on Friday": that day is the hearing's, not the shooting's.
    shooting = Event("attack", None, Span(0, 10, "a"), place=GANJA, date=_bound())
    hearing = Event("attack", None, Span(11, 20, "b"), date=_day("2020-10-23"))
    kept, _ = _merge([shooting, hearing], [0, 0])
    assert len(kept) == 1 and kept[0].date.value is None


def test_a_date_that_closes_a_list_of_days() -> None:
    assert _ends_a_list_of_days("on 4, 5, 8, 11 and ", "en")
    assert _ends_a_list_of_days("4, 5, 8, 11 və ", "az")
    assert not _ends_a_list_of_days("killed 3 on ", "en")
    assert not _ends_a_list_of_days("at 23:00, ", "en")
    assert not _ends_a_list_of_days("In 2020, ", "en")


def test_an_attack_told_on_a_list_of_days_gets_no_single_day() -> None:
    doc = analyze_text("Armenian forces shelled Ganja on 4, 5, 8, 11 and 17 October, killing 26 civilians.",
                       input_id="days", published="2020-10-20")
    attacks = [e for e in doc.events if e.type == "attack"]
    assert attacks and all(e.date.value is None for e in attacks)
    assert all(e.date.not_after == "2020-10-20" for e in attacks)


@pytest.mark.parametrize("text, place", [
    ("Armenian forces shelled the city of Tartar overnight.", "Tartar"),
    ("Azerbaijani forces targeted Stepanakert, the capital city of Artsakh, with missile strikes.", "Stepanakert"),
    ("Власти заявили о ракетном ударе, нанесенном с территории Армении по азербайджанскому городу Гянджа.", "Гянджа"),
    ("Balistik füze gece 01.00 sularında Gence kentinin Cevathan Mahallesi’ndeki binalara isabet etti.", "Gence"),
])
def test_a_settlement_named_as_such_is_the_attack_s_place(text: str, place: str) -> None:
    doc = analyze_text(text, input_id="settlement", published="2020-10-17")
    assert [e.place.text for e in doc.events if e.type == "attack" and e.place] == [place]


def test_a_region_beside_the_word_for_town_is_not_the_town() -> None:
    from newsledger.models import Entity
    from newsledger.stages.events.arguments import _named_as_settlement
    from newsledger.stages.events.places import _is_region_or_country

    text = "Questions have been raised in a small New Mexico town after two students were shot."
    doc = analyze_text(text, input_id="region")
    at = text.index("New Mexico")
    region = Entity(at, at + len("New Mexico"), "New Mexico", "GPE", "New Mexico")
    assert _named_as_settlement(doc, region, "en") and _is_region_or_country("New Mexico")
    assert all(e.place is None or e.place.text != "New Mexico" for e in doc.events)


@pytest.mark.parametrize("text, published, day", [
    ("Police were called on March 3 to a party on Elm Street. A man was shot dead there that night.", "2016-03-05",
     "2016-03-03"),
    ("2020-ci ilin oktyabrın 8-nə keçən gecə Gəncə hücuma məruz qalıb.\nBelə ki, həmin gecə endirilən raket zərbəsi "
     "nəticəsində şəhərdə bir çox yaşayış evləri dağılıb.", None, "2020-10-08"),
])
def test_that_night_is_the_day_just_told(text: str, published: Optional[str], day: str) -> None:
    doc = analyze_text(text, input_id="anaphora", published=published)
    assert [e.date.value for e in doc.events if e.type == "attack"][-1] == day


def test_that_night_with_no_day_told_before_stays_a_bound() -> None:
    doc = analyze_text("A man was shot dead on Elm Street that night.", input_id="anaphora", published="2016-03-05")
    assert [e.date.value for e in doc.events if e.type == "attack"] == [None]


def test_consultations_of_ministers_are_talks() -> None:
    doc = analyze_text("В пятницу, 9 октября, в Москве прошли консультации министров иностранных дел России, Армении и "
                       "Азербайджана.", input_id="talks", published="2020-10-10")
    assert [(e.type, e.date.value) for e in doc.events] == [("meeting/talks", "2020-10-09")]


def test_a_toll_continues_the_telling_just_before_it() -> None:
    on_17 = Event("attack", None, Span(0, 10, "a"), place=GANJA, date=_day("2020-10-17"))
    on_11 = Event("attack", None, Span(11, 20, "b"), place=GANJA, date=_day("2020-10-11"))
    toll = Event("attack", None, Span(21, 30, "c"), place=GANJA, date=_bound(), killed=Figure(9, 9, 21, 22, "9"))
    kept, _ = _merge([on_17, on_11, toll], [6, 7, 7])
    assert [(e.date.value, e.killed.low if e.killed else None) for e in kept] == [("2020-10-17", None), ("2020-10-11", 9)]


@pytest.mark.parametrize("text, published, words", [
    ("Armenia struck Ganja on 17 October, killing 12 people.", "2020-10-18", "17 October"),
    ("A man was shot dead on Elm Street on Saturday.", "2016-03-07", "Saturday"),
    ("Police were called on March 3 to a party on Elm Street. A man was shot dead there that night.", "2016-03-05",
     "March 3"),
])
def test_an_event_s_day_cites_the_words_it_was_read_from(text: str, published: str, words: str) -> None:
    from newsledger import check_spans

    doc = analyze_text(text, input_id="evidence", published=published)
    evidence = [e.date.evidence for e in doc.events if e.type == "attack"][-1]
    assert evidence is not None and evidence.text == words and not check_spans(doc)


def test_a_bound_cites_no_day() -> None:
    doc = analyze_text("A man was shot dead on Elm Street.", input_id="evidence", published="2016-03-07")
    assert [e.date.evidence for e in doc.events if e.type == "attack"] == [None]


@pytest.mark.parametrize("text, code", [
    ("Ракетный удар по Барде: погибли Искендерова Айсу Ровшан гызы (2013 года рождения) и еще 3 человека.", "ru"),
    ("Gəncəyə raket zərbəsi nəticəsində 1992-ci il təvəllüdlü Əliyeva Günay həlak olub.", "az"),
    ("The man, born in 1985, was shot dead in Tulsa.", "en"),
])
def test_a_victim_s_birth_year_is_no_event_date(text: str, code: str) -> None:
    doc = analyze_text(text, input_id="born", published="2020-10-28")
    assert [e.date.value for e in doc.events if e.type == "attack"] == [None]


def test_a_year_that_is_no_birth_year_still_dates_the_event() -> None:
    doc = analyze_text("Two men were shot dead in Tulsa in 1985.", input_id="born", published="2016-03-07")
    assert [e.date.value for e in doc.events if e.type == "attack"] == ["1985"]


_PIECES = ["A man was shot dead on Elm Street", "on Saturday", "on March 3", "that night", "on 4, 5 and 17 October",
           "Police were called to a party", "born in 1985", "yesterday", "Two people were wounded", "in the city of Tulsa"]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=6), st.sampled_from([None, "2016-03-07"]))
def test_every_event_day_cites_exact_words(pieces: list[str], published: Optional[str]) -> None:
    from newsledger import check_spans

    text = ". ".join(" ".join(pieces[i:i + 2]) for i in range(0, len(pieces), 2)) + "."
    doc = analyze_text(text, input_id="property", published=published)
    assert not check_spans(doc)
    for event in doc.events:
        if event.date.evidence is not None:
            assert doc.text[event.date.evidence.start:event.date.evidence.end] == event.date.evidence.text
