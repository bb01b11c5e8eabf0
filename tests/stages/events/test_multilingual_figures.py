"""Figures and events in every language: numbers from words, vague labels, stated zeros, qualifiers after the
number, victims counted by name, running totals, and what did not happen. Sentences written for the tests."""
from __future__ import annotations

import pytest

from newsledger import analyze_text
from newsledger.models import Event, Figure, Span
from newsledger.stages.events.figures import find_figures
from newsledger.stages.events.incident import incident_figures
from newsledger.stages.events.merging import _merge


def _figures(text: str, code: str) -> dict[str, tuple[object, object, str, object]]:
    return {f.kind: (f.figure.low, f.figure.high, f.figure.text, f.figure.label) for f in find_figures(text, code)}


@pytest.mark.parametrize("text, code, kind, low, label", [
    ("Hücum nəticəsində on nəfər həlak olub.", "az", "killed", 10, None),
    ("Dix personnes ont été tuées dans la nuit.", "fr", "killed", 10, None),
    ("Saldırıda on iki sivil hayatını kaybetti.", "tr", "killed", 12, None),
    ("Під час обстрілу загинули двоє людей.", "uk", "killed", 2, None),
    ("Gəncədə onlarla mülki şəxs yaralanıb.", "az", "injured", None, "dozens"),
    ("Lors de la frappe, plusieurs civils ont été blessés.", "fr", "injured", None, "several"),
    ("В результате удара ранены десятки человек.", "ru", "injured", None, "dozens"),
    ("Hundreds of people were injured in the blast.", "en", "injured", None, "hundreds"),
])
def test_numbers_everywhere_as_numbers_and_vague_counts_labelled(text: str, code: str, kind: str, low: object,
                                                                  label: object) -> None:
    got = _figures(text, code)[kind]
    assert (got[0], got[3]) == (low, label)


@pytest.mark.parametrize("text, code", [
    ("Glücklicherweise wurde niemand getötet oder verletzt.", "de"),
    ("No one was killed or injured in the strike.", "en"),
    ("Heç kim həlak olmayıb və ya yaralanmayıb.", "az"),
])
def test_a_stated_zero_holds_for_both_casualty_words(text: str, code: str) -> None:
    got = _figures(text, code)
    assert (got["killed"][0], got["injured"][0]) == (0, 0)


@pytest.mark.parametrize("text, code, expected", [
    ("Hücumda 15-dən çox dinc sakin yaralanıb.", "az", (15, None, "15-dən çox")),
    ("Saldırıda 20'den fazla kişi yaralandı.", "tr", (20, None, "20'den fazla")),
    ("Ռմբակոծության հետևանքով 30-ից ավելի մարդ է վիրավորվել։", "hy", (30, None, "30-ից ավելի")),
])
def test_qualifiers_written_after_the_number(text: str, code: str, expected: tuple[object, ...]) -> None:
    assert _figures(text, code)["injured"][:3] == expected


def test_victims_counted_by_their_patronymics() -> None:
    az = _figures("Raket zərbəsi nəticəsində Məmmədov Elvin Rauf oğlu həlak olub, 12 nəfər yaralanıb.", "az")
    assert az["killed"][0] == 1 and "oğlu" in az["killed"][2]
    assert az["injured"][0] == 12
    ru = _figures("В результате обстрела погибли жители села - Алиева Севда Ислам гызы и Гусейнов Рамиз Аяз оглы.", "ru")
    assert ru["killed"][0] == 2


def test_a_running_total_keeps_its_figures_but_counts_for_no_incident() -> None:
    doc = analyze_text("Armenian forces shelled Tartar on Monday, killing two civilians.\n\n"
                       "Since the start of the war, 60 civilians have been killed and 270 injured, the ministry said.",
                       published="2020-10-20")
    tally = [e for e in doc.events if e.killed is not None and e.killed.low == 60]
    assert tally and "running total" in (tally[0].killed.note or "")
    killed, _, main = incident_figures(doc.events)
    assert killed is not None and killed.low == 2
    assert main is not None and main.killed is killed


@pytest.mark.parametrize("text, code", [
    ("Such strikes on sleeping families are a crime under the laws of war.", "en"),
    ("If the shelling of civilians continues, we will respond.", "en"),
    ("The ministry denied that its artillery shelled Stepanakert.", "en"),
    ("The EU called for an immediate ceasefire.", "en"),
    ("Подобные удары по мирным городам недопустимы.", "ru"),
    ("МИД России призвал стороны к прекращению огня.", "ru"),
    ("Belə hücumlar beynəlxalq hüququn kobud pozuntusudur.", "az"),
    ("Müdafiə Nazirliyi Tərtərin atəşə tutulması barədə məlumatları təkzib edib.", "az"),
    ("Bakanlık, Terter'e yönelik saldırı iddialarını yalanladı.", "tr"),
    ("Le ministère a démenti tout bombardement de la ville.", "fr"),
    ("Եթե հրետակոծությունները շարունակվեն, մենք կպատասխանենք։", "hy"),
])
def test_generic_conditional_call_and_denial_are_no_events(text: str, code: str) -> None:
    doc = analyze_text(text)
    assert not [e for e in doc.events if e.type in ("attack", "ceasefire/agreement")], [e.span.text for e in doc.events]


@pytest.mark.parametrize("text", [
    "Armenian forces shelled Tartar on Monday.",
    "Ermənistan silahlı qüvvələri Tərtəri atəşə tutub.",
    "Армянские войска обстреляли Тертер.",
])
def test_what_happened_is_still_an_event(text: str) -> None:
    assert [e.type for e in analyze_text(text).events] == ["attack"]


def test_a_later_telling_with_figures_gives_the_event_its_sentence() -> None:
    first = Event("attack", "shelling/artillery/missile", Span(0, 20, "The city was shelled"))
    later = Event("attack", None, Span(21, 40, "Five people died."), killed=Figure(5, 5, 21, 25, "Five"))
    kept, _ = _merge([first, later], [0, 0])
    assert len(kept) == 1 and kept[0].span.text == "Five people died." and kept[0].killed is not None


def test_two_injured_counts_are_two_tellings() -> None:
    a = Event("attack", None, Span(0, 10, "a"), injured=Figure(35, 35, 0, 2, "35"))
    b = Event("attack", None, Span(11, 20, "b"), injured=Figure(40, None, 11, 13, "40"))
    kept, _ = _merge([a, b], [0, 0])
    assert [e.injured.low for e in kept if e.injured] == [35, 40]


def test_a_paragraph_without_language_is_guessed_by_its_script() -> None:
    from newsledger.stages.events.patterns import guess_lang

    assert guess_lang("Թարթառում զոհվել է 3 մարդ։") == "hy"
    assert guess_lang("مقتل 3 مدنيين") == "ar"
